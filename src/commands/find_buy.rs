//! `buy` without a group id: find the number and buy it in one step.
//!
//! `numpick buy --country US --region California --city "Los Angeles" --type local
//! --contains 5551234` does what `numbers` (across a place), then `buy GROUP --number N`
//! would, with nothing to copy in between:
//! 1. Without a terminal to confirm on, nothing is sent unless `--yes` (or `--dry-run`).
//! 2. Every group of the place is searched for the pattern within `--max-credits`, as
//!    `numbers` without a group does ([`super::everywhere::search_place`]): a search that
//!    would cost more is refused before any number is searched.
//! 3. The best-ranked match is taken (`--pick first`: the first found, in the API's order),
//!    and shown on stderr with its group, prices, the total due now and its documents.
//! 4. `--dry-run` stops here: it prints the reservation and the purchase it would send.
//! 5. Otherwise the purchase goes the way of `buy`: earlier unsettled purchases are settled
//!    and [`crate::buy_rule`] asked; the number is reserved (so that it is held while the
//!    operator reads the prompt), confirmed on a terminal (a declined one's reservation is
//!    cancelled), and bought through [`crate::orders::purchase_recorded`]: recorded before
//!    it is sent, sent once, never retried, settled from the account's numbers when its
//!    answer is lost.

use std::io::IsTerminal;

use serde::Serialize;
use serde_json::{Value, json};

use crate::api::model::{AvailableNumber, E164, Group, Price, PurchaseOrder};
use crate::cli::{BuyArgs, Pick, PlaceArgs};
use crate::everywhere::merge;
use crate::money::Currency;
use crate::orders::deals::reserve_recorded;
use crate::vanity::{VanityPattern, memorability, national_number};

use super::Context;
use super::buy_prices::Known;
use super::buy_prompt::{confirm, countdown, prompt_text};
use super::buying::{Sale, buy_and_report, declined, ready_to_buy};
use super::everywhere::{PlaceSearch, least_cost_within, search_place};
use super::exit::{Failure, OK, OTHER, code_for};
use super::numbers::pattern_arg;
use super::output;

/// The credits a one-step search may spend unless `--max-credits` says otherwise (as
/// `numbers`).
const DEFAULT_MAX_CREDITS: u32 = 20;

/// The endpoints the dry run names.
const RESERVE_PATH: &str = "/open/numbers/reservations";
const PURCHASE_PATH: &str = "/open/numbers/purchase";

/// The match chosen, and how it stood among the others.
struct Choice {
    group: Group,
    number: AvailableNumber,
    /// How many numbers matched, in how many groups searched.
    matches: usize,
    groups: usize,
    memorable: Option<String>,
}

/// The match `pick` takes among what the search found, if any matched.
fn choose(search: &PlaceSearch, pattern: &VanityPattern, pick: Pick) -> Option<Choice> {
    let ranked = merge(&search.searches, pattern);
    let (group, number) = match pick {
        Pick::Best => ranked.first().map(|found| (found.group, found.number))?,
        // Each group's numbers are the matches, in the order the API gave them.
        Pick::First => (search.searches.iter())
            .find_map(|s| s.numbers.first().map(|number| (&s.group, number)))?,
    };
    let memorable = national_number(&number.number)
        .and_then(memorability)
        .map(|m| m.tag);
    Some(Choice {
        group: group.clone(),
        number: number.clone(),
        matches: ranked.len(),
        groups: search.searches.len(),
        memorable,
    })
}

