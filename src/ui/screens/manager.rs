//! The reservations manager (Ctrl-R), over the body: every reservation of the account with
//! its place, type, monthly price and countdown; buy or cancel the one under the cursor.
//! Reservations the API no longer lists are shown as gone; unreadable ones are counted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Wrap};

use crate::ui::View;
use crate::ui::phone::pretty;
use crate::ui::text::{clean, fit, mmss};
use crate::ui::widgets::{countdown, dialog, list, status};
use crate::wizard::{Held, Load, Manager};

/// Draws the manager over `area`.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect, manager: &Manager) {
    let wizard = view.wizard;
    let theme = &view.theme;
    let holds = &wizard.held.holds;
    let rows_wanted = u16::try_from(holds.len().max(1)).unwrap_or(u16::MAX);
    let height = rows_wanted
        .saturating_add(6)
        .min(area.height.saturating_sub(2));
    let width = area.width.saturating_sub(4).min(72);
    let inner = dialog::popup(view, frame, area, "Reservations", (width, height));
    let [state_area, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);

    match &manager.load {
        Load::Failed { message } => {
            status::failed(
                view,
                frame,
                inner,
                "Could not list the reservations",
                message,
            );
            return;
        }
        Load::Loading | Load::Idle => {
            let line = status::loading_line(view, "Loading reservations…");
            frame.render_widget(line, state_area);
        }
        Load::Loaded(()) => {
            let count = holds.iter().filter(|h| !h.gone).count();
            let mut text = match count {
                0 if manager.unreadable == 0 => "No active reservations.".to_owned(),
                1 => "1 reservation.".to_owned(),
                n => format!("{n} reservations."),
            };
            let style = if manager.unreadable > 0 {
                text = format!(
                    "{text} {} could not be read: the list may be incomplete.",
                    manager.unreadable
                );
                theme.warning
            } else {
                theme.muted
            };
            frame.render_widget(
                Paragraph::new(Line::styled(text, style)).wrap(Wrap { trim: true }),
                state_area,
            );
        }
    }
    if holds.is_empty() {
        return;
    }
    let columns = [
        ("Number", Constraint::Length(18)),
        ("Where", Constraint::Fill(1)),
        ("Monthly", Constraint::Length(10)),
        ("Expires in", Constraint::Length(10)),
    ];
    list::draw_windowed(
        view,
        frame,
        list_area,
        &columns,
        holds,
        manager.cursor,
        |held, widths| {
            let remaining = held.remaining(wizard.now);
            let expires = if held.gone {
                Span::styled("gone", theme.muted)
            } else if held.is_expired(wizard.now) {
                Span::styled("expired", theme.countdown_critical)
            } else {
                Span::styled(mmss(remaining), countdown::style(theme, remaining))
            };
            let monthly = held
                .group
                .as_ref()
                .map_or(held.reservation.facts.monthly, |g| g.price.monthly);
            let monthly = match monthly.amount() {
                Some(_) => wizard.chrome.currency.show(monthly),
                None => "—".to_owned(),
            };
            Row::new(vec![
                Span::raw(
                    fit(&pretty(&held.reservation.number), usize::from(widths[0])).into_owned(),
                ),
                Span::raw(fit(&place(held), usize::from(widths[1])).into_owned()),
                Span::raw(monthly),
                expires,
            ])
        },
    );
}

/// Where a reservation's number is and of what type (`Los Angeles · local`), from its group
/// when numpick loaded it, else from the listing; the group id when neither says.
fn place(held: &Held) -> String {
    let facts = &held.reservation.facts;
    let (location, did_type) = match &held.group {
        Some(group) => (Some(group.location.as_str()), Some(group.did_type.as_str())),
        None => (facts.location.as_deref(), facts.did_type.as_deref()),
    };
    let parts: Vec<String> = [location, did_type]
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .map(|part| clean(part).into_owned())
        .collect();
    if parts.is_empty() {
        held.group_id().map_or("unknown group".to_owned(), |id| {
            format!("group {}", clean(id.as_str()))
        })
    } else {
        parts.join(" · ")
    }
}
