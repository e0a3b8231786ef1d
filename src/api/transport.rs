//! Sending one API call: rate limit, retries, and turning what came back into an answer or
//! an [`ApiError`].
//!
//! Success is decided by the body's `success` field, never by the HTTP status alone. Reads
//! (GET) are retried after a 429, a 5xx or a transport failure (see [`super::retry`]); writes
//! are sent exactly once. A purchase is a write whose uncertain endings (no answer in time, a
//! broken connection after sending, a 5xx, an unreadable 2xx) become
//! [`ApiError::OutcomeUnknown`], because the money may have been spent.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use rand_chacha::ChaCha8Rng;
use reqwest::{Method, StatusCode, Url, header};
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use super::error::{ApiError, Wait};
use super::limiter::RateLimiter;
use super::raw::{self, Object};
use super::retry::{MAX_RETRIES, backoff, parse_retry_after};
use super::sanitize::sanitize_text;
use super::secret;

/// Bodies larger than this are not read to the end (no answer of the API comes near it).
const MAX_BODY: usize = 8 * 1024 * 1024;
/// How much of an unreadable body is kept for the log.
const EXCERPT_CHARS: usize = 200;

/// How a call may be repeated and how its failures read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A GET: retried on transient failures.
    Read,
    /// A POST or DELETE: sent once.
    Write,
    /// A purchase or a release, which cannot be undone: sent once, uncertain endings reported
    /// as such.
    Irreversible,
}

/// A `success: true` answer: its body is a JSON object, kept as text for [`super::answer`]
/// to read only the parts it needs.
pub(crate) struct Success {
    pub status: u16,
    pub body: String,
}

/// What came back from one attempt, before it is judged.
struct Answer {
    status: u16,
    retry_after: Option<Duration>,
    body: Vec<u8>,
    truncated: bool,
}

/// The connection to the API shared by all clones of a client.
pub(crate) struct Transport {
    pub http: reqwest::Client,
    pub base: Url,
    pub key: Option<SecretString>,
    pub limiter: RateLimiter,
    pub sent: AtomicU64,
    pub request_timeout: Duration,
    pub max_retry_wait: Duration,
    pub(crate) rng: Mutex<ChaCha8Rng>,
    /// The server's time, from the `Date` header of its answers.
    pub clock: super::server_clock::ServerClock,
}

impl Transport {
    /// Sends a call to the API path made of `segments` (each percent-encoded), with `query`
    /// pairs and an optional JSON `body`, and returns the `success: true` answer.
    pub(super) async fn call(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
        kind: Kind,
    ) -> Result<Success, ApiError> {
        let url = self.url(segments, query)?;
        let mut retry = 0;
        loop {
            let mut request = self.http.request(method.clone(), url.clone());
            if let Some(body) = body {
                request = request.json(body);
            }
            self.limiter.acquire().await;
            let exchanged = self.exchange(request).await;
            let last = kind != Kind::Read || retry >= MAX_RETRIES;
            let wait = match exchanged {
                Err(error) => {
                    tracing::debug!(%method, path = url.path(), error = %self.detail(&error), "request failed");
                    if last || error.is_builder() {
                        return Err(self.transport_error(&error, kind));
                    }
                    None
                }
                Ok(answer) => {
                    tracing::debug!(%method, path = url.path(), status = answer.status, "answer");
                    let (status, retry_after) = (answer.status, answer.retry_after);
                    let retryable = status == 429 || status >= 500;
                    let verdict = self.judge(answer, kind);
                    if verdict.is_ok() || last || !retryable {
                        return verdict;
                    }
                    if let Some(wait) = retry_after.filter(|w| *w > self.max_retry_wait) {
                        return Err(if status == 429 {
                            ApiError::RateLimited {
                                retry_after: Some(wait),
                            }
                        } else {
                            ApiError::WaitTooLong { wait }
                        });
                    }
                    retry_after
                }
            };
            let wait = wait.unwrap_or_else(|| {
                let mut rng = self.rng.lock().unwrap_or_else(PoisonError::into_inner);
                backoff(retry, &mut *rng).min(self.max_retry_wait)
            });
            tracing::debug!(%method, path = url.path(), retry = retry + 1, wait = %Wait(wait), "retrying");
            tokio::time::sleep(wait).await;
            retry += 1;
        }
    }

