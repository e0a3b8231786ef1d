//! `numbers` without a group id: the available numbers of every group of a place, one
//! pattern, one ranked list, within a credit budget.
//!
//! The list of groups costs one credit, and each group that lets a number be picked one
//! more; a search costing more than `--max-credits` is refused before any number is
//! searched. What is left of the budget completes answers the API's page may have cut short
//! ([`crate::everywhere`]); a result that is still not complete says so on stderr and in
//! `"complete"`.

use serde::Serialize;

use crate::api::model::{CountryCode, Group, Price};
use crate::api::{Client, GroupQuery};
use crate::cli::PlaceArgs;
use crate::everywhere::{Budget, Found, GroupSearch, PageCap, Sweep, first_pass_cost, merge, note};
use crate::sweep::{complete_groups, search_groups};
use crate::vanity::VanityPattern;

use super::Context;
use super::browse::{GroupFilters, group_query};
use super::exit::{Failure, OK};
use super::numbers::{marked, pattern_arg};
use super::output::{self, Align, Table};

/// The list of groups, asked for before the groups are searched.
const GROUP_LIST_COST: u32 = 1;

/// The place to search, as the API's group search takes it: names or ids, resolved as every
/// command resolves them.
async fn place_query(
    ctx: &Context,
    client: &crate::api::Client,
    place: &PlaceArgs,
) -> Result<GroupQuery, Failure> {
    let country: CountryCode = ctx.country(place.country.as_deref())?;
    let filters = GroupFilters {
        region: place.region.clone(),
        city: place.city.clone(),
        city_name: None,
        did_type: place.did_type.clone(),
    };
    group_query(client, country, &filters).await
}

#[derive(Serialize)]
struct NumberRow<'a> {
    id: &'a str,
    number: &'a str,
    group_id: &'a str,
    prefix: &'a str,
    location: &'a str,
    setup_price: Price,
    monthly_price: Price,
    documents: bool,
    memorable: Option<&'a str>,
}

impl<'a> From<&'a Found<'a>> for NumberRow<'a> {
    fn from(found: &'a Found<'a>) -> Self {
        Self {
            id: found.number.id.as_str(),
            number: &found.number.number,
            group_id: found.group.id.as_str(),
            prefix: &found.group.prefix,
            location: &found.group.location,
            setup_price: found.group.price.setup,
            monthly_price: found.group.price.monthly,
            documents: found.group.has_requirements(),
            memorable: found.memorable.as_ref().map(|m| m.tag.as_str()),
        }
    }
}

#[derive(Serialize)]
struct GroupRow<'a> {
    id: &'a str,
    prefix: &'a str,
    location: &'a str,
    number_selection: bool,
    complete: bool,
    note: Option<String>,
}

/// What a search of every group of a place found.
pub(super) struct PlaceSearch {
    /// The place, resolved to ids.
    pub query: GroupQuery,
    /// Every group of the place, those that assign their numbers at random included.
    pub groups: Vec<Group>,
    /// The search of each group that lets a number be picked, in the API's order of groups.
    pub searches: Vec<GroupSearch>,
    /// The requests spent, the names looked up and the list of groups included.
    pub credits: u32,
    /// Whether every group was searched to the end.
    pub complete: bool,
}

/// Refuses, before anything is sent, a budget too small for any search of a place.
pub(super) fn least_cost_within(max_credits: u32) -> Result<(), Failure> {
    if max_credits < GROUP_LIST_COST + 1 {
        return Err(Failure::usage(format!(
            "searching a place costs at least 2 credits (1 for its groups, 1 per group), \
             more than --max-credits {max_credits}; nothing was sent"
        )));
    }
    Ok(())
}

/// Searches every group of `place` for `pattern` within `max_credits`: the list of groups
/// first, then, when the first pass fits the budget, one query per group, then narrower ones
/// with what is left (call [`least_cost_within`] first). A search that would cost more is refused before any number is
/// searched; groups left incomplete are said on stderr.
pub(super) async fn search_place(
    ctx: &Context,
    client: &Client,
    place: &PlaceArgs,
    pattern: &VanityPattern,
    max_credits: u32,
) -> Result<PlaceSearch, Failure> {
    let sent_before = client.requests_sent();
    let query = place_query(ctx, client, place).await?;
    // Names are resolved by asking the API (unless its catalogue is kept on disk): what that
    // cost counts against the budget too.
    let lookups =
        u32::try_from(client.requests_sent().saturating_sub(sent_before)).unwrap_or(u32::MAX);
    let spent = lookups.saturating_add(GROUP_LIST_COST);
    if spent > max_credits {
        return Err(Failure::usage(format!(
            "looking up the place's names took {lookups} credits; listing its groups would \
             pass --max-credits {max_credits}; no number was searched (give ids, or raise \
             --max-credits)"
        )));
    }
    let listing = client.groups(&query).await?;
    if listing.skipped > 0 {
        output::note(&format!(
            "numpick: {} groups could not be read and were not searched",
            listing.skipped
        ));
    }
    let groups = listing.items;
    let cost = first_pass_cost(&groups);
    let total = spent.saturating_add(cost);
    if total > max_credits {
        let names = if lookups > 0 {
            format!("{lookups} for the place's names, ")
        } else {
            String::new()
        };
        return Err(Failure::usage(format!(
            "searching {cost} groups would cost {total} credits ({names}{GROUP_LIST_COST} for \
             the list of groups, 1 per group), more than --max-credits {max_credits}; no number \
             was searched (narrow the place, or raise --max-credits)"
        )));
    }
    let cap = PageCap::new();
    let first_pass = Budget::new(cost);
    let mut searches = search_groups(
        client,
        &groups,
        pattern,
        Sweep {
            cap: &cap,
            budget: &first_pass,
        },
        |_, _| {},
    )
    .await;
    let rest = Budget::new(max_credits - total);
    complete_groups(
        client,
        &mut searches,
        pattern,
        Sweep {
            cap: &cap,
            budget: &rest,
        },
    )
    .await;
    let credits = spent + searches.iter().map(|s| s.credits).sum::<u32>();
    let complete = searches.iter().all(GroupSearch::is_complete);
    for search in &searches {
        if let Some(why) = note::incompleteness(search) {
            output::note(&format!(
                "numpick: {} {} not complete: {why} (--max-credits {max_credits})",
                search.group.id, search.group.prefix
            ));
        }
    }
    Ok(PlaceSearch {
        query,
        groups,
        searches,
        credits,
        complete,
    })
}

