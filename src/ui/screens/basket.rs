//! The basket (Ctrl-K), over the body: every marked number with its place, what it costs now
//! and monthly, its own reservation countdown and where its order stands; and the two
//! questions it asks before spending — the credits a reservation of them all costs, and the
//! one confirmation of their purchase, each number's prices listed and the totals under them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Wrap};

use crate::api::model::{Group, Price};
use crate::money::due_now;
use crate::ui::View;
use crate::ui::phone::pretty;
use crate::ui::text::{clean, fit, mmss};
use crate::ui::widgets::{countdown, dialog, list};
use crate::wizard::basket::totals;
use crate::wizard::{Basket, BasketAsk, BasketItem, BasketStage};

use super::field;

/// Draws the basket over `area`, and its question when one is asked.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect, basket: &Basket) {
    let theme = &view.theme;
    let rows_wanted = u16::try_from(basket.len().max(1)).unwrap_or(u16::MAX);
    let height = rows_wanted
        .saturating_add(7)
        .min(area.height.saturating_sub(2));
    let width = area.width.saturating_sub(4).min(100);
    let title = format!("Basket — {} marked", basket.len());
    let inner = dialog::popup(view, frame, area, &title, (width, height));
    let [state_area, list_area, totals_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    if basket.is_empty() {
        let text = "The basket is empty. Space marks numbers on the number list and in the search of every group.";
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.muted)).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let reserved = (basket.items.iter())
        .filter(|i| view.wizard.basket_hold(i).is_some())
        .count();
    let state = format!(
        "{}, {reserved} with a reservation. r reserves them all, b buys them all.",
        crate::wording::counted(basket.len(), "number")
    );
    frame.render_widget(Line::styled(state, theme.muted), state_area);

    // The due-now price of each number is in the purchase's confirmation; here the totals
    // say it, so that the number, its place and its order's state keep their room.
    let columns = [
        ("Number", Constraint::Length(16)),
        ("Where", Constraint::Fill(1)),
        ("Monthly", Constraint::Length(10)),
        ("Expires", Constraint::Length(7)),
        ("Order", Constraint::Fill(1)),
    ];
    let currency = view.wizard.chrome.currency;
    let (items, cursor) = (&basket.items, basket.cursor);
    list::draw_windowed(
        view,
        frame,
        list_area,
        &columns,
        items,
        cursor,
        |item, widths| {
            Row::new(vec![
                Span::raw(fit(&pretty(&item.number), usize::from(widths[0])).into_owned()),
                Span::raw(fit(&place(&item.group), usize::from(widths[1])).into_owned()),
                Span::raw(shown(currency, item.group.price.monthly)),
                reservation(view, item),
                stage(view, item, usize::from(widths[4])),
            ])
        },
    );
    let (due, monthly) = totals(basket.items.iter().map(|i| &i.group));
    let totals = Line::from(vec![
        Span::styled("Total ", theme.muted),
        Span::styled(
            format!(
                "{} due now, {} monthly",
                currency.show(due),
                currency.show(monthly)
            ),
            theme.title,
        ),
    ]);
    // The highlighted number's state in full: a reason is often wider than its column.
    let detail = match basket.items.get(basket.cursor) {
        Some(item) => {
            let room = usize::from(totals_area.width);
            let span = stage(view, item, usize::MAX);
            let text = format!("{}: {}", pretty(&item.number), span.content);
            Line::styled(fit(&text, room).into_owned(), span.style)
        }
        None => Line::raw(""),
    };
    frame.render_widget(Paragraph::new(vec![detail, totals]), totals_area);

    match &basket.ask {
        Some(BasketAsk::Reserve { numbers }) => confirm_reserve(view, frame, area, numbers),
        Some(BasketAsk::Buy { numbers }) => confirm_buy(view, frame, area, basket, numbers),
        None => {}
    }
}

/// A price with its currency, `—` when unknown.
fn shown(currency: crate::money::Currency, price: Price) -> String {
    match price {
        Price::Known(_) => currency.show(price),
        Price::Unknown => "—".to_owned(),
    }
}

/// `Los Angeles · local`, or the group's id when it names no place.
fn place(group: &Group) -> String {
    super::group_parts(group, [&group.location, &group.did_type])
}

/// The countdown of the item's reservation, `expired` or `gone`, blank when it holds none.
fn reservation<'a>(view: &View<'_>, item: &BasketItem) -> Span<'a> {
    let theme = &view.theme;
    let now = view.wizard.now;
    match view.wizard.basket_hold(item) {
        None => Span::raw(""),
        Some(held) if held.gone => Span::styled("gone", theme.muted),
        Some(held) if held.is_expired(now) => Span::styled("expired", theme.countdown_critical),
        Some(held) => {
            let remaining = held.remaining(now);
            Span::styled(mmss(remaining), countdown::style(theme, remaining))
        }
    }
}

