//! `config path|init|show` and `completions`: the command's own setup.

use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::Shell;
use serde::Serialize;

use crate::cli::{Cli, CompletionShell};
use crate::config::{self, ConfigError, KeySource, Source};
use crate::journal::Journal;
use crate::ui::theme::ThemeName;

use super::Context;
use super::exit::{Failure, OK};
use super::output::{Output, or_dash};

fn config_path() -> Result<PathBuf, Failure> {
    crate::folders::config_path().ok_or_else(|| ConfigError::NoConfigDir.into())
}

pub(super) fn path(out: &Output) -> Result<u8, Failure> {
    let path = config_path()?;
    if out.json {
        #[derive(Serialize)]
        struct Doc {
            config_file: PathBuf,
        }
        out.print_json(&Doc { config_file: path })?;
    } else {
        out.print_raw(&format!("{}\n", path.display()));
    }
    Ok(OK)
}

pub(super) fn init(force: bool) -> Result<u8, Failure> {
    let path = config_path()?;
    config::write_default(&path, force)?;
    super::output::note(&format!("numpick: wrote {}", path.display()));
    Ok(OK)
}

/// `numpick man`: the manual page, from the same definitions as `--help`.
pub(super) fn man() -> Result<u8, Failure> {
    let command = Cli::command().version(env!("NUMPICK_LONG_VERSION"));
    let mut text = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut text)
        .map_err(|error| Failure::other(format!("cannot write the manual page: {error}")))?;
    Output::new(false, ThemeName::NoColor).print_raw(&String::from_utf8_lossy(&text));
    Ok(OK)
}

pub(super) fn completions(shell: CompletionShell) -> Result<u8, Failure> {
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
    };
    let mut text = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "numpick", &mut text);
    Output::new(false, ThemeName::NoColor).print_raw(&String::from_utf8_lossy(&text));
    Ok(OK)
}

/// The settings in force, as `config show --json` prints them. Never the key itself.
#[derive(Debug, Serialize)]
struct Shown {
    config_file: Option<PathBuf>,
    config_file_found: bool,
    base_url: String,
    base_url_source: Source,
    default_country: Option<String>,
    key_set: bool,
    key_source: Option<KeySource>,
    key_file: Option<PathBuf>,
    connect_timeout_secs: u64,
    request_timeout_secs: u64,
    settle_window_secs: u64,
    theme: &'static str,
    theme_source: Source,
    currency: crate::money::Currency,
    log_file: Option<PathBuf>,
    journal: Option<PathBuf>,
}

pub(super) fn show(ctx: &Context) -> Result<u8, Failure> {
    let settings = &ctx.settings;
    // Reading the key checks the key file too; only where it came from is shown.
    let key_source = settings.api_key()?.map(|(_, source)| source);
    let shown = Shown {
        config_file: settings.config_file.clone(),
        config_file_found: settings.config_file_found,
        base_url: settings.base_url.clone(),
        base_url_source: settings.base_url_source,
        default_country: settings.default_country.as_ref().map(ToString::to_string),
        key_set: key_source.is_some(),
        key_source,
        key_file: settings.key_file.clone(),
        connect_timeout_secs: settings.connect_timeout.as_secs(),
        request_timeout_secs: settings.request_timeout.as_secs(),
        settle_window_secs: settings.settle_window.as_secs(),
        theme: match settings.theme {
            ThemeName::Default => "default",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::NoColor => "no-color",
        },
        theme_source: settings.theme_source,
        currency: settings.currency,
        log_file: crate::logging::log_path(),
        journal: Journal::default_path(),
    };
    if ctx.out.json {
        ctx.out.print_json(&shown)?;
        return Ok(OK);
    }
    let path = |p: &Option<PathBuf>| or_dash(p.as_ref().map(|p| p.display().to_string()));
    let key = match shown.key_source {
        Some(KeySource::Env) => "set (from TWOCHAT_API_KEY)".to_owned(),
        Some(KeySource::Keyring) => "set (from the keyring)".to_owned(),
        Some(KeySource::File) => "set (from key_file)".to_owned(),
        None => "not set: the embedded sandbox is used".to_owned(),
    };
    let found = if shown.config_file_found {
        ""
    } else {
        " (not found)"
    };
    ctx.out.print_fields(&[
        (
            "config_file",
            format!("{}{found}", path(&shown.config_file)),
        ),
        (
            "base_url",
            format!("{} ({})", shown.base_url, shown.base_url_source),
        ),
        ("default_country", or_dash(shown.default_country.as_deref())),
        ("key", key),
        ("key_file", path(&shown.key_file)),
        (
            "connect_timeout_secs",
            shown.connect_timeout_secs.to_string(),
        ),
        (
            "request_timeout_secs",
            shown.request_timeout_secs.to_string(),
        ),
        ("settle_window_secs", shown.settle_window_secs.to_string()),
        ("theme", format!("{} ({})", shown.theme, shown.theme_source)),
        ("currency", shown.currency.to_string()),
        ("log_file", path(&shown.log_file)),
        ("journal", path(&shown.journal)),
    ]);
    Ok(OK)
}
