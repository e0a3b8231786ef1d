//! Where numpick connects, with which key, and where it writes its files.
//!
//! Settings come from, in order of precedence: command-line flags, the environment, the
//! config file (`config.toml` in the platform's config folder), then the defaults. The API key
//! never comes from a flag: it is read from `TWOCHAT_API_KEY`, or else from the file named by
//! the config's `key_file`, which must be readable by its owner only.

use std::fmt;
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::api::DEFAULT_BASE_URL;
use crate::api::model::CountryCode;
use crate::money::Currency;
use crate::private_files::{self, PrivacyError};
use crate::ui::theme::ThemeName;

/// The environment variable holding the API key.
pub(crate) const API_KEY_VAR: &str = "TWOCHAT_API_KEY";
/// The environment variable holding the API's address.
pub(crate) const BASE_URL_VAR: &str = "TWOCHAT_BASE_URL";
/// The environment variable asking for no colour (<https://no-color.org>).
pub(crate) const NO_COLOR_VAR: &str = "NO_COLOR";

/// The API key from the environment, if set. The key is kept as a secret from here on: it is
/// never printed, logged or shown. Set but empty or blank is an error, not "no key": that is
/// what a missing CI secret becomes, and it must not silently mean the sandbox.
pub(crate) fn api_key_from_env() -> Result<Option<SecretString>, ConfigError> {
    // The untrimmed copy is zeroed when dropped; the secret is the only copy that stays.
    let value =
        std::env::var_os(API_KEY_VAR).map(|v| Zeroizing::new(v.to_string_lossy().into_owned()));
    key_from_value(value.as_deref().map(String::as_str))
}

/// [`api_key_from_env`] of the variable's value, if it is set.
fn key_from_value(value: Option<&str>) -> Result<Option<SecretString>, ConfigError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let key = value.trim();
    if key.is_empty() {
        return Err(ConfigError::EmptyKey);
    }
    Ok(Some(SecretString::from(key.to_owned())))
}

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

/// The colours of the wizard and of tables, as chosen by `--theme` or the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeChoice {
    Default,
    HighContrast,
}

impl From<ThemeChoice> for ThemeName {
    fn from(choice: ThemeChoice) -> Self {
        match choice {
            ThemeChoice::Default => Self::Default,
            ThemeChoice::HighContrast => Self::HighContrast,
        }
    }
}

/// The keys of `config.toml`; each is optional, and an unknown key is an error (a typo would
/// otherwise be silently ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileConfig {
    pub base_url: Option<String>,
    pub default_country: Option<String>,
    pub key_file: Option<PathBuf>,
    pub connect_timeout_secs: Option<u64>,
    pub request_timeout_secs: Option<u64>,
    pub theme: Option<ThemeChoice>,
    pub allow_insecure_http: Option<bool>,
    pub currency: Option<String>,
    pub settle_window_secs: Option<u64>,
    pub(crate) search_confirm_above_credits: Option<u32>,
    pub expiry_alert_secs: Option<u64>,
    pub(crate) desktop_notifications: Option<bool>,
    pub mouse: Option<bool>,
}

impl FileConfig {
    /// Reads the file at `path`; a missing file is the empty config. A file of another user
    /// is refused; one that group or others can read is tightened to 0600 first.
    pub(crate) fn load(path: &Path) -> Result<Option<Self>, ConfigError> {
        let read_error = |source| ConfigError::Read {
            path: path.to_owned(),
            source,
        };
        let mut file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(read_error(source)),
        };
        private_files::make_private(&file, path)?;
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(read_error)?;
        Self::parse(&text)
            .map(Some)
            .map_err(|detail| ConfigError::Invalid {
                path: path.to_owned(),
                detail,
            })
    }

    /// Parses and checks the text of a config file.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let config: Self = toml::from_str(text).map_err(|error| error.to_string())?;
        if let Some(code) = &config.default_country
            && CountryCode::parse(code).is_none()
        {
            return Err(format!(
                "default_country {code:?} is not a two-letter country code"
            ));
        }
        if let Some(code) = &config.currency {
            code.parse::<Currency>()?;
        }
        for (name, value) in [
            ("connect_timeout_secs", config.connect_timeout_secs),
            ("request_timeout_secs", config.request_timeout_secs),
        ] {
            if value == Some(0) {
                return Err(format!("{name} must be at least 1"));
            }
        }
        Ok(config)
    }
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

