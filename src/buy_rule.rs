//! The one rule that decides whether a purchase may be sent now.
//!
//! Every path that can start a purchase (the wizard's review, its reserved screen, the
//! reservations manager, `numpick buy`) describes where it stands in a [`BuyState`] and asks
//! [`may_buy`]. The rule is pure — no I/O, no clock — so that its callers cannot disagree
//! about it: a purchase whose outcome is not known yet could already have bought a number,
//! and buying again before knowing could buy a second one.

use thiserror::Error;

/// What the rule needs to know, as plain facts about the caller's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BuyState {
    /// Whether a purchase can be recorded in the journal before it is sent.
    pub(crate) journal_open: bool,
    /// Whether a purchase has been sent and its answer is awaited.
    pub(crate) purchase_in_flight: bool,
    /// Whether a purchase whose answer was lost is being settled by asking the API.
    pub settling: bool,
    /// Whether purchases an earlier run left unsettled are still being checked.
    pub(crate) checking_earlier: bool,
    /// Whether some purchase's outcome stayed unknown even after asking the API.
    pub outcome_unknown: bool,
    /// Whether numpick is on its way out.
    pub quitting: bool,
}

/// Why a purchase may not be sent now. The message is for the operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub(crate) enum Refusal {
    #[error("numpick is quitting: nothing can be bought now.")]
    Quitting,
    #[error(
        "Buying is off: numpick cannot record purchases in its journal, so it sends none (the log says why)."
    )]
    NoJournal,
    #[error("A purchase is in flight: wait for its outcome.")]
    InFlight,
    #[error("numpick is checking whether the last purchase went through: wait for its outcome.")]
    Settling,
    #[error(
        "Checking whether an earlier purchase went through; buying is possible once that is known."
    )]
    CheckingEarlier,
    #[error(
        "An earlier purchase's outcome is unknown, and buying now could buy a second number. Check the account's numbers, then restart numpick to settle it."
    )]
    OutcomeUnknown,
}

/// Whether a purchase may be sent now, or why not.
pub(crate) fn may_buy(state: &BuyState) -> Result<(), Refusal> {
    let BuyState {
        journal_open,
        purchase_in_flight,
        settling,
        checking_earlier,
        outcome_unknown,
        quitting,
    } = *state;
    if quitting {
        Err(Refusal::Quitting)
    } else if !journal_open {
        Err(Refusal::NoJournal)
    } else if purchase_in_flight {
        Err(Refusal::InFlight)
    } else if settling {
        Err(Refusal::Settling)
    } else if checking_earlier {
        Err(Refusal::CheckingEarlier)
    } else if outcome_unknown {
        Err(Refusal::OutcomeUnknown)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAR: BuyState = BuyState {
        journal_open: true,
        purchase_in_flight: false,
        settling: false,
        checking_earlier: false,
        outcome_unknown: false,
        quitting: false,
    };

    #[test]
    fn a_purchase_may_be_sent_only_when_nothing_stands_in_its_way() {
        assert_eq!(may_buy(&CLEAR), Ok(()));
        let cases = [
            (
                BuyState {
                    journal_open: false,
                    ..CLEAR
                },
                Refusal::NoJournal,
            ),
            (
                BuyState {
                    purchase_in_flight: true,
                    ..CLEAR
                },
                Refusal::InFlight,
            ),
            (
                BuyState {
                    settling: true,
                    ..CLEAR
                },
                Refusal::Settling,
            ),
            (
                BuyState {
                    checking_earlier: true,
                    ..CLEAR
                },
                Refusal::CheckingEarlier,
            ),
            (
                BuyState {
                    outcome_unknown: true,
                    ..CLEAR
                },
                Refusal::OutcomeUnknown,
            ),
            (
                BuyState {
                    quitting: true,
                    ..CLEAR
                },
                Refusal::Quitting,
            ),
        ];
        for (state, refusal) in cases {
            assert_eq!(may_buy(&state), Err(refusal), "{state:?}");
        }
    }

    #[test]
    fn quitting_outranks_every_other_reason() {
        let everything = BuyState {
            journal_open: false,
            purchase_in_flight: true,
            settling: true,
            checking_earlier: true,
            outcome_unknown: true,
            quitting: true,
        };
        assert_eq!(may_buy(&everything), Err(Refusal::Quitting));
    }

    #[test]
    fn every_refusal_says_why_in_a_sentence() {
        for refusal in [
            Refusal::Quitting,
            Refusal::NoJournal,
            Refusal::InFlight,
            Refusal::Settling,
            Refusal::CheckingEarlier,
            Refusal::OutcomeUnknown,
        ] {
            let text = refusal.to_string();
            assert!(text.ends_with('.'), "{text}");
            assert!(text.len() > 30, "{text}");
        }
    }
}