pub(super) async fn find_and_buy(ctx: &Context, args: &BuyArgs) -> Result<u8, Failure> {
    let find = &args.find;
    let pattern = pattern_arg(find.contains.as_deref())?;
    if pattern.is_empty() {
        return Err(Failure::usage(
            "--contains is empty: give the pattern to find (nothing was sent)",
        ));
    }
    let max_credits = find.max_credits.unwrap_or(DEFAULT_MAX_CREDITS);
    least_cost_within(max_credits)?;
    let interactive = std::io::stdin().is_terminal();
    if !args.dry_run && !args.yes && !interactive {
        return Err(Failure::usage(
            "buy spends money and there is no terminal to confirm on: pass --yes to buy without asking (nothing was sent)",
        ));
    }
    let mut conn = ctx.connect().await?;
    let place = PlaceArgs {
        country: args.country.clone(),
        region: args.region.clone(),
        city: find.city.clone(),
        did_type: find.did_type.clone(),
    };
    let search = search_place(ctx, &conn.client, &place, &pattern, max_credits).await?;
    let pick = find.pick.unwrap_or_default();
    let Some(choice) = choose(&search, &pattern, pick) else {
        let more = if search.complete {
            String::new()
        } else {
            " (the search was not complete: more numbers may exist; see above)".to_owned()
        };
        return Err(Failure::new(
            OTHER,
            format!(
                "no number available matches {pattern} in the {} groups searched{more}: nothing was reserved or bought",
                search.searches.len()
            ),
        ));
    };
    let Some(number) = E164::parse(&choice.number.number) else {
        return Err(Failure::other(format!(
            "{:?} is not an E.164 number: nothing was reserved or bought",
            choice.number.number
        )));
    };
    let group_id = choice.group.id.clone();
    output::note(&found_text(&choice, &search, pick, &number));
    let known = Known::Group(Box::new(choice.group.clone()));
    let currency = ctx.settings.currency;
    if args.dry_run {
        return dry_run(ctx, &choice, &search, &number, &known);
    }

    let journal_path = conn.journal_path()?;
    let journal = conn.open_journal()?;
    let here = ready_to_buy(ctx, &conn.client, &journal, &journal_path).await?;

    // Held while the operator reads the prompt; the purchase then names the reservation.
    let held = reserve_recorded(
        &conn.client,
        Some(&journal),
        &group_id,
        Some(number.as_str()),
        args.reference.as_ref(),
    )
    .await
    .map_err(|error| {
        Failure::new(
            code_for(&error),
            format!("{number} could not be reserved ({error}): nothing was bought"),
        )
    })?;
    output::note(&format!(
        "numpick: reserved {number} of group {group_id} for this purchase (expires in {})",
        countdown(&held)
    ));
    if args.yes {
        note_lines(&prompt_text(
            &group_id,
            &known,
            &number,
            Some(&held),
            currency,
        ));
    } else if !confirm(&group_id, &known, &number, Some(&held), currency)? {
        return Err(declined(&conn.client, &journal, Some(&held.uuid)).await);
    }

    let order = PurchaseOrder::new(group_id.clone(), number);
    let sale = Sale {
        order: &order,
        reservation: Some(&held.uuid),
        known: &known,
        reference: args.reference.as_ref(),
    };
    buy_and_report(ctx, &conn.client, &journal, here, sale).await
}

/// Says `text` on stderr, line by line (each cleaned of control characters).
fn note_lines(text: &str) {
    for line in text.lines() {
        output::note(line);
    }
}

/// What was found, as stderr says it before anything is reserved.
fn found_text(choice: &Choice, search: &PlaceSearch, pick: Pick, number: &E164) -> String {
    let clean = crate::api::sanitize_text;
    let how = match pick {
        Pick::Best => "the best",
        Pick::First => "the first found",
    };
    let complete = if search.complete {
        ""
    } else {
        " (the search was not complete)"
    };
    let memorable = choice
        .memorable
        .as_deref()
        .map_or_else(String::new, |tag| format!(", {tag}"));
    format!(
        "numpick: found {number} ({}{memorable}) in group {} {} {}: {how} of {} matches in {} groups · {} credits{complete}",
        crate::phone_format::international(number.as_str()),
        clean(choice.group.id.as_str()),
        clean(&choice.group.prefix),
        clean(&choice.group.location),
        choice.matches,
        choice.groups,
        search.credits,
    )
}

