//! `owned` and `release`: the numbers the account owns, and giving one back.
//!
//! A release cannot be undone, so it is guarded like a purchase: on a terminal the operator
//! types the number's last four digits; without a terminal nothing is sent unless `--yes` is
//! given; `--dry-run` sends nothing. It goes through [`crate::orders::release`]: recorded
//! before it is sent, sent once, never retried.

use std::io::IsTerminal;

use serde::Serialize;

use crate::api::model::OwnedNumber;
use crate::api::phone::digits_of;
use crate::orders::release::release_recorded;
use crate::orders::settle::account_numbers;
use crate::outcome::Released;

use super::Context;
use super::buy_prompt::read_answer;
use super::exit::{Failure, OK, OTHER, OUTCOME_UNKNOWN};
use super::output::{self, Align, Table, or_dash};

/// The release endpoint, as `--dry-run` shows it.
const RELEASE_PATH: &str = "/open/voip/virtual-numbers";

/// An owned number as `owned --json` prints it.
#[derive(Debug, Serialize)]
struct OwnedRow<'a> {
    uuid: Option<&'a str>,
    number: &'a str,
    formatted: Option<&'a str>,
    /// The status in words (`active`, `awaiting registration`, …).
    status: Option<String>,
    #[serde(rename = "type")]
    provider_type: Option<&'a str>,
    friendly_name: Option<&'a str>,
    renews_at: Option<&'a str>,
}

impl<'a> From<&'a OwnedNumber> for OwnedRow<'a> {
    fn from(number: &'a OwnedNumber) -> Self {
        Self {
            uuid: number.uuid.as_deref(),
            number: &number.phone_number,
            formatted: number.formatted_phone_number.as_deref(),
            status: number.status_text.as_ref().map(|s| s.describe()),
            provider_type: number.provider_type.as_deref(),
            friendly_name: number.friendly_name.as_deref(),
            renews_at: number.expires_at.as_deref(),
        }
    }
}

pub(super) async fn owned(ctx: &Context) -> Result<u8, Failure> {
    let conn = ctx.connect().await?;
    let all = account_numbers(&conn.client).await?;
    if all.unreadable > 0 {
        output::note(&format!(
            "numpick: warning: {} of the account's numbers could not be read; the list is incomplete",
            all.unreadable
        ));
    }
    let rows: Vec<OwnedRow> = all.numbers.iter().map(OwnedRow::from).collect();
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            numbers: Vec<OwnedRow<'a>>,
            unreadable: usize,
        }
        return ctx
            .out
            .print_json(&Doc {
                numbers: rows,
                unreadable: all.unreadable,
            })
            .map(|()| OK);
    }
    let empty = if all.unreadable == 0 {
        "The account owns no numbers."
    } else {
        ""
    };
    let mut table = Table::new(
        &[
            ("NUMBER", Align::Left),
            ("STATUS", Align::Left),
            ("TYPE", Align::Left),
            ("NAME", Align::Left),
            ("RENEWS", Align::Left),
            ("ID", Align::Left),
        ],
        empty,
    );
    for row in &rows {
        table.row(vec![
            row.formatted.unwrap_or(row.number).to_owned(),
            or_dash(row.status.as_deref()),
            or_dash(row.provider_type),
            or_dash(row.friendly_name),
            or_dash(row.renews_at),
            or_dash(row.uuid),
        ]);
    }
    if !(table.is_empty() && all.unreadable > 0) {
        ctx.out.print_table(&table);
    }
    Ok(OK)
}

pub(super) async fn release(
    ctx: &Context,
    target: &str,
    yes: bool,
    dry_run: bool,
) -> Result<u8, Failure> {
    let target = target.trim();
    if target.is_empty() {
        return Err(Failure::usage("release needs a number or its DID… id"));
    }
    let interactive = std::io::stdin().is_terminal();
    if !dry_run && !yes && !interactive {
        return Err(Failure::usage(
            "a release cannot be undone and there is no terminal to confirm on: pass --yes to release without asking (nothing was sent)",
        ));
    }
    let mut conn = ctx.connect().await?;
    let all = account_numbers(&conn.client).await?;
    let number = find(&all.numbers, target).ok_or_else(|| {
        Failure::usage(format!(
            "{target} is not among the account's numbers (see `numpick owned`); nothing was sent"
        ))
    })?;
    let uuid = number.uuid.clone().unwrap_or_default();
    if dry_run {
        ctx.out
            .print_line("Dry run: nothing was sent. The release would be:");
        ctx.out.print_line(&format!("DELETE {RELEASE_PATH}/{uuid}"));
        return Ok(OK);
    }
    if !yes && !confirm(number)? {
        return Err(Failure::new(
            OTHER,
            "not released: the last four digits were not typed (nothing was sent)",
        ));
    }
    let journal = conn.open_journal()?;
    let released = release_recorded(&conn.client, Some(&journal), &uuid, &number.phone_number);
    let status = match released.await? {
        Released::Done => "pending cancellation",
        Released::Unknown { reason } => {
            return Err(Failure::new(
                OUTCOME_UNKNOWN,
                format!(
                    "the release of {} may or may not have been applied ({reason}); `numpick owned` shows its status",
                    number.phone_number
                ),
            ));
        }
    };
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            released: &'a str,
            uuid: &'a str,
            status: &'a str,
        }
        ctx.out.print_json(&Doc {
            released: &number.phone_number,
            uuid: &uuid,
            status,
        })?;
    } else {
        ctx.out.print_fields(&[
            ("Released", number.phone_number.clone()),
            ("ID", uuid.clone()),
            ("Status", status.to_owned()),
        ]);
    }
    Ok(OK)
}

/// The owned number `target` names: its `DID…` id, or the number in any format.
fn find<'a>(numbers: &'a [OwnedNumber], target: &str) -> Option<&'a OwnedNumber> {
    let digits = digits_of(target);
    numbers.iter().filter(|n| n.is_held()).find(|n| {
        n.uuid.as_deref() == Some(target)
            || (!digits.is_empty() && digits_of(&n.phone_number) == digits)
    })
}

/// Shows the number on stderr and asks for its last four digits.
fn confirm(number: &OwnedNumber) -> Result<bool, Failure> {
    let clean = crate::api::sanitize_text;
    let shown = number
        .formatted_phone_number
        .as_deref()
        .unwrap_or(&number.phone_number);
    let digits = digits_of(&number.phone_number);
    let last_four = &digits[digits.len().saturating_sub(4)..];
    let text = format!(
        "About to release {}\n  status: {}\n  type:   {}\nA release cannot be undone. Type the number's last four digits to release it: ",
        clean(shown),
        or_dash(number.status_text.as_ref().map(|s| s.describe())),
        or_dash(number.provider_type.as_deref().map(clean)),
    );
    let answer = read_answer(&text)?;
    Ok(answer.trim() == last_four)
}
