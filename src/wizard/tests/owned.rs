//! "My numbers" (Ctrl-O): the account's numbers listed and searched, and a release that asks
//! for the number's last four digits, sends one request naming the number's id, and is never
//! started by a paste.

use tui_input::InputRequest;

use super::*;
use crate::api::model::OwnedNumber;
use crate::outcome::{AccountNumbers, Released};
use crate::protocol::{Answer, Call};
use crate::wizard::Action;

fn owned(number: &str, uuid: &str, status: &str) -> OwnedNumber {
    serde_json::from_value(serde_json::json!({
        "uuid": uuid, "phone_number": number, "status_text": status,
        "provider_type": "local", "friendly_name": "Support line"
    }))
    .unwrap()
}

/// Opens "My numbers" with two numbers listed.
fn opened() -> Run {
    let mut h = Run::unstarted();
    let list = only(h.update(Action::OwnedNumbers));
    assert_eq!(call(&list), &Call::OwnedNumbers);
    let all = AccountNumbers {
        numbers: vec![
            owned("+12135551234", "DID-a", "ACTIVE"),
            owned("+4930123456", "DID-b", "ACTIVE"),
        ],
        unreadable: 0,
    };
    h.answer_to(&list, Answer::OwnedNumbers(all));
    h
}

#[test]
fn the_numbers_are_listed_and_searched() {
    let mut h = opened();
    let view = h.wizard.chrome.owned.as_ref().unwrap();
    assert_eq!(view.list.items().len(), 2);
    assert!(h.type_text("4930").asked().is_empty());
    let view = h.wizard.chrome.owned.as_ref().unwrap();
    let selected = view.list.selected().unwrap();
    assert_eq!(selected.phone_number, "+4930123456");
    // Esc clears the box, then closes.
    h.update(Action::Back);
    assert_eq!(
        h.wizard.chrome.owned.as_ref().unwrap().list.visible().len(),
        2
    );
    h.update(Action::Back);
    assert!(h.wizard.chrome.owned.is_none());
}

#[test]
fn a_release_needs_the_last_four_digits_and_sends_one_request() {
    let mut h = opened();
    assert!(h.update(Action::Release).is_empty(), "Ctrl-X only asks");
    assert!(h.wizard.chrome.owned.as_ref().unwrap().release.is_some());
    // Wrong digits, then Enter: nothing is sent.
    assert!(h.type_text("9999").asked().is_empty());
    assert!(h.update(Action::Choose).is_empty());
    assert!(h.wizard.notice().unwrap().text.contains("last four digits"));
    // A paste cannot type them.
    assert!(h.wizard.paste("1234").is_empty());
    assert_eq!(
        h.wizard
            .chrome
            .owned
            .as_ref()
            .unwrap()
            .release
            .as_ref()
            .unwrap()
            .typed,
        "9999"
    );
    h.update(Action::Edit(InputRequest::DeleteLine));
    assert!(h.type_text("1234").asked().is_empty());
    let release = only(h.update(Action::Choose));
    assert_eq!(
        call(&release),
        &Call::Release {
            uuid: "DID-a".to_owned(),
            number: "+12135551234".to_owned()
        }
    );
    assert!(
        h.update(Action::Choose).is_empty(),
        "the confirmation is closed"
    );
    assert!(h.update(Action::Release).is_empty());
    h.type_text("1234");
    assert!(
        h.update(Action::Choose).is_empty(),
        "one release at a time: nothing more is sent while one is awaited"
    );
    let reload = h.answer_to(&release, Answer::Released(Released::Done));
    assert_eq!(
        call(&only(reload)),
        &Call::OwnedNumbers,
        "the list is read again"
    );
    assert!(
        h.wizard
            .notice()
            .unwrap()
            .text
            .contains("pending cancellation")
    );
}

#[test]
fn a_number_already_on_its_way_out_is_not_offered_for_release() {
    let mut h = Run::unstarted();
    let list = only(h.update(Action::OwnedNumbers));
    let all = AccountNumbers {
        numbers: vec![owned("+12135551234", "DID-a", "PENDING_CANCELLATION")],
        unreadable: 0,
    };
    h.answer_to(&list, Answer::OwnedNumbers(all));
    assert!(h.update(Action::Release).is_empty());
    assert!(h.wizard.chrome.owned.as_ref().unwrap().release.is_none());
}
