//! The search of every group, drawn over the group step: the cost or the progress on top,
//! then one ranked list of the numbers found (number, the group's prefix and location, the
//! monthly price, a documents badge, the memorable tag), and the groups that only assign a
//! number at random at the end.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use crate::everywhere::note;
use crate::ui::View;
use crate::ui::phone::number_line;
use crate::ui::text::clean;
use crate::ui::widgets::{list, spinner};
use crate::vanity::{memorability, national_number};
use crate::wizard::{Everywhere, EverywherePhase};

use super::body_block;
use super::list_columns::{self, Wanted};

/// The number and its group (prefix and location) tell the rows apart and are never
/// dropped; the memorable tag goes first, then the documents badge, then the price.
const COLUMNS: [Wanted; 5] = [
    Wanted::identifies(19, 19),
    Wanted::identifies(40, 14),
    Wanted::extra(10, 1),
    Wanted::extra(6, 2),
    Wanted::extra(12, 3),
];

/// Draws `search` in `area`.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect, search: &Everywhere) {
    let title = format!(
        " Every group · {} ·{}",
        clean(&search.text),
        list::position(search.cursor, search.rows.len())
    );
    let mut block = body_block(view, title);
    if let Some(count) = crate::ui::widgets::basket_marks::count_title(view) {
        block = block.title_bottom(count.left_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let random_lines = u16::try_from(search.random_only.len()).unwrap_or(u16::MAX);
    let status_lines = status_lines(view, search);
    let status_height = u16::try_from(status_lines.len()).unwrap_or(u16::MAX);
    let [status, table, random] = Layout::vertical([
        Constraint::Length(status_height),
        Constraint::Fill(1),
        Constraint::Length(random_lines),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(status_lines), status);
    draw_rows(view, frame, table, search);
    let lines: Vec<Line<'_>> = (search.random_only.iter())
        .map(|g| {
            Line::styled(
                format!(
                    "  {} {} · random number only, not searched",
                    clean(&g.prefix),
                    clean(&g.location)
                ),
                view.theme.muted,
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), random);
}

/// The cost, the progress, or how complete the list is, and what the keys do now. Offering to
/// complete the search, why it may be incomplete gets a line of its own, so that it is read
/// in full before the answer.
fn status_lines<'a>(view: &View<'_>, search: &Everywhere) -> Vec<Line<'a>> {
    let groups = search.first_total;
    let found = note::count(search.rows.len(), search.is_complete());
    let (first, second) = match search.phase {
        EverywherePhase::Confirm { credits } => (
            format!("{groups} groups · {credits} credits"),
            "y or Enter: search them all · n or Esc: not now".to_owned(),
        ),
        EverywherePhase::Running => (
            format!(
                "{} {} of {groups} groups · {found} · {} credits",
                spinner::frame(view.wizard),
                search.first_done,
                search.credits()
            ),
            "Esc stops what is not sent".to_owned(),
        ),
        EverywherePhase::OfferCompletion { credits } => {
            return vec![
                Line::from(Span::styled(found, view.theme.title)),
                Line::from(Span::styled(first_note(search), view.theme.muted)),
                Line::from(Span::styled(
                    format!(
                        "y: complete the search (at least {credits} more credits) · n: keep these"
                    ),
                    view.theme.muted,
                )),
            ];
        }
        EverywherePhase::Finished { stopped } => (
            format!(
                "{found} · {} searched · {} credits{}",
                crate::wording::counted(groups, "group"),
                search.credits(),
                if stopped { " · stopped" } else { "" }
            ),
            first_note(search),
        ),
    };
    vec![
        Line::from(Span::styled(first, view.theme.title)),
        Line::from(Span::styled(second, view.theme.muted)),
    ]
}

/// Why the list may be incomplete, for its first group that is.
fn first_note(search: &Everywhere) -> String {
    (search.searches.iter())
        .find_map(|s| {
            note::incompleteness(s).map(|why| format!("{}: {why}", clean(&s.group.prefix)))
        })
        .unwrap_or_default()
}

fn draw_rows(view: &View<'_>, frame: &mut Frame, area: Rect, search: &Everywhere) {
    if search.rows.is_empty() && matches!(search.phase, EverywherePhase::Finished { .. }) {
        // Never "none" while more may exist.
        let none = if search.is_complete() {
            format!(
                "No number of these groups holds “{}”. Esc goes back to the groups.",
                clean(&search.text)
            )
        } else {
            "None found so far: more numbers may exist (see above).".to_owned()
        };
        frame.render_widget(Paragraph::new(Line::styled(none, view.theme.muted)), area);
        return;
    }
    let window = list::window(
        search.rows.len(),
        search.cursor,
        list::body_rows(area, false),
    );
    let fitted = list_columns::fit(&COLUMNS, area.width.saturating_sub(list::MARKER_WIDTH));
    let widths: Vec<u16> = fitted.iter().flatten().copied().collect();
    let rows: Vec<Row<'_>> = search.rows[window.clone()]
        .iter()
        .map(|&(g, n)| {
            let group = &search.searches[g].group;
            let number = &search.searches[g].numbers[n].number;
            let matched = search.pattern.matches(number).unwrap_or(0..0);
            let memorable = national_number(number)
                .and_then(memorability)
                .map(|m| m.tag)
                .unwrap_or_default();
            let held = view.wizard.own_hold_of(number).is_some();
            let mut number_cell = number_line(number, &matched, Style::new(), view.theme.matched);
            // Marked on the number itself, which is never dropped, whatever the width.
            if held {
                number_cell.push_span(Span::styled(" ◆", view.theme.accent));
            }
            let number_cell = crate::ui::widgets::basket_marks::marked(view, number_cell, number);
            let cells: Vec<Cell<'_>> = vec![
                number_cell.into(),
                Line::raw(format!(
                    "{} {}",
                    clean(&group.prefix),
                    clean(&group.location)
                ))
                .into(),
                Line::raw(format!(
                    "{:>10}",
                    view.wizard.chrome.currency.show(group.price.monthly)
                ))
                .into(),
                if group.has_requirements() {
                    Line::styled("⚠ docs", view.theme.warning)
                } else {
                    Line::raw("")
                }
                .into(),
                if held {
                    Line::styled(super::numbers::RESERVED_MARK, view.theme.accent)
                } else {
                    Line::styled(memorable, view.theme.muted)
                }
                .into(),
            ];
            Row::new(
                list_columns::kept(cells, &fitted)
                    .into_iter()
                    .map(|(c, _)| c),
            )
        })
        .collect();
    let selected = search.cursor.checked_sub(window.start);
    list::draw_table(view, frame, area, None, &widths, rows, selected);
}
