//! The client's endpoints for the account: its info and limits, the numbers it owns, and
//! releasing one.

use reqwest::Method;

use super::Client;
use crate::api::answer;
use crate::api::error::ApiError;
use crate::api::model::{AccountInfo, OwnedNumbersPage};
use crate::api::transport::Kind;

impl Client {
    /// `DELETE /open/voip/virtual-numbers/{uuid}` (a `DID…` id): marks an owned number as
    /// pending cancellation. Sent once and never retried: a release cannot be undone, so an
    /// uncertain ending is [`ApiError::OutcomeUnknown`], as for a purchase.
    pub async fn release_number(&self, uuid: &str) -> Result<(), ApiError> {
        let uuid = uuid.trim();
        if uuid.is_empty() {
            return Err(ApiError::NotSent {
                detail: "a release needs the number's id".to_owned(),
            });
        }
        let path = ["open", "voip", "virtual-numbers", uuid];
        self.call(Method::DELETE, &path, &[], None, Kind::Irreversible)
            .await
            .map(|_| ())
    }

    /// `GET /open/info`. Also sets the rate limiter to the account's `requests_per_minute`.
    pub async fn account_info(&self) -> Result<AccountInfo, ApiError> {
        let answer = self
            .call(Method::GET, &["open", "info"], &[], None, Kind::Read)
            .await?;
        let info = AccountInfo::from_body(&answer::value(&answer)?);
        if let Some(limit) = info.requests_per_minute.filter(|limit| *limit > 0) {
            self.set_requests_per_minute(limit);
        }
        Ok(info)
    }

    /// `GET /open/voip/virtual-numbers?page_number=&results_per_page=`: top-level `numbers`
    /// and `count`.
    pub async fn account_numbers(
        &self,
        page_number: u32,
        results_per_page: u32,
    ) -> Result<OwnedNumbersPage, ApiError> {
        let query = [
            ("page_number", page_number.to_string()),
            ("results_per_page", results_per_page.to_string()),
        ];
        let path = ["open", "voip", "virtual-numbers"];
        let answer = self
            .call(Method::GET, &path, &query, None, Kind::Read)
            .await?;
        answer::owned_numbers(&answer)
    }
}
