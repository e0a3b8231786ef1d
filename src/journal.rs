//! The journal: an append-only record of every reservation and purchase.
//!
//! One JSON object per line in `journal.jsonl` in the state folder, created readable by the
//! owner only. A purchase intent is written and flushed to disk *before* the purchase request
//! is sent, and its outcome after; an intent without an outcome (numpick was killed, the
//! answer never came) is settled on the next start by asking the API.
//!
//! The file may be shared by several numpick processes, and may have been cut short by a
//! crash: appends and reads hold an advisory lock, a torn last line is ended before the next
//! entry, and a line that cannot be read is skipped and counted, never fatal. The file is
//! opened without following symbolic links, and folders made for it are private (0700).

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::fs::{DirBuilderExt, FileExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use fd_lock::RwLock;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::outcome::{PendingPurchase, unreadable_note};

pub mod history;
mod owner;
use crate::money::AgreedPrices;
use crate::reference::Reference;
pub use owner::Here;
pub use owner::IntentOwner;
pub(crate) use owner::Standing;

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
        /// The operator's customer or ticket reference (absent when none was given, and in
        /// entries of older versions).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<Reference>,
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
    /// no number was chosen, so that a random purchase can be recognised afterwards. `owner`
    /// says where, on which account and by which process (older versions recorded none).
    PurchaseIntent {
        at: Timestamp,
        intent: String,
        group_id: String,
        number: Option<String>,
        reservation: Option<String>,
        owned_before: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<IntentOwner>,
        /// The prices the purchase was confirmed at, each `null` when they could not be
        /// found; absent when the buyer did not say (entries of older versions).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prices: Option<AgreedPrices>,
        /// The operator's customer or ticket reference, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<Reference>,
    },
    /// How a purchase ended. `reference` repeats the intent's, so that the order can still be
    /// found by it should the intent's line be lost.
    PurchaseOutcome {
        at: Timestamp,
        intent: String,
        outcome: Outcome,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<Reference>,
    },
    /// About to release an owned number (`uuid` its `DID…` id): written before the request.
    ReleaseIntent {
        at: Timestamp,
        intent: String,
        uuid: String,
        number: String,
    },
    ReleaseOutcome {
        at: Timestamp,
        intent: String,
        outcome: ReleaseOutcome,
    },
}

/// How a release ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum ReleaseOutcome {
    /// The API accepted it: the number is pending cancellation.
    Released,
    /// The API refused it; nothing changed.
    Refused { reason: String },
    /// Sent, but no answer says whether it was applied: the account's numbers tell.
    Unknown { reason: String },
}

impl Entry {
    /// A reservation just made, stamped now, under the group it belongs to, with the
    /// operator's `reference`.
    pub fn reserved(
        reservation: &crate::api::model::Reservation,
        reference: Option<&Reference>,
    ) -> Self {
        Self::Reserved {
            at: Timestamp::now(),
            uuid: reservation.uuid.to_string(),
            group_id: reservation.group_id.as_ref().map(ToString::to_string),
            number: reservation.number.clone(),
            expires_at: reservation.expires_at,
            reference: reference.cloned(),
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
    /// The operator said how it ended (`numpick journal resolve`).
    Resolved {
        bought: bool,
        number: Option<String>,
    },
}

/// An intent without a final outcome, with who wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsettled {
    pub pending: PendingPurchase,
    pub owner: Option<IntentOwner>,
    /// How many outcomes recorded for it were still unknown.
    pub(crate) unknowns: usize,
}

impl Unsettled {
    /// What a process at `here` does with it at `now`.
    pub(crate) fn standing(&self, here: &Here, now: Timestamp) -> Standing {
        Standing::of(
            self.owner.as_ref(),
            self.pending.at,
            self.unknowns,
            here,
            now,
        )
    }
}

/// The journal file, open for appending.
///
/// Several numpick processes may share one journal (a wizard and a `numpick buy`, or two
/// operators on one account): every append and every read holds an advisory lock on the file
/// (`flock`), exclusive to write and shared to read, so that no process ever sees, or adds
/// to, another's half-written line.
#[derive(Debug)]
pub struct Journal {
    file: RwLock<File>,
    path: PathBuf,
}

/// What [`Journal::read_all`] found: the entries it could read, and how many lines it could
/// not (cut short by a crash, or not UTF-8). Those are skipped, never fatal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Readout {
    pub entries: Vec<Entry>,
    pub unreadable: usize,
}

impl Readout {
    /// "N journal lines could not be read", when some could not.
    pub(crate) fn unreadable_note(&self) -> Option<String> {
        (self.unreadable > 0).then(|| unreadable_note(self.unreadable))
    }
}

