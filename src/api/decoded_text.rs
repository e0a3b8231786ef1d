//! API text made safe as it is decoded, so that no screen, log line, JSON document or table
//! downstream ever holds an escape sequence, a bidi override or a zero-width character the
//! server sent. Every text field of the models is read through one of these (serde's
//! `deserialize_with`), and whole bodies kept as JSON trees through [`tree`]; all of them use
//! the one sanitiser, [`sanitize_text`].

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::sanitize::sanitize_text;

/// A text field.
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    String::deserialize(deserializer).map(|text| sanitize_text(&text))
}

/// A text field that may be missing or `null`.
pub(crate) fn optional<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Option::<String>::deserialize(deserializer).map(|text| text.map(|t| sanitize_text(&t)))
}

/// A list of texts; `null` reads as an empty list.
pub(crate) fn list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let texts = Option::<Vec<String>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(texts.iter().map(|t| sanitize_text(t)).collect())
}

/// A list of JSON values whose shape varies (requirements); `null` reads as an empty list.
/// Every text in them, keys included, is sanitised.
pub(crate) fn values<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Value>, D::Error> {
    let values = Option::<Vec<Value>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(values.into_iter().map(tree).collect())
}

/// `value` with every text in it, keys included, sanitised.
pub(crate) fn tree(value: Value) -> Value {
    match value {
        Value::String(text) => Value::String(sanitize_text(&text)),
        Value::Array(items) => Value::Array(items.into_iter().map(tree).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(key, value)| (sanitize_text(&key), tree(value)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn every_text_of_a_tree_is_sanitised_keys_included() {
        let hostile = json!({
            "\u{1b}]0;owned\u{7}message": "Purchased \u{1b}[31m",
            "list": ["a\u{202e}b", 3, null, {"deep": "x\u{200b}y"}],
        });
        assert_eq!(
            tree(hostile),
            json!({"message": "Purchased", "list": ["ab", 3, null, {"deep": "xy"}]})
        );
    }
}
