//! The API client's ordering calls against the embedded sandbox over real HTTP: the
//! reserve → cancel → reserve → purchase cycle in the documented shapes, refusals in
//! `failed`, unknown groups and reservations, numbers the API picks, releases, expiry, the
//! per-minute limit, and the count of requests sent.

use std::time::Duration;

use crate::support::client::{
    LA, TOLLFREE_877, available, client_for, country, group, lifetime, order, owned_numbers,
    refused, reserved_numbers, start, start_default,
};
use jiff::SignedDuration;
use numpick::api::GroupQuery;
use numpick::api::model::{E164, NumberStatus, ReservationId, Verdict};
use numpick::sandbox::SandboxConfig;
use serde_json::json;

#[tokio::test]
async fn reserve_list_cancel_reserve_purchase() {
    let (sandbox, client) = start_default().await;
    let la = group(LA);
    let ttl = SignedDuration::from_secs(600);

    assert!(reserved_numbers(&client).await.is_empty());
    assert_eq!(owned_numbers(&client).await, (Some(0), vec![]));
    let number = available(&client, LA, None).await[3].clone();

    let reservation = client.reserve(&la, Some(&number)).await.unwrap();
    assert_eq!(reservation.number, number);
    assert_eq!(
        reservation.group_id, None,
        "the reserve answer names no group"
    );
    assert_eq!(lifetime(&reservation), ttl);
    assert!(!available(&client, LA, None).await.contains(&number));
    // The list item has other names and more facts than the reserve answer.
    let listed = client.reservations().await.unwrap();
    assert_eq!((listed.items.len(), listed.skipped), (1, 0));
    let item = &listed.items[0];
    assert_eq!((&item.uuid, &item.number), (&reservation.uuid, &number));
    assert_eq!(item.group_id.as_ref(), Some(&la));
    assert_eq!(lifetime(item), ttl);
    assert_eq!(item.expires_at, reservation.expires_at);
    assert_eq!(item.facts.location.as_deref(), Some("Los Angeles"));
    assert_eq!(item.facts.did_type.as_deref(), Some("local"));
    assert_eq!(item.facts.monthly.to_string(), "1.50");
    assert_eq!(item.facts.per_minute.to_string(), "0.01");
    assert_eq!(item.facts.needs_registration, Some(false));

    let taken = client.reserve(&la, Some(&number)).await.unwrap_err();
    assert_eq!(
        refused(taken),
        (409, format!("Number {number} is already reserved"))
    );

    let message = client.cancel_reservation(&reservation.uuid).await.unwrap();
    assert_eq!(
        message,
        format!("Reservation {} cancelled successfully", reservation.uuid)
    );
    assert!(reserved_numbers(&client).await.is_empty());
    assert!(available(&client, LA, None).await.contains(&number));
    let twice = client
        .cancel_reservation(&reservation.uuid)
        .await
        .unwrap_err();
    assert_eq!(
        refused(twice),
        (404, format!("Reservation {} not found", reservation.uuid))
    );

    let again = client.reserve(&la, Some(&number)).await.unwrap();
    assert_ne!(again.uuid, reservation.uuid);
    assert_eq!(
        reserved_numbers(&client).await,
        std::slice::from_ref(&number)
    );

    let receipt = client.purchase(&order(LA, &number)).await.unwrap();
    assert_eq!(
        receipt.body,
        json!({"success": true, "purchased": [number.clone()], "failed": []})
    );
    assert_eq!(
        receipt.verdict(&E164::parse(&number).unwrap()),
        Verdict::Bought
    );
    assert_eq!(sandbox.purchases(), 1);
    let (count, owned) = owned_numbers(&client).await;
    assert_eq!((count, owned), (Some(1), vec![number.clone()]));
    let page = client.account_numbers(0, 200).await.unwrap();
    let bought = &page.numbers.items[0];
    assert!(bought.uuid.as_deref().unwrap().starts_with("DID"));
    assert_eq!(bought.iso_country_code.as_deref(), Some("US"));
    assert_eq!(bought.region_name.as_deref(), Some("California"));
    assert_eq!(bought.provider_type.as_deref(), Some("local"));
    assert_eq!(bought.status_text, Some(NumberStatus::Active));
    let formatted = bought.formatted_phone_number.as_deref().unwrap();
    assert!(formatted.starts_with("+1 213-"), "{formatted}");
    assert!(!available(&client, LA, None).await.contains(&number));
    assert!(reserved_numbers(&client).await.is_empty());
    let consumed = client.cancel_reservation(&again.uuid).await.unwrap_err();
    assert_eq!(refused(consumed).0, 404);

    // A well-formed order for a number that cannot be sold is answered with it in `failed`.
    let bought_twice = client.purchase(&order(LA, &number)).await.unwrap();
    assert_eq!(
        bought_twice.verdict(&E164::parse(&number).unwrap()),
        Verdict::Refused
    );
    assert_eq!(bought_twice.body["failed"], json!([number.clone()]));
    let reserve_bought = client.reserve(&la, Some(&number)).await.unwrap_err();
    assert_eq!(refused(reserve_bought).0, 409);
    assert_eq!(sandbox.purchases(), 1);
    assert_eq!(owned_numbers(&client).await.0, Some(1));
}

