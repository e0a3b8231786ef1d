//! The one error type of the API client.
//!
//! Every text here is meant for the operator and says what to do next. None of them holds the
//! API key, a URL, a header or a raw answer body: messages from the API are passed through
//! [`sanitize_text`](super::sanitize::sanitize_text), and an unreadable body is kept only as a
//! short excerpt in a field that `Display` never shows.

use std::fmt;
use std::time::Duration;

/// Why a call to the Numbers API did not give its answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The API refused the key (HTTP 401/403, or a refusal that speaks of the key).
    #[error("the API refused the key (HTTP {status}): {message}; check TWOCHAT_API_KEY")]
    Unauthorized { status: u16, message: String },

    /// The account's per-minute request limit is reached.
    #[error("{}", rate_limited_text(*retry_after))]
    RateLimited { retry_after: Option<Duration> },

    /// The API answered with its error envelope; `message` is its `error_message`, cleaned.
    #[error("the API refused the request (HTTP {status}): {message}")]
    Refused { status: u16, message: String },

    /// No connection could be made (DNS, refused, unreachable network).
    #[error("could not reach the API: {detail}; check the network connection and the API address")]
    Unreachable { detail: String },

    /// No complete answer arrived in time.
    #[error("the API did not answer within {}; try again", Wait(*after))]
    TimedOut { after: Duration },

    /// The answer was not the JSON the contract describes (an HTML error page, a truncated
    /// body, …). `excerpt` holds its beginning, cleaned, for the log only.
    #[error("the server sent an answer numpick could not read (HTTP {status})")]
    UnexpectedBody { status: u16, excerpt: String },

    /// The server asked to wait longer before a retry than numpick waits on its own.
    #[error("the API asks to wait {} before trying again, longer than numpick waits on its own; try again later", Wait(*wait))]
    WaitTooLong { wait: Duration },

    /// A purchase was sent but its result is not known: it may have been applied. The
    /// account's numbers tell whether it was.
    #[error(
        "the purchase may or may not have gone through ({reason}); check the account's numbers before buying again"
    )]
    OutcomeUnknown { reason: String },

    /// numpick decided not to send the request (for a purchase: it could not be recorded in
    /// the journal first). Nothing reached the API.
    #[error("nothing was sent: {detail}")]
    NotSent { detail: String },

    /// The client could not be set up (a bad base URL, a key that cannot be sent, …).
    #[error("the API client cannot be set up: {detail}")]
    Config { detail: String },
}

impl ApiError {
    /// Whether this is the API refusing the request itself (HTTP 400), not a passing fault.
    pub(crate) fn is_refusal(&self) -> bool {
        matches!(self, Self::Refused { status: 400, .. })
    }

    /// Whether a purchase may have been applied although no receipt came back.
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(self, Self::OutcomeUnknown { .. })
    }

    /// Whether the key was refused.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Self::Unauthorized { .. })
    }

    #[cfg(test)]
    /// Whether the request was stopped by a rate limit or a requested wait.
    pub(crate) fn is_rate_limited(&self) -> bool {
        matches!(self, Self::RateLimited { .. } | Self::WaitTooLong { .. })
    }

    #[cfg(test)]
    /// Whether trying the same call again later could succeed (a transient condition rather
    /// than a refusal). Never true for [`ApiError::OutcomeUnknown`]: that needs checking first.
    pub(crate) fn is_transient(&self) -> bool {
        match self {
            Self::RateLimited { .. }
            | Self::WaitTooLong { .. }
            | Self::Unreachable { .. }
            | Self::TimedOut { .. } => true,
            Self::UnexpectedBody { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The wait the server asked for, when it named one.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after } => *retry_after,
            Self::WaitTooLong { wait } => Some(*wait),
            _ => None,
        }
    }

    /// The HTTP status of the answer, when an answer came.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Unauthorized { status, .. }
            | Self::Refused { status, .. }
            | Self::UnexpectedBody { status, .. } => Some(*status),
            Self::RateLimited { .. } => Some(429),
            _ => None,
        }
    }
}

fn rate_limited_text(retry_after: Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!(
            "the API's per-minute request limit is reached; it asks to wait {} before trying again",
            Wait(wait)
        ),
        None => {
            "the API's per-minute request limit is reached; wait a minute and try again".to_owned()
        }
    }
}

/// A wait written for people: `120 s`, `1.5 s`, `300 ms`.
pub(crate) struct Wait(pub Duration);

impl fmt::Display for Wait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.as_millis();
        if millis < 1000 {
            write!(f, "{millis} ms")
        } else if millis.is_multiple_of(1000) || millis >= 10_000 {
            write!(f, "{} s", self.0.as_secs_f64().round())
        } else {
            write!(f, "{:.1} s", self.0.as_secs_f64())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_tell_the_operator_what_to_do() {
        let e = ApiError::Unauthorized {
            status: 401,
            message: "Invalid API key".into(),
        };
        assert_eq!(
            e.to_string(),
            "the API refused the key (HTTP 401): Invalid API key; check TWOCHAT_API_KEY"
        );
        let e = ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(120)),
        };
        assert!(e.to_string().contains("wait 120 s"), "{e}");
        let e = ApiError::WaitTooLong {
            wait: Duration::from_millis(45_400),
        };
        assert!(e.to_string().contains("wait 45 s"), "{e}");
        let e = ApiError::TimedOut {
            after: Duration::from_millis(300),
        };
        assert!(e.to_string().contains("within 300 ms"), "{e}");
        let e = ApiError::TimedOut {
            after: Duration::from_millis(2500),
        };
        assert!(e.to_string().contains("within 2.5 s"), "{e}");
    }

    #[test]
    fn an_unreadable_body_is_never_shown() {
        let e = ApiError::UnexpectedBody {
            status: 502,
            excerpt: "<html>Bad Gateway</html>".into(),
        };
        assert_eq!(
            e.to_string(),
            "the server sent an answer numpick could not read (HTTP 502)"
        );
        assert!(e.is_transient() && !e.is_outcome_unknown());
    }

    #[test]
    fn helpers_classify() {
        let unknown = ApiError::OutcomeUnknown {
            reason: "no answer within 20 s".into(),
        };
        assert!(unknown.is_outcome_unknown() && !unknown.is_transient());
        assert!(unknown.to_string().contains("check the account's numbers"));
        let limited = ApiError::RateLimited { retry_after: None };
        assert!(limited.is_rate_limited() && limited.is_transient());
        assert_eq!(limited.status(), Some(429));
        assert_eq!(
            ApiError::WaitTooLong {
                wait: Duration::from_secs(60)
            }
            .retry_after(),
            Some(Duration::from_secs(60))
        );
    }
}
