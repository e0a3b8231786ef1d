//! Settling a purchase whose outcome is unknown, by asking the API — never by guessing.
//!
//! The account's numbers (`/open/voip/virtual-numbers`) are the only place that says whether
//! a number was bought: it was if the account holds it (not released, not pending
//! cancellation) and it was created on the account after the purchase was intended (a minute
//! of clock skew allowed). Pages are read until one comes back empty: `count` may be the
//! page's size rather than the total, and a server may cap pages below what was asked.
//! An item that cannot be read makes a "not bought" verdict impossible: it may be the number.
//!
//! "Not on the account yet" is not "not bought": a server may still be applying a purchase
//! whose answer the client gave up on. So [`settle`] reads the account's numbers again and
//! again, with growing pauses, over a settle window that starts when the purchase was
//! intended. It concludes "bought" as soon as the number appears; "not bought" only once
//! the window has passed, the last reading was complete with no unreadable item, and the
//! API shows the number still free ([`super::evidence`]); "unknown" otherwise.
//!
//! Purchases are always of a named number; intents of a random number, which older versions
//! recorded with the account's numbers beforehand, are still recognised by comparing before
//! and after, but never concluded "not bought": nothing can show that a number nobody named
//! is still free.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use crate::api::phone::digits_of;
use crate::api::{ApiError, Client};
use crate::outcome::{AccountNumbers, PendingPurchase, Settlement};

use super::evidence::{Freedom, still_free};
use super::same_number::is_same_number;

/// How many numbers one page of the account's numbers asks for.
const PAGE_SIZE: u32 = 200;
/// How many pages are read at most: 100,000 numbers.
const MAX_PAGES: u32 = 500;
/// How much earlier than the intent a bought number may say it was created (clock skew).
const CLOCK_SKEW: SignedDuration = SignedDuration::from_secs(60);
/// The first pause between two readings of the account's numbers; each pause doubles.
const FIRST_PAUSE: Duration = Duration::from_secs(2);
/// The longest pause between two readings.
const LONGEST_PAUSE: Duration = Duration::from_secs(20);

/// Every number the account owns, reading page after page until a page comes back empty.
pub async fn account_numbers(client: &Client) -> Result<AccountNumbers, ApiError> {
    let mut all = AccountNumbers::default();
    for page_number in 0..MAX_PAGES {
        let page = client.account_numbers(page_number, PAGE_SIZE).await?;
        if page.numbers.items.is_empty() && page.numbers.skipped == 0 {
            return Ok(all);
        }
        all.numbers.extend(page.numbers.items);
        all.unreadable += page.numbers.skipped;
    }
    Err(ApiError::UnexpectedBody {
        status: 200,
        excerpt: format!(
            "numpick stopped reading the account's numbers after {MAX_PAGES} pages of {PAGE_SIZE} ({} numbers), and the list had not ended",
            all.numbers.len()
        ),
    })
}

/// The digits of every number the account holds now (for the before/after comparison of
/// older intents).
pub async fn owned_numbers(client: &Client) -> Result<Vec<String>, ApiError> {
    account_numbers(client).await.map(|all| all.held_digits())
}

/// Asks the API whether `pending` was bought, reading the account's numbers until the
/// number appears or the settle `window` (counted from the intent) has passed. An intent
/// older than the window is read once.
pub async fn settle(client: &Client, pending: &PendingPurchase, window: Duration) -> Settlement {
    let deadline = tokio::time::Instant::now() + remaining_window(pending.at, window);
    let mut pause = FIRST_PAUSE;
    loop {
        let seen = match account_numbers(client).await {
            Ok(owned) => judge(pending, &owned),
            Err(error) => Settlement::Unknown {
                reason: format!("the account's numbers could not be read: {error}"),
            },
        };
        if matches!(seen, Settlement::Bought { .. }) {
            return seen;
        }
        let now = tokio::time::Instant::now();
        if now >= deadline {
            return conclude(client, pending, seen).await;
        }
        tokio::time::sleep(pause.min(deadline - now)).await;
        pause = (pause * 2).min(LONGEST_PAUSE);
    }
}

/// What is left of a settle window of `window` for an intent made `at` (wall clock).
fn remaining_window(at: Timestamp, window: Duration) -> Duration {
    let age = at.duration_until(Timestamp::now());
    let age = Duration::try_from(age).unwrap_or(Duration::ZERO);
    window.saturating_sub(age)
}

/// The verdict once the window has passed: the last reading's absence becomes "not bought"
/// only with positive evidence that the number is still free.
async fn conclude(client: &Client, pending: &PendingPurchase, seen: Settlement) -> Settlement {
    let Settlement::NotBought { number } = seen else {
        return seen;
    };
    let Some(number) = number else {
        return Settlement::Unknown {
            reason: "no new number is on the account, but a purchase that named no number cannot be shown not to have happened".to_owned(),
        };
    };
    match still_free(client, &pending.group_id, &number).await {
        Ok(Freedom::Free) => Settlement::NotBought {
            number: Some(number),
        },
        Ok(Freedom::NotShownFree) => Settlement::Unknown {
            reason: format!(
                "{number} is not on the account, but neither is it listed as available or reserved"
            ),
        },
        Err(error) => Settlement::Unknown {
            reason: format!(
                "{number} is not on the account, and whether it is still free could not be read: {error}"
            ),
        },
    }
}

