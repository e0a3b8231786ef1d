//! `buy --reservation UUID…`: buying numbers that are already reserved, several at once.
//!
//! The same guards as `buy`, in the same order: without a terminal nothing is sent unless
//! `--yes` (or `--dry-run`) is given; every reservation is looked up in the account's
//! reservations listing before anything is sent — one that is not there stops the command —
//! and that listing gives each number's group and prices; `--dry-run` stops after it,
//! printing one purchase request per number. Purchases an earlier run left unsettled are
//! settled first. One confirmation lists each number with its prices and the totals due now
//! and monthly. Then each number is its own purchase, through
//! [`crate::orders::purchase_recorded`] with its reservation and the prices agreed, one after
//! another; [`crate::buy_rule`] is asked before each. A refusal does not stop the others; an
//! unknown outcome is settled from the account's numbers, and only one that stays unknown
//! stops the rest (the buy rule's reason is then reported for each).

use serde::Serialize;
use serde_json::json;

use crate::api::model::{
    E164, GroupId, GroupPrice, Price, PurchaseOrder, Reservation, ReservationId,
};
use crate::api::{ApiError, sanitize_text};
use crate::buy_rule::{BuyState, may_buy};
use crate::cli::BuyArgs;
use crate::money::AgreedPrices;
use crate::money::{Currency, due_now};
use crate::orders::{self, PurchaseResult, purchase_recorded, settle_recorded};
use crate::outcome::Settlement;

use super::Context;
use super::buy_prompt::{ask, countdown};
use super::buying::settle_earlier;
use super::exit::{Failure, OK, OTHER, OUTCOME_UNKNOWN, REFUSED};
use super::output;

/// The purchase endpoint, as `--dry-run` shows it.
const PURCHASE_PATH: &str = "/open/numbers/purchase";

/// A reserved number to buy, as the reservations listing gives it.
struct Reserved {
    held: Reservation,
    group: GroupId,
    number: E164,
    price: GroupPrice,
}

/// What one number's purchase came to.
#[derive(Serialize)]
struct Bought {
    reservation: String,
    number: String,
    group_id: String,
    status: &'static str,
    reason: Option<String>,
    setup_price: Price,
    monthly_price: Price,
    due_now_price: Price,
}

