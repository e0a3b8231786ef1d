//! The scripted wizard: driven through its public API with the worker's answers made up in
//! the test and clocks that move only when told ([`Run::wait`]), for the snapshot tests; the
//! fixtures those answers are made of; and one frame drawn on a `TestBackend` ([`draw`]),
//! which the live [`super::driver::Driver`] draws with too.

use std::time::{Duration, Instant};

use jiff::Timestamp;
use numpick::api::ApiError;
use numpick::api::Backend;
use numpick::api::model::{
    AccountInfo, AvailableNumber, City, Group, Listing, Region, Reservation,
};
use numpick::protocol::{Answer, Call, Command, RequestId, WorkerMsg};
use numpick::ui::{Theme, ThemeName, render};
use numpick::wizard::{Action, Move, Wizard};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};
use tui_input::InputRequest;

/// A wizard, its clocks, and the commands it asked for last.
pub struct Run {
    pub wizard: Wizard,
    /// The colours the screen is drawn in.
    pub theme: ThemeName,
    t0: Instant,
    utc0: Timestamp,
    elapsed: Duration,
    pending: Vec<Command>,
    /// The requirements asked for beside a group's numbers, answered on their own.
    prefetched: Option<RequestId>,
}

impl Run {
    pub fn new() -> Self {
        Self::on(Backend::Sandbox)
    }

    /// A run on `backend`; the account is called Acme Telecom.
    pub fn on(backend: Backend) -> Self {
        let t0 = Instant::now();
        let utc0: Timestamp = "2024-01-15T11:20:00Z".parse().unwrap();
        let mut wizard = Wizard::new(backend, t0, utc0);
        let start = wizard.start(Vec::new());
        // The session's first answers: no reservations, and the account's usage and limit.
        for command in start {
            let Command::Call { id, call } = command else {
                continue;
            };
            let answer = match call {
                Call::Reservations => Answer::Reservations(listing(vec![])),
                Call::AccountInfo => Answer::AccountInfo(AccountInfo::from_body(&json!({
                    "account": {"name": "Acme Telecom"},
                    "limits": {"requests_per_minute": 80},
                    "usage": {"api_request_count": 340, "max_api_request_count": 10000}
                }))),
                other => panic!("unexpected call at start: {other:?}"),
            };
            let more = wizard.apply(WorkerMsg {
                id,
                received_at: t0,
                result: Ok(answer),
            });
            assert!(more.is_empty(), "the start-up answers ask for nothing more");
        }
        wizard.set_meter(12, None);
        Self {
            wizard,
            theme: ThemeName::Default,
            t0,
            utc0,
            elapsed: Duration::ZERO,
            pending: Vec::new(),
            prefetched: None,
        }
    }

    pub fn now(&self) -> Instant {
        self.t0 + self.elapsed
    }

    pub fn utc(&self) -> Timestamp {
        self.utc0 + jiff::SignedDuration::try_from(self.elapsed).unwrap()
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

    /// Answers the requirements asked for with a group's numbers.
    pub fn answer_prefetched(&mut self, result: Result<Answer, ApiError>) -> &mut Self {
        let id = self
            .prefetched
            .take()
            .expect("requirements asked for with the numbers");
        self.pending = self.wizard.apply(WorkerMsg {
            id,
            received_at: self.now(),
            result,
        });
        self
    }

    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.act(Action::Edit(InputRequest::InsertChar(c)));
        }
        self
    }

    pub fn down(&mut self, times: usize) -> &mut Self {
        for _ in 0..times {
            self.act(Action::Move(Move::Down));
        }
        self
    }

    /// Answers the one call the wizard asked for last.
    pub fn answer(&mut self, result: Result<Answer, ApiError>) -> &mut Self {
        let id = self.awaited();
        self.pending = self.wizard.apply(WorkerMsg {
            id,
            received_at: self.now(),
            result,
        });
        self
    }

    /// Answers every call the wizard asked for last, each with what `answer` gives for it.
    #[allow(
        dead_code,
        reason = "only the basket's snapshots send several calls at once"
    )]
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
            }));
        }
        self.pending = more;
        self
    }

    pub fn awaited(&self) -> RequestId {
        match self.pending.as_slice() {
            [Command::Call { id, .. }] => *id,
            other => panic!("expected one call, the wizard asked for {other:?}"),
        }
    }

    /// Lets `by` pass on both clocks.
    pub fn wait(&mut self, by: Duration) -> &mut Self {
        self.elapsed += by;
        let (now, utc) = (self.now(), self.utc());
        // Calls asked for before still await their answers.
        let more = self.wizard.tick(now, utc);
        self.pending.extend(more);
        self
    }

    pub fn draw(&self, width: u16, height: u16) -> Terminal<TestBackend> {
        draw_themed(&self.wizard, self.theme, width, height)
    }
}

/// One frame of `wizard` on a `TestBackend` of `width` × `height`.
pub fn draw(wizard: &Wizard, width: u16, height: u16) -> Terminal<TestBackend> {
    draw_themed(wizard, ThemeName::Default, width, height)
}

/// `wizard` drawn in the colours of `theme`.
pub fn draw_themed(
    wizard: &Wizard,
    theme: ThemeName,
    width: u16,
    height: u16,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| render(wizard, &Theme::of(theme), frame))
        .unwrap();
    terminal
}

pub fn listing<T>(items: Vec<T>) -> Listing<T> {
    Listing { items, skipped: 0 }
}

