//! The values flags take: free text that still offers the usual values to shell completions,
//! the shells completions are made for, and how data is printed.

use std::ffi::OsStr;

use clap::ValueEnum;
use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

/// A value parser that takes any text (names are resolved later) but offers the usual values
/// to shell completions.
#[derive(Clone)]
pub(crate) struct Suggested(pub(super) fn() -> Vec<&'static str>);

impl TypedValueParser for Suggested {
    type Value = String;

    fn parse_ref(
        &self,
        command: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(command, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.0)().into_iter().map(PossibleValue::new)))
    }
}

/// The ISO codes of every country, for completions.
pub(super) fn country_codes() -> Vec<&'static str> {
    crate::countries::all().iter().map(|c| c.code).collect()
}

/// The documented type names, for completions.
pub(super) fn type_names() -> Vec<&'static str> {
    crate::api::model::DOCUMENTED_TYPE_NAMES.to_vec()
}

/// The shells completions are generated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// How data is printed: `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// Tab-separated values: one header line, no padding.
    Tsv,
    /// Comma-separated values (RFC 4180 quoting), one header line.
    Csv,
    /// One JSON document (the same as --json).
    Json,
}
