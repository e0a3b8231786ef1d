//! What the operator reads and takes away: the copied checklist, the opening country.

use super::*;

#[test]
fn d_on_review_copies_the_checklist_once_as_text() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![group("abc-123", true)]);
    let [numbers, requirements] = <[Command; 2]>::try_from(h.update(Action::Choose)).unwrap();
    h.answer_to(
        &numbers,
        Answer::Numbers(listing(vec![number("+12135551234")])),
    );
    assert_eq!(h.update(Action::Choose), vec![], "fetched with the numbers");
    let identity = json!({"id": "x-identity", "type": "identity",
                          "documents": ["passport"], "fields": ["full_name"]});
    h.answer_to(
        &requirements,
        Answer::Requirements(vec![identity.clone(), identity]),
    );
    assert!(
        h.update(Action::CopyChecklist).is_empty(),
        "copying asks the API nothing"
    );
    let text = h.wizard.take_clipboard().expect("the checklist is waiting");
    assert_eq!(
        text,
        "Requirements for +1 213-555-1234 (local, Los Angeles):\n\
         1. ID\n   - Accepted: passport.\n   - Provide: full name.\n"
    );
    assert_eq!(h.wizard.take_clipboard(), None, "sent once");
}

#[test]
fn nothing_is_copied_where_no_documents_are_needed() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    h.update(Action::CopyChecklist);
    assert_eq!(h.wizard.take_clipboard(), None);
}

#[test]
fn the_closing_summary_names_what_was_bought_and_what_is_still_reserved() {
    let mut h = Run::unstarted();
    assert!(h.wizard.closing_summary().is_empty(), "nothing to say");
    h.wizard.set_journal_path("/state/journal.jsonl");
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    assert_eq!(
        h.wizard.closing_summary(),
        ["reserved +1 213-555-1234 · until 10:10 UTC · USD 3.50/month"]
    );
    h.update(Action::Buy);
    let purchase = only(h.update(Action::Confirm));
    let receipt = crate::api::model::Receipt {
        body: json!({"success": true, "purchased": ["+12135551234"], "failed": []}),
    };
    let number = "+12135551234".to_owned();
    h.answer_to(&purchase, Answer::Purchased { number, receipt });
    assert_eq!(
        h.wizard.closing_summary(),
        ["bought +1 213-555-1234 · USD 3.50/month · recorded in /state/journal.jsonl"]
    );
}

fn priced(id: &str, monthly: Option<&str>, features: &[&str]) -> Group {
    let mut group = group(id, true);
    group.price.monthly = match monthly {
        Some(text) => crate::api::model::Price::Known(text.parse().unwrap()),
        None => crate::api::model::Price::Unknown,
    };
    group.features = features.iter().map(|f| (*f).to_owned()).collect();
    group
}

fn shown_ids(h: &Run) -> Vec<String> {
    let picker = h.wizard.lists.groups.load.loaded().unwrap();
    (picker.visible().iter())
        .map(|&i| picker.items()[i].id.to_string())
        .collect()
}

#[test]
fn tab_sorts_the_groups_by_monthly_price_and_back() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![
        priced("dear", Some("9.00"), &[]),
        priced("unknown", None, &[]),
        priced("cheap", Some("1.50"), &[]),
    ]);
    h.update(Action::Move(Move::Down));
    assert!(h.update(Action::ToggleOrder).is_empty());
    assert_eq!(shown_ids(&h), ["cheap", "dear", "unknown"]);
    let picker = h.wizard.lists.groups.load.loaded().unwrap();
    assert_eq!(
        picker.selected().unwrap().id.as_str(),
        "unknown",
        "the cursor stays on its group"
    );
    h.update(Action::ToggleOrder);
    assert_eq!(shown_ids(&h), ["dear", "unknown", "cheap"]);
}

#[test]
fn a_feature_typed_in_the_group_box_filters_by_it() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![
        priced("voice-only", Some("1.00"), &["voice"]),
        priced("business", Some("1.00"), &["voice", "whatsapp_business"]),
        priced("texts", Some("1.00"), &["voice", "sms_in", "sms_out"]),
    ]);
    h.type_text("sms");
    assert_eq!(shown_ids(&h), ["texts"]);
    h.update(Action::Edit(InputRequest::DeleteLine));
    h.type_text("whatsapp");
    assert_eq!(shown_ids(&h), ["business"]);
}

fn highlighted_country(h: &Run) -> &'static str {
    h.wizard.lists.countries.selected().unwrap().code
}

#[test]
fn the_wizard_opens_on_the_default_country_with_recent_ones_first() {
    let mut h = Run::unstarted();
    h.wizard
        .open_on(&["FR".to_owned(), "DE".to_owned()], Some("gb"));
    assert_eq!(highlighted_country(&h), "GB");
    let first: Vec<&str> = (h.wizard.lists.countries.visible().iter().take(3))
        .map(|&i| h.wizard.lists.countries.items()[i].code)
        .collect();
    assert_eq!(first, ["FR", "DE", "AF"], "recent first, then by name");
    let mut h = Run::unstarted();
    h.wizard.open_on(&["DE".to_owned()], None);
    assert_eq!(highlighted_country(&h), "DE", "the last one used");
}

#[test]
fn common_names_find_the_right_country() {
    for (typed, code) in [
        ("uk", "GB"),
        ("england", "GB"),
        ("usa", "US"),
        ("holland", "NL"),
    ] {
        let mut h = Run::unstarted();
        h.type_text(typed);
        assert_eq!(highlighted_country(&h), code, "{typed}");
    }
}
