//! The searchable list screens: country, region, city and number type — and the drawing of
//! any [`Picker`] as a table with its search box, used by the group screen too.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use crate::ui::View;
use crate::ui::text::{clean, fit};
use crate::ui::widgets::{list, search, status};
use crate::wizard::{Choice, Fetched, Load, Picker, Step};

use super::body_block;
use super::list_columns::{self, Wanted};

/// Draws the country, region, city or type step.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let wizard = view.wizard;
    match wizard.step {
        Step::Country => {
            // The name and code tell the countries apart; the dialling code goes first, then
            // the refusal mark.
            let fitted = list_columns::fit(
                &[
                    Wanted::identifies(36, 16),
                    Wanted::identifies(4, 4),
                    Wanted::extra(5, 2),
                    Wanted::extra(9, 1),
                ],
                table_width(area),
            );
            let titles: Vec<&str> =
                list_columns::kept(vec!["Country", "Code", "Dial", ""], &fitted)
                    .into_iter()
                    .map(|(title, _)| title)
                    .collect();
            let constraints: Vec<Constraint> = fitted
                .iter()
                .flatten()
                .map(|&w| Constraint::Length(w))
                .collect();
            let columns = Columns {
                titles: &titles,
                constraints: &constraints,
            };
            draw_picker(
                view,
                frame,
                area,
                "Choose a country",
                &wizard.lists.countries,
                &columns,
                |c| {
                    let dial = c.dial.map_or_else(String::new, |code| format!("+{code}"));
                    // A country the API refused before: choosing it would likely fail again.
                    let refused = if wizard.is_refused(c.code) {
                        Span::styled("✗ refused", view.theme.warning)
                    } else {
                        Span::raw("")
                    };
                    let cells = vec![c.name.into(), c.code.into(), dial.into(), refused];
                    list_columns::kept(cells, &fitted)
                        .into_iter()
                        .map(|(cell, _)| cell)
                        .collect()
                },
            );
        }
        Step::Region => {
            let columns = Columns {
                titles: &["Region"],
                constraints: &[Constraint::Fill(1)],
            };
            draw_fetched(
                view,
                frame,
                area,
                "Choose a region",
                "regions",
                &wizard.lists.regions,
                &columns,
                |r| vec![choice(r, "Any region", |r| &r.name).into()],
            );
        }
        Step::City => {
            let columns = Columns {
                titles: &["City"],
                constraints: &[Constraint::Fill(1)],
            };
            draw_fetched(
                view,
                frame,
                area,
                "Choose a city",
                "cities",
                &wizard.lists.cities,
                &columns,
                |c| vec![choice(c, "Any city", |c| &c.name).into()],
            );
        }
        _ => draw_types(view, frame, area),
    }
}

/// The type step: the types the place offers, each with its number of groups, or what to do
/// when it offers none.
fn draw_types(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let wizard = view.wizard;
    let title = "Choose a number type";
    if wizard.place_offers_nothing() {
        let block = body_block(view, format!(" {title} "));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        status::empty(
            view,
            frame,
            inner,
            &format!("No numbers are offered in {}.", clean(&wizard.place_name())),
            "Esc to broaden: back to the cities, with the search cleared.",
        );
        return;
    }
    let total = wizard.lists.place_groups.len();
    let columns = Columns {
        titles: &["Type", "Groups", "What it is"],
        constraints: &[
            Constraint::Length(12),
            Constraint::Length(6),
            Constraint::Fill(1),
        ],
    };
    draw_fetched(
        view,
        frame,
        area,
        title,
        "number types",
        &wizard.lists.types,
        &columns,
        |t| match t {
            Choice::Any => vec![
                "Any type".into(),
                total.to_string().into(),
                "every kind of number".into(),
            ],
            Choice::One(t) => vec![
                clean(t.name.as_str()).into_owned().into(),
                t.groups.to_string().into(),
                describe_type(t.name.as_str()).into(),
            ],
        },
    );
}

/// The width a list's table has in `area`: inside the borders, after the cursor's marker.
fn table_width(area: Rect) -> u16 {
    area.width
        .saturating_sub(2)
        .saturating_sub(list::MARKER_WIDTH)
}

