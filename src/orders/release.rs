//! Releasing an owned number with a record: the intent is written before the request, the
//! request is sent once and never retried (a release cannot be undone), and the outcome is
//! written after. An ending that leaves the outcome open is recorded as unknown; the account's
//! numbers then tell (the number is pending cancellation, or not).

use std::sync::Mutex;

use jiff::Timestamp;

use crate::api::{ApiError, Client, sanitize_text};
use crate::journal::{Entry, Journal, ReleaseOutcome};
use crate::outcome::Released;

use super::{record, record_after};

/// Releases the owned `number` whose id is `uuid` (`DID…`), recording the intent first and
/// the outcome after. Without a journal, or when the intent cannot be written, nothing is sent.
pub(crate) async fn release_recorded(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    uuid: &str,
    number: &str,
) -> Result<Released, ApiError> {
    let uuid = uuid.trim();
    if uuid.is_empty() {
        return Err(ApiError::NotSent {
            detail: format!("{number} has no id to release it by"),
        });
    }
    let intent = format!(
        "release-{}-{}",
        Timestamp::now().as_millisecond(),
        std::process::id()
    );
    record(
        journal,
        &Entry::ReleaseIntent {
            at: Timestamp::now(),
            intent: intent.clone(),
            uuid: uuid.to_owned(),
            number: number.to_owned(),
        },
    )
    .map_err(|detail| ApiError::NotSent {
        detail: format!("{detail}; numpick releases only what it can record"),
    })?;
    let outcome_of = |outcome| Entry::ReleaseOutcome {
        at: Timestamp::now(),
        intent: intent.clone(),
        outcome,
    };
    match client.release_number(uuid).await {
        Ok(()) => {
            record_after(journal, &outcome_of(ReleaseOutcome::Released));
            Ok(Released::Done)
        }
        Err(ApiError::OutcomeUnknown { reason }) => {
            record_after(
                journal,
                &outcome_of(ReleaseOutcome::Unknown {
                    reason: reason.clone(),
                }),
            );
            Ok(Released::Unknown { reason })
        }
        Err(error) => {
            record_after(
                journal,
                &outcome_of(ReleaseOutcome::Refused {
                    reason: sanitize_text(&error.to_string()),
                }),
            );
            Err(error)
        }
    }
}
