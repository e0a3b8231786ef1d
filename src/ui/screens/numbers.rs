//! The number step: the available numbers of the chosen group under a vanity box, the digits
//! that match the box highlighted in each number.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use crate::ui::View;
use crate::ui::phone::number_line;
use crate::ui::text::{clean, fit};
use crate::ui::widgets::{list, search, spinner, status};
use crate::vanity;
use crate::wizard::{Load, NumberList};

use super::body_block;
use super::list_columns::{self, Wanted};

/// Draws the number step.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let wizard = view.wizard;
    let group = wizard.chosen.group.as_ref();
    let title = match group {
        Some(group) => format!(" Choose a number — {} ", clean(&group.prefix)),
        None => " Choose a number ".to_owned(),
    };
    let mut block = body_block(view, title);
    if let Load::Loaded(numbers) = &wizard.lists.numbers.load {
        let position = list::position(numbers.cursor(), numbers.visible().len());
        block = block.title_bottom(Line::from(position).right_aligned());
    }
    if let Some(count) = crate::ui::widgets::basket_marks::count_title(view) {
        block = block.title_bottom(count.left_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if group.is_some_and(|g| !g.allow_number_selection) {
        status::empty(
            view,
            frame,
            inner,
            "This group assigns a random number: a number cannot be chosen here.",
            "Esc to go back; on the review, b reserves a number of the group and shows it before buying.",
        );
        return;
    }
    match &wizard.lists.numbers.load {
        Load::Loaded(numbers) => draw_list(view, frame, inner, numbers),
        Load::Loading | Load::Idle => {
            status::loading(view, frame, inner, "Loading available numbers…");
        }
        Load::Failed { message } => status::failed(
            view,
            frame,
            inner,
            "Could not load the available numbers",
            message,
        ),
    }
}

/// How a number the operator holds reserved is marked in the number lists.
pub(crate) const RESERVED_MARK: &str = "◆ reserved";

fn draw_list(view: &View<'_>, frame: &mut Frame, area: Rect, numbers: &NumberList) {
    let theme = &view.theme;
    let wizard = view.wizard;
    let [search_area, state_area, _, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    search::render(
        view,
        frame,
        search_area,
        "Contains:",
        numbers.query(),
        "digits or letters; * any digit, ^ start, $ end (555, PIZZA, 77*7$)",
    );

    let visible = numbers.visible();
    let contains = numbers.server_query();
    let state = if let Some(error) = &numbers.pattern_error {
        Line::styled(format!("✗ {}", clean(error)), theme.error)
    } else if let Some(asked) = wizard.vanity_asked() {
        let asked = asked.unwrap_or("any digits");
        Line::from(vec![
            Span::styled(spinner::frame(wizard), theme.accent),
            Span::styled(
                format!(" asking the API for numbers containing {asked}…"),
                theme.muted,
            ),
        ])
    } else {
        Line::styled(count_text(numbers), theme.muted)
    };
    let room = usize::from(state_area.width);
    let state = if state.width() > room {
        Line::styled(fit(&state.to_string(), room).into_owned(), state.style)
    } else {
        state
    };
    frame.render_widget(state, state_area);

    if visible.is_empty() {
        let (message, hint) = match &contains {
            Some(_) => {
                let pattern = numbers
                    .pattern()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let message = match numbers.first_page() {
                    Some(page) => format!("None of the first {page} numbers here match {pattern}."),
                    None => format!("No numbers here match {pattern}."),
                };
                // What Enter will search, and its cost, before it sends anything.
                let hint = match wizard.everywhere_offer() {
                    Some((groups, credits)) => format!(
                        "Enter searches {} for numbers with “{pattern}” ({}). Esc clears the box.",
                        crate::wording::counted(groups, "group"),
                        crate::wording::counted(
                            usize::try_from(credits).unwrap_or(usize::MAX),
                            "credit"
                        ),
                    ),
                    None => "Esc clears the box.".to_owned(),
                };
                (message, hint)
            }
            None => (
                "No numbers are available in this group.".to_owned(),
                "Esc to go back and choose another group.".to_owned(),
            ),
        };
        status::empty(view, frame, list_area, &message, &hint);
        return;
    }
    let range = list::window(
        visible.len(),
        numbers.cursor(),
        list::body_rows(list_area, false),
    );
    let items = numbers.items();
    let spelling = numbers.pattern().filter(|p| p.mapping().is_some());
    // The number tells the rows apart and is never dropped; the spelling goes first, then
    // the memorable tag.
    let fitted = list_columns::fit(
        &[
            Wanted::identifies(22, 17),
            Wanted::extra(14, 1),
            Wanted::extra(10, 2),
        ],
        list_area.width.saturating_sub(list::MARKER_WIDTH),
    );
    let rows: Vec<Row<'_>> = visible[range.clone()]
        .iter()
        .map(|found| {
            let number = &items[found.index()].number;
            let mut line = number_line(
                number,
                &found.span(),
                ratatui::style::Style::new(),
                theme.matched,
            );
            // Marked on the number itself, which is never dropped, whatever the width.
            let held = wizard.own_hold_of(number).is_some();
            if held {
                line.push_span(Span::styled(" ◆", theme.accent));
            }
            let national = vanity::national_number(number);
            let tag = national
                .and_then(vanity::memorability)
                .map(|m| m.tag)
                .unwrap_or_default();
            let spelled = spelling
                .zip(national)
                .and_then(|(pattern, national)| pattern.spell(national))
                .unwrap_or_default();
            let line = crate::ui::widgets::basket_marks::marked(view, line, number);
            // The operator's own reservation outranks the memorable tag: Enter opens it.
            let tag = if held {
                Line::styled(RESERVED_MARK, theme.accent)
            } else {
                Line::styled(tag, theme.muted)
            };
            let cells = vec![line, tag, Line::styled(spelled, theme.accent)];
            Row::new(
                list_columns::kept(cells, &fitted)
                    .into_iter()
                    .map(|(c, _)| c),
            )
        })
        .collect();
    let widths: Vec<u16> = fitted.iter().flatten().copied().collect();
    let selected = numbers.cursor().checked_sub(range.start);
    list::draw_table(view, frame, list_area, None, &widths, rows, selected);
}

/// How many numbers show, never a first page told as a count: "first 100 numbers", and
/// matches "among the first 100 numbers containing 8" while more may exist.
fn count_text(numbers: &NumberList) -> String {
    let count = numbers.visible().len();
    let order = if numbers.memorable_first() {
        ", memorable first"
    } else {
        ""
    };
    let noun = if count == 1 { "number" } else { "numbers" };
    let among = numbers
        .first_page()
        .map(|page| match numbers.fetched_with() {
            Some(digits) => format!(" among the first {page} numbers containing {digits}"),
            None => format!(" among the first {page} numbers"),
        });
    match numbers.pattern() {
        Some(pattern) => {
            let verb = if count == 1 { "matches" } else { "match" };
            let mapping = pattern
                .mapping()
                .map(|m| format!("  ({m})"))
                .unwrap_or_default();
            format!(
                "{count} {noun} {verb} {pattern}{}{order}{mapping}",
                among.unwrap_or_default()
            )
        }
        None => match numbers.first_page() {
            Some(page) => {
                format!("first {page} numbers available (the group may hold more){order}")
            }
            None => format!("{count} {noun} available{order}"),
        },
    }
}
