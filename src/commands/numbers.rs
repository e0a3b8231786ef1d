//! `numbers`: the available numbers of a group, searched with the vanity pattern language.
//!
//! The API only searches for a digit substring, so the pattern's longest run of literal
//! digits is sent as `number_contains`, the whole pattern is checked here on each result, and
//! the matches are ranked (nearest the end of the number first). An answer the API's page
//! may have cut short is completed with narrower queries within `--max-credits`
//! ([`crate::everywhere`]); one that still is not complete says so. `--memorable` keeps the
//! memorable numbers only (most memorable first without a pattern), `--limit` the first N.
//! The table shows each number laid out for reading and its memorable feature.

use serde::Serialize;

use crate::api::model::{AvailableNumber, Group, GroupId, GroupPrice};
use crate::everywhere::{Budget, PageCap, Sweep, note};
use crate::sweep::{complete_group, search_group};
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
pub(super) struct NumbersArgs<'a> {
    pub contains: Option<&'a str>,
    /// At most this many numbers.
    pub limit: Option<usize>,
    /// Memorable numbers only.
    pub memorable: bool,
    /// The most credits (requests) the search may spend.
    pub(crate) max_credits: u32,
}

pub(super) async fn numbers(
    ctx: &Context,
    group_id: &str,
    args: &NumbersArgs<'_>,
) -> Result<u8, Failure> {
    let group = group_id_arg(group_id)?;
    let pattern = pattern_arg(args.contains)?;
    let max_credits = args.max_credits;
    if max_credits == 0 {
        return Err(Failure::usage(
            "searching a group costs 1 credit, more than --max-credits 0; nothing was sent",
        ));
    }
    let conn = ctx.connect().await?;
    let cap = PageCap::new();
    let budget = Budget::new(max_credits);
    let sweep = Sweep {
        cap: &cap,
        budget: &budget,
    };
    let listed = unlisted_group(group.clone());
    let mut search = search_group(&conn.client, &listed, &pattern, sweep).await;
    if let Some(error) = search.coverage.error.take() {
        return Err(error.into());
    }
    complete_group(&conn.client, &mut search, &pattern, sweep).await;
    let complete = search.is_complete();
    if let Some(why) = note::incompleteness(&search) {
        super::output::note(&format!(
            "numpick: not complete: {why} (--max-credits {max_credits})"
        ));
    }
    let listing = &search.numbers;
    let texts: Vec<&str> = listing.iter().map(|n| n.number.as_str()).collect();
    let order: Vec<usize> = match (pattern.is_empty(), args.memorable) {
        (true, false) => (0..texts.len()).collect(),
        (true, true) => memorable_order(&texts),
        (false, _) => (rank_matches(&pattern, &texts).into_iter())
            .map(|(index, _)| index)
            .collect(),
    };
    let found: Vec<&AvailableNumber> = (order.into_iter())
        .map(|index| &listing[index])
        .filter(|number| !args.memorable || memorable_tag(&number.number).is_some())
        .take(args.limit.unwrap_or(usize::MAX))
        .collect();
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            group_id: &'a str,
            pattern: Option<String>,
            mapping: Option<String>,
            /// Whether every matching number was found (false when the credit budget or an
            /// error stopped the search short).
            complete: bool,
            numbers: Vec<NumberRow<'a>>,
        }
        ctx.out.print_json(&Doc {
            group_id: group.as_str(),
            pattern: (!pattern.is_empty()).then(|| pattern.to_string()),
            mapping: pattern.mapping(),
            complete,
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
        if complete {
            "No numbers available match."
        } else {
            "None found so far: more numbers may exist (see above)."
        },
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
pub(super) fn marked(pattern: &VanityPattern, number: &str) -> String {
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

/// The vanity pattern of `--contains`; none is the empty pattern.
pub(super) fn pattern_arg(contains: Option<&str>) -> Result<VanityPattern, Failure> {
    match contains {
        Some(text) => VanityPattern::parse(text)
            .map_err(|error| Failure::usage(format!("--contains {text:?}: {error}"))),
        None => Ok(VanityPattern::default()),
    }
}

/// A group known only by its id: the command searches it without listing the groups first.
fn unlisted_group(id: GroupId) -> Group {
    Group {
        id,
        prefix: String::new(),
        location: String::new(),
        price: GroupPrice::default(),
        did_type: String::new(),
        requirements: Vec::new(),
        allow_number_selection: true,
        is_eligible_for_free_number: false,
        features: Vec::new(),
    }
}

/// A group id from the command line; blank is a usage error.
pub(super) fn group_id_arg(text: &str) -> Result<GroupId, Failure> {
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
