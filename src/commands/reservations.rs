//! `reserve`, `reservations`, `cancel`: holding numbers before buying them.
//!
//! A reservation made or cancelled here is written to the journal, as the wizard does.

use jiff::Timestamp;
use serde::Serialize;

use crate::api::model::{CountryCode, Price, Reservation, ReservationId};
use crate::money::Currency;
use crate::orders::deals::{cancel_recorded, reserve_recorded};
use crate::vanity::split_e164;

use super::Context;
use super::exit::{Failure, OK};
use super::numbers::group_id_arg;
use super::output::{self, Align, Table, or_dash};

/// A reservation as `--json` prints it.
#[derive(Debug, Serialize)]
struct ReservationRow<'a> {
    uuid: &'a str,
    number: &'a str,
    /// The number as its country writes it (`+1 213-555-1234`).
    formatted: String,
    group_id: Option<&'a str>,
    did_type: Option<&'a str>,
    iso_country_code: Option<&'a str>,
    location: Option<&'a str>,
    setup_price: Price,
    monthly_price: Price,
    ppm: Price,
    currency: Currency,
    needs_registration: Option<bool>,
    created_at: Option<Timestamp>,
    expires_at: Timestamp,
    /// Seconds left until it expires (0 once expired).
    expires_in_secs: i64,
}

impl<'a> ReservationRow<'a> {
    fn new(reservation: &'a Reservation, now: Timestamp, currency: Currency) -> Self {
        let facts = &reservation.facts;
        Self {
            uuid: reservation.uuid.as_str(),
            number: &reservation.number,
            formatted: crate::phone_format::international(&reservation.number),
            group_id: reservation.group_id.as_ref().map(|g| g.as_str()),
            did_type: facts.did_type.as_deref(),
            iso_country_code: facts.country.as_deref(),
            location: facts.location.as_deref(),
            setup_price: facts.setup,
            monthly_price: facts.monthly,
            ppm: facts.per_minute,
            currency,
            needs_registration: facts.needs_registration,
            created_at: reservation.created_at,
            expires_at: reservation.expires_at,
            expires_in_secs: seconds_left(reservation.expires_at, now),
        }
    }

    /// `Los Angeles · local`, from what the listing gives.
    fn place(&self) -> String {
        let parts: Vec<&str> = [self.location, self.did_type]
            .into_iter()
            .flatten()
            .filter(|part| !part.trim().is_empty())
            .collect();
        if parts.is_empty() {
            "—".to_owned()
        } else {
            parts.join(" · ")
        }
    }
}

fn seconds_left(expires_at: Timestamp, now: Timestamp) -> i64 {
    now.duration_until(expires_at).as_secs().max(0)
}

/// `12:05`, or `expired`.
fn countdown(seconds: i64) -> String {
    if seconds <= 0 {
        "expired".to_owned()
    } else {
        format!("{}:{:02}", seconds / 60, seconds % 60)
    }
}

/// A number from the command line, in any common form (`+1 213 892 4908`, `(213) 892-4908`,
/// or `2138924908` read in `country`), as the E.164 the API is sent; else a usage error.
pub(super) fn number_arg(
    number: Option<&str>,
    country: Option<&CountryCode>,
) -> Result<Option<String>, Failure> {
    let Some(text) = number.map(str::trim) else {
        return Ok(None);
    };
    match crate::phone_format::read(text, country) {
        Some(e164) if split_e164(e164.as_str()).is_some() => Ok(Some(e164.as_str().to_owned())),
        _ => Err(Failure::usage(format!(
            "--number {text:?} is not a phone number: give it as +4930123456, or set the country (--country, default_country) to write it as dialled there"
        ))),
    }
}

/// The journal, or `None` (logged) when it cannot be opened: a reservation is not held back
/// for want of a record, as a purchase is.
fn journal_or_log(
    conn: &mut super::Connection,
) -> Option<std::sync::Mutex<crate::journal::Journal>> {
    conn.open_journal()
        .inspect_err(|failure| tracing::warn!(error = %failure.message, "not recorded"))
        .ok()
}

