//! `buy`: the one command that spends money.
//!
//! The order of things is what keeps it safe:
//! 1. `--dry-run` prints the requests and sends nothing at all.
//! 2. Without a terminal to confirm on, nothing is sent unless `--yes` is given.
//! 3. The group's prices are looked up.
//! 4. Purchases left unsettled in the journal are settled first; one that still cannot be
//!    settled stops this one (no purchase while an earlier outcome is unknown).
//! 5. A purchase always names its number: without `--number`, a number of the group is
//!    reserved first, and the reservation's answer names it.
//! 6. The number, both prices, the documents warning and the reservation's countdown are
//!    shown; on a terminal the operator says y or N (a declined reservation made here is
//!    cancelled again).
//! 7. The purchase goes through [`crate::orders::purchase_recorded`], like the wizard's:
//!    recorded before it is sent, sent once, never retried. The answer's `purchased` means
//!    bought, `failed` refused (exit 3); a lost answer is settled from the account's numbers,
//!    exit 6 when even that cannot tell.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::sync::Mutex;

use jiff::Timestamp;
use serde::Serialize;
use serde_json::{Value, json};

use crate::api::Client;
use crate::api::model::{CountryCode, E164, Group, GroupId, Price, PurchaseOrder, Reservation};
use crate::buy_rule::{BuyState, may_buy};
use crate::cli::BuyArgs;
use crate::journal::Journal;
use crate::journal::{Here, Standing};
use crate::money::Currency;
use crate::orders::deals::{cancel_recorded, reserve_recorded};
use crate::orders::{self, PurchaseResult, Settlement, purchase_recorded, settle_recorded};

use super::Context;
use super::browse::{GroupFilters, group_query};
use super::exit::{Failure, OK, OTHER, OUTCOME_UNKNOWN, REFUSED, UNREACHABLE};
use super::numbers::group_id_arg;
use super::output::{self, or_dash};
use super::reservations::number_arg;

/// The purchase endpoint, as `--dry-run` shows it.
const PURCHASE_PATH: &str = "/open/numbers/purchase";
/// The reservation endpoint, for a group that assigns its numbers.
const RESERVE_PATH: &str = "/open/numbers/reservations";

