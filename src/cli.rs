//! The command line: global flags and subcommands.
//!
//! The texts of `--help` describe the JSON each command prints with `--json`; the exit codes,
//! the config file and the log file are listed after the help (see [`help_footer`]).

use std::net::SocketAddr;
use std::path::Path;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::ThemeChoice;

/// Browse, reserve and buy phone numbers through the 2Chat Numbers API.
///
/// Without a subcommand, numpick opens its interactive wizard. The subcommands are for
/// scripts: a readable table by default, or one JSON document with --json (ids and prices are
/// strings; every document also says "backend": "live" or "sandbox"). Errors go to stderr only.
///
/// The API key is read from TWOCHAT_API_KEY, or from the config's key_file; never from a
/// flag. Without a key, numpick runs on its embedded sandbox: a local emulator of the API, so
/// that everything can be tried without an account and without spending money (stderr says
/// so each time). Reserving, buying and cancelling on the sandbox need --sandbox, so that a
/// script that lost its key never believes it ordered. The sandbox lives only as long as one
/// command, so a reservation or purchase made there is not seen by the next command.
#[derive(Debug, Parser)]
#[command(name = "numpick", version, about, long_about)]
pub struct Cli {
    /// The API's address, used only with a key [env: TWOCHAT_BASE_URL] [default: https://api.p.2chat.io]
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Send the key to a plain http:// address that is not this machine (in clear: only on a
    /// trusted network). Without it such an address is refused before anything is sent.
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,

    /// Print one JSON document instead of a table (for jq).
    #[arg(long, global = true)]
    pub json: bool,

    /// Use the embedded sandbox, even when a key is set (needed to reserve, buy or cancel
    /// without a key).
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// The colours of the wizard and of tables (NO_COLOR turns colour off unless this is given).
    #[arg(long, global = true, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeChoice>,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// The regions of a country (only US, CA and GB have them; the US needs one for `groups`).
    ///
    /// JSON: {"country": "US", "regions": [{"id": "1", "name": "California"}]}
    Regions(CountryArg),

    /// The cities of a country, or of one region.
    ///
    /// JSON: {"country": "US", "region": "1" | null, "cities": [{"id": "10", "name": "Los Angeles"}]}
    Cities {
        #[command(flatten)]
        country: CountryArg,
        /// Only the cities of this region (an id from `regions`).
        #[arg(long, value_name = "ID")]
        region: Option<String>,
    },

    /// The kinds of number (DID types): local, mobile, tollfree, …
    ///
    /// JSON: {"types": [{"id": "1", "name": "local"}]}
    Types,

    /// The regulatory requirements of a country, for one type of number or all.
    ///
    /// Requirements vary by country, so each is printed as the API sent it (flattened to
    /// key/value lines in the table).
    ///
    /// JSON: {"country": "DE", "type": "local" | null, "type_id": "1" | null,
    ///        "requirements": [{...as the API sent it...}]}
    Requirements {
        #[command(flatten)]
        country: CountryArg,
        /// The type of number, by name (local, mobile, tollfree, …).
        #[arg(long = "type", value_name = "NAME")]
        did_type: Option<String>,
    },

    /// Search number groups: numbers sharing a prefix, location, type and prices.
    ///
    /// JSON: {"country": "DE", "groups": [{"id": "…", "prefix": "+49 30", "location": "Berlin",
    ///        "type": "local", "setup_price": "1.00", "monthly_price": "3.50",
    ///        "allow_number_selection": true, "is_eligible_for_free_number": false,
    ///        "features": ["voice", …], "requirements": [{…}]}]}
    /// A price the API did not state is null.
    Groups {
        #[command(flatten)]
        country: CountryArg,
        /// A region id (required by the API for the US, unless a city is given).
        #[arg(long, value_name = "ID")]
        region: Option<String>,
        /// A city id.
        #[arg(long, value_name = "ID")]
        city: Option<String>,
        /// A city name or a prefix to search for.
        #[arg(long, value_name = "TEXT")]
        city_name: Option<String>,
        /// The type of number, by name (local, mobile, tollfree, national, global, sharedcost, all).
        #[arg(long = "type", value_name = "NAME")]
        did_type: Option<String>,
    },

