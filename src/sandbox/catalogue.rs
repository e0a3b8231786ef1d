//! The sandbox's static catalogue: DID types, countries, regions, cities, requirements and
//! number groups, read from the data files in `assets/sandbox/` (embedded at build time).
//!
//! `catalogue.json` holds the places and the regulatory requirements; `groups.tsv` holds one
//! number group per line. Region and city ids are given in file order (regions from 100,
//! cities from 1000), so the same files always yield the same ids. The data is parsed once per
//! process; the number pools, which depend on the seed, live in [`super::pool`].

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value};

const CATALOGUE_JSON: &str = include_str!("../../assets/sandbox/catalogue.json");
const GROUPS_TSV: &str = include_str!("../../assets/sandbox/groups.tsv");

const FIRST_REGION_ID: u32 = 100;
const FIRST_CITY_ID: u32 = 1000;

/// A kind of number and its numeric id.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct DidType {
    pub id: u32,
    pub name: String,
}

/// A country of the catalogue.
#[derive(Debug, Clone)]
pub(super) struct Country {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    pub name: String,
    /// The E.164 country calling code, digits only (`"44"`).
    pub(crate) calling_code: String,
    /// Requirements by DID type name, each an object with an `id` field.
    pub requirements: BTreeMap<String, Vec<Value>>,
}

/// A region (state, province, nation) of a country.
#[derive(Debug, Clone)]
pub(super) struct Region {
    pub id: u32,
    pub name: String,
    pub country: String,
}

/// A city, optionally inside a region.
#[derive(Debug, Clone)]
pub(super) struct City {
    pub id: u32,
    pub name: String,
    pub country: String,
    pub region: Option<u32>,
}

/// A number group: numbers sharing a prefix, location, type and price.
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub id: String,
    pub country: String,
    /// `None` for a nationwide group (toll-free, mobile, national…).
    pub city: Option<u32>,
    /// The city name, or the country name for a nationwide group.
    pub location: String,
    pub did_type: String,
    /// As shown to people (`"+1 (213)"`).
    pub prefix: String,
    /// The prefix's digits (`"1213"`).
    pub(crate) prefix_digits: String,
    /// Total digits of the group's E.164 numbers.
    pub digits: usize,
    pub setup_price: String,
    pub monthly_price: String,
    /// The price per minute of calls (`price.ppm`), by the group's type.
    pub(crate) per_minute_price: &'static str,
    pub allow_number_selection: bool,
    pub(crate) free_number_eligible: bool,
    pub features: Vec<String>,
    /// How many numbers the group holds.
    pub(crate) pool_size: usize,
}

/// Everything the sandbox sells, independent of the seed.
#[derive(Debug)]
pub(super) struct Catalogue {
    pub did_types: Vec<DidType>,
    pub countries: Vec<Country>,
    pub regions: Vec<Region>,
    pub cities: Vec<City>,
    pub groups: Vec<Group>,
}

#[derive(Deserialize)]
struct RawCatalogue {
    did_types: Vec<DidType>,
    requirements: Map<String, Value>,
    countries: Vec<RawCountry>,
}

#[derive(Deserialize)]
struct RawCountry {
    code: String,
    name: String,
    calling_code: String,
    #[serde(default)]
    regions: Vec<RawRegion>,
    #[serde(default)]
    cities: Vec<String>,
    #[serde(default)]
    requirements: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct RawRegion {
    name: String,
    cities: Vec<String>,
}

/// The catalogue, parsed on first use.
pub(super) fn catalogue() -> &'static Catalogue {
    static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
        // The files are part of the build and checked by the tests: a broken file is a bug
        // of the program, not bad input, so failing loudly here is right.
        parse(CATALOGUE_JSON, GROUPS_TSV).unwrap_or_else(|e| panic!("sandbox catalogue: {e}"))
    });
    &CATALOGUE
}

impl Catalogue {
    pub(super) fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    pub(super) fn city(&self, id: u32) -> Option<&City> {
        self.cities.iter().find(|c| c.id == id)
    }

    pub(super) fn group_index(&self, id: &str) -> Option<usize> {
        self.groups.iter().position(|g| g.id == id)
    }

    pub(super) fn did_type_by_id(&self, id: u32) -> Option<&DidType> {
        self.did_types.iter().find(|t| t.id == id)
    }

    pub(super) fn did_type_by_name(&self, name: &str) -> Option<&DidType> {
        self.did_types
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name))
    }

    /// The requirements of a country, for one DID type or (without one) for all of them,
    /// each requirement listed once.
    pub(super) fn requirements(&self, country: &Country, did_type: Option<&str>) -> Vec<Value> {
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for (type_name, list) in &country.requirements {
            if did_type.is_some_and(|t| t != type_name) {
                continue;
            }
            for requirement in list {
                let id = requirement.get("id").cloned();
                if !seen.contains(&id) {
                    seen.push(id);
                    out.push(requirement.clone());
                }
            }
        }
        out
    }

    /// The requirements of a group: its country's, for its DID type.
    pub(super) fn group_requirements(&self, group: &Group) -> Vec<Value> {
        self.country(&group.country)
            .and_then(|c| c.requirements.get(&group.did_type))
            .cloned()
            .unwrap_or_default()
    }
}

