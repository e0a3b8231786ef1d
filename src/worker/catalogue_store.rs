//! The catalogue on disk: regions, cities and DID types, kept for a day in the state folder,
//! keyed by the API's address, so that the next session asks for them again only when they
//! may have changed; and the countries that address refused, so that the next session's
//! country list marks them. Numbers, reservations, purchases and account info are never kept
//! here.
//!
//! The file is one JSON object: `{"<base url>": {"<call>": {"saved_at": <unix secs>,
//! "items": [...]}}}`. A file that cannot be read or parsed is treated as empty (the answers
//! are asked for again); one that cannot be written costs credits next time, nothing else.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::api::model::Listing;

use crate::protocol::{Answer, Call};

/// How long a stored catalogue answer is trusted.
pub(crate) const CATALOGUE_TTL: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    saved_at: u64,
    items: Value,
}

type File = BTreeMap<String, BTreeMap<String, Entry>>;

/// The stored catalogue answers of one API address.
#[derive(Debug, Clone)]
pub struct CatalogueStore {
    path: PathBuf,
    base_url: String,
}

impl CatalogueStore {
    pub fn new(path: PathBuf, base_url: &str) -> Self {
        Self {
            path,
            base_url: base_url.trim_end_matches('/').to_owned(),
        }
    }

    /// The store in the state folder, if one is known.
    pub(crate) fn in_state_folder(base_url: &str) -> Option<Self> {
        let dir = crate::folders::state_dir()?;
        Some(Self::new(dir.join("catalogue-cache.json"), base_url))
    }

    /// The stored answer to `call`, when it is a catalogue call stored less than a day
    /// before `now`.
    pub fn load(&self, call: &Call, now: SystemTime) -> Option<Answer> {
        let key = key(call)?;
        let file = read(&self.path);
        let entry = file.get(&self.base_url)?.get(&key)?;
        let age = seconds(now).checked_sub(entry.saved_at)?;
        if age >= CATALOGUE_TTL.as_secs() {
            return None;
        }
        let items = entry.items.as_array()?;
        let listing = |answer: fn(&[Value]) -> Answer| Some(answer(items));
        match call {
            Call::Regions { .. } => listing(|v| Answer::Regions(Listing::from_values(v))),
            Call::Cities { .. } => listing(|v| Answer::Cities(Listing::from_values(v))),
            Call::DidTypes => listing(|v| Answer::DidTypes(Listing::from_values(v))),
            _ => None,
        }
    }

    /// Stores `answer` to `call` when it is a complete catalogue answer.
    pub(crate) fn save(&self, call: &Call, answer: &Answer, now: SystemTime) {
        let Some(key) = key(call) else { return };
        let items = match answer {
            Answer::Regions(l) if l.skipped == 0 => serde_json::to_value(&l.items),
            Answer::Cities(l) if l.skipped == 0 => serde_json::to_value(&l.items),
            Answer::DidTypes(l) if l.skipped == 0 => serde_json::to_value(&l.items),
            _ => return,
        };
        let Ok(items) = items else { return };
        let mut file = read(&self.path);
        let entry = Entry {
            saved_at: seconds(now),
            items,
        };
        file.entry(self.base_url.clone())
            .or_default()
            .insert(key, entry);
        write(&self.path, &file);
    }

    /// The countries this address refused (HTTP 400 to their catalogue or group search)
    /// less than a day before `now`, so that the country list marks them.
    pub fn refused_countries(&self, now: SystemTime) -> Vec<String> {
        let file = read(&self.path);
        let Some(entries) = file.get(&self.base_url) else {
            return Vec::new();
        };
        let now = seconds(now);
        entries
            .iter()
            .filter_map(|(key, entry)| {
                let code = key.strip_prefix(REFUSED)?;
                let young = now.saturating_sub(entry.saved_at) < CATALOGUE_TTL.as_secs();
                young.then(|| code.to_owned())
            })
            .collect()
    }

    /// Remembers that this address refused `country` at `now`.
    pub(crate) fn remember_refused(&self, country: &str, now: SystemTime) {
        let mut file = read(&self.path);
        let entry = Entry {
            saved_at: seconds(now),
            items: Value::Array(Vec::new()),
        };
        file.entry(self.base_url.clone())
            .or_default()
            .insert(format!("{REFUSED}{country}"), entry);
        write(&self.path, &file);
    }

    /// Forgets a refusal of `country`, once the address answered for it after all.
    pub(crate) fn forget_refused(&self, country: &str) {
        let mut file = read(&self.path);
        let removed = file
            .get_mut(&self.base_url)
            .and_then(|entries| entries.remove(&format!("{REFUSED}{country}")));
        if removed.is_some() {
            write(&self.path, &file);
        }
    }

