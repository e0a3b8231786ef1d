//! The messages between the wizard and the I/O worker.
//!
//! The wizard asks for work with [`Command`]s; the worker answers each with one [`WorkerMsg`]
//! carrying the data itself and the [`RequestId`] of the command, so that the wizard can drop
//! answers it no longer waits for.

use std::time::Instant;

use serde_json::Value;

use crate::api::ApiError;
use crate::api::model::{
    AccountInfo, AvailableNumber, City, CityId, CountryCode, DidType, DidTypeName, Group, GroupId,
    Listing, PurchaseOrder, Receipt, Region, RegionId, Reservation, ReservationId,
};
use crate::money::AgreedPrices;
use crate::outcome::{AccountNumbers, PendingPurchase, Released, Settlement};
use crate::reference::Reference;

/// Tags a command and its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

/// One API call, with typed parameters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Call {
    Regions {
        country: CountryCode,
    },
    Cities {
        country: CountryCode,
        region: Option<RegionId>,
    },
    DidTypes,
    /// The requirements of a country, for one type: the worker turns the type's name into
    /// the numeric id the endpoint takes (from the DID types, cached like any catalogue).
    Requirements {
        country: CountryCode,
        did_type: Option<DidTypeName>,
    },
    Groups {
        country: CountryCode,
        region: Option<RegionId>,
        city: Option<CityId>,
        did_type: Option<DidTypeName>,
        /// Sent as `city_name_or_prefix`: digits of a prefix the operator jumped to.
        prefix: Option<String>,
    },
    Numbers {
        group: GroupId,
        contains: Option<String>,
    },
    Reserve {
        group: GroupId,
        number: Option<String>,
        /// The operator's customer or ticket reference, recorded with it.
        reference: Option<Reference>,
    },
    Reservations,
    Cancel {
        uuid: ReservationId,
    },
    /// Buy the number of `order` (an order always names its number); recorded in the
    /// journal before it is sent, and never retried.
    Purchase {
        order: PurchaseOrder,
        reservation: Option<ReservationId>,
        /// The operator's customer or ticket reference, recorded with it.
        reference: Option<Reference>,
        /// The prices the confirmation showed, recorded with the intent.
        prices: Option<AgreedPrices>,
    },
    /// Ask the API whether a purchase whose outcome is unknown went through.
    Settle(PendingPurchase),
    /// Every number the account owns (every page).
    OwnedNumbers,
    /// Release the owned `number` whose id is `uuid`; recorded in the journal before it is
    /// sent, and never retried.
    Release {
        uuid: String,
        number: String,
    },
    AccountInfo,
    /// The journal read as a history of orders; sends nothing.
    History,
}

impl Call {
    /// The country of a catalogue call or a group search: the one the API refuses when it
    /// does not serve it (HTTP 400).
    pub fn country(&self) -> Option<&CountryCode> {
        match self {
            Self::Regions { country }
            | Self::Cities { country, .. }
            | Self::Groups { country, .. } => Some(country),
            _ => None,
        }
    }

    /// Whether the call spends money; such a call is sent once and never retried.
    pub fn is_purchase(&self) -> bool {
        matches!(self, Self::Purchase { .. })
    }
}

/// Work for the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Perform an API call and answer with a [`WorkerMsg`] tagged `id`.
    Call { id: RequestId, call: Call },
    /// Record in the journal that a reservation ran out. No answer.
    RecordExpired { uuid: ReservationId },
    /// Forget the catalogue kept in memory and on disk (F5), so that it is asked for again.
    /// No answer.
    ForgetCatalogue,
}

/// The data an API call returned.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Regions(Listing<Region>),
    Cities(Listing<City>),
    DidTypes(Listing<DidType>),
    Requirements(Vec<Value>),
    Groups(Listing<Group>),
    Numbers(Listing<AvailableNumber>),
    Reserved(Reservation),
    /// The answer to the reserve request was lost (`lost` says how), and the reservation was
    /// found in the reservations list: adopted, and recorded.
    ReservedAfterLostAnswer {
        reservation: Reservation,
        lost: String,
    },
    Reservations(Listing<Reservation>),
    Cancelled(String),
    /// The answer lists the number in `purchased`.
    Purchased {
        number: String,
        receipt: Receipt,
    },
    /// The answer lists the number in `failed`: not bought.
    PurchaseRefused {
        number: String,
        reason: String,
        receipt: Receipt,
    },
    /// The purchase was sent but its outcome is unknown; `pending` is what settling needs.
    PurchaseUnknown {
        pending: PendingPurchase,
        reason: String,
    },
    Settled {
        intent: String,
        settlement: Settlement,
    },
    AccountInfo(AccountInfo),
    OwnedNumbers(AccountNumbers),
    Released(Released),
    History(crate::history::History),
}

/// The worker's answer to one command.
#[derive(Debug)]
pub struct WorkerMsg {
    pub id: RequestId,
    /// When the answer arrived; countdowns are anchored to it.
    pub received_at: Instant,
    pub result: Result<Answer, ApiError>,
    /// Whether the worker answered from its cache, without a request: no credit was spent.
    pub from_cache: bool,
}
