//! [`Run`]: a wizard driven through its public API, with the worker's answers made up by the
//! test and clocks that move only when told.
//!
//! A run keeps the commands the wizard asked for last, so that a script can answer them in
//! turn ([`Run::act`], [`Run::answer`]); a test that answers each command itself takes them
//! as the wizard returns them ([`Run::update`], [`Run::answer_to`]).

use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use tui_input::InputRequest;

use super::fixtures::listing;
use super::frame::draw_themed;
use crate::api::model::{AccountInfo, Reservation};
use crate::api::{ApiError, Backend};
use crate::protocol::{Answer, Call, Command, RequestId, WorkerMsg};
use crate::ui::ThemeName;
use crate::wizard::{Action, Move, Wizard};

/// The wall-clock time a started run begins at.
const SESSION_START: &str = "2024-01-15T11:20:00Z";

/// The wall-clock time an unstarted run begins at.
const UNSTARTED_AT: &str = "2026-11-27T10:00:00Z";

/// A wizard, its clocks, and the commands it asked for last.
pub struct Run {
    pub wizard: Wizard,
    /// The colours the screen is drawn in.
    pub theme: ThemeName,
    /// The instant the run began at.
    pub t0: Instant,
    /// The wall-clock time the run began at.
    pub utc0: Timestamp,
    elapsed: Duration,
    pending: Vec<Command>,
    /// The requirements asked for beside a group's numbers, answered on their own.
    prefetched: Option<RequestId>,
}

impl Default for Run {
    fn default() -> Self {
        Self::new()
    }
}

impl Run {
    /// A run on the sandbox; see [`Run::on`].
    pub fn new() -> Self {
        Self::on(Backend::Sandbox)
    }

    /// A session on `backend` at 2024-01-15 11:20 UTC, its start-up calls answered: no
    /// reservations, an account called Acme Telecom; 12 requests sent this minute.
    pub fn on(backend: Backend) -> Self {
        let mut run = Self::made(backend, SESSION_START);
        run.start(AccountInfo::from_body(&json!({
            "account": {"name": "Acme Telecom"},
            "limits": {"requests_per_minute": 80},
            "usage": {"api_request_count": 340, "max_api_request_count": 10000}
        })));
        run.wizard.set_meter(12, None);
        run
    }

    /// A session on the sandbox at 2024-01-15 11:20 UTC, its start-up calls answered: no
    /// reservations, and `account`.
    pub fn started(account: AccountInfo) -> Self {
        let mut run = Self::made(Backend::Sandbox, SESSION_START);
        run.start(account);
        run
    }

    /// A wizard on the sandbox at 2026-11-27 10:00 UTC, as made: not started, so nothing
    /// has been asked and nothing is known of the account.
    pub fn unstarted() -> Self {
        Self::made(Backend::Sandbox, UNSTARTED_AT)
    }

    fn made(backend: Backend, utc0: &str) -> Self {
        let t0 = Instant::now();
        let utc0: Timestamp = utc0.parse().unwrap();
        Self {
            wizard: Wizard::new(backend, t0, utc0),
            theme: ThemeName::Default,
            t0,
            utc0,
            elapsed: Duration::ZERO,
            pending: Vec::new(),
            prefetched: None,
        }
    }

    /// Starts the session and answers its first calls: no reservations, and `account`.
    fn start(&mut self, account: AccountInfo) {
        for command in self.wizard.start(Vec::new()) {
            let Command::Call { id, call } = command else {
                continue;
            };
            let answer = match call {
                Call::Reservations => Answer::Reservations(listing(vec![])),
                Call::AccountInfo => Answer::AccountInfo(account.clone()),
                other => panic!("unexpected call at start: {other:?}"),
            };
            let more = self.wizard.apply(WorkerMsg {
                id,
                received_at: self.t0,
                result: Ok(answer),
                from_cache: false,
            });
            assert!(more.is_empty(), "the start-up answers ask for nothing more");
        }
    }

    pub fn now(&self) -> Instant {
        self.t0 + self.elapsed
    }

    pub fn utc(&self) -> Timestamp {
        self.utc0 + SignedDuration::try_from(self.elapsed).unwrap()
    }

    /// Does `action`; requirements asked for beside another call are set aside for
    /// [`Run::answer_prefetched`].
    pub fn act(&mut self, action: Action) -> &mut Self {
        let mut commands = self.wizard.update(action);
        let requirements = commands.iter().position(|c| {
            matches!(
                c,
                Command::Call {
                    call: Call::Requirements { .. },
                    ..
                }
            )
        });
        if commands.len() > 1
            && let Some(index) = requirements
            && let Command::Call { id, .. } = commands.remove(index)
        {
            self.prefetched = Some(id);
        }
        self.pending = commands;
        self
    }

