//! Snapshots of what an operator reads: requirements as checklists, the help, and the group
//! table — at 60×16, 80×24 and 120×40.

use numpick::wizard::{Action, Move};
use serde_json::Value;

use numpick::testkit::*;

/// The requirements the sandbox serves for `country` and `did_type`, from its catalogue, each
/// with its `id` as served.
fn served_requirements(country: &str, did_type: &str) -> Vec<Value> {
    let catalogue: Value =
        serde_json::from_str(include_str!("../../assets/sandbox/catalogue.json")).unwrap();
    let country = catalogue["countries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == country)
        .unwrap();
    country["requirements"][did_type]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| {
            let key = key.as_str().unwrap();
            let mut body = catalogue["requirements"][key].clone();
            body["id"] = Value::from(key);
            body
        })
        .collect()
}

#[test]
fn german_requirements_are_a_wrapped_checklist_listed_once() {
    // Listed twice, as the country's and the type's answer may repeat a requirement.
    let mut requirements = served_requirements("DE", "local");
    requirements.extend(served_requirements("DE", "local"));
    let run = at_review(requirements);
    let text = run.draw(80, 24).backend().to_string();
    assert!(!text.contains("de-identity"), "no internal key: {text}");
    snap_sizes!("requirements_de", run);
    let mut end = at_review(served_requirements("DE", "local"));
    end.act(Action::Move(Move::Last));
    for _ in 0..30 {
        end.act(Action::Move(Move::Down));
    }
    snap_sizes!("requirements_de_end", end);
}

#[test]
fn brazilian_requirements_are_a_wrapped_checklist() {
    let mut run = at_review(served_requirements("BR", "mobile"));
    for _ in 0..8 {
        run.act(Action::Move(Move::Down));
    }
    snap_sizes!("requirements_br", run);
}

#[test]
fn the_help_scrolls_on_a_small_terminal() {
    let mut run = at_groups();
    run.act(Action::Help);
    snap_sizes!("help", run);
    for _ in 0..40 {
        run.act(Action::Move(Move::Down));
    }
    insta::assert_snapshot!("help_end_60x16", run.draw(60, 16).backend());
}

#[test]
fn live_and_sandbox_headers() {
    let mut live = Run::on(numpick::api::Backend::Live);
    live.wizard.set_endpoint("https://api.staging.example");
    let text = live.draw(80, 24).backend().to_string();
    assert!(text.contains(" LIVE · Acme Telecom "), "{text}");
    assert!(!text.contains("SANDBOX"), "{text}");
    snap_sizes!("header_live", live);
    snap_sizes!("header_sandbox", Run::new());
}

#[test]
fn the_group_table_keeps_prefix_and_location_at_every_size() {
    let run = at_groups();
    snap_sizes!("groups", run);
    let mut german = Run::new();
    german.type_text("germany").act(Action::Choose);
    german.answer(Ok(german_cities())).act(Action::Choose);
    german.answer(Ok(german_groups())).act(Action::Choose);
    let narrow = german.draw(60, 16).backend().to_string();
    for kept in ["+49 30", "+49 89", "Berlin", "München", "sharedcost"] {
        assert!(narrow.contains(kept), "{kept} at 60×16:\n{narrow}");
    }
    snap_sizes!("groups_de", german);
}

fn german_cities() -> numpick::protocol::Answer {
    numpick::protocol::Answer::Cities(listing(vec![decode(serde_json::json!(
        {"id": 1, "city_name": "Berlin"}
    ))]))
}

fn german_groups() -> numpick::protocol::Answer {
    let group = |id: &str, prefix: &str, location: &str, kind: &str, monthly: &str| {
        decode(serde_json::json!({
            "id": id, "prefix": prefix, "location": location, "type": kind,
            "price": {"setup_price": "1.00", "monthly_price": monthly, "ppm": "0.02"},
            "features": ["voice", "sms_in", "sms_out", "whatsapp_business"],
            "requirements": [{"id": "de-identity", "type": "identity"},
                             {"id": "de-local-address", "type": "address",
                              "address": {"scope": "local_network_area"}}],
            "allow_number_selection": kind == "local", "is_eligible_for_free_number": true
        }))
    };
    numpick::protocol::Answer::Groups(listing(vec![
        group("de-1", "+49 30", "Berlin", "local", "3.50"),
        group("de-2", "+49 89", "München", "local", "4.00"),
        group("de-3", "+49 180", "Germany", "sharedcost", "12.00"),
    ]))
}

#[test]
fn review_says_how_long_a_reservation_is_held_once_the_server_told() {
    let run = at_review(Vec::new());
    let before = run.draw(80, 24).backend().to_string();
    assert!(before.contains("held for a while · 1 credit"), "{before}");
    let mut run = at_reserved();
    // Another number than the one reserved, whose Enter would open its reservation.
    run.act(Action::Back).down(1).act(Action::Choose);
    let after = run.draw(80, 24).backend().to_string();
    assert!(after.contains("held for 10 minutes · 1 credit"), "{after}");
}