/// The columns of a list: their titles and how wide they are.
pub(crate) struct Columns<'a> {
    pub(crate) titles: &'a [&'a str],
    pub(crate) constraints: &'a [Constraint],
}

fn choice<T>(choice: &Choice<T>, any: &str, name: impl Fn(&T) -> &str) -> String {
    match choice {
        Choice::Any => any.to_owned(),
        Choice::One(item) => clean(name(item)).into_owned(),
    }
}

fn describe_type(name: &str) -> &'static str {
    match name {
        "local" => "a number of a city or area",
        "mobile" => "a mobile number",
        "tollfree" => "free to call for the caller",
        "national" => "a national number, not tied to a city",
        "global" => "an international number",
        "sharedcost" => "the caller pays part of the cost",
        _ => "",
    }
}

/// Draws a step whose list comes from the API: its spinner, failure, or list.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_fetched<T>(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    what: &str,
    fetched: &Fetched<Picker<T>>,
    columns: &Columns<'_>,
    cells: impl Fn(&T) -> Vec<Span<'static>>,
) {
    match &fetched.load {
        Load::Loaded(picker) => draw_picker(view, frame, area, title, picker, columns, cells),
        Load::Loading | Load::Idle => {
            let block = body_block(view, format!(" {title} "));
            let inner = block.inner(area);
            frame.render_widget(block, area);
            status::loading(view, frame, inner, &format!("Loading {what}…"));
        }
        Load::Failed { message } => {
            let block = body_block(view, format!(" {title} "));
            let inner = block.inner(area);
            frame.render_widget(block, area);
            status::failed(
                view,
                frame,
                inner,
                &format!("Could not load the {what}"),
                message,
            );
        }
    }
}

/// Draws a picker as a search box over a table, building only the rows in view.
pub(crate) fn draw_picker<T>(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    picker: &Picker<T>,
    columns: &Columns<'_>,
    cells: impl Fn(&T) -> Vec<Span<'static>>,
) {
    let visible = picker.visible();
    let block = body_block(view, format!(" {title} "))
        .title_bottom(Line::from(list::position(picker.cursor(), visible.len())).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [search_area, _, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    search::render(
        view,
        frame,
        search_area,
        "Search:",
        picker.query(),
        "type to filter",
    );

    if visible.is_empty() {
        let query = clean(picker.query().value()).into_owned();
        let message = if query.is_empty() {
            "Nothing to choose from.".to_owned()
        } else {
            format!("Nothing matches “{query}”.")
        };
        let hint = match (view.wizard.everywhere_offer(), view.wizard.prefix_offer()) {
            (Some((groups, credits)), _) => format!(
                "Enter searches {} for numbers with “{query}” ({}). Esc clears the search.",
                crate::wording::counted(groups, "group"),
                crate::wording::counted(usize::try_from(credits).unwrap_or(usize::MAX), "credit"),
            ),
            (None, Some(prefix)) => format!(
                "Enter lists the groups with the prefix {prefix}, in any city. Esc clears the \
                 search."
            ),
            (None, None) => "Esc clears the search.".to_owned(),
        };
        status::empty(view, frame, list_area, &message, &hint);
        return;
    }
    let widths = list::column_widths(columns.constraints, list_area.width);
    let range = list::window(
        visible.len(),
        picker.cursor(),
        list::body_rows(list_area, true),
    );
    let items = picker.items();
    let rows: Vec<Row<'_>> = visible[range.clone()]
        .iter()
        .map(|&index| {
            let spans = cells(&items[index]);
            Row::new(spans.into_iter().zip(&widths).map(|(span, &width)| {
                let text = fit(&span.content, usize::from(width)).into_owned();
                Span::styled(text, span.style)
            }))
        })
        .collect();
    let header = Row::new(columns.titles.iter().map(|t| Span::raw(*t)));
    let selected = picker.cursor().checked_sub(range.start);
    list::draw_table(
        view,
        frame,
        list_area,
        Some(header),
        &widths,
        rows,
        selected,
    );
}