/// Reads the key from `path`: the first line, trimmed. Refused when the file's mode lets
/// group or others read or write it.
pub(crate) fn read_key_file(path: &Path) -> Result<SecretString, ConfigError> {
    let key_error = |source| ConfigError::KeyFile {
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(key_error)?;
    let mode = metadata.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(ConfigError::KeyFileOpen {
            path: path.to_owned(),
            mode,
        });
    }
    // The whole file is zeroed when dropped; the secret is the only copy that stays.
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(key_error)?);
    let key = text.lines().next().unwrap_or_default().trim();
    if key.is_empty() {
        return Err(ConfigError::KeyFileEmpty {
            path: path.to_owned(),
        });
    }
    Ok(SecretString::from(key.to_owned()))
}

/// The text `numpick config init` writes: every key, commented out, with its default.
pub(crate) const DEFAULT_CONFIG: &str = r##"# numpick configuration. Every key is optional: remove the leading "# " to set one.
# Precedence: command-line flags, then environment variables, then this file, then defaults.

# The API's address. TWOCHAT_BASE_URL and --base-url take precedence.
# base_url = "https://api.p.2chat.io"

# The country used when a command is given none (ISO 3166-1, two letters).
# default_country = "US"

# A file holding the API key, used when TWOCHAT_API_KEY is not set. It must be readable by
# its owner only (chmod 600). The key itself is never written in this file.
# key_file = "~/.config/numpick/api-key"

# How long to wait for a connection, and for a whole request, in seconds.
# connect_timeout_secs = 5
# request_timeout_secs = 20

# Lets the key go to a plain http:// address that is not this machine. Off by default: over
# http the key travels in clear. --allow-insecure-http does the same for one command.
# allow_insecure_http = false

# When a purchase's answer is lost, how long (in seconds) numpick keeps looking for the number
# on the account before it may conclude that nothing was bought. 0 looks once.
# settle_window_secs = 120

# The colours: "default" or "high-contrast". NO_COLOR and --theme take precedence.
# theme = "default"

# The currency of the API's prices, shown beside every amount and in JSON ("currency").
# 2Chat bills in US dollars; set another three-letter code only if your account is billed
# in it.
# currency = "USD"

# The wizard asks before searching every group of a place when that costs more credits
# (requests) than this.
# search_confirm_above_credits = 5

# How many seconds before a reservation runs out the wizard rings the terminal's bell (once
# per reservation) and sends a desktop notification. 0 turns the alert off.
# expiry_alert_secs = 60

# Whether the expiry alert asks the terminal for a desktop notification (OSC 9) besides the
# bell.
# desktop_notifications = true

# Whether the wizard takes the mouse: the wheel scrolls lists, a click selects a row. Turn it
# off where the terminal's own text selection matters more.
# mouse = true
"##;

