//! The ISO 3166-1 alpha-2 countries, with common English short names.
//!
//! The table lives in `assets/countries.tsv` (one `CODE<TAB>Name<TAB>Dial` per line, the
//! dialling code empty for places that have none) and is compiled into the binary, so the
//! country picker works offline, before any API call, and without waiting for
//! libphonenumber's metadata to be read (a tenth of a second, on the first screen's path);
//! a test holds the dialling codes to that metadata.

use std::sync::LazyLock;

/// One country: its ISO 3166-1 alpha-2 code (upper case) and its common English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Country {
    pub code: &'static str,
    pub name: &'static str,
    /// The international dialling code (`1` for the US, `44` for GB); `None` for places
    /// without one (Antarctica, Bouvet Island).
    pub dial: Option<u16>,
}

const COUNTRIES_TSV: &str = include_str!("../assets/countries.tsv");

/// Parsed once on first use; sorted by name for display.
static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    let mut countries: Vec<Country> = COUNTRIES_TSV
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut fields = line.split('\t').map(str::trim);
            let (Some(code), Some(name)) = (fields.next(), fields.next()) else {
                panic!("assets/countries.tsv: no tab in line {line:?}");
            };
            let dial = fields.next().filter(|dial| !dial.is_empty()).map(|dial| {
                dial.parse()
                    .unwrap_or_else(|_| panic!("assets/countries.tsv: bad dial in {line:?}"))
            });
            Country { code, name, dial }
        })
        .collect();
    countries.sort_by_cached_key(|country| sort_key(country.name));
    countries
});

/// Orders names the way a reader expects: accents folded ("Åland" sits with the A's) and
/// punctuation ignored ("U.S. Virgin Islands" sits with "Uruguay"), which a plain byte
/// comparison gets wrong.
fn sort_key(name: &str) -> String {
    name.chars()
        .map(nucleo_matcher::chars::normalize)
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every country, sorted by name.
pub(crate) fn all() -> &'static [Country] {
    &COUNTRIES
}

/// The country with this alpha-2 code, in any case (`"us"`, `"US"`).
pub(crate) fn by_code(code: &str) -> Option<&'static Country> {
    let code = code.trim();
    all()
        .iter()
        .find(|country| country.code.eq_ignore_ascii_case(code))
}

/// Other names people type for a country (`uk`, `usa`, `england`), matched as exactly as its
/// own name.
pub(crate) fn aliases(code: &str) -> &'static [&'static str] {
    match code {
        "GB" => &[
            "uk",
            "england",
            "scotland",
            "wales",
            "northern ireland",
            "great britain",
            "britain",
        ],
        "US" => &["usa", "america", "united states of america"],
        "AE" => &["uae", "emirates", "dubai"],
        "NL" => &["holland"],
        "DE" => &["deutschland"],
        "CH" => &["schweiz", "suisse"],
        "ES" => &["espana"],
        "KR" => &["korea", "south korea"],
        "CZ" => &["czechia"],
        "RU" => &["russia"],
        _ => &[],
    }
}

/// Every country, those in `recent` first in that order, then the rest by name.
pub(crate) fn recent_first(recent: &[String]) -> Vec<&'static Country> {
    let mut out: Vec<&'static Country> = recent.iter().filter_map(|code| by_code(code)).collect();
    out.dedup();
    let seen: Vec<&str> = out.iter().map(|c| c.code).collect();
    out.extend(all().iter().filter(|c| !seen.contains(&c.code)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_iso_country_is_listed_once() {
        assert!(all().len() >= 249, "only {} countries", all().len());
        let codes: HashSet<&str> = all().iter().map(|c| c.code).collect();
        assert_eq!(codes.len(), all().len(), "duplicate codes");
        for country in all() {
            assert_eq!(country.code.len(), 2, "{country:?}");
            assert!(
                country.code.bytes().all(|b| b.is_ascii_uppercase()),
                "{country:?}"
            );
            assert!(!country.name.is_empty(), "{country:?}");
        }
    }

    #[test]
    fn dialling_codes_are_libphonenumbers() {
        for country in all() {
            let metadata = phonenumber::metadata::DATABASE
                .by_id(country.code)
                .map(phonenumber::Metadata::country_code);
            assert_eq!(country.dial, metadata, "{country:?}");
        }
        let dial = |code| by_code(code).and_then(|c| c.dial);
        assert_eq!(dial("US"), Some(1));
        assert_eq!(dial("gb"), Some(44));
        assert_eq!(dial("AQ"), None);
        assert_eq!(dial("XX"), None);
    }

    #[test]
    fn well_known_countries_have_their_names() {
        let name = |code| by_code(code).map(|c| c.name);
        assert_eq!(name("US"), Some("United States"));
        assert_eq!(name("GB"), Some("United Kingdom"));
        assert_eq!(name("DE"), Some("Germany"));
        assert_eq!(name("BR"), Some("Brazil"));
        assert_eq!(name("CI"), Some("Côte d'Ivoire"));
        assert_eq!(name("ST"), Some("São Tomé and Príncipe"));
        assert_eq!(name("AX"), Some("Åland Islands"));
    }

    #[test]
    fn by_code_ignores_case_and_rejects_unknown_codes() {
        assert_eq!(by_code("us").map(|c| c.code), Some("US"));
        assert_eq!(by_code(" gb ").map(|c| c.code), Some("GB"));
        assert_eq!(by_code("XX"), None);
        assert_eq!(by_code(""), None);
    }

    #[test]
    fn sorted_by_name_with_accents_folded() {
        let names: Vec<&str> = all().iter().map(|c| c.name).collect();
        assert_eq!(names[0], "Afghanistan");
        assert_eq!(names[1], "Åland Islands");
        assert_eq!(names.last(), Some(&"Zimbabwe"));
        let keys: Vec<String> = names.iter().map(|n| sort_key(n)).collect();
        assert!(keys.windows(2).all(|pair| pair[0] <= pair[1]));
    }
}
