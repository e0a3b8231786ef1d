//! Where `buy` finds the prices it shows before spending money, with only what the user has:
//! a group id, and usually a number.
//!
//! The sources, tried in this order until one knows the group:
//! 1. a groups search in the country given (`--country`, a code or a name; `--region` too);
//! 2. the reservations listing, when the number is reserved (its items carry both prices);
//! 3. a groups search in each country the number's calling code serves (at most
//!    [`MAX_COUNTRIES`]), narrowed by the number's leading national digits;
//! 4. a groups search in the config's `default_country`.
//!
//! When none finds the group, the prices are unknown: the caller says so and asks (or
//! proceeds with `--yes`). Every source is a request of its own, so the order puts the likely
//! and cheap ones first.

use crate::api::Client;
use crate::api::model::{CountryCode, Group, GroupId, Price, Reservation};
use crate::calling_codes;
use crate::vanity::split_e164;

use super::browse::{GroupFilters, group_query};
use super::exit::Failure;

/// How many of the countries a calling code serves are searched (`+1` serves 25).
const MAX_COUNTRIES: usize = 3;

/// What is known of the group before buying.
#[derive(Debug, Clone)]
pub(super) enum Known {
    /// Found by a groups search: prices, place, whether numbers may be picked, requirements.
    Group(Box<Group>),
    /// Found in the reservations listing: the reservation of this number, with its prices.
    Reserved(Box<Reservation>),
    /// Nowhere: `tried` says where it was looked for.
    Unknown { tried: Vec<String> },
}

impl Known {
    /// The one-time, monthly and per-minute prices; unknown ones when nothing was found.
    pub(super) fn prices(&self) -> (Price, Price, Price) {
        match self {
            Self::Group(group) => (
                group.price.setup,
                group.price.monthly,
                group.price.per_minute,
            ),
            Self::Reserved(held) => (held.facts.setup, held.facts.monthly, held.facts.per_minute),
            Self::Unknown { .. } => (Price::Unknown, Price::Unknown, Price::Unknown),
        }
    }

    pub(super) fn is_known(&self) -> bool {
        !matches!(self, Self::Unknown { .. })
    }

    /// Whether a specific number may be bought, where known.
    pub(super) fn allows_number_selection(&self) -> Option<bool> {
        match self {
            Self::Group(group) => Some(group.allow_number_selection),
            Self::Reserved(_) | Self::Unknown { .. } => None,
        }
    }

    /// Where the group is and what it is, for the confirmation.
    pub(super) fn describe(&self) -> String {
        let clean = crate::api::sanitize_text;
        match self {
            Self::Group(group) => format!(
                "{} {}, {}",
                clean(&group.prefix),
                clean(&group.location),
                clean(&group.did_type)
            ),
            Self::Reserved(held) => {
                let facts = &held.facts;
                let parts: Vec<String> = [&facts.location, &facts.country, &facts.did_type]
                    .into_iter()
                    .flatten()
                    .map(|part| clean(part))
                    .collect();
                format!("reserved; {}", parts.join(", "))
            }
            Self::Unknown { .. } => "prices not found".to_owned(),
        }
    }

    /// Whether the group asks for documents (a reservation says `needs_registration`).
    pub(super) fn has_requirements(&self) -> bool {
        match self {
            Self::Group(group) => group.has_requirements(),
            Self::Reserved(held) => held.facts.needs_registration == Some(true),
            Self::Unknown { .. } => false,
        }
    }
}

/// What the user gave that helps find the group.
#[derive(Debug, Default)]
pub(super) struct Hints<'a> {
    pub country: Option<CountryCode>,
    pub region: Option<&'a str>,
    pub number: Option<&'a str>,
    pub default_country: Option<CountryCode>,
}