/// Writes [`DEFAULT_CONFIG`] to `path` with mode 0600; an existing file is replaced only
/// with `force`.
pub(crate) fn write_default(path: &Path, force: bool) -> Result<(), ConfigError> {
    let write_error = |source| ConfigError::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(dir) = path.parent() {
        private_files::create_private_dir(dir).map_err(write_error)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).mode(0o600);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = options.open(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            ConfigError::Exists {
                path: path.to_owned(),
            }
        } else {
            write_error(source)
        }
    })?;
    // A replaced file keeps its old mode: make it private as well.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .map_err(write_error)?;
    file.write_all(DEFAULT_CONFIG.as_bytes())
        .map_err(write_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn the_default_file_parses_to_nothing_set() {
        assert_eq!(FileConfig::parse(DEFAULT_CONFIG), Ok(FileConfig::default()));
    }

    #[test]
    fn flags_beat_env_beat_file_beat_defaults() {
        let file = FileConfig::parse("base_url = \"http://file\"\ntheme = \"high-contrast\"")
            .expect("valid");
        let flag = Overrides {
            base_url: Some("http://flag".into()),
            theme: Some(ThemeChoice::Default),
            allow_insecure_http: false,
        };
        let env = env_of(&[(BASE_URL_VAR, "http://env"), (NO_COLOR_VAR, "1")]);
        let all = Settings::resolve(&flag, &env, None, Some(file.clone()));
        assert_eq!(
            (all.base_url.as_str(), all.base_url_source),
            ("http://flag", Source::Flag)
        );
        assert_eq!(all.theme, ThemeName::Default);
        let no_flag = Settings::resolve(&Overrides::default(), &env, None, Some(file.clone()));
        assert_eq!(
            (no_flag.base_url.as_str(), no_flag.theme),
            ("http://env", ThemeName::NoColor)
        );
        let file_only = Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file));
        assert_eq!(file_only.base_url_source, Source::File);
        assert_eq!(file_only.theme, ThemeName::HighContrast);
        let none = Settings::resolve(
            &Overrides::default(),
            env_of(&[(NO_COLOR_VAR, "")]),
            None,
            None,
        );
        assert_eq!(
            (none.base_url.as_str(), none.theme),
            (DEFAULT_BASE_URL, ThemeName::Default)
        );
        assert_eq!(none.request_timeout, Duration::from_secs(20));
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        assert!(
            FileConfig::parse("base_ulr = \"x\"")
                .unwrap_err()
                .contains("base_ulr")
        );
        assert!(
            FileConfig::parse("default_country = \"USA\"")
                .unwrap_err()
                .contains("USA")
        );
        assert!(FileConfig::parse("request_timeout_secs = 0").is_err());
        assert!(FileConfig::parse("theme = \"pink\"").is_err());
    }

    #[test]
    fn a_key_set_but_blank_is_an_error_not_the_sandbox() {
        use secrecy::ExposeSecret;
        for blank in ["", "  ", "\t\n"] {
            let error = key_from_value(Some(blank)).unwrap_err();
            assert_eq!(
                error.to_string(),
                "TWOCHAT_API_KEY is set but empty; unset it to use the sandbox"
            );
        }
        assert!(key_from_value(None).unwrap().is_none());
        let key = key_from_value(Some(" sk-1 \n")).unwrap().unwrap();
        assert_eq!(key.expose_secret(), "sk-1");
    }

    #[test]
    fn insecure_http_is_allowed_by_the_flag_or_the_file_only() {
        let resolve = |flag: bool, file: &str| {
            let overrides = Overrides {
                allow_insecure_http: flag,
                ..Overrides::default()
            };
            let file = FileConfig::parse(file).expect("valid");
            Settings::resolve(&overrides, env_of(&[]), None, Some(file)).allow_insecure_http
        };
        assert!(!resolve(false, ""));
        assert!(!resolve(false, "allow_insecure_http = false"));
        assert!(resolve(false, "allow_insecure_http = true"));
        assert!(resolve(true, ""));
    }

    #[test]
    fn the_currency_is_usd_unless_the_file_names_another() {
        let resolve = |file: &str| {
            let file = FileConfig::parse(file).expect("valid");
            Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file)).currency
        };
        assert_eq!(resolve("").code(), "USD");
        assert_eq!(resolve("currency = \"eur\"").code(), "EUR");
        let error = FileConfig::parse("currency = \"euro\"").unwrap_err();
        assert!(error.contains("euro"), "{error}");
    }

    #[test]
    fn the_settle_window_is_two_minutes_unless_the_file_says_otherwise() {
        let window = |file: &str| {
            let file = FileConfig::parse(file).expect("valid");
            Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file)).settle_window
        };
        assert_eq!(window(""), Duration::from_secs(120));
        assert_eq!(window("settle_window_secs = 300"), Duration::from_secs(300));
        assert_eq!(window("settle_window_secs = 0"), Duration::ZERO);
    }

    #[test]
    fn the_search_confirmation_threshold_comes_from_the_file() {
        let resolve = |text: &str| {
            let file = FileConfig::parse(text).expect("valid");
            Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file))
                .search_confirm_above_credits
        };
        assert_eq!(resolve(""), 5);
        assert_eq!(resolve("search_confirm_above_credits = 20"), 20);
    }

    #[test]
    fn alerts_and_the_mouse_are_on_unless_the_file_turns_them_off() {
        let resolve = |text: &str| {
            let file = FileConfig::parse(text).expect("valid");
            Settings::resolve(&Overrides::default(), env_of(&[]), None, Some(file))
        };
        let defaults = resolve("");
        assert_eq!(defaults.expiry_alert, Some(Duration::from_secs(60)));
        assert!(defaults.desktop_notifications && defaults.mouse);
        assert_eq!(
            resolve("expiry_alert_secs = 120").expiry_alert,
            Some(Duration::from_secs(120))
        );
        assert_eq!(resolve("expiry_alert_secs = 0").expiry_alert, None);
        assert!(!resolve("desktop_notifications = false").desktop_notifications);
        assert!(!resolve("mouse = false").mouse);
        assert!(FileConfig::parse("mouse = \"no\"").is_err());
    }

    #[test]
    fn a_home_relative_key_file_is_expanded() {
        let file = FileConfig::parse("key_file = \"~/keys/2chat\"").expect("valid");
        let settings = Settings::resolve(
            &Overrides::default(),
            env_of(&[("HOME", "/home/op")]),
            None,
            Some(file),
        );
        assert_eq!(
            settings.key_file,
            Some(PathBuf::from("/home/op/keys/2chat"))
        );
    }
}
