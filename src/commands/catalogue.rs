//! The catalogue kept on disk, on the command line: regions, cities and types of number read
//! from the live API are kept for a day ([`crate::worker::CatalogueStore`], the wizard's
//! store), so that resolving `--region California` or listing `regions US` again costs no
//! credit. `--refresh` asks the API afresh and keeps the new answer. The sandbox's catalogue
//! is never kept: its address changes each run.
//!
//! The choice is made once per process, from the route and `--refresh` ([`set_mode`]):
//! a command runs once per process, and the readers below are called from the name resolver
//! deep under every command, which knows only the client (whose address keys the store).

use std::sync::OnceLock;
use std::time::SystemTime;

use crate::api::model::{City, CountryCode, DidType, Listing, Region, RegionId};
use crate::api::{ApiError, Client};
use crate::protocol::{Answer, Call};
use crate::worker::CatalogueStore;

/// Whether the catalogue on disk is read, and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// Neither (the sandbox, and until [`set_mode`] is called).
    Off,
    /// Read when less than a day old, written after asking the API.
    Use,
    /// Not read (`--refresh`), written after asking the API.
    Refresh,
}

static MODE: OnceLock<Mode> = OnceLock::new();

/// Chooses, once, how this process uses the catalogue on disk.
pub(super) fn set_mode(mode: Mode) {
    let _ = MODE.set(mode);
}

fn mode() -> Mode {
    MODE.get().copied().unwrap_or(Mode::Off)
}

/// The store of `client`'s address, unless the catalogue on disk is off.
fn store(client: &Client) -> Option<CatalogueStore> {
    match mode() {
        Mode::Off => None,
        Mode::Use | Mode::Refresh => CatalogueStore::in_state_folder(client.base_url()),
    }
}

/// The stored answer to `call`, when it may be read.
fn stored(store: Option<&CatalogueStore>, call: &Call) -> Option<Answer> {
    match mode() {
        Mode::Use => store?.load(call, SystemTime::now()),
        Mode::Off | Mode::Refresh => None,
    }
}

/// Keeps `answer` to `call`, when the catalogue on disk is on.
fn keep(store: Option<&CatalogueStore>, call: &Call, answer: impl FnOnce() -> Answer) {
    if let Some(store) = store {
        store.save(call, &answer(), SystemTime::now());
    }
}

/// The regions of `country`: from disk, else from the API.
pub(super) async fn regions(
    client: &Client,
    country: &CountryCode,
) -> Result<Listing<Region>, ApiError> {
    let call = Call::Regions {
        country: country.clone(),
    };
    let store = store(client);
    if let Some(Answer::Regions(listing)) = stored(store.as_ref(), &call) {
        return Ok(listing);
    }
    let listing = client.regions(country).await?;
    keep(store.as_ref(), &call, || Answer::Regions(listing.clone()));
    Ok(listing)
}

/// The cities of `country` (of `region`, when given): from disk, else from the API.
pub(super) async fn cities(
    client: &Client,
    country: &CountryCode,
    region: Option<&RegionId>,
) -> Result<Listing<City>, ApiError> {
    let call = Call::Cities {
        country: country.clone(),
        region: region.cloned(),
    };
    let store = store(client);
    if let Some(Answer::Cities(listing)) = stored(store.as_ref(), &call) {
        return Ok(listing);
    }
    let listing = client.cities(country, region).await?;
    keep(store.as_ref(), &call, || Answer::Cities(listing.clone()));
    Ok(listing)
}

/// The types of number: from disk, else from the API.
pub(super) async fn did_types(client: &Client) -> Result<Listing<DidType>, ApiError> {
    let store = store(client);
    if let Some(Answer::DidTypes(listing)) = stored(store.as_ref(), &Call::DidTypes) {
        return Ok(listing);
    }
    let listing = client.did_types().await?;
    keep(store.as_ref(), &Call::DidTypes, || {
        Answer::DidTypes(listing.clone())
    });
    Ok(listing)
}
