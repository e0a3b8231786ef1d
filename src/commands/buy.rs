//! `buy`: the one command that spends money.
//!
//! The order of things is what keeps it safe:
//! 1. `--dry-run` prints the request and sends nothing at all.
//! 2. Without a terminal to confirm on, nothing is sent unless `--yes` is given.
//! 3. The group's prices are looked up and shown; on a terminal the operator says y or N.
//! 4. Earlier purchases of the same group left unsettled in the journal are settled first; one
//!    that still cannot be settled stops this one.
//! 5. The purchase goes through [`crate::purchase::purchase_recorded`], like the wizard's:
//!    recorded before it is sent, sent once, never retried. A lost answer is settled from the
//!    account's numbers; exit 6 when even that cannot tell.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::sync::Mutex;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::api::Client;
use crate::api::model::{Group, GroupId, Price};
use crate::cli::BuyArgs;
use crate::journal::Journal;
use crate::purchase::{PurchaseResult, purchase_recorded, settle_recorded};
use crate::settle::Settlement;

use super::Context;
use super::browse::{GroupFilters, group_query};
use super::exit::{Failure, OK, OTHER, OUTCOME_UNKNOWN, UNREACHABLE};
use super::numbers::group_id_arg;
use super::output::{self, or_dash};
use super::reservations::number_arg;

/// The purchase endpoint, as `--dry-run` shows it.
const PURCHASE_PATH: &str = "/open/numbers/purchase";

pub async fn buy(ctx: &Context, args: &BuyArgs) -> Result<u8, Failure> {
    let group_id = group_id_arg(&args.group_id)?;
    let number = number_arg(args.number.as_deref())?;
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
            "group {group_id} assigns a random number: leave out --number (nothing was sent)"
        )));
    }
    if !args.yes && !confirm(&group, number.as_deref())? {
        return Err(Failure::new(
            OTHER,
            "not bought: the purchase was declined (nothing was sent)",
        ));
    }

    let journal_path = conn.journal_path()?;
    let journal = conn.open_journal()?;
    settle_earlier(&conn.client, &journal, &journal_path, &group_id).await?;
    let result = purchase_recorded(
        &conn.client,
        Some(&journal),
        &group_id,
        number.as_deref(),
        None,
    )
    .await?;
    match result {
        PurchaseResult::Bought(receipt) => {
            let bought = receipt.number().map(str::to_owned).or(number);
            report(ctx, &group, bought, Some(receipt.body))
        }
        PurchaseResult::Unknown { pending, reason } => {
            output::note(&format!(
                "numpick: the purchase's answer was lost ({reason}); reading the account's numbers to settle it"
            ));
            match settle_recorded(&conn.client, Some(&journal), &pending).await {
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

/// Prints the request a purchase would send.
fn dry_run(ctx: &Context, group: &GroupId, number: Option<&str>) -> Result<u8, Failure> {
    let mut body = Map::new();
    body.insert("group_id".to_owned(), Value::from(group.as_str()));
    if let Some(number) = number {
        body.insert("number".to_owned(), Value::from(number));
    }
    let body = Value::Object(body);
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            dry_run: bool,
            method: &'a str,
            path: &'a str,
            body: &'a Value,
        }
        ctx.out.print_json(&Doc {
            dry_run: true,
            method: "POST",
            path: PURCHASE_PATH,
            body: &body,
        })?;
    } else {
        ctx.out
            .print_line("Dry run: nothing was sent. The purchase would be:");
        ctx.out.print_line(&format!("POST {PURCHASE_PATH}"));
        ctx.out.print_line(&body.to_string());
    }
    Ok(OK)
}

/// Shows what is about to be bought on stderr and reads y/N from stdin.
fn confirm(group: &Group, number: Option<&str>) -> Result<bool, Failure> {
    let clean = crate::api::sanitize_text;
    let what = number.map_or_else(|| "a random number of the group".to_owned(), clean);
    let mut text = format!(
        "About to buy {what}\n  group:   {} ({} {}, {})\n  setup:   {} (one-time)\n  monthly: {}\n",
        clean(group.id.as_str()),
        clean(&group.prefix),
        clean(&group.location),
        clean(&group.did_type),
        group.price.setup,
        group.price.monthly
    );
    if group.has_requirements() {
        text.push_str(
            "  warning: this group has regulatory requirements (see `numpick requirements`); without them the number can be suspended\n",
        );
    }
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

/// Settles the journal's unsettled purchases of `group` before another is sent; one that
/// stays unknown stops this purchase.
async fn settle_earlier(
    client: &Client,
    journal: &Mutex<Journal>,
    path: &Path,
    group: &GroupId,
) -> Result<(), Failure> {
    let readout = Journal::read_all(path).map_err(|error| {
        Failure::other(format!(
            "cannot read the journal {}: {error} (nothing was sent)",
            path.display()
        ))
    })?;
    if let Some(note) = readout.unreadable_note() {
        output::note(&format!("numpick: {note}"));
    }
    let earlier = Journal::pending_purchases(&readout.entries);
    for pending in earlier.iter().filter(|p| p.group_id == group.as_str()) {
        let settlement = settle_recorded(client, Some(journal), pending).await;
        output::note(&format!(
            "numpick: an earlier purchase from this group (at {}): {}",
            pending.at,
            settlement.describe()
        ));
        if matches!(settlement, Settlement::Unknown { .. }) {
            return Err(Failure::new(
                OUTCOME_UNKNOWN,
                "an earlier purchase from this group is still unsettled, so this one was not sent",
            ));
        }
    }
    Ok(())
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
            setup_price: Price,
            monthly_price: Price,
            receipt: Option<&'a Value>,
        }
        ctx.out.print_json(&Doc {
            status: "bought",
            group_id: group.id.as_str(),
            number: number.as_deref(),
            setup_price: group.price.setup,
            monthly_price: group.price.monthly,
            receipt: receipt.as_ref(),
        })?;
    } else {
        ctx.out.print_fields(&[
            ("Bought", or_dash(number)),
            ("Group", group.id.to_string()),
            ("Setup", group.price.setup.to_string()),
            ("Monthly", group.price.monthly.to_string()),
        ]);
    }
    Ok(OK)
}
