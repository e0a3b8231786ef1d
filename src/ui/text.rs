//! Small text helpers: cleaning text that came from the API, fitting text into columns, and
//! showing durations and times.

use std::borrow::Cow;

use jiff::Timestamp;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` as the one sanitiser leaves it ([`sanitize_text`]): without escape sequences,
/// control characters, bidi overrides, zero-width characters or stray combining marks, so
/// that the columns drawn are the columns laid out. API text was already sanitised when it
/// was decoded; this covers what reaches the screen from elsewhere (ids, the operator's own
/// typing, test data), and borrows when there is nothing to take out.
///
/// [`sanitize_text`]: crate::api::sanitize_text
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    use crate::api::sanitize::is_invisible_format;
    let unsafe_char = |c: char| c.is_control() || is_invisible_format(c) || c.width() == Some(0);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(crate::api::sanitize_text(text))
}

/// `text` cut to `width` columns, ending in `…` when it was cut.
pub(crate) fn fit(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

pub(crate) use crate::countdown::{mmss, seconds_left};

/// A moment as `YYYY-MM-DD HH:MM:SS UTC`.
pub(crate) fn utc(moment: Timestamp) -> String {
    moment.strftime("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// The wall-clock time (UTC) at which a monotonic `deadline` falls, as `HH:MM UTC`.
pub(crate) fn clock_at(wizard: &crate::wizard::Wizard, deadline: std::time::Instant) -> String {
    let left = deadline.saturating_duration_since(wizard.now);
    let at = jiff::SignedDuration::try_from(left)
        .ok()
        .and_then(|left| wizard.now_utc.checked_add(left).ok())
        .unwrap_or(wizard.now_utc);
    at.strftime("%H:%M UTC").to_string()
}

/// A feature list shortened for a table column: `sms wa wab`. Voice is left out when
/// there is more, since every group has it.
pub(crate) fn short_features(features: &[String]) -> String {
    let has = |name: &str| features.iter().any(|f| f.eq_ignore_ascii_case(name));
    let only_voice = features.iter().all(|f| f.eq_ignore_ascii_case("voice"));
    // SMS in and out together read as one word; either alone keeps its direction.
    let mut sms = match (has("sms_in"), has("sms_out")) {
        (true, true) => Some("sms"),
        (true, false) => Some("sms-in"),
        (false, true) => Some("sms-out"),
        (false, false) => None,
    };
    let mut shown: Vec<Cow<'_, str>> = Vec::new();
    for feature in features {
        let short: Cow<'_, str> = match feature.to_ascii_lowercase().as_str() {
            "sms_in" | "sms_out" => match sms.take() {
                Some(word) => Cow::Borrowed(word),
                None => continue,
            },
            "voice" if !only_voice => continue,
            // Two different things: WhatsApp on a mobile number, and WhatsApp Business.
            "whatsapp_business" => Cow::Borrowed("wab"),
            "whatsapp" => Cow::Borrowed("wa"),
            _ => clean(feature),
        };
        shown.push(short);
    }
    shown.join(" ")
}

/// A feature in words, for the Review screen: `WhatsApp Business`, `SMS in`.
pub(crate) fn feature_name(feature: &str) -> Cow<'_, str> {
    match feature.to_ascii_lowercase().as_str() {
        "voice" => Cow::Borrowed("voice"),
        "sms_in" => Cow::Borrowed("SMS in"),
        "sms_out" => Cow::Borrowed("SMS out"),
        "whatsapp" => Cow::Borrowed("WhatsApp (mobile)"),
        "whatsapp_business" => Cow::Borrowed("WhatsApp Business"),
        _ => clean(feature),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn escape_sequences_go_whole_and_control_characters_go() {
        // The sequence goes whole: no `[2J` residue is left on screen.
        assert_eq!(clean("Los\x1b[2JAngeles\n"), "LosAngeles");
        assert_eq!(clean("ACTIVE \x1b[31m"), "ACTIVE");
        assert!(matches!(clean("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn bidi_overrides_zero_width_and_stray_marks_never_reach_the_terminal() {
        assert_eq!(clean("\u{202e}Berlin\u{202c}"), "Berlin");
        assert_eq!(clean("Ber\u{200b}lin"), "Berlin");
        // A mark on a letter is composed with it (NFC): ã is one character.
        assert_eq!(clean("\u{301}\u{301}Sa\u{303}o Paulo"), "S\u{e3}o Paulo");
        // What is laid out is what is drawn: a cleaned text's width is its columns.
        let hostile = format!("x{}y", "\u{301}".repeat(20));
        assert_eq!(clean(&hostile).chars().count(), 1 + 3 + 1);
    }

    #[test]
    fn fitting_cuts_with_an_ellipsis() {
        assert_eq!(fit("Los Angeles", 20), "Los Angeles");
        assert_eq!(fit("Los Angeles", 6), "Los A…");
        assert_eq!(fit("Los Angeles", 1), "…");
        assert_eq!(fit("Los Angeles", 0), "");
    }

    #[test]
    fn countdowns_round_up() {
        assert_eq!(mmss(Duration::from_secs(599)), "09:59");
        assert_eq!(mmss(Duration::from_millis(8_001)), "00:09");
        assert_eq!(mmss(Duration::ZERO), "00:00");
        assert_eq!(mmss(Duration::from_secs(3_725)), "1:02:05");
    }

    #[test]
    fn features_are_shortened() {
        let features = ["voice", "sms_in", "sms_out", "whatsapp_business"].map(String::from);
        assert_eq!(short_features(&features), "sms wab");
        assert_eq!(short_features(&["sms_out".to_owned()]), "sms-out");
        assert_eq!(short_features(&["voice".to_owned()]), "voice");
        let mobile = ["voice", "whatsapp", "whatsapp_business"].map(String::from);
        assert_eq!(short_features(&mobile), "wa wab");
        assert_eq!(feature_name("whatsapp"), "WhatsApp (mobile)");
        assert_eq!(feature_name("whatsapp_business"), "WhatsApp Business");
    }
}
