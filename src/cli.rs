//! The command line: global flags and subcommands.
//!
//! The texts of `--help` describe the JSON each command prints with `--json`; the exit codes,
//! the config file and the log file are listed after the help (see [`help_footer`]).
//!
//! This file holds the global flags and the subcommands; the argument groups they share, the
//! subcommands' own subcommands, the values flags take and the help's footer are in the
//! files of `cli/`.

use std::net::SocketAddr;

use clap::{Parser, Subcommand};

use crate::config::ThemeChoice;

mod args;
mod help;
mod subcommands;
mod values;

use args::reference_arg;
pub use args::{BuyArgs, CountryArg, FindArgs, Pick, PlaceArgs};
pub use help::help_footer;
pub use subcommands::{AuthCommand, ConfigCommand, JournalCommand, ResolveVerdict};
pub(crate) use values::Suggested;
pub use values::{CompletionShell, Format};
use values::{country_codes, type_names};

/// Browse, reserve and buy phone numbers through the 2Chat Numbers API.
///
/// Without a subcommand, numpick opens its interactive wizard. The subcommands are for
/// scripts: a readable table on a terminal, TSV (one header line) when piped, CSV with
/// --format csv, or one JSON document with --json (ids and prices are strings; every document
/// also says "backend": "live" or "sandbox"). Notes, warnings and errors go to stderr only.
///
/// The API key is read from TWOCHAT_API_KEY, else from the OS keyring (`numpick auth
/// login`), else from the config's key_file; never from a flag. Without a key, numpick runs on its embedded sandbox: a local emulator of the API, so
/// that everything can be tried without an account and without spending money (stderr says
/// so each time). Reserving, buying and cancelling on the sandbox need --sandbox, so that a
/// script that lost its key never believes it ordered. The sandbox lives only as long as one
/// command, so a reservation or purchase made there is not seen by the next command.
#[derive(Debug, Parser)]
#[command(name = "numpick", version = env!("NUMPICK_LONG_VERSION"), about, long_about)]
pub struct Cli {
    /// The API's address, used only with a key [env: TWOCHAT_BASE_URL] [default: https://api.p.2chat.io]
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Send the key to a plain http:// address that is not this machine (in clear: only on a
    /// trusted network). Without it such an address is refused before anything is sent.
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,

    /// Print one JSON document instead of a table (for jq): the same as --format json.
    #[arg(long, global = true)]
    pub json: bool,

    /// How data is printed [default: table on a terminal, tsv otherwise].
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Say on stderr how many requests the command sent (each costs API credit), name
    /// resolutions included.
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// Use the embedded sandbox, even when a key is set (needed to reserve, buy or cancel
    /// without a key).
    #[arg(long, global = true)]
    pub sandbox: bool,

    /// Ask the API afresh for regions, cities and types of number, instead of reading the
    /// live API's catalogue kept on disk for a day (the answer is kept again).
    #[arg(long, global = true)]
    pub refresh: bool,

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
    /// JSON: {"country": "US", "regions": [{"id": "100", "name": "California"}]}
    Regions(CountryArg),

    /// The cities of a country, or of one region.
    ///
    /// JSON: {"country": "US", "region": "100" | null, "cities": [{"id": "1000", "name": "Los Angeles"}]}
    Cities {
        #[command(flatten)]
        country: CountryArg,
        /// Only the cities of this region: its name or its id (`California` or `100`).
        #[arg(long, value_name = "NAME|ID")]
        region: Option<String>,
    },

    /// The kinds of number (DID types): local, mobile, tollfree, …; given a country, only
    /// those offered there.
    ///
    /// JSON: {"country": "DE" (with a country), "types": [{"id": "1", "name": "local"}]}
    Types {
        /// Only the types offered in this country (a code or a name).
        #[arg(value_name = "COUNTRY", value_parser = Suggested(country_codes), hide_possible_values = true)]
        country: Option<String>,
    },

