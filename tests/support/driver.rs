//! The wizard with its real worker and client, driven by actions in a test: a terminal-less
//! event loop that applies the worker's answers and lets time pass.
//!
//! Its clocks are tokio's, as the worker's and the sandbox's are: a test on tokio's paused time
//! (`#[tokio::test(start_paused = true)]`) runs countdowns, timeouts and settle windows out
//! without waiting for them.

use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use secrecy::SecretString;
use tui_input::InputRequest;

use numpick::api::Backend;
use numpick::api::{Client, ClientConfig};
use numpick::journal::{Entry, Journal};
use numpick::protocol::Command;
use numpick::wizard::{Action, Step, Wizard};
use numpick::worker::{self, WorkerHandle};

use numpick::testkit::draw;

/// The settle window of these tests: long enough for a late purchase to be found (on paused
/// time it passes at once).
pub const SETTLE_WINDOW: Duration = Duration::from_secs(3);

/// The wizard driven by actions, with a real worker and client behind it.
pub struct Driver {
    pub wizard: Wizard,
    pub worker: WorkerHandle,
    pub journal_path: std::path::PathBuf,
    /// Holds the journal; removed with the driver.
    _folder: tempfile::TempDir,
    started: tokio::time::Instant,
    started_at: Timestamp,
}

impl Driver {
    pub fn new(base_url: &str, request_timeout: Duration, name: &str) -> Self {
        Self::with_catalogue(base_url, request_timeout, name, None)
    }

    /// A driver whose worker keeps the catalogue in `catalogue`, as a live session does.
    pub fn with_catalogue(
        base_url: &str,
        request_timeout: Duration,
        name: &str,
        catalogue: Option<worker::CatalogueStore>,
    ) -> Self {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let journal_path = folder.path().join(format!("{name}.jsonl"));
        let mut config = ClientConfig::new(base_url, Some(SecretString::from("fault-key")));
        config.request_timeout = request_timeout;
        let client = Client::new(config).unwrap();
        let journal = Journal::open(&journal_path).unwrap();
        let worker = worker::spawn_with_catalogue(client, Some(journal), SETTLE_WINDOW, catalogue);
        let (started, started_at) = (tokio::time::Instant::now(), Timestamp::now());
        let wizard = Wizard::new(Backend::Live, started.into_std(), started_at);
        let mut driver = Self {
            wizard,
            worker,
            journal_path,
            _folder: folder,
            started,
            started_at,
        };
        let start = driver.wizard.start(Vec::new());
        driver.send(start);
        driver
    }

    pub fn send(&self, commands: Vec<Command>) {
        for command in commands {
            self.worker.commands.send(command).unwrap();
        }
    }

    /// Now, on tokio's clock: the instant and the wall-clock time the wizard is told.
    pub fn now(&self) -> (Instant, Timestamp) {
        let now = tokio::time::Instant::now();
        let elapsed = SignedDuration::try_from(now - self.started).unwrap();
        (now.into_std(), self.started_at + elapsed)
    }

    fn tick(&mut self) -> Vec<Command> {
        let (now, utc) = self.now();
        self.wizard.tick(now, utc)
    }

    /// Lets `by` pass, then takes in what the passing of time asks for.
    pub async fn pause(&mut self, by: Duration) {
        tokio::time::sleep(by).await;
        let commands = self.tick();
        self.send(commands);
        self.settle().await;
    }

    /// Applies worker answers (and lets time pass) until nothing is awaited.
    pub async fn settle(&mut self) {
        // Real time: a guard against a wizard that never settles, not part of any scenario.
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.wizard.is_busy() || self.wizard.next_tick_in() == Some(Duration::ZERO) {
            assert!(Instant::now() < deadline, "the wizard stayed busy");
            let wait = tokio::time::timeout(Duration::from_millis(50), self.worker.answers.recv());
            let commands = match wait.await {
                Ok(Some(message)) => self.wizard.apply(message),
                Ok(None) => panic!("the worker stopped"),
                Err(_) => self.tick(),
            };
            self.send(commands);
        }
    }

    pub async fn act(&mut self, action: Action) {
        // As in the event loop: what the passing of time asks for is sent with the key's.
        let mut commands = self.tick();
        commands.extend(self.wizard.update(action));
        self.send(commands);
        self.settle().await;
    }

    pub async fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.act(Action::Edit(InputRequest::InsertChar(c))).await;
        }
    }

    /// Types each search and chooses, checking the step each choice leads to.
    pub async fn walk(&mut self, path: &[(&str, Step)]) {
        self.settle().await;
        for &(search, step) in path {
            self.type_text(search).await;
            self.act(Action::Choose).await;
            assert_eq!(self.wizard.step(), step, "after {search:?}");
        }
    }

    /// US › California › Los Angeles › local: the groups.
    pub async fn walk_to_groups(&mut self) {
        self.walk(&[
            ("united st", Step::Region),
            ("calif", Step::City),
            ("los", Step::DidType),
            ("local", Step::Group),
        ])
        .await;
    }

    /// US › California › Los Angeles › local › +1 (213) › first number › Review.
    pub async fn walk_to_review(&mut self) {
        self.walk_to_groups().await;
        self.act(Action::Choose).await;
        assert_eq!(self.wizard.step(), Step::Number);
        self.act(Action::Choose).await;
        assert_eq!(self.wizard.step(), Step::Review);
    }

    /// What the operator sees, as text.
    pub fn screen(&self) -> String {
        let terminal = draw(&self.wizard, 100, 30);
        let buffer = terminal.backend().buffer();
        let mut text = String::new();
        for y in 0..buffer.area.height {
            for x in 0..buffer.area.width {
                text.push_str(buffer[(x, y)].symbol());
            }
            text.push('\n');
        }
        text
    }

    pub fn journal(&self) -> Vec<Entry> {
        Journal::read_all(&self.journal_path).unwrap().entries
    }
}
