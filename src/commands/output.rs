//! What the subcommands print: an aligned table (or `label: value` lines) for people, or one
//! JSON document for scripts.
//!
//! Only data goes to stdout; messages and errors go to stderr. Colour (a bold header) is used
//! only when stdout is a terminal and the theme has colour (NO_COLOR turns it off). Text from
//! the server is cleaned of control characters before it reaches a terminal.

use std::io::{IsTerminal, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::api::sanitize_text;
use crate::ui::theme::ThemeName;

use super::exit::Failure;

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    /// One JSON document instead of tables.
    pub json: bool,
    /// Whether escape codes for emphasis may be written.
    pub color: bool,
    pub theme: ThemeName,
}

impl Output {
    /// Colour only on a terminal, never with the no-colour theme, and never while NO_COLOR
    /// is set (whatever `--theme` says).
    pub fn new(json: bool, theme: ThemeName) -> Self {
        let no_color =
            ThemeName::from_no_color(std::env::var(crate::config::NO_COLOR_VAR).ok().as_deref())
                == ThemeName::NoColor;
        let color =
            !json && !no_color && theme != ThemeName::NoColor && std::io::stdout().is_terminal();
        Self { json, color, theme }
    }

    /// Prints `value` as one JSON document (pretty, ending with a newline).
    pub fn print_json<T: Serialize>(&self, value: &T) -> Result<(), Failure> {
        let text = serde_json::to_string_pretty(value)
            .map_err(|error| Failure::other(format!("cannot write JSON: {error}")))?;
        emit(&format!("{text}\n"));
        Ok(())
    }

    /// Prints a table.
    pub fn print_table(&self, table: &Table) {
        emit(&table.render(self.header_style()));
    }

    /// Prints `label: value` lines, the values aligned.
    pub fn print_fields(&self, fields: &[(&str, String)]) {
        let width = fields.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
        let mut text = String::new();
        for (label, value) in fields {
            let pad = " ".repeat(width - label.width());
            text.push_str(&format!("{label}:{pad} {}\n", sanitize_text(value)));
        }
        emit(&text);
    }

    /// Prints one line, cleaned of control characters.
    pub fn print_line(&self, text: &str) {
        emit(&format!("{}\n", sanitize_text(text)));
    }

    /// Prints text of numpick's own (completions, the config file) as it is.
    pub fn print_raw(&self, text: &str) {
        emit(text);
    }

    fn header_style(&self) -> Option<(&'static str, &'static str)> {
        match (self.color, self.theme) {
            (false, _) | (_, ThemeName::NoColor) => None,
            (true, ThemeName::HighContrast) => Some(("\x1b[1;4m", "\x1b[0m")),
            (true, ThemeName::Default) => Some(("\x1b[1m", "\x1b[0m")),
        }
    }
}

/// Writes to stdout. A closed pipe (`numpick … | head`) is not an error worth reporting.
fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        tracing::debug!(%error, "stdout is closed");
    }
}

/// Prints a message for people on stderr.
pub fn note(text: &str) {
    eprintln!("{}", sanitize_text(text));
}

/// How a column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// An aligned table of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    columns: Vec<(&'static str, Align)>,
    rows: Vec<Vec<String>>,
    /// Printed instead of the table when it has no rows.
    empty: String,
}

impl Table {
    /// A table with these headers; `empty` is printed when no row is added.
    pub fn new(columns: &[(&'static str, Align)], empty: &str) -> Self {
        Self {
            columns: columns.to_vec(),
            rows: Vec::new(),
            empty: empty.to_owned(),
        }
    }

    /// Adds a row (cells are cleaned of control characters; missing cells are blank).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.iter().map(|cell| sanitize_text(cell)).collect());
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text, two spaces between columns, no trailing spaces. `style` wraps the
    /// header line (an escape code and its reset).
    pub fn render(&self, style: Option<(&str, &str)>) -> String {
        if self.rows.is_empty() {
            return format!("{}\n", self.empty);
        }
        let cell = |row: &[String], index: usize| row.get(index).cloned().unwrap_or_default();
        let widths: Vec<usize> = (0..self.columns.len())
            .map(|index| {
                let cells = self.rows.iter().map(|row| cell(row, index).width());
                cells
                    .chain([self.columns[index].0.width()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<String>| {
            let mut text = String::new();
            for (index, value) in cells.iter().enumerate() {
                let pad = " ".repeat(widths[index] - value.width());
                if index > 0 {
                    text.push_str("  ");
                }
                match self.columns[index].1 {
                    Align::Left => text.push_str(&format!("{value}{pad}")),
                    Align::Right => text.push_str(&format!("{pad}{value}")),
                }
            }
            text.trim_end().to_owned()
        };
        let header = line(self.columns.iter().map(|(h, _)| (*h).to_owned()).collect());
        let mut text = match style {
            Some((on, off)) => format!("{on}{header}{off}\n"),
            None => format!("{header}\n"),
        };
        for row in &self.rows {
            text.push_str(&line(
                (0..self.columns.len()).map(|i| cell(row, i)).collect(),
            ));
            text.push('\n');
        }
        text
    }
}

/// `yes` / `no`.
pub fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// An optional value, or `—`.
pub fn or_dash(value: Option<impl ToString>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_with_prices_on_the_right() {
        let mut table = Table::new(&[("ID", Align::Left), ("SETUP", Align::Right)], "none");
        table.row(vec!["de-1".into(), "1.00".into()]);
        table.row(vec!["de-berlin-22".into(), "12.50".into()]);
        assert_eq!(
            table.render(None),
            "ID            SETUP\nde-1           1.00\nde-berlin-22  12.50\n"
        );
        assert_eq!(
            table.render(Some(("<", ">"))).lines().next(),
            Some("<ID            SETUP>")
        );
    }

    #[test]
    fn an_empty_table_says_so_and_control_characters_are_cleaned() {
        let mut table = Table::new(&[("NAME", Align::Left)], "No regions.");
        assert_eq!(table.render(None), "No regions.\n");
        table.row(vec!["Ber\x1b[31mlin".into()]);
        assert!(!table.render(None).contains('\x1b'));
    }
}
