//! The I/O worker: performs the wizard's commands with the API client and answers over a
//! channel.
//!
//! The worker is an actor: it owns the client and the answer cache, receives [`Command`]s on
//! one channel and sends one [`WorkerMsg`] per command on another. Each call runs in its own
//! task so that a slow request never holds up the others. The worker ends when the sender of
//! commands is dropped.

pub mod cache;
pub mod protocol;

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::api::model::CountryCode;
use crate::api::{ApiError, Client, GroupQuery};

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

/// Starts the worker on the current tokio runtime.
pub fn spawn(client: Client) -> WorkerHandle {
    let (commands, command_rx) = mpsc::unbounded_channel();
    let (answer_tx, answers) = mpsc::unbounded_channel();
    let task = tokio::spawn(run(client, command_rx, answer_tx));
    WorkerHandle {
        commands,
        answers,
        task,
    }
}

async fn run(
    client: Client,
    mut commands: mpsc::UnboundedReceiver<Command>,
    answers: mpsc::UnboundedSender<WorkerMsg>,
) {
    let cache = Arc::new(Mutex::new(AnswerCache::default()));
    while let Some(command) = commands.recv().await {
        let Command::Call { id, call } = command;
        let cached = lock(&cache)
            .get(&call, tokio::time::Instant::now())
            .cloned();
        if let Some(answer) = cached {
            tracing::debug!(?id, "answered from the cache");
            // A closed channel means the wizard is gone; nobody needs the answer.
            let _ = answers.send(message(id, Ok(answer)));
            continue;
        }
        let client = client.clone();
        let answers = answers.clone();
        let cache = Arc::clone(&cache);
        tokio::spawn(async move {
            let result = perform(&client, &call).await;
            if let Ok(answer) = &result {
                lock(&cache).record(&call, answer, tokio::time::Instant::now());
            }
            // A closed channel means the wizard is gone; nobody needs the answer.
            let _ = answers.send(message(id, result));
        });
    }
}

fn lock(cache: &Mutex<AnswerCache>) -> std::sync::MutexGuard<'_, AnswerCache> {
    // The cache holds no invariant a panicking holder could break: keep using it.
    cache
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

/// Performs one call with the client.
pub async fn perform(client: &Client, call: &Call) -> Result<Answer, ApiError> {
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
        Call::Reserve { group, number } => {
            Answer::Reserved(client.reserve(group, number.as_deref()).await?)
        }
        Call::Reservations => Answer::Reservations(client.reservations().await?),
        Call::Cancel { uuid } => Answer::Cancelled(client.cancel_reservation(uuid).await?),
        Call::Purchase { group, number } => {
            Answer::Purchased(client.purchase(group, number.as_deref()).await?)
        }
        Call::AccountInfo => Answer::AccountInfo(client.account_info().await?),
    })
}

fn group_query(
    country: &CountryCode,
    region: &Option<crate::api::model::RegionId>,
    city: &Option<crate::api::model::CityId>,
    did_type: &Option<crate::api::model::DidTypeName>,
) -> GroupQuery {
    GroupQuery {
        region: region.clone(),
        city: city.clone(),
        did_type: did_type.clone(),
        ..GroupQuery::new(country.clone())
    }
}
