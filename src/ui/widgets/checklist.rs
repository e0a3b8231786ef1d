//! The requirements checklist as screen lines: numbered requirements, their sentences wrapped
//! at word boundaries (never cut), and the unknown fields on a muted "details" line.

use ratatui::text::{Line, Span};

use crate::api::model::Group;
use crate::requirements::{Checklist, capitalised};
use crate::ui::View;
use crate::ui::text::clean;

/// How far the sentences of a requirement are indented under its number.
const INDENT: &str = "   ";

/// The lines of `checklist` for a column `width` cells wide.
pub(crate) fn lines<'a>(view: &View<'_>, checklist: &Checklist, width: u16) -> Vec<Line<'a>> {
    let width = usize::from(width).max(INDENT.len() + 8);
    let mut out = Vec::new();
    for (n, item) in checklist.items().iter().enumerate() {
        let title = format!("{}. {}", n + 1, capitalised(&item.title));
        for row in wrap(&title, width, "") {
            out.push(Line::styled(row, view.theme.title));
        }
        for sentence in &item.sentences {
            for row in wrap(sentence, width, INDENT) {
                out.push(Line::raw(row));
            }
        }
        if !item.details.is_empty() {
            let details = format!("details: {}", item.details.join("; "));
            for row in wrap(&details, width, INDENT) {
                out.push(Line::from(Span::styled(row, view.theme.muted)));
            }
        }
    }
    out
}

/// `text` cleaned of control characters and wrapped to `width`, each row after `indent`.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(indent);
    textwrap::wrap(&clean(text), options)
        .into_iter()
        .map(|row| row.into_owned())
        .collect()
}

/// The requirements of the country and type (when fetched) and of the group, each once.
pub(crate) fn requirement_checklist(
    fetched: Option<&Vec<serde_json::Value>>,
    group: &Group,
) -> Checklist {
    let mut checklist = Checklist::default();
    if let Some(fetched) = fetched {
        checklist.add(fetched);
    }
    checklist.add(&group.requirements);
    checklist
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_at_words_and_nothing_is_cut() {
        let text = "Proof of an address inside the local network area (Ortsnetzbereich)";
        let rows = wrap(text, 24, "   ");
        assert!(rows.iter().all(|row| row.chars().count() <= 24), "{rows:?}");
        assert!(rows.iter().all(|row| row.starts_with("   ")));
        let words: Vec<&str> = rows.iter().flat_map(|row| row.split_whitespace()).collect();
        assert_eq!(words.join(" "), text);
    }
}
