//! An order's reference: the customer or ticket reference an operator attaches to a
//! reservation or a purchase (`--ref`, or the Review step's field), recorded with it in the
//! journal so that the order can be found later (`numpick history --ref`).
//!
//! A reference is text for people and for scripts: control characters, escape sequences and
//! invisible characters are removed, runs of spaces become one, and it holds at most
//! [`MAX_REFERENCE_CHARS`] characters. Read back from the journal — which a person may have
//! edited — it is cleaned the same way, and cut rather than refused.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::api::sanitize_text;

/// The most characters a reference holds: room for a ticket id and a customer's name.
pub(crate) const MAX_REFERENCE_CHARS: usize = 64;

/// A cleaned, non-empty reference of at most [`MAX_REFERENCE_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Reference(String);

impl Reference {
    /// The reference `text` stands for: `None` when nothing is left of it once cleaned, an
    /// error (saying why) when it is longer than [`MAX_REFERENCE_CHARS`].
    pub fn parse(text: &str) -> Result<Option<Self>, String> {
        let clean = clean(text);
        let length = clean.chars().count();
        if length > MAX_REFERENCE_CHARS {
            return Err(format!(
                "the reference is {length} characters long; at most {MAX_REFERENCE_CHARS} are kept"
            ));
        }
        Ok((!clean.is_empty()).then_some(Self(clean)))
    }

    /// `text` cleaned and cut to [`MAX_REFERENCE_CHARS`] characters; `None` when nothing is
    /// left.
    pub fn cut(text: &str) -> Option<Self> {
        let clean: String = clean(text).chars().take(MAX_REFERENCE_CHARS).collect();
        let clean = clean.trim_end().to_owned();
        (!clean.is_empty()).then_some(Self(clean))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `wanted` names this reference: the same text, case and surrounding spaces aside.
    pub fn matches(&self, wanted: &str) -> bool {
        let wanted = clean(wanted);
        !wanted.is_empty() && self.0.to_lowercase() == wanted.to_lowercase()
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Reference {
    /// Whatever the journal holds is cleaned and cut, never refused: a line is not lost for an
    /// odd reference. An empty one reads as a reference of a single dash.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::cut(&text).unwrap_or_else(|| Self("-".to_owned())))
    }
}

/// `text` without control characters or escape sequences, its spaces collapsed.
fn clean(text: &str) -> String {
    sanitize_text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_cleaned_and_capped() {
        let parsed = Reference::parse("  ACME\t#12\x1b[31m \u{7}  ")
            .unwrap()
            .unwrap();
        assert_eq!(parsed.as_str(), "ACME #12");
        assert_eq!(Reference::parse(" \n\u{1b}[0m ").unwrap(), None);
        let longest = "x".repeat(MAX_REFERENCE_CHARS);
        assert!(Reference::parse(&longest).unwrap().is_some());
        let error = Reference::parse(&format!("{longest}y")).unwrap_err();
        assert!(error.contains("65 characters"), "{error}");
        assert_eq!(
            Reference::cut(&format!("{longest}yz")).unwrap().as_str(),
            longest
        );
    }

    #[test]
    fn a_reference_is_found_whatever_its_case() {
        let reference = Reference::parse("Ticket-42").unwrap().unwrap();
        assert!(reference.matches(" ticket-42 "));
        assert!(!reference.matches("ticket-4"));
        assert!(!reference.matches(""));
    }

    #[test]
    fn the_journal_s_text_is_cleaned_when_read() {
        let read: Reference = serde_json::from_str("\"a\\u001b[2Jb\\u0000c\"").unwrap();
        assert_eq!(read.as_str(), "abc");
        let long = format!("\"{}\"", "é".repeat(200));
        let read: Reference = serde_json::from_str(&long).unwrap();
        assert_eq!(read.as_str().chars().count(), MAX_REFERENCE_CHARS);
    }
}
