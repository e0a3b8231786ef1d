//! Settling a purchase whose outcome is unknown, by asking the API — never by guessing.
//!
//! The account's numbers (`/open/voip/virtual-numbers`) are the only place that says whether
//! a number was bought: if the number is there, it was. A purchase of a random number is
//! recognised by comparing the account's numbers with those it had before the purchase.

use crate::api::model::OwnedNumber;
use crate::api::{ApiError, Client};
use crate::journal::PendingPurchase;

/// How many numbers one page of the account's numbers asks for.
const PAGE_SIZE: u32 = 200;
/// How many pages are read at most (an account with more numbers is settled as unknown).
const MAX_PAGES: u32 = 25;

/// What asking the API showed about a purchase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    /// The account owns the number: the purchase went through.
    Bought { number: String },
    /// The account does not own it: nothing was bought.
    NotBought { number: Option<String> },
    /// The API could not tell; `reason` says why and what to check.
    Unknown { reason: String },
}

impl Settlement {
    /// A sentence for the operator.
    pub fn describe(&self) -> String {
        match self {
            Self::Bought { number } => {
                format!("The purchase went through: {number} is on the account.")
            }
            Self::NotBought {
                number: Some(number),
            } => {
                format!("The purchase did not go through: {number} is not on the account.")
            }
            Self::NotBought { number: None } => {
                "The purchase did not go through: no new number is on the account.".to_owned()
            }
            Self::Unknown { reason } => format!(
                "Still unknown whether the purchase went through ({reason}). Check the account's numbers in the 2Chat dashboard before buying again."
            ),
        }
    }
}

/// Digits only, so that `+1 (213) 555-1234` and `+12135551234` compare equal.
pub fn digits(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

/// Every number the account owns (as digits), reading page after page.
pub async fn owned_numbers(client: &Client) -> Result<Vec<String>, ApiError> {
    let mut owned = Vec::new();
    for page_number in 0..MAX_PAGES {
        let page = client.account_numbers(page_number, PAGE_SIZE).await?;
        let received = page.numbers.items.len() + page.numbers.skipped;
        owned.extend(
            page.numbers
                .items
                .iter()
                .map(|n: &OwnedNumber| digits(&n.phone_number)),
        );
        let total = page.count.and_then(|c| usize::try_from(c).ok());
        let complete = total.is_some_and(|total| owned.len() >= total);
        if received < PAGE_SIZE as usize || complete {
            return Ok(owned);
        }
    }
    Err(ApiError::UnexpectedBody {
        status: 200,
        excerpt: format!(
            "the account lists more than {} numbers",
            PAGE_SIZE * MAX_PAGES
        ),
    })
}

/// Asks the API whether `pending` was bought.
pub async fn settle(client: &Client, pending: &PendingPurchase) -> Settlement {
    let owned = match owned_numbers(client).await {
        Ok(owned) => owned,
        Err(error) => {
            return Settlement::Unknown {
                reason: format!("the account's numbers could not be read: {error}"),
            };
        }
    };
    judge(pending, &owned)
}

/// Decides from the account's numbers (as digits) whether `pending` was bought.
pub fn judge(pending: &PendingPurchase, owned: &[String]) -> Settlement {
    match (&pending.number, &pending.owned_before) {
        (Some(number), _) => {
            if owned.contains(&digits(number)) {
                Settlement::Bought {
                    number: number.clone(),
                }
            } else {
                Settlement::NotBought {
                    number: Some(number.clone()),
                }
            }
        }
        (None, Some(before)) => {
            let before: Vec<String> = before.iter().map(|n| digits(n)).collect();
            let new: Vec<&String> = owned.iter().filter(|n| !before.contains(n)).collect();
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
        (None, None) => Settlement::Unknown {
            reason: "the account's numbers before the purchase were not recorded".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(number: Option<&str>, before: Option<&[&str]>) -> PendingPurchase {
        PendingPurchase {
            intent: "i".to_owned(),
            at: jiff::Timestamp::UNIX_EPOCH,
            group_id: "g".to_owned(),
            number: number.map(str::to_owned),
            owned_before: before.map(|b| b.iter().map(|n| (*n).to_owned()).collect()),
        }
    }

    fn owned(numbers: &[&str]) -> Vec<String> {
        numbers.iter().map(|n| digits(n)).collect()
    }

    #[test]
    fn a_chosen_number_is_bought_exactly_when_the_account_owns_it() {
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
    fn a_random_number_is_recognised_by_comparing_before_and_after() {
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
