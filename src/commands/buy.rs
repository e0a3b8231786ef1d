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

use std::io::IsTerminal;

use serde::Serialize;
use serde_json::{Value, json};

use crate::api::model::{E164, GroupId, Price, PurchaseOrder};
use crate::cli::BuyArgs;
use crate::orders::deals::reserve_recorded;

use super::buy_prices::{self, Hints, Known};
use super::buy_prompt::{confirm, countdown};
use super::buying::{Sale, buy_and_report, declined, ready_to_buy};
use super::exit::{Failure, OK};
use super::numbers::group_id_arg;
use super::output::{self};
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
