//! The mouse: the wheel scrolls lists and documents, and a click selects a row of a list.
//!
//! The mouse only ever moves the cursor, as the arrow keys do: a click selects, it never
//! chooses, reserves or buys (Enter, `r` and `b` do). The renderer records where the list with
//! the cursor was drawn ([`record_list`]); a click is mapped against the last frame drawn.
//! `mouse = false` in the config leaves the mouse to the terminal (for selecting text).

use std::sync::Mutex;

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::wizard::{Action, InputMode, Move};

/// How many rows one notch of the wheel moves.
pub(crate) const WHEEL_ROWS: usize = 3;

/// Where the list with the cursor was drawn: the area of its rows (one line each, the header
/// excluded), and which of those rows is highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListOnScreen {
    pub rows: Rect,
    pub highlighted: u16,
}

/// The list drawn last in the frame shown: the topmost one, since overlays are drawn last.
static LAST_LIST: Mutex<Option<ListOnScreen>> = Mutex::new(None);

/// Records where a list with a cursor was drawn in the frame being drawn.
pub(crate) fn record_list(list: ListOnScreen) {
    *LAST_LIST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(list);
}

/// Forgets the last frame's list, before a new frame is drawn.
pub(crate) fn forget_list() {
    *LAST_LIST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
}

/// The list with the cursor in the frame shown, if any.
pub(crate) fn list_on_screen() -> Option<ListOnScreen> {
    *LAST_LIST
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The actions a mouse event stands for, on a screen read in `mode` with `list` shown.
pub(crate) fn actions_for(
    event: MouseEvent,
    mode: InputMode,
    list: Option<ListOnScreen>,
) -> Vec<Action> {
    // A question is open: only the keys answer it, and nothing under it moves.
    if matches!(mode, InputMode::Confirm | InputMode::QuitGuard) {
        return Vec::new();
    }
    match event.kind {
        MouseEventKind::ScrollUp => vec![Action::Move(Move::Up); WHEEL_ROWS],
        MouseEventKind::ScrollDown => vec![Action::Move(Move::Down); WHEEL_ROWS],
        MouseEventKind::Down(MouseButton::Left) if mode != InputMode::Help => {
            click(event.column, event.row, list)
        }
        _ => Vec::new(),
    }
}

/// The moves that take the cursor to the row clicked at (`column`, `row`), if it is a row of
/// the list.
fn click(column: u16, row: u16, list: Option<ListOnScreen>) -> Vec<Action> {
    let Some(list) = list else {
        return Vec::new();
    };
    if !list.rows.contains(Position::new(column, row)) {
        return Vec::new();
    }
    let clicked = row - list.rows.y;
    let step = if clicked > list.highlighted {
        Move::Down
    } else {
        Move::Up
    };
    vec![Action::Move(step); usize::from(clicked.abs_diff(list.highlighted))]
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyModifiers;

    use super::*;

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// A list of ten rows drawn from line 5, column 2, with its third row highlighted.
    const LIST: ListOnScreen = ListOnScreen {
        rows: Rect {
            x: 2,
            y: 5,
            width: 40,
            height: 10,
        },
        highlighted: 2,
    };

    const LISTS: InputMode = InputMode::Search { empty: true };

    #[test]
    fn the_wheel_moves_three_rows_a_notch() {
        let up = mouse(MouseEventKind::ScrollUp, 0, 0);
        assert_eq!(
            actions_for(up, LISTS, None),
            vec![Action::Move(Move::Up); 3]
        );
        let down = mouse(MouseEventKind::ScrollDown, 10, 10);
        assert_eq!(
            actions_for(down, InputMode::Commands, Some(LIST)),
            vec![Action::Move(Move::Down); 3]
        );
        assert_eq!(
            actions_for(down, InputMode::Help, None),
            vec![Action::Move(Move::Down); 3],
            "the help scrolls too"
        );
    }

    #[test]
    fn a_click_on_a_row_moves_the_cursor_to_it() {
        let left = MouseEventKind::Down(MouseButton::Left);
        assert_eq!(
            actions_for(mouse(left, 10, 11), LISTS, Some(LIST)),
            vec![Action::Move(Move::Down); 4],
            "the seventh row, four below the highlighted one"
        );
        assert_eq!(
            actions_for(mouse(left, 2, 5), LISTS, Some(LIST)),
            vec![Action::Move(Move::Up); 2],
            "the first row"
        );
        assert_eq!(
            actions_for(mouse(left, 41, 7), LISTS, Some(LIST)),
            vec![],
            "the highlighted row itself"
        );
    }

    #[test]
    fn a_click_elsewhere_or_of_another_kind_does_nothing() {
        let left = MouseEventKind::Down(MouseButton::Left);
        for (column, row) in [(10, 4), (10, 15), (1, 8), (42, 8)] {
            assert_eq!(
                actions_for(mouse(left, column, row), LISTS, Some(LIST)),
                vec![],
                "outside the rows: {column},{row}"
            );
        }
        assert_eq!(actions_for(mouse(left, 10, 8), LISTS, None), vec![]);
        let right = MouseEventKind::Down(MouseButton::Right);
        assert_eq!(actions_for(mouse(right, 10, 8), LISTS, Some(LIST)), vec![]);
        let drag = MouseEventKind::Drag(MouseButton::Left);
        assert_eq!(actions_for(mouse(drag, 10, 8), LISTS, Some(LIST)), vec![]);
    }

    #[test]
    fn questions_and_the_help_are_not_clicked_through() {
        let left = MouseEventKind::Down(MouseButton::Left);
        let wheel = MouseEventKind::ScrollDown;
        for mode in [InputMode::Confirm, InputMode::QuitGuard] {
            assert_eq!(actions_for(mouse(left, 10, 8), mode, Some(LIST)), vec![]);
            assert_eq!(actions_for(mouse(wheel, 10, 8), mode, Some(LIST)), vec![]);
        }
        assert_eq!(
            actions_for(mouse(left, 10, 8), InputMode::Help, Some(LIST)),
            vec![]
        );
    }
}
