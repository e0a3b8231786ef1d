//! The reserved step: the reservation and a big countdown to its expiry, which changes colour
//! as time runs out; at zero the number is marked as no longer buyable.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::ui::View;
use crate::ui::phone::pretty;
use crate::ui::text::{clean, mmss, utc};
use crate::ui::widgets::{countdown, spinner};
use crate::wizard::Purchase;

use super::{body_block, draw_clipped, field, group_fields};

/// Draws the reserved step.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let theme = &view.theme;
    let wizard = view.wizard;
    let block = body_block(view, " Reserved ");
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);

    let Some(held) = wizard.shown_hold() else {
        draw_clipped(
            view,
            frame,
            inner,
            vec![
                Line::styled("This reservation is no longer held.", theme.warning),
                Line::styled("Esc to go back.", theme.muted),
            ],
        );
        return;
    };
    let group = held.group.as_ref().or(wizard.chosen.group.as_ref());
    let reservation = &held.reservation;
    let mut lines = vec![field(
        view,
        "Number",
        vec![Span::styled(pretty(&reservation.number), theme.title)],
    )];
    lines.extend(group_fields(
        view,
        group,
        Span::styled("unknown", theme.warning),
    ));
    lines.push(field(
        view,
        "Expires at",
        vec![Span::raw(utc(reservation.expires_at))],
    ));
    lines.push(field(
        view,
        "Reservation",
        vec![Span::styled(
            clean(reservation.uuid.as_str()).into_owned(),
            theme.muted,
        )],
    ));
    let info_height = u16::try_from(lines.len()).unwrap_or(u16::MAX);

    let remaining = held.remaining(wizard.now);
    let expired = held.is_expired(wizard.now);
    let big = !expired && inner.height >= info_height + countdown::BIG_HEIGHT + 4;
    let [info, _, clock, label, _, activity] = Layout::vertical([
        Constraint::Length(info_height),
        Constraint::Length(1),
        Constraint::Length(if big { countdown::BIG_HEIGHT + 1 } else { 0 }),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    draw_clipped(view, frame, info, lines);
    if big {
        countdown::render_big(theme, frame, clock, remaining);
    }
    let label_line = if expired {
        Line::styled(
            "EXPIRED — cannot be bought. r reserves the number again (one credit).",
            theme.countdown_critical,
        )
    } else {
        Line::from(vec![
            Span::raw("expires in "),
            Span::styled(mmss(remaining), countdown::style(theme, remaining)),
        ])
    };
    frame.render_widget(
        Paragraph::new(label_line).alignment(Alignment::Center),
        label,
    );

    let busy = if matches!(wizard.held.purchase, Purchase::InFlight { .. }) {
        Some("Buying…")
    } else if wizard.is_cancelling() {
        Some("Cancelling…")
    } else {
        None
    };
    if let Some(doing) = busy {
        let line = Line::from(vec![
            Span::styled(spinner::frame(wizard), theme.accent),
            Span::raw(format!(" {doing}")),
        ]);
        frame.render_widget(line, activity);
    }
}
