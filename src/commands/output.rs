//! What the subcommands print: an aligned table (or `label: value` lines) for people, TSV or
//! CSV for scripts, or one JSON document.
//!
//! The format is `--format`'s, `json` for `--json`; without either, a table on a terminal and
//! TSV (one header line, no padding) when stdout is a pipe or a file, so that `cut` and `awk`
//! see plain fields. Only data goes to stdout; notes (such as "No cities."), hints, warnings
//! and errors go to stderr. Colour (a bold header) is used only when stdout is a terminal and
//! the theme has colour (NO_COLOR turns it off). Text from the server is cleaned of control
//! characters before it reaches a terminal.
//!
//! Once the backend is known ([`Output::for_backend`]), every JSON document names it
//! (`"backend": "live" | "sandbox"`), and the receipt of an order on the sandbox says
//! "(sandbox)" on its first line: here, once, rather than in each command.

use std::io::{IsTerminal, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::api::Backend;
use crate::api::sanitize_text;
use crate::cli::Format;
use crate::ui::theme::ThemeName;

use super::exit::Failure;

mod delimited;

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Output {
    /// One JSON document instead of tables.
    pub json: bool,
    /// How tables are printed (`Json` when `json`).
    pub format: Format,
    /// Whether escape codes for emphasis may be written.
    pub color: bool,
    pub theme: ThemeName,
    /// The backend, named in every JSON document; `None` before it is known.
    backend: Option<&'static str>,
    /// Whether receipts say "(sandbox)": an order, on the sandbox.
    sandbox_receipts: bool,
}

/// What marks a receipt of the sandbox.
pub(crate) const SANDBOX_MARK: &str = " (sandbox)";

impl Output {
    /// Colour only on a terminal, never with the no-colour theme, and never while NO_COLOR
    /// is set (whatever `--theme` says).
    pub(crate) fn new(json: bool, theme: ThemeName) -> Self {
        let no_color =
            ThemeName::from_no_color(std::env::var(crate::config::NO_COLOR_VAR).ok().as_deref())
                == ThemeName::NoColor;
        let color =
            !json && !no_color && theme != ThemeName::NoColor && std::io::stdout().is_terminal();
        let format = if json {
            Format::Json
        } else if std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Tsv
        };
        Self {
            json,
            format,
            color,
            theme,
            backend: None,
            sandbox_receipts: false,
        }
    }

    /// The same output in `format` (`--format`), when one is given.
    pub(crate) fn with_format(self, format: Option<Format>) -> Self {
        match format {
            None => self,
            Some(format) => Self {
                json: format == Format::Json,
                color: self.color && format == Format::Table,
                format,
                ..self
            },
        }
    }

    /// Whether tables are aligned for people (and may mark matches in brackets).
    pub(crate) fn for_people(&self) -> bool {
        self.format == Format::Table
    }

    /// The same output for a command on `backend`; `order` when the command reserves, buys or
    /// cancels.
    pub(crate) fn for_backend(self, backend: &Backend, order: bool) -> Self {
        Self {
            backend: Some(super::backend::backend_name(backend)),
            sandbox_receipts: order && *backend == Backend::Sandbox,
            ..self
        }
    }

    /// Prints `value` as one JSON document (pretty, ending with a newline).
    pub(crate) fn print_json<T: Serialize>(&self, value: &T) -> Result<(), Failure> {
        emit(&format!("{}\n", self.json_text(value)?));
        Ok(())
    }

    /// `value` as pretty JSON, with `"backend"` first once the backend is known. `value` must
    /// serialize as a map (every document is a struct).
    fn json_text<T: Serialize>(&self, value: &T) -> Result<String, Failure> {
        #[derive(Serialize)]
        struct Tagged<'a, T> {
            backend: &'a str,
            #[serde(flatten)]
            document: &'a T,
        }
        match self.backend {
            Some(backend) => serde_json::to_string_pretty(&Tagged {
                backend,
                document: value,
            }),
            None => serde_json::to_string_pretty(value),
        }
        .map_err(|error| Failure::other(format!("cannot write JSON: {error}")))
    }

    /// `text`, followed by " (sandbox)" when this is the receipt of an order on the sandbox.
    pub(crate) fn receipt_text(&self, text: &str) -> String {
        if self.sandbox_receipts {
            format!("{text}{SANDBOX_MARK}")
        } else {
            text.to_owned()
        }
    }

    /// Prints a table in the format chosen. An empty table's message is a note on stderr;
    /// TSV and CSV still print their header line, so that a script sees the columns.
    pub(crate) fn print_table(&self, table: &Table) {
        if table.is_empty() && !table.empty.is_empty() {
            note(&table.empty);
        }
        match self.format {
            Format::Table | Format::Json => {
                if !table.is_empty() {
                    emit(&table.render(self.header_style()));
                }
            }
            Format::Tsv => emit(&table.tsv()),
            Format::Csv => emit(&table.csv()),
        }
    }

    /// Prints `label: value` lines, the values aligned. The first line is the headline: on
    /// the receipt of an order on the sandbox, it says "(sandbox)".
    pub(crate) fn print_fields(&self, fields: &[(&str, String)]) {
        emit(&self.fields_text(fields));
    }

    fn fields_text(&self, fields: &[(&str, String)]) -> String {
        let width = fields.iter().map(|(l, _)| l.width()).max().unwrap_or(0);
        let mut text = String::new();
        for (index, (label, value)) in fields.iter().enumerate() {
            let pad = " ".repeat(width - label.width());
            let value = sanitize_text(value);
            let value = if index == 0 {
                self.receipt_text(&value)
            } else {
                value
            };
            text.push_str(&format!("{label}:{pad} {value}\n"));
        }
        text
    }

    /// Prints one line, cleaned of control characters.
    pub(crate) fn print_line(&self, text: &str) {
        emit(&format!("{}\n", sanitize_text(text)));
    }

    /// Prints text of numpick's own (completions, the config file) as it is.
    pub(crate) fn print_raw(&self, text: &str) {
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
pub(crate) enum Align {
    Left,
    Right,
}

/// An aligned table of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    columns: Vec<(&'static str, Align)>,
    rows: Vec<Vec<String>>,
    /// Printed instead of the table when it has no rows.
    empty: String,
}

