//! Making text from the network safe to show in a terminal.
//!
//! The API's messages are shown to the operator verbatim, but a message is text a remote party
//! chose: an escape sequence in it could move the cursor, recolour the screen or retitle the
//! window, a bidirectional override could reorder what is shown, and zero-width or piled-up
//! combining characters could make the columns drawn differ from the ones laid out.
//! [`sanitize_text`] keeps the words and drops everything a terminal would act on. It is the
//! one sanitiser: the models run their texts through it as they are decoded, and the
//! renderer's `clean` uses it for anything else that reaches the screen.
//!
//! Text is also put in Unicode normal form C ([`composed`]): `e` + a combining acute becomes
//! `é`, and Hangul jamo become syllables, so the columns the layout counts are the ones the
//! terminal draws, and a sequence some terminals draw apart never leaves a stray glyph behind.

/// Strips control characters from `text`: ANSI/VT escape sequences (CSI, OSC, DCS and the
/// two-character forms, whether introduced by ESC or by their C1 byte), the remaining C0 and
/// C1 controls, DEL, and the bidirectional overrides that reorder what is shown. Line breaks
/// and tabs become single spaces; the result is trimmed.
pub(crate) fn sanitize_text(text: &str) -> String {
    let stripped = strip_controls(text);
    // Composed after the controls are gone (a mark after `ESC [ 31 m` would otherwise turn its
    // final `m` into `ḿ`); the cap on marks is applied again, as composing can reorder them.
    let mut out = String::with_capacity(stripped.len());
    for c in composed(&stripped).chars() {
        push_visible(&mut out, c);
    }
    out
}

/// `text` in Unicode normal form C (canonical composition).
pub(crate) fn composed(text: &str) -> std::borrow::Cow<'_, str> {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// [`sanitize_text`] before composition: sequences and controls removed, marks capped.
fn strip_controls(text: &str) -> String {
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
            c if c.is_control() || is_invisible_format(c) => {}
            c => push_visible(&mut out, c),
        }
    }
    out.trim().to_owned()
}

/// The most combining marks kept on one character: enough for any script, while a pile of
/// them ("zalgo" text) would spill over neighbouring rows and leave glyphs behind.
const MAX_MARKS: usize = 3;

/// Appends `c` unless it is a combining mark (a zero-width character) with nothing to
/// combine with — at the start, or after a space — or one too many on the same character.
/// A mark that stands alone would be drawn over whatever the terminal shows there, and the
/// layout, which gives it no width, would not clear it.
pub(crate) fn push_visible(out: &mut String, c: char) {
    use unicode_width::UnicodeWidthChar;
    if c.width() != Some(0) {
        out.push(c);
        return;
    }
    let marks = out
        .chars()
        .rev()
        .take_while(|m| m.width() == Some(0))
        .count();
    let base = out.chars().rev().nth(marks);
    if base.is_some_and(|b| !b.is_whitespace()) && marks < MAX_MARKS {
        out.push(c);
    }
}

/// Characters that change how text is ordered or joined without showing anything: the
/// bidirectional controls (embeddings, overrides, isolates, marks), and the zero-width space,
/// joiners, word joiner and byte-order mark, which make the columns a terminal draws differ
/// from the ones the layout counted.
pub(crate) fn is_invisible_format(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{180e}'
        )
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
    fn zero_width_and_stray_combining_characters_are_removed() {
        // Zero-width space, joiners, BOM and a right-to-left override.
        assert_eq!(
            sanitize_text("Ber\u{200b}lin\u{feff} \u{202e}cba\u{200d}"),
            "Berlin cba"
        );
        // A mark on a letter stays, composed with it (é as e + U+0301 becomes U+00E9); a mark
        // with nothing under it goes.
        assert_eq!(sanitize_text("Cafe\u{301}"), "Caf\u{e9}");
        assert_eq!(sanitize_text("\u{301}x \u{301}y"), "x y");
        // A pile of marks is cut to a few (the first composed with its letter).
        let zalgo = format!("a{}", "\u{301}".repeat(40));
        assert_eq!(sanitize_text(&zalgo), "\u{e1}\u{301}\u{301}");
    }

    #[test]
    fn combining_sequences_are_composed_so_widths_are_right() {
        use unicode_width::UnicodeWidthStr;
        // Hangul jamo (leading, vowel, trailing) are one syllable, two columns wide.
        let jamo = "\u{1100}\u{1161}\u{11a8}";
        assert_eq!(sanitize_text(jamo), "\u{ac01}");
        assert_eq!(sanitize_text(jamo).width(), 2);
        // Already composed text is unchanged; marks with no composed form stay on their letter.
        assert_eq!(sanitize_text("Zürich, São Paulo"), "Zürich, São Paulo");
        assert_eq!(sanitize_text("q\u{301}"), "q\u{301}");
        // A mark after an escape sequence is not composed into the sequence's final byte.
        assert_eq!(sanitize_text("a\u{1b}[31m\u{301}ok"), "\u{e1}ok");
    }

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
