//! Names or ids on the command line: a country as its ISO code or its name (`DE`, `Germany`,
//! `uk`), and a region, city or type of number as its id or its name (`--region California`,
//! `--city "Los Angeles"`, `--type local`).
//!
//! Names are resolved with the wizard's own matcher ([`crate::search::Filter`]), so case and
//! accents are ignored, by one rule for all of them:
//! 1. a text equal to an id (for a country, its two-letter code) is that id;
//! 2. else a name equal to the text, case and accents aside, is chosen;
//! 3. else the one name that contains the text (the matcher ranks them);
//! 4. several such names are ambiguous: exit 2, listing them with their ids, so that the
//!    command can be repeated with the id.
//!
//! A country's name costs nothing (the names are in the binary); a region's, city's or type's
//! name costs one listing request (none while the live API's listing is kept on disk, see
//! [`super::catalogue`]), and an id none.

use crate::api::Client;
use crate::api::model::{CityId, CountryCode, DidType, DidTypeName, RegionId};
use crate::countries;
use crate::search::{Filter, name_contains, same_name};

use super::exit::Failure;

/// How many candidates an error lists before "…".
const LISTED: usize = 10;

/// Common names for countries whose ISO code is not what people type.
const COUNTRY_ALIASES: [(&str, &str); 4] = [
    ("uk", "GB"),
    ("usa", "US"),
    ("britain", "GB"),
    ("great britain", "GB"),
];

/// One thing a text may name: its id and its name.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// The index of the candidate `text` names, by the rule of this module. `what` names the
/// option in errors (`"--region"`), `among` the list searched (`"the regions of US"`).
pub fn choose(
    what: &str,
    among: &str,
    text: &str,
    candidates: &[Candidate<'_>],
) -> Result<usize, Failure> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Failure::usage(format!("{what} is empty")));
    }
    if let Some(index) = candidates
        .iter()
        .position(|c| c.id.eq_ignore_ascii_case(text))
    {
        return Ok(index);
    }
    if let Some(index) = candidates.iter().position(|c| same_name(c.name, text)) {
        return Ok(index);
    }
    // The matcher ranks; only names that contain the text are taken, since a fuzzy match
    // alone ("atlantis" in a long name) is a guess, and a wrong place is worse than a question.
    let ranked = Filter::new().rank(text, candidates.len(), |i| [candidates[i].name]);
    let containing: Vec<usize> = (ranked.iter().copied())
        .filter(|&i| name_contains(candidates[i].name, text))
        .collect();
    match (containing.as_slice(), ranked.is_empty()) {
        ([only], _) => Ok(*only),
        ([], true) => Err(Failure::usage(format!(
            "{what} {text:?}: nothing of that name among {among}{}",
            listing(candidates, 0..candidates.len(), " (known: ", ")")
        ))),
        ([], false) => Err(Failure::usage(format!(
            "{what} {text:?}: nothing of that name among {among}{}",
            listing(candidates, ranked.iter().copied(), " (did you mean: ", ")")
        ))),
        (several, _) => Err(Failure::usage(format!(
            "{what} {text:?} is ambiguous among {among}{}; give the id or more of the name",
            listing(candidates, several.iter().copied(), ": ", "")
        ))),
    }
}

