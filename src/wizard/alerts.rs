//! Expiry alerts and the window title: what reaches an operator who is looking at another
//! window while a reservation runs out.
//!
//! The wizard only decides: [`Wizard::tick`] notes each active reservation that comes within
//! the alert time of its end, once per reservation, and [`Wizard::title`] says what the
//! terminal's title should read. The event loop takes the alerts ([`Wizard::take_alerts`]) and
//! writes the bell, the desktop notification and the title (see the terminal module).

use std::collections::HashSet;
use std::time::Duration;

use crate::api::model::ReservationId;
use crate::countdown::mmss;
use crate::phone_format::international;

use super::Wizard;

/// How long before a reservation's end the alert goes off when the config says nothing.
pub(crate) const DEFAULT_ALERT_BEFORE: Duration = Duration::from_secs(60);

/// The alerts' state: how early they go off, which reservations have had theirs, and those
/// waiting for the event loop.
#[derive(Debug, Clone)]
pub(crate) struct ExpiryAlerts {
    /// `None` turns alerts off.
    before: Option<Duration>,
    /// Reservations already alerted: each is alerted once, however long it stays near its end.
    alerted: HashSet<ReservationId>,
    waiting: Vec<ExpiryAlert>,
}

impl Default for ExpiryAlerts {
    fn default() -> Self {
        Self {
            before: Some(DEFAULT_ALERT_BEFORE),
            alerted: HashSet::new(),
            waiting: Vec::new(),
        }
    }
}

/// One reservation about to run out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ExpiryAlert {
    pub uuid: ReservationId,
    /// The number, as the operator reads it (`+1 213 555 1234`).
    pub number: String,
    pub remaining: Duration,
}

impl ExpiryAlert {
    /// The notification's text: `+1 213 555 1234: reservation expires in 00:59`.
    pub(crate) fn message(&self) -> String {
        format!(
            "{}: reservation expires in {}",
            self.number,
            mmss(self.remaining)
        )
    }
}

impl Wizard {
    /// How long before its end a reservation is alerted; `None` turns alerts off.
    pub(crate) fn set_expiry_alert(&mut self, before: Option<Duration>) {
        self.held.expiry_alerts.before = before;
    }

    /// Notes every active reservation that has come within the alert time of its end and was
    /// not alerted yet. Called as time passes ([`Wizard::tick`]).
    pub(super) fn note_expiry_alerts(&mut self) {
        let Some(before) = self.held.expiry_alerts.before else {
            return;
        };
        let now = self.now;
        for held in self.held.holds.iter().filter(|h| h.is_active(now)) {
            let remaining = held.remaining(now);
            let uuid = &held.reservation.uuid;
            if remaining <= before && self.held.expiry_alerts.alerted.insert(uuid.clone()) {
                self.held.expiry_alerts.waiting.push(ExpiryAlert {
                    uuid: uuid.clone(),
                    number: international(&held.reservation.number),
                    remaining,
                });
            }
        }
    }

    /// The alerts due since last asked, once each: the event loop rings and notifies.
    pub(crate) fn take_alerts(&mut self) -> Vec<ExpiryAlert> {
        std::mem::take(&mut self.held.expiry_alerts.waiting)
    }

