//! The history screen (Ctrl-T), over the body: every order of the journal, newest first, with
//! its time (UTC), kind, number, outcome and reference (and monthly price, where there is
//! room), a search box, and under the list the highlighted order's group, prices and why it
//! ended as it did.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Row;

use crate::api::model::Price;
use crate::history::{Order, OrderKind, OrderOutcome};
use crate::ui::View;
use crate::ui::phone::pretty;
use crate::ui::text::{clean, fit};
use crate::ui::widgets::{dialog, list, search, status};
use crate::wizard::HistoryView;

/// Draws the history over `area`.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect, history: &HistoryView) {
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
        focused: view.wizard.chrome.modal.is_none(),
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
    let areas = [state_area, list_area];
    let (failed, loading) = ("Could not read the history", "Reading the journal…");
    if !status::until_loaded(view, frame, &history.load, areas, failed, loading) {
        return;
    }
    frame.render_widget(Line::styled(count(history), theme.muted), state_area);
    rows(view, frame, list_area, history);
    if let Some(order) = history.list.selected() {
        frame.render_widget(detail(view, order), detail_area);
    }
}

/// `12 orders, times in UTC`, with the lines that could not be read.
fn count(history: &HistoryView) -> String {
    let total = history.list.items().len();
    let shown = history.list.visible().len();
    let mut text = match total {
        0 => "The journal records no order yet".to_owned(),
        1 => "1 order, time in UTC".to_owned(),
        n if shown < n => format!("{shown} of {n} orders, times in UTC"),
        n => format!("{n} orders, times in UTC"),
    };
    match history.unreadable {
        0 => {}
        1 => text.push_str(" · 1 unreadable line skipped"),
        n => text.push_str(&format!(" · {n} unreadable lines skipped")),
    }
    text
}

/// The kind of an order as a verb, short enough for its column.
fn kind(order: &Order) -> &'static str {
    match order.kind {
        OrderKind::Reservation => "reserve",
        OrderKind::Purchase => "buy",
        OrderKind::Release => "release",
    }
}

/// From this width on, the monthly price has a column of its own (it is always under the
/// list, with the highlighted order's other prices).
const MONTHLY_COLUMN_FROM: u16 = 96;
/// Below this width, the year and the kind of order give way to the reference (both are
/// under the list for the highlighted order).
const NARROW_BELOW: u16 = 70;

fn rows(view: &View<'_>, frame: &mut Frame, area: Rect, history: &HistoryView) {
    let theme = &view.theme;
    let with_monthly = area.width >= MONTHLY_COLUMN_FROM;
    let narrow = area.width < NARROW_BELOW;
    let (when_format, when_width) = if narrow {
        ("%m-%d %H:%M", 11)
    } else {
        ("%Y-%m-%d %H:%M", 16)
    };
    let mut columns = vec![("When", Constraint::Length(when_width))];
    if !narrow {
        columns.push(("Order", Constraint::Length(7)));
    }
    columns.extend([
        ("Number", Constraint::Length(16)),
        ("Outcome", Constraint::Length(10)),
        ("Reference", Constraint::Fill(1)),
    ]);
    if with_monthly {
        columns.push(("Monthly", Constraint::Length(12)));
    }
    let currency = view.wizard.currency();
    list::draw_picked(
        view,
        frame,
        area,
        &columns,
        &history.list,
        |order, widths| {
            let cell = |text: &str, width: u16| fit(text, usize::from(width)).into_owned();
            let number = order.number.as_deref().map_or("—".to_owned(), pretty);
            let reference = order.reference.as_ref().map_or("", |r| r.as_str());
            let when = order.at.strftime(when_format).to_string();
            let mut widths = widths.iter().copied();
            let mut next = |text: &str| cell(text, widths.next().unwrap_or(0));
            let mut cells = vec![Span::raw(next(&when))];
            if !narrow {
                cells.push(Span::raw(next(kind(order))));
            }
            cells.push(Span::raw(next(&number)));
            cells.push(Span::styled(
                next(order.outcome.describe()),
                outcome_style(view, order.outcome),
            ));
            cells.push(Span::styled(next(&clean(reference)), theme.accent));
            if with_monthly {
                let monthly = match order.monthly_price {
                    Price::Known(_) => currency.show(order.monthly_price),
                    Price::Unknown => "—".to_owned(),
                };
                cells.push(Span::raw(next(&monthly)));
            }
            Row::new(cells)
        },
    );
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

/// The highlighted order's kind, group, prices and detail, in one line.
fn detail<'a>(view: &View<'_>, order: &Order) -> Line<'a> {
    let mut parts = vec![kind(order).to_owned()];
    if let Some(group) = &order.group_id {
        parts.push(format!("group {}", clean(group)));
    }
    let currency = view.wizard.currency();
    for (name, price) in [
        ("setup", order.setup_price),
        ("monthly", order.monthly_price),
    ] {
        if let Price::Known(_) = price {
            parts.push(format!("{name} {}", currency.show(price)));
        }
    }
    if let Some(detail) = &order.detail {
        parts.push(clean(detail).into_owned());
    }
    Line::styled(parts.join(" · "), view.theme.muted)
}
