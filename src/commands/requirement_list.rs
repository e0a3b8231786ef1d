//! `requirements COUNTRY` as a checklist in words, each requirement with the types of number
//! it applies to: without `--type`, the requirements of each type are asked for (one credit
//! per type) so that none is listed twice and each says where it applies.

use serde::Serialize;
use serde_json::Value;

use crate::api::Client;
use crate::api::model::{CountryCode, DidType};
use crate::requirements::{Checklist, capitalised};

use super::exit::Failure;

/// One requirement in words and the types it applies to.
#[derive(Debug, Serialize)]
pub(super) struct Item {
    pub title: String,
    pub(crate) sentences: Vec<String>,
    pub details: Vec<String>,
    /// The types of number it applies to.
    pub types: Vec<String>,
}

/// The requirements of `country` for each of `types`, each once, with where it applies;
/// and every requirement object as the API sent it, each once.
pub(super) async fn by_type(
    client: &Client,
    country: &CountryCode,
    types: &[DidType],
) -> Result<(Vec<Item>, Vec<Value>), Failure> {
    let mut seen: Vec<(String, Value)> = Vec::new();
    let mut applies: Vec<Vec<String>> = Vec::new();
    for did_type in types {
        let requirements = client.requirements(country, Some(&did_type.id)).await?;
        for value in requirements {
            let identity = identity_of(&value);
            let at = match seen.iter().position(|(id, _)| *id == identity) {
                Some(at) => at,
                None => {
                    seen.push((identity, value));
                    applies.push(Vec::new());
                    seen.len() - 1
                }
            };
            applies[at].push(did_type.name.to_string());
        }
    }
    let values: Vec<Value> = seen.into_iter().map(|(_, value)| value).collect();
    let items = items(&values, applies);
    Ok((items, values))
}

/// The items of `values`, the types each applies to beside it.
pub(super) fn items(values: &[Value], types: Vec<Vec<String>>) -> Vec<Item> {
    (values.iter().zip(types))
        .map(|(value, types)| {
            let checklist = Checklist::of(std::slice::from_ref(value));
            let item = checklist.items().first().cloned();
            let item = item.unwrap_or_else(|| crate::requirements::Requirement {
                title: "a requirement".to_owned(),
                sentences: Vec::new(),
                details: Vec::new(),
            });
            Item {
                title: item.title,
                sentences: item.sentences,
                details: item.details,
                types,
            }
        })
        .collect()
}

/// What a requirement is recognised by: its `id`, else its whole text.
fn identity_of(value: &Value) -> String {
    match value.get("id").and_then(Value::as_str) {
        Some(id) => format!("id:{id}"),
        None => value.to_string(),
    }
}

/// The checklist as text: `1. ID — for local, mobile`, then its sentences.
pub(super) fn text(items: &[Item]) -> String {
    let mut out = String::new();
    for (n, item) in items.iter().enumerate() {
        let types = if item.types.is_empty() {
            String::new()
        } else {
            format!(" — for {}", item.types.join(", "))
        };
        out.push_str(&format!("{}. {}{types}\n", n + 1, capitalised(&item.title)));
        for sentence in &item.sentences {
            out.push_str(&format!("   - {sentence}\n"));
        }
        if !item.details.is_empty() {
            out.push_str(&format!("   - details: {}\n", item.details.join("; ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_requirement_says_which_types_it_applies_to() {
        let values = [
            json!({"id": "de-identity", "type": "identity", "documents": ["passport"]}),
            json!({"id": "de-address", "type": "address", "address": {"scope": "country", "country": "DE"}}),
        ];
        let types = vec![
            vec!["local".to_owned(), "mobile".to_owned()],
            vec!["mobile".to_owned()],
        ];
        assert_eq!(
            text(&items(&values, types)),
            "1. ID — for local, mobile\n   - Accepted: passport.\n\
             2. Proof of address — for mobile\n   - The address must be in Germany.\n"
        );
    }
}
