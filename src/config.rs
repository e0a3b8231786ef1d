//! Where numpick connects, with which key, and where it writes its files.

use std::path::PathBuf;

use secrecy::SecretString;

/// The environment variable holding the API key.
pub const API_KEY_VAR: &str = "TWOCHAT_API_KEY";

/// The API key from the environment, if set and not blank. The key is kept as a secret from
/// here on: it is never printed, logged or shown.
pub fn api_key_from_env() -> Option<SecretString> {
    let key = std::env::var(API_KEY_VAR).ok()?;
    let key = key.trim();
    (!key.is_empty()).then(|| SecretString::from(key.to_owned()))
}

/// The folder numpick keeps its state in (log, journal): the platform's state or data folder.
pub fn state_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "numpick")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}
