//! `auth login|status|logout`: the API key in the OS keyring ([`crate::keyring_store`]).
//!
//! `login` reads the key from a prompt that does not echo (or one line of stdin when that is
//! not a terminal: `pass show 2chat | numpick auth login`), never from an argument, where
//! the shell's history and `ps` would show it. The keyring is asked first, so that without
//! one nobody types a key for nothing: the `key_file` alternative is explained instead.
//! `status` says where the key in force comes from, never the key.

use std::io::{BufRead, IsTerminal};

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use zeroize::Zeroize;

use crate::config::{KeySource, api_key_from_env};
use crate::keyring_store::{self, KEY_FILE_ADVICE, Lookup};

use super::exit::{Failure, OK, OTHER, USAGE};
use super::{Context, output};

/// `auth login`.
pub(super) fn login(ctx: &Context) -> Result<u8, Failure> {
    if let Lookup::Unavailable(reason) = keyring_store::read() {
        return Err(no_keyring(&reason));
    }
    let key = read_key()?;
    keyring_store::store(&key).map_err(|reason| no_keyring(&reason))?;
    let mut message = "numpick: the key is stored in the keyring".to_owned();
    if api_key_from_env()?.is_some() {
        message.push_str("; TWOCHAT_API_KEY is set and goes first while it is");
    }
    output::note(&message);
    status_quietly(ctx);
    Ok(OK)
}

/// `auth logout`.
pub(super) fn logout() -> Result<u8, Failure> {
    match keyring_store::remove() {
        Ok(true) => output::note("numpick: the key was removed from the keyring"),
        Ok(false) => output::note("numpick: the keyring held no key of numpick"),
        Err(reason) => return Err(no_keyring(&reason)),
    }
    Ok(OK)
}

/// `auth status`: where the key in force comes from, and whether a keyring is there.
pub(super) fn status(ctx: &Context) -> Result<u8, Failure> {
    let source = ctx.settings.api_key()?.map(|(_, source)| source);
    let keyring = match keyring_store::read() {
        Lookup::Found(_) => "holds a key".to_owned(),
        Lookup::Absent => "holds no key".to_owned(),
        Lookup::Unavailable(reason) => format!("unavailable ({reason})"),
    };
    if ctx.out.json {
        #[derive(Serialize)]
        struct Doc<'a> {
            key_source: Option<KeySource>,
            keyring: &'a str,
        }
        ctx.out.print_json(&Doc {
            key_source: source,
            keyring: &keyring,
        })?;
    } else {
        ctx.out
            .print_fields(&[("Key", describe(source, ctx)), ("Keyring", keyring)]);
    }
    Ok(OK)
}

fn describe(source: Option<KeySource>, ctx: &Context) -> String {
    match source {
        Some(KeySource::Env) => "set, from TWOCHAT_API_KEY".to_owned(),
        Some(KeySource::Keyring) => "set, from the keyring".to_owned(),
        Some(KeySource::File) => format!(
            "set, from key_file {}",
            (ctx.settings.key_file.as_deref())
                .map_or_else(String::new, |p| p.display().to_string())
        ),
        None => "none: commands run on the embedded sandbox".to_owned(),
    }
}

/// After a login, which key is in force (a key in the environment goes first).
fn status_quietly(ctx: &Context) {
    if let Ok(source) = ctx.settings.api_key() {
        output::note(&format!(
            "numpick: key in force: {}",
            describe(source.map(|(_, s)| s), ctx)
        ));
    }
}

fn no_keyring(reason: &str) -> Failure {
    Failure::new(
        OTHER,
        format!("no keyring can be used here ({reason}): {KEY_FILE_ADVICE}"),
    )
}

/// The key, from a prompt without echo on a terminal, else one line of stdin.
fn read_key() -> Result<SecretString, Failure> {
    let mut text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("2Chat API key (not shown): ")
            .map_err(|error| Failure::other(format!("cannot read the key: {error}")))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|error| Failure::other(format!("cannot read the key: {error}")))?;
        line
    };
    let key = SecretString::from(text.trim());
    text.zeroize();
    if key.expose_secret().is_empty() {
        return Err(Failure::new(USAGE, "no key was given: nothing was stored"));
    }
    Ok(key)
}
