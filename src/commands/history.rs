//! `numpick history`: every reservation, purchase and release the journal recorded, one row
//! per order, with its time, number, group, prices, currency, outcome and reference.
//!
//! It reads the journal of the backend in use and sends nothing: on the live API the journal
//! of the account's orders; on the sandbox the wizard's sandbox journal, which is kept apart
//! so that nothing made up ever mixes with real orders. `--ref` finds the orders of one
//! customer or ticket reference, `--since` those made from a day or a moment on. Lines of the
//! journal that cannot be read are skipped and counted on stderr.

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;

use crate::api::Backend;
use crate::api::model::Price;
use crate::history::{History, Order, OrderKind, OrderOutcome};
use crate::journal::Journal;
use crate::money::Currency;
use crate::reference::Reference;

use super::Context;
use super::exit::{Failure, OK};
use super::output::{self, Align, Table, or_dash};
use crate::cli::Format;

/// What `history` was asked for.
#[derive(Debug, Default)]
pub(super) struct HistoryArgs<'a> {
    /// Only the orders with this reference (case aside).
    pub reference: Option<&'a str>,
    /// Only the orders made from this day (midnight UTC) or moment on.
    pub since: Option<&'a str>,
    /// CSV, as `--format csv`.
    pub csv: bool,
}

/// One order as `--json` prints it.
#[derive(Debug, Serialize)]
struct Shown<'a> {
    at: Timestamp,
    kind: OrderKind,
    id: &'a str,
    number: Option<&'a str>,
    group_id: Option<&'a str>,
    setup_price: Price,
    monthly_price: Price,
    currency: Currency,
    outcome: OrderOutcome,
    detail: Option<&'a str>,
    reference: Option<&'a Reference>,
    reservation: Option<&'a str>,
    settled_at: Option<Timestamp>,
}

impl<'a> Shown<'a> {
    fn new(order: &'a Order, currency: Currency) -> Self {
        Self {
            at: order.at,
            kind: order.kind,
            id: &order.id,
            number: order.number.as_deref(),
            group_id: order.group_id.as_deref(),
            setup_price: order.setup_price,
            monthly_price: order.monthly_price,
            currency,
            outcome: order.outcome,
            detail: order.detail.as_deref(),
            reference: order.reference.as_ref(),
            reservation: order.reservation.as_deref(),
            settled_at: order.settled_at,
        }
    }
}

/// `numpick history`.
pub(super) fn history(ctx: &Context, args: &HistoryArgs<'_>) -> Result<u8, Failure> {
    if args.csv && ctx.out.json {
        return Err(Failure::usage("give --csv or --json, not both"));
    }
    let since = args.since.map(since_arg).transpose()?;
    let out = if args.csv {
        ctx.out.with_format(Some(Format::Csv))
    } else {
        ctx.out
    };
    let backend = ctx.route.backend();
    let path = journal_path(&backend)?;
    if backend == Backend::Sandbox {
        output::note(
            "numpick: on the sandbox, history is that of the wizard's last sandbox session (a single command's sandbox keeps none)",
        );
    }
    let history = History::read(&path, Timestamp::now()).map_err(|error| {
        Failure::other(format!(
            "cannot read the journal {}: {error}",
            path.display()
        ))
    })?;
    if history.unreadable > 0 {
        output::note(&format!(
            "numpick: {}",
            crate::outcome::unreadable_note(history.unreadable)
        ));
    }
    let currency = ctx.settings.currency;
    let orders = history.filtered(args.reference, since);
    if out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            journal: String,
            orders: Vec<Shown<'a>>,
            /// Lines of the journal that could not be read.
            unreadable: usize,
        }
        out.print_json(&Doc {
            journal: path.display().to_string(),
            orders: orders.iter().map(|o| Shown::new(o, currency)).collect(),
            unreadable: history.unreadable,
        })?;
        return Ok(OK);
    }
    let empty = match (args.reference, since) {
        (None, None) => "The journal records no order yet.",
        _ => "No order matches.",
    };
    out.print_table(&table(&orders, currency, empty));
    Ok(OK)
}