pub async fn buy(ctx: &Context, args: &BuyArgs) -> Result<u8, Failure> {
    let group_id = group_id_arg(&args.group_id)?;
    // The country a number written without its `+` is read in; a bad --country is reported
    // below, where the prices are looked up.
    let number_country = args
        .country
        .as_deref()
        .and_then(CountryCode::parse)
        .or_else(|| ctx.settings.default_country.clone());
    let number = number_arg(args.number.as_deref(), number_country.as_ref())?;
    if args.dry_run {
        return dry_run(ctx, &group_id, number.as_deref());
    }
    let interactive = std::io::stdin().is_terminal();
    if !args.yes && !interactive {
        return Err(Failure::usage(
            "buy spends money and there is no terminal to confirm on: pass --yes to buy without asking (nothing was sent)",
        ));
    }
    if args.country.is_none() && ctx.settings.default_country.is_none() {
        return Err(Failure::usage(
            "buy looks up the group's prices first: pass --country (and --region for the US), or set default_country in the config file",
        ));
    }
    let country = ctx.country(args.country.as_deref())?;

    let mut conn = ctx.connect().await?;
    let filters = GroupFilters {
        region: args.region.clone(),
        ..GroupFilters::default()
    };
    let groups = conn
        .client
        .groups(&group_query(country.clone(), &filters))
        .await?;
    let Some(group) = groups.items.into_iter().find(|g| g.id == group_id) else {
        let region = args.region.as_deref().map(|r| format!(", region {r}"));
        return Err(Failure::usage(format!(
            "group {group_id} is not among the groups of {country}{}: check the id, --country and --region (nothing was sent)",
            region.unwrap_or_default()
        )));
    };
    if number.is_some() && !group.allow_number_selection {
        return Err(Failure::usage(format!(
            "group {group_id} assigns its numbers: leave out --number, and numpick reserves one first (nothing was sent)"
        )));
    }

    let journal_path = conn.journal_path()?;
    let journal = conn.open_journal()?;
    let (mut here, unsettled) = settle_earlier(ctx, &conn.client, &journal, &journal_path).await?;
    // The one rule every purchase path asks; a command buys one number at a time, so only an
    // earlier purchase whose outcome is still unknown can stand in its way here.
    let state = BuyState {
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

    // The number to buy: the one asked for, or one the group assigns by a reservation.
    let (number, reservation) = match number {
        Some(number) => (number, None),
        None => {
            let held = reserve_recorded(&conn.client, Some(&journal), &group_id, None).await?;
            output::note(&format!(
                "numpick: reserved {} of group {group_id} for this purchase (expires in {})",
                held.number,
                countdown(&held)
            ));
            (held.number.clone(), Some(held))
        }
    };
    let Some(number) = E164::parse(&number) else {
        return Err(Failure::other(format!(
            "{number:?} is not an E.164 number: nothing was bought"
        )));
    };
    if !args.yes && !confirm(&group, &number, reservation.as_ref(), ctx.settings.currency)? {
        let mut message = "not bought: the purchase was declined (nothing was bought)".to_owned();
        if let Some(held) = &reservation {
            match cancel_recorded(&conn.client, Some(&journal), &held.uuid).await {
                Ok(_) => message.push_str("; the reservation made for it was cancelled"),
                Err(error) => message.push_str(&format!(
                    "; the reservation {} made for it could not be cancelled ({error}) and expires on its own",
                    held.uuid
                )),
            }
        }
        return Err(Failure::new(OTHER, message));
    }

    let order = PurchaseOrder::new(group_id, number);
    let held = reservation.as_ref().map(|r| &r.uuid);
    // The intent records the account it is made on; asked here unless settling already did.
    if here.is_none() {
        here = Some(orders::here(&conn.client).await);
    }
    let account = here.and_then(|here| here.account);
    let client = &conn.client;
    match purchase_recorded(client, Some(&journal), &order, held, account.as_deref()).await? {
        PurchaseResult::Bought { number, receipt } => {
            report(ctx, &group, Some(number), Some(receipt.body))
        }
        PurchaseResult::Refused { number, reason, .. } => Err(Failure::new(
            REFUSED,
            format!("not bought: the API refused {number} ({reason}); it was recorded as refused"),
        )),
        PurchaseResult::Unknown { pending, reason } => {
            output::note(&format!(
                "numpick: the purchase's outcome is not known ({reason}); reading the account's numbers to settle it"
            ));
            let window = ctx.settings.settle_window;
            match settle_recorded(&conn.client, Some(&journal), &pending, window).await {
                Settlement::Bought { number } => report(ctx, &group, Some(number), None),
                settlement @ Settlement::NotBought { .. } => {
                    Err(Failure::new(UNREACHABLE, settlement.describe()))
                }
                settlement @ Settlement::Unknown { .. } => {
                    Err(Failure::new(OUTCOME_UNKNOWN, settlement.describe()))
                }
            }
        }
    }
}

/// `12:05` left on a reservation, from the server's own times where it gave both.
fn countdown(held: &Reservation) -> String {
    let start = held.created_at.unwrap_or_else(Timestamp::now);
    let seconds = start.duration_until(held.expires_at).as_secs().max(0);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Prints the requests a purchase would send.
fn dry_run(ctx: &Context, group: &GroupId, number: Option<&str>) -> Result<u8, Failure> {
    let purchase =
        json!({"group_id": group.as_str(), "number": number.unwrap_or("<the reserved number>")});
    let reserve = number
        .is_none()
        .then(|| json!({"group_id": group.as_str()}));
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
            requests: Vec<Step<'a>>,
        }
        let mut requests = Vec::new();
        if let Some(body) = &reserve {
            requests.push(Step {
                method: "POST",
                path: RESERVE_PATH,
                body,
            });
        }
        requests.push(Step {
            method: "POST",
            path: PURCHASE_PATH,
            body: &purchase,
        });
        ctx.out.print_json(&Doc {
            dry_run: true,
            requests,
        })?;
    } else {
        ctx.out
            .print_line("Dry run: nothing was sent. The purchase would be:");
        if let Some(body) = &reserve {
            ctx.out.print_line(&format!(
                "POST {RESERVE_PATH} (the group assigns the number: reserve one first)"
            ));
            ctx.out.print_line(&body.to_string());
        }
        ctx.out.print_line(&format!("POST {PURCHASE_PATH}"));
        ctx.out.print_line(&purchase.to_string());
    }
    Ok(OK)
}

/// What is about to be bought, as `buy` shows it before asking: the number, the group, the
/// prices in `currency` with the total due now, the countdown and the documents warning.
fn prompt_text(
    group: &Group,
    number: &E164,
    reservation: Option<&Reservation>,
    currency: Currency,
) -> String {
    let clean = crate::api::sanitize_text;
    let mut text = format!(
        "About to buy {number}\n  group:   {} ({} {}, {})\n  setup:   {} (one-time)\n  monthly: {}\n  due now: {} (setup + first month)\n",
        clean(group.id.as_str()),
        clean(&group.prefix),
        clean(&group.location),
        clean(&group.did_type),
        currency.show(group.price.setup),
        currency.show(group.price.monthly),
        currency.show(crate::money::due_now(&group.price)),
    );
    if group.price.per_minute.amount().is_some() {
        text.push_str(&format!(
            "  per minute: {}\n",
            currency.show(group.price.per_minute)
        ));
    }
    if let Some(held) = reservation {
        text.push_str(&format!(
            "  reserved: expires in {} (at {})\n",
            countdown(held),
            held.expires_at
        ));
    }
    if group.has_requirements() {
        let checklist = crate::requirements::Checklist::of(&group.requirements);
        text.push_str(&format!(
            "  warning: this group {} (see `numpick requirements`); without them the number can be suspended\n",
            checklist.summary()
        ));
    }
    text
}