/// Prints what was found and the two requests a real run would send (the reservation, then
/// the purchase), with the prices and documents; reserves and buys nothing.
fn dry_run(
    ctx: &Context,
    choice: &Choice,
    search: &PlaceSearch,
    number: &E164,
    known: &Known,
) -> Result<u8, Failure> {
    let group = &choice.group;
    let body = json!({"group_id": group.id.as_str(), "number": number.as_str()});
    let currency = ctx.settings.currency;
    if ctx.out.json {
        #[derive(Serialize)]
        struct Step<'a> {
            method: &'a str,
            path: &'a str,
            body: &'a Value,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            dry_run: bool,
            number: &'a str,
            formatted: String,
            group_id: &'a str,
            prefix: &'a str,
            location: &'a str,
            #[serde(rename = "type")]
            did_type: &'a str,
            setup_price: Price,
            monthly_price: Price,
            ppm: Price,
            due_now_price: Price,
            currency: Currency,
            documents: Option<String>,
            memorable: Option<&'a str>,
            matches: usize,
            complete: bool,
            credits: u32,
            requests: [Step<'a>; 2],
        }
        let requirements = crate::requirements::Checklist::of(&group.requirements);
        ctx.out.print_json(&Doc {
            dry_run: true,
            number: number.as_str(),
            formatted: crate::phone_format::international(number.as_str()),
            group_id: group.id.as_str(),
            prefix: &group.prefix,
            location: &group.location,
            did_type: &group.did_type,
            setup_price: group.price.setup,
            monthly_price: group.price.monthly,
            ppm: group.price.per_minute,
            due_now_price: crate::money::due_now(&group.price),
            currency,
            documents: (!requirements.is_empty()).then(|| requirements.summary()),
            memorable: choice.memorable.as_deref(),
            matches: choice.matches,
            complete: search.complete,
            credits: search.credits,
            requests: [
                Step {
                    method: "POST",
                    path: RESERVE_PATH,
                    body: &body,
                },
                Step {
                    method: "POST",
                    path: PURCHASE_PATH,
                    body: &body,
                },
            ],
        })?;
        return Ok(OK);
    }
    note_lines(&prompt_text(&group.id, known, number, None, currency));
    ctx.out
        .print_line("Dry run: nothing was reserved or bought. The purchase would be:");
    ctx.out.print_line(&format!("POST {RESERVE_PATH}"));
    ctx.out.print_line(&body.to_string());
    ctx.out.print_line(&format!("POST {PURCHASE_PATH}"));
    ctx.out.print_line(&body.to_string());
    Ok(OK)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::GroupQuery;
    use crate::api::model::CountryCode;
    use crate::everywhere::GroupSearch;

    fn search(id: &str, monthly: &str, numbers: &[&str]) -> GroupSearch {
        let group: Group = serde_json::from_value(json!({
            "id": id, "prefix": "+1 (213)", "location": "Los Angeles", "type": "local",
            "price": {"setup_price": "0.00", "monthly_price": monthly},
            "allow_number_selection": true, "features": ["voice"],
        }))
        .unwrap();
        let mut search = GroupSearch::new(group);
        for number in numbers {
            search.add(serde_json::from_value(json!({"id": number, "number": number})).unwrap());
        }
        search
    }

    #[test]
    fn best_takes_the_top_of_the_ranking_and_first_the_api_order() {
        let pattern = VanityPattern::parse("555").unwrap();
        let searches = vec![
            search("a", "1.00", &["+12135550001", "+13108263555"]),
            search("b", "3.00", &["+12134567555"]),
        ];
        let found = PlaceSearch {
            query: GroupQuery::new(CountryCode::parse("US").unwrap()),
            groups: searches.iter().map(|s| s.group.clone()).collect(),
            searches,
            credits: 3,
            complete: true,
        };
        let best = choose(&found, &pattern, Pick::Best).unwrap();
        // Ending in 555, and "4567" is memorable: dearer, but ranked first.
        assert_eq!(
            (best.number.number.as_str(), best.group.id.as_str()),
            ("+12134567555", "b")
        );
        assert_eq!((best.matches, best.groups), (3, 2));
        let first = choose(&found, &pattern, Pick::First).unwrap();
        assert_eq!(first.number.number, "+12135550001");
        let none = VanityPattern::parse("999").unwrap();
        assert!(choose(&found, &none, Pick::Best).is_none());
    }
}
