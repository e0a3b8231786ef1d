//! The 2Chat Numbers API: typed models and ids.

pub mod error;
pub mod ids;
pub mod model;

pub use error::ApiError;

/// Installs the TLS crypto provider (ring) for the whole process. reqwest is built without a
/// provider of its own so that no C toolchain-heavy backend is compiled; every `reqwest::Client`
/// must be created after this has run. Calling it again is harmless.
pub fn install_tls_provider() {
    // An error only means a provider is installed already, which is what we want.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