/// The orders as a table: for people, and for scripts as TSV or CSV.
fn table(orders: &[&Order], currency: Currency, empty: &str) -> Table {
    let mut table = Table::new(
        &[
            ("AT", Align::Left),
            ("KIND", Align::Left),
            ("NUMBER", Align::Left),
            ("GROUP", Align::Left),
            ("SETUP", Align::Right),
            ("MONTHLY", Align::Right),
            ("CURRENCY", Align::Left),
            ("OUTCOME", Align::Left),
            ("REFERENCE", Align::Left),
            ("ID", Align::Left),
        ],
        empty,
    );
    let price = |price: Price| {
        price
            .amount()
            .map_or_else(String::new, |_| price.to_string())
    };
    for order in orders {
        table.row(vec![
            order.at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            order.kind.word().to_owned(),
            or_dash(order.number.as_deref()),
            or_dash(order.group_id.as_deref()),
            price(order.setup_price),
            price(order.monthly_price),
            currency.to_string(),
            order.outcome.word().to_owned(),
            order
                .reference
                .as_ref()
                .map_or_else(String::new, ToString::to_string),
            order.id.clone(),
        ]);
    }
    table
}

/// The journal of `backend`: the usual one on the live API, the wizard's sandbox journal on
/// the sandbox.
fn journal_path(backend: &Backend) -> Result<PathBuf, Failure> {
    let path = match backend {
        Backend::Live => Journal::default_path(),
        Backend::Sandbox => Journal::sandbox_path(),
    };
    path.ok_or_else(|| Failure::other("no folder for the journal is known (is HOME set?)"))
}

/// `--since`: a day (`2026-01-15`, from midnight UTC) or a moment (`2026-01-15T10:00:00Z`).
fn since_arg(text: &str) -> Result<Timestamp, Failure> {
    let text = text.trim();
    if let Ok(moment) = text.parse::<Timestamp>() {
        return Ok(moment);
    }
    text.parse::<Date>()
        .ok()
        .and_then(|day| day.to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|midnight| midnight.timestamp())
        .ok_or_else(|| {
            Failure::usage(format!(
                "--since {text:?} is not a date: give a day (2026-01-15, from midnight UTC) or a moment (2026-01-15T10:00:00Z)"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_day_or_a_moment_and_says_what_it_wants() {
        assert_eq!(
            since_arg("2026-01-15").unwrap(),
            "2026-01-15T00:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            since_arg(" 2026-01-15T10:30:00+01:00 ").unwrap(),
            "2026-01-15T09:30:00Z".parse::<Timestamp>().unwrap()
        );
        let refused = since_arg("last week").unwrap_err();
        assert_eq!(refused.code, super::super::exit::USAGE);
        assert!(
            refused.message.contains("2026-01-15"),
            "{}",
            refused.message
        );
    }

    #[test]
    fn prices_unknown_are_blank_in_the_table_and_references_shown() {
        let entries: Vec<crate::journal::Entry> = [
            r#"{"event":"purchase_intent","at":"2026-02-01T08:01:00.123Z","intent":"p-1","group_id":"g-5","number":"+12135550006","reservation":null,"owned_before":null,"prices":{"setup":null,"monthly":"3.5"},"reference":"ACME, 7"}"#,
        ]
        .iter()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
        let orders = crate::journal::history::orders(&entries, Timestamp::now());
        let rows: Vec<&Order> = orders.iter().collect();
        let csv = table(&rows, Currency::USD, "none").csv();
        assert_eq!(
            csv.lines().nth(1),
            Some(
                "2026-02-01T08:01:00Z,purchase,+12135550006,g-5,,3.50,USD,pending,\"ACME, 7\",p-1"
            )
        );
    }
}
