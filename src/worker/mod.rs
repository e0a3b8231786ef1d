//! The I/O worker: performs the wizard's commands with the API client and answers over a
//! channel.
//!
//! The worker is an actor: it owns the client, the answer cache and the journal, receives
//! [`Command`]s on one channel and sends one [`WorkerMsg`] per call on another. Each call runs
//! in its own task so that a slow request never holds up the others. The worker ends when the
//! sender of commands is dropped.

pub mod cache;
mod deals;
pub mod protocol;

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::api::model::{CityId, CountryCode, DidTypeName, RegionId};
use crate::api::{ApiError, Client, GroupQuery};
use crate::journal::Journal;

pub use cache::AnswerCache;
pub use protocol::{Answer, Call, Command, RequestId, WorkerMsg};

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
}

/// Starts the worker on the current tokio runtime.
pub fn spawn(client: Client, journal: Option<Journal>) -> WorkerHandle {
    let (commands, command_rx) = mpsc::unbounded_channel();
    let (answer_tx, answers) = mpsc::unbounded_channel();
    let shared = Shared {
        client,
        cache: Arc::default(),
        journal: journal.map(|j| Arc::new(Mutex::new(j))),
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
    while let Some(command) = commands.recv().await {
        let (id, call) = match command {
            Command::Call { id, call } => (id, call),
            Command::RecordExpired { uuid } => {
                deals::record_expired(&shared, &uuid);
                continue;
            }
        };
        let cached = lock(&shared.cache)
            .get(&call, tokio::time::Instant::now())
            .cloned();
        if let Some(answer) = cached {
            tracing::debug!(?id, "answered from the cache");
            // A closed channel means the wizard is gone; nobody needs the answer.
            let _ = answers.send(message(id, Ok(answer)));
            continue;
        }
        let shared = shared.clone();
        let answers = answers.clone();
        tokio::spawn(async move {
            let result = perform(&shared, &call).await;
            if let Ok(answer) = &result {
                lock(&shared.cache).record(&call, answer, tokio::time::Instant::now());
            }
            // A closed channel means the wizard is gone; nobody needs the answer.
            let _ = answers.send(message(id, result));
        });
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
        received_at: std::time::Instant::now(),
        result,
    }
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
            Answer::Requirements(client.requirements(country, did_type.as_ref()).await?)
        }
        Call::Groups {
            country,
            region,
            city,
            did_type,
        } => Answer::Groups(
            client
                .groups(&group_query(country, region, city, did_type))
                .await?,
        ),
        Call::Numbers { group, contains } => {
            Answer::Numbers(client.available_numbers(group, contains.as_deref()).await?)
        }
        Call::Reserve { group, number } => deals::reserve(shared, group, number.as_deref()).await?,
        Call::Reservations => Answer::Reservations(client.reservations().await?),
        Call::Cancel { uuid } => deals::cancel(shared, uuid).await?,
        Call::Purchase { order, reservation } => {
            deals::purchase(shared, order, reservation.as_ref()).await?
        }
        Call::Settle(pending) => deals::settle(shared, pending).await,
        Call::AccountInfo => Answer::AccountInfo(client.account_info().await?),
    })
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