#[tokio::test]
async fn unknown_groups_and_reservations_are_refused_404() {
    let (sandbox, client) = start_default().await;
    let nowhere = group("no-such-group");

    let reserve = client.reserve(&nowhere, None).await.unwrap_err();
    assert_eq!(
        refused(reserve),
        (404, "Number group 'no-such-group' not found".to_owned())
    );
    let purchase = client
        .purchase(&order("no-such-group", "+12135550000"))
        .await
        .unwrap_err();
    assert_eq!(
        refused(purchase),
        (404, "Number group 'no-such-group' not found".to_owned())
    );
    let cancel = client
        .cancel_reservation(&ReservationId::new("no-such-reservation"))
        .await
        .unwrap_err();
    assert_eq!(
        refused(cancel),
        (404, "Reservation no-such-reservation not found".to_owned())
    );
    let foreign = client
        .reserve(&group(LA), Some("+4930123456"))
        .await
        .unwrap_err();
    assert_eq!(
        refused(foreign),
        (404, format!("Number +4930123456 not found in group '{LA}'"))
    );
    assert_eq!(sandbox.purchases(), 0);
    assert_eq!(client.requests_sent(), 4);
}

#[tokio::test]
async fn a_number_the_api_picks_is_reserved_then_bought_by_name() {
    let (sandbox, client) = start_default().await;
    let la = group(LA);
    let tollfree = group(TOLLFREE_877);

    let before = available(&client, LA, None).await;
    let reservation = client.reserve(&la, None).await.unwrap();
    assert!(reservation.number.starts_with("+1213"), "{reservation:?}");
    assert_eq!(reservation.number.len(), 12);
    assert_eq!(
        reserved_numbers(&client).await,
        std::slice::from_ref(&reservation.number)
    );
    let after = available(&client, LA, None).await;
    assert!(!after.contains(&reservation.number));
    // The rest of the page is unchanged, in the same order.
    let others: Vec<String> = before
        .into_iter()
        .filter(|n| *n != reservation.number)
        .collect();
    assert_eq!(after[..others.len()], others[..]);

    // A group without number selection refuses a named number in a reservation, and sells
    // only the number it assigned by reserving.
    let named = client
        .reserve(&tollfree, Some("+18775550000"))
        .await
        .unwrap_err();
    let (status, message) = refused(named);
    assert_eq!(status, 400);
    assert!(
        message.contains("does not allow number selection"),
        "{message}"
    );
    let assigned = client.reserve(&tollfree, None).await.unwrap();
    assert!(
        assigned.number.starts_with("+1877") && assigned.number.len() == 12,
        "{assigned:?}"
    );
    let receipt = client
        .purchase(&order(TOLLFREE_877, &assigned.number))
        .await
        .unwrap();
    let number = E164::parse(&assigned.number).unwrap();
    assert_eq!(receipt.verdict(&number), Verdict::Bought);
    assert_eq!(sandbox.purchases(), 1);
    // Exactly one number was bought: the other reservation remains.
    assert_eq!(
        reserved_numbers(&client).await,
        std::slice::from_ref(&reservation.number)
    );
    assert_eq!(
        owned_numbers(&client).await,
        (Some(1), vec![assigned.number.clone()])
    );
}