impl Journal {
    /// The journal's usual place: `journal.jsonl` in the state folder.
    pub(crate) fn default_path() -> Option<PathBuf> {
        crate::folders::state_dir().map(|dir| dir.join("journal.jsonl"))
    }

    /// The wizard's journal on the sandbox, kept apart from the real one:
    /// `sandbox-journal.jsonl` in the state folder.
    pub(crate) fn sandbox_path() -> Option<PathBuf> {
        crate::folders::state_dir().map(|dir| dir.join("sandbox-journal.jsonl"))
    }

    /// Opens (or creates, mode 0600) the journal at `path`. Folders made for it are private
    /// (0700), and a symbolic link in the journal's place is refused rather than followed.
    pub fn open(path: &Path) -> io::Result<Self> {
        if let Some(dir) = path.parent() {
            DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
            .map_err(|error| explain_link(error, path))?;
        Ok(Self {
            file: RwLock::new(file),
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one entry and makes sure it is on disk before returning. A last line left
    /// without its newline by a crash is ended first, so that this entry stays readable.
    pub fn append(&mut self, entry: &Entry) -> io::Result<()> {
        let mut line = serde_json::to_vec(entry).map_err(io::Error::other)?;
        line.push(b'\n');
        let mut file = self.file.write()?;
        if !ends_with_newline(&file)? {
            line.insert(0, b'\n');
        }
        // One write of the whole line: a reader holding the shared lock never sees part of it.
        file.write_all(&line)?;
        file.flush()?;
        file.sync_data()
    }

    /// Every readable entry of the journal at `path` (a missing file has none), and the count
    /// of lines that could not be read — cut short by a crash, or not UTF-8 — which are
    /// skipped: one bad line never hides the entries around it.
    pub fn read_all(path: &Path) -> io::Result<Readout> {
        let file = match OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
        {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Readout::default()),
            Err(error) => return Err(explain_link(error, path)),
        };
        let lock = RwLock::new(file);
        let guard = lock.read()?;
        let mut readout = Readout::default();
        for line in BufReader::new(&*guard).split(b'\n') {
            let line = line?;
            if line.trim_ascii().is_empty() {
                continue;
            }
            match serde_json::from_slice(&line) {
                Ok(entry) => readout.entries.push(entry),
                Err(error) => {
                    readout.unreadable += 1;
                    tracing::warn!(%error, "skipping an unreadable journal line");
                }
            }
        }
        Ok(readout)
    }

    /// The purchase intents of `entries` without a final outcome, each with its writer and
    /// how often settling it stayed undecided.
    pub fn unsettled(entries: &[Entry]) -> Vec<Unsettled> {
        let owners: Vec<(&str, Option<&IntentOwner>)> = (entries.iter())
            .filter_map(|entry| match entry {
                Entry::PurchaseIntent { intent, owner, .. } => {
                    Some((intent.as_str(), owner.as_ref()))
                }
                _ => None,
            })
            .collect();
        let owner_of = |intent: &str| {
            (owners.iter())
                .rev()
                .find(|(id, _)| *id == intent)
                .and_then(|(_, owner)| owner.cloned())
        };
        let unknowns_of = |intent: &str| {
            (entries.iter())
                .filter(|entry| {
                    matches!(entry, Entry::PurchaseOutcome { intent: id, outcome: Outcome::Unknown { .. }, .. } if id == intent)
                })
                .count()
        };
        (Self::pending_purchases(entries).into_iter())
            .map(|pending| {
                let owner = owner_of(&pending.intent);
                let unknowns = unknowns_of(&pending.intent);
                Unsettled {
                    pending,
                    owner,
                    unknowns,
                }
            })
            .collect()
    }

    /// The purchase intents of `entries` whose outcome is missing or still unknown.
    pub(crate) fn pending_purchases(entries: &[Entry]) -> Vec<PendingPurchase> {
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

/// Whether `file` is empty or its last byte is a newline.
fn ends_with_newline(file: &File) -> io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(true);
    }
    let mut last = [0u8];
    file.read_exact_at(&mut last, len - 1)?;
    Ok(last[0] == b'\n')
}

/// `O_NOFOLLOW` refuses a link with ELOOP, whose own text ("too many levels of symbolic
/// links") would not tell the operator what is wrong.
fn explain_link(error: io::Error, path: &Path) -> io::Error {
    if error.raw_os_error() == Some(libc::ELOOP) {
        io::Error::other(format!(
            "{} is a symbolic link; numpick does not follow links to its journal",
            path.display()
        ))
    } else {
        error
    }
}

#[cfg(test)]
mod tests;
