//! What the session leaves behind, printed on stdout once the terminal is given back, so that
//! the result outlives the alternate screen: the number bought, the numbers still reserved,
//! and a purchase whose outcome stayed unknown.

use jiff::SignedDuration;

use super::{Purchase, PurchaseTarget, Wizard};
use crate::api::model::{Group, Price};
use crate::phone_format::international;

impl Wizard {
    /// One line per result (`bought +1 213-555-1234 · USD 3.50/month · recorded in …`), or
    /// nothing when the session bought and holds nothing.
    pub(crate) fn closing_summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        match &self.held.purchase {
            Purchase::Bought { target, number, .. } => {
                let number = number.as_deref().or(target.number.as_deref());
                let mut line = format!("bought {}", self.shown_number(number));
                line.push_str(&self.monthly(target.group.as_ref()));
                if let Some(path) = &self.chrome.journal_path {
                    line.push_str(&format!(" · recorded in {path}"));
                }
                lines.push(line);
            }
            Purchase::Unknown { target, .. } => lines.push(format!(
                "the purchase of {} has an unknown outcome: check the account's numbers before buying again",
                self.target_number(target)
            )),
            Purchase::Settling { target, .. } | Purchase::InFlight { target } => {
                lines.push(format!(
                    "the purchase of {} was still being settled: numpick checks it at the next start",
                    self.target_number(target)
                ));
            }
            Purchase::Idle => {}
        }
        for held in self.held.holds.iter().filter(|h| h.is_active(self.now)) {
            let left = SignedDuration::try_from(held.remaining(self.now)).unwrap_or_default();
            let until = self.now_utc.saturating_add(left).unwrap_or(self.now_utc);
            let mut line = format!(
                "reserved {} · until {} UTC",
                self.shown_number(Some(&held.reservation.number)),
                until.strftime("%H:%M")
            );
            line.push_str(&self.monthly(held.group.as_ref()));
            lines.push(line);
        }
        lines
    }

    fn shown_number(&self, number: Option<&str>) -> String {
        number.map_or_else(|| "a number of the group".to_owned(), international)
    }

    fn target_number(&self, target: &PurchaseTarget) -> String {
        self.shown_number(target.number.as_deref())
    }

    /// ` · USD 3.50/month`, when the group and its price are known.
    fn monthly(&self, group: Option<&Group>) -> String {
        match group.map(|g| g.price.monthly) {
            Some(price @ Price::Known(_)) => {
                format!(" · {}/month", self.chrome.currency.show(price))
            }
            _ => String::new(),
        }
    }
}