/// Where the item's order stands, in words.
fn stage<'a>(view: &View<'_>, item: &BasketItem, width: usize) -> Span<'a> {
    let theme = &view.theme;
    let (text, style) = match &item.stage {
        // A marked number held by an active reservation is waiting only to be bought.
        BasketStage::Marked
            if (view.wizard.basket_hold(item)).is_some_and(|h| h.is_active(view.wizard.now)) =>
        {
            ("reserved".to_owned(), theme.ok)
        }
        BasketStage::Marked => ("marked".to_owned(), theme.muted),
        BasketStage::Reserving => ("reserving…".to_owned(), theme.accent),
        BasketStage::NotReserved { reason } => (format!("not reserved: {reason}"), theme.error),
        BasketStage::Queued => ("waiting to be bought".to_owned(), theme.muted),
        BasketStage::Buying => ("buying…".to_owned(), theme.accent),
        BasketStage::Settling => ("checking if bought…".to_owned(), theme.warning),
        BasketStage::Bought => ("✓ bought".to_owned(), theme.ok),
        BasketStage::Refused { reason } => (format!("✗ not bought: {reason}"), theme.error),
        BasketStage::NotSent { reason } => (format!("not sent: {reason}"), theme.warning),
        BasketStage::Unknown { reason } => (format!("? unknown: {reason}"), theme.warning),
    };
    Span::styled(fit(&clean(&text), width).into_owned(), style)
}

/// "Reserve these numbers?" with the credits it costs.
fn confirm_reserve(view: &View<'_>, frame: &mut Frame, area: Rect, numbers: &[String]) {
    let theme = &view.theme;
    let count = numbers.len();
    let mut lines = vec![Line::raw(format!(
        "Reserve {}, one request each:",
        crate::wording::counted(count, "number")
    ))];
    for number in numbers.iter().take(8) {
        lines.push(Line::raw(format!("  {}", pretty(number))));
    }
    if count > 8 {
        lines.push(Line::styled(
            format!("  … and {} more", count - 8),
            theme.muted,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(field(
        view,
        "Cost",
        vec![Span::styled(
            crate::wording::counted(count, "API credit"),
            theme.title,
        )],
    ));
    lines.push(Line::raw(""));
    lines.push(keys_line(view, "reserve them"));
    const WIDTH: u16 = 62;
    let height = dialog::wrapped_height(&lines, WIDTH) + 2;
    let inner = dialog::popup(view, frame, area, "Reserve the basket?", (WIDTH, height));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The one confirmation of the basket's purchase: each number with its prices, then the
/// totals due now and monthly, in the account's currency. The totals and the keys that answer
/// it keep their place at the bottom; a long basket's rows are cut short above them, saying
/// how many more there are.
fn confirm_buy(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    basket: &Basket,
    numbers: &[String],
) {
    let theme = &view.theme;
    let currency = view.wizard.chrome.currency;
    let items: Vec<&BasketItem> = basket.items_of(numbers).collect();
    // Each price column as wide as its widest price, so the table fits a small terminal.
    let shown_prices = |item: &&BasketItem| {
        let price = &item.group.price;
        [price.setup, price.monthly, due_now(price)].map(|p| shown(currency, p))
    };
    let width = (items.iter())
        .flat_map(&shown_prices)
        .map(|text| text.chars().count())
        .max()
        .unwrap_or(0)
        .max("Due now".len());
    let mut rows = vec![Line::styled(
        format!(
            "{:<16} {:>width$} {:>width$} {:>width$}  Reserved",
            "Number", "Setup", "Monthly", "Due now"
        ),
        theme.muted,
    )];
    for item in &items {
        let [setup, monthly, due] = shown_prices(item);
        let text = format!(
            "{:<16} {setup:>width$} {monthly:>width$} {due:>width$}  ",
            fit(&pretty(&item.number), 16),
        );
        let reserved = match reservation(view, item) {
            span if span.content.is_empty() => Span::styled("no", theme.muted),
            span => span,
        };
        rows.push(Line::from(vec![Span::raw(text), reserved]));
    }
    let (due, monthly) = totals(items.iter().map(|i| &i.group));
    let mut bottom = vec![
        Line::raw(""),
        field(
            view,
            "Due now",
            vec![
                Span::styled(currency.show(due), theme.title),
                Span::styled(" in all (every setup + first month)", theme.muted),
            ],
        ),
        field(
            view,
            "Monthly",
            vec![
                Span::styled(currency.show(monthly), theme.title),
                Span::styled(" in all, from the second month", theme.muted),
            ],
        ),
    ];
    if due.amount().is_none() {
        bottom.push(Line::styled(
            "Some prices are unknown (the API did not give them).",
            theme.warning,
        ));
    }
    if items.iter().any(|i| i.group.has_requirements()) {
        bottom.push(Line::styled(
            "Some of these numbers need documents; without them a number can be suspended.",
            theme.warning,
        ));
    }
    bottom.push(Line::styled(
        "Each number is its own purchase: one refused does not stop the others.",
        theme.muted,
    ));
    bottom.push(keys_line(view, "buy them all"));
    const WIDTH: u16 = 76;
    let popup_width = WIDTH.min(area.width);
    let bottom_height = dialog::wrapped_height(&bottom, popup_width);
    let height = dialog::wrapped_height(&rows, popup_width) + bottom_height + 2;
    let title = format!("Buy these {} numbers?", items.len());
    let inner = dialog::popup(view, frame, area, &title, (WIDTH, height));
    let [table, under] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(bottom_height)]).areas(inner);
    super::draw_clipped(view, frame, table, rows);
    frame.render_widget(Paragraph::new(bottom).wrap(Wrap { trim: false }), under);
}

/// `y <what> · n/Esc cancel — Enter does nothing`.
fn keys_line<'a>(view: &View<'_>, what: &str) -> Line<'a> {
    let theme = &view.theme;
    Line::from(vec![
        Span::styled("y", theme.accent),
        Span::raw(format!(" {what} · ")),
        Span::styled("n", theme.accent),
        Span::raw("/"),
        Span::styled("Esc", theme.accent),
        Span::raw(" cancel — "),
        Span::styled("Enter does nothing", theme.muted),
    ])
}
