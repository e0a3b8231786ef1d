//! The I/O worker: performs the wizard's commands with the API client and answers over a
//! channel.
//!
//! The worker is an actor: it owns the client, the answer cache (and, on the live API, the
//! catalogue kept on disk between sessions, [`catalogue_store`]) and the journal, receives
//! [`Command`]s on one channel and sends one [`WorkerMsg`] per call on another. Each call runs
//! in its own task so that a slow request never holds up the others. The worker ends when the
//! sender of commands is dropped, or when one of its tasks panics: then the event loop sees
//! the worker's task finished and ends the session instead of waiting for an answer that will
//! never come.

pub mod cache;
pub(crate) mod catalogue_store;
mod deals;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tokio::sync::mpsc;
use tokio::task::{JoinHandle, JoinSet};

use crate::api::model::{CityId, CountryCode, DidTypeId, DidTypeName, RegionId};
use crate::api::{ApiError, Client, GroupQuery};
use crate::journal::Journal;

use crate::protocol::{Answer, Call, Command, RequestId, WorkerMsg};
pub(crate) use cache::AnswerCache;
pub use catalogue_store::CatalogueStore;

/// The ends of the worker's channels that the event loop holds.
pub struct WorkerHandle {
    /// Commands for the worker; dropping it ends the worker.
    pub commands: mpsc::UnboundedSender<Command>,
    /// The worker's answers.
    pub answers: mpsc::UnboundedReceiver<WorkerMsg>,
    /// The worker task.
    pub task: JoinHandle<()>,
}

/// What every call task shares.
#[derive(Clone)]
struct Shared {
    client: Client,
    cache: Arc<Mutex<AnswerCache>>,
    /// `None` when the journal could not be opened: then nothing is bought.
    journal: Option<Arc<Mutex<Journal>>>,
    /// How long a purchase whose answer was lost is looked for on the account.
    settle_window: Duration,
    /// The account's uuid once `/open/info` gave it, recorded with each purchase intent.
    account: Arc<Mutex<Option<String>>>,
    /// The catalogue kept on disk between sessions, if any.
    catalogue: Option<Arc<CatalogueStore>>,
}

/// Starts the worker on the current tokio runtime; purchases whose answer was lost are
/// settled over `settle_window`.
pub fn spawn(client: Client, journal: Option<Journal>, settle_window: Duration) -> WorkerHandle {
    spawn_with_catalogue(client, journal, settle_window, None)
}

/// Starts the worker, answering catalogue calls from `catalogue` while it holds them.
pub fn spawn_with_catalogue(
    client: Client,
    journal: Option<Journal>,
    settle_window: Duration,
    catalogue: Option<CatalogueStore>,
) -> WorkerHandle {
    let (commands, command_rx) = mpsc::unbounded_channel();
    let (answer_tx, answers) = mpsc::unbounded_channel();
    let shared = Shared {
        client,
        cache: Arc::default(),
        journal: journal.map(|j| Arc::new(Mutex::new(j))),
        settle_window,
        account: Arc::default(),
        catalogue: catalogue.map(Arc::new),
    };
    let task = tokio::spawn(run(shared, command_rx, answer_tx));
    WorkerHandle {
        commands,
        answers,
        task,
    }
}

async fn run(
    shared: Shared,
    mut commands: mpsc::UnboundedReceiver<Command>,
    answers: mpsc::UnboundedSender<WorkerMsg>,
) {
    let mut calls = JoinSet::new();
    loop {
        let command = tokio::select! {
            command = commands.recv() => command,
            Some(joined) = calls.join_next() => {
                if joined.is_err_and(|error| error.is_panic()) {
                    // Its answer will never come; the event loop notices this task's end.
                    return;
                }
                continue;
            }
        };
        let Some(command) = command else {
            // Calls still running finish on their own; their answers may yet be needed.
            calls.detach_all();
            return;
        };
        let (id, call) = match command {
            Command::Call { id, call } => (id, call),
            Command::RecordExpired { uuid } => {
                deals::record_expired(&shared, &uuid);
                continue;
            }
            Command::ForgetCatalogue => {
                lock(&shared.cache).forget_catalogue();
                if let Some(store) = &shared.catalogue {
                    store.forget();
                }
                continue;
            }
        };
        let now = tokio::time::Instant::now();
        let in_memory = lock(&shared.cache).get(&call, now).cloned();
        let cached = in_memory.or_else(|| {
            let stored = shared.catalogue.as_ref()?.load(&call, SystemTime::now())?;
            lock(&shared.cache).record(&call, &stored, now);
            Some(stored)
        });
        if let Some(answer) = cached {
            tracing::debug!(?id, "answered from the cache");
            // A closed channel means the wizard is gone; nobody needs the answer.
            let _ = answers.send(WorkerMsg {
                from_cache: true,
                ..message(id, Ok(answer))
            });
            continue;
        }
        let shared = shared.clone();
        let answers = answers.clone();
        calls.spawn(async move {
            #[cfg(debug_assertions)]
            panic_if_asked();
            let result = perform(&shared, &call).await;
            if let Some(store) = &shared.catalogue {
                store.note_country(&call, &result);
            }
            if let Ok(answer) = &result {
                lock(&shared.cache).record(&call, answer, tokio::time::Instant::now());
                if let Some(store) = &shared.catalogue {
                    store.save(&call, answer, SystemTime::now());
                }
            }
            // A closed channel means the wizard is gone; nobody needs the answer.
            let _ = answers.send(message(id, result));
        });
    }
}

