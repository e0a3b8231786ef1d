//! The rows of the wizard's lists and what the search box matches in each.

use crate::api::model::{City, DidType, Group, Region};
use crate::countries::Country;

use super::picker::Searchable;

/// A row that is either "any" (no narrowing) or one specific choice.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Choice<T> {
    Any,
    One(T),
}

impl<T> Choice<T> {
    /// The specific choice, when there is one.
    pub(crate) fn one(&self) -> Option<&T> {
        match self {
            Self::Any => None,
            Self::One(item) => Some(item),
        }
    }
}

impl<T: Searchable> Searchable for Choice<T> {
    fn search_keys(&self) -> impl IntoIterator<Item = &str> {
        let (any, item) = match self {
            Self::Any => (Some("any"), None),
            Self::One(item) => (None, Some(item.search_keys())),
        };
        any.into_iter().chain(item.into_iter().flatten())
    }
}

impl Searchable for &'static Country {
    /// The name, the code, and the other names people use (`uk`, `usa`).
    fn search_keys(&self) -> impl IntoIterator<Item = &str> {
        [self.name, self.code]
            .into_iter()
            .chain(crate::countries::aliases(self.code).iter().copied())
    }
}

impl Searchable for Region {
    fn search_keys(&self) -> impl IntoIterator<Item = &str> {
        [self.name.as_str()]
    }
}

impl Searchable for City {
    fn search_keys(&self) -> impl IntoIterator<Item = &str> {
        [self.name.as_str()]
    }
}

impl Searchable for DidType {
    fn search_keys(&self) -> impl IntoIterator<Item = &str> {
        [self.name.as_str()]
    }
}

impl Searchable for Group {
    /// The prefix, location and type, and the features: typing `sms` or `whatsapp` finds
    /// the groups that have them.
    fn search_keys(&self) -> impl IntoIterator<Item = &str> {
        [
            self.prefix.as_str(),
            self.location.as_str(),
            self.did_type.as_str(),
        ]
        .into_iter()
        .chain(self.features.iter().map(String::as_str))
    }
}
