//! The API key in the OS keyring: the Secret Service (GNOME Keyring, KWallet) over D-Bus on
//! Linux, the Keychain on macOS; `numpick auth login|status|logout` put it there, show where
//! it comes from and take it away.
//!
//! A keyring may be missing (a bare SSH host has no D-Bus session, CI has no unlocked
//! keyring): then reading finds nothing and numpick goes on to `key_file`, and storing
//! explains that alternative. Nothing here ever shows the key.

use secrecy::{ExposeSecret, SecretString};

/// The keyring entry's service and user names.
const SERVICE: &str = "numpick";
const USER: &str = "2chat-api-key";

/// What the keyring holds.
#[derive(Debug)]
pub(crate) enum Lookup {
    Found(SecretString),
    /// The keyring answered: no key is stored.
    Absent,
    /// No keyring could be reached (the reason, for people).
    Unavailable(String),
}

/// What to do without a keyring, in one sentence.
pub(crate) const KEY_FILE_ADVICE: &str = "put the key in a file only you can read (chmod 600) and name it in the config file: key_file = \"~/.config/numpick/api-key\" (see `numpick config init`), or set TWOCHAT_API_KEY";

#[cfg(any(target_os = "linux", target_os = "macos"))]
mod platform {
    use super::{Lookup, SERVICE, USER};

    fn entry() -> Result<keyring::Entry, String> {
        keyring::Entry::new(SERVICE, USER).map_err(|error| error.to_string())
    }

    pub(super) fn read() -> Lookup {
        let entry = match entry() {
            Ok(entry) => entry,
            Err(reason) => return Lookup::Unavailable(reason),
        };
        match entry.get_password() {
            Ok(key) => Lookup::Found(secrecy::SecretString::from(key)),
            Err(keyring::Error::NoEntry) => Lookup::Absent,
            Err(error) => Lookup::Unavailable(error.to_string()),
        }
    }

    pub(super) fn store(key: &str) -> Result<(), String> {
        entry()?
            .set_password(key)
            .map_err(|error| error.to_string())
    }

    pub(super) fn remove() -> Result<bool, String> {
        match entry()?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(error) => Err(error.to_string()),
        }
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
mod platform {
    use super::Lookup;

    const NONE: &str = "numpick knows no keyring on this system";

    pub fn read() -> Lookup {
        Lookup::Unavailable(NONE.to_owned())
    }

    pub fn store(_key: &str) -> Result<(), String> {
        Err(NONE.to_owned())
    }

    pub(crate) fn remove() -> Result<bool, String> {
        Err(NONE.to_owned())
    }
}

/// The key stored in the keyring, if a keyring can be reached and holds one. A blank stored
/// key counts as none.
pub(crate) fn read() -> Lookup {
    match platform::read() {
        Lookup::Found(key) if key.expose_secret().trim().is_empty() => Lookup::Absent,
        Lookup::Found(key) => Lookup::Found(SecretString::from(key.expose_secret().trim())),
        other => other,
    }
}

/// Stores `key`, replacing any stored before.
pub(crate) fn store(key: &SecretString) -> Result<(), String> {
    platform::store(key.expose_secret())
}

/// Removes the stored key; `false` when there was none.
pub(crate) fn remove() -> Result<bool, String> {
    platform::remove()
}