pub(super) async fn reserve(
    ctx: &Context,
    group_id: &str,
    number: Option<&str>,
    reference: Option<&crate::reference::Reference>,
) -> Result<u8, Failure> {
    let group = group_id_arg(group_id)?;
    let number = number_arg(number, ctx.settings.default_country.as_ref())?;
    let mut conn = ctx.connect().await?;
    let journal = journal_or_log(&mut conn);
    let reservation = reserve_recorded(
        &conn.client,
        journal.as_ref(),
        &group,
        number.as_deref(),
        reference,
    )
    .await?;
    // Reservations expire by the server's clock, not this machine's.
    let row = ReservationRow::new(
        &reservation,
        conn.client.server_now(),
        ctx.settings.currency,
    );
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            reservation: ReservationRow<'a>,
        }
        ctx.out.print_json(&Doc { reservation: row })?;
    } else {
        ctx.out.print_fields(&[
            ("Reserved", row.number.to_owned()),
            ("UUID", row.uuid.to_owned()),
            ("Group", or_dash(row.group_id)),
            ("Expires at", row.expires_at.to_string()),
            ("Time left", countdown(row.expires_in_secs)),
        ]);
    }
    Ok(OK)
}

pub(super) async fn list(ctx: &Context) -> Result<u8, Failure> {
    let conn = ctx.connect().await?;
    let listing = conn.client.reservations().await?;
    let now = conn.client.server_now();
    let rows: Vec<ReservationRow> = (listing.items.iter())
        .map(|r| ReservationRow::new(r, now, ctx.settings.currency))
        .collect();
    if listing.skipped > 0 {
        output::note(&format!(
            "numpick: warning: {} could not be read; the list may be incomplete",
            crate::wording::counted(listing.skipped, "reservation")
        ));
    }
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            reservations: Vec<ReservationRow<'a>>,
            /// Items of the listing that could not be read.
            unreadable: usize,
        }
        ctx.out.print_json(&Doc {
            reservations: rows,
            unreadable: listing.skipped,
        })?;
        return Ok(OK);
    }
    // "No active reservations" only when it is true: not when some could not be read.
    let empty = if listing.skipped == 0 {
        "No active reservations."
    } else {
        ""
    };
    let mut table = Table::new(
        &[
            ("UUID", Align::Left),
            ("NUMBER", Align::Left),
            ("WHERE", Align::Left),
            ("GROUP", Align::Left),
            ("MONTHLY", Align::Right),
            ("EXPIRES AT", Align::Left),
            ("LEFT", Align::Right),
        ],
        empty,
    );
    for row in &rows {
        table.row(vec![
            row.uuid.to_owned(),
            row.number.to_owned(),
            row.place(),
            or_dash(row.group_id),
            match row.monthly_price.amount() {
                Some(_) => row.currency.show(row.monthly_price),
                None => "—".to_owned(),
            },
            row.expires_at.to_string(),
            countdown(row.expires_in_secs),
        ]);
    }
    if !(table.is_empty() && listing.skipped > 0) {
        ctx.out.print_table(&table);
    }
    Ok(OK)
}

pub(super) async fn cancel(ctx: &Context, uuid: &str) -> Result<u8, Failure> {
    let uuid = uuid.trim();
    if uuid.is_empty() || uuid.contains('/') {
        return Err(Failure::usage(format!(
            "{uuid:?} is not a reservation uuid"
        )));
    }
    let uuid = ReservationId::new(uuid);
    let mut conn = ctx.connect().await?;
    let journal = journal_or_log(&mut conn);
    let message = cancel_recorded(&conn.client, journal.as_ref(), &uuid).await?;
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            cancelled: &'a str,
            message: &'a str,
        }
        ctx.out.print_json(&Doc {
            cancelled: uuid.as_str(),
            message: &message,
        })?;
    } else {
        ctx.out.print_line(&ctx.out.receipt_text(&message));
    }
    Ok(OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_countdown_reads_minutes_and_seconds() {
        assert_eq!(countdown(605), "10:05");
        assert_eq!(countdown(0), "expired");
        let now: Timestamp = "2024-01-15T11:00:00Z".parse().unwrap();
        let later: Timestamp = "2024-01-15T11:10:00Z".parse().unwrap();
        assert_eq!(seconds_left(later, now), 600);
        assert_eq!(seconds_left(now, later), 0);
    }

    #[test]
    fn numbers_must_be_e164() {
        assert_eq!(
            number_arg(Some(" +12135551234 "), None).unwrap(),
            Some("+12135551234".to_owned())
        );
        let us = CountryCode::parse("US");
        for typed in ["+1 213 892 4908", "(213) 892-4908", "2138924908"] {
            assert_eq!(
                number_arg(Some(typed), us.as_ref()).unwrap(),
                Some("+12138924908".to_owned()),
                "{typed}"
            );
        }
        assert_eq!(number_arg(Some("2135551234"), None).unwrap_err().code, 2);
        assert_eq!(number_arg(None, None).unwrap(), None);
    }
}