impl Table {
    /// A table with these headers; `empty` is printed when no row is added.
    pub(crate) fn new(columns: &[(&'static str, Align)], empty: &str) -> Self {
        Self {
            columns: columns.to_vec(),
            rows: Vec::new(),
            empty: empty.to_owned(),
        }
    }

    /// Adds a row (cells are cleaned of control characters; missing cells are blank).
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.iter().map(|cell| sanitize_text(cell)).collect());
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as text, two spaces between columns, no trailing spaces. `style` wraps the
    /// header line (an escape code and its reset).
    pub(crate) fn render(&self, style: Option<(&str, &str)>) -> String {
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
pub(crate) fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// An optional value, or `—`.
pub(crate) fn or_dash(value: Option<impl ToString>) -> String {
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
    fn every_json_document_names_the_backend_once_it_is_known() {
        #[derive(Serialize)]
        struct Doc {
            status: &'static str,
            count: u32,
        }
        let doc = Doc {
            status: "bought",
            count: 2,
        };
        let out = Output::new(true, ThemeName::NoColor);
        let plain: serde_json::Value = serde_json::from_str(&out.json_text(&doc).unwrap()).unwrap();
        assert_eq!(plain, serde_json::json!({"status": "bought", "count": 2}));
        for (backend, name) in [(Backend::Sandbox, "sandbox"), (Backend::Live, "live")] {
            let text = out.for_backend(&backend, false).json_text(&doc).unwrap();
            assert!(
                text.starts_with(&format!("{{\n  \"backend\": \"{name}\",")),
                "{text}"
            );
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                value,
                serde_json::json!({"backend": name, "status": "bought", "count": 2})
            );
        }
    }

    #[test]
    fn receipts_of_orders_on_the_sandbox_say_so() {
        let out = Output::new(false, ThemeName::NoColor);
        let fields = [("Bought", "+4930".to_owned()), ("Group", "g".to_owned())];
        let order = out.for_backend(&Backend::Sandbox, true);
        assert_eq!(
            order.fields_text(&fields),
            "Bought: +4930 (sandbox)\nGroup:  g\n"
        );
        assert_eq!(order.receipt_text("Cancelled"), "Cancelled (sandbox)");
        let reading = out.for_backend(&Backend::Sandbox, false);
        assert_eq!(reading.fields_text(&fields), "Bought: +4930\nGroup:  g\n");
        let live = out.for_backend(&Backend::Live, true);
        assert_eq!(live.fields_text(&fields), "Bought: +4930\nGroup:  g\n");
    }

    #[test]
    fn piped_output_is_tsv_unless_a_format_is_given() {
        let out = Output::new(false, ThemeName::Default);
        // The tests' stdout is not a terminal.
        assert_eq!(out.format, Format::Tsv);
        assert!(!out.color);
        assert_eq!(out.with_format(Some(Format::Csv)).format, Format::Csv);
        let json = out.with_format(Some(Format::Json));
        assert!(json.json);
        assert_eq!(Output::new(true, ThemeName::Default).format, Format::Json);
    }

    #[test]
    fn an_empty_table_says_so_and_control_characters_are_cleaned() {
        let mut table = Table::new(&[("NAME", Align::Left)], "No regions.");
        assert_eq!(table.render(None), "No regions.\n");
        table.row(vec!["Ber\x1b[31mlin".into()]);
        assert!(!table.render(None).contains('\x1b'));
    }
}
