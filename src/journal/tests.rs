//! The journal's tests: privacy, torn and unreadable lines, links, and two processes sharing
//! one file.

use super::*;
use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

fn intent(id: &str) -> Entry {
    Entry::PurchaseIntent {
        at: Timestamp::UNIX_EPOCH,
        intent: id.to_owned(),
        group_id: "g1".to_owned(),
        number: Some("+12135551234".to_owned()),
        reservation: None,
        owned_before: None,
        owner: None,
        prices: None,
        reference: None,
    }
}

fn outcome(id: &str, outcome: Outcome) -> Entry {
    Entry::PurchaseOutcome {
        at: Timestamp::UNIX_EPOCH,
        intent: id.to_owned(),
        outcome,
        reference: None,
    }
}

/// Adds raw bytes at the end of the journal at `path`, as a crash or a foreign tool might.
fn append_raw(path: &Path, bytes: &[u8]) {
    let mut file = OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(bytes).unwrap();
}

#[test]
fn the_journal_is_private_and_survives_a_torn_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut journal = Journal::open(&path).unwrap();
    journal.append(&intent("a")).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // A crash in the middle of a write leaves half a line.
    append_raw(&path, b"{\"event\":\"purchase_out");
    let readout = Journal::read_all(&path).unwrap();
    assert_eq!(readout.entries, vec![intent("a")]);
    assert_eq!(readout.unreadable, 1);
}

#[test]
fn an_entry_appended_after_a_torn_line_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    Journal::open(&path).unwrap().append(&intent("a")).unwrap();
    append_raw(&path, b"{\"event\":\"purchase_out");
    // The next run opens the journal and records a purchase intent.
    Journal::open(&path).unwrap().append(&intent("b")).unwrap();
    Journal::open(&path).unwrap().append(&intent("c")).unwrap();
    let readout = Journal::read_all(&path).unwrap();
    assert_eq!(readout.entries, vec![intent("a"), intent("b"), intent("c")]);
    assert_eq!(readout.unreadable, 1, "only the torn fragment is lost");
    let pending: Vec<String> = Journal::pending_purchases(&readout.entries)
        .into_iter()
        .map(|p| p.intent)
        .collect();
    assert_eq!(pending, ["a", "b", "c"]);
}

#[test]
fn a_line_that_is_not_utf8_is_skipped_counted_and_hides_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut journal = Journal::open(&path).unwrap();
    journal.append(&intent("before")).unwrap();
    append_raw(
        &path,
        b"{\"event\":\"cancelled\",\"uuid\":\"\xff\xfe\"}\n\xc3\x28\n",
    );
    journal.append(&intent("after")).unwrap();
    let readout = Journal::read_all(&path).unwrap();
    assert_eq!(readout.entries, vec![intent("before"), intent("after")]);
    assert_eq!(readout.unreadable, 2);
    assert_eq!(
        readout.unreadable_note().as_deref(),
        Some("2 journal lines could not be read and were skipped")
    );
    assert_eq!(
        Journal::read_all(&dir.path().join("none")).unwrap(),
        Readout::default()
    );
    assert_eq!(Readout::default().unreadable_note(), None);
}

#[test]
fn a_link_in_the_journals_place_is_refused_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("elsewhere");
    std::fs::write(&target, "").unwrap();
    let path = dir.path().join("journal.jsonl");
    std::os::unix::fs::symlink(&target, &path).unwrap();
    let error = Journal::open(&path).unwrap_err();
    assert!(error.to_string().contains("is a symbolic link"), "{error}");
    let error = Journal::read_all(&path).unwrap_err();
    assert!(error.to_string().contains("is a symbolic link"), "{error}");
    assert_eq!(std::fs::read(&target).unwrap(), b"");
}

#[test]
fn folders_made_for_the_journal_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state/numpick/journal.jsonl");
    Journal::open(&path).unwrap();
    for folder in ["state", "state/numpick"] {
        let mode = std::fs::metadata(dir.path().join(folder))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{folder}");
    }
}

