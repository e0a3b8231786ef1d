//! State-machine tests: the wizard driven through actions and scripted worker answers, with
//! the test kit's [`Run`] (the kit's runs reach the wizard's private state from here).

mod adopted;
mod basket;
mod clarity;
mod copy;
mod everywhere;
mod flow;
mod history;
mod holds;
mod journal_notice;
mod number_filter;
mod offered_types;
mod own_holds;
mod owned;
mod paste;
mod prefetch;
mod prefix_jump;
mod refresh;
mod refused;
mod requests;
mod safety;

use std::time::Duration;

use serde_json::json;

use crate::api::Backend;
use tui_input::InputRequest;

use super::*;
use crate::api::model::Group;
use crate::api::{ApiError, model::Reservation};
use crate::testkit::*;

/// The prices of the kit's [`group`], as a purchase's confirmation shows them and its intent
/// records.
fn agreed() -> Option<crate::money::AgreedPrices> {
    let price = |text: &str| crate::api::model::Price::Known(text.parse().unwrap());
    Some(crate::money::AgreedPrices {
        setup: price("1.00"),
        monthly: price("3.50"),
    })
}