#[tokio::test]
async fn with_other_reservations_active_an_order_buys_exactly_its_number() {
    let (sandbox, client) = start_default().await;
    let first = client.reserve(&group(LA), None).await.unwrap();
    let second = client
        .reserve(&group("de-ber-local-1"), None)
        .await
        .unwrap();
    let third = client.reserve(&group(TOLLFREE_877), None).await.unwrap();
    let receipt = client
        .purchase(&order(TOLLFREE_877, &third.number))
        .await
        .unwrap();
    assert_eq!(receipt.body["purchased"], json!([third.number.clone()]));
    assert_eq!(sandbox.purchases(), 1);
    assert_eq!(
        reserved_numbers(&client).await,
        [first.number.clone(), second.number.clone()]
    );
}

#[tokio::test]
async fn a_released_number_is_pending_cancellation_and_an_unknown_one_is_refused() {
    let (_sandbox, client) = start_default().await;
    let held = client.reserve(&group(LA), None).await.unwrap();
    client.purchase(&order(LA, &held.number)).await.unwrap();
    let page = client.account_numbers(0, 10).await.unwrap();
    let uuid = page.numbers.items[0].uuid.clone().unwrap();
    client.release_number(&uuid).await.unwrap();
    let page = client.account_numbers(0, 10).await.unwrap();
    let released = &page.numbers.items[0];
    assert_eq!(
        released.status_text,
        Some(NumberStatus::PendingCancellation)
    );
    assert!(!released.is_held());
    // The release endpoint's error body has no `success`: it is a refusal all the same.
    let unknown = client.release_number("DID-no-such").await.unwrap_err();
    assert_eq!(
        refused(unknown),
        (404, "Virtual number DID-no-such not found".to_owned())
    );
}

#[tokio::test]
async fn the_account_numbers_come_in_pages_whose_count_is_the_page() {
    let (_sandbox, client) = start_default().await;
    let mut bought = Vec::new();
    for _ in 0..3 {
        let held = client.reserve(&group(LA), None).await.unwrap();
        client.purchase(&order(LA, &held.number)).await.unwrap();
        bought.push(held.number);
    }
    let mut seen = Vec::new();
    for page_number in 0..4 {
        let page = client.account_numbers(page_number, 2).await.unwrap();
        assert_eq!(page.count, Some(page.numbers.items.len() as u64));
        seen.extend(page.numbers.items.into_iter().map(|n| n.phone_number));
    }
    assert_eq!(seen, bought);
}

/// On tokio's paused clock, which the sandbox's clock follows: the second passes at once.
#[tokio::test(start_paused = true)]
async fn a_reservation_expires_on_its_own() {
    let config = SandboxConfig {
        reservation_ttl: Duration::from_secs(1),
        ..Default::default()
    };
    let (sandbox, client) = start(config).await;
    let number = available(&client, LA, None).await[0].clone();

    let reservation = client.reserve(&group(LA), Some(&number)).await.unwrap();
    assert_eq!(lifetime(&reservation), SignedDuration::from_secs(1));
    assert_eq!(
        reserved_numbers(&client).await,
        std::slice::from_ref(&number)
    );
    assert!(!available(&client, LA, None).await.contains(&number));

    tokio::time::advance(Duration::from_millis(1500)).await;
    assert!(reserved_numbers(&client).await.is_empty());
    assert_eq!(available(&client, LA, None).await[0], number);
    let gone = client
        .cancel_reservation(&reservation.uuid)
        .await
        .unwrap_err();
    assert_eq!(refused(gone).0, 404);
    // The number can be reserved again.
    let again = client.reserve(&group(LA), Some(&number)).await.unwrap();
    assert_eq!(again.number, number);
    assert_eq!(sandbox.purchases(), 0);
}

