//! The terminal's tests: the clipboard, the title, alerts, the mouse and Ctrl-Z.

use super::*;

#[test]
fn the_clipboard_sequence_is_osc_52_base64() {
    assert_eq!(osc52("ID + passport"), "\x1b]52;c;SUQgKyBwYXNzcG9ydA==\x07");
}

#[test]
fn the_title_is_written_when_it_changes_and_restored_from_the_stack() {
    let mut title = Title::default();
    let mut out = Vec::new();
    title
        .show(&mut out, Some("numpick ⏳ 00:45 · +1 213".into()))
        .unwrap();
    assert_eq!(
        String::from_utf8(out.clone()).unwrap(),
        "\x1b]0;numpick ⏳ 00:45 · +1 213\x07"
    );
    out.clear();
    title
        .show(&mut out, Some("numpick ⏳ 00:45 · +1 213".into()))
        .unwrap();
    assert!(out.is_empty(), "unchanged: nothing written");
    title.show(&mut out, None).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "\x1b]0;\x07\x1b[23;0t\x1b[22;0t",
        "emptied, then the saved title restored and saved again"
    );
}

#[test]
fn control_characters_never_reach_a_title_or_a_notification() {
    assert_eq!(set_title("a\x07b\x1b]0;c"), "\x1b]0;ab]0;c\x07");
    assert_eq!(desktop_notification("x\x1by"), "\x1b]9;xy\x07");
}

#[test]
fn an_alert_rings_once_and_notifies_when_asked() {
    let mut out = Vec::new();
    alert(&mut out, "+1 213: expires in 00:59", true);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "\x07\x1b]9;+1 213: expires in 00:59\x07"
    );
    let mut out = Vec::new();
    alert(&mut out, "+1 213: expires in 00:59", false);
    assert_eq!(out, b"\x07");
}

#[test]
fn giving_back_restores_the_title_and_turns_the_mouse_off() {
    let mut out = Vec::new();
    leave(&mut out, true).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("\x1b[?1000l"), "mouse capture off");
    let emptied = text.find("\x1b]0;\x07").expect("title emptied");
    let popped = text.find(POP_TITLE).expect("title popped");
    assert!(emptied < popped);
    assert!(text.contains("\x1b[?2004l"), "bracketed paste off");
    let mut out = Vec::new();
    leave(&mut out, false).unwrap();
    assert!(!String::from_utf8(out).unwrap().contains("\x1b[?1000"));
}

#[test]
fn taking_saves_the_title_and_captures_the_mouse_only_when_asked() {
    let mut out = Vec::new();
    enter(&mut out, true).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(PUSH_TITLE) && text.contains("\x1b[?1000h"));
    let mut out = Vec::new();
    enter(&mut out, false).unwrap();
    assert!(!String::from_utf8(out).unwrap().contains("\x1b[?1000h"));
}

#[test]
fn only_a_pressed_ctrl_z_suspends() {
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert!(is_suspend_key(&ctrl_z));
    assert!(!is_suspend_key(&KeyEvent::new(
        KeyCode::Char('z'),
        KeyModifiers::NONE
    )));
    let mut released = ctrl_z;
    released.kind = KeyEventKind::Release;
    assert!(!is_suspend_key(&released));
}
