//! Lists and tables that build only their visible rows.
//!
//! Lists may hold a hundred thousand numbers, so a screen slices its matching items with
//! [`window`] before building any row. The window is computed from the cursor alone (no
//! scroll state is kept): the list scrolls only once the cursor passes the last row.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{HighlightSpacing, Row, Table, TableState};

use crate::ui::View;
use crate::wizard::Picker;

/// What marks the row under the cursor.
pub(crate) const MARKER: &str = "▶ ";
/// Columns the marker takes before the first column.
pub(crate) const MARKER_WIDTH: u16 = 2;

/// The items of a list of `len` that show in `height` rows with the cursor in view.
pub(crate) fn window(len: usize, cursor: usize, height: usize) -> Range<usize> {
    if len == 0 || height == 0 {
        return 0..0;
    }
    let cursor = cursor.min(len - 1);
    let start = if cursor >= height {
        cursor + 1 - height
    } else {
        0
    };
    start..(start + height).min(len)
}

/// The widths `constraints` give columns in `width` cells (after the marker), one space apart.
pub(crate) fn column_widths(constraints: &[Constraint], width: u16) -> Vec<u16> {
    let area = Rect::new(0, 0, width.saturating_sub(MARKER_WIDTH), 1);
    Layout::horizontal(constraints.iter().copied())
        .spacing(1)
        .split(area)
        .iter()
        .map(|r| r.width)
        .collect()
}

/// `3 of 240`, for a list's title.
pub(crate) fn position(cursor: usize, len: usize) -> String {
    if len == 0 {
        " 0 of 0 ".to_owned()
    } else {
        format!(" {} of {len} ", cursor.min(len - 1) + 1)
    }
}

/// The rows a table in `area` can show under its header (if any).
pub(crate) fn body_rows(area: Rect, header: bool) -> usize {
    usize::from(area.height.saturating_sub(u16::from(header)))
}

/// Draws `items` as a table with the cursor's row in view and highlighted: each column a
/// title and the room it asks for, and only the rows of the window built, by `row` given the
/// item and the columns' widths.
pub(crate) fn draw_windowed<'r, T>(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    columns: &[(&str, Constraint)],
    items: &[T],
    cursor: usize,
    mut row: impl FnMut(&T, &[u16]) -> Row<'r>,
) {
    let constraints: Vec<Constraint> = columns.iter().map(|&(_, room)| room).collect();
    let widths = column_widths(&constraints, area.width);
    let range = window(items.len(), cursor, body_rows(area, true));
    let rows = items[range.clone()]
        .iter()
        .map(|item| row(item, &widths))
        .collect();
    let header = Row::new(columns.iter().map(|&(title, _)| title));
    let selected = cursor.checked_sub(range.start);
    draw_table(view, frame, area, Some(header), &widths, rows, selected);
}

/// [`draw_windowed`] over the items of `picker` that match its search.
pub(crate) fn draw_picked<'r, T>(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    columns: &[(&str, Constraint)],
    picker: &Picker<T>,
    mut row: impl FnMut(&T, &[u16]) -> Row<'r>,
) {
    let items = picker.items();
    let (visible, cursor) = (picker.visible(), picker.cursor());
    draw_windowed(
        view,
        frame,
        area,
        columns,
        visible,
        cursor,
        |&index, widths| row(&items[index], widths),
    );
}

/// Draws `rows` (already cut to the window) with the row at `selected` highlighted.
pub(crate) fn draw_table(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    header: Option<Row<'_>>,
    widths: &[u16],
    rows: Vec<Row<'_>>,
    selected: Option<usize>,
) {
    if area.is_empty() {
        return;
    }
    let mut table = Table::new(rows, widths.iter().map(|&w| Constraint::Length(w)))
        .column_spacing(1)
        .row_highlight_style(view.theme.highlight)
        .highlight_symbol(MARKER)
        .highlight_spacing(HighlightSpacing::Always);
    let header_drawn = header.is_some();
    if let Some(header) = header {
        table = table.header(header.style(view.theme.title));
    }
    if let Some(highlighted) = selected.and_then(|row| u16::try_from(row).ok()) {
        // Where a click selects a row (see `crate::mouse`).
        let header_rows = u16::from(header_drawn);
        crate::mouse::record_list(crate::mouse::ListOnScreen {
            rows: Rect {
                y: area.y + header_rows,
                height: area.height.saturating_sub(header_rows),
                ..area
            },
            highlighted,
        });
    }
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut state);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_scrolls_only_past_the_bottom() {
        assert_eq!(window(100, 0, 10), 0..10);
        assert_eq!(window(100, 9, 10), 0..10);
        assert_eq!(window(100, 10, 10), 1..11);
        assert_eq!(window(100, 99, 10), 90..100);
        assert_eq!(window(3, 2, 10), 0..3);
        assert_eq!(window(0, 0, 10), 0..0);
        assert_eq!(window(5, 3, 0), 0..0);
        assert_eq!(window(5, 50, 2), 3..5, "a cursor past the end is clamped");
    }
}
