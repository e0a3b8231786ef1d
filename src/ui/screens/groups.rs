//! The group step: a table of number groups that keeps, at every size, what tells them
//! apart ([`group_columns`](super::group_columns)), and under it a detail line for the
//! highlighted group: its prices, what it needs, whether its number can be chosen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::api::model::{Group, Price};
use crate::ui::View;
use crate::ui::text::{clean, fit, short_features};
use crate::ui::widgets::{list, status};
use crate::wizard::Load;

use super::body_block;
use super::group_columns::{Column, Plan, feature_glyphs, notes_text, plan};
use super::lists::{Columns, draw_fetched};

/// Draws the group step.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let wizard = view.wizard;
    let title = if wizard.groups_cheapest_first() {
        "Choose a number group — cheapest first"
    } else {
        "Choose a number group"
    };
    let picker = match &wizard.lists.groups.load {
        Load::Loaded(picker) if picker.items().is_empty() => {
            let block = body_block(view, format!(" {title} "));
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let (message, hint) = match wizard.prefix_jumped() {
                Some(prefix) => (
                    format!("No number groups with the prefix {prefix} here."),
                    "Esc to broaden: back to the cities, with the search cleared.",
                ),
                None => (
                    "No number groups match.".to_owned(),
                    "Esc to broaden: Any city, Any type.",
                ),
            };
            status::empty(view, frame, inner, &message, hint);
            return;
        }
        Load::Loaded(picker) => Some(picker),
        _ => None,
    };
    let [table_area, detail_area] = match picker {
        Some(_) => {
            Layout::vertical([Constraint::Fill(1), Constraint::Length(DETAIL_HEIGHT)]).areas(area)
        }
        None => [area, Rect::default()],
    };
    let groups: Vec<&Group> = picker
        .map(|p| p.items().iter().collect())
        .unwrap_or_default();
    // The table's inside: the box's borders and the cursor's marker take four cells.
    let inner_width = table_area.width.saturating_sub(2 + list::MARKER_WIDTH);
    let plan = plan(&groups, inner_width, wizard.chrome.currency);
    let titles: Vec<&str> = plan
        .columns
        .iter()
        .map(|&(c, _)| title_of(c, &plan))
        .collect();
    let constraints: Vec<Constraint> = (plan.columns.iter())
        .map(|&(_, w)| Constraint::Length(w))
        .collect();
    let columns = Columns {
        titles: &titles,
        constraints: &constraints,
    };
    draw_fetched(
        view,
        frame,
        table_area,
        title,
        "number groups",
        &wizard.lists.groups,
        &columns,
        |group| cells(view, group, &plan),
    );
    if let Some(group) = picker.and_then(|p| p.selected()) {
        frame.render_widget(detail(view, group, detail_area), detail_area);
    }
}

fn title_of(column: Column, plan: &Plan) -> &'static str {
    match column {
        Column::Prefix => "Prefix",
        Column::Location => "Location",
        Column::Type => "Type",
        Column::Setup => "Setup",
        Column::Monthly => "Monthly",
        Column::Features if plan.compact_features => "Feat",
        Column::Features => "Features",
        Column::Notes if plan.compact_notes => "!",
        Column::Notes => "Notes",
    }
}

fn cells(view: &View<'_>, group: &Group, plan: &Plan) -> Vec<Span<'static>> {
    (plan.columns.iter())
        .map(|&(column, width)| match column {
            Column::Prefix => clean(&group.prefix).into_owned().into(),
            Column::Location => clean(&group.location).into_owned().into(),
            Column::Type => clean(&group.did_type).into_owned().into(),
            Column::Setup => price(view, group.price.setup, width),
            Column::Monthly => price(view, group.price.monthly, width),
            Column::Features if plan.compact_features => {
                Span::styled(feature_glyphs(&group.features), view.theme.muted)
            }
            Column::Features => Span::styled(short_features(&group.features), view.theme.muted),
            Column::Notes => notes(view, group, plan.compact_notes),
        })
        .collect()
}

/// A price with its currency, right-aligned in its column; an unknown price stands out.
fn price(view: &View<'_>, price: Price, width: u16) -> Span<'static> {
    let width = usize::from(width);
    let text = format!("{:>width$}", view.wizard.chrome.currency.show(price));
    match price {
        Price::Known(_) => Span::raw(text),
        Price::Unknown => Span::styled(text, view.theme.warning),
    }
}

fn notes(view: &View<'_>, group: &Group, compact: bool) -> Span<'static> {
    let text = notes_text(group, compact);
    if group.has_requirements() {
        Span::styled(text, view.theme.warning)
    } else {
        Span::styled(text, view.theme.muted)
    }
}

/// How many lines the detail under the table takes: enough for every fact at 60 columns.
const DETAIL_HEIGHT: u16 = 3;

/// A few lines about the highlighted group: its prices, what it needs, whether its number
/// can be chosen, and whether it can be the account's free number. The facts are packed
/// between ` · ` so that none is cut in the middle while there is room.
fn detail(view: &View<'_>, group: &Group, area: Rect) -> ratatui::widgets::Paragraph<'static> {
    let currency = view.wizard.chrome.currency;
    let muted = view.theme.muted;
    let mut parts = vec![
        (
            format!("{} setup", currency.show(group.price.setup)),
            Style::new(),
        ),
        (
            format!("{}/month", currency.show(group.price.monthly)),
            Style::new(),
        ),
        (
            format!(
                "due now {}",
                currency.show(crate::money::due_now(&group.price))
            ),
            view.theme.title,
        ),
    ];
    if group.price.per_minute.amount().is_some() {
        parts.push((
            format!("{}/min", currency.show(group.price.per_minute)),
            muted,
        ));
    }
    let checklist = crate::requirements::Checklist::of(&group.requirements);
    let needs_style = if checklist.is_empty() {
        muted
    } else {
        view.theme.warning
    };
    parts.push((checklist.summary(), needs_style));
    let pick = if group.allow_number_selection {
        "you pick the number"
    } else {
        "a random number is assigned"
    };
    parts.push((pick.to_owned(), muted));
    if group.is_eligible_for_free_number {
        parts.push(("can be the free number".to_owned(), view.theme.ok));
    }
    let room = usize::from(area.width.saturating_sub(1));
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for (text, style) in parts {
        let width = text.width();
        let line = lines.last_mut().expect("one line at least");
        if line.is_empty() {
            line.push(Span::raw(" "));
        } else if used + 3 + width <= room {
            line.push(Span::styled(" · ", muted));
            used += 3;
        } else {
            lines.push(vec![Span::raw(" ")]);
            used = 0;
        }
        let line = lines.last_mut().expect("one line at least");
        line.push(Span::styled(fit(&text, room).into_owned(), style));
        used += width.min(room);
    }
    let shown = usize::from(area.height);
    if lines.len() > shown {
        lines.truncate(shown);
        if let Some(last) = lines.last_mut() {
            last.push(Span::styled(" …", muted));
        }
    }
    ratatui::widgets::Paragraph::new(lines.into_iter().map(Line::from).collect::<Vec<_>>())
}