    /// The numbers available in a group, or in every group of a place, optionally matching a
    /// vanity pattern.
    ///
    /// The pattern: digits match themselves, letters their keypad digit (PIZZA = 74992),
    /// and ? or * any digit; ^ anchors to the start and $ to the end of the national number.
    /// Best matches (nearest the end of the number) come first.
    ///
    /// Without a group id, every group of the place (--country, --region, --city, --type)
    /// that lets a number be picked is searched: one credit for the list of groups and one per
    /// group. The API answers with one page of numbers; where a page may have been cut short
    /// and the pattern has wildcards, narrower searches complete it (808 … 898 for 8?8?8),
    /// all within --max-credits. A search that would cost more is refused before any number
    /// is searched; a result that is not complete says so on stderr.
    ///
    /// JSON: {"group_id": "…", "pattern": "74992" | null, "complete": true, "numbers": [{"id": "did-…",
    ///        "number": "+4930…"}]}
    /// Without a group id: {"country": "US", "region": "…" | null, "city": "…" | null,
    ///        "type": "local" | null, "pattern": "…" | null, "complete": true, "credits": 4,
    ///        "numbers": [{"id", "number", "group_id", "prefix", "location", "setup_price",
    ///        "monthly_price", "documents": false, "memorable": "quad 7" | null}],
    ///        "groups": [{"id", "prefix", "location", "number_selection": true,
    ///        "complete": true, "note": "…" | null}]}
    Numbers {
        /// The group (an id from `groups`); without it, every group of the place.
        group_id: Option<String>,
        /// A vanity pattern such as 555, PIZZA, ^30 or 77*7$.
        #[arg(long, value_name = "PATTERN")]
        contains: Option<String>,
        #[command(flatten)]
        place: PlaceArgs,
        /// The most credits (requests) the search may spend.
        #[arg(long, value_name = "N", default_value_t = 20)]
        max_credits: u32,
    },

    /// Reserve a number of a group (a random one without --number).
    ///
    /// JSON: {"reservation": {"uuid": "…", "number": "+…", "group_id": "…" | null,
    ///        "created_at": "…Z", "expires_at": "…Z", "expires_in_secs": 599}}
    Reserve {
        /// The group (an id from `groups`).
        group_id: String,
        /// The number to reserve, in E.164 (+4930…).
        #[arg(long, value_name = "E164")]
        number: Option<String>,
    },

    /// The account's active reservations.
    ///
    /// JSON: {"reservations": [{"uuid": "…", "number": "+…", "group_id": "…" | null,
    ///        "created_at": "…Z", "expires_at": "…Z", "expires_in_secs": 412}]}
    Reservations,

    /// Cancel a reservation; its number goes back to the pool.
    ///
    /// JSON: {"cancelled": "UUID", "message": "…"}
    Cancel {
        /// The reservation's uuid.
        uuid: String,
    },

    /// Buy a number of a group (a random one without --number). Spends money.
    ///
    /// The group's prices are looked up first (in --country, or the config's
    /// default_country, and --region for the US). On a terminal, numpick shows the number and
    /// both prices and asks y/N; without a terminal it refuses unless --yes is given, and
    /// sends nothing. --dry-run prints the request that would be sent and sends nothing.
    /// The purchase is recorded in the journal before it is sent, sent once and never
    /// retried; when its answer is lost, the account's numbers are read to settle it (exit 6
    /// when that still cannot tell).
    ///
    /// JSON: {"status": "bought", "group_id": "…", "number": "+…" | null,
    ///        "setup_price": "1.00", "monthly_price": "3.50", "receipt": {…} | null}
    /// With --dry-run: {"dry_run": true, "method": "POST", "path": "/open/numbers/purchase",
    ///        "body": {"group_id": "…", "number": "+…"}}
    Buy(BuyArgs),