/// `: Name (id), Name (id), …`, or nothing when there are no candidates.
fn listing(
    candidates: &[Candidate<'_>],
    indices: impl IntoIterator<Item = usize>,
    open: &str,
    close: &str,
) -> String {
    let indices: Vec<usize> = indices.into_iter().collect();
    if indices.is_empty() {
        return String::new();
    }
    let mut shown: Vec<String> = (indices.iter().take(LISTED))
        .map(|&i| format!("{} ({})", candidates[i].name, candidates[i].id))
        .collect();
    if indices.len() > LISTED {
        shown.push(format!("… {} more", indices.len() - LISTED));
    }
    format!("{open}{}{close}", shown.join(", "))
}

/// A country, as its ISO code (any case), a common alias (`uk`) or its name.
pub fn country(text: &str) -> Result<CountryCode, Failure> {
    let trimmed = text.trim();
    let alias = COUNTRY_ALIASES
        .iter()
        .find(|(alias, _)| same_name(alias, trimmed))
        .map(|(_, code)| *code);
    if let Some(code) = alias.and_then(CountryCode::parse) {
        return Ok(code);
    }
    // Two letters are a code, even one missing from the table: the API has the last word.
    if trimmed.len() == 2
        && trimmed.bytes().all(|b| b.is_ascii_alphabetic())
        && let Some(code) = CountryCode::parse(trimmed)
    {
        return Ok(code);
    }
    let all = countries::all();
    let candidates: Vec<Candidate<'_>> = (all.iter())
        .map(|c| Candidate {
            id: c.code,
            name: c.name,
        })
        .collect();
    let index = choose("the country", "the countries", trimmed, &candidates)?;
    CountryCode::parse(all[index].code)
        .ok_or_else(|| Failure::other(format!("{:?} is not a country code", all[index].code)))
}

/// Whether `text` is an id as the API writes them: digits only.
fn is_numeric_id(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A region of `country`, by id (no request) or by name (one request).
pub async fn region(
    client: &Client,
    country: &CountryCode,
    text: &str,
) -> Result<RegionId, Failure> {
    let text = text.trim();
    if is_numeric_id(text) {
        return Ok(RegionId::new(text));
    }
    let regions = super::catalogue::regions(client, country).await?.items;
    let candidates: Vec<Candidate<'_>> = (regions.iter())
        .map(|r| Candidate {
            id: r.id.as_str(),
            name: &r.name,
        })
        .collect();
    let among = format!("the regions of {country}");
    let index = choose("--region", &among, text, &candidates)?;
    Ok(regions[index].id.clone())
}

/// A city of `country` (of `region`, when given), by id (no request) or by name (one request).
pub async fn city(
    client: &Client,
    country: &CountryCode,
    region: Option<&RegionId>,
    text: &str,
) -> Result<CityId, Failure> {
    let text = text.trim();
    if is_numeric_id(text) {
        return Ok(CityId::new(text));
    }
    let cities = super::catalogue::cities(client, country, region)
        .await?
        .items;
    let candidates: Vec<Candidate<'_>> = (cities.iter())
        .map(|c| Candidate {
            id: c.id.as_str(),
            name: &c.name,
        })
        .collect();
    let among = match region {
        Some(region) => format!("the cities of {country}, region {region}"),
        None => format!("the cities of {country}"),
    };
    let index = choose("--city", &among, text, &candidates)?;
    Ok(cities[index].id.clone())
}

/// A type of number, by id or name (one request: the types listing).
pub async fn did_type(client: &Client, text: &str) -> Result<DidType, Failure> {
    let types = super::catalogue::did_types(client).await?.items;
    let candidates: Vec<Candidate<'_>> = (types.iter())
        .map(|t| Candidate {
            id: t.id.as_str(),
            name: t.name.as_str(),
        })
        .collect();
    let index = choose("--type", "the types of number", text, &candidates)?;
    Ok(types[index].clone())
}

/// The type name the groups search takes: a documented name (or `all`) as it is, without a
/// request; an id or another spelling through [`did_type`].
pub(crate) async fn did_type_name(client: &Client, text: &str) -> Result<DidTypeName, Failure> {
    let trimmed = text.trim();
    if let Some(name) = crate::api::model::DOCUMENTED_TYPE_NAMES
        .iter()
        .find(|name| name.eq_ignore_ascii_case(trimmed))
    {
        return Ok(DidTypeName::new(*name));
    }
    Ok(did_type(client, trimmed).await?.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGIONS: [(&str, &str); 4] = [
        ("100", "California"),
        ("101", "New York"),
        ("102", "New Mexico"),
        ("103", "Texas"),
    ];

    fn regions() -> Vec<Candidate<'static>> {
        (REGIONS.iter())
            .map(|&(id, name)| Candidate { id, name })
            .collect()
    }

    fn pick(text: &str) -> Result<&'static str, Failure> {
        choose("--region", "the regions of US", text, &regions()).map(|i| REGIONS[i].1)
    }

    #[test]
    fn ids_and_names_in_any_case_are_taken() {
        assert_eq!(pick("100"), Ok("California"));
        assert_eq!(pick("california"), Ok("California"));
        assert_eq!(pick(" NEW YORK "), Ok("New York"));
        // One fuzzy match is enough.
        assert_eq!(pick("calif"), Ok("California"));
    }

    #[test]
    fn an_ambiguous_name_lists_the_candidates_with_their_ids() {
        let failure = pick("new").unwrap_err();
        assert_eq!(failure.code, super::super::exit::USAGE);
        assert!(
            failure.message.contains("ambiguous")
                && failure.message.contains("New York (101)")
                && failure.message.contains("New Mexico (102)")
                && !failure.message.contains("Texas"),
            "{failure:?}"
        );
    }

    #[test]
    fn an_unknown_name_lists_what_there_is() {
        let failure = pick("Bavaria").unwrap_err();
        assert_eq!(failure.code, super::super::exit::USAGE);
        assert!(failure.message.contains("Texas (103)"), "{failure:?}");
        assert_eq!(pick("  ").unwrap_err().code, super::super::exit::USAGE);
    }

    #[test]
    fn countries_by_code_alias_or_name_accents_ignored() {
        let code = |text| country(text).map(|c| c.to_string());
        assert_eq!(code("DE"), Ok("DE".to_owned()));
        assert_eq!(code("de"), Ok("DE".to_owned()));
        assert_eq!(code("Germany"), Ok("DE".to_owned()));
        assert_eq!(code("uk"), Ok("GB".to_owned()));
        assert_eq!(code("united kingdom"), Ok("GB".to_owned()));
        assert_eq!(code("cote d'ivoire"), Ok("CI".to_owned()));
        assert_eq!(code("Sao Tome and Principe"), Ok("ST".to_owned()));
        let ambiguous = country("united").unwrap_err();
        assert_eq!(ambiguous.code, super::super::exit::USAGE);
        assert!(
            ambiguous.message.contains("United States (US)"),
            "{ambiguous:?}"
        );
        assert_eq!(
            country("Atlantis").unwrap_err().code,
            super::super::exit::USAGE
        );
    }
}
