//! "My numbers" (Ctrl-O), over the body: the numbers the account owns with their status in
//! words, type, name and renewal date, a search box, and the release confirmation that asks
//! for the number's last four digits.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Wrap};

use crate::api::model::{NumberStatus, OwnedNumber};
use crate::ui::View;
use crate::ui::phone::pretty;
use crate::ui::text::{clean, fit};
use crate::ui::widgets::{dialog, list, search, status};
use crate::wizard::{OwnedView, ReleaseConfirm};

/// Draws "My numbers" over `area`.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect, owned: &OwnedView) {
    let theme = &view.theme;
    let width = area.width.saturating_sub(4).min(96);
    let height = area.height.saturating_sub(2);
    let inner = dialog::popup(view, frame, area, "My numbers", (width, height));
    let [search_area, state_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let focused = View {
        focused: view.wizard.chrome.modal.is_none() && owned.release.is_none(),
        ..*view
    };
    search::render(
        &focused,
        frame,
        search_area,
        "Search:",
        owned.list.query(),
        "type to filter · Ctrl-X release · Esc close",
    );
    let areas = [state_area, list_area];
    let (failed, loading) = (
        "Could not list your numbers",
        "Reading the account's numbers…",
    );
    if !status::until_loaded(view, frame, &owned.load, areas, failed, loading) {
        return;
    }
    let count = owned.list.items().len();
    let mut text = match count {
        0 if owned.unreadable == 0 => "The account owns no numbers.".to_owned(),
        1 => "1 number.".to_owned(),
        n => format!("{n} numbers."),
    };
    if owned.unreadable > 0 {
        text.push_str(&format!(
            " {} could not be read: the list is incomplete.",
            owned.unreadable
        ));
    }
    frame.render_widget(Line::styled(text, theme.muted), state_area);
    rows(view, frame, list_area, owned);
    if let Some(confirm) = &owned.release {
        release_dialog(view, frame, area, confirm);
    }
}

fn rows(view: &View<'_>, frame: &mut Frame, area: Rect, owned: &OwnedView) {
    let theme = &view.theme;
    let columns = [
        ("Number", Constraint::Length(18)),
        ("Status", Constraint::Length(22)),
        ("Type", Constraint::Length(11)),
        ("Name", Constraint::Fill(1)),
        ("Renews", Constraint::Length(11)),
    ];
    list::draw_picked(
        view,
        frame,
        area,
        &columns,
        &owned.list,
        |number, widths| {
            let status = number.status_text.as_ref();
            let status_style = match status {
                Some(NumberStatus::Active) | None => theme.ok,
                Some(NumberStatus::PendingCancellation | NumberStatus::Released) => theme.muted,
                Some(_) => theme.warning,
            };
            let cell = |text: &str, width: u16| fit(text, usize::from(width)).into_owned();
            Row::new(vec![
                Span::raw(cell(&shown(number), widths[0])),
                Span::styled(
                    cell(
                        &status.map_or("—".to_owned(), NumberStatus::describe),
                        widths[1],
                    ),
                    status_style,
                ),
                Span::raw(cell(
                    &clean(number.provider_type.as_deref().unwrap_or("—")),
                    widths[2],
                )),
                Span::raw(cell(
                    &clean(number.friendly_name.as_deref().unwrap_or("")),
                    widths[3],
                )),
                Span::raw(cell(renewal(number), widths[4])),
            ])
        },
    );
}

/// The number as the API formats it, else grouped by numpick.
fn shown(number: &OwnedNumber) -> String {
    match &number.formatted_phone_number {
        Some(formatted) if !formatted.trim().is_empty() => clean(formatted).into_owned(),
        _ => pretty(&number.phone_number),
    }
}

/// The renewal date (its day only).
fn renewal(number: &OwnedNumber) -> &str {
    number
        .expires_at
        .as_deref()
        .map_or("—", |text| text.get(..10).unwrap_or(text))
}

/// "Release this number?" with the digits typed so far.
fn release_dialog(view: &View<'_>, frame: &mut Frame, area: Rect, confirm: &ReleaseConfirm) {
    let theme = &view.theme;
    let typed = format!("{:_<4}", confirm.typed);
    let lines = vec![
        Line::from(vec![
            Span::raw("Release "),
            Span::styled(shown(&confirm.number), theme.title),
            Span::raw("?"),
        ]),
        Line::styled("A release cannot be undone.", theme.warning),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Type its last four digits: "),
            Span::styled(typed, theme.accent),
        ]),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Enter", theme.accent),
            Span::raw(" release · "),
            Span::styled("Esc", theme.accent),
            Span::raw(" keep it"),
        ]),
    ];
    let height = dialog::wrapped_height(&lines, 60) + 2;
    let inner = dialog::popup(view, frame, area, "Release a number", (60, height));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
