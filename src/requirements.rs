//! Regulatory requirements as a plain checklist an operator can read out to a customer.
//!
//! The API sends requirements as objects whose fields vary by country. [`Checklist`] turns
//! whatever arrives into sentences — the description, the accepted documents, whose identity,
//! how local the address must be, the fields to provide, restriction notes — and puts the
//! fields it does not know on a "details" line, so nothing is lost. The requirements of the
//! country and type and the group's own are listed once each ([`Checklist::add`]), and
//! [`Checklist::summary`] names them in one line: "needs: ID + proof of a local address".

use serde_json::{Map, Value};

use crate::api::model::flatten_fields;
use crate::countries;

/// One requirement, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Requirement {
    /// What it asks for, short: `ID`, `proof of a local address`, `tax ID`.
    pub title: String,
    /// Plain sentences, in the order an operator needs them.
    pub(crate) sentences: Vec<String>,
    /// The fields numpick does not know, as `key: value`.
    pub details: Vec<String>,
}

/// The requirements of a number, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Checklist {
    items: Vec<Requirement>,
    /// What each item was recognised by: its `id`, else its whole text.
    seen: Vec<String>,
}

impl Checklist {
    /// The checklist of `values`, duplicates dropped.
    pub(crate) fn of(values: &[Value]) -> Self {
        let mut list = Self::default();
        list.add(values);
        list
    }

    /// Adds the requirements of `values` that are not listed yet (the same `id`, or the
    /// same object when there is no id).
    pub(crate) fn add(&mut self, values: &[Value]) {
        for value in values {
            let identity = match value.get("id").and_then(Value::as_str) {
                Some(id) => format!("id:{id}"),
                None => value.to_string(),
            };
            if !self.seen.contains(&identity) {
                self.seen.push(identity);
                self.items.push(describe(value));
            }
        }
    }

    /// The requirements, in the order they came.
    pub(crate) fn items(&self) -> &[Requirement] {
        &self.items
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// `needs: ID + proof of a local address`, or `no documents needed`.
    pub(crate) fn summary(&self) -> String {
        if self.items.is_empty() {
            return "no documents needed".to_owned();
        }
        let mut titles: Vec<&str> = Vec::new();
        for item in &self.items {
            if !titles.contains(&item.title.as_str()) {
                titles.push(&item.title);
            }
        }
        format!("needs: {}", titles.join(" + "))
    }

    /// The whole checklist as plain text, to send to a customer.
    pub(crate) fn to_text(&self) -> String {
        let mut text = String::new();
        for (n, item) in self.items.iter().enumerate() {
            text.push_str(&format!("{}. {}\n", n + 1, capitalised(&item.title)));
            for sentence in &item.sentences {
                text.push_str(&format!("   - {sentence}\n"));
            }
            if !item.details.is_empty() {
                text.push_str(&format!("   - details: {}\n", item.details.join("; ")));
            }
        }
        text
    }
}

/// `proof of address` → `Proof of address`.
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The fields read into sentences; any other goes to the details.
const KNOWN: [&str; 13] = [
    "id",
    "type",
    "identity_type",
    "description",
    "documents",
    "proof",
    "proof_types",
    "accepted_documents",
    "address",
    "fields",
    "max_document_age_days",
    "notes",
    "restrictions",
];

/// The fields of an address read into sentences.
const ADDRESS_KNOWN: [&str; 4] = ["scope", "country", "fields", "po_box_allowed"];

/// `key: value` for each field of `map` not in `known`, flattened, keys after `prefix`.
fn unknown_fields(map: &Map<String, Value>, known: &[&str], prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (key, inner) in map.iter().filter(|(key, _)| !known.contains(&key.as_str())) {
        let flat = Value::Object(Map::from_iter([(format!("{prefix}{key}"), inner.clone())]));
        for (path, text) in flatten_fields(&flat) {
            out.push(format!("{path}: {text}"));
        }
    }
    out
}

/// One requirement object in words; anything that is not an object is its own sentence.
fn describe(value: &Value) -> Requirement {
    let Value::Object(map) = value else {
        return Requirement {
            title: "a requirement".to_owned(),
            sentences: vec![plain(value)],
            details: Vec::new(),
        };
    };
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::trim);
    let address = map.get("address").and_then(Value::as_object);
    let scope = address.and_then(|a| a.get("scope")).and_then(Value::as_str);
    let kind = text("type").unwrap_or_default();
    let mut sentences = Vec::new();
    if let Some(description) = text("description").filter(|d| !d.is_empty()) {
        sentences.push(description.to_owned());
    }
    for key in ["documents", "accepted_documents", "proof", "proof_types"] {
        if let Some(list) = map.get(key).map(words).filter(|l| !l.is_empty()) {
            sentences.push(format!("Accepted: {list}."));
        }
    }
    if let Some(who) = identity_type(map, kind) {
        sentences.push(who);
    }
    if let Some(address) = address {
        sentences.extend(address_sentences(address));
    }
    if let Some(fields) = map.get("fields").map(field_list).filter(|f| !f.is_empty()) {
        sentences.push(format!("Provide: {fields}."));
    }
    if let Some(days) = map.get("max_document_age_days").and_then(Value::as_u64) {
        sentences.push(format!("Documents no older than {days} days."));
    }
    for key in ["notes", "restrictions"] {
        if let Some(note) = map.get(key).map(words).filter(|n| !n.is_empty()) {
            sentences.push(format!("Note: {note}."));
        }
    }
    let mut details = unknown_fields(map, &KNOWN, "");
    if let Some(address) = address {
        details.extend(unknown_fields(address, &ADDRESS_KNOWN, "address."));
    }
    Requirement {
        title: title(kind, scope),
        sentences,
        details,
    }
}

