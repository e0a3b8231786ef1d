//! The history's tests: every shape the journal has had, torn and non-UTF-8 lines, outcomes
//! whose intent was lost, and the filters.

use std::io::Write;

use super::*;
use crate::api::model::Price;

const NOW: &str = "2026-03-01T12:00:00Z";

/// Lines as each version of numpick wrote them, oldest first.
const EVERY_SHAPE: &[&str] = &[
    // The first journal: reservations with or without a group, purchases without an owner,
    // prices or reference, a random purchase whose number only its outcome names.
    r#"{"event":"reserved","at":"2026-01-10T09:00:00Z","uuid":"r-old","group_id":null,"number":"+12135550001","expires_at":"2026-01-10T09:10:00Z"}"#,
    r#"{"event":"cancelled","at":"2026-01-10T09:01:00Z","uuid":"r-old"}"#,
    r#"{"event":"purchase_intent","at":"2026-01-10T09:02:00Z","intent":"p-random","group_id":"g-1","number":null,"reservation":null,"owned_before":["+12135559999"]}"#,
    r#"{"event":"purchase_outcome","at":"2026-01-10T09:02:05Z","intent":"p-random","outcome":{"result":"bought","number":"+12135550002","receipt":null}}"#,
    r#"{"event":"purchase_intent","at":"2026-01-10T09:03:00Z","intent":"p-gone","group_id":"g-1","number":"+12135550003","reservation":null,"owned_before":null}"#,
    r#"{"event":"purchase_outcome","at":"2026-01-10T09:03:01Z","intent":"p-gone","outcome":{"result":"unknown","reason":"timed out"}}"#,
    r#"{"event":"purchase_outcome","at":"2026-01-10T09:05:00Z","intent":"p-gone","outcome":{"result":"not_bought","reason":"not on the account"}}"#,
    // The documented shapes: a number refused in `failed`.
    r#"{"event":"reserved","at":"2026-01-11T10:00:00Z","uuid":"r-2","group_id":"g-2","number":"+493012345678","expires_at":"2026-01-11T10:10:00Z"}"#,
    r#"{"event":"purchase_intent","at":"2026-01-11T10:01:00Z","intent":"p-refused","group_id":"g-2","number":"+493012345678","reservation":"r-2","owned_before":null}"#,
    r#"{"event":"purchase_outcome","at":"2026-01-11T10:01:02Z","intent":"p-refused","outcome":{"result":"refused","number":"+493012345678","reason":"taken","receipt":{"failed":["+493012345678"]}}}"#,
    // Intents bound to their owner, and an operator's resolution.
    r#"{"event":"purchase_intent","at":"2026-01-12T08:00:00Z","intent":"p-owned","group_id":"g-3","number":"+12135550004","reservation":null,"owned_before":null,"owner":{"base_url":"https://api.p.2chat.io/","account":"acct","pid":7,"process_started":9}}"#,
    r#"{"event":"purchase_outcome","at":"2026-01-19T08:00:00Z","intent":"p-owned","outcome":{"result":"resolved","bought":true,"number":"+12135550004"}}"#,
    // Releases.
    r#"{"event":"release_intent","at":"2026-01-13T08:00:00Z","intent":"release-1","uuid":"DID1","number":"+12135550002"}"#,
    r#"{"event":"release_outcome","at":"2026-01-13T08:00:01Z","intent":"release-1","outcome":{"result":"released"}}"#,
    // Prices agreed, one unknown.
    r#"{"event":"purchase_intent","at":"2026-01-14T08:00:00Z","intent":"p-priced","group_id":"g-4","number":"+12135550005","reservation":null,"owned_before":null,"prices":{"setup":"1.00","monthly":null}}"#,
    r#"{"event":"purchase_outcome","at":"2026-01-14T08:00:01Z","intent":"p-priced","outcome":{"result":"bought","number":"+12135550005","receipt":{"purchased":["+12135550005"]}}}"#,
    // References, on the reservation, the intent and the outcome.
    r#"{"event":"reserved","at":"2026-02-01T08:00:00Z","uuid":"r-ref","group_id":"g-5","number":"+12135550006","expires_at":"2026-02-01T08:10:00Z","reference":"ACME-7"}"#,
    r#"{"event":"purchase_intent","at":"2026-02-01T08:01:00Z","intent":"p-ref","group_id":"g-5","number":"+12135550006","reservation":"r-ref","owned_before":null,"prices":{"setup":"0","monthly":"3.5"},"reference":"ACME-7"}"#,
    r#"{"event":"purchase_outcome","at":"2026-02-01T08:01:01Z","intent":"p-ref","outcome":{"result":"bought","number":"+12135550006","receipt":null},"reference":"ACME-7"}"#,
];

fn history_of(lines: &[&str]) -> Vec<Order> {
    let entries: Vec<Entry> = (lines.iter())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    orders(&entries, NOW.parse().unwrap())
}

fn find<'a>(orders: &'a [Order], id: &str) -> &'a Order {
    (orders.iter())
        .find(|order| order.id == id)
        .unwrap_or_else(|| panic!("no order {id}"))
}

