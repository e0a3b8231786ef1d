//! How every purchase command starts and ends: purchases earlier runs left unsettled are
//! settled and the one buy rule is asked before anything is sent; then the purchase is sent
//! once, recorded before and after, and its outcome — bought, refused, or unknown and then
//! settled from the account's numbers — is reported.

use std::path::Path;
use std::sync::Mutex;

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;

use crate::api::Client;
use crate::api::model::{GroupId, GroupPrice, Price, PurchaseOrder, ReservationId};
use crate::buy_rule::{BuyState, may_buy};
use crate::journal::{Here, Journal, Standing};
use crate::money::{AgreedPrices, Currency};
use crate::orders::deals::cancel_recorded;
use crate::orders::{self, PurchaseResult, purchase_recorded, settle_recorded};
use crate::outcome::Settlement;
use crate::reference::Reference;

use super::Context;
use super::buy_prices::Known;
use super::exit::{Failure, OK, OTHER, OUTCOME_UNKNOWN, REFUSED, UNREACHABLE};
use super::output::{self, or_dash};

/// How a purchase the operator declined ends: the reservation made for it, if any, is
/// cancelled first, and the failure says that nothing was bought and how the cancelling went.
pub(super) async fn declined(
    client: &Client,
    journal: &Mutex<Journal>,
    held: Option<&ReservationId>,
) -> Failure {
    let mut message = "not bought: the purchase was declined (nothing was bought)".to_owned();
    if let Some(uuid) = held {
        match cancel_recorded(client, Some(journal), uuid).await {
            Ok(_) => message.push_str("; the reservation made for it was cancelled"),
            Err(error) => message.push_str(&format!(
                "; the reservation {uuid} made for it could not be cancelled ({error}) and expires on its own"
            )),
        }
    }
    Failure::new(OTHER, message)
}

/// Settles what earlier runs left unsettled, then asks the one rule whether a purchase may be
/// sent now: how every purchase command starts. A command buys one number at a time, so only
/// an earlier purchase whose outcome is still unknown can stand in its way. Returns where the
/// purchase is made, when settling already asked.
pub(super) async fn ready_to_buy(
    ctx: &Context,
    client: &Client,
    journal: &Mutex<Journal>,
    path: &Path,
) -> Result<Option<Here>, Failure> {
    let (here, unsettled) = settle_earlier(ctx, client, journal, path).await?;
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
    Ok(here)
}

/// One confirmed purchase: the order (which names its number), the reservation it uses, the
/// prices agreed and the operator's reference.
pub(super) struct Sale<'a> {
    pub order: &'a PurchaseOrder,
    pub reservation: Option<&'a ReservationId>,
    pub known: &'a Known,
    pub reference: Option<&'a Reference>,
}

/// Sends `sale` once, recorded before and after, and reports how it ended: bought, refused,
/// or unknown and then settled from the account's numbers.
pub(super) async fn buy_and_report(
    ctx: &Context,
    client: &Client,
    journal: &Mutex<Journal>,
    here: Option<Here>,
    sale: Sale<'_>,
) -> Result<u8, Failure> {
    let (setup, monthly, _) = sale.known.prices();
    // The intent records the account it is made on; asked here unless settling already did.
    let here = match here {
        Some(here) => here,
        None => orders::here(client).await,
    };
    let group_id = &sale.order.group_id;
    let known = sale.known;
    let bought = purchase_recorded(
        client,
        Some(journal),
        sale.order,
        sale.reservation,
        here.account.as_deref(),
        Some(AgreedPrices { setup, monthly }),
        sale.reference,
    );
    match bought.await? {
        PurchaseResult::Bought { number, receipt } => {
            report(ctx, group_id, known, Some(number), Some(receipt.body))
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
            match settle_recorded(client, Some(journal), &pending, window).await {
                Settlement::Bought { number } => report(ctx, group_id, known, Some(number), None),
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

/// Settles the journal's unsettled purchases of this account and API address before another
/// is sent. Those of another account or address, or in flight in another process, are named
/// and left alone. Returns where this process is (when it had to ask), and why an earlier
/// purchase's outcome is still unknown, if one is — still unsettled, or left to the operator —
/// which [`may_buy`] then refuses.
pub(super) async fn settle_earlier(
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