#[test]
fn an_append_waits_while_another_holder_has_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut journal = Journal::open(&path).unwrap();
    // Another process's lock: a lock on a separate opening of the file conflicts like one.
    let mut other = RwLock::new(File::open(&path).unwrap());
    let held = other.write().unwrap();
    let (done, appended) = mpsc::channel();
    let writer = std::thread::spawn(move || {
        journal.append(&intent("waited")).unwrap();
        // The receiver waits for this message until the end of the test.
        let _ = done.send(());
    });
    assert!(
        appended.recv_timeout(Duration::from_millis(200)).is_err(),
        "the append went ahead while the lock was held"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"");
    drop(held);
    appended.recv_timeout(Duration::from_secs(10)).unwrap();
    writer.join().unwrap();
    assert_eq!(
        Journal::read_all(&path).unwrap().entries,
        vec![intent("waited")]
    );
}

/// Set in the child processes of the two-process test: the journal to append to.
const CHILD_JOURNAL: &str = "NUMPICK_TEST_CHILD_JOURNAL";
/// Set in the child processes: the prefix of their intents' ids.
const CHILD_TAG: &str = "NUMPICK_TEST_CHILD_TAG";
const PER_PROCESS: usize = 500;

/// An intent larger than the 4 KiB a pipe writes atomically, so that an append is never
/// small enough to be whole by luck.
fn large_intent(id: String) -> Entry {
    Entry::PurchaseIntent {
        at: Timestamp::UNIX_EPOCH,
        intent: id,
        group_id: "g1".to_owned(),
        number: None,
        reservation: None,
        owned_before: Some((0..400).map(|n| format!("+1213555{n:04}")).collect()),
        owner: None,
        prices: None,
        reference: None,
    }
}

#[test]
fn two_processes_appending_at_once_lose_no_entry() {
    // In a child: append this process's share, then end.
    if let (Ok(path), Ok(tag)) = (std::env::var(CHILD_JOURNAL), std::env::var(CHILD_TAG)) {
        let mut journal = Journal::open(Path::new(&path)).unwrap();
        for n in 0..PER_PROCESS {
            journal.append(&large_intent(format!("{tag}-{n}"))).unwrap();
        }
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let test = "journal::tests::two_processes_appending_at_once_lose_no_entry";
    let children: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|tag| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", test, "--test-threads=1", "--quiet"])
                .env(CHILD_JOURNAL, &path)
                .env(CHILD_TAG, tag)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let readout = Journal::read_all(&path).unwrap();
    assert_eq!(readout.unreadable, 0);
    let mut ids: Vec<String> = Journal::pending_purchases(&readout.entries)
        .into_iter()
        .map(|p| p.intent)
        .collect();
    assert_eq!(ids.len(), 2 * PER_PROCESS);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 2 * PER_PROCESS, "every entry once");
    for entry in &readout.entries {
        assert_eq!(entry, &large_intent(id_of(entry)));
    }
}

fn id_of(entry: &Entry) -> String {
    match entry {
        Entry::PurchaseIntent { intent, .. } => intent.clone(),
        other => panic!("only intents were written: {other:?}"),
    }
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

#[test]
fn prices_agreed_are_recorded_unknown_ones_as_null_and_old_lines_still_read() {
    use crate::api::model::Price;
    let unknown = Entry::PurchaseIntent {
        at: Timestamp::UNIX_EPOCH,
        intent: "i-1".to_owned(),
        group_id: "g1".to_owned(),
        number: Some("+12135551234".to_owned()),
        reservation: None,
        owned_before: None,
        owner: None,
        prices: Some(AgreedPrices {
            setup: Price::Unknown,
            monthly: Price::Unknown,
        }),
        reference: None,
    };
    let line = serde_json::to_value(&unknown).unwrap();
    assert_eq!(
        line["prices"],
        serde_json::json!({"setup": null, "monthly": null})
    );
    let back: Entry = serde_json::from_value(line).unwrap();
    assert_eq!(back, unknown);
    // A line written before prices were recorded has none, and says nothing about them.
    let old = serde_json::to_value(intent("i-2")).unwrap();
    assert!(old.get("prices").is_none(), "{old}");
    let back: Entry = serde_json::from_value(old).unwrap();
    assert_eq!(back, intent("i-2"));
}
