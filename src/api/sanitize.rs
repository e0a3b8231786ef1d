//! Making text from the network safe to show in a terminal.
//!
//! The API's messages are shown to the operator verbatim, but a message is text a remote party
//! chose: an escape sequence in it could move the cursor, recolour the screen or retitle the
//! window. [`sanitize_text`] keeps the words and drops everything a terminal would act on.

/// Strips control characters from `text`: ANSI/VT escape sequences (CSI, OSC, DCS and the
/// two-character forms, whether introduced by ESC or by their C1 byte), the remaining C0 and
/// C1 controls, DEL, and the bidirectional overrides that reorder what is shown. Line breaks
/// and tabs become single spaces; the result is trimmed.
pub fn sanitize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                Some('[') => skip_csi(&mut chars),
                Some(']' | 'P' | 'X' | '^' | '_') => skip_string(&mut chars),
                // Two-character sequences (ESC c, ESC 7, …): the second character goes too.
                Some(_) | None => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' | '\r' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// Skips the parameters and the final byte of a control sequence (`ESC [ 31 m`).
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// Skips a control string (OSC, DCS, …) up to its terminator: BEL, ST (`ESC \`) or the C1 ST.
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

/// The Unicode controls that reorder text (embeddings, overrides, isolates).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

#[cfg(test)]
mod tests {
    use super::sanitize_text;

    #[test]
    fn colour_and_cursor_sequences_are_removed() {
        assert_eq!(
            sanitize_text("\u{1b}[31mGroup\u{1b}[0m sold out\u{1b}[2J\u{1b}[H"),
            "Group sold out"
        );
        assert_eq!(sanitize_text("a\u{9b}1;2Hb"), "ab");
    }

    #[test]
    fn title_strings_and_other_controls_are_removed() {
        assert_eq!(
            sanitize_text("\u{1b}]0;pwned\u{7}ok\u{1b}]2;x\u{1b}\\ done"),
            "ok done"
        );
        assert_eq!(sanitize_text("bell\u{7}\u{0}\u{7f}\u{85}!"), "bell!");
        assert_eq!(sanitize_text("\u{1b}Pq#0\u{1b}\\text"), "text");
        assert_eq!(sanitize_text("\u{1b}cReset"), "Reset");
    }

    #[test]
    fn line_breaks_become_spaces_and_words_survive() {
        assert_eq!(sanitize_text("  Número\r\n\tinválido  "), "Número inválido");
        assert_eq!(sanitize_text("abc\u{202e}def"), "abcdef");
        assert_eq!(sanitize_text("unterminated \u{1b}["), "unterminated");
        assert_eq!(sanitize_text(""), "");
    }
}