#[tokio::test]
async fn requests_sent_counts_exactly_the_requests_made() {
    let (sandbox, client) = start_default().await;
    assert_eq!(client.requests_sent(), 0);

    client.did_types().await.unwrap();
    client.regions(&country("US")).await.unwrap();
    assert_eq!(client.requests_sent(), 2);

    // A refusal is one request: 4xx answers are not retried.
    let error = client
        .groups(&GroupQuery::new(country("US")))
        .await
        .unwrap_err();
    assert_eq!(refused(error).0, 400);
    assert_eq!(client.requests_sent(), 3);

    // Clones share the count.
    let clone = client.clone();
    let reservation = clone.reserve(&group(LA), None).await.unwrap();
    clone.cancel_reservation(&reservation.uuid).await.unwrap();
    assert_eq!(client.requests_sent(), 5);
    client
        .purchase(&order(LA, &reservation.number))
        .await
        .unwrap();
    assert_eq!(clone.requests_sent(), 6);
    assert_eq!(sandbox.purchases(), 1);

    // The sandbox saw the same requests, plus this one.
    let info = client.account_info().await.unwrap();
    assert_eq!(info.api_request_count, Some(7));
    assert_eq!(info.requests_per_minute, Some(80), "the documented limit");
    assert_eq!(client.requests_sent(), 7);

    // A second client keeps its own count against the same sandbox.
    let other = client_for(&sandbox, Some("another-key"));
    other.account_numbers(0, 10).await.unwrap();
    assert_eq!(other.requests_sent(), 1);
    assert_eq!(client.requests_sent(), 7);
}

/// The client learns the account's limit from account info and keeps under it, so the
/// sandbox's per-minute limit never answers 429 to an ordinary session: requests past the
/// limit wait for the minute to turn instead of failing. On tokio's paused clock, which the
/// sandbox's limit and the client's limiter both read.
#[tokio::test(start_paused = true)]
async fn the_client_keeps_an_ordinary_session_under_the_per_minute_limit() {
    let config = SandboxConfig {
        rate_limit: 3,
        ..Default::default()
    };
    let (_sandbox, client) = start(config).await;
    let info = client.account_info().await.unwrap();
    assert_eq!(info.requests_per_minute, Some(3));
    let started = tokio::time::Instant::now();
    for _ in 0..5 {
        client
            .did_types()
            .await
            .expect("no error reaches the caller");
    }
    assert!(
        started.elapsed() >= Duration::from_secs(60),
        "the limiter waited for the minute to turn"
    );
    assert_eq!(
        client.requests_sent(),
        6,
        "no request was refused and retried"
    );
}

/// A client that does not know the limit yet gets 429 with `Retry-After` on a read, waits as
/// asked and retries, and the caller sees the answer.
#[tokio::test(start_paused = true)]
async fn a_429_on_a_read_is_waited_out_and_retried() {
    let config = SandboxConfig {
        rate_limit: 2,
        ..Default::default()
    };
    let sandbox = numpick::sandbox::spawn(config).await.unwrap();
    let mut client_config =
        numpick::api::ClientConfig::new(sandbox.base_url(), Some("test-key".to_owned().into()));
    client_config.max_retry_wait = Duration::from_secs(90);
    let client = numpick::api::Client::new(client_config).unwrap();
    for _ in 0..3 {
        client
            .did_types()
            .await
            .expect("the retry after the wait succeeds");
    }
    assert_eq!(client.requests_sent(), 4, "one 429, then the retry");
}