pub fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

pub fn refused(message: &str) -> ApiError {
    ApiError::Refused {
        status: 503,
        message: message.to_owned(),
    }
}

pub fn regions() -> Answer {
    Answer::Regions(listing(vec![
        decode::<Region>(json!({"id": 123, "region_name": "California", "iso_country_code": "US"})),
        decode(json!({"id": 124, "region_name": "New York", "iso_country_code": "US"})),
        decode(json!({"id": 125, "region_name": "Texas", "iso_country_code": "US"})),
    ]))
}

pub fn cities() -> Answer {
    Answer::Cities(listing(vec![
        decode::<City>(json!({"id": 456, "city_name": "Los Angeles", "iso_country_code": "US"})),
        decode(json!({"id": 457, "city_name": "San Francisco", "iso_country_code": "US"})),
        decode(
            json!({"id": 458, "city_name": "San Luis Obispo–Santa Maria–Paso Robles metropolitan area, a name far too long for any column", "iso_country_code": "US"}),
        ),
    ]))
}

pub fn la_group() -> Group {
    decode(json!({
        "id": "abc-123", "prefix": "+1 (213)", "location": "Los Angeles",
        "price": {"setup_price": "0.00", "monthly_price": "3.50"}, "type": "local",
        "requirements": [], "allow_number_selection": true,
        "is_eligible_for_free_number": true,
        "features": ["voice", "sms_in", "sms_out", "whatsapp_business"]
    }))
}

pub fn groups() -> Answer {
    Answer::Groups(listing(vec![
        la_group(),
        decode(json!({
            "id": "abc-124", "prefix": "+1 (323)", "location": "Los Angeles — Hollywood and the hills beyond",
            "price": {"setup_price": "1.00", "monthly_price": "4.25"}, "type": "local",
            "requirements": [], "allow_number_selection": false,
            "features": ["voice", "sms_in"]
        })),
        decode(json!({
            "id": "abc-125", "prefix": "+1 (424)", "location": "Beverly Hills",
            "price": {"setup_price": null, "monthly_price": "12.00"}, "type": "local",
            "requirements": [{"type": "address", "proof": "utility bill"}],
            "allow_number_selection": true, "features": ["voice"]
        })),
    ]))
}

/// The Los Angeles groups of every type (`did_type=all`): the local ones of [`groups`] and a
/// toll-free one.
pub fn place_groups() -> Answer {
    let Answer::Groups(mut listing) = groups() else {
        unreachable!("groups() answers groups")
    };
    listing.items.push(decode(json!({
        "id": "tf-800", "prefix": "+1 (800)", "location": "United States",
        "price": {"setup_price": "0.00", "monthly_price": "9.00"}, "type": "tollfree",
        "requirements": [], "allow_number_selection": true, "features": ["voice"]
    })));
    Answer::Groups(listing)
}

pub fn numbers(count: usize) -> Answer {
    numbers_in("213", count)
}

/// `count` numbers of the area code `area`; the second and fourth contain 555.
pub fn numbers_in(area: &str, count: usize) -> Answer {
    Answer::Numbers(listing(
        (0..count)
            .map(|n| {
                let number = match n {
                    1 => format!("+1{area}5550123"),
                    3 => format!("+1{area}9875550"),
                    _ => format!("+1{area}{:07}", 2_000_000 + n * 7919 % 7_000_000),
                };
                decode::<AvailableNumber>(json!({"id": format!("did-{n}"), "number": number}))
            })
            .collect(),
    ))
}

pub fn reservation(uuid: &str, number: &str, created: &str, expires: &str) -> Reservation {
    decode(json!({"uuid": uuid, "number": number, "created_at": created, "expires_at": expires}))
}

/// US › California › Los Angeles › local: the group table.
pub fn at_groups() -> Run {
    let mut run = Run::new();
    run.type_text("united st").act(Action::Choose);
    run.answer(Ok(regions())).act(Action::Choose);
    run.answer(Ok(cities())).down(1).act(Action::Choose);
    // The type step comes from the place's groups of every type; choosing "local" filters
    // them without another call.
    run.answer(Ok(place_groups())).down(1).act(Action::Choose);
    run
}

/// The number list of the Los Angeles group; the group's requirements (none) have arrived.
pub fn at_numbers(count: usize) -> Run {
    let mut run = at_numbers_before_requirements(count);
    run.answer_prefetched(Ok(Answer::Requirements(vec![])));
    run
}

/// The number list of the Los Angeles group, its requirements still awaited.
pub fn at_numbers_before_requirements(count: usize) -> Run {
    let mut run = at_groups();
    run.act(Action::Choose).answer(Ok(numbers(count)));
    run
}

/// The review of `+12135550123`, requirements answered with `requirements`.
pub fn at_review(requirements: Vec<Value>) -> Run {
    let mut run = at_numbers_before_requirements(8);
    run.answer_prefetched(Ok(Answer::Requirements(requirements)));
    run.down(1).act(Action::Choose);
    run
}

/// The reservation of `+12135550123`, made at the start of a ten-minute lifetime.
pub fn at_reserved() -> Run {
    let mut run = at_review(vec![]);
    run.act(Action::Reserve);
    run.answer(Ok(Answer::Reserved(reservation(
        "res-7f3a",
        "+12135550123",
        "2024-01-15T11:20:00Z",
        "2024-01-15T11:30:00Z",
    ))));
    run
}
