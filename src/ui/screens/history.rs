//! The history screen (Ctrl-T), over the body: every order of the journal, newest first, with
//! its time (UTC), kind, number, outcome, monthly price and reference, a search box, and under
//! the list the highlighted order's group, setup price and why it ended as it did.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use crate::api::model::Price;
use crate::journal::history::{Order, OrderOutcome};
use crate::ui::View;
use crate::ui::phone::pretty;
use crate::ui::text::{clean, fit};
use crate::ui::widgets::{dialog, list, search, spinner, status};
use crate::wizard::{HistoryView, Load};

/// Draws the history over `area`.
pub fn render(view: &View<'_>, frame: &mut Frame, area: Rect, history: &HistoryView) {
    let theme = &view.theme;
    let width = area.width.saturating_sub(4).min(110);
    let height = area.height.saturating_sub(2);
    let inner = dialog::popup(view, frame, area, "Order history", (width, height));
    let [search_area, state_area, list_area, detail_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let focused = View {
        focused: view.wizard.modal.is_none(),
        ..*view
    };
    search::render(
        &focused,
        frame,
        search_area,
        "Search:",
        history.list.query(),
        "number, reference, group or outcome · Esc close",
    );
    match &history.load {
        Load::Failed { message } => {
            status::failed(
                view,
                frame,
                list_area,
                "Could not read the history",
                message,
            );
            return;
        }
        Load::Loading | Load::Idle => {
            let line = Line::from(vec![
                Span::styled(spinner::frame(view.wizard), theme.accent),
                Span::raw(" Reading the journal…"),
            ]);
            frame.render_widget(line, state_area);
            return;
        }
        Load::Loaded(()) => {
            frame.render_widget(Line::styled(count(history), theme.muted), state_area);
        }
    }
    rows(view, frame, list_area, history);
    if let Some(order) = history.list.selected() {
        frame.render_widget(detail(view, order), detail_area);
    }
}

/// `12 orders, times in UTC.`, with the lines that could not be read.
fn count(history: &HistoryView) -> String {
    let total = history.list.items().len();
    let shown = history.list.visible().len();
    let mut text = match total {
        0 => "The journal records no order yet.".to_owned(),
        1 => "1 order, time in UTC.".to_owned(),
        n if shown < n => format!("{shown} of {n} orders, times in UTC."),
        n => format!("{n} orders, times in UTC."),
    };
    if history.unreadable > 0 {
        text.push_str(&format!(
            " {} journal line(s) could not be read and were skipped.",
            history.unreadable
        ));
    }
    text
}

fn rows(view: &View<'_>, frame: &mut Frame, area: Rect, history: &HistoryView) {
    let theme = &view.theme;
    let constraints = [
        Constraint::Length(16),
        Constraint::Length(11),
        Constraint::Length(17),
        Constraint::Length(10),
        Constraint::Length(12),
        Constraint::Fill(1),
    ];
    let widths = list::column_widths(&constraints, area.width);
    let visible = history.list.visible();
    let range = list::window(
        visible.len(),
        history.list.cursor(),
        list::body_rows(area, true),
    );
    let items = history.list.items();
    let currency = view.wizard.currency();
    let rows: Vec<Row<'_>> = visible[range.clone()]
        .iter()
        .map(|&index| {
            let order = &items[index];
            let cell = |text: &str, width: u16| fit(text, usize::from(width)).into_owned();
            let number = order.number.as_deref().map_or("—".to_owned(), pretty);
            let monthly = match order.monthly_price {
                Price::Known(_) => currency.show(order.monthly_price),
                Price::Unknown => "—".to_owned(),
            };
            let reference = order.reference.as_ref().map_or("", |r| r.as_str());
            Row::new(vec![
                Span::raw(cell(
                    &order.at.strftime("%Y-%m-%d %H:%M").to_string(),
                    widths[0],
                )),
                Span::raw(cell(order.kind.word(), widths[1])),
                Span::raw(cell(&number, widths[2])),
                Span::styled(
                    cell(order.outcome.describe(), widths[3]),
                    outcome_style(view, order.outcome),
                ),
                Span::raw(cell(&monthly, widths[4])),
                Span::styled(cell(&clean(reference), widths[5]), theme.accent),
            ])
        })
        .collect();
    let header = Row::new(vec![
        "When",
        "Kind",
        "Number",
        "Outcome",
        "Monthly",
        "Reference",
    ]);
    let selected = history.list.cursor().checked_sub(range.start);
    list::draw_table(view, frame, area, Some(header), &widths, rows, selected);
}

fn outcome_style(view: &View<'_>, outcome: OrderOutcome) -> Style {
    match outcome {
        OrderOutcome::Bought | OrderOutcome::Held | OrderOutcome::Released => view.theme.ok,
        OrderOutcome::Unknown | OrderOutcome::Pending | OrderOutcome::Refused => view.theme.warning,
        OrderOutcome::Cancelled | OrderOutcome::Expired | OrderOutcome::NotBought => {
            view.theme.muted
        }
    }
}

/// The highlighted order's group, setup price and detail, in one line.
fn detail<'a>(view: &View<'_>, order: &Order) -> Line<'a> {
    let mut parts = Vec::new();
    if let Some(group) = &order.group_id {
        parts.push(format!("group {}", clean(group)));
    }
    if let Price::Known(_) = order.setup_price {
        let setup = view.wizard.currency().show(order.setup_price);
        parts.push(format!("setup {setup}"));
    }
    if let Some(detail) = &order.detail {
        parts.push(clean(detail).into_owned());
    }
    if parts.is_empty() {
        parts.push(format!("id {}", clean(&order.id)));
    }
    Line::styled(parts.join(" · "), view.theme.muted)
}