/// A test hook, compiled into debug builds only: a call task panics when
/// `NUMPICK_TEST_WORKER_PANIC` is set, to check that the session then ends cleanly.
#[cfg(debug_assertions)]
fn panic_if_asked() {
    if std::env::var_os("NUMPICK_TEST_WORKER_PANIC").is_some() {
        panic!("a worker task panicked (NUMPICK_TEST_WORKER_PANIC is set)");
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Neither the cache nor the journal holds an invariant a panicking holder could break.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn message(id: RequestId, result: Result<Answer, ApiError>) -> WorkerMsg {
    WorkerMsg {
        id,
        received_at: arrival_time(),
        result,
        from_cache: false,
    }
}

/// When an answer arrives, read from tokio's clock: the same instant as the standard clock in
/// a session, and under a test's control on tokio's paused time, so that a countdown anchored
/// to it can be run out without waiting.
fn arrival_time() -> std::time::Instant {
    tokio::time::Instant::now().into_std()
}

/// Performs one call.
async fn perform(shared: &Shared, call: &Call) -> Result<Answer, ApiError> {
    let client = &shared.client;
    Ok(match call {
        Call::Regions { country } => Answer::Regions(client.regions(country).await?),
        Call::Cities { country, region } => {
            Answer::Cities(client.cities(country, region.as_ref()).await?)
        }
        Call::DidTypes => Answer::DidTypes(client.did_types().await?),
        Call::Requirements { country, did_type } => {
            let id = match did_type {
                Some(name) => type_id(shared, name).await?,
                None => None,
            };
            Answer::Requirements(client.requirements(country, id.as_ref()).await?)
        }
        Call::Groups {
            country,
            region,
            city,
            did_type,
            prefix,
        } => {
            let mut query = group_query(country, region, city, did_type);
            query.city_name_or_prefix = prefix.clone();
            Answer::Groups(client.groups(&query).await?)
        }
        Call::Numbers { group, contains } => {
            Answer::Numbers(client.available_numbers(group, contains.as_deref()).await?)
        }
        Call::Reserve {
            group,
            number,
            reference,
        } => deals::reserve(shared, group, number.as_deref(), reference.as_ref()).await?,
        Call::Reservations => Answer::Reservations(client.reservations().await?),
        Call::Cancel { uuid } => deals::cancel(shared, uuid).await?,
        Call::Purchase {
            order,
            reservation,
            reference,
            prices,
        } => {
            let recorded = deals::Recorded {
                reference: reference.as_ref(),
                prices: *prices,
            };
            deals::purchase(shared, order, reservation.as_ref(), recorded).await?
        }
        Call::Settle(pending) => deals::settle(shared, pending).await,
        Call::OwnedNumbers => {
            Answer::OwnedNumbers(crate::orders::settle::account_numbers(client).await?)
        }
        Call::Release { uuid, number } => {
            let journal = shared.journal.as_deref();
            let released = crate::orders::release::release_recorded(client, journal, uuid, number);
            Answer::Released(released.await?)
        }
        Call::History => read_history(shared).await?,
        Call::AccountInfo => {
            let info = client.account_info().await?;
            deals::remember_account(shared, info.uuid.clone());
            Answer::AccountInfo(info)
        }
    })
}

/// The journal of the session read as a history, off the async threads (a file read).
async fn read_history(shared: &Shared) -> Result<Answer, ApiError> {
    let unavailable = |detail: String| ApiError::NotSent { detail };
    let Some(journal) = &shared.journal else {
        return Err(unavailable(
            "the journal could not be opened, so there is no history to show".to_owned(),
        ));
    };
    let path = lock(journal).path().to_owned();
    let read = tokio::task::spawn_blocking(move || {
        crate::history::History::read(&path, jiff::Timestamp::now())
            .map_err(|error| format!("cannot read the journal {}: {error}", path.display()))
    });
    match read.await {
        Ok(Ok(history)) => Ok(Answer::History(history)),
        Ok(Err(detail)) => Err(unavailable(detail)),
        Err(error) => Err(unavailable(format!(
            "the journal could not be read: {error}"
        ))),
    }
}

/// The numeric id of the type named `name`, from the DID types: the cached answer when there
/// is one (in memory or on disk), else asked of the API and cached. `None` when no type has
/// that name: the requirements are then asked for every type.
async fn type_id(shared: &Shared, name: &DidTypeName) -> Result<Option<DidTypeId>, ApiError> {
    let call = Call::DidTypes;
    let now = tokio::time::Instant::now();
    let cached = lock(&shared.cache).get(&call, now).cloned();
    let cached = cached.or_else(|| shared.catalogue.as_ref()?.load(&call, SystemTime::now()));
    let answer = match cached {
        Some(answer) => answer,
        None => {
            let answer = Answer::DidTypes(shared.client.did_types().await?);
            if let Some(store) = &shared.catalogue {
                store.save(&call, &answer, SystemTime::now());
            }
            answer
        }
    };
    lock(&shared.cache).record(&call, &answer, now);
    let Answer::DidTypes(types) = answer else {
        return Ok(None);
    };
    let id = types
        .items
        .into_iter()
        .find(|t| &t.name == name)
        .map(|t| t.id);
    if id.is_none() {
        tracing::warn!(%name, "no DID type of that name; asking the requirements of every type");
    }
    Ok(id)
}

fn group_query(
    country: &CountryCode,
    region: &Option<RegionId>,
    city: &Option<CityId>,
    did_type: &Option<DidTypeName>,
) -> GroupQuery {
    GroupQuery {
        region: region.clone(),
        city: city.clone(),
        did_type: did_type.clone(),
        ..GroupQuery::new(country.clone())
    }
}
