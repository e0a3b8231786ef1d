//! The journal: an append-only record of every reservation and purchase.
//!
//! One JSON object per line in `journal.jsonl` in the state folder, created readable by the
//! owner only. A purchase intent is written and flushed to disk *before* the purchase request
//! is sent, and its outcome after; an intent without an outcome (numpick was killed, the
//! answer never came) is settled on the next start by asking the API.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Entry {
    Reserved {
        at: Timestamp,
        uuid: String,
        group_id: Option<String>,
        number: String,
        expires_at: Timestamp,
    },
    Cancelled {
        at: Timestamp,
        uuid: String,
    },
    Expired {
        at: Timestamp,
        uuid: String,
    },
    /// About to send a purchase. `owned_before` lists the account's numbers beforehand when
    /// no number was chosen, so that a random purchase can be recognised afterwards.
    PurchaseIntent {
        at: Timestamp,
        intent: String,
        group_id: String,
        number: Option<String>,
        reservation: Option<String>,
        owned_before: Option<Vec<String>>,
    },
    PurchaseOutcome {
        at: Timestamp,
        intent: String,
        outcome: Outcome,
    },
}

impl Entry {
    /// A reservation just made, stamped now, under the group it belongs to.
    pub fn reserved(reservation: &crate::api::model::Reservation) -> Self {
        Self::Reserved {
            at: Timestamp::now(),
            uuid: reservation.uuid.to_string(),
            group_id: reservation.group_id.as_ref().map(ToString::to_string),
            number: reservation.number.clone(),
            expires_at: reservation.expires_at,
        }
    }

    /// A reservation just cancelled, stamped now.
    pub fn cancelled(uuid: &crate::api::model::ReservationId) -> Self {
        Self::Cancelled {
            at: Timestamp::now(),
            uuid: uuid.to_string(),
        }
    }
}

/// How a purchase ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Outcome {
    /// Bought; `number` when known, and the API's answer when it came.
    Bought {
        number: Option<String>,
        receipt: Option<Value>,
    },
    /// The API refused it, or settling showed it did not happen.
    NotBought { reason: String },
    /// The API answered with the number in `failed`: not bought. The answer is kept.
    Refused {
        number: String,
        reason: String,
        receipt: Option<Value>,
    },
    /// Still not known.
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

/// The journal file, open for appending.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
}

impl Journal {
    /// The journal's usual place: `journal.jsonl` in the state folder.
    pub fn default_path() -> Option<PathBuf> {
        crate::config::state_dir().map(|dir| dir.join("journal.jsonl"))
    }

    /// Opens (or creates, mode 0600) the journal at `path`.
    pub fn open(path: &Path) -> io::Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path)?;
        Ok(Self {
            file,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one entry and makes sure it is on disk before returning.
    pub fn append(&mut self, entry: &Entry) -> io::Result<()> {
        let mut line = serde_json::to_vec(entry).map_err(io::Error::other)?;
        line.push(b'\n');
        self.file.write_all(&line)?;
        self.file.flush()?;
        self.file.sync_data()
    }

    /// Every readable entry of the journal at `path` (a missing file has none). A line that
    /// cannot be read — cut short by a crash — is skipped, never fatal.
    pub fn read_all(path: &Path) -> io::Result<Vec<Entry>> {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error),
        };
        let mut entries = Vec::new();
        for line in BufReader::new(file).lines() {
            match serde_json::from_str(&line?) {
                Ok(entry) => entries.push(entry),
                Err(error) => tracing::warn!(%error, "skipping an unreadable journal line"),
            }
        }
        Ok(entries)
    }

    /// The purchase intents of `entries` whose outcome is missing or still unknown.
    pub fn pending_purchases(entries: &[Entry]) -> Vec<PendingPurchase> {
        let mut pending: Vec<PendingPurchase> = Vec::new();
        for entry in entries {
            match entry {
                Entry::PurchaseIntent {
                    at,
                    intent,
                    group_id,
                    number,
                    owned_before,
                    ..
                } => pending.push(PendingPurchase {
                    intent: intent.clone(),
                    at: *at,
                    group_id: group_id.clone(),
                    number: number.clone(),
                    owned_before: owned_before.clone(),
                }),
                Entry::PurchaseOutcome {
                    intent, outcome, ..
                } if !matches!(outcome, Outcome::Unknown { .. }) => {
                    pending.retain(|p| &p.intent != intent);
                }
                _ => {}
            }
        }
        pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn intent(id: &str) -> Entry {
        Entry::PurchaseIntent {
            at: Timestamp::UNIX_EPOCH,
            intent: id.to_owned(),
            group_id: "g1".to_owned(),
            number: Some("+12135551234".to_owned()),
            reservation: None,
            owned_before: None,
        }
    }

    fn outcome(id: &str, outcome: Outcome) -> Entry {
        Entry::PurchaseOutcome {
            at: Timestamp::UNIX_EPOCH,
            intent: id.to_owned(),
            outcome,
        }
    }

    #[test]
    fn the_journal_is_private_and_survives_a_torn_last_line() {
        let dir = std::env::temp_dir().join(format!("numpick-journal-{}", std::process::id()));
        let path = dir.join("journal.jsonl");
        let _ = std::fs::remove_file(&path);
        let mut journal = Journal::open(&path).unwrap();
        journal.append(&intent("a")).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // A crash in the middle of a write leaves half a line.
        journal
            .file
            .write_all(b"{\"event\":\"purchase_out")
            .unwrap();
        let entries = Journal::read_all(&path).unwrap();
        assert_eq!(entries, vec![intent("a")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_intents_without_a_final_outcome_are_pending() {
        let entries = vec![
            intent("bought"),
            intent("unknown"),
            intent("refused"),
            intent("no-answer"),
            outcome(
                "bought",
                Outcome::Bought {
                    number: None,
                    receipt: None,
                },
            ),
            outcome(
                "unknown",
                Outcome::Unknown {
                    reason: "timeout".to_owned(),
                },
            ),
            outcome(
                "refused",
                Outcome::NotBought {
                    reason: "taken".to_owned(),
                },
            ),
        ];
        let pending: Vec<String> = Journal::pending_purchases(&entries)
            .into_iter()
            .map(|p| p.intent)
            .collect();
        assert_eq!(pending, ["unknown", "no-answer"]);
    }
}
