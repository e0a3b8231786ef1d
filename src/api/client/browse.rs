//! The client's endpoints for browsing: regions, cities, types of number, requirements,
//! groups and the numbers available in a group.

use serde_json::Value;

use super::{Client, GroupQuery};
use crate::api::answer;
use crate::api::error::ApiError;
use crate::api::model::{
    AvailableNumber, City, CountryCode, DidType, DidTypeId, Group, GroupId, Listing, Region,
    RegionId,
};

impl Client {
    /// `GET /open/numbers/regions?country=` → `data.regions`.
    pub async fn regions(&self, country: &CountryCode) -> Result<Listing<Region>, ApiError> {
        let query = [("country", country.to_string())];
        let answer = self.get(&["regions"], &query).await?;
        answer::list(&answer, "regions")
    }

    /// `GET /open/numbers/cities?country=&region=` → `data.cities`.
    pub async fn cities(
        &self,
        country: &CountryCode,
        region: Option<&RegionId>,
    ) -> Result<Listing<City>, ApiError> {
        let mut query = vec![("country", country.to_string())];
        query.extend(region.map(|r| ("region", r.to_string())));
        let answer = self.get(&["cities"], &query).await?;
        answer::list(&answer, "cities")
    }

    /// `GET /open/numbers/did-types` → `data.did_types`.
    pub async fn did_types(&self) -> Result<Listing<DidType>, ApiError> {
        let answer = self.get(&["did-types"], &[]).await?;
        answer::list(&answer, "did_types")
    }

    /// `GET /open/numbers/requirements?country=&did_type=<numeric id>` → `data.requirements`,
    /// each requirement kept as the JSON it came as.
    pub async fn requirements(
        &self,
        country: &CountryCode,
        did_type: Option<&DidTypeId>,
    ) -> Result<Vec<Value>, ApiError> {
        let mut query = vec![("country", country.to_string())];
        query.extend(did_type.map(|t| ("did_type", t.to_string())));
        let answer = self.get(&["requirements"], &query).await?;
        Ok(answer::list::<Value>(&answer, "requirements")?.items)
    }

    /// `GET /open/numbers/groups?country=&region_id=&city_id=&city_name_or_prefix=&did_type=<name>`
    /// → `data.groups`.
    pub async fn groups(&self, query: &GroupQuery) -> Result<Listing<Group>, ApiError> {
        let mut pairs = vec![("country", query.country.to_string())];
        pairs.extend(query.region.as_ref().map(|r| ("region_id", r.to_string())));
        pairs.extend(query.city.as_ref().map(|c| ("city_id", c.to_string())));
        pairs.extend(
            query
                .city_name_or_prefix
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(|text| ("city_name_or_prefix", text.to_owned())),
        );
        pairs.extend(query.did_type.as_ref().map(|t| ("did_type", t.to_string())));
        let answer = self.get(&["groups"], &pairs).await?;
        answer::list(&answer, "groups")
    }

    /// `GET /open/numbers/available?group_id=&number_contains=` → `data.numbers`.
    pub async fn available_numbers(
        &self,
        group: &GroupId,
        number_contains: Option<&str>,
    ) -> Result<Listing<AvailableNumber>, ApiError> {
        let mut query = vec![("group_id", group.to_string())];
        query.extend(
            number_contains
                .map(str::trim)
                .filter(|digits| !digits.is_empty())
                .map(|digits| ("number_contains", digits.to_owned())),
        );
        let answer = self.get(&["available"], &query).await?;
        answer::list(&answer, "numbers")
    }
}
