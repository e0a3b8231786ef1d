//! The subcommands: what `numpick <command>` does, for operators and their scripts.
//!
//! Every command uses the same client: the live API when a key is set (`TWOCHAT_API_KEY`, the
//! OS keyring or the config's `key_file`), else the embedded sandbox, started in this process
//! for as long as the command runs; `backend` decides which, once, and keeps the sandbox from
//! being used by accident. Data goes to stdout as a table, TSV, CSV or one JSON document
//! ([`output`]); notes, messages and errors go to stderr; the exit code says what happened
//! ([`exit`]).
//!
//! - [`browse`]: regions, cities, types, requirements, groups.
//! - [`numbers`]: the available numbers of a group, with the vanity pattern.
//! - [`everywhere`]: the available numbers of every group of a place, within a credit budget.
//! - [`reservations`]: reserve, list, cancel.
//! - [`buy`]: the purchase, confirmed, recorded and settled; [`buy_prices`]: where its
//!   prices are found with only what the user has; [`find_buy`]: `buy` without a group,
//!   which finds the number in every group of a place first.
//! - [`resolve`]: names or ids for countries, regions, cities and types; [`catalogue`]: the
//!   regions, cities and types kept on disk for a day (`--refresh` asks afresh).
//! - [`auth`]: the key in the OS keyring.
//! - [`account`]: the account's state and usage.
//! - [`settings`]: `config path|init|show`, the manual page and shell completions.
//! - [`journal`]: `journal pending|resolve`: the purchases whose outcome is not settled.
//! - [`history`]: every order the journal recorded, found by reference or date.
//! - [`session`]: the interactive wizard and the standalone sandbox server.

mod account;
mod auth;
mod backend;
mod browse;
mod buy;
mod buy_prices;
mod buy_prompt;
mod buy_reserved;
mod buying;
mod catalogue;
mod everywhere;
pub mod exit;
mod find_buy;
mod history;
mod journal;
mod numbers;
pub mod output;
mod owned;
mod requirement_list;
mod reservations;
pub mod resolve;
mod session;
mod settings;

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use secrecy::SecretString;

use crate::api::Backend;
use crate::api::model::CountryCode;
use crate::api::{Client, ClientConfig};
use crate::cli::{Cli, CliCommand, CountryArg};
use crate::config::{Overrides, Settings, Source};
use crate::journal::Journal;
use crate::sandbox::service::ServiceConfig;
use crate::sandbox::{self, RunningSandbox, SandboxConfig};

use backend::Route;
pub use exit::Failure;
use output::Output;

/// Runs the command line and returns the process exit code; failures are reported on stderr.
pub async fn run(cli: Cli) -> u8 {
    match dispatch(cli).await {
        Ok(code) => code,
        Err(failure) => {
            tracing::info!(code = failure.code, "the command failed");
            output::note(&format!("numpick: {}", failure.message));
            failure.code
        }
    }
}

async fn dispatch(cli: Cli) -> Result<u8, Failure> {
    let overrides = Overrides {
        base_url: cli.base_url,
        theme: cli.theme,
        allow_insecure_http: cli.allow_insecure_http,
    };
    // A blank key is an error for every command, even those that need no key: it is what a
    // missing CI secret becomes, and is better found at once.
    crate::config::api_key_from_env()?;
    // These need no valid config file: they are how one is made or found.
    match &cli.command {
        Some(CliCommand::Config(crate::cli::ConfigCommand::Path)) => {
            return settings::path(
                &Output::new(cli.json, Default::default()).with_format(cli.format),
            );
        }
        Some(CliCommand::Config(crate::cli::ConfigCommand::Init { force })) => {
            return settings::init(*force);
        }
        Some(CliCommand::Completions { shell }) => return settings::completions(*shell),
        Some(CliCommand::Man) => return settings::man(),
        Some(CliCommand::Sandbox {
            listen,
            port_file,
            request_log,
            fault,
            reservation_ttl,
            seed,
            rate_limit,
        }) => {
            let config = ServiceConfig {
                listen: *listen,
                sandbox: SandboxConfig {
                    seed: *seed,
                    reservation_ttl: std::time::Duration::from_secs(*reservation_ttl),
                    rate_limit: *rate_limit,
                },
                port_file: port_file.clone(),
                request_log: request_log.clone(),
                faults: fault.clone(),
            };
            return session::serve_sandbox(config).await;
        }
        _ => {}
    }
    let settings = Settings::load(&overrides)?;
    let route = Route::resolve(&settings, cli.sandbox)?;
    catalogue::set_mode(match (&route, cli.refresh) {
        (Route::Live { .. }, false) => catalogue::Mode::Use,
        (Route::Live { .. }, true) => catalogue::Mode::Refresh,
        (Route::Sandbox { .. }, _) => catalogue::Mode::Off,
    });
    let mut ctx = Context {
        out: Output::new(cli.json, settings.theme).with_format(cli.format),
        settings,
        route,
        clients: Mutex::new(Vec::new()),
    };
    let Some(command) = cli.command else {
        return session::wizard(&ctx).await;
    };
    ctx.route.check(&command)?;
    let backend = ctx.route.backend();
    ctx.out = ctx
        .out
        .for_backend(&backend, backend::order_name(&command).is_some());
    if let (Some(note), false) = (ctx.route.note(), is_config(&command)) {
        output::note(note);
    }
    let verbose = cli.verbose;
    let result = run_command(&ctx, command).await;
    if verbose {
        let sent = ctx.requests_sent();
        output::note(&format!(
            "numpick: {} sent to the {} API",
            crate::wording::counted(usize::try_from(sent).unwrap_or(usize::MAX), "request"),
            backend::backend_name(&backend)
        ));
    }
    result
}

