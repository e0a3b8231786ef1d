//! What became of an order, as the wizard is told it: a purchase settled by asking the API,
//! a release's answer, the account's numbers read for settling, a purchase still pending in
//! the journal. These are plain facts: the orders module and the journal establish them (with
//! I/O), the wizard and the commands only show them.

use jiff::Timestamp;

use crate::api::model::OwnedNumber;
use crate::api::phone::digits_of;

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
    pub(crate) fn describe(&self) -> String {
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

/// Every number on the account, and how many items could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountNumbers {
    pub numbers: Vec<OwnedNumber>,
    pub unreadable: usize,
}

impl AccountNumbers {
    /// The digits of the numbers the account still holds.
    pub(crate) fn held_digits(&self) -> Vec<String> {
        (self.numbers.iter())
            .filter(|n| n.is_held())
            .map(|n| digits_of(&n.phone_number))
            .collect()
    }
}

/// What a recorded release came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Released {
    /// The API accepted it.
    Done,
    /// Sent, but nothing says whether it was applied.
    Unknown { reason: String },
}

/// A purchase intent that has no final outcome yet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PendingPurchase {
    pub intent: String,
    pub at: Timestamp,
    pub group_id: String,
    pub number: Option<String>,
    pub owned_before: Option<Vec<String>>,
}

/// What the operator is told when `lines` lines of the journal could not be read.
pub(crate) fn unreadable_note(lines: usize) -> String {
    format!(
        "{} could not be read and {} skipped",
        crate::wording::counted(lines, "journal line"),
        crate::wording::was(lines)
    )
}
