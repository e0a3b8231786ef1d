//! The 2Chat Numbers API: typed models and ids, and the client that speaks it.
//!
//! - [`client`]: one method per endpoint ([`Client`]), configured by [`ClientConfig`].
//! - [`error`]: [`ApiError`], the one error type, with operator-facing texts.
//! - [`model`], [`ids`]: the answers as typed values, tolerant where the contract is loose;
//!   [`reservation`] (both shapes of a reservation), [`order`] (the purchase order, which
//!   always names its number, and how its answer is read), [`owned`] (the account's numbers)
//!   and [`phone`] (E.164 numbers).
//! - [`raw`]: reading bodies without a JSON tree, lists decoded item by item.
//! - [`Backend`]: the live API or the embedded sandbox.
//! - [`address`]: loopback, plain http and proxies: where the key may travel.
//! - [`secret`]: the key's header and its redaction from every answer.
//! - [`sanitize`]: [`sanitize_text`], for any server text shown in the terminal.
//! - `transport`, [`retry`], [`limiter`]: sending, retrying reads, the client-side rate limit.
//! - `answer`: where each endpoint's data sits in its answer.

pub mod address;
mod answer;
mod backend;
pub mod client;
mod decoded_text;
pub mod error;
pub mod ids;
pub mod limiter;
pub mod model;
pub mod order;
pub mod owned;
pub mod phone;
pub mod raw;
pub mod reservation;
pub mod retry;
pub(crate) mod sanitize;
pub mod secret;
pub mod server_clock;
mod transport;

pub use backend::Backend;
pub use client::{Client, ClientConfig, DEFAULT_BASE_URL, GroupQuery};
pub use error::ApiError;
pub(crate) use sanitize::sanitize_text;

/// Installs the TLS crypto provider (ring) for the whole process. reqwest is built without a
/// provider of its own so that no C toolchain-heavy backend is compiled; every `reqwest::Client`
/// must be created after this has run. Calling it again is harmless.
pub fn install_tls_provider() {
    // An error only means a provider is installed already, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
