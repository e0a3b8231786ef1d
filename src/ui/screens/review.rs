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

use super::{body_block, describe_group, draw_scrolled, due_now, field, json_fields, price};

/// Draws the review step.
pub fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let block = body_block(view, " Review ");
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let [content, actions] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);

    let mut lines = Vec::new();
    if let Some(group) = &view.wizard.group {
        lines.extend(summary(view, group));
        lines.push(Line::raw(""));
        lines.extend(requirements(view, group));
    } else {
        lines.push(Line::styled("No group is chosen.", view.theme.warning));
    }
    draw_scrolled(view, frame, content, lines, view.wizard.document_scroll());
    frame.render_widget(action_line(view), actions);
}

/// The number, the group, its prices and features.
pub fn summary<'a>(view: &View<'_>, group: &Group) -> Vec<Line<'a>> {
    let theme = &view.theme;
    let number = match &view.wizard.number {
        Some(number) => vec![Span::styled(
            pretty(number),
            theme.title,
        )],
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

/// The requirements fetched for the country and type, and the group's own.
fn requirements<'a>(view: &View<'_>, group: &Group) -> Vec<Line<'a>> {
    let theme = &view.theme;
    let mut lines = vec![Line::styled("Requirements", theme.title)];
    let fetched = &view.wizard.requirements.load;
    let fetched_any = fetched.loaded().is_some_and(|r| !r.is_empty());
    if fetched_any || group.has_requirements() {
        for text in [
            "⚠ Documents are required for this number.",
            "  Buying without meeting the requirements can get the number suspended:",
            "  have the documents ready before you buy.",
        ] {
            lines.push(Line::styled(text, theme.warning));
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
        Load::Loaded(items) => {
            for (n, item) in items.iter().enumerate() {
                lines.push(Line::styled(
                    format!("{}. For this country and type", n + 1),
                    theme.title,
                ));
                lines.extend(json_fields(view, item));
            }
        }
    }
    for (n, item) in group.requirements.iter().enumerate() {
        lines.push(Line::styled(
            format!("Of this group ({})", n + 1),
            theme.title,
        ));
        lines.extend(json_fields(view, item));
    }
    if matches!(fetched, Load::Loaded(_)) && !fetched_any && !group.has_requirements() {
        lines.push(Line::styled("✓ No documents required.", theme.ok));
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
        Span::raw(" reserve it (held for a while, buy later) · "),
        Span::styled("b", theme.accent),
        Span::raw(" buy now"),
    ])
}
