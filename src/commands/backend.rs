//! Which API a command talks to, decided once per run: the live API with a key, or the
//! embedded sandbox — and never the sandbox by accident.
//!
//! - `TWOCHAT_API_KEY` set but blank is an error (exit 4), not "no key": that is what a missing
//!   CI secret becomes.
//! - Without a key, reading commands run on the sandbox and say so on stderr each time.
//! - Without a key, orders (`reserve`, `buy`, `cancel`) are refused (exit 4) unless `--sandbox`
//!   asks for the sandbox on purpose; `--sandbox` also overrides a key that is set.
//! - Every JSON document names the backend, and the receipts of orders on the sandbox say
//!   "(sandbox)" ([`super::output::Output::for_backend`]).

use secrecy::SecretString;

use crate::api::Backend;
use crate::cli::CliCommand;
use crate::config::{KeySource, Settings, api_key_from_env};

use super::exit::{Failure, UNAUTHORIZED};

/// Where this run's requests go.
pub(super) enum Route {
    /// The live API, with the key and where it came from.
    Live {
        key: SecretString,
        source: KeySource,
    },
    /// The embedded sandbox: `chosen` when `--sandbox` asked for it, else for want of a key.
    Sandbox { chosen: bool },
}

impl Route {
    /// The route for these settings: `--sandbox` (`sandbox_flag`) forces the sandbox, else a
    /// key means the live API. A blank `TWOCHAT_API_KEY` is refused either way.
    pub(super) fn resolve(settings: &Settings, sandbox_flag: bool) -> Result<Self, Failure> {
        if sandbox_flag {
            api_key_from_env()?;
            return Ok(Self::Sandbox { chosen: true });
        }
        Ok(match settings.api_key()? {
            Some((key, source)) => Self::Live { key, source },
            None => Self::Sandbox { chosen: false },
        })
    }

    pub(super) fn backend(&self) -> Backend {
        match self {
            Self::Live { .. } => Backend::Live,
            Self::Sandbox { .. } => Backend::Sandbox,
        }
    }

    /// Refuses `command` when it is an order that would run on the sandbox only because no
    /// key is set. Nothing has been sent when this refuses.
    pub(super) fn check(&self, command: &CliCommand) -> Result<(), Failure> {
        match (self, order_name(command)) {
            (Self::Sandbox { chosen: false }, Some(name)) => Err(Failure::new(
                UNAUTHORIZED,
                format!(
                    "no TWOCHAT_API_KEY (nor key_file) is set, so `{name}` would run on the embedded sandbox, where nothing is real: pass --sandbox to do that on purpose (nothing was sent)"
                ),
            )),
            _ => Ok(()),
        }
    }

    /// What stderr says before a command runs on the sandbox.
    pub(super) fn note(&self) -> Option<&'static str> {
        match self {
            Self::Live { .. } => None,
            Self::Sandbox { chosen: false } => Some(
                "numpick: no TWOCHAT_API_KEY — using the embedded sandbox; nothing here is real",
            ),
            Self::Sandbox { chosen: true } => {
                Some("numpick: --sandbox — using the embedded sandbox; nothing here is real")
            }
        }
    }
}

/// The backend as JSON documents name it.
pub(super) fn backend_name(backend: &Backend) -> &'static str {
    match backend {
        Backend::Live => "live",
        Backend::Sandbox => "sandbox",
    }
}

/// The name of `command` when it orders something (reserves, buys or cancels).
pub(super) fn order_name(command: &CliCommand) -> Option<&'static str> {
    match command {
        CliCommand::Reserve { .. } => Some("reserve"),
        CliCommand::Buy(_) => Some("buy"),
        CliCommand::Cancel { .. } => Some("cancel"),
        CliCommand::Release { .. } => Some("release"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::BuyArgs;

    fn buy() -> CliCommand {
        CliCommand::Buy(BuyArgs {
            group_id: Some("g".into()),
            reservation: Vec::new(),
            number: None,
            country: None,
            region: None,
            yes: true,
            dry_run: false,
            reference: None,
            find: Default::default(),
        })
    }

    #[test]
    fn orders_need_a_key_or_sandbox_on_purpose() {
        let accidental = Route::Sandbox { chosen: false };
        let refused = accidental.check(&buy()).unwrap_err();
        assert_eq!(refused.code, UNAUTHORIZED);
        assert!(refused.message.contains("--sandbox") && refused.message.contains("`buy`"));
        let cancel = CliCommand::Cancel { uuid: "u".into() };
        assert_eq!(accidental.check(&cancel).unwrap_err().code, UNAUTHORIZED);
        assert!(
            accidental
                .check(&CliCommand::Types { country: None })
                .is_ok()
        );
        assert!(Route::Sandbox { chosen: true }.check(&buy()).is_ok());
        let live = Route::Live {
            key: SecretString::from("k".to_owned()),
            source: KeySource::Env,
        };
        assert!(live.check(&buy()).is_ok());
        assert_eq!(live.note(), None);
        assert_eq!(live.backend(), Backend::Live);
        assert!(accidental.note().unwrap().contains("no TWOCHAT_API_KEY"));
    }
}
