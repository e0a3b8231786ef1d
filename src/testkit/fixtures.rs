//! The API's models as the tests make them, and the commands the wizard sends read back.

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::api::ApiError;
use crate::api::model::{
    AvailableNumber, City, CountryCode, Group, Listing, NumberId, Region, Reservation,
};
use crate::protocol::{Call, Command};

/// A listing of `items`, none skipped.
pub fn listing<T>(items: Vec<T>) -> Listing<T> {
    Listing { items, skipped: 0 }
}

/// `value` decoded as the client decodes the API's JSON.
pub fn decode<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// The API refusing with HTTP 503 and `message`.
pub fn refused(message: &str) -> ApiError {
    ApiError::Refused {
        status: 503,
        message: message.to_owned(),
    }
}

/// The United States.
pub fn us() -> CountryCode {
    CountryCode::parse("US").unwrap()
}

/// A region of the United States.
pub fn region(id: u32, name: &str) -> Region {
    decode(json!({"id": id, "region_name": name, "iso_country_code": "US"}))
}

pub fn city(id: u32, name: &str) -> City {
    decode(json!({"id": id, "city_name": name}))
}

/// A local group of Los Angeles, `+1 (213)`, at 1.00 to set up and 3.50 a month;
/// `selectable` if its numbers can be chosen.
pub fn group(id: &str, selectable: bool) -> Group {
    decode(json!({
        "id": id, "prefix": "+1 (213)", "location": "Los Angeles", "type": "local",
        "price": {"setup_price": "1.00", "monthly_price": "3.50"},
        "allow_number_selection": selectable, "features": ["voice", "sms_in"]
    }))
}

/// A group of Los Angeles, `+1 (213)`, of the type `kind`, its numbers selectable; no
/// prices.
pub fn typed_group(id: &str, kind: &str) -> Group {
    decode(json!({
        "id": id, "prefix": "+1 (213)", "location": "Los Angeles", "type": kind,
        "allow_number_selection": true
    }))
}

/// The available number `number`, its id `did-` and the number.
pub fn number(number: &str) -> AvailableNumber {
    AvailableNumber {
        id: NumberId::new(format!("did-{number}")),
        number: number.to_owned(),
    }
}

pub fn reservation(uuid: &str, number: &str, created: &str, expires: &str) -> Reservation {
    decode(json!({"uuid": uuid, "number": number, "created_at": created, "expires_at": expires}))
}

/// The one command of `commands`.
pub fn only(mut commands: Vec<Command>) -> Command {
    assert_eq!(commands.len(), 1, "expected one command, got {commands:?}");
    commands.remove(0)
}

/// The call `command` makes.
pub fn call(command: &Command) -> &Call {
    let Command::Call { call, .. } = command else {
        panic!("not a call: {command:?}");
    };
    call
}
