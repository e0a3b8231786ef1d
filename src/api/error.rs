//! Placeholder error type, replaced by the client's.
use std::time::Duration;

#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    #[error("unauthorized (HTTP {status}): {message} — check TWOCHAT_API_KEY")]
    Unauthorized { status: u16, message: String },
    #[error("rate limited")]
    RateLimited { retry_after: Option<Duration> },
    #[error("{message} (HTTP {status})")]
    Refused { status: u16, message: String },
    #[error("unreachable: {detail}")]
    Unreachable { detail: String },
    #[error("timed out")]
    TimedOut { after: Duration },
    #[error("unexpected body")]
    UnexpectedBody { status: u16, excerpt: String },
    #[error("wait too long")]
    WaitTooLong { wait: Duration },
    #[error("outcome unknown: {reason}")]
    OutcomeUnknown { reason: String },
}
