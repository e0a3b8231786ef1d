//! The API client's ordering calls against the embedded sandbox over real HTTP: the
//! reserve → cancel → reserve → purchase cycle, unknown groups and reservations, random picks,
//! expiry, and the count of requests sent.

mod client_vs_sandbox_support;

use std::time::Duration;

use client_vs_sandbox_support::{
    LA, TOLLFREE_877, available, client_for, country, group, lifetime, owned_numbers, refused,
    reserved_numbers, start, start_default,
};
use jiff::SignedDuration;
use numpick::api::GroupQuery;
use numpick::api::model::ReservationId;
use numpick::sandbox::SandboxConfig;

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
    assert_eq!(reservation.group_id.as_ref(), Some(&la));
    assert_eq!(lifetime(&reservation), ttl);
    assert!(!available(&client, LA, None).await.contains(&number));
    let listed = client.reservations().await.unwrap().items;
    assert_eq!(listed, std::slice::from_ref(&reservation));
    assert_eq!(lifetime(&listed[0]), ttl);

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

    let receipt = client.purchase(&la, Some(&number)).await.unwrap();
    assert_eq!(receipt.number(), Some(number.as_str()));
    assert_eq!(receipt.body["success"], true);
    assert_eq!(
        receipt.body["data"]["purchase"]["reservation_uuid"],
        again.uuid.as_str()
    );
    assert_eq!(sandbox.purchases(), 1);
    let (count, owned) = owned_numbers(&client).await;
    assert_eq!((count, owned), (Some(1), vec![number.clone()]));
    let page = client.account_numbers(0, 200).await.unwrap();
    let bought = &page.numbers.items[0];
    assert_eq!(bought.iso_country_code.as_deref(), Some("US"));
    assert_eq!(bought.provider_type.as_deref(), Some("local"));
    assert_eq!(bought.status_text.as_deref(), Some("ACTIVE"));
    assert!(!available(&client, LA, None).await.contains(&number));
    assert!(reserved_numbers(&client).await.is_empty());
    let consumed = client.cancel_reservation(&again.uuid).await.unwrap_err();
    assert_eq!(refused(consumed).0, 404);

    let bought_twice = client.purchase(&la, Some(&number)).await.unwrap_err();
    assert_eq!(
        refused(bought_twice),
        (
            409,
            format!("Number {number} is not available: it has already been purchased")
        )
    );
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
    let purchase = client.purchase(&nowhere, None).await.unwrap_err();
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
async fn random_reservation_and_random_purchase() {
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

    // A group without number selection refuses a named number and assigns one.
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
    let receipt = client.purchase(&tollfree, None).await.unwrap();
    let bought = receipt.number().expect("the receipt names the number");
    assert!(
        bought.starts_with("+1877") && bought.len() == 12,
        "{bought}"
    );
    assert_eq!(receipt.body["data"]["purchase"]["group_id"], TOLLFREE_877);
    assert_eq!(sandbox.purchases(), 1);

    let second = client.purchase(&tollfree, None).await.unwrap();
    let second = second.number().unwrap().to_owned();
    assert_ne!(second, bought);
    assert_eq!(sandbox.purchases(), 2);
    assert_eq!(
        owned_numbers(&client).await,
        (Some(2), vec![bought.to_owned(), second])
    );
    let first_page = client.account_numbers(0, 1).await.unwrap();
    assert_eq!(first_page.count, Some(2));
    assert_eq!(first_page.numbers.items.len(), 1);
    assert_eq!(first_page.numbers.items[0].phone_number, bought);
    // The random purchase did not take the reserved number.
    assert_eq!(reserved_numbers(&client).await, [reservation.number]);
}

#[tokio::test]
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

    tokio::time::sleep(Duration::from_millis(1500)).await;
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
    client.purchase(&group(LA), None).await.unwrap();
    assert_eq!(clone.requests_sent(), 6);
    assert_eq!(sandbox.purchases(), 1);

    // The sandbox saw the same requests, plus this one.
    let info = client.account_info().await.unwrap();
    assert_eq!(info.api_request_count, Some(7));
    assert_eq!(client.requests_sent(), 7);

    // A second client keeps its own count against the same sandbox.
    let other = client_for(&sandbox, Some("another-key"));
    other.account_numbers(0, 10).await.unwrap();
    assert_eq!(other.requests_sent(), 1);
    assert_eq!(client.requests_sent(), 7);
}
