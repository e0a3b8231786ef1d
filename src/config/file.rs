//! The config file: its keys, reading and checking it, and the commented default that
//! `numpick config init` writes.

use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ConfigError;
use crate::api::model::CountryCode;
use crate::money::Currency;
use crate::private_files;
use crate::ui::theme::ThemeName;

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
