//! `buy`: the one command that spends money.
//!
//! The order of things is what keeps it safe:
//! 1. Without a terminal to confirm on, nothing is sent unless `--yes` (or `--dry-run`) is
//!    given.
//! 2. The group's prices are looked up where the user's facts lead ([`super::buy_prices`]);
//!    a number the group cannot sell by choice stops here.
//! 3. `--dry-run` stops here too, after the same checks: it prints the requests and sends no
//!    order.
//! 4. Purchases left unsettled in the journal are settled first; one that still cannot be
//!    settled stops this one (no purchase while an earlier outcome is unknown).
//! 5. A purchase always names its number: without `--number`, a number of the group is
//!    reserved first, and the reservation's answer names it (and its listing the prices).
//! 6. The number, both prices (or that they are unknown), the documents warning and the
//!    reservation's countdown are shown; on a terminal the operator says y or N (a declined
//!    reservation made here is cancelled again).
//! 7. The purchase goes through [`crate::orders::purchase_recorded`], like the wizard's:
//!    recorded before it is sent, with the prices agreed (`null` when unknown), sent once,
//!    never retried. The answer's `purchased` means bought, `failed` refused (exit 3); a lost
//!    answer is settled from the account's numbers, exit 6 when even that cannot tell.

use std::io::{BufRead, IsTerminal, Write};

use jiff::Timestamp;
use serde::Serialize;
use serde_json::{Value, json};

use crate::api::model::{E164, GroupId, GroupPrice, Price, PurchaseOrder, Reservation};
use crate::cli::BuyArgs;
use crate::money::Currency;
use crate::orders::deals::reserve_recorded;

use super::buy_prices::{self, Hints, Known};
use super::buying::{Sale, buy_and_report, declined, ready_to_buy};
use super::exit::{Failure, OK};
use super::numbers::group_id_arg;
use super::output::{self, or_dash};
use super::reservations::number_arg;
use super::{Context, resolve};

/// The purchase endpoint, as `--dry-run` shows it.
const PURCHASE_PATH: &str = "/open/numbers/purchase";
/// The reservation endpoint, for a group that assigns its numbers.
const RESERVE_PATH: &str = "/open/numbers/reservations";

pub(super) async fn buy(ctx: &Context, args: &BuyArgs) -> Result<u8, Failure> {
    if !args.reservation.is_empty() {
        return super::buy_reserved::buy_reserved(ctx, args).await;
    }
    let Some(group_id) = args.group_id.as_deref() else {
        return super::find_buy::find_and_buy(ctx, args).await;
    };
    let group_id = group_id_arg(group_id)?;
    let country = args.country.as_deref().map(resolve::country).transpose()?;
    // A number written without its `+` is read in the given country, else the default one.
    let number_country = country
        .clone()
        .or_else(|| ctx.settings.default_country.clone());
    let number = number_arg(args.number.as_deref(), number_country.as_ref())?;
    let interactive = std::io::stdin().is_terminal();
    if !args.dry_run && !args.yes && !interactive {
        return Err(Failure::usage(
            "buy spends money and there is no terminal to confirm on: pass --yes to buy without asking (nothing was sent)",
        ));
    }
    let mut conn = ctx.connect().await?;
    let hints = Hints {
        country,
        region: args.region.as_deref(),
        number: number.as_deref(),
        default_country: ctx.settings.default_country.clone(),
    };
    let mut known = buy_prices::find(&conn.client, &group_id, &hints).await?;
    if number.is_some() && known.allows_number_selection() == Some(false) {
        return Err(Failure::usage(format!(
            "group {group_id} assigns its numbers: leave out --number, and numpick reserves one first (nothing was sent)"
        )));
    }
    if args.dry_run {
        return dry_run(ctx, &group_id, number.as_deref(), &known, args.yes);
    }

    let journal_path = conn.journal_path()?;
    let journal = conn.open_journal()?;
    let here = ready_to_buy(ctx, &conn.client, &journal, &journal_path).await?;

    // The number to buy: the one asked for, or one the group assigns by a reservation.
    let (number, reservation) = match number {
        Some(number) => (number, None),
        None => {
            let reference = args.reference.as_ref();
            let held =
                reserve_recorded(&conn.client, Some(&journal), &group_id, None, reference).await?;
            output::note(&format!(
                "numpick: reserved {} of group {group_id} for this purchase (expires in {})",
                held.number,
                countdown(&held)
            ));
            if !known.is_known() {
                // The reservation is listed with its prices.
                let hints = Hints {
                    number: Some(&held.number),
                    ..Hints::default()
                };
                known = buy_prices::find(&conn.client, &group_id, &hints).await?;
            }
            (held.number.clone(), Some(held))
        }
    };
    let Some(number) = E164::parse(&number) else {
        return Err(Failure::other(format!(
            "{number:?} is not an E.164 number: nothing was bought"
        )));
    };
    if let Known::Unknown { tried } = &known {
        output::note(&format!(
            "numpick: the prices of group {group_id} could not be found (looked in {}); they are unknown",
            tried.join(", ")
        ));
    }
    let currency = ctx.settings.currency;
    if !args.yes && !confirm(&group_id, &known, &number, reservation.as_ref(), currency)? {
        let held = reservation.as_ref().map(|r| &r.uuid);
        return Err(declined(&conn.client, &journal, held).await);
    }

    let order = PurchaseOrder::new(group_id.clone(), number);
    let held = reservation.as_ref().map(|r| &r.uuid);
    let sale = Sale {
        order: &order,
        reservation: held,
        known: &known,
        reference: args.reference.as_ref(),
    };
    buy_and_report(ctx, &conn.client, &journal, here, sale).await
}

