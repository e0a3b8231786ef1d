//! The group step: a table of number groups with their prices, features, and badges for
//! groups that need documents or assign a random number.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;

use crate::api::model::{Group, Price};
use crate::ui::View;
use crate::ui::text::{clean, short_features};
use crate::ui::widgets::status;
use crate::wizard::Load;

use super::body_block;
use super::lists::{Columns, draw_fetched};

/// Width of a price column: `unknown` and `9999.99` fit.
const PRICE_WIDTH: u16 = 7;

/// Draws the group step.
pub fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let wizard = view.wizard;
    let title = "Choose a number group";
    if let Load::Loaded(picker) = &wizard.groups.load
        && picker.items().is_empty()
    {
        let block = body_block(view, format!(" {title} "));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        status::empty(
            view,
            frame,
            inner,
            "No number groups match.",
            "Esc to broaden: Any city, Any type.",
        );
        return;
    }
    let columns = Columns {
        titles: &[
            "Prefix", "Location", "Type", "  Setup", "Monthly", "Features", "Notes",
        ],
        constraints: &[
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Length(8),
            Constraint::Length(PRICE_WIDTH),
            Constraint::Length(PRICE_WIDTH),
            Constraint::Length(12),
            Constraint::Length(13),
        ],
    };
    draw_fetched(
        view,
        frame,
        area,
        title,
        "number groups",
        &wizard.groups,
        &columns,
        |group| cells(view, group),
    );
}

fn cells(view: &View<'_>, group: &Group) -> Vec<Span<'static>> {
    vec![
        clean(&group.prefix).into_owned().into(),
        clean(&group.location).into_owned().into(),
        clean(&group.did_type).into_owned().into(),
        price(view, group.price.setup),
        price(view, group.price.monthly),
        Span::styled(short_features(&group.features), view.theme.muted),
        notes(view, group),
    ]
}

/// A price right-aligned in its column; an unknown price stands out.
fn price(view: &View<'_>, price: Price) -> Span<'static> {
    let width = usize::from(PRICE_WIDTH);
    let text = format!("{:>width$}", price.to_string());
    match price {
        Price::Known(_) => Span::raw(text),
        Price::Unknown => Span::styled(text, view.theme.warning),
    }
}

/// `⚠ docs` when documents are required, `random` when the number cannot be chosen.
fn notes(view: &View<'_>, group: &Group) -> Span<'static> {
    match (group.has_requirements(), group.allow_number_selection) {
        (true, false) => Span::styled("⚠ docs random", view.theme.warning),
        (true, true) => Span::styled("⚠ docs", view.theme.warning),
        (false, false) => Span::styled("random", view.theme.muted),
        (false, true) => Span::raw(""),
    }
}