fn parse(json: &str, tsv: &str) -> Result<Catalogue, String> {
    let raw: RawCatalogue =
        serde_json::from_str(json).map_err(|e| format!("catalogue.json: {e}"))?;
    let mut countries = Vec::new();
    let mut regions = Vec::new();
    let mut cities = Vec::new();
    // Cities by (country, name), to resolve the city column of groups.tsv.
    let mut city_ids: HashMap<(String, String), u32> = HashMap::new();
    let mut add_city = |country: &str, name: &str, region: Option<u32>, cities: &mut Vec<City>| {
        let id = FIRST_CITY_ID + u32::try_from(cities.len()).unwrap_or(u32::MAX - FIRST_CITY_ID);
        let key = (country.to_owned(), name.to_owned());
        if city_ids.insert(key, id).is_some() {
            return Err(format!("city {name} of {country} listed twice"));
        }
        cities.push(City {
            id,
            name: name.to_owned(),
            country: country.to_owned(),
            region,
        });
        Ok(())
    };
    for rc in raw.countries {
        for region in &rc.regions {
            let id = FIRST_REGION_ID + u32::try_from(regions.len()).unwrap_or(0);
            regions.push(Region {
                id,
                name: region.name.clone(),
                country: rc.code.clone(),
            });
            for city in &region.cities {
                add_city(&rc.code, city, Some(id), &mut cities)?;
            }
        }
        for city in &rc.cities {
            add_city(&rc.code, city, None, &mut cities)?;
        }
        let mut requirements = BTreeMap::new();
        for (type_name, keys) in rc.requirements {
            if !raw.did_types.iter().any(|t| t.name == type_name) {
                return Err(format!("{}: unknown DID type {type_name}", rc.code));
            }
            let mut list = Vec::new();
            for key in keys {
                let Some(Value::Object(body)) = raw.requirements.get(&key) else {
                    return Err(format!("{}: unknown requirement {key}", rc.code));
                };
                // The id goes first so that it is the first thing a reader sees.
                let mut object = Map::new();
                object.insert("id".into(), Value::String(key.clone()));
                object.extend(body.clone());
                list.push(Value::Object(object));
            }
            requirements.insert(type_name, list);
        }
        countries.push(Country {
            code: rc.code,
            name: rc.name,
            calling_code: rc.calling_code,
            requirements,
        });
    }
    let mut groups: Vec<Group> = Vec::new();
    for (number, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let group = parse_group(line, &countries, &city_ids, &raw.did_types)
            .map_err(|e| format!("groups.tsv line {}: {e}", number + 1))?;
        if groups.iter().any(|g| g.id == group.id) {
            return Err(format!("groups.tsv: group {} listed twice", group.id));
        }
        groups.push(group);
    }
    Ok(Catalogue {
        did_types: raw.did_types,
        countries,
        regions,
        cities,
        groups,
    })
}

/// What a minute of calls costs in a group of `did_type`: the skill document gives every
/// group a `price.ppm`; the sandbox prices it by type, as carriers do.
fn per_minute_price(did_type: &str) -> &'static str {
    match did_type {
        "local" => "0.01",
        "national" => "0.015",
        "mobile" => "0.02",
        "tollfree" => "0.03",
        "sharedcost" => "0.04",
        _ => "0.05",
    }
}

fn parse_group(
    line: &str,
    countries: &[Country],
    city_ids: &HashMap<(String, String), u32>,
    did_types: &[DidType],
) -> Result<Group, String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [
        id,
        country,
        city,
        did_type,
        prefix,
        digits,
        setup,
        monthly,
        select,
        free,
        features,
        pool,
    ] = fields[..]
    else {
        return Err(format!("expected 12 fields, found {}", fields.len()));
    };
    let Some(country_entry) = countries.iter().find(|c| c.code == country) else {
        return Err(format!("unknown country {country}"));
    };
    let (city, location) = if city == "-" {
        (None, country_entry.name.clone())
    } else {
        let key = (country.to_owned(), city.to_owned());
        let id = city_ids
            .get(&key)
            .ok_or_else(|| format!("unknown city {city}"))?;
        (Some(*id), city.to_owned())
    };
    if !did_types.iter().any(|t| t.name == did_type) {
        return Err(format!("unknown DID type {did_type}"));
    }
    let prefix_digits: String = prefix.chars().filter(char::is_ascii_digit).collect();
    let digits: usize = digits
        .parse()
        .map_err(|_| format!("bad digit count {digits}"))?;
    // Global (+883) numbers belong to no country's numbering plan; the others must.
    if did_type != "global" && !prefix_digits.starts_with(&country_entry.calling_code) {
        return Err(format!(
            "prefix {prefix} is outside +{}",
            country_entry.calling_code
        ));
    }
    if digits > 15 || digits < prefix_digits.len() + 4 {
        return Err(format!("{digits} digits do not fit prefix {prefix}"));
    }
    for price in [setup, monthly] {
        price
            .parse::<Decimal>()
            .map_err(|_| format!("bad price {price}"))?;
    }
    let features: Vec<String> = features.split(',').map(str::to_owned).collect();
    if !features.iter().any(|f| f == "voice") {
        return Err("voice is missing from the features".into());
    }
    Ok(Group {
        id: id.to_owned(),
        country: country.to_owned(),
        city,
        location,
        did_type: did_type.to_owned(),
        prefix: prefix.to_owned(),
        prefix_digits,
        digits,
        setup_price: setup.to_owned(),
        monthly_price: monthly.to_owned(),
        per_minute_price: per_minute_price(did_type),
        allow_number_selection: select == "y",
        free_number_eligible: free == "y",
        features,
        pool_size: pool.parse().map_err(|_| format!("bad pool size {pool}"))?,
    })
}

#[cfg(test)]
mod tests;