    /// What the terminal's title should read: the nearest countdown while a reservation is
    /// active (`numpick ⏳ 00:45 · +1 213 555 1234`), else nothing (the title the terminal had).
    pub fn title(&self) -> Option<String> {
        let nearest = self
            .held
            .holds
            .iter()
            .filter(|h| h.is_active(self.now))
            .min_by_key(|h| h.deadline)?;
        Some(format!(
            "numpick ⏳ {} · {}",
            mmss(nearest.remaining(self.now)),
            international(&nearest.reservation.number)
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use jiff::{SignedDuration, Timestamp};

    use crate::api::Backend;
    use crate::api::model::Reservation;
    use crate::wizard::{Held, Wizard};

    fn held(uuid: &str, number: &str, deadline: Instant) -> Held {
        let utc: Timestamp = "2026-11-27T10:00:00Z".parse().unwrap();
        Held {
            reservation: Reservation {
                uuid: uuid.into(),
                number: number.to_owned(),
                created_at: Some(utc),
                expires_at: utc + SignedDuration::from_mins(5),
                group_id: None,
                facts: Default::default(),
            },
            expiry_recorded: false,
            group: None,
            deadline,
            gone: false,
        }
    }

    fn wizard(t0: Instant) -> Wizard {
        Wizard::new(
            Backend::Sandbox,
            t0,
            "2026-11-27T10:00:00Z".parse().unwrap(),
        )
    }

    /// Lets `seconds` pass from `t0` and returns the alerts taken then.
    fn at(wizard: &mut Wizard, t0: Instant, seconds: u64) -> Vec<String> {
        let now = t0 + Duration::from_secs(seconds);
        let utc = Timestamp::from_second(1_790_000_000 + i64::try_from(seconds).unwrap()).unwrap();
        let _ = wizard.tick(now, utc);
        let alerts = wizard.take_alerts();
        alerts.iter().map(|a| a.uuid.to_string()).collect()
    }

    #[test]
    fn a_reservation_is_alerted_once_when_it_comes_within_a_minute_of_its_end() {
        let t0 = Instant::now();
        let mut wizard = wizard(t0);
        wizard
            .held
            .holds
            .push(held("r-1", "+12135551234", t0 + Duration::from_secs(120)));
        assert!(at(&mut wizard, t0, 30).is_empty(), "90 s left: not yet");
        assert!(at(&mut wizard, t0, 59).is_empty(), "61 s left: not yet");
        assert_eq!(at(&mut wizard, t0, 60), ["r-1"], "a minute left");
        assert!(at(&mut wizard, t0, 61).is_empty(), "once only");
        assert!(at(&mut wizard, t0, 100).is_empty(), "once only");
        assert!(at(&mut wizard, t0, 130).is_empty(), "nor after its end");
    }

    #[test]
    fn each_reservation_has_its_own_alert_and_the_message_names_its_number() {
        let t0 = Instant::now();
        let mut wizard = wizard(t0);
        wizard
            .held
            .holds
            .push(held("r-1", "+12135551234", t0 + Duration::from_secs(70)));
        wizard
            .held
            .holds
            .push(held("r-2", "+4930123456", t0 + Duration::from_secs(200)));
        let _ = wizard.tick(t0 + Duration::from_secs(15), Timestamp::UNIX_EPOCH);
        let alerts = wizard.take_alerts();
        assert_eq!(alerts.len(), 1);
        assert_eq!(
            alerts[0].message(),
            "+1 213-555-1234: reservation expires in 00:55"
        );
        assert_eq!(at(&mut wizard, t0, 140), ["r-2"]);
    }

    #[test]
    fn a_reservation_already_near_its_end_when_seen_is_alerted_at_once() {
        let t0 = Instant::now();
        let mut wizard = wizard(t0);
        wizard
            .held
            .holds
            .push(held("r-1", "+12135551234", t0 + Duration::from_secs(20)));
        assert_eq!(at(&mut wizard, t0, 0), ["r-1"]);
    }

    #[test]
    fn the_alert_time_is_configurable_and_can_be_off() {
        let t0 = Instant::now();
        let mut wizard = wizard(t0);
        wizard.set_expiry_alert(Some(Duration::from_secs(300)));
        wizard
            .held
            .holds
            .push(held("r-1", "+12135551234", t0 + Duration::from_secs(290)));
        assert_eq!(at(&mut wizard, t0, 0), ["r-1"]);

        let mut off = self::wizard(t0);
        off.set_expiry_alert(None);
        off.held
            .holds
            .push(held("r-1", "+12135551234", t0 + Duration::from_secs(10)));
        assert!(at(&mut off, t0, 5).is_empty());
    }

    #[test]
    fn gone_and_expired_reservations_are_not_alerted() {
        let t0 = Instant::now();
        let mut wizard = wizard(t0);
        let mut gone = held("r-1", "+12135551234", t0 + Duration::from_secs(30));
        gone.gone = true;
        wizard.held.holds.push(gone);
        assert!(at(&mut wizard, t0, 0).is_empty());
    }

    #[test]
    fn the_title_shows_the_nearest_countdown_while_a_reservation_is_active() {
        let t0 = Instant::now();
        let mut wizard = wizard(t0);
        assert_eq!(wizard.title(), None);
        wizard
            .held
            .holds
            .push(held("r-2", "+4930123456", t0 + Duration::from_secs(600)));
        wizard
            .held
            .holds
            .push(held("r-1", "+12135551234", t0 + Duration::from_secs(45)));
        assert_eq!(
            wizard.title().as_deref(),
            Some("numpick ⏳ 00:45 · +1 213-555-1234")
        );
        let _ = at(&mut wizard, t0, 50);
        assert_eq!(
            wizard.title().as_deref(),
            Some("numpick ⏳ 09:10 · +49 30 123456")
        );
        let _ = at(&mut wizard, t0, 601);
        assert_eq!(
            wizard.title(),
            None,
            "none active: the terminal's own title"
        );
    }
}
