//! Looking around before buying: `regions`, `cities`, `types`, `requirements`, `groups`.

use serde::Serialize;
use serde_json::Value;

use crate::api::model::{CountryCode, DidType, DidTypeName, Group, Price, RegionId};
use crate::api::{Client, GroupQuery};
use crate::cli::CountryArg;
use crate::money::Currency;

use super::exit::{Failure, OK};
use super::output::{Align, Table, or_dash, yes_no};
use super::{Context, output, resolve};

/// An id and a name: a region, a city or a type of number.
#[derive(Debug, Serialize)]
struct Named {
    id: String,
    name: String,
}

/// Notes on stderr that the API sent items numpick could not read.
fn note_skipped(skipped: usize, what: &str) {
    if skipped > 0 {
        output::note(&format!(
            "numpick: {skipped} {what} in the API's answer could not be read and are left out"
        ));
    }
}

fn named_table(ctx: &Context, items: &[Named], empty: &str) {
    let mut table = Table::new(&[("ID", Align::Left), ("NAME", Align::Left)], empty);
    for item in items {
        table.row(vec![item.id.clone(), item.name.clone()]);
    }
    ctx.out.print_table(&table);
}

pub(super) async fn regions(ctx: &Context, country: &CountryArg) -> Result<u8, Failure> {
    let country = ctx.country_arg(country)?;
    let conn = ctx.connect().await?;
    let listing = super::catalogue::regions(&conn.client, &country).await?;
    note_skipped(listing.skipped, "regions");
    let regions: Vec<Named> = (listing.items.into_iter())
        .map(|r| Named {
            id: r.id.to_string(),
            name: r.name,
        })
        .collect();
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            country: &'a CountryCode,
            regions: &'a [Named],
        }
        ctx.out.print_json(&Doc {
            country: &country,
            regions: &regions,
        })?;
    } else {
        named_table(ctx, &regions, &format!("{country} has no regions."));
    }
    Ok(OK)
}

pub(super) async fn cities(
    ctx: &Context,
    country: &CountryArg,
    region: Option<String>,
) -> Result<u8, Failure> {
    let country = ctx.country_arg(country)?;
    let conn = ctx.connect().await?;
    let region = match region {
        Some(text) => Some(resolve::region(&conn.client, &country, &text).await?),
        None => None,
    };
    let listing = super::catalogue::cities(&conn.client, &country, region.as_ref()).await?;
    note_skipped(listing.skipped, "cities");
    let cities: Vec<Named> = (listing.items.into_iter())
        .map(|c| Named {
            id: c.id.to_string(),
            name: c.name,
        })
        .collect();
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            country: &'a CountryCode,
            region: Option<&'a RegionId>,
            cities: &'a [Named],
        }
        ctx.out.print_json(&Doc {
            country: &country,
            region: region.as_ref(),
            cities: &cities,
        })?;
    } else {
        named_table(ctx, &cities, "No cities.");
    }
    Ok(OK)
}

/// The types of number; given a country, only those its groups offer.
pub(super) async fn types(ctx: &Context, country: Option<&str>) -> Result<u8, Failure> {
    let country = country.map(resolve::country).transpose()?;
    let conn = ctx.connect().await?;
    let listing = super::catalogue::did_types(&conn.client).await?;
    note_skipped(listing.skipped, "types");
    let mut offered = listing.items;
    if let Some(country) = &country {
        let names = types_offered(&conn.client, country).await?;
        offered.retain(|t| {
            names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(t.name.as_str()))
        });
    }
    let types = named_types(&offered);
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            country: Option<&'a CountryCode>,
            types: &'a [Named],
        }
        ctx.out.print_json(&Doc {
            country: country.as_ref(),
            types: &types,
        })?;
    } else {
        let empty = match &country {
            Some(country) => format!("No types of number are offered in {country}."),
            None => "No types.".to_owned(),
        };
        named_table(ctx, &types, &empty);
    }
    Ok(OK)
}

/// The type names of `country`'s groups: one search of the whole country, or, where the API
/// wants a region (the US), one search per region.
async fn types_offered(client: &Client, country: &CountryCode) -> Result<Vec<String>, Failure> {
    let whole = GroupQuery {
        did_type: Some(DidTypeName::new("all")),
        ..GroupQuery::new(country.clone())
    };
    let groups = match client.groups(&whole).await {
        Ok(listing) => listing.items,
        Err(crate::api::ApiError::Refused { .. }) => {
            let mut groups = Vec::new();
            for region in super::catalogue::regions(client, country).await?.items {
                let query = GroupQuery {
                    region: Some(region.id),
                    ..whole.clone()
                };
                groups.extend(client.groups(&query).await?.items);
            }
            groups
        }
        Err(error) => return Err(error.into()),
    };
    let mut names: Vec<String> = groups.into_iter().map(|g| g.did_type).collect();
    names.sort();
    names.dedup();
    Ok(names)
}

fn named_types(types: &[DidType]) -> Vec<Named> {
    types
        .iter()
        .map(|t| Named {
            id: t.id.to_string(),
            name: t.name.to_string(),
        })
        .collect()
}