    /// The regulatory requirements of a country, for one type of number or all.
    ///
    /// Each requirement is printed as a checklist in words, with the types of number it
    /// applies to; without --type every type is asked (one credit per type).
    ///
    /// JSON: {"country": "DE", "type": "local" | null, "type_id": "1" | null,
    ///        "requirements": [{...as the API sent it...}], "summary": "needs: ID + …",
    ///        "checklist": [{"title": "ID", "sentences": […], "details": […],
    ///                       "types": ["local", "mobile"]}]}
    Requirements {
        #[command(flatten)]
        country: CountryArg,
        /// The type of number: its name or its id (`local` or `1`).
        #[arg(long = "type", value_name = "NAME|ID", value_parser = Suggested(type_names), hide_possible_values = true)]
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
        /// A region, by name or id (required by the API for the US, unless a city is given).
        #[arg(long, value_name = "NAME|ID")]
        region: Option<String>,
        /// A city, by name or id (`"Los Angeles"` or `1000`).
        #[arg(long, value_name = "NAME|ID")]
        city: Option<String>,
        /// A city name or a prefix to search for.
        #[arg(long, value_name = "TEXT")]
        city_name: Option<String>,
        /// The type of number, by name or id (local, mobile, tollfree, national, global,
        /// sharedcost, all).
        #[arg(long = "type", value_name = "NAME|ID", value_parser = Suggested(type_names), hide_possible_values = true)]
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
        /// Print at most this many numbers.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Only memorable numbers (repeats, runs, pairs, mirrors, round endings), most
        /// memorable first unless a pattern ranks them.
        #[arg(long)]
        memorable: bool,
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
        /// The number to reserve: +4930…, or as dialled in the config's default_country.
        #[arg(long, value_name = "NUMBER")]
        number: Option<String>,
        /// A customer or ticket reference, recorded with the reservation (see `history`).
        #[arg(long = "ref", value_name = "TEXT", value_parser = reference_arg)]
        reference: Option<crate::reference::Reference>,
    },

    /// The account's active reservations, with their place, type and prices where the API
    /// gives them. Items that cannot be read are counted (and said on stderr).
    ///
    /// JSON: {"reservations": [{"uuid": "…", "number": "+…", "group_id": "…" | null,
    ///        "did_type": "local" | null, "iso_country_code": "US" | null,
    ///        "location": "…" | null, "setup_price": "5.00" | null,
    ///        "monthly_price": "3.00" | null, "ppm": "0.02" | null,
    ///        "needs_registration": false | null, "created_at": "…Z" | null,
    ///        "expires_at": "…Z", "expires_in_secs": 412}], "unreadable": 0}
    Reservations,

    /// Cancel a reservation; its number goes back to the pool.
    ///
    /// JSON: {"cancelled": "UUID", "message": "…"}
    Cancel {
        /// The reservation's uuid.
        uuid: String,
    },

    /// Buy a number of a group. Spends money.
    ///
    /// A purchase always names its number: without --number, a number of the group is
    /// reserved first, and that number is bought.
    ///
    /// The group's prices are looked up first: in --country (and --region) when given, else in
    /// the reservations listing when the number is reserved, else in the groups of the
    /// number's country (from its calling code), else in the config's default_country.
    /// Prices that cannot be found are said to be unknown. On a terminal, numpick shows the number and
    /// both prices and asks y/N; without a terminal it refuses unless --yes is given, and
    /// sends nothing. --dry-run makes the same checks and lookups as a real run (it fails
    /// where a real run would), prints the request that would be sent and sends no order.
    /// The purchase is recorded in the journal before it is sent, sent once and never
    /// retried; when its answer is lost, the account's numbers are read to settle it (exit 6
    /// when that still cannot tell).
    ///
    /// A number the API lists as `failed` is not bought: exit 3, recorded as refused.
    ///
    /// Without a group id, --contains finds the number first: every group of the place
    /// (--country, --region, --city, --type; names or ids) is searched as `numbers` searches
    /// it, within --max-credits; the best-ranked match (--pick first: the first found) is
    /// shown with its prices and documents, reserved, confirmed as above, and bought.
    /// --dry-run searches and shows it, and reserves and buys nothing.
    ///
    /// JSON: {"status": "bought", "group_id": "…", "number": "+…" | null,
    ///        "setup_price": "1.00", "monthly_price": "3.50", "ppm": "0.01" | null,
    ///        "receipt": {…} | null}
    /// With --dry-run: {"dry_run": true, "setup_price": "1.00" | null, "monthly_price": …,
    ///        "requests": [{"method": "POST", "path": "/open/numbers/purchase",
    ///        "body": {"group_id": "…", "number": "+…"}}]}
    ///
    /// With --reservation UUID…: buys numbers already reserved, each its own purchase, after
    /// one confirmation listing each number, its prices (from the reservations listing) and
    /// the totals due now and monthly. One refused does not stop the others.
    /// JSON: {"purchases": [{"reservation": "…", "number": "+…", "group_id": "…",
    ///        "status": "bought" | "refused" | "not_bought" | "unknown" | "not_sent",
    ///        "reason": "…" | null, "setup_price", "monthly_price", "due_now_price"}],
    ///        "due_now_price": "…" | null, "monthly_price": "…" | null, "currency": "USD"}
    /// Without a group id, with --dry-run: {"dry_run": true, "number": "+…", "formatted": "…",
    ///        "group_id", "prefix", "location", "type", "setup_price", "monthly_price", "ppm",
    ///        "due_now_price", "currency", "documents": "needs: …" | null,
    ///        "memorable": "quad 5" | null, "matches": 66, "complete": true, "credits": 4,
    ///        "requests": [{"method": "POST", "path": "/open/numbers/reservations", "body"}, {…}]}
    Buy(BuyArgs),

