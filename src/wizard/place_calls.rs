//! The calls behind the group and review steps: the group search of the chosen place, and
//! the chosen group's requirements, which are asked for as the group is chosen so that Review
//! opens without a wait (the worker answers from its cache when it already has them: no
//! credit is spent twice).

use crate::api::model::DidTypeName;
use crate::protocol::{Call, Command};

use super::flow::fetch;
use super::{Choice, Step, Wizard};

impl Wizard {
    /// The chosen region's id; `None` for "Any region" or a country without regions.
    pub(super) fn region_id(&self) -> Option<crate::api::model::RegionId> {
        self.chosen
            .region
            .as_ref()
            .and_then(Choice::one)
            .map(|r| r.id.clone())
    }

    /// The group search of the chosen place for `did_type` (any type when `None`).
    pub(super) fn groups_call(&self, did_type: Option<DidTypeName>) -> Option<Call> {
        Some(Call::Groups {
            country: self.country_code()?,
            region: self.region_id(),
            city: self.chosen.city.as_ref()?.one().map(|c| c.id.clone()),
            did_type,
            prefix: self.chosen.prefix_jump.clone(),
        })
    }

    /// The requirements of the chosen group's country and type (the worker turns the type's
    /// name into the numeric id the endpoint takes).
    pub(super) fn requirements_call(&self) -> Option<Call> {
        let group = self.chosen.group.as_ref()?;
        let kind = group.did_type.trim();
        Some(Call::Requirements {
            country: self.country_code()?,
            did_type: (!kind.is_empty()).then(|| DidTypeName::new(kind)),
        })
    }

    /// Asks for the chosen group's requirements while its numbers are chosen, so that Review
    /// opens without a wait. The worker answers from its cache when it has them: no credit
    /// is spent twice.
    pub(super) fn prefetch_requirements(&mut self) -> Option<Command> {
        let call = self.requirements_call()?;
        fetch(
            &mut self.lists.requirements,
            call,
            &mut self.requests,
            Step::Review,
            false,
        )
    }
}