/// `12:05` left on a reservation, from the server's own times where it gave both.
pub(super) fn countdown(held: &Reservation) -> String {
    let start = held.created_at.unwrap_or_else(Timestamp::now);
    let seconds = start.duration_until(held.expires_at).as_secs().max(0);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Prints the requests a purchase would send, after the checks a real run makes (the group
/// and its prices found, the number allowed); sends no order.
///
/// Prices that cannot be found fail it, as they would stop a real run without a terminal,
/// unless `--yes` is given; without a number, the real run reserves one first and reads the
/// prices from that reservation, so there it is only noted.
fn dry_run(
    ctx: &Context,
    group: &GroupId,
    number: Option<&str>,
    known: &Known,
    yes: bool,
) -> Result<u8, Failure> {
    if let Known::Unknown { tried } = known {
        let looked = tried.join(", ");
        match (number, yes) {
            (None, _) => output::note(&format!(
                "numpick: the prices of group {group} were not found (looked in {looked}); a real run reads them from the reservation it makes first"
            )),
            (Some(_), true) => output::note(&format!(
                "numpick: the prices of group {group} could not be found (looked in {looked}); with --yes a real run buys at unknown prices"
            )),
            (Some(_), false) => {
                return Err(Failure::usage(format!(
                    "the prices of group {group} could not be found (looked in {looked}): check the group id, or give --country; a real run would ask, or need --yes (dry run: nothing was sent)"
                )));
            }
        }
    }
    let (setup, monthly, _) = known.prices();
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
            setup_price: Price,
            monthly_price: Price,
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
            setup_price: setup,
            monthly_price: monthly,
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
        ctx.out
            .print_line(&format!("Prices: setup {setup}, monthly {monthly}"));
    }
    Ok(OK)
}

/// What is about to be bought, as `buy` shows it before asking: the number, the group, the
/// prices in `currency` with the total due now (or that they are unknown), the countdown and
/// what documents are needed.
pub(super) fn prompt_text(
    group: &GroupId,
    known: &Known,
    number: &E164,
    reservation: Option<&Reservation>,
    currency: Currency,
) -> String {
    let clean = crate::api::sanitize_text;
    let (setup, monthly, per_minute) = known.prices();
    let price = GroupPrice {
        setup,
        monthly,
        per_minute,
    };
    let mut text = format!(
        "About to buy {number}\n  group:   {} ({})\n  setup:   {} (one-time)\n  monthly: {}\n  due now: {} (setup + first month)\n",
        clean(group.as_str()),
        known.describe(),
        currency.show(setup),
        currency.show(monthly),
        currency.show(crate::money::due_now(&price)),
    );
    if !known.is_known() {
        text.push_str("  warning: the prices could not be found: they are unknown\n");
    }
    if per_minute.amount().is_some() {
        text.push_str(&format!("  per minute: {}\n", currency.show(per_minute)));
    }
    if let Some(held) = reservation {
        text.push_str(&format!(
            "  reserved: expires in {} (at {})\n",
            countdown(held),
            held.expires_at
        ));
    }
    if known.has_requirements() {
        let needs = match known {
            Known::Group(group) => {
                crate::requirements::Checklist::of(&group.requirements).summary()
            }
            _ => "needs documents".to_owned(),
        };
        text.push_str(&format!(
            "  warning: this group {needs} (see `numpick requirements`); without them the number can be suspended\n"
        ));
    }
    text
}

/// Shows what is about to be bought on stderr and reads y/N from stdin.
pub(super) fn confirm(
    group: &GroupId,
    known: &Known,
    number: &E164,
    reservation: Option<&Reservation>,
    currency: Currency,
) -> Result<bool, Failure> {
    let mut text = prompt_text(group, known, number, reservation, currency);
    text.push_str("Buy it? [y/N] ");
    ask(&text)
}

/// Shows `text` on stderr and reads y/N from stdin: whether the answer was yes.
pub(super) fn ask(text: &str) -> Result<bool, Failure> {
    let answer = read_answer(text)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// Shows `text` on stderr and reads one line of stdin.
pub(super) fn read_answer(text: &str) -> Result<String, Failure> {
    tokio::task::block_in_place(|| {
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(text.as_bytes());
        let _ = stderr.flush();
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map(|_| line)
    })
    .map_err(|error| Failure::other(format!("cannot read the answer: {error}")))
}

/// Prints what was bought, with the prices found beforehand (null, `—`, when unknown), in the
/// account's currency, and the number as its country writes it.
pub(super) fn report(
    ctx: &Context,
    group: &GroupId,
    known: &Known,
    number: Option<String>,
    receipt: Option<Value>,
) -> Result<u8, Failure> {
    let (setup, monthly, per_minute) = known.prices();
    let due_now = crate::money::due_now(&GroupPrice {
        setup,
        monthly,
        per_minute,
    });
    let currency = ctx.settings.currency;
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
            group_id: group.as_str(),
            number: number.as_deref(),
            formatted: number.as_deref().map(crate::phone_format::international),
            setup_price: setup,
            monthly_price: monthly,
            ppm: per_minute,
            due_now_price: due_now,
            currency,
            receipt: receipt.as_ref(),
        })?;
    } else {
        ctx.out.print_fields(&[
            ("Bought", or_dash(number.as_deref())),
            (
                "Written",
                or_dash(number.as_deref().map(crate::phone_format::international)),
            ),
            ("Group", group.to_string()),
            ("Setup", currency.show(setup)),
            ("Monthly", currency.show(monthly)),
            ("Due now", currency.show(due_now)),
        ]);
    }
    Ok(OK)
}

#[cfg(test)]
mod tests;
