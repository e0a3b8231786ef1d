//! `numbers`: the available numbers of a group, searched with the vanity pattern language.
//!
//! The API only searches for a digit substring, so the pattern's longest run of literal
//! digits is sent as `number_contains`, the whole pattern is checked here on each result, and
//! the matches are ranked (nearest the end of the number first). `--memorable` keeps the
//! memorable numbers only (most memorable first without a pattern), `--limit` the first N.
//! The table shows each number laid out for reading and its memorable feature.

use serde::Serialize;

use crate::api::model::{AvailableNumber, GroupId};
use crate::ui::phone::pretty;
use crate::vanity::{VanityPattern, memorability, memorable_order, national_number, rank_matches};

use super::Context;
use super::exit::{Failure, OK};
use super::output::{Align, Table};

#[derive(Debug, Serialize)]
struct NumberRow<'a> {
    id: &'a str,
    number: &'a str,
    /// The number as its country writes it (`+1 213-555-1234`).
    formatted: String,
}

/// What `numbers` was asked for.
#[derive(Debug, Default)]
pub struct NumbersArgs<'a> {
    pub contains: Option<&'a str>,
    /// At most this many numbers.
    pub limit: Option<usize>,
    /// Memorable numbers only.
    pub memorable: bool,
}

pub async fn numbers(ctx: &Context, group_id: &str, args: &NumbersArgs<'_>) -> Result<u8, Failure> {
    let group = group_id_arg(group_id)?;
    let contains = args.contains;
    let pattern = match contains {
        Some(text) => VanityPattern::parse(text)
            .map_err(|error| Failure::usage(format!("--contains {text:?}: {error}")))?,
        None => VanityPattern::default(),
    };
    let conn = ctx.connect().await?;
    let query = Some(pattern.server_query()).filter(|q| !q.is_empty());
    let listing = conn.client.available_numbers(&group, query).await?;
    let texts: Vec<&str> = listing.items.iter().map(|n| n.number.as_str()).collect();
    let order: Vec<usize> = match (pattern.is_empty(), args.memorable) {
        (true, false) => (0..texts.len()).collect(),
        (true, true) => memorable_order(&texts),
        (false, _) => (rank_matches(&pattern, &texts).into_iter())
            .map(|(index, _)| index)
            .collect(),
    };
    let found: Vec<&AvailableNumber> = (order.into_iter())
        .map(|index| &listing.items[index])
        .filter(|number| !args.memorable || memorable_tag(&number.number).is_some())
        .take(args.limit.unwrap_or(usize::MAX))
        .collect();
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            group_id: &'a str,
            pattern: Option<String>,
            mapping: Option<String>,
            numbers: Vec<NumberRow<'a>>,
        }
        ctx.out.print_json(&Doc {
            group_id: group.as_str(),
            pattern: (!pattern.is_empty()).then(|| pattern.to_string()),
            mapping: pattern.mapping(),
            numbers: (found.iter())
                .map(|n| NumberRow {
                    id: n.id.as_str(),
                    number: &n.number,
                    formatted: crate::phone_format::international(&n.number),
                })
                .collect(),
        })?;
        return Ok(OK);
    }
    if let Some(mapping) = pattern.mapping() {
        super::output::note(&format!("Pattern: {mapping}"));
    }
    let mut table = Table::new(
        &[
            ("NUMBER", Align::Left),
            ("FORMATTED", Align::Left),
            ("MEMORABLE", Align::Left),
            ("ID", Align::Left),
        ],
        "No numbers available match.",
    );
    for number in &found {
        // Brackets around the match help people; a script wants the number as it is.
        let shown = if ctx.out.for_people() {
            marked(&pattern, &number.number)
        } else {
            number.number.clone()
        };
        table.row(vec![
            shown,
            pretty(&number.number),
            memorable_tag(&number.number).unwrap_or_default(),
            number.id.to_string(),
        ]);
    }
    ctx.out.print_table(&table);
    Ok(OK)
}

/// The memorable feature of an E.164 number (`quad 7`), if it has one.
fn memorable_tag(number: &str) -> Option<String> {
    national_number(number)
        .and_then(memorability)
        .map(|memorable| memorable.tag)
}

/// The number with the matching digits in brackets: `+1213555[7492]`.
fn marked(pattern: &VanityPattern, number: &str) -> String {
    match pattern.matches(number) {
        Some(range) if !range.is_empty() => format!(
            "{}[{}]{}",
            &number[..range.start],
            &number[range.clone()],
            &number[range.end..]
        ),
        _ => number.to_owned(),
    }
}

/// A group id from the command line; blank is a usage error.
pub fn group_id_arg(text: &str) -> Result<GroupId, Failure> {
    let id = text.trim();
    if id.is_empty() {
        return Err(Failure::usage("the group id is empty"));
    }
    Ok(GroupId::new(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_match_is_bracketed() {
        let pattern = VanityPattern::parse("PIZZA").unwrap();
        assert_eq!(marked(&pattern, "+4930174992"), "+49301[74992]");
        assert_eq!(
            marked(&VanityPattern::default(), "+4930174992"),
            "+4930174992"
        );
    }
}