    /// Does `action` and returns every command it asked for, as [`Wizard::update`] does;
    /// they are also the ones awaited.
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        let commands = self.wizard.update(action);
        self.pending.clone_from(&commands);
        commands
    }

    /// Types `text` a character at a time; what the keys asked for is awaited.
    pub fn type_text(&mut self, text: &str) -> &mut Self {
        let mut asked = Vec::new();
        for c in text.chars() {
            self.act(Action::Edit(InputRequest::InsertChar(c)));
            asked.append(&mut self.pending);
        }
        self.pending = asked;
        self
    }

    pub fn down(&mut self, times: usize) -> &mut Self {
        for _ in 0..times {
            self.act(Action::Move(Move::Down));
        }
        self
    }

    /// The commands asked for last and not answered yet.
    pub fn asked(&self) -> &[Command] {
        &self.pending
    }

    /// The one call the wizard asked for last.
    pub fn awaited(&self) -> RequestId {
        match self.pending.as_slice() {
            [Command::Call { id, .. }] => *id,
            other => panic!("expected one call, the wizard asked for {other:?}"),
        }
    }

    /// Answers the one call the wizard asked for last.
    pub fn answer(&mut self, result: Result<Answer, ApiError>) -> &mut Self {
        let id = self.awaited();
        self.pending = self.wizard.apply(WorkerMsg {
            id,
            received_at: self.now(),
            result,
            from_cache: false,
        });
        self
    }

    /// Answers every call the wizard asked for last, each with what `answer` gives for it.
    pub fn answer_each(&mut self, answer: impl Fn(&Call) -> Result<Answer, ApiError>) -> &mut Self {
        let mut more = Vec::new();
        for command in std::mem::take(&mut self.pending) {
            let Command::Call { id, call } = command else {
                continue;
            };
            more.extend(self.wizard.apply(WorkerMsg {
                id,
                received_at: self.now(),
                result: answer(&call),
                from_cache: false,
            }));
        }
        self.pending = more;
        self
    }

    /// Answers the requirements asked for with a group's numbers; the calls still awaited
    /// stay so.
    pub fn answer_prefetched(&mut self, result: Result<Answer, ApiError>) -> &mut Self {
        let id = self
            .prefetched
            .take()
            .expect("requirements asked for with the numbers");
        let more = self.wizard.apply(WorkerMsg {
            id,
            received_at: self.now(),
            result,
            from_cache: false,
        });
        self.pending.extend(more);
        self
    }

    /// Answers `command` with `answer`, arriving at the start; returns what the answer asks
    /// for.
    pub fn answer_to(&mut self, command: &Command, answer: Answer) -> Vec<Command> {
        self.answer_at(command, Duration::ZERO, Ok(answer))
    }

    /// Answers `command` with `result`, arriving `after` the start; returns what the answer
    /// asks for.
    pub fn answer_at(
        &mut self,
        command: &Command,
        after: Duration,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        let Command::Call { id, .. } = command else {
            panic!("not a call: {command:?}");
        };
        self.wizard.apply(WorkerMsg {
            id: *id,
            received_at: self.t0 + after,
            result,
            from_cache: false,
        })
    }

    /// Lets `by` pass on both clocks; what the passing of time asks for joins the calls
    /// still awaited.
    pub fn wait(&mut self, by: Duration) -> &mut Self {
        self.elapsed += by;
        let (now, utc) = (self.now(), self.utc());
        let more = self.wizard.tick(now, utc);
        self.pending.extend(more);
        self
    }

    /// The wizard's tick at `after` the start, on both clocks; returns what it asks for.
    /// The run's own clocks do not move.
    pub fn tick(&mut self, after: Duration) -> Vec<Command> {
        let utc = self.utc0 + SignedDuration::try_from(after).unwrap();
        self.wizard.tick(self.t0 + after, utc)
    }

    /// A reservation of `+12135551234` made at the start, for `minutes`.
    pub fn reservation(&self, minutes: i64) -> Reservation {
        Reservation {
            uuid: "r-1".into(),
            number: "+12135551234".to_owned(),
            created_at: Some(self.utc0),
            expires_at: self.utc0 + SignedDuration::from_mins(minutes),
            group_id: None,
            facts: Default::default(),
        }
    }

    /// The wizard drawn in the run's colours on a `TestBackend` of `width` × `height`.
    pub fn draw(
        &self,
        width: u16,
        height: u16,
    ) -> ratatui::Terminal<ratatui::backend::TestBackend> {
        draw_themed(&self.wizard, self.theme, width, height)
    }
}
