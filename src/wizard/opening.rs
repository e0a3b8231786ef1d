//! Where the wizard opens: the countries used recently first, and the cursor on the config's
//! `default_country` (else on the country used last).

use super::{Picker, Wizard};
use crate::countries;

impl Wizard {
    /// Lists the `recent` countries first and puts the cursor on `default`, or on the most
    /// recent country when there is no default.
    pub(crate) fn open_on(&mut self, recent: &[String], default: Option<&str>) {
        self.lists.countries = Picker::new(countries::recent_first(recent));
        if let Some(code) = default.or(recent.first().map(String::as_str)) {
            self.lists
                .countries
                .select_where(|country| country.code.eq_ignore_ascii_case(code));
        }
    }

    /// The country chosen this session, to be remembered among the recent ones.
    pub(crate) fn chosen_country(&self) -> Option<&'static str> {
        self.chosen.country.map(|country| country.code)
    }
}
