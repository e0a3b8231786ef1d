//! The API key: from the environment, or from a key file that only its owner can read.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use secrecy::SecretString;
use zeroize::Zeroizing;

use super::{API_KEY_VAR, ConfigError};

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
pub(super) fn key_from_value(value: Option<&str>) -> Result<Option<SecretString>, ConfigError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let key = value.trim();
    if key.is_empty() {
        return Err(ConfigError::EmptyKey);
    }
    Ok(Some(SecretString::from(key.to_owned())))
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
