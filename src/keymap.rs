//! Keys become intents here, and only here.
//!
//! The same key means different things on different screens (`b` types a letter into a search
//! box but buys on the Review step), so the mapping takes the wizard's [`InputMode`].
//!
//! Pasted text never comes here: it arrives as one paste event (bracketed paste) and is text,
//! never keys ([`crate::wizard::Wizard::paste`]), so a pasted `by` cannot buy.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::InputRequest;

use crate::wizard::{Action, InputMode, Move};

/// The action a key press stands for, or `None` for keys that do nothing here. Key releases
/// and repeats are ignored: only presses act (a held key must not buy twice).
pub(crate) fn action_for(key: KeyEvent, mode: InputMode) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl {
        return match key.code {
            KeyCode::Char('c') => Some(Action::Quit),
            KeyCode::Char('r') => Some(Action::Reservations),
            KeyCode::Char('o') => Some(Action::OwnedNumbers),
            // Not Ctrl-H: many terminals send it for Backspace.
            KeyCode::Char('t') => Some(Action::History),
            KeyCode::Char('x') => Some(Action::Release),
            KeyCode::Char('k') => Some(Action::Basket),
            KeyCode::Char('y') => Some(Action::Copy),
            KeyCode::Char('e') => Some(Action::ShowCommand),
            KeyCode::Char('u') => Some(Action::Edit(InputRequest::DeleteLine)),
            KeyCode::Char('w') | KeyCode::Backspace => {
                Some(Action::Edit(InputRequest::DeletePrevWord))
            }
            _ => None,
        };
    }
    if mode == InputMode::Help {
        // ↑↓ scroll the help; any other key closes it.
        return match common(key.code) {
            Some(Action::Move(step)) => Some(Action::Move(step)),
            _ => Some(Action::Back),
        };
    }
    if let Some(action) = common(key.code) {
        return Some(action);
    }
    match (mode, key.code) {
        (InputMode::Confirm, KeyCode::Char('y' | 'Y')) => Some(Action::Confirm),
        (InputMode::Confirm, KeyCode::Char('n' | 'N')) => Some(Action::Decline),
        (InputMode::Confirm, _) => None,
        (InputMode::QuitGuard, KeyCode::Char('k' | 'K')) => Some(Action::KeepAndQuit),
        (InputMode::QuitGuard, KeyCode::Char('c' | 'C')) => Some(Action::Cancel),
        (InputMode::QuitGuard, KeyCode::Char('s' | 'S' | 'n' | 'N')) => Some(Action::Decline),
        (InputMode::QuitGuard, _) => None,
        (InputMode::Search { empty: true }, KeyCode::Char('?')) => Some(Action::Help),
        (InputMode::Search { .. }, code) => search_edit(code).map(Action::Edit),
        (InputMode::Numbers, KeyCode::Char(' ')) => Some(Action::Mark),
        (InputMode::Numbers, code) => search_edit(code).map(Action::Edit),
        (InputMode::Commands, KeyCode::Char(c)) => command_letter(c),
        (InputMode::Commands | InputMode::Help, _) => None,
    }
}

/// Keys that mean the same on every screen.
fn common(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Up => Action::Move(Move::Up),
        KeyCode::Down => Action::Move(Move::Down),
        KeyCode::PageUp => Action::Move(Move::PageUp),
        KeyCode::PageDown => Action::Move(Move::PageDown),
        KeyCode::Home => Action::Move(Move::First),
        KeyCode::End => Action::Move(Move::Last),
        KeyCode::Enter => Action::Choose,
        KeyCode::Esc => Action::Back,
        KeyCode::F(1) => Action::Help,
        KeyCode::F(5) => Action::Retry,
        KeyCode::Tab => Action::ToggleOrder,
        _ => return None,
    })
}

/// Keys that edit a search box.
fn search_edit(code: KeyCode) -> Option<InputRequest> {
    Some(match code {
        KeyCode::Char(c) => InputRequest::InsertChar(c),
        KeyCode::Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        KeyCode::Left => InputRequest::GoToPrevChar,
        KeyCode::Right => InputRequest::GoToNextChar,
        _ => return None,
    })
}

/// Letters on screens without a search box.
fn command_letter(c: char) -> Option<Action> {
    Some(match c {
        'r' => Action::Reserve,
        'b' => Action::Buy,
        'c' => Action::Cancel,
        'd' => Action::CopyChecklist,
        ' ' => Action::Mark,
        'e' => Action::EditReference,
        'q' => Action::Quit,
        '?' => Action::Help,
        'k' => Action::Move(Move::Up),
        'j' => Action::Move(Move::Down),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_type_in_search_boxes_and_command_elsewhere() {
        let search = InputMode::Search { empty: false };
        assert_eq!(
            action_for(press(KeyCode::Char('b')), search),
            Some(Action::Edit(InputRequest::InsertChar('b')))
        );
        assert_eq!(
            action_for(press(KeyCode::Char('b')), InputMode::Commands),
            Some(Action::Buy)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('?')), InputMode::Search { empty: true }),
            Some(Action::Help)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('?')), search),
            Some(Action::Edit(InputRequest::InsertChar('?')))
        );
    }

    #[test]
    fn space_marks_on_number_lists_and_types_in_other_boxes() {
        let space = press(KeyCode::Char(' '));
        assert_eq!(action_for(space, InputMode::Numbers), Some(Action::Mark));
        assert_eq!(action_for(space, InputMode::Commands), Some(Action::Mark));
        assert_eq!(
            action_for(space, InputMode::Search { empty: false }),
            Some(Action::Edit(InputRequest::InsertChar(' ')))
        );
        assert_eq!(
            action_for(press(KeyCode::Char('?')), InputMode::Numbers),
            Some(Action::Edit(InputRequest::InsertChar('?'))),
            "a wildcard in the vanity box"
        );
        let ctrl_k = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert_eq!(action_for(ctrl_k, InputMode::Numbers), Some(Action::Basket));
    }

    #[test]
    fn only_y_confirms_and_enter_never_buys() {
        assert_eq!(
            action_for(press(KeyCode::Char('y')), InputMode::Confirm),
            Some(Action::Confirm)
        );
        assert_eq!(
            action_for(press(KeyCode::Enter), InputMode::Confirm),
            Some(Action::Choose)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('b')), InputMode::Confirm),
            None
        );
    }

    #[test]
    fn releases_and_repeats_do_nothing() {
        let mut release = press(KeyCode::Char('y'));
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(release, InputMode::Confirm), None);
        let mut repeat = press(KeyCode::Char('y'));
        repeat.kind = KeyEventKind::Repeat;
        assert_eq!(action_for(repeat, InputMode::Confirm), None);
    }

    #[test]
    fn control_keys_work_everywhere() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        for mode in [
            InputMode::Commands,
            InputMode::Confirm,
            InputMode::Search { empty: false },
        ] {
            assert_eq!(action_for(ctrl('c'), mode), Some(Action::Quit));
            assert_eq!(action_for(ctrl('r'), mode), Some(Action::Reservations));
            assert_eq!(action_for(ctrl('t'), mode), Some(Action::History));
            assert_eq!(action_for(ctrl('y'), mode), Some(Action::Copy));
            assert_eq!(action_for(ctrl('e'), mode), Some(Action::ShowCommand));
        }
    }
}
