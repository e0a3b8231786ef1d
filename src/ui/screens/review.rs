//! The review step: what would be reserved or bought, its prices and features, and the
//! requirements — with a clear warning when documents are needed.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};

use crate::api::model::Group;
use crate::ui::View;
use crate::ui::phone::pretty;
use crate::ui::text::{clean, feature_name};
use crate::ui::widgets::spinner;
use crate::wizard::Load;

use crate::ui::widgets::checklist::requirement_checklist;

use super::{body_block, describe_group, draw_scrolled, due_now, field, price};

/// Draws the review step.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let block = body_block(view, " Review ");
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let [content, actions] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);

    let mut lines = Vec::new();
    if let Some(group) = &view.wizard.chosen.group {
        lines.extend(summary(view, group));
        lines.push(reference_field(view));
        lines.push(Line::raw(""));
        lines.extend(requirements(view, group, content.width));
    } else {
        lines.push(Line::styled("No group is chosen.", view.theme.warning));
    }
    let furthest = draw_scrolled(view, frame, content, lines, view.wizard.document_scroll());
    view.wizard.report_document_end(furthest);
    match view.wizard.reference_edit() {
        // Typed on the action line, where the cursor shows.
        Some(input) => crate::ui::widgets::search::render(
            view,
            frame,
            actions,
            "Reference:",
            input,
            "a customer or ticket reference (empty: none)",
        ),
        None => frame.render_widget(action_line(view), actions),
    }
}

/// `Reference  ACME-7`, the reference recorded with this session's orders, or how to set one.
fn reference_field<'a>(view: &View<'_>) -> Line<'a> {
    let theme = &view.theme;
    let value = match view.wizard.reference() {
        Some(reference) => vec![
            Span::styled(clean(reference.as_str()).into_owned(), theme.accent),
            Span::styled("  (recorded with the order; e changes it)", theme.muted),
        ],
        None => vec![
            Span::styled("none", theme.muted),
            Span::styled(" — e adds a customer or ticket reference", theme.muted),
        ],
    };
    field(view, "Reference", value)
}

/// The number, the group, its prices and features.
pub(crate) fn summary<'a>(view: &View<'_>, group: &Group) -> Vec<Line<'a>> {
    let theme = &view.theme;
    let number = match &view.wizard.chosen.number {
        Some(number) => vec![Span::styled(pretty(number), theme.title)],
        None => vec![
            Span::styled("one the group assigns", theme.title),
            Span::styled(" (reserved first, shown before you buy)", theme.muted),
        ],
    };
    let features = if group.features.is_empty() {
        "—".to_owned()
    } else {
        group
            .features
            .iter()
            .map(|f| feature_name(f).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut lines = vec![
        field(view, "Number", number),
        field(
            view,
            "Group",
            vec![
                Span::raw(describe_group(group)),
                Span::styled(format!("  (id {})", clean(group.id.as_str())), theme.muted),
            ],
        ),
        field(view, "Setup", price(view, group.price.setup, "one-time")),
        field(view, "Monthly", price(view, group.price.monthly, "a month")),
        due_now(view, group),
    ];
    if group.price.per_minute.amount().is_some() {
        lines.push(field(
            view,
            "Per minute",
            price(view, group.price.per_minute, "a minute of calls"),
        ));
    }
    lines.push(field(view, "Features", vec![Span::raw(features)]));

    if group.is_eligible_for_free_number {
        lines.push(field(
            view,
            "Free",
            vec![Span::styled("can be the account's free number", theme.ok)],
        ));
    }
    lines
}

/// The requirements fetched for the country and type, and the group's own, as one
/// de-duplicated checklist wrapped to `width`.
fn requirements<'a>(view: &View<'_>, group: &Group, width: u16) -> Vec<Line<'a>> {
    let theme = &view.theme;
    let fetched = &view.wizard.lists.requirements.load;
    let checklist = requirement_checklist(view.wizard.lists.requirements.load.loaded(), group);
    let mut lines = vec![Line::from(vec![
        Span::styled("Requirements", theme.title),
        Span::styled(
            format!(" — {}", checklist.summary()),
            if checklist.is_empty() {
                theme.muted
            } else {
                theme.warning
            },
        ),
    ])];
    if !checklist.is_empty() {
        let warning = "⚠ Buying without meeting them can get the number suspended: have the documents ready before you buy.";
        for row in super::checklist::wrap(warning, usize::from(width), "") {
            lines.push(Line::styled(row, theme.warning));
        }
    }
    match fetched {
        Load::Loading | Load::Idle => lines.push(Line::from(vec![
            Span::styled(spinner::frame(view.wizard), theme.accent),
            Span::raw(" Checking the requirements…"),
        ])),
        Load::Failed { message } => {
            lines.push(Line::styled(
                format!("✗ Could not check the requirements: {}", clean(message)),
                theme.error,
            ));
            lines.push(Line::styled("  Enter to retry.", theme.muted));
        }
        Load::Loaded(_) => {}
    }
    lines.extend(super::checklist::lines(view, &checklist, width));
    if matches!(fetched, Load::Loaded(_)) && checklist.is_empty() {
        lines.push(Line::styled("✓ No documents required.", theme.ok));
    } else if !checklist.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("d", theme.accent),
            Span::styled(
                " copies this checklist, to send to the customer",
                theme.muted,
            ),
        ]));
    }
    lines
}

fn action_line<'a>(view: &View<'_>) -> Line<'a> {
    let theme = &view.theme;
    if view.wizard.is_reserving() {
        return Line::from(vec![
            Span::styled(spinner::frame(view.wizard), theme.accent),
            Span::raw(" Reserving…"),
        ]);
    }
    Line::from(vec![
        Span::styled("r", theme.accent),
        Span::raw(format!(
            " reserve it (held for {} · 1 credit) · ",
            hold_lifetime(view)
        )),
        Span::styled("b", theme.accent),
        Span::raw(" buy now"),
    ])
}

/// How long a reservation is held, as the server showed on one made this session: `10
/// minutes`; `a while` before any was made (the lifetime is the server's to choose).
fn hold_lifetime(view: &View<'_>) -> String {
    let lifetime = view.wizard.held.holds.iter().rev().find_map(|held| {
        let made = held.reservation.created_at?;
        let seconds = made.duration_until(held.reservation.expires_at).as_secs();
        (seconds > 0).then_some(seconds)
    });
    match lifetime {
        Some(seconds) if seconds % 60 == 0 => match seconds / 60 {
            1 => "1 minute".to_owned(),
            minutes => format!("{minutes} minutes"),
        },
        Some(seconds) => format!("{}:{:02} minutes", seconds / 60, seconds % 60),
        None => "a while".to_owned(),
    }
}
