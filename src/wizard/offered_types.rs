//! The number-type step shows what exists: the place's groups are asked for once, of every
//! type (`did_type=all`, one credit), and the step lists only the types offered there, each
//! with its number of groups. Choosing a type then filters those groups here, with no second
//! call; a place that offers nothing says so, and Esc broadens the search.

use crate::api::model::{DidTypeName, Group};
use crate::protocol::Call;

use super::picker::Searchable;
use super::{Choice, Load, Picker, Step, Wizard};

/// The `did_type` value that asks for the groups of every type.
pub(crate) const ALL_TYPES: &str = "all";

/// A number type offered in the chosen place, with how many groups offer it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TypeOffer {
    pub name: DidTypeName,
    pub groups: usize,
}

impl Searchable for TypeOffer {
    fn search_keys(&self) -> impl IntoIterator<Item = &str> {
        [self.name.as_str()]
    }
}

/// The rows of the type step for the place's `groups`: "Any type" with every group, then each
/// type that has groups, in the order the API listed them first. No rows at all when the place
/// has no groups: there is nothing to choose.
pub(crate) fn offered(groups: &[Group]) -> Vec<Choice<TypeOffer>> {
    let mut offers: Vec<TypeOffer> = Vec::new();
    for group in groups {
        let name = group.did_type.trim();
        match offers.iter_mut().find(|o| o.name.as_str() == name) {
            Some(offer) => offer.groups += 1,
            None => offers.push(TypeOffer {
                name: DidTypeName::new(name),
                groups: 1,
            }),
        }
    }
    if offers.is_empty() {
        return Vec::new();
    }
    std::iter::once(Choice::Any)
        .chain(offers.into_iter().map(Choice::One))
        .collect()
}

/// The groups of `groups` that are of `chosen` type (all of them for "Any type").
pub(crate) fn of_type<'a>(
    groups: &'a [Group],
    chosen: &'a Choice<TypeOffer>,
) -> impl Iterator<Item = &'a Group> + 'a {
    groups.iter().filter(move |group| match chosen.one() {
        None => true,
        Some(offer) => group.did_type.trim() == offer.name.as_str(),
    })
}

impl Wizard {
    /// The call for the place's groups of every type, from which the type step is drawn.
    pub(super) fn place_call(&self) -> Option<Call> {
        let Some(Call::Groups {
            country,
            region,
            city,
            ..
        }) = self.groups_call(None)
        else {
            return None;
        };
        Some(Call::Groups {
            country,
            region,
            city,
            did_type: Some(DidTypeName::new(ALL_TYPES)),
            prefix: None,
        })
    }

    /// Whether the type step is loaded and the place offers no number at all.
    pub(crate) fn place_offers_nothing(&self) -> bool {
        self.lists
            .types
            .load
            .loaded()
            .is_some_and(|p| p.items().is_empty())
    }

    /// The narrowest place chosen, by name: the city, else the region, else the country.
    pub(crate) fn place_name(&self) -> String {
        let city = self
            .chosen
            .city
            .as_ref()
            .and_then(Choice::one)
            .map(|c| c.name.clone());
        let region = || {
            self.chosen
                .region
                .as_ref()
                .and_then(Choice::one)
                .map(|r| r.name.clone())
        };
        let country = || self.chosen.country.map(|c| c.name.to_owned());
        city.or_else(region).or_else(country).unwrap_or_default()
    }

    /// Fills the group step from the place's groups of every type, already loaded for the
    /// type step, instead of asking the API again. `call` is the search the step stands for,
    /// so that coming back with the same choices keeps the cursor and the search box. `false`
    /// when the place's groups are not at hand (a prefix jump, or another place).
    pub(super) fn groups_from_place(&mut self, call: &Call, force: bool) -> bool {
        if self.chosen.prefix_jump.is_some() || self.lists.types.call != self.place_call() {
            return false;
        }
        let (Some(_), Some(chosen)) = (self.lists.types.load.loaded(), &self.chosen.did_type)
        else {
            return false;
        };
        if !force && self.lists.groups.is_current(call) {
            return true;
        }
        let groups: Vec<Group> = of_type(&self.lists.place_groups, chosen).cloned().collect();
        self.lists.groups.call = Some(call.clone());
        self.lists.groups.load = Load::Loaded(Picker::new(groups));
        if let Some(picker) = self.lists.groups.load.loaded_mut() {
            picker.refilter(&mut self.lists.filter);
        }
        true
    }

    /// Esc from a step whose list came back empty: back to `previous` with its search box
    /// cleared and its cursor on "Any", so that the search really broadens.
    pub(super) fn broaden(&mut self, previous: Step) {
        let filter = &mut self.lists.filter;
        match previous {
            Step::City => {
                if let Some(picker) = self.lists.cities.load.loaded_mut() {
                    picker.clear_query(filter);
                    picker.select_where(|c| matches!(c, Choice::Any));
                }
            }
            Step::DidType => {
                if let Some(picker) = self.lists.types.load.loaded_mut() {
                    picker.clear_query(filter);
                    picker.select_where(|t| matches!(t, Choice::Any));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn group(id: &str, kind: &str) -> Group {
        serde_json::from_value(json!({"id": id, "type": kind})).unwrap()
    }

    #[test]
    fn only_offered_types_are_listed_with_their_group_counts() {
        let groups = [
            group("a", "local"),
            group("b", "mobile"),
            group("c", "local"),
        ];
        let rows = offered(&groups);
        let shown: Vec<(Option<&str>, usize)> = rows
            .iter()
            .map(|row| match row {
                Choice::Any => (None, groups.len()),
                Choice::One(o) => (Some(o.name.as_str()), o.groups),
            })
            .collect();
        assert_eq!(shown, [(None, 3), (Some("local"), 2), (Some("mobile"), 1)]);
        let local = rows[1].clone();
        let ids: Vec<&str> = of_type(&groups, &local).map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert!(
            offered(&[]).is_empty(),
            "nothing offered, nothing to choose"
        );
    }
}
