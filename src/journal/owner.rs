//! Whose purchase an intent is, and whether this process may settle it.
//!
//! Each purchase intent records where it was sent (the base URL), on which account (the
//! uuid `/open/info` gives, never the key) and by which process (its pid and start time, so
//! that a reused pid is not mistaken for the writer). An intent is settled only by a process
//! on the same base URL and account, and only once its writer has ended: while the writer
//! lives, its purchase may still be in flight. An intent that settling could not decide
//! three times, or that is a week old, is no longer settled automatically: it costs reads at
//! every start and the operator resolves it (`numpick journal resolve`).

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// How many unknown outcomes an intent may gather before it is left to the operator.
pub(crate) const MAX_SETTLE_ATTEMPTS: usize = 3;
/// How old an intent may be before it is left to the operator.
pub(crate) const MAX_SETTLE_AGE: SignedDuration = SignedDuration::from_hours(24 * 7);

/// Who wrote a purchase intent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IntentOwner {
    pub base_url: String,
    /// The account's uuid, when `/open/info` gave it.
    pub account: Option<String>,
    pub pid: u32,
    /// The process's start time, in clock ticks after boot (`/proc/PID/stat`).
    pub process_started: Option<u64>,
}

impl IntentOwner {
    /// This process, on `base_url` and `account`.
    pub(crate) fn this_process(base_url: &str, account: Option<&str>) -> Self {
        let pid = std::process::id();
        Self {
            base_url: base_url.to_owned(),
            account: account.map(str::to_owned),
            pid,
            process_started: process_started(pid),
        }
    }

    /// Whether the process that wrote the intent still runs (and is not this one).
    pub(crate) fn is_another_live_process(&self) -> bool {
        if self.pid == std::process::id() {
            return false;
        }
        match (process_started(self.pid), self.process_started) {
            (Some(now), Some(then)) => now == then,
            // The start time was not recorded: a live process with that pid is taken as the
            // writer, since settling a purchase in flight is the costlier mistake.
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// Where this process settles: its base URL and account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Here {
    pub base_url: String,
    pub account: Option<String>,
}

/// What this process does with an unsettled intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// Settle it now.
    Settle,
    /// Made on another account or base URL: left alone, shown as pending elsewhere.
    Elsewhere,
    /// Its writer still runs: the purchase may be in flight.
    InFlight,
    /// Settling could not decide it often enough, or long enough: the operator resolves it.
    LeftToOperator,
}

impl Standing {
    /// The standing of an intent by `owner` (none for intents of older versions), made `at`,
    /// after `unknowns` undecided outcomes, seen from `here` at `now`.
    pub(crate) fn of(
        owner: Option<&IntentOwner>,
        at: Timestamp,
        unknowns: usize,
        here: &Here,
        now: Timestamp,
    ) -> Self {
        if let Some(owner) = owner {
            // An intent of a known account is settled only where the account is known to
            // be the same: an account that could not be read may be another one.
            let other_account = match (&owner.account, &here.account) {
                (Some(theirs), Some(ours)) => theirs != ours,
                (Some(_), None) => true,
                (None, _) => false,
            };
            if owner.base_url != here.base_url || other_account {
                return Self::Elsewhere;
            }
            if owner.is_another_live_process() {
                return Self::InFlight;
            }
        }
        if unknowns >= MAX_SETTLE_ATTEMPTS || at.duration_until(now) > MAX_SETTLE_AGE {
            return Self::LeftToOperator;
        }
        Self::Settle
    }

    /// A few words for the operator.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::Settle => "to settle",
            Self::Elsewhere => "pending elsewhere (another account or API address)",
            Self::InFlight => "in flight in another numpick process",
            Self::LeftToOperator => "left to the operator (numpick journal resolve)",
        }
    }
}

/// The start time of process `pid` in clock ticks after boot, field 22 of `/proc/PID/stat`;
/// `None` when no such process runs (or `/proc` is not there).
fn process_started(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in brackets and may hold spaces: count after it.
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(19)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-01-15T10:00:00Z";

    fn here() -> Here {
        Here {
            base_url: "https://api.p.2chat.io/".to_owned(),
            account: Some("acct-a".to_owned()),
        }
    }

    fn ended_owner(account: &str) -> IntentOwner {
        IntentOwner {
            base_url: "https://api.p.2chat.io/".to_owned(),
            account: Some(account.to_owned()),
            // Beyond the kernel's largest pid: no such process runs.
            pid: 4_194_305,
            process_started: Some(1),
        }
    }

    fn standing(owner: Option<&IntentOwner>, age_hours: i64, unknowns: usize) -> Standing {
        let now: Timestamp = NOW.parse().unwrap();
        let at = now - SignedDuration::from_hours(age_hours);
        Standing::of(owner, at, unknowns, &here(), now)
    }

    #[test]
    fn only_intents_of_this_account_and_address_are_settled() {
        assert_eq!(
            standing(Some(&ended_owner("acct-a")), 1, 0),
            Standing::Settle
        );
        assert_eq!(
            standing(Some(&ended_owner("acct-b")), 1, 0),
            Standing::Elsewhere
        );
        let unread = Here {
            account: None,
            ..here()
        };
        let now: Timestamp = NOW.parse().unwrap();
        let owner = ended_owner("acct-a");
        assert_eq!(
            Standing::of(Some(&owner), now, 0, &unread, now),
            Standing::Elsewhere,
            "an account that could not be read may be another"
        );
        let mut sandbox = ended_owner("acct-a");
        sandbox.base_url = "http://127.0.0.1:9/".to_owned();
        assert_eq!(standing(Some(&sandbox), 1, 0), Standing::Elsewhere);
        assert_eq!(standing(None, 1, 0), Standing::Settle, "older intents");
    }

    #[test]
    fn a_live_writer_keeps_its_intent_and_a_reused_pid_does_not() {
        let mut parent = ended_owner("acct-a");
        parent.pid = std::os::unix::process::parent_id();
        parent.process_started = process_started(parent.pid);
        assert!(parent.process_started.is_some());
        assert_eq!(standing(Some(&parent), 1, 0), Standing::InFlight);
        // The same pid, started at another time: another process took the pid.
        parent.process_started = parent.process_started.map(|t| t + 1);
        assert_eq!(standing(Some(&parent), 1, 0), Standing::Settle);
        // This process's own intents are its to settle.
        let me = IntentOwner::this_process("https://api.p.2chat.io/", Some("acct-a"));
        assert_eq!(standing(Some(&me), 1, 0), Standing::Settle);
    }

    #[test]
    fn after_three_undecided_attempts_or_a_week_the_operator_decides() {
        let owner = ended_owner("acct-a");
        assert_eq!(standing(Some(&owner), 1, 2), Standing::Settle);
        assert_eq!(standing(Some(&owner), 1, 3), Standing::LeftToOperator);
        assert_eq!(
            standing(Some(&owner), 24 * 7 + 1, 0),
            Standing::LeftToOperator
        );
        assert_eq!(standing(None, 24 * 8, 0), Standing::LeftToOperator);
    }
}