pub(super) async fn requirements(
    ctx: &Context,
    country: &CountryArg,
    did_type: Option<String>,
) -> Result<u8, Failure> {
    let country = ctx.country_arg(country)?;
    let conn = ctx.connect().await?;
    let did_type_given = did_type.is_some();
    // The requirements endpoint takes the type's numeric id: a name (or id) is resolved;
    // without one, every type is asked for, so that each requirement says which it applies to.
    let chosen: Vec<DidType> = match did_type {
        Some(text) => vec![resolve::did_type(&conn.client, &text).await?],
        None => super::catalogue::did_types(&conn.client).await?.items,
    };
    let single = chosen.len() == 1 && did_type_given;
    let name = single.then(|| chosen[0].name.to_string());
    let type_id = single.then(|| chosen[0].id.clone());
    let (checklist, requirements) =
        super::requirement_list::by_type(&conn.client, &country, &chosen).await?;
    let summary = crate::requirements::Checklist::of(&requirements).summary();
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            country: &'a CountryCode,
            #[serde(rename = "type")]
            did_type: Option<&'a str>,
            type_id: Option<String>,
            requirements: &'a [Value],
            /// `needs: ID + proof of a local address`.
            summary: &'a str,
            /// Each requirement in words, with the types it applies to.
            checklist: &'a [super::requirement_list::Item],
        }
        ctx.out.print_json(&Doc {
            country: &country,
            did_type: name.as_deref(),
            type_id: type_id.map(|id| id.to_string()),
            requirements: &requirements,
            summary: &summary,
            checklist: &checklist,
        })?;
    } else if requirements.is_empty() {
        // A note, not data: on stderr, as every note is.
        super::output::note(&format!(
            "No requirements: {country} asks for no documents."
        ));
    } else {
        ctx.out.print_line(&format!("{country}: {summary}"));
        ctx.out
            .print_raw(&super::requirement_list::text(&checklist));
    }
    Ok(OK)
}

/// The narrowing options of `groups`.
#[derive(Debug, Default)]
pub(super) struct GroupFilters {
    pub region: Option<String>,
    pub city: Option<String>,
    pub city_name: Option<String>,
    pub did_type: Option<String>,
}

/// A group as `groups --json` prints it: flat, prices as strings.
#[derive(Debug, Serialize)]
pub(super) struct GroupRow<'a> {
    pub id: String,
    pub prefix: &'a str,
    pub location: &'a str,
    #[serde(rename = "type")]
    pub did_type: &'a str,
    pub setup_price: Price,
    pub monthly_price: Price,
    /// The price per minute of calls (`price.ppm`); `null` when the API does not give it.
    pub ppm: Price,
    /// What buying costs today: setup plus the first month.
    pub due_now_price: Price,
    pub currency: Currency,
    pub allow_number_selection: bool,
    pub is_eligible_for_free_number: bool,
    pub features: &'a [String],
    pub requirements: &'a [Value],
}

impl<'a> GroupRow<'a> {
    /// The row of `group`, its prices in `currency`.
    pub(super) fn new(group: &'a Group, currency: Currency) -> Self {
        Self {
            id: group.id.to_string(),
            prefix: &group.prefix,
            location: &group.location,
            did_type: &group.did_type,
            setup_price: group.price.setup,
            monthly_price: group.price.monthly,
            ppm: group.price.per_minute,
            due_now_price: crate::money::due_now(&group.price),
            currency,
            allow_number_selection: group.allow_number_selection,
            is_eligible_for_free_number: group.is_eligible_for_free_number,
            features: &group.features,
            requirements: &group.requirements,
        }
    }
}

/// The search of `groups`, its region, city and type resolved from names where given.
pub(super) async fn group_query(
    client: &Client,
    country: CountryCode,
    filters: &GroupFilters,
) -> Result<GroupQuery, Failure> {
    let clean = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let region = match clean(&filters.region) {
        Some(text) => Some(resolve::region(client, &country, &text).await?),
        None => None,
    };
    let city = match clean(&filters.city) {
        Some(text) => Some(resolve::city(client, &country, region.as_ref(), &text).await?),
        None => None,
    };
    let did_type = match clean(&filters.did_type) {
        Some(text) => Some(resolve::did_type_name(client, &text).await?),
        None => None,
    };
    Ok(GroupQuery {
        region,
        city,
        city_name_or_prefix: clean(&filters.city_name),
        did_type,
        ..GroupQuery::new(country)
    })
}

pub(super) async fn groups(
    ctx: &Context,
    country: &CountryArg,
    filters: GroupFilters,
) -> Result<u8, Failure> {
    let country = ctx.country_arg(country)?;
    let conn = ctx.connect().await?;
    let query = group_query(&conn.client, country.clone(), &filters).await?;
    let listing = conn.client.groups(&query).await?;
    note_skipped(listing.skipped, "groups");
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            country: &'a CountryCode,
            groups: Vec<GroupRow<'a>>,
        }
        ctx.out.print_json(&Doc {
            country: &country,
            groups: listing
                .items
                .iter()
                .map(|group| GroupRow::new(group, ctx.settings.currency))
                .collect(),
        })?;
        return Ok(OK);
    }
    let mut table = Table::new(
        &[
            ("ID", Align::Left),
            ("PREFIX", Align::Left),
            ("LOCATION", Align::Left),
            ("TYPE", Align::Left),
            ("SETUP", Align::Right),
            ("MONTHLY", Align::Right),
            ("PICK", Align::Left),
            ("DOCS", Align::Left),
            ("FEATURES", Align::Left),
        ],
        "No groups match.",
    );
    for group in &listing.items {
        table.row(vec![
            group.id.to_string(),
            group.prefix.clone(),
            or_dash(Some(&group.location).filter(|l| !l.is_empty())),
            group.did_type.clone(),
            group.price.setup.to_string(),
            group.price.monthly.to_string(),
            yes_no(group.allow_number_selection),
            if group.has_requirements() {
                "required".to_owned()
            } else {
                "none".to_owned()
            },
            group.features.join(","),
        ]);
    }
    ctx.out.print_table(&table);
    Ok(OK)
}