    /// The account: name, state, request limit and usage.
    ///
    /// JSON: {"backend": "live" | "sandbox", "account": {"name", "uuid", "on_trial", "blocked",
    ///        "expires_at"}, "limits": {"requests_per_minute"},
    ///        "usage": {"api_request_count", "max_api_request_count"}} (each may be null)
    Account,

    /// The config file: where it is, a commented default, the settings in force.
    #[command(subcommand)]
    Config(ConfigCommand),

    /// Print shell completions (bash, zsh or fish) to stdout.
    Completions {
        #[arg(value_enum)]
        shell: CompletionShell,
    },

    /// Serve the embedded sandbox API on its own, for integrations and curl.
    Sandbox {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Lifetime of a reservation, in seconds.
        #[arg(long, default_value_t = 600)]
        reservation_ttl: u64,
        /// Seed of the generated catalogue and numbers.
        #[arg(long, default_value_t = crate::sandbox::SandboxConfig::default().seed)]
        seed: u64,
        /// Requests one key may make in any minute before getting HTTP 429 (0: no limit).
        #[arg(long, default_value_t = crate::sandbox::DOCUMENTED_RATE_LIMIT)]
        rate_limit: u32,
    },
}

/// A country, or the config's `default_country` when left out.
#[derive(Debug, Args)]
pub struct CountryArg {
    /// Two-letter country code (ISO 3166-1); defaults to the config's default_country.
    #[arg(value_name = "COUNTRY")]
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
    /// The group (an id from `groups`).
    pub group_id: String,
    /// The number to buy, in E.164 (+4930…).
    #[arg(long, value_name = "E164")]
    pub number: Option<String>,
    /// The group's country, to look up its prices; defaults to the config's default_country.
    #[arg(long, value_name = "COUNTRY")]
    pub country: Option<String>,
    /// The group's region, to look up its prices (needed for the US).
    #[arg(long, value_name = "ID")]
    pub region: Option<String>,
    /// Buy without asking (required without a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Print the request that would be sent, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path.
    Path,
    /// Write a commented default config file (mode 0600).
    Init {
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print the settings in force and where each came from (never the key).
    ///
    /// JSON: {"config_file": "…", "config_file_found": true, "base_url": "…",
    ///        "base_url_source": "flag" | "env" | "file" | "default", "default_country": "DE" | null,
    ///        "key_set": true, "key_source": "env" | "file" | null, "key_file": "…" | null,
    ///        "connect_timeout_secs": 5, "request_timeout_secs": 20, "theme": "default",
    ///        "log_file": "…", "journal": "…"}
    Show,
}

/// The shells completions are generated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
}

/// The text shown after `--help`: exit codes, config file, log file.
pub fn help_footer(config_file: Option<&Path>, log_file: Option<&Path>) -> String {
    let shown = |path: Option<&Path>| {
        path.map_or_else(
            || "(none: no home folder)".to_owned(),
            |p| p.display().to_string(),
        )
    };
    format!(
        "Exit codes:
  0  done
  1  any other failure (a bad config file, an unreadable key file, a local I/O error)
  2  usage: bad arguments, or `buy` without a terminal and without --yes
  3  refused by the API (its message is printed)
  4  unauthorized: the API refused the key, TWOCHAT_API_KEY is set but empty,
     or reserve/buy/cancel without a key and without --sandbox
  5  rate limited: the API asks to wait
  6  purchase outcome unknown, even after reading the account's numbers
  7  the API could not be reached, or did not answer in time

Environment: TWOCHAT_API_KEY (the key), TWOCHAT_BASE_URL, NO_COLOR, NUMPICK_LOG (log level).
Config file: {}
Log file:    {}",
        shown(config_file),
        shown(log_file)
    )
}
