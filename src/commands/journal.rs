//! `journal pending` and `journal resolve`: the purchases whose outcome is not settled.
//!
//! A purchase that settling could not decide three times, or that is a week old, is no
//! longer settled on its own (each attempt costs reads), and no purchase is sent while it
//! stands. `pending` lists every unsettled purchase with what numpick does about it;
//! `resolve` records the operator's verdict, after checking the account's numbers, as an
//! outcome of its own. Both read and write only the journal on this machine.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use jiff::Timestamp;
use serde::Serialize;

use crate::journal::{Entry, Here, Journal, Outcome, Standing, Unsettled};

use super::Context;
use super::exit::{Failure, OK};
use super::output::{Align, Table, or_dash};

/// One unsettled purchase, as `journal pending --json` prints it.
#[derive(Debug, Serialize)]
struct Shown {
    intent: String,
    at: Timestamp,
    group_id: String,
    number: Option<String>,
    base_url: Option<String>,
    account: Option<String>,
    unknown_attempts: usize,
    state: &'static str,
}

/// What numpick does with `item`, judged from its own account and address (the journal
/// alone cannot tell which account this machine's key is for).
fn state_of(item: &Unsettled, now: Timestamp) -> (&'static str, &'static str) {
    let here = Here {
        base_url: (item.owner.as_ref())
            .map(|owner| owner.base_url.clone())
            .unwrap_or_default(),
        account: item.owner.as_ref().and_then(|owner| owner.account.clone()),
    };
    match item.standing(&here, now) {
        Standing::InFlight => ("in_flight", "in flight in another numpick"),
        Standing::LeftToOperator => ("left_to_you", "left to you: resolve it"),
        Standing::Settle | Standing::Elsewhere => ("to_settle", "settled at the next start"),
    }
}

fn journal_path() -> Result<PathBuf, Failure> {
    Journal::default_path()
        .ok_or_else(|| Failure::other("no folder for the journal is known (is HOME set?)"))
}

fn read_unsettled(path: &Path) -> Result<Vec<Unsettled>, Failure> {
    let readout = Journal::read_all(path).map_err(|error| {
        Failure::other(format!(
            "cannot read the journal {}: {error}",
            path.display()
        ))
    })?;
    if let Some(note) = readout.unreadable_note() {
        super::output::note(&format!("numpick: {note}"));
    }
    Ok(Journal::unsettled(&readout.entries))
}

/// `numpick journal pending`.
pub(super) fn pending(ctx: &Context) -> Result<u8, Failure> {
    let path = journal_path()?;
    let now = Timestamp::now();
    let items = read_unsettled(&path)?;
    let shown: Vec<Shown> = (items.iter())
        .map(|item| Shown {
            intent: item.pending.intent.clone(),
            at: item.pending.at,
            group_id: item.pending.group_id.clone(),
            number: item.pending.number.clone(),
            base_url: item.owner.as_ref().map(|owner| owner.base_url.clone()),
            account: item.owner.as_ref().and_then(|owner| owner.account.clone()),
            unknown_attempts: item.unknowns,
            state: state_of(item, now).0,
        })
        .collect();
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc {
            pending: Vec<Shown>,
        }
        ctx.out.print_json(&Doc { pending: shown })?;
        return Ok(OK);
    }
    let mut table = Table::new(
        &[
            ("INTENT", Align::Left),
            ("AT", Align::Left),
            ("GROUP", Align::Left),
            ("NUMBER", Align::Left),
            ("ACCOUNT", Align::Left),
            ("API", Align::Left),
            ("STATE", Align::Left),
        ],
        "No purchase is waiting to be settled.",
    );
    for (item, shown) in items.iter().zip(&shown) {
        table.row(vec![
            shown.intent.clone(),
            shown.at.to_string(),
            shown.group_id.clone(),
            or_dash(shown.number.as_deref()),
            or_dash(shown.account.as_deref()),
            or_dash(shown.base_url.as_deref()),
            state_of(item, now).1.to_owned(),
        ]);
    }
    ctx.out.print_table(&table);
    Ok(OK)
}

/// `numpick journal resolve INTENT --bought|--not-bought`.
pub(super) fn resolve(ctx: &Context, intent: &str, bought: bool) -> Result<u8, Failure> {
    let path = journal_path()?;
    let unsettled = read_unsettled(&path)?;
    let Some(item) = unsettled.iter().find(|item| item.pending.intent == intent) else {
        return Err(Failure::usage(format!(
            "no unsettled purchase has the intent {intent:?}: see `numpick journal pending` (nothing was recorded)"
        )));
    };
    if state_of(item, Timestamp::now()).0 == "in_flight" {
        return Err(Failure::other(format!(
            "the purchase {intent} is in flight in another running numpick: let it finish (nothing was recorded)"
        )));
    }
    let journal = Journal::open(&path).map(Mutex::new).map_err(|error| {
        Failure::other(format!(
            "cannot open the journal {}: {error}",
            path.display()
        ))
    })?;
    let entry = Entry::PurchaseOutcome {
        at: Timestamp::now(),
        intent: intent.to_owned(),
        outcome: Outcome::Resolved {
            bought,
            number: item.pending.number.clone(),
        },
        reference: None,
    };
    crate::orders::record(Some(&journal), &entry).map_err(Failure::other)?;
    let word = if bought { "bought" } else { "not_bought" };
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            intent: &'a str,
            resolved: &'a str,
        }
        ctx.out.print_json(&Doc {
            intent,
            resolved: word,
        })?;
    } else {
        let number = or_dash(item.pending.number.as_deref());
        let verdict = if bought { "bought" } else { "not bought" };
        ctx.out.print_line(&format!(
            "Recorded: the purchase {intent} ({number}) was {verdict}."
        ));
    }
    Ok(OK)
}