pub(super) async fn numbers(
    ctx: &Context,
    place: &PlaceArgs,
    contains: Option<&str>,
    max_credits: u32,
) -> Result<u8, Failure> {
    let pattern = pattern_arg(contains)?;
    least_cost_within(max_credits)?;
    let conn = ctx.connect().await?;
    let PlaceSearch {
        query,
        groups,
        searches,
        credits,
        complete,
    } = search_place(ctx, &conn.client, place, &pattern, max_credits).await?;
    let found = merge(&searches, &pattern);
    let random_only: Vec<_> = groups
        .iter()
        .filter(|g| !g.allow_number_selection)
        .collect();
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            country: &'a CountryCode,
            region: Option<&'a str>,
            city: Option<&'a str>,
            #[serde(rename = "type")]
            did_type: Option<&'a str>,
            pattern: Option<String>,
            complete: bool,
            credits: u32,
            numbers: Vec<NumberRow<'a>>,
            groups: Vec<GroupRow<'a>>,
        }
        let mut group_rows: Vec<GroupRow<'_>> = (searches.iter())
            .map(|s| GroupRow {
                id: s.group.id.as_str(),
                prefix: &s.group.prefix,
                location: &s.group.location,
                number_selection: true,
                complete: s.is_complete(),
                note: note::incompleteness(s),
            })
            .collect();
        group_rows.extend(random_only.iter().map(|g| GroupRow {
            id: g.id.as_str(),
            prefix: &g.prefix,
            location: &g.location,
            number_selection: false,
            complete: true,
            note: Some("assigns a number at random: nothing to search".to_owned()),
        }));
        ctx.out.print_json(&Doc {
            country: &query.country,
            region: query.region.as_ref().map(|r| r.as_str()),
            city: query.city.as_ref().map(|c| c.as_str()),
            did_type: query.did_type.as_ref().map(|t| t.as_str()),
            pattern: (!pattern.is_empty()).then(|| pattern.to_string()),
            complete,
            credits,
            numbers: found.iter().map(NumberRow::from).collect(),
            groups: group_rows,
        })?;
        return Ok(OK);
    }
    // What the search was and cost goes to stderr, as every note does: piped, stdout holds
    // the table alone.
    if let Some(mapping) = pattern.mapping() {
        output::note(&format!("Pattern: {mapping}"));
    }
    output::note(&format!(
        "{} · {} searched · {credits} credits",
        note::count(found.len(), complete),
        crate::wording::counted(searches.len(), "group")
    ));
    let empty = if complete {
        "No numbers available match."
    } else {
        "None found so far: more numbers may exist (see above)."
    };
    let mut table = Table::new(
        &[
            ("NUMBER", Align::Left),
            ("PREFIX", Align::Left),
            ("LOCATION", Align::Left),
            ("MONTHLY", Align::Right),
            ("DOCS", Align::Left),
            ("MEMORABLE", Align::Left),
            ("GROUP", Align::Left),
        ],
        empty,
    );
    for row in &found {
        // Brackets around the match help people; a script wants the number as it is.
        let shown = if ctx.out.for_people() {
            marked(&pattern, &row.number.number)
        } else {
            row.number.number.clone()
        };
        table.row(vec![
            shown,
            row.group.prefix.clone(),
            row.group.location.clone(),
            row.group.price.monthly.to_string(),
            if row.group.has_requirements() {
                "required"
            } else {
                "none"
            }
            .to_owned(),
            row.memorable
                .as_ref()
                .map_or_else(String::new, |m| m.tag.clone()),
            row.group.id.to_string(),
        ]);
    }
    ctx.out.print_table(&table);
    for group in random_only {
        output::note(&format!(
            "{} {} ({}): a number at random only, not searched",
            group.prefix, group.location, group.id
        ));
    }
    Ok(OK)
}