    /// Keeps what `result` tells of `call`'s country: refused when the API answered HTTP 400,
    /// served when it answered at all.
    pub(crate) fn note_country(&self, call: &Call, result: &Result<Answer, crate::api::ApiError>) {
        let Some(country) = call.country() else {
            return;
        };
        match result {
            Err(error) if error.is_refusal() => {
                self.remember_refused(country.as_str(), SystemTime::now());
            }
            Ok(_) => self.forget_refused(country.as_str()),
            Err(_) => {}
        }
    }

    /// Forgets every stored answer of this address (F5 in the wizard).
    pub(crate) fn forget(&self) {
        let mut file = read(&self.path);
        if file.remove(&self.base_url).is_some() {
            write(&self.path, &file);
        }
    }
}

/// The start of the names refusals are stored under: `refused/DE`.
const REFUSED: &str = "refused/";

/// The name a catalogue call is stored under; `None` for calls never stored on disk.
fn key(call: &Call) -> Option<String> {
    match call {
        Call::Regions { country } => Some(format!("regions/{country}")),
        Call::Cities { country, region } => Some(match region {
            Some(region) => format!("cities/{country}/{region}"),
            None => format!("cities/{country}"),
        }),
        Call::DidTypes => Some("did-types".to_owned()),
        _ => None,
    }
}

fn seconds(moment: SystemTime) -> u64 {
    moment.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn read(path: &Path) -> File {
    let Ok(text) = std::fs::read_to_string(path) else {
        return File::new();
    };
    serde_json::from_str(&text).unwrap_or_else(|error| {
        tracing::warn!(%error, "the catalogue cache could not be read; asking again");
        File::new()
    })
}

/// Writes the whole file afresh, readable by its owner only, through a temporary file so
/// that a crash never leaves half a file.
fn write(path: &Path, file: &File) {
    let result = (|| -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        crate::private_files::create_private_dir(dir)?;
        let mut temp = tempfile::NamedTempFile::new_in(dir)?;
        temp.write_all(&serde_json::to_vec(file).map_err(std::io::Error::other)?)?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    if let Err(error) = result {
        tracing::warn!(%error, path = %path.display(), "the catalogue cache could not be written");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::model::CountryCode;

    fn regions() -> Answer {
        let items = [json!({"id": 100, "region_name": "California"})];
        Answer::Regions(Listing::from_values(&items))
    }

    #[test]
    fn catalogue_answers_last_a_day_per_address() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("catalogue-cache.json");
        let store = CatalogueStore::new(path.clone(), "https://api.example/");
        let call = Call::Regions {
            country: CountryCode::parse("US").unwrap(),
        };
        let t0 = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(store.load(&call, t0), None);
        store.save(&call, &regions(), t0);
        assert_eq!(
            store.load(&call, t0 + Duration::from_secs(3600)),
            Some(regions())
        );
        assert_eq!(store.load(&call, t0 + CATALOGUE_TTL), None, "a day old");
        let other = CatalogueStore::new(path.clone(), "https://other.example");
        assert_eq!(other.load(&call, t0), None, "another address");
        store.forget();
        assert_eq!(store.load(&call, t0), None);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "private: {mode:o}");
    }

    #[test]
    fn refused_countries_are_kept_a_day_per_address_until_answered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("catalogue-cache.json");
        let store = CatalogueStore::new(path.clone(), "https://api.example");
        let t0 = UNIX_EPOCH + Duration::from_secs(1_000_000);
        store.save(
            &Call::Regions {
                country: CountryCode::parse("US").unwrap(),
            },
            &regions(),
            t0,
        );
        assert!(store.refused_countries(t0).is_empty());
        store.remember_refused("AF", t0);
        store.remember_refused("AX", t0);
        let again = CatalogueStore::new(path.clone(), "https://api.example/");
        assert_eq!(
            again.refused_countries(t0),
            ["AF", "AX"],
            "the next session"
        );
        let other = CatalogueStore::new(path.clone(), "https://other.example");
        assert!(other.refused_countries(t0).is_empty(), "another address");
        assert!(
            store.refused_countries(t0 + CATALOGUE_TTL).is_empty(),
            "a day old"
        );
        store.forget_refused("AX");
        assert_eq!(store.refused_countries(t0), ["AF"]);
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "private: {mode:o}");
    }

    #[test]
    fn numbers_are_never_stored() {
        let dir = tempfile::tempdir().unwrap();
        let store = CatalogueStore::new(dir.path().join("c.json"), "https://api.example");
        let call = Call::Numbers {
            group: crate::api::model::GroupId::new("g"),
            contains: None,
        };
        store.save(
            &call,
            &Answer::Numbers(Listing::default()),
            SystemTime::now(),
        );
        assert!(!dir.path().join("c.json").exists());
    }
}
