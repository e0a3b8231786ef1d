//! The checklist read from the shapes the API sends.

use super::*;
use serde_json::json;

fn german() -> Vec<Value> {
    vec![
        json!({"id": "de-identity", "type": "identity",
               "description": "Copy of a valid identity card or passport",
               "fields": ["first_name", "last_name", "date_of_birth"],
               "documents": ["identity_card", "passport"]}),
        json!({"id": "de-local-address", "type": "address",
               "description": "Proof of an address inside the local network area",
               "address": {"scope": "local_network_area", "country": "DE",
                           "fields": ["street", "postal_code"]},
               "documents": ["utility_bill"], "max_document_age_days": 90}),
    ]
}

#[test]
fn fields_become_sentences_and_no_internal_key_is_shown() {
    let list = Checklist::of(&german());
    let id = &list.items()[0];
    assert_eq!(id.title, "ID");
    assert_eq!(
        id.sentences,
        [
            "Copy of a valid identity card or passport",
            "Accepted: identity card, passport.",
            "Provide: first name, last name, date of birth.",
        ]
    );
    let address = &list.items()[1];
    assert_eq!(address.title, "proof of a local address");
    assert!(address.sentences.contains(
        &"The address must be inside the number's local network area (Germany).".to_owned()
    ));
    assert!(
        address
            .sentences
            .contains(&"Address: street, postal code.".to_owned())
    );
    assert!(
        address
            .sentences
            .contains(&"Documents no older than 90 days.".to_owned())
    );
    let text = list.to_text();
    for internal in [
        "de-identity",
        "address.scope",
        "local_network_area",
        "fields.1",
    ] {
        assert!(!text.contains(internal), "{internal} in {text}");
    }
}

#[test]
fn the_country_and_the_group_requirements_are_listed_once() {
    let mut list = Checklist::of(&german());
    list.add(&german());
    list.add(&[json!({"type": "tax_id", "fields": [{"name": "cpf", "length": 11}]})]);
    list.add(&[json!({"type": "tax_id", "fields": [{"name": "cpf", "length": 11}]})]);
    assert_eq!(list.items().len(), 3);
    assert_eq!(list.items()[2].sentences, ["Provide: cpf (11 characters)."]);
    assert_eq!(
        list.summary(),
        "needs: ID + proof of a local address + tax ID"
    );
    assert_eq!(Checklist::default().summary(), "no documents needed");
}

#[test]
fn unknown_fields_go_to_the_details_and_identity_type_is_said() {
    let list = Checklist::of(&[json!({
        "type": "identity", "identity_type": "business",
        "notes": "no virtual offices", "portal": {"url": "https://x"}, "weird": [1, 2],
        "address": {"city": "Berlin"}
    })]);
    let item = &list.items()[0];
    assert!(
        item.sentences
            .contains(&"Identity of a business.".to_owned())
    );
    assert!(
        item.sentences
            .contains(&"Note: no virtual offices.".to_owned())
    );
    assert_eq!(
        item.details,
        [
            "portal.url: https://x",
            "weird: 1, 2",
            "address.city: Berlin"
        ]
    );
    let odd = Checklist::of(&[json!("a plain string")]);
    assert_eq!(odd.items()[0].sentences, ["a plain string"]);
}