/// Looks for `group` by the sources of this module, in order.
pub(super) async fn find(
    client: &Client,
    group: &GroupId,
    hints: &Hints<'_>,
) -> Result<Known, Failure> {
    let mut tried = Vec::new();
    let mut searched: Vec<CountryCode> = Vec::new();
    if let Some(country) = &hints.country {
        let filters = GroupFilters {
            region: hints.region.map(str::to_owned),
            ..GroupFilters::default()
        };
        if let Some(found) = search(client, country, &filters, group).await? {
            return Ok(Known::Group(Box::new(found)));
        }
        tried.push(format!("the groups of {country}"));
        searched.push(country.clone());
    }
    let Some(number) = hints.number else {
        return by_default_country(client, group, hints, searched, tried).await;
    };
    if let Some(held) = reservation_of(client, number).await?
        && held.facts.has_prices()
        && held.group_id.as_ref().is_none_or(|g| g == group)
    {
        return Ok(Known::Reserved(Box::new(held)));
    }
    tried.push("the reservations".to_owned());
    let national = split_e164(number).map_or("", |(_, national)| national);
    for code in calling_codes::countries_of(number)
        .iter()
        .take(MAX_COUNTRIES)
    {
        let Some(country) = CountryCode::parse(code) else {
            continue;
        };
        if searched.contains(&country) {
            continue;
        }
        if let Some(found) = search_near(client, &country, national, group).await? {
            return Ok(Known::Group(Box::new(found)));
        }
        tried.push(format!("the groups of {country}"));
        searched.push(country);
    }
    by_default_country(client, group, hints, searched, tried).await
}

/// The last source: the config's `default_country`, unless it was searched already.
async fn by_default_country(
    client: &Client,
    group: &GroupId,
    hints: &Hints<'_>,
    searched: Vec<CountryCode>,
    mut tried: Vec<String>,
) -> Result<Known, Failure> {
    if let Some(country) = &hints.default_country
        && !searched.contains(country)
    {
        if let Some(found) = search(client, country, &GroupFilters::default(), group).await? {
            return Ok(Known::Group(Box::new(found)));
        }
        tried.push(format!("the groups of {country} (default_country)"));
    }
    Ok(Known::Unknown { tried })
}

/// The reservation of `number` in the account's listing, if it is reserved.
pub(super) async fn reservation_of(
    client: &Client,
    number: &str,
) -> Result<Option<Reservation>, Failure> {
    let digits = |text: &str| text.trim_start_matches('+').to_owned();
    let listing = match client.reservations().await {
        Ok(listing) => listing,
        // Not readable here is not a reason to stop: the groups search may know.
        Err(crate::api::ApiError::Refused { .. }) => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    Ok(listing
        .items
        .into_iter()
        .find(|held| digits(&held.number) == digits(number)))
}

/// A groups search in `country`, narrowed by the number's leading national digits (the US
/// answers no search without a region, city or prefix); then, where the narrowed search
/// missed it and the country allows, the whole country.
async fn search_near(
    client: &Client,
    country: &CountryCode,
    national: &str,
    group: &GroupId,
) -> Result<Option<Group>, Failure> {
    // Three digits are a North American area code, two most other area codes.
    let lead = if country.as_str() == "US" || country.as_str() == "CA" {
        3
    } else {
        2
    };
    if national.len() > lead {
        let narrowed = GroupFilters {
            city_name: Some(national[..lead].to_owned()),
            ..GroupFilters::default()
        };
        if let Some(found) = search(client, country, &narrowed, group).await? {
            return Ok(Some(found));
        }
    }
    if country.as_str() == "US" {
        return Ok(None);
    }
    search(client, country, &GroupFilters::default(), group).await
}

/// One groups search; the group with this id, if listed. A refusal (a country the API does
/// not sell in) is "not here", not a failure: the next source may know.
async fn search(
    client: &Client,
    country: &CountryCode,
    filters: &GroupFilters,
    group: &GroupId,
) -> Result<Option<Group>, Failure> {
    let query = group_query(client, country.clone(), filters).await?;
    match client.groups(&query).await {
        Ok(listing) => Ok(listing.items.into_iter().find(|g| &g.id == group)),
        Err(crate::api::ApiError::Refused { .. }) => Ok(None),
        Err(error) => Err(error.into()),
    }
}
