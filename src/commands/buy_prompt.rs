//! What `buy` shows before it asks, and the asking: the number, group, prices, countdown and
//! documents on stderr, then y/N read from stdin.

use std::io::{BufRead, Write};

use jiff::Timestamp;

use crate::api::model::{E164, GroupId, GroupPrice, Reservation};
use crate::money::Currency;

use super::buy_prices::Known;
use super::exit::Failure;

/// `12:05` left on a reservation, from the server's own times where it gave both.
pub(super) fn countdown(held: &Reservation) -> String {
    let start = held.created_at.unwrap_or_else(Timestamp::now);
    let seconds = start.duration_until(held.expires_at).as_secs().max(0);
    format!("{}:{:02}", seconds / 60, seconds % 60)
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

#[cfg(test)]
mod tests;