    /// The base URL with `segments` appended and `query` set.
    fn url(&self, segments: &[&str], query: &[(&str, String)]) -> Result<Url, ApiError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|()| ApiError::Config {
                detail: "the API address cannot hold a path".into(),
            })?
            .pop_if_empty()
            .extend(segments);
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }

    /// Sends one request and reads the whole answer.
    async fn exchange(&self, request: reqwest::RequestBuilder) -> Result<Answer, reqwest::Error> {
        let sent = request.send().await;
        // A request that never got a connection reached nobody and cost nothing.
        if !sent.as_ref().is_err_and(reqwest::Error::is_connect) {
            self.sent.fetch_add(1, Ordering::Relaxed);
        }
        let mut response = sent?;
        let status = response.status().as_u16();
        let date = response.headers().get(header::DATE);
        if let Some(date) = date.and_then(|d| d.to_str().ok()) {
            self.clock.observe(date, jiff::Timestamp::now());
        }
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let mut body = Vec::new();
        let mut truncated = false;
        while let Some(chunk) = response.chunk().await? {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_BODY {
                truncated = true;
                break;
            }
        }
        Ok(Answer {
            status,
            retry_after,
            body,
            truncated,
        })
    }

    /// Turns a complete answer into the success body or the error it means.
    fn judge(&self, answer: Answer, kind: Kind) -> Result<Success, ApiError> {
        let status = answer.status;
        let text = String::from_utf8(answer.body).map_err(|e| e.into_bytes());
        let parsed = match &text {
            Ok(text) if !answer.truncated => raw::object(text),
            _ => None,
        };
        // `success` decides; an answer without it that says `error: true` (as the release
        // endpoint answers) is a refusal all the same.
        let success = parsed.as_ref().and_then(|body| {
            raw::read::<bool>(body, "success").or_else(|| {
                raw::read::<bool>(body, "error")
                    .filter(|e| *e)
                    .map(|_| false)
            })
        });
        if success == Some(true)
            && let Ok(body) = text
        {
            // Redacted here, once, so that no screen, log, JSON output or journal entry
            // downstream can show a key the server echoed back.
            let body = self.redact_key(body);
            return Ok(Success { status, body });
        }
        let message = || parsed.as_ref().and_then(|body| self.message(body));
        match success {
            _ if status == 401 || status == 403 => {
                return Err(ApiError::Unauthorized {
                    status,
                    message: message().unwrap_or_else(|| "the key is missing or wrong".into()),
                });
            }
            _ if status == 429 => {
                return Err(ApiError::RateLimited {
                    retry_after: answer.retry_after,
                });
            }
            _ if kind == Kind::Irreversible && status >= 500 => {
                let reason = match message() {
                    Some(message) => format!("the server failed with HTTP {status}: {message}"),
                    None => format!("the server failed with HTTP {status}"),
                };
                return Err(ApiError::OutcomeUnknown { reason });
            }
            Some(false) => {
                let message = message().unwrap_or_else(|| "the API gave no reason".into());
                return Err(if is_about_the_key(&message) {
                    ApiError::Unauthorized { status, message }
                } else {
                    ApiError::Refused { status, message }
                });
            }
            _ => {}
        }
        let excerpt = match &text {
            Ok(text) => self.excerpt(text.as_bytes()),
            Err(bytes) => self.excerpt(bytes),
        };
        tracing::debug!(status, %excerpt, "unreadable answer");
        if kind == Kind::Irreversible && StatusCode::from_u16(status).is_ok_and(|s| s.is_success())
        {
            return Err(ApiError::OutcomeUnknown {
                reason: format!("the answer (HTTP {status}) could not be read"),
            });
        }
        Err(ApiError::UnexpectedBody { status, excerpt })
    }

    /// The error a failed exchange means for this kind of call.
    fn transport_error(&self, error: &reqwest::Error, kind: Kind) -> ApiError {
        let detail = self.detail(error);
        if error.is_builder() {
            ApiError::Config { detail }
        } else if error.is_connect() {
            // Nothing was sent: safe whatever the call.
            ApiError::Unreachable { detail }
        } else if kind == Kind::Irreversible {
            let reason = if error.is_timeout() {
                format!("no answer within {}", Wait(self.request_timeout))
            } else {
                format!("the connection broke before the answer was complete: {detail}")
            };
            ApiError::OutcomeUnknown { reason }
        } else if error.is_timeout() {
            ApiError::TimedOut {
                after: self.request_timeout,
            }
        } else {
            ApiError::Unreachable {
                detail: format!("the connection broke: {detail}"),
            }
        }
    }

    /// The innermost cause of a transport error, without URL or key.
    fn detail(&self, error: &reqwest::Error) -> String {
        let mut innermost = None;
        let mut cause = std::error::Error::source(error);
        while let Some(inner) = cause {
            innermost = Some(inner);
            cause = inner.source();
        }
        let text = match innermost {
            Some(inner) => inner.to_string(),
            // No deeper cause: reqwest's own text, with the URL taken out.
            None => reqwest_text_without_url(error),
        };
        self.clean(&text)
    }

    /// The operator-facing message of an error envelope.
    fn message(&self, body: &Object<'_>) -> Option<String> {
        ["error_message", "message", "error"]
            .iter()
            .find_map(|field| raw::read::<String>(body, field))
            .map(|text| self.clean(&text))
            .filter(|text| !text.is_empty())
    }

    /// The beginning of an unreadable body, cleaned, for the log.
    fn excerpt(&self, body: &[u8]) -> String {
        let text = String::from_utf8_lossy(&body[..body.len().min(4 * EXCERPT_CHARS)]);
        let mut cleaned = self.clean(&text);
        if let Some((cut, _)) = cleaned.char_indices().nth(EXCERPT_CHARS) {
            cleaned.truncate(cut);
            cleaned.push('…');
        }
        cleaned
    }

    /// `body` with every copy of the key replaced; unchanged (and not copied) without one.
    fn redact_key(&self, body: String) -> String {
        match &self.key {
            Some(key) => match secret::redact(&body, key.expose_secret()) {
                Cow::Borrowed(_) => body,
                Cow::Owned(redacted) => redacted,
            },
            None => body,
        }
    }

    /// Strips control characters and any copy of the key or the API address from server text.
    pub(super) fn clean(&self, text: &str) -> String {
        let mut text = self.redact_key(sanitize_text(text));
        let base = self.base.as_str().trim_end_matches('/');
        if !base.is_empty() {
            text = text.replace(base, "[api]");
        }
        text
    }
}

/// reqwest's text for an error without a source, with its URL removed.
fn reqwest_text_without_url(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    if let Some(url) = error.url() {
        text = text
            .replace(&format!(" ({url})"), "")
            .replace(url.as_str(), "");
    }
    text
}

/// Whether a refusal speaks of the key rather than of the request.
fn is_about_the_key(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    [
        "api key",
        "api-key",
        "apikey",
        "x-user-api-key",
        "unauthori",
        "authenticat",
    ]
    .iter()
    .any(|needle| lower.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::is_about_the_key;

    #[test]
    fn refusals_about_the_key_are_recognised() {
        assert!(is_about_the_key("Invalid API key"));
        assert!(is_about_the_key("Unauthorized"));
        assert!(is_about_the_key("Authentication failed"));
        assert!(!is_about_the_key("Number is no longer available"));
        assert!(!is_about_the_key("Group not found"));
    }
}