/// Runs one subcommand (not those handled before the config is read).
async fn run_command(ctx: &Context, command: CliCommand) -> Result<u8, Failure> {
    match command {
        CliCommand::Regions(country) => browse::regions(ctx, &country).await,
        CliCommand::Cities { country, region } => browse::cities(ctx, &country, region).await,
        CliCommand::Types { country } => browse::types(ctx, country.as_deref()).await,
        CliCommand::Requirements { country, did_type } => {
            browse::requirements(ctx, &country, did_type).await
        }
        CliCommand::Groups {
            country,
            region,
            city,
            city_name,
            did_type,
        } => {
            let filters = browse::GroupFilters {
                region,
                city,
                city_name,
                did_type,
            };
            browse::groups(ctx, &country, filters).await
        }
        CliCommand::Numbers {
            group_id: Some(group_id),
            contains,
            limit,
            memorable,
            max_credits,
            ..
        } => {
            let args = numbers::NumbersArgs {
                contains: contains.as_deref(),
                limit,
                memorable,
                max_credits,
            };
            numbers::numbers(ctx, &group_id, &args).await
        }
        CliCommand::Numbers {
            group_id: None,
            contains,
            place,
            max_credits,
            ..
        } => everywhere::numbers(ctx, &place, contains.as_deref(), max_credits).await,
        CliCommand::Reserve {
            group_id,
            number,
            reference,
        } => reservations::reserve(ctx, &group_id, number.as_deref(), reference.as_ref()).await,
        CliCommand::Reservations => reservations::list(ctx).await,
        CliCommand::Cancel { uuid } => reservations::cancel(ctx, &uuid).await,
        CliCommand::Buy(args) => buy::buy(ctx, &args).await,
        CliCommand::Owned => owned::owned(ctx).await,
        CliCommand::Release {
            target,
            yes,
            dry_run,
        } => owned::release(ctx, &target, yes, dry_run).await,
        CliCommand::History {
            reference,
            since,
            csv,
        } => {
            let args = history::HistoryArgs {
                reference: reference.as_deref(),
                since: since.as_deref(),
                csv,
            };
            history::history(ctx, &args)
        }
        CliCommand::Account => account::account(ctx).await,
        CliCommand::Config(crate::cli::ConfigCommand::Show) => settings::show(ctx),
        CliCommand::Auth(crate::cli::AuthCommand::Login) => auth::login(ctx),
        CliCommand::Auth(crate::cli::AuthCommand::Status) => auth::status(ctx),
        CliCommand::Auth(crate::cli::AuthCommand::Logout) => auth::logout(),
        CliCommand::Journal(crate::cli::JournalCommand::Pending) => journal::pending(ctx),
        CliCommand::Journal(crate::cli::JournalCommand::Resolve { intent, verdict }) => {
            journal::resolve(ctx, &intent, verdict.bought)
        }
        CliCommand::Config(_)
        | CliCommand::Completions { .. }
        | CliCommand::Man
        | CliCommand::Sandbox { .. } => {
            unreachable!("handled before the config is read")
        }
    }
}

/// Whether `command` only shows settings or the journal, and talks to no API.
fn is_config(command: &CliCommand) -> bool {
    matches!(
        command,
        CliCommand::Config(_) | CliCommand::Journal(_) | CliCommand::Auth(_)
    )
}