pub(super) async fn buy_reserved(ctx: &Context, args: &BuyArgs) -> Result<u8, Failure> {
    let uuids = reservation_args(&args.reservation)?;
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stdin());
    if !args.dry_run && !args.yes && !interactive {
        return Err(Failure::usage(
            "buy spends money and there is no terminal to confirm on: pass --yes to buy without asking (nothing was sent)",
        ));
    }
    let mut conn = ctx.connect().await?;
    let listing = conn.client.reservations().await?;
    if listing.skipped > 0 {
        output::note(&format!(
            "numpick: {} of the listing could not be read",
            crate::wording::counted(listing.skipped, "reservation")
        ));
    }
    let mut chosen = Vec::new();
    for uuid in &uuids {
        let Some(held) = (listing.items.iter()).find(|r| &r.uuid == uuid).cloned() else {
            return Err(Failure::new(
                OTHER,
                format!(
                    "reservation {} is not among the account's active reservations (expired, bought or cancelled): nothing was sent",
                    sanitize_text(uuid.as_str())
                ),
            ));
        };
        chosen.push(reserved(held)?);
    }
    let currency = ctx.settings.currency;
    let unknown_prices = chosen.iter().any(|r| due_now(&r.price).amount().is_none());
    if unknown_prices {
        output::note("numpick: the listing does not give every price: those are unknown");
    }
    if args.dry_run {
        if unknown_prices && !args.yes {
            return Err(Failure::usage(
                "the reservations listing does not give every price: a real run would ask, or need --yes (dry run: nothing was sent)",
            ));
        }
        return dry_run(ctx, &chosen);
    }

    let journal_path = conn.journal_path()?;
    let journal = conn.open_journal()?;
    let (here, unsettled) = settle_earlier(ctx, &conn.client, &journal, &journal_path).await?;
    let mut state = BuyState {
        journal_open: true,
        purchase_in_flight: false,
        settling: false,
        checking_earlier: false,
        outcome_unknown: unsettled.is_some(),
        quitting: false,
    };
    may_buy(&state).map_err(|refusal| {
        let why = unsettled.unwrap_or_default();
        Failure::new(OUTCOME_UNKNOWN, format!("{why} ({refusal})"))
    })?;
    if !args.yes && !ask(&prompt_text(&chosen, currency))? {
        return Err(Failure::new(
            OTHER,
            "not bought: the purchase was declined (nothing was bought); the reservations stay until they expire",
        ));
    }

    let here = match here {
        Some(here) => here,
        None => orders::here(&conn.client).await,
    };
    let account = here.account.as_deref();
    let mut outcomes = Vec::new();
    for item in &chosen {
        let (status, reason) = match may_buy(&state) {
            Err(refusal) => ("not_sent", Some(refusal.to_string())),
            Ok(()) => {
                let order = PurchaseOrder::new(item.group.clone(), item.number.clone());
                let agreed = AgreedPrices {
                    setup: item.price.setup,
                    monthly: item.price.monthly,
                };
                let sent = purchase_recorded(
                    &conn.client,
                    Some(&journal),
                    &order,
                    Some(&item.held.uuid),
                    account,
                    Some(agreed),
                    args.reference.as_ref(),
                );
                match sent.await {
                    Ok(PurchaseResult::Bought { .. }) => ("bought", None),
                    Ok(PurchaseResult::Refused { reason, .. }) => ("refused", Some(reason)),
                    Ok(PurchaseResult::Unknown { pending, reason }) => {
                        output::note(&format!(
                            "numpick: the outcome for {} is not known ({reason}); reading the account's numbers to settle it",
                            item.number
                        ));
                        let window = ctx.settings.settle_window;
                        match settle_recorded(&conn.client, Some(&journal), &pending, window).await
                        {
                            Settlement::Bought { .. } => ("bought", None),
                            settled @ Settlement::NotBought { .. } => {
                                ("not_bought", Some(settled.describe()))
                            }
                            settled @ Settlement::Unknown { .. } => {
                                state.outcome_unknown = true;
                                ("unknown", Some(settled.describe()))
                            }
                        }
                    }
                    Err(error @ ApiError::NotSent { .. }) => ("not_sent", Some(error.to_string())),
                    Err(error) => ("not_bought", Some(error.to_string())),
                }
            }
        };
        outcomes.push(Bought {
            reservation: item.held.uuid.to_string(),
            number: item.number.to_string(),
            group_id: item.group.to_string(),
            status,
            reason,
            setup_price: item.price.setup,
            monthly_price: item.price.monthly,
            due_now_price: due_now(&item.price),
        });
    }
    report(ctx, &outcomes, currency)?;
    Ok(exit_code(&outcomes))
}

/// The uuids given, each once.
fn reservation_args(given: &[String]) -> Result<Vec<ReservationId>, Failure> {
    let mut uuids: Vec<ReservationId> = Vec::new();
    for text in given {
        let text = text.trim();
        if text.is_empty() {
            return Err(Failure::usage("a reservation uuid is empty"));
        }
        let uuid = ReservationId::new(text);
        if uuids.contains(&uuid) {
            return Err(Failure::usage(format!(
                "reservation {} is given twice: each number is bought once (nothing was sent)",
                sanitize_text(text)
            )));
        }
        uuids.push(uuid);
    }
    Ok(uuids)
}

/// A listed reservation as something to buy: it must name its group and an E.164 number.
fn reserved(held: Reservation) -> Result<Reserved, Failure> {
    let Some(group) = held.group_id.clone() else {
        return Err(Failure::other(format!(
            "reservation {} does not name its group, so numpick cannot buy it by name: nothing was sent",
            held.uuid
        )));
    };
    let Some(number) = E164::parse(&held.number) else {
        return Err(Failure::other(format!(
            "reservation {} holds {:?}, not an E.164 number: nothing was sent",
            held.uuid, held.number
        )));
    };
    let facts = &held.facts;
    let price = GroupPrice {
        setup: facts.setup,
        monthly: facts.monthly,
        per_minute: facts.per_minute,
    };
    Ok(Reserved {
        held,
        group,
        number,
        price,
    })
}

/// The totals due now and monthly of `prices`; unknown when any price is.
fn totals<'a>(prices: impl IntoIterator<Item = &'a GroupPrice>) -> (Price, Price) {
    let add = |sum: Price, price: Price| match (sum, price) {
        (Price::Known(sum), Price::Known(price)) => Price::Known(sum + price),
        _ => Price::Unknown,
    };
    let zero = Price::Known(Default::default());
    prices
        .into_iter()
        .fold((zero, zero), |(due, monthly), price| {
            (add(due, due_now(price)), add(monthly, price.monthly))
        })
}

