//! Countries the API refused: a catalogue or group search answered HTTP 400 for them. The
//! country list marks them, this session and — from the catalogue kept on disk — the next.

use crate::api::ApiError;
use crate::protocol::{Answer, Call};

use super::{Step, Wizard};

impl Wizard {
    /// Marks `codes` as refused before (read from the disk cache at the start).
    pub fn set_refused_countries(&mut self, codes: impl IntoIterator<Item = String>) {
        self.lists
            .refused_countries
            .extend(codes.into_iter().map(|c| c.to_ascii_uppercase()));
    }

    /// Whether the API refused the country of `code`, this session or before.
    pub(crate) fn is_refused(&self, code: &str) -> bool {
        self.lists.refused_countries.contains(code)
    }

    /// Takes in what the answer to `step`'s load tells of its country: refused on HTTP 400,
    /// served when an answer came.
    pub(super) fn note_country_answer(&mut self, step: Step, result: &Result<Answer, ApiError>) {
        let call = match step {
            Step::Region => self.lists.regions.call.as_ref(),
            Step::City => self.lists.cities.call.as_ref(),
            Step::DidType => self.lists.types.call.as_ref(),
            Step::Group => self.lists.groups.call.as_ref(),
            _ => None,
        };
        let Some(code) = call.and_then(Call::country).map(|c| c.as_str().to_owned()) else {
            return;
        };
        match result {
            Err(error) if error.is_refusal() => {
                self.lists.refused_countries.insert(code);
            }
            Ok(_) => {
                self.lists.refused_countries.remove(&code);
            }
            Err(_) => {}
        }
    }
}