/// What every command works with: the settings in force, how to print, and where requests go.
pub struct Context {
    pub(crate) settings: Settings,
    pub out: Output,
    route: Route,
    /// Every client connected, for `--verbose`'s count of requests sent.
    clients: Mutex<Vec<Client>>,
}

impl Context {
    /// The country given on the command line (a code or a name), else the config's
    /// `default_country`.
    pub fn country(&self, arg: Option<&str>) -> Result<CountryCode, Failure> {
        match arg {
            Some(text) => resolve::country(text),
            None => self.settings.default_country.clone().ok_or_else(|| {
                Failure::usage(
                    "give a country (two letters, such as US or DE), or set default_country in the config file",
                )
            }),
        }
    }

    /// How many requests the command's clients have sent.
    pub fn requests_sent(&self) -> u64 {
        let clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        clients.iter().map(Client::requests_sent).sum()
    }

    /// Keeps `client`, to count what it sends.
    fn track(&self, client: &Client) {
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        clients.push(client.clone());
    }

    /// [`Context::country`] of a positional country argument.
    pub(crate) fn country_arg(&self, arg: &CountryArg) -> Result<CountryCode, Failure> {
        self.country(arg.country.as_deref())
    }

    /// Connects: to the API with the key, or to a sandbox started here (without a key, or
    /// with `--sandbox`).
    pub async fn connect(&self) -> Result<Connection, Failure> {
        let settings = &self.settings;
        let configure = |base_url: &str, key: SecretString| {
            let mut config = ClientConfig::new(base_url, Some(key));
            config.connect_timeout = settings.connect_timeout;
            config.request_timeout = settings.request_timeout;
            config.allow_insecure_http = settings.allow_insecure_http;
            config
        };
        match &self.route {
            Route::Live { key, source } => {
                tracing::info!(?source, base_url = %settings.base_url, "using the live API");
                let client = Client::new(configure(&settings.base_url, key.clone()))?;
                self.track(&client);
                Ok(Connection {
                    client,
                    backend: Backend::Live,
                    _sandbox: None,
                    scratch: None,
                })
            }
            Route::Sandbox { chosen } => {
                if settings.base_url_source != Source::Default && !chosen {
                    output::note(
                        "numpick: no API key is set (TWOCHAT_API_KEY or key_file): using the embedded sandbox, not the --base-url given",
                    );
                }
                let running = sandbox::spawn(SandboxConfig::default())
                    .await
                    .map_err(|error| {
                        Failure::other(format!("cannot start the embedded sandbox: {error}"))
                    })?;
                // Not a word the sandbox's own texts use: answers are redacted of the key.
                let key = SecretString::from("numpick-embedded-sandbox".to_owned());
                let client = Client::new(configure(&running.base_url(), key))?;
                self.track(&client);
                Ok(Connection {
                    client,
                    backend: Backend::Sandbox,
                    _sandbox: Some(running),
                    scratch: None,
                })
            }
        }
    }
}

/// A client ready to use, and what keeps its sandbox (if any) running.
pub struct Connection {
    pub client: Client,
    pub backend: Backend,
    _sandbox: Option<RunningSandbox>,
    /// The sandbox's throwaway journal folder, removed when the command ends.
    scratch: Option<tempfile::TempDir>,
}

impl Connection {
    /// The journal's path: the usual one on the live API; on the sandbox, whose state ends
    /// with the command, a throwaway one in a temporary folder.
    pub fn journal_path(&mut self) -> Result<PathBuf, Failure> {
        match self.backend {
            Backend::Live => Journal::default_path()
                .ok_or_else(|| Failure::other("no folder for the journal is known (is HOME set?)")),
            Backend::Sandbox => {
                if self.scratch.is_none() {
                    let dir = tempfile::Builder::new()
                        .prefix("numpick-sandbox-")
                        .tempdir()
                        .map_err(|error| {
                            Failure::other(format!("cannot make a temporary folder: {error}"))
                        })?;
                    self.scratch = Some(dir);
                }
                let dir = self.scratch.as_ref().map(|d| d.path().to_owned());
                Ok(dir.unwrap_or_default().join("journal.jsonl"))
            }
        }
    }

    /// Opens the journal for appending.
    pub(crate) fn open_journal(&mut self) -> Result<Mutex<Journal>, Failure> {
        let path = self.journal_path()?;
        Journal::open(&path).map(Mutex::new).map_err(|error| {
            Failure::other(format!(
                "cannot open the journal {}: {error}",
                path.display()
            ))
        })
    }
}