/// Shows what is about to be bought on stderr and reads y/N from stdin.
fn confirm(
    group: &Group,
    number: &E164,
    reservation: Option<&Reservation>,
    currency: Currency,
) -> Result<bool, Failure> {
    let mut text = prompt_text(group, number, reservation, currency);
    text.push_str("Buy it? [y/N] ");
    let answer = tokio::task::block_in_place(|| {
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(text.as_bytes());
        let _ = stderr.flush();
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map(|_| line)
    })
    .map_err(|error| Failure::other(format!("cannot read the answer: {error}")))?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// Settles the journal's unsettled purchases of this account and API address before another
/// is sent. Those of another account or address, or in flight in another process, are named
/// and left alone. Returns where this process is (when it had to ask), and why an earlier
/// purchase's outcome is still unknown, if one is — still unsettled, or left to the operator —
/// which [`may_buy`] then refuses.
async fn settle_earlier(
    ctx: &Context,
    client: &Client,
    journal: &Mutex<Journal>,
    path: &Path,
) -> Result<(Option<Here>, Option<String>), Failure> {
    let readout = Journal::read_all(path).map_err(|error| {
        Failure::other(format!(
            "cannot read the journal {}: {error} (nothing was sent)",
            path.display()
        ))
    })?;
    if let Some(note) = readout.unreadable_note() {
        output::note(&format!("numpick: {note}"));
    }
    let unsettled = Journal::unsettled(&readout.entries);
    if unsettled.is_empty() {
        return Ok((None, None));
    }
    let here = orders::here(client).await;
    let now = Timestamp::now();
    for item in unsettled {
        let pending = item.pending.clone();
        match item.standing(&here, now) {
            Standing::Settle => {}
            standing @ (Standing::Elsewhere | Standing::InFlight) => {
                output::note(&format!(
                    "numpick: an earlier purchase (intent {}, at {}) is {}: left alone",
                    pending.intent,
                    pending.at,
                    standing.describe()
                ));
                continue;
            }
            Standing::LeftToOperator => {
                let why = format!(
                    "an earlier purchase (intent {}, at {}) could not be settled and is left to you: check the account's numbers, then run `numpick journal resolve {} --bought` or `--not-bought` (nothing was sent)",
                    pending.intent, pending.at, pending.intent
                );
                return Ok((Some(here), Some(why)));
            }
        }
        let window = ctx.settings.settle_window;
        let settlement = settle_recorded(client, Some(journal), &pending, window).await;
        output::note(&format!(
            "numpick: an earlier purchase (at {}, group {}): {}",
            pending.at,
            pending.group_id,
            settlement.describe()
        ));
        if matches!(settlement, Settlement::Unknown { .. }) {
            let why = "an earlier purchase is still unsettled, so this one was not sent";
            return Ok((Some(here), Some(why.to_owned())));
        }
    }
    Ok((Some(here), None))
}

/// Prints what was bought.
fn report(
    ctx: &Context,
    group: &Group,
    number: Option<String>,
    receipt: Option<Value>,
) -> Result<u8, Failure> {
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            status: &'a str,
            group_id: &'a str,
            number: Option<&'a str>,
            formatted: Option<String>,
            setup_price: Price,
            monthly_price: Price,
            ppm: Price,
            due_now_price: Price,
            currency: Currency,
            receipt: Option<&'a Value>,
        }
        ctx.out.print_json(&Doc {
            status: "bought",
            group_id: group.id.as_str(),
            number: number.as_deref(),
            formatted: number.as_deref().map(crate::phone_format::international),
            setup_price: group.price.setup,
            monthly_price: group.price.monthly,
            ppm: group.price.per_minute,
            due_now_price: crate::money::due_now(&group.price),
            currency: ctx.settings.currency,
            receipt: receipt.as_ref(),
        })?;
    } else {
        ctx.out.print_fields(&[
            ("Bought", or_dash(number.as_deref())),
            (
                "Written",
                or_dash(number.as_deref().map(crate::phone_format::international)),
            ),
            ("Group", group.id.to_string()),
            ("Setup", ctx.settings.currency.show(group.price.setup)),
            ("Monthly", ctx.settings.currency.show(group.price.monthly)),
            (
                "Due now",
                ctx.settings
                    .currency
                    .show(crate::money::due_now(&group.price)),
            ),
        ]);
    }
    Ok(OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prompt_names_the_total_due_now_and_what_documents_are_needed() {
        let group: Group = serde_json::from_value(json!({
            "id": "de-1", "prefix": "+49 30", "location": "Berlin", "type": "local",
            "price": {"setup_price": "1.00", "monthly_price": "3.50", "ppm": "0.02"},
            "requirements": [{"type": "identity", "documents": ["passport"]},
                             {"type": "address", "address": {"scope": "local_network_area"}}]
        }))
        .unwrap();
        let number = E164::parse("+493012345678").unwrap();
        let text = prompt_text(&group, &number, None, "EUR".parse().unwrap());
        for expected in [
            "About to buy +493012345678\n",
            "  setup:   EUR 1.00 (one-time)\n",
            "  monthly: EUR 3.50\n",
            "  due now: EUR 4.50 (setup + first month)\n",
            "  per minute: EUR 0.02\n",
            "this group needs: ID + proof of a local address (see",
        ] {
            assert!(text.contains(expected), "{expected:?} in {text}");
        }
    }
}
