//! The loading state of data that comes from the API.
//!
//! Which answer a screen awaits is recorded once, in the wizard's requests; a [`Load`] only
//! says where the data stands.

use crate::protocol::Call;

/// Data a screen shows, and where it stands in being fetched.
#[derive(Debug, Clone, Default)]
pub enum Load<T> {
    /// Not asked for.
    #[default]
    Idle,
    /// Asked for; the answer is awaited.
    Loading,
    /// Arrived.
    Loaded(T),
    /// The request failed; `message` is for the operator.
    Failed { message: String },
}

impl<T> Load<T> {
    /// The data, once it has arrived.
    pub(crate) fn loaded(&self) -> Option<&T> {
        match self {
            Self::Loaded(data) => Some(data),
            _ => None,
        }
    }

    /// Mutable access to the data, once it has arrived.
    pub(crate) fn loaded_mut(&mut self) -> Option<&mut T> {
        match self {
            Self::Loaded(data) => Some(data),
            _ => None,
        }
    }

    pub(crate) fn is_loading(&self) -> bool {
        matches!(self, Self::Loading)
    }

    /// Where the data stands, without the data.
    pub(crate) fn stage(&self) -> Stage {
        match self {
            Self::Idle => Stage::Idle,
            Self::Loading => Stage::Loading,
            Self::Loaded(_) => Stage::Loaded,
            Self::Failed { .. } => Stage::Failed,
        }
    }
}

/// Where a [`Load`] stands, whatever its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Idle,
    Loading,
    Loaded,
    Failed,
}

/// A screen's data together with the call that produced it, so that coming back to a screen
/// with the same choices reuses what was loaded instead of asking again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Fetched<T> {
    /// The call whose answer `load` holds or awaits.
    pub call: Option<Call>,
    pub load: Load<T>,
}

impl<T> Fetched<T> {
    /// Whether `call` has been made for this screen and did not fail.
    pub(crate) fn is_current(&self, call: &Call) -> bool {
        self.call.as_ref() == Some(call) && !matches!(self.load, Load::Failed { .. } | Load::Idle)
    }

    /// Forgets the data (a choice it depended on changed).
    pub(crate) fn reset(&mut self) {
        self.call = None;
        self.load = Load::Idle;
    }
}