#[test]
fn every_shape_the_journal_has_had_is_read_one_row_per_order() {
    let orders = history_of(EVERY_SHAPE);
    let rows: Vec<(&str, OrderKind, OrderOutcome)> = (orders.iter())
        .map(|order| (order.id.as_str(), order.kind, order.outcome))
        .collect();
    use OrderKind::*;
    use OrderOutcome as O;
    assert_eq!(
        rows,
        [
            ("r-old", Reservation, O::Cancelled),
            ("p-random", Purchase, O::Bought),
            ("p-gone", Purchase, O::NotBought),
            // Bought by nobody, and its time ran out unrecorded.
            ("r-2", Reservation, O::Expired),
            ("p-refused", Purchase, O::Refused),
            ("p-owned", Purchase, O::Bought),
            ("release-1", Release, O::Released),
            ("p-priced", Purchase, O::Bought),
            ("r-ref", Reservation, O::Bought),
            ("p-ref", Purchase, O::Bought),
        ]
    );
    let random = find(&orders, "p-random");
    assert_eq!(random.number.as_deref(), Some("+12135550002"));
    assert_eq!(random.setup_price, Price::Unknown);
    assert_eq!(random.reference, None);
    let gone = find(&orders, "p-gone");
    assert_eq!(gone.detail.as_deref(), Some("not on the account"));
    assert_eq!(
        gone.settled_at,
        Some("2026-01-10T09:05:00Z".parse().unwrap())
    );
    assert!((find(&orders, "p-owned").detail.as_deref()).is_some_and(|d| d.contains("resolved")));
    let priced = find(&orders, "p-priced");
    assert_eq!(priced.setup_price.to_string(), "1.00");
    assert_eq!(priced.monthly_price, Price::Unknown);
    let referenced = find(&orders, "p-ref");
    assert_eq!(referenced.reference.as_ref().unwrap().as_str(), "ACME-7");
    assert_eq!(referenced.reservation.as_deref(), Some("r-ref"));
    assert_eq!(referenced.monthly_price.to_string(), "3.50");
    assert_eq!(find(&orders, "r-old").group_id, None);
}

#[test]
fn an_outcome_whose_intent_was_lost_is_a_row_of_its_own_with_its_reference() {
    let orders = history_of(&[
        r#"{"event":"purchase_outcome","at":"2026-02-01T08:01:01Z","intent":"p-lost","outcome":{"result":"bought","number":"+12135550006","receipt":null},"reference":"T-1"}"#,
        r#"{"event":"purchase_intent","at":"2026-02-02T08:00:00Z","intent":"p-open","group_id":"g","number":"+12135550007","reservation":null,"owned_before":null}"#,
    ]);
    let lost = find(&orders, "p-lost");
    assert_eq!(lost.outcome, OrderOutcome::Bought);
    assert_eq!(lost.number.as_deref(), Some("+12135550006"));
    assert_eq!(lost.reference.as_ref().unwrap().as_str(), "T-1");
    assert_eq!(lost.group_id, None);
    assert_eq!(find(&orders, "p-open").outcome, OrderOutcome::Pending);
}

#[test]
fn torn_and_non_utf8_lines_are_counted_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    for line in EVERY_SHAPE {
        writeln!(file, "{line}").unwrap();
    }
    // A line cut short by a crash, one that is not UTF-8, and an event of no known kind.
    file.write_all(b"{\"event\":\"purchase_intent\",\"at\":\"2026-02-0\n")
        .unwrap();
    file.write_all(
        b"{\"event\":\"cancelled\",\"at\":\"2026-02-01T08:00:00Z\",\"uuid\":\"r-\xff\xfe\"}\n",
    )
    .unwrap();
    file.write_all(b"{\"event\":\"purchase_outcome\",\"at\":\"2026-02-03T08:00:00Z\",\"intent\":\"p-tail\",\"outcome\":{\"result\":\"unknown\",\"reason\":\"cut\"}}")
        .unwrap();
    drop(file);
    let history = History::read(&path, NOW.parse().unwrap()).unwrap();
    assert_eq!(history.unreadable, 2);
    assert_eq!(history.orders.len(), 11, "ten orders and the last line's");
    assert_eq!(
        history.orders.last().map(|o| (o.id.as_str(), o.outcome)),
        Some(("p-tail", OrderOutcome::Unknown)),
        "the last line, without its newline, is read"
    );
    let missing = History::read(&dir.path().join("none.jsonl"), Timestamp::now()).unwrap();
    assert_eq!(missing, History::default());
}

#[test]
fn orders_are_found_by_reference_and_by_date() {
    let history = History {
        orders: history_of(EVERY_SHAPE),
        unreadable: 0,
    };
    let ids = |orders: Vec<&Order>| -> Vec<String> {
        orders.into_iter().map(|order| order.id.clone()).collect()
    };
    assert_eq!(
        ids(history.filtered(Some("acme-7"), None)),
        ["r-ref", "p-ref"]
    );
    assert!(history.filtered(Some("ACME"), None).is_empty());
    let since = "2026-01-13T00:00:00Z".parse().unwrap();
    assert_eq!(
        ids(history.filtered(None, Some(since))),
        ["release-1", "p-priced", "r-ref", "p-ref"]
    );
    assert_eq!(history.filtered(None, None).len(), history.orders.len());
}

#[test]
fn a_reservation_held_now_stays_held_and_expiry_does_not_undo_a_cancellation() {
    let orders = history_of(&[
        r#"{"event":"reserved","at":"2026-03-01T11:59:00Z","uuid":"r-now","group_id":"g","number":"+12135550008","expires_at":"2026-03-01T12:09:00Z"}"#,
        r#"{"event":"reserved","at":"2026-02-01T08:00:00Z","uuid":"r-c","group_id":"g","number":"+12135550009","expires_at":"2026-02-01T08:10:00Z"}"#,
        r#"{"event":"cancelled","at":"2026-02-01T08:01:00Z","uuid":"r-c"}"#,
        r#"{"event":"expired","at":"2026-02-01T08:10:00Z","uuid":"r-c"}"#,
    ]);
    assert_eq!(find(&orders, "r-now").outcome, OrderOutcome::Held);
    assert_eq!(find(&orders, "r-c").outcome, OrderOutcome::Cancelled);
}