    /// The numbers the account owns, every page of them.
    ///
    /// JSON: {"numbers": [{"uuid": "DID…", "number": "+…", "formatted": "…" | null,
    ///        "status": "active" | "awaiting registration" | …, "type": "local" | null,
    ///        "friendly_name": "…" | null, "renews_at": "…" | null}], "unreadable": 0}
    Owned,

    /// Release a number the account owns (by its number or its DID… id). Cannot be undone.
    ///
    /// On a terminal, numpick asks for the number's last four digits; without a terminal it
    /// refuses unless --yes is given, and sends nothing. The release is recorded in the
    /// journal before it is sent, sent once and never retried.
    ///
    /// JSON: {"released": "+…", "uuid": "DID…", "status": "pending cancellation" | "unknown"}
    Release {
        /// The number (E.164) or its DID… id, as `owned` lists them.
        target: String,
        /// Release without asking (for scripts).
        #[arg(long)]
        yes: bool,
        /// Print the request that would be sent, and send nothing.
        #[arg(long)]
        dry_run: bool,
    },

    /// Every reservation, purchase and release recorded in the journal, one row per order.
    ///
    /// Each row has the time, the kind, the number, the group, the prices agreed (blank when
    /// not recorded), the currency, the outcome (held, cancelled, expired, bought, not_bought,
    /// refused, unknown, pending, released) and the reference given with --ref. Reads the
    /// journal of the backend in use (on the sandbox, that of the wizard's last sandbox
    /// session); sends nothing. Lines that cannot be read are skipped and counted on stderr.
    ///
    /// JSON: {"journal": "…/journal.jsonl", "orders": [{"at": "…Z", "kind": "purchase",
    ///        "id": "…", "number": "+…" | null, "group_id": "…" | null,
    ///        "setup_price": "1.00" | null, "monthly_price": "3.50" | null, "currency": "USD",
    ///        "outcome": "bought", "detail": "…" | null, "reference": "…" | null,
    ///        "reservation": "UUID" | null, "settled_at": "…Z" | null}], "unreadable": 0}
    History {
        /// Only the orders with this reference (the whole reference, case aside).
        #[arg(long = "ref", value_name = "TEXT")]
        reference: Option<String>,
        /// Only the orders made from this day (2026-01-15, from midnight UTC) or moment
        /// (2026-01-15T10:00:00Z) on.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Print CSV: the same as --format csv.
        #[arg(long)]
        csv: bool,
    },

    /// The account: name, state, request limit and usage.
    ///
    /// JSON: {"backend": "live" | "sandbox", "account": {"name", "uuid", "on_trial", "blocked",
    ///        "expires_at"}, "limits": {"requests_per_minute"},
    ///        "usage": {"api_request_count", "max_api_request_count"}} (each may be null)
    Account,

    /// The key in the OS keyring: store it, see where the key comes from, remove it.
    #[command(subcommand)]
    Auth(AuthCommand),

    /// The config file: where it is, a commented default, the settings in force.
    #[command(subcommand)]
    Config(ConfigCommand),

    /// The purchase journal: purchases whose outcome is not settled, and resolving one.
    ///
    /// Reads and writes only the journal on this machine; sends nothing.
    #[command(subcommand)]
    Journal(JournalCommand),

    /// Print the manual page (roff) to stdout: `numpick man > numpick.1`.
    Man,

    /// Print shell completions (bash, zsh or fish) to stdout; they offer the countries and
    /// the types of number.
    Completions {
        #[arg(value_enum)]
        shell: CompletionShell,
    },

    /// Serve the embedded sandbox API on its own, for CI jobs, integrations and curl.
    ///
    /// Prints the address it listens on (`--listen 127.0.0.1:0` picks a free port), answers
    /// GET /healthz without a key, logs one line per request (method, path, status, latency;
    /// never the key) and stops with exit 0 on SIGTERM or SIGINT.
    Sandbox {
        /// Address to listen on (port 0: a free port, printed and written to --port-file).
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Write the port listened on to this file, once the sandbox accepts connections.
        #[arg(long, value_name = "PATH")]
        port_file: Option<std::path::PathBuf>,
        /// Append the request log to this file instead of stderr.
        #[arg(long, value_name = "PATH")]
        request_log: Option<std::path::PathBuf>,
        /// Show a fault, for testing a client (repeatable): 429-burst (the first three
        /// requests get 429 and Retry-After: 1), purchase-fails-after-applied (the purchase is
        /// made, then answered 500), slow (every answer 2 s late), unknown-outcome (the
        /// purchase is made, then never answered).
        #[arg(long, value_enum, value_name = "FAULT")]
        fault: Vec<crate::sandbox::service::Fault>,
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