/// The one confirmation: each number, its prices and countdown, then the totals.
fn prompt_text(chosen: &[Reserved], currency: Currency) -> String {
    let mut text = format!(
        "About to buy {}, each its own purchase:\n",
        crate::wording::counted(chosen.len(), "reserved number")
    );
    for item in chosen {
        text.push_str(&format!(
            "  {}  setup {}  monthly {}  due now {}  (expires in {})\n",
            crate::phone_format::international(item.number.as_str()),
            currency.show(item.price.setup),
            currency.show(item.price.monthly),
            currency.show(due_now(&item.price)),
            countdown(&item.held),
        ));
    }
    let (due, monthly) = totals(chosen.iter().map(|r| &r.price));
    text.push_str(&format!(
        "  due now: {} in all (every setup + first month)\n  monthly: {} in all\n",
        currency.show(due),
        currency.show(monthly)
    ));
    if due.amount().is_none() {
        text.push_str("  warning: some prices are unknown (the listing does not give them)\n");
    }
    if chosen
        .iter()
        .any(|r| r.held.facts.needs_registration == Some(true))
    {
        text.push_str("  warning: some of these numbers need documents (see `numpick requirements`); without them a number can be suspended\n");
    }
    text.push_str("Buy them? [y/N] ");
    text
}

/// Prints one purchase request per number; sends nothing.
fn dry_run(ctx: &Context, chosen: &[Reserved]) -> Result<u8, Failure> {
    let bodies: Vec<serde_json::Value> = (chosen.iter())
        .map(|r| json!({"group_id": r.group.as_str(), "number": r.number.as_str()}))
        .collect();
    let (due, monthly) = totals(chosen.iter().map(|r| &r.price));
    if ctx.out.json {
        let requests: Vec<serde_json::Value> = (bodies.iter())
            .map(|body| json!({"method": "POST", "path": PURCHASE_PATH, "body": body}))
            .collect();
        ctx.out.print_json(&json!({
            "dry_run": true,
            "due_now_price": due,
            "monthly_price": monthly,
            "currency": ctx.settings.currency,
            "requests": requests,
        }))?;
    } else {
        ctx.out.print_line(&format!(
            "Dry run: nothing was sent. The {} would be:",
            crate::wording::counted(bodies.len(), "purchase")
        ));
        for body in &bodies {
            ctx.out.print_line(&format!("POST {PURCHASE_PATH}"));
            ctx.out.print_line(&body.to_string());
        }
        let currency = ctx.settings.currency;
        ctx.out.print_line(&format!(
            "Due now {} in all, monthly {} in all",
            currency.show(due),
            currency.show(monthly)
        ));
    }
    Ok(OK)
}

/// Each number's outcome, and the totals of what was bought.
fn report(ctx: &Context, outcomes: &[Bought], currency: Currency) -> Result<(), Failure> {
    let bought: Vec<GroupPrice> = (outcomes.iter())
        .filter(|o| o.status == "bought")
        .map(|o| GroupPrice {
            setup: o.setup_price,
            monthly: o.monthly_price,
            per_minute: Price::Unknown,
        })
        .collect();
    let (due, monthly) = totals(&bought);
    if ctx.out.json {
        return ctx.out.print_json(&json!({
            "purchases": outcomes,
            "due_now_price": due,
            "monthly_price": monthly,
            "currency": currency,
        }));
    }
    for outcome in outcomes {
        let reason = outcome
            .reason
            .as_deref()
            .map(|why| format!(" ({why})"))
            .unwrap_or_default();
        ctx.out.print_line(&format!(
            "{:<10} {}  reservation {}{reason}",
            outcome.status.replace('_', " "),
            crate::phone_format::international(&outcome.number),
            outcome.reservation
        ));
    }
    ctx.out.print_line(&format!(
        "Bought {} of {}: due now {}, monthly {}",
        bought.len(),
        outcomes.len(),
        currency.show(due),
        currency.show(monthly)
    ));
    Ok(())
}

/// 0 when every number was bought; 6 when some outcome stays unknown; 3 otherwise.
fn exit_code(outcomes: &[Bought]) -> u8 {
    if outcomes.iter().any(|o| o.status == "unknown") {
        OUTCOME_UNKNOWN
    } else if outcomes.iter().all(|o| o.status == "bought") {
        OK
    } else {
        REFUSED
    }
}
