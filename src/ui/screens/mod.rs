//! The step screens, and what they share: the box around the body, labelled fields, and
//! where the current step's data stands.

pub(super) mod basket;
pub(super) mod done;
pub(super) mod everywhere;
pub(super) mod group_columns;
pub(super) mod groups;
pub(super) mod history;
pub(super) mod list_columns;
pub(super) mod lists;
pub(super) mod manager;
pub(super) mod numbers;
pub(super) mod owned;
pub(super) mod reserved;
pub(super) mod review;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

use crate::wizard::{Stage, Step, Wizard};

pub(super) use super::widgets::checklist;
pub(super) use super::widgets::fields::{
    describe_group, draw_clipped, draw_scrolled, due_now, field, group_fields, group_parts,
    json_fields, price,
};

use super::View;

/// Draws the current step's screen in `area`.
pub(super) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    match view.wizard.step {
        Step::Country | Step::Region | Step::City | Step::DidType => {
            lists::render(view, frame, area);
        }
        Step::Group => match &view.wizard.lists.everywhere {
            Some(search) => everywhere::render(view, frame, area, search),
            None => groups::render(view, frame, area),
        },
        Step::Number => numbers::render(view, frame, area),
        Step::Review => review::render(view, frame, area),
        Step::Reserved => reserved::render(view, frame, area),
        Step::Done => done::render(view, frame, area),
    }
}

/// Whether the step shown has loaded a list with nothing in it to choose.
pub(super) fn nothing_to_choose(wizard: &Wizard) -> bool {
    match wizard.step {
        Step::Group => wizard
            .lists
            .groups
            .load
            .loaded()
            .is_some_and(|p| p.items().is_empty()),
        Step::Number => wizard
            .lists
            .numbers
            .load
            .loaded()
            .is_some_and(|n| n.visible().is_empty()),
        _ => false,
    }
}

/// Where the data of the step shown stands; `None` for the steps that need none from the
/// API (country, reserved, done).
pub(super) fn step_data(wizard: &Wizard) -> Option<Stage> {
    wizard.lists.slot(wizard.step).map(|slot| slot.stage())
}

/// The bordered box of a screen, titled.
pub(super) fn body_block<'a>(view: &View<'_>, title: impl Into<Line<'a>>) -> Block<'a> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(view.theme.border)
        .title(title.into().style(view.theme.title))
}
