//! Snapshots of what is held and bought: the reserved countdown, the purchase and its
//! settling, the quit guard, the rate-limit wait, the reservations manager and My numbers.

use std::time::Duration;

use numpick::api::ApiError;
use numpick::api::model::Receipt;
use numpick::outcome::{PendingPurchase, Settlement};
use numpick::protocol::Answer;
use numpick::wizard::Action;
use serde_json::json;

use numpick::testkit::*;

#[test]
fn reserved_countdown() {
    let mut run = at_reserved();
    run.wait(Duration::from_secs(1));
    snap!("reserved_09_59", run);
    snap!("reserved_09_59_120x40", run, 120, 40);
    snap!("reserved_09_59_60x16", run, 60, 16);
    run.wait(Duration::from_secs(509));
    snap!("reserved_01_30", run);
    run.wait(Duration::from_secs(81));
    snap!("reserved_00_09", run);
    run.wait(Duration::from_secs(9));
    snap!("reserved_expired", run);
}

#[test]
fn purchase_screens() {
    let mut run = at_reserved();
    run.wait(Duration::from_secs(60)).act(Action::Buy);
    snap!("confirm_purchase", run);

    let mut late = at_reserved();
    late.wait(Duration::from_secs(590)).act(Action::Buy);
    late.wait(Duration::from_secs(20));
    snap!("confirm_purchase_expired", late);

    let mut unknown = at_reserved();
    unknown.act(Action::Buy).act(Action::Confirm);
    unknown.answer(Err(ApiError::OutcomeUnknown {
        reason: "the connection closed before the answer arrived".to_owned(),
    }));
    snap!("outcome_unknown", unknown);

    run.wizard
        .set_journal_path("/home/operator/.local/state/numpick/journal.jsonl");
    run.act(Action::Confirm);
    run.wait(Duration::from_secs(2));
    run.answer(Ok(Answer::Purchased {
        number: "+12135550123".to_owned(),
        receipt: Receipt {
            body: json!({"success": true, "purchased": ["+12135550123"], "failed": [],
                "message": "Purchased\u{1b}[31m"}),
        },
    }));
    snap!("receipt", run);
}

#[test]
fn a_lost_purchase_answer_is_settled_on_screen() {
    let mut run = at_reserved();
    run.act(Action::Buy).act(Action::Confirm);
    run.answer(Ok(Answer::PurchaseUnknown {
        pending: PendingPurchase {
            intent: "intent-1".to_owned(),
            at: "2024-01-15T11:21:00Z".parse().unwrap(),
            group_id: "abc-123".to_owned(),
            number: Some("+12135550123".to_owned()),
            owned_before: None,
        },
        reason: "the connection closed before the answer arrived".to_owned(),
    }));
    snap!("purchase_settling", run);
    run.answer(Ok(Answer::Settled {
        intent: "intent-1".to_owned(),
        settlement: Settlement::Bought {
            number: "+12135550123".to_owned(),
        },
    }));
    snap!("purchase_settled_bought", run);
}

#[test]
fn quitting_with_a_reservation_asks_first() {
    let mut run = at_reserved();
    run.act(Action::Quit);
    snap!("quit_guard", run);
}

#[test]
fn the_meter_shows_a_rate_limit_wait() {
    let mut run = at_groups();
    run.wizard.set_meter(57, Some(Duration::from_millis(2_400)));
    snap!("meter_rate_limit_wait", run);
}

#[test]
fn reservations_manager() {
    let mut run = at_groups();
    run.act(Action::Reservations);
    snap!("manager_loading", run);
    run.answer(Ok(Answer::Reservations(listing(vec![
        reservation(
            "res-1",
            "+12135550123",
            "2024-01-15T11:18:00Z",
            "2024-01-15T11:28:00Z",
        ),
        reservation(
            "res-2",
            "+493012345678",
            "2024-01-15T11:10:00Z",
            "2024-01-15T11:21:00Z",
        ),
    ]))));
    run.down(1);
    snap!("manager_loaded", run);

    let mut empty = at_groups();
    empty.act(Action::Reservations);
    empty.answer(Ok(Answer::Reservations(listing(vec![]))));
    snap!("manager_empty", empty);

    let mut failed = at_groups();
    failed.act(Action::Reservations);
    failed.answer(Err(refused("Bad gateway")));
    snap!("manager_failed", failed);
}

#[test]
fn reservations_listed_in_the_documented_shape() {
    let listed = || {
        listing(vec![decode(json!({
            "uuid": "res-uuid-123", "number": "+493012345678", "did_group_id": "de-ber-local-1",
            "did_type": "local", "iso_country_code": "DE", "location": "Berlin",
            "setup_price": 1.00, "monthly_price": 3.5, "ppm": 0.01,
            "reservation_date": "2024-01-15T11:18:00Z", "reservation_end_date": "2024-01-15T11:28:00Z",
            "needs_registration": true, "supports_sms_in": true, "supports_sms_out": false
        }))])
    };
    let mut run = at_groups();
    run.act(Action::Reservations);
    run.answer(Ok(Answer::Reservations(listed())));
    snap!("manager_documented_item", run);
    // Listed again, completely, without it: shown as gone, never silently dropped.
    run.act(Action::Retry);
    run.answer(Ok(Answer::Reservations(listing(vec![]))));
    snap!("manager_documented_item_gone", run);
    run.act(Action::Retry);
    run.answer(Ok(Answer::Reservations(listed())));
    run.act(Action::Buy);
    snap!("manager_documented_item_confirm", run);
}

#[test]
fn my_numbers() {
    let owned = |number: &str, formatted: &str, status: &str, name: Option<&str>| {
        decode(json!({
            "uuid": format!("DID-{number}"), "phone_number": number,
            "formatted_phone_number": formatted, "status_text": status,
            "provider_type": "local", "friendly_name": name,
            "expires_at": "2024-02-15T10:00:00Z"
        }))
    };
    let mut run = at_groups();
    run.act(Action::OwnedNumbers);
    snap!("owned_loading", run);
    run.answer(Ok(Answer::OwnedNumbers(numpick::outcome::AccountNumbers {
        numbers: vec![
            owned("+12135550123", "+1 213-555-0123", "ACTIVE", Some("Support")),
            owned(
                "+493012345678",
                "+49 30 12345678",
                "AWAITING_REGISTRATION",
                None,
            ),
            owned(
                "+12135559876",
                "+1 213-555-9876",
                "PENDING_CANCELLATION",
                None,
            ),
        ],
        unreadable: 1,
    })));
    snap!("owned_loaded", run);
    snap!("owned_loaded_60x16", run, 60, 16);
    run.act(Action::Release);
    run.type_text("01");
    snap!("owned_release_confirm", run);
}