/// Decides from one complete reading of the account's numbers whether `pending` was bought;
/// `NotBought` here says only that the number is absent (see [`settle`]).
pub fn judge(pending: &PendingPurchase, owned: &AccountNumbers) -> Settlement {
    let Some(number) = &pending.number else {
        return judge_random(pending, owned);
    };
    let earliest = pending.at.checked_sub(CLOCK_SKEW).unwrap_or(Timestamp::MIN);
    let bought = owned.numbers.iter().any(|n| {
        is_same_number(n, number)
            && n.is_held()
            && n.created().is_none_or(|created| created >= earliest)
    });
    if bought {
        Settlement::Bought {
            number: number.clone(),
        }
    } else if owned.unreadable > 0 {
        Settlement::Unknown {
            reason: format!(
                "{} of the account's numbers could not be read, and one of them may be {number}",
                owned.unreadable
            ),
        }
    } else {
        Settlement::NotBought {
            number: Some(number.clone()),
        }
    }
}

/// An intent of a random number (recorded by older versions): recognised by what is new on
/// the account since.
fn judge_random(pending: &PendingPurchase, owned: &AccountNumbers) -> Settlement {
    let Some(before) = &pending.owned_before else {
        return Settlement::Unknown {
            reason: "the account's numbers before the purchase were not recorded".to_owned(),
        };
    };
    if owned.unreadable > 0 {
        return Settlement::Unknown {
            reason: format!(
                "{} of the account's numbers could not be read",
                owned.unreadable
            ),
        };
    }
    let before: Vec<String> = before.iter().map(|n| digits_of(n)).collect();
    let now = owned.held_digits();
    let new: Vec<&String> = now.iter().filter(|n| !before.contains(n)).collect();
    match new.as_slice() {
        [] => Settlement::NotBought { number: None },
        [one] => Settlement::Bought {
            number: format!("+{one}"),
        },
        _ => Settlement::Unknown {
            reason: format!(
                "{} numbers were added to the account since, so numpick cannot tell which one this purchase bought",
                new.len()
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::{NumberStatus, OwnedNumber};

    const INTENT_AT: &str = "2026-01-15T10:00:00Z";

    fn pending(number: Option<&str>, before: Option<&[&str]>) -> PendingPurchase {
        PendingPurchase {
            intent: "i".to_owned(),
            at: INTENT_AT.parse().unwrap(),
            group_id: "g".to_owned(),
            number: number.map(str::to_owned),
            owned_before: before.map(|b| b.iter().map(|n| (*n).to_owned()).collect()),
        }
    }

    fn owned_item(number: &str, status: &str, created: &str) -> OwnedNumber {
        serde_json::from_value(serde_json::json!({
            "phone_number": number, "status_text": status, "created_at": created
        }))
        .unwrap()
    }

    fn owned(numbers: &[&str]) -> AccountNumbers {
        AccountNumbers {
            numbers: (numbers.iter())
                .map(|n| owned_item(n, "ACTIVE", "2026-01-15T10:00:05Z"))
                .collect(),
            unreadable: 0,
        }
    }

    #[test]
    fn a_chosen_number_is_bought_exactly_when_the_account_holds_it() {
        let intent = pending(Some("+12135551234"), None);
        assert_eq!(
            judge(&intent, &owned(&["+1 (213) 555-1234"])),
            Settlement::Bought {
                number: "+12135551234".to_owned()
            }
        );
        assert_eq!(
            judge(&intent, &owned(&["+12135550000"])),
            Settlement::NotBought {
                number: Some("+12135551234".to_owned())
            }
        );
    }

    #[test]
    fn a_released_or_older_number_does_not_count_as_bought() {
        let intent = pending(Some("+12135551234"), None);
        for (status, created) in [
            ("RELEASED", "2026-01-15T10:00:05Z"),
            ("PENDING_CANCELLATION", "2026-01-15T10:00:05Z"),
            ("ACTIVE", "2025-06-01T00:00:00Z"),
        ] {
            let account = AccountNumbers {
                numbers: vec![owned_item("+12135551234", status, created)],
                unreadable: 0,
            };
            assert!(
                matches!(judge(&intent, &account), Settlement::NotBought { .. }),
                "{status} created {created}"
            );
        }
        // A minute of clock skew is allowed, and a new number awaiting registration is held.
        let skewed = AccountNumbers {
            numbers: vec![owned_item(
                "+12135551234",
                "AWAITING_REGISTRATION",
                "2026-01-15T09:59:10Z",
            )],
            unreadable: 0,
        };
        assert!(matches!(judge(&intent, &skewed), Settlement::Bought { .. }));
        assert_eq!(
            skewed.numbers[0].status_text,
            Some(NumberStatus::AwaitingRegistration)
        );
    }

    #[test]
    fn an_unreadable_item_makes_not_bought_unknown() {
        let intent = pending(Some("+12135551234"), None);
        let mut account = owned(&["+12135550000"]);
        account.unreadable = 1;
        assert!(matches!(
            judge(&intent, &account),
            Settlement::Unknown { .. }
        ));
    }

    #[test]
    fn an_older_random_intent_is_recognised_by_comparing_before_and_after() {
        let intent = pending(None, Some(&["+4930111"]));
        assert_eq!(
            judge(&intent, &owned(&["+4930111", "+4930222"])),
            Settlement::Bought {
                number: "+4930222".to_owned()
            }
        );
        assert_eq!(
            judge(&intent, &owned(&["+4930111"])),
            Settlement::NotBought { number: None }
        );
        assert!(matches!(
            judge(&intent, &owned(&["+4930111", "+4930222", "+4930333"])),
            Settlement::Unknown { .. }
        ));
        assert!(matches!(
            judge(&pending(None, None), &owned(&[])),
            Settlement::Unknown { .. }
        ));
    }
}
