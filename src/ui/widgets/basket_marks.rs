//! The basket's marks on number lists: `●` marked, `✓` bought, and the count of marked
//! numbers at the bottom of a list's box.

use ratatui::text::{Line, Span};

use crate::ui::View;
use crate::wizard::BasketStage;

/// `line` (a number of a list) with its basket mark after it: `●` marked, `✓` bought.
pub(crate) fn marked<'a>(view: &View<'_>, mut line: Line<'a>, number: &str) -> Line<'a> {
    let Some(item) = view.wizard.basket().item(number) else {
        return line;
    };
    let (mark, style) = match item.stage {
        BasketStage::Bought => (" ✓", view.theme.ok),
        _ => (" ●", view.theme.accent),
    };
    line.spans.push(Span::styled(mark, style));
    line
}

/// ` basket: 2 · Ctrl-K `, for the bottom of a number list's box; `None` when it is empty.
pub(crate) fn count_title(view: &View<'_>) -> Option<Line<'static>> {
    let count = view.wizard.basket().len();
    (count > 0).then(|| Line::styled(format!(" basket: {count} · Ctrl-K "), view.theme.accent))
}
