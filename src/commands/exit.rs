//! Exit codes a script can act on, and the one failure type of the subcommands.
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | done |
//! | 1 | any other failure (a bad config file, an unreadable key file, a local I/O error) |
//! | 2 | usage: bad arguments (clap's own, and values numpick checks), `buy` without --yes off a terminal |
//! | 3 | refused by the API |
//! | 4 | unauthorized: the API refused the key, `TWOCHAT_API_KEY` is set but blank, or an order without a key and without `--sandbox` |
//! | 5 | rate limited |
//! | 6 | a purchase's outcome is unknown, even after settling |
//! | 7 | unreachable, or no answer in time |

use crate::api::ApiError;
use crate::config::ConfigError;

pub const OK: u8 = 0;
pub(crate) const OTHER: u8 = 1;
pub(crate) const USAGE: u8 = 2;
pub(crate) const REFUSED: u8 = 3;
pub const UNAUTHORIZED: u8 = 4;
pub(crate) const RATE_LIMITED: u8 = 5;
pub(crate) const OUTCOME_UNKNOWN: u8 = 6;
pub(crate) const UNREACHABLE: u8 = 7;

/// The exit code for an API error: the one place errors become codes.
pub(crate) fn code_for(error: &ApiError) -> u8 {
    match error {
        ApiError::Refused { .. } => REFUSED,
        ApiError::Unauthorized { .. } => UNAUTHORIZED,
        ApiError::RateLimited { .. } | ApiError::WaitTooLong { .. } => RATE_LIMITED,
        ApiError::OutcomeUnknown { .. } => OUTCOME_UNKNOWN,
        ApiError::Unreachable { .. } | ApiError::TimedOut { .. } => UNREACHABLE,
        // A gateway's error page (502, 503, 504): the API is not reachable behind it.
        ApiError::UnexpectedBody { status, .. } if *status >= 500 => UNREACHABLE,
        ApiError::UnexpectedBody { .. } | ApiError::NotSent { .. } | ApiError::Config { .. } => {
            OTHER
        }
    }
}

/// Why a subcommand failed: the exit code and a message for stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub(crate) fn new(code: u8, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// A bad argument (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self::new(USAGE, message)
    }

    /// Anything else that went wrong locally (exit 1).
    pub(crate) fn other(message: impl Into<String>) -> Self {
        Self::new(OTHER, message)
    }
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Self {
        Self::new(code_for(&error), error.to_string())
    }
}

impl From<ConfigError> for Failure {
    fn from(error: ConfigError) -> Self {
        match error {
            // A blank key is a key problem, as the API refusing one is.
            ConfigError::EmptyKey => Self::new(UNAUTHORIZED, error.to_string()),
            error => Self::other(error.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn every_error_class_has_its_code() {
        let refused = ApiError::Refused {
            status: 409,
            message: "taken".into(),
        };
        assert_eq!(code_for(&refused), REFUSED);
        let key = ApiError::Unauthorized {
            status: 401,
            message: "bad key".into(),
        };
        assert_eq!(code_for(&key), UNAUTHORIZED);
        let wait = ApiError::WaitTooLong {
            wait: Duration::from_secs(3600),
        };
        assert_eq!(code_for(&wait), RATE_LIMITED);
        assert_eq!(
            code_for(&ApiError::RateLimited { retry_after: None }),
            RATE_LIMITED
        );
        let unknown = ApiError::OutcomeUnknown {
            reason: "reset".into(),
        };
        assert_eq!(code_for(&unknown), OUTCOME_UNKNOWN);
        let timeout = ApiError::TimedOut {
            after: Duration::from_secs(1),
        };
        assert_eq!(code_for(&timeout), UNREACHABLE);
        let gateway = ApiError::UnexpectedBody {
            status: 502,
            excerpt: String::new(),
        };
        assert_eq!(code_for(&gateway), UNREACHABLE);
        let garbled = ApiError::UnexpectedBody {
            status: 200,
            excerpt: String::new(),
        };
        assert_eq!(code_for(&garbled), OTHER);
        assert_eq!(Failure::from(key).code, UNAUTHORIZED);
    }
}
