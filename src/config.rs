//! Where numpick connects, with which key, and where it writes its files.
//!
//! Settings come from, in order of precedence: command-line flags, the environment, the
//! config file (`config.toml` in the platform's config folder), then the defaults. The API key
//! never comes from a flag: it is read from `TWOCHAT_API_KEY`, or else from the file named by
//! the config's `key_file`, which must be readable by its owner only.
//!
//! This file merges the sources into [`Settings`]; `config/file.rs` reads and writes the
//! config file, `config/key.rs` finds the key.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::SecretString;
use serde::Serialize;

use crate::api::DEFAULT_BASE_URL;
use crate::api::model::CountryCode;
use crate::money::Currency;
use crate::private_files::PrivacyError;
use crate::ui::theme::ThemeName;

mod file;
mod key;

#[cfg(test)]
use file::DEFAULT_CONFIG;
pub(crate) use file::ThemeChoice;
pub(crate) use file::{FileConfig, write_default};
#[cfg(test)]
use key::key_from_value;
pub(crate) use key::{api_key_from_env, read_key_file};

/// The environment variable holding the API key.
pub(crate) const API_KEY_VAR: &str = "TWOCHAT_API_KEY";
/// The environment variable holding the API's address.
pub(crate) const BASE_URL_VAR: &str = "TWOCHAT_BASE_URL";
/// The environment variable asking for no colour (<https://no-color.org>).
pub(crate) const NO_COLOR_VAR: &str = "NO_COLOR";

/// Why the settings cannot be used. The texts name the file and what to do.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ConfigError {
    #[error("cannot read the config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the config file {path} is not valid: {detail}")]
    Invalid { path: PathBuf, detail: String },
    #[error(
        "the key file {path} is readable by group or others (mode {mode:04o}); run: chmod 600 {path}"
    )]
    KeyFileOpen { path: PathBuf, mode: u32 },
    #[error("cannot read the key file {path}: {source}")]
    KeyFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the key file {path} is empty")]
    KeyFileEmpty { path: PathBuf },
    #[error("the config file {path} exists already; pass --force to replace it")]
    Exists { path: PathBuf },
    #[error("cannot write the config file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no config folder is known on this system (is HOME set?)")]
    NoConfigDir,
    #[error("TWOCHAT_API_KEY is set but empty; unset it to use the sandbox")]
    EmptyKey,
    #[error("the config file is refused: {0}")]
    NotPrivate(#[from] PrivacyError),
}

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Source {
    Flag,
    Env,
    File,
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Flag => "flag",
            Self::Env => "env",
            Self::File => "file",
            Self::Default => "default",
        })
    }
}

/// The settings in force, every source merged. Holds no key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Settings {
    /// The config file, and whether it exists.
    pub config_file: Option<PathBuf>,
    pub config_file_found: bool,
    pub base_url: String,
    pub base_url_source: Source,
    pub default_country: Option<CountryCode>,
    pub key_file: Option<PathBuf>,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub theme: ThemeName,
    pub theme_source: Source,
    /// Whether the key may go to a plain-http address off this machine.
    pub allow_insecure_http: bool,
    /// The currency the API's prices are in (USD unless the file says otherwise).
    pub currency: Currency,
    /// How long after a purchase whose answer was lost numpick keeps looking for its number
    /// on the account before it may conclude that nothing was bought.
    pub settle_window: Duration,
    /// Above how many credits the wizard asks before searching every group of a place.
    pub(crate) search_confirm_above_credits: u32,
    /// How long before a reservation's end the wizard rings and notifies; `None`: never.
    pub(crate) expiry_alert: Option<Duration>,
    /// Whether the expiry alert also asks the terminal for a desktop notification (OSC 9).
    pub(crate) desktop_notifications: bool,
    /// Whether the wizard captures the mouse (wheel and clicks).
    pub mouse: bool,
}

/// The settle window when the config sets none: a server still working on a purchase when
/// the client gave up has this long to put the number on the account.
pub(crate) const DEFAULT_SETTLE_WINDOW: Duration = Duration::from_secs(120);

/// What the command line says about settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Overrides {
    pub base_url: Option<String>,
    pub theme: Option<ThemeChoice>,
    /// `--allow-insecure-http`: only ever turns the permission on.
    pub allow_insecure_http: bool,
}

