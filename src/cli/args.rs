//! The argument groups several subcommands share: a country, a place, and what `buy` takes.

use clap::{Args, ValueEnum};

use super::values::{Suggested, country_codes, type_names};

/// A country, or the config's `default_country` when left out.
#[derive(Debug, Args)]
pub struct CountryArg {
    /// A country: its two-letter code (ISO 3166-1) or its name (`DE`, `Germany`, `uk`);
    /// defaults to the config's default_country.
    #[arg(value_name = "COUNTRY", value_parser = Suggested(country_codes), hide_possible_values = true)]
    pub country: Option<String>,
}

/// A place whose groups are searched together: ids today, with room for names.
#[derive(Debug, Args)]
pub struct PlaceArgs {
    /// The country (two letters); defaults to the config's default_country.
    #[arg(long, value_name = "COUNTRY", conflicts_with = "group_id")]
    pub country: Option<String>,
    /// A region id (the API needs one for the US, unless a city is given).
    #[arg(long, value_name = "ID", conflicts_with = "group_id")]
    pub region: Option<String>,
    /// A city id.
    #[arg(long, value_name = "ID", conflicts_with = "group_id")]
    pub city: Option<String>,
    /// The type of number, by name (local, mobile, tollfree, …).
    #[arg(long = "type", value_name = "NAME", conflicts_with = "group_id")]
    pub did_type: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuyArgs {
    /// The group (an id from `groups`); not with --reservation. Without it, --contains finds
    /// the number in every group of the place.
    #[arg(required_unless_present_any = ["reservation", "contains"])]
    pub group_id: Option<String>,
    /// Buy numbers already reserved, by their reservation's uuid (as `reservations` lists
    /// them), one or more; the prices come from the reservations listing.
    #[arg(
        long,
        value_name = "UUID",
        num_args = 1..,
        conflicts_with_all = ["group_id", "number", "country", "region", "contains"]
    )]
    pub reservation: Vec<String>,
    /// The number to buy: +4930…, or as dialled in --country.
    #[arg(long, value_name = "NUMBER")]
    pub number: Option<String>,
    /// The group's country (a code or a name), where to look up its prices first.
    #[arg(long, value_name = "COUNTRY", value_parser = Suggested(country_codes), hide_possible_values = true)]
    pub country: Option<String>,
    /// The group's region (a name or an id), with --country.
    #[arg(long, value_name = "NAME|ID")]
    pub region: Option<String>,
    /// Buy without asking (required without a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Check everything a real run needs, print the request that would be sent, send no order.
    #[arg(long)]
    pub dry_run: bool,
    /// A customer or ticket reference, recorded with the purchase (and the reservation made
    /// for it); `history --ref` finds it.
    #[arg(long = "ref", value_name = "TEXT", value_parser = reference_arg)]
    pub reference: Option<crate::reference::Reference>,
    #[command(flatten)]
    pub find: FindArgs,
}

/// `--ref`: cleaned of control characters, at most 64 characters, not blank.
pub(super) fn reference_arg(text: &str) -> Result<crate::reference::Reference, String> {
    crate::reference::Reference::parse(text)?
        .ok_or_else(|| "the reference is blank: give some text, or leave out --ref".to_owned())
}

/// `buy` without a group: find the number in every group of a place, then buy it.
#[derive(Debug, Default, Args)]
pub struct FindArgs {
    /// Without a group id: a vanity pattern searched in every group of the place (--country,
    /// --region, --city, --type); the best match is reserved and bought.
    #[arg(long, value_name = "PATTERN", conflicts_with_all = ["group_id", "number"])]
    pub contains: Option<String>,
    /// With --contains: the city of the place, by name or id.
    #[arg(long, value_name = "NAME|ID", requires = "contains")]
    pub city: Option<String>,
    /// With --contains: the type of number, by name or id.
    #[arg(long = "type", value_name = "NAME|ID", requires = "contains", value_parser = Suggested(type_names), hide_possible_values = true)]
    pub did_type: Option<String>,
    /// With --contains: which match to buy.
    #[arg(long, value_enum, value_name = "WHICH", requires = "contains")]
    pub pick: Option<Pick>,
    /// With --contains: the most credits (requests) the search may spend [default: 20].
    #[arg(long, value_name = "N", requires = "contains")]
    pub(crate) max_credits: Option<u32>,
}

/// Which match a one-step `buy` takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Pick {
    /// The best-ranked: the pattern nearest the end, then the most memorable, then the
    /// cheapest per month.
    #[default]
    Best,
    /// The first found, in the API's order of groups and numbers.
    First,
}