/// What a requirement asks for, short, from its type and how local its address must be.
fn title(kind: &str, scope: Option<&str>) -> String {
    match (kind, scope) {
        ("address", Some(scope)) if scope != "country" => "proof of a local address".to_owned(),
        ("address", _) => "proof of address".to_owned(),
        ("identity", _) => "ID".to_owned(),
        ("business_registration" | "business", _) => "business registration".to_owned(),
        ("tax_id", _) => "tax ID".to_owned(),
        ("", _) => "a requirement".to_owned(),
        (other, _) => other.replace('_', " "),
    }
}

/// Whose identity: the field `identity_type` when the API gives it, else what the type says.
fn identity_type(map: &Map<String, Value>, kind: &str) -> Option<String> {
    match map.get("identity_type").and_then(Value::as_str) {
        Some("personal" | "individual") => Some("Identity of a person.".to_owned()),
        Some("business" | "company") => Some("Identity of a business.".to_owned()),
        Some(other) => Some(format!("Identity: {}.", other.replace('_', " "))),
        None if kind == "business_registration" => Some("For a business.".to_owned()),
        None => None,
    }
}

/// How local the address must be, and what it is made of.
fn address_sentences(address: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    let country = address
        .get("country")
        .and_then(Value::as_str)
        .map(|code| countries::by_code(code).map_or(code.to_owned(), |c| c.name.to_owned()));
    let place = match address.get("scope").and_then(Value::as_str) {
        Some("country") | None => country.map(|name| format!("in {name}")),
        Some(scope) => {
            let area = scope.replace('_', " ");
            Some(match country {
                Some(name) => format!("inside the number's {area} ({name})"),
                None => format!("inside the number's {area}"),
            })
        }
    };
    if let Some(place) = place {
        out.push(format!("The address must be {place}."));
    }
    if let Some(fields) = address
        .get("fields")
        .map(field_list)
        .filter(|f| !f.is_empty())
    {
        out.push(format!("Address: {fields}."));
    }
    if address.get("po_box_allowed").and_then(Value::as_bool) == Some(false) {
        out.push("No PO boxes.".to_owned());
    }
    out
}

/// `first name, last name`; `siret (14 characters)`; `document number (DNI/NIE/CIF)`.
fn field_list(value: &Value) -> String {
    let one = |item: &Value| match item {
        Value::Object(field) => {
            let name = field
                .get("name")
                .map_or_else(|| plain(item), |n| plain(n).replace('_', " "));
            let mut notes = Vec::new();
            if let Some(length) = field.get("length").and_then(Value::as_u64) {
                notes.push(format!("{length} characters"));
            }
            if let Some(format) = field.get("format").and_then(Value::as_str) {
                notes.push(format.to_owned());
            }
            if notes.is_empty() {
                name
            } else {
                format!("{name} ({})", notes.join(", "))
            }
        }
        other => plain(other).replace('_', " "),
    };
    match value {
        Value::Array(items) => items.iter().map(one).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .filter(|(_, wanted)| wanted.as_bool() != Some(false))
            .map(|(name, _)| name.replace('_', " "))
            .collect::<Vec<_>>()
            .join(", "),
        other => one(other),
    }
}

/// A list of names in words: `identity card, passport`.
fn words(value: &Value) -> String {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|item| plain(item).replace('_', " "))
            .collect::<Vec<_>>()
            .join(", "),
        other => plain(other).replace('_', " "),
    }
}

/// A scalar as text; anything else flattened to `key: value` pairs.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.trim().to_owned(),
        Value::Null => String::new(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        _ => flatten_fields(value)
            .into_iter()
            .map(|(key, text)| {
                if key.is_empty() {
                    text
                } else {
                    format!("{key}: {text}")
                }
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

#[cfg(test)]
mod tests;