impl Settings {
    /// Merges flags, the environment (read through `env`), the file and the defaults.
    pub(crate) fn resolve(
        overrides: &Overrides,
        env: impl Fn(&str) -> Option<String>,
        config_file: Option<PathBuf>,
        file: Option<FileConfig>,
    ) -> Self {
        let env = |name: &str| env(name).filter(|value| !value.trim().is_empty());
        let config_file_found = file.is_some();
        let file = file.unwrap_or_default();
        let (base_url, base_url_source) = if let Some(url) = &overrides.base_url {
            (url.clone(), Source::Flag)
        } else if let Some(url) = env(BASE_URL_VAR) {
            (url, Source::Env)
        } else if let Some(url) = file.base_url.clone() {
            (url, Source::File)
        } else {
            (DEFAULT_BASE_URL.to_owned(), Source::Default)
        };
        let (theme, theme_source) = if let Some(choice) = overrides.theme {
            (choice.into(), Source::Flag)
        } else if env(NO_COLOR_VAR).is_some() {
            (ThemeName::NoColor, Source::Env)
        } else if let Some(choice) = file.theme {
            (choice.into(), Source::File)
        } else {
            (ThemeName::Default, Source::Default)
        };
        let defaults = crate::api::ClientConfig::new("", None);
        let seconds = |value: Option<u64>, default| value.map_or(default, Duration::from_secs);
        Self {
            config_file,
            config_file_found,
            base_url,
            base_url_source,
            default_country: file.default_country.as_deref().and_then(CountryCode::parse),
            key_file: file.key_file.map(|path| expand_home(&path, env("HOME"))),
            connect_timeout: seconds(file.connect_timeout_secs, defaults.connect_timeout),
            request_timeout: seconds(file.request_timeout_secs, defaults.request_timeout),
            theme,
            theme_source,
            allow_insecure_http: overrides.allow_insecure_http
                || file.allow_insecure_http.unwrap_or(false),
            currency: file
                .currency
                .as_deref()
                .and_then(|code| code.parse().ok())
                .unwrap_or_default(),
            settle_window: seconds(file.settle_window_secs, DEFAULT_SETTLE_WINDOW),
            search_confirm_above_credits: file
                .search_confirm_above_credits
                .unwrap_or(crate::wizard::everywhere::DEFAULT_CONFIRM_ABOVE),
            expiry_alert: match file.expiry_alert_secs {
                Some(0) => None,
                seconds => {
                    Some(seconds.map_or(crate::wizard::DEFAULT_ALERT_BEFORE, Duration::from_secs))
                }
            },
            desktop_notifications: file.desktop_notifications.unwrap_or(true),
            mouse: file.mouse.unwrap_or(true),
        }
    }

    /// Reads the config file at its usual place and merges it with `overrides` and the
    /// process environment.
    pub(crate) fn load(overrides: &Overrides) -> Result<Self, ConfigError> {
        let path = crate::folders::config_path();
        let file = match &path {
            Some(path) => FileConfig::load(path)?,
            None => None,
        };
        Ok(Self::resolve(
            overrides,
            |name| std::env::var(name).ok(),
            path,
            file,
        ))
    }

    /// The API key and where it came from: `TWOCHAT_API_KEY`, else the OS keyring (`numpick
    /// auth login`), else the key file. A key file that group or others can read is refused,
    /// and so is a `TWOCHAT_API_KEY` set but blank. A keyring that cannot be reached is
    /// passed over (logged): most servers have none.
    pub(crate) fn api_key(&self) -> Result<Option<(SecretString, KeySource)>, ConfigError> {
        if let Some(key) = api_key_from_env()? {
            return Ok(Some((key, KeySource::Env)));
        }
        if std::env::var_os(NO_KEYRING_VAR).is_none() {
            match crate::keyring_store::read() {
                crate::keyring_store::Lookup::Found(key) => {
                    return Ok(Some((key, KeySource::Keyring)));
                }
                crate::keyring_store::Lookup::Absent => {}
                crate::keyring_store::Lookup::Unavailable(reason) => {
                    tracing::debug!(%reason, "no keyring");
                }
            }
        }
        match &self.key_file {
            Some(path) => Ok(Some((read_key_file(path)?, KeySource::File))),
            None => Ok(None),
        }
    }
}

/// Where the API key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum KeySource {
    Env,
    Keyring,
    File,
}

/// Set (to anything), numpick does not look in the OS keyring: for tests and for hosts
/// where asking it is unwelcome.
pub(crate) const NO_KEYRING_VAR: &str = "NUMPICK_NO_KEYRING";

/// `~/x` → `$HOME/x`; any other path is kept as written.
fn expand_home(path: &Path, home: Option<String>) -> PathBuf {
    match (path.strip_prefix("~"), home) {
        (Ok(rest), Some(home)) => Path::new(&home).join(rest),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests;
