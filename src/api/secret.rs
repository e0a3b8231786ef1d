//! The API key on the wire and in what comes back.
//!
//! The key lives in one [`SecretString`] (zeroed when dropped) and in one header value whose
//! bytes are zeroed when the last request holding it is gone. Any copy of the key a server
//! sends back is replaced by [`REDACTED`] before the answer reaches anyone.

use std::borrow::Cow;

use bytes::Bytes;
use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

/// What stands in for the key in server text.
pub(crate) const REDACTED: &str = "[redacted]";

/// The `X-User-API-Key` value for `key` (trimmed), marked sensitive so that it is left out of
/// `Debug` output. Its bytes are owned by a zeroizing buffer, so no copy outlives the client.
/// `None` when the key holds characters a header cannot carry.
pub(crate) fn header_value(key: &SecretString) -> Option<HeaderValue> {
    let bytes = Zeroizing::new(key.expose_secret().trim().as_bytes().to_vec());
    // `from_maybe_shared` keeps a `Bytes` as it is (no copy), so the zeroizing buffer stays
    // the only storage of the header.
    let mut value = HeaderValue::from_maybe_shared(Bytes::from_owner(bytes)).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// `text` with every copy of `key` replaced by [`REDACTED`]: as sent, and as it reads inside
/// a JSON string (where `"`, `\` and `/` may be escaped). Borrowed when there is none, which
/// is the usual case, so clean answers are not copied.
pub(crate) fn redact<'a>(text: &'a str, key: &str) -> Cow<'a, str> {
    let key = key.trim();
    if key.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut text = Cow::Borrowed(text);
    if text.contains(key) {
        text = Cow::Owned(text.replace(key, REDACTED));
    }
    if key.contains(['"', '\\', '/']) {
        for escaped in json_escapings(key) {
            if text.contains(escaped.as_str()) {
                text = Cow::Owned(text.replace(escaped.as_str(), REDACTED));
            }
        }
    }
    text
}

/// The ways a JSON encoder writes `key` inside a string: `"` and `\` always escaped, `/`
/// escaped or not. Zeroed when dropped, as they are copies of the key.
fn json_escapings(key: &str) -> [Zeroizing<String>; 2] {
    let escape = |slash: bool| {
        let mut out = Zeroizing::new(String::with_capacity(key.len() * 2));
        for c in key.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '/' if slash => out.push_str("\\/"),
                c => out.push(c),
            }
        }
        out
    };
    [escape(false), escape(true)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_carries_the_trimmed_key_and_hides_it_from_debug() {
        let value = header_value(&SecretString::from(" sk-123 ".to_owned())).expect("sendable");
        assert_eq!(value.as_bytes(), b"sk-123");
        assert!(value.is_sensitive());
        assert!(!format!("{value:?}").contains("sk-123"));
        assert!(header_value(&SecretString::from("bad\nkey".to_owned())).is_none());
    }

    #[test]
    fn every_copy_of_the_key_is_redacted() {
        let key = "sk-LEAK-42";
        assert_eq!(
            redact(r#"{"note":"sk-LEAK-42 and sk-LEAK-42"}"#, key),
            r#"{"note":"[redacted] and [redacted]"}"#
        );
        assert!(matches!(redact("nothing here", key), Cow::Borrowed(_)));
        assert_eq!(redact("x", "  "), "x");
    }

    #[test]
    fn a_key_escaped_inside_json_is_redacted_too() {
        let key = r#"a/b"c\d"#;
        let body = serde_json::json!({ "echo": key }).to_string();
        let redacted = redact(&body, key);
        assert!(
            !serde_json::from_str::<serde_json::Value>(&redacted).unwrap()["echo"]
                .as_str()
                .unwrap()
                .contains("a/b")
        );
        assert_eq!(
            redact(r#"{"echo":"a\/b\"c\\d"}"#, key),
            r#"{"echo":"[redacted]"}"#
        );
    }
}
