//! The sandbox state's tests: reservations, purchases, groups that assign numbers, the rate
//! limit and bad requests.

use axum::http::StatusCode;

use super::*;

const LA: &str = "us-ca-la-local-1";

fn state(ttl_secs: u64) -> State {
    State::new(&SandboxConfig {
        seed: 11,
        reservation_ttl: Duration::from_secs(ttl_secs),
        ..SandboxConfig::default()
    })
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_767_225_600 + second).unwrap()
}

fn first_number(state: &State) -> String {
    state.available(0).next().unwrap().e164.clone()
}

#[test]
fn a_reservation_holds_its_number_until_it_expires() {
    let mut state = state(600);
    let number = first_number(&state);
    let reservation = state.reserve(LA, Some(&number), at(0)).unwrap();
    assert_eq!(reservation.expires_at, at(600));
    assert!(state.available(0).all(|n| n.e164 != number));
    let again = state.reserve(LA, Some(&number), at(10)).unwrap_err();
    assert_eq!(again.status, StatusCode::CONFLICT);
    state.expire(at(599));
    assert_eq!(state.reservations().len(), 1);
    state.expire(at(600));
    assert!(state.reservations().is_empty());
    assert_eq!(first_number(&state), number);
}

#[test]
fn buying_a_reserved_number_consumes_the_reservation() {
    let mut state = state(600);
    let number = first_number(&state);
    let uuid = state
        .reserve(LA, Some(&number), at(0))
        .unwrap()
        .uuid
        .clone();
    let Sale::Sold(bought) = state.purchase_number(Some(LA), &number, at(5)).unwrap() else {
        panic!("not sold");
    };
    let purchase = &state.purchases()[bought];
    assert_eq!(state.number(purchase.number).e164, number);
    assert!(purchase.virtual_number_uuid.starts_with("DID"));
    assert!(state.reservations().is_empty());
    let twice = state.purchase_number(Some(LA), &number, at(6)).unwrap();
    assert!(matches!(twice, Sale::Failed { .. }), "{twice:?}");
    assert_eq!(
        state.cancel(&uuid, at(7)).unwrap_err().status,
        StatusCode::NOT_FOUND
    );
}

#[test]
fn a_purchase_without_a_number_buys_every_reservation() {
    let mut state = state(600);
    let a = state.reserve(LA, None, at(0)).unwrap().number;
    let b = state.reserve("de-ber-local-1", None, at(0)).unwrap().number;
    let bought = state.purchase_reserved(at(1));
    let numbers: Vec<usize> = bought
        .iter()
        .map(|&p| state.purchases()[p].number)
        .collect();
    assert_eq!(numbers, [a, b]);
    assert!(state.reservations().is_empty());
}

#[test]
fn a_group_that_assigns_numbers_sells_only_what_was_reserved() {
    let mut state = state(600);
    let group = "us-tollfree-877";
    let free = state
        .available(catalogue().group_index(group).unwrap())
        .next();
    let free = free.unwrap().e164.clone();
    let refused = state.purchase_number(Some(group), &free, at(0)).unwrap();
    assert!(matches!(refused, Sale::Failed { .. }), "{refused:?}");
    let held = state.reserve(group, None, at(0)).unwrap().number;
    let held = state.number(held).e164.clone();
    let sold = state.purchase_number(Some(group), &held, at(1)).unwrap();
    assert!(matches!(sold, Sale::Sold(_)), "{sold:?}");
    let elsewhere = state.purchase_number(Some(LA), &held, at(2)).unwrap();
    assert!(matches!(elsewhere, Sale::Failed { .. }));
    let unknown = state
        .purchase_number(Some("nope"), &held, at(2))
        .unwrap_err();
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let garbage = state.purchase_number(None, "call me", at(2)).unwrap_err();
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
}

#[test]
fn a_key_gets_its_limit_per_sliding_minute() {
    let mut state = state(600);
    state.rate_limit = 2;
    let t0 = tokio::time::Instant::now();
    assert!(state.admit("k", t0).is_ok());
    assert!(state.admit("k", t0 + Duration::from_secs(10)).is_ok());
    let wait = state.admit("k", t0 + Duration::from_secs(20)).unwrap_err();
    assert_eq!(wait, Duration::from_secs(40));
    assert!(state.admit("other", t0 + Duration::from_secs(20)).is_ok());
    assert!(state.admit("k", t0 + Duration::from_secs(60)).is_ok());
    state.rate_limit = 0;
    for _ in 0..100 {
        assert!(state.admit("k", t0 + Duration::from_secs(61)).is_ok());
    }
}

#[test]
fn bad_requests_get_the_right_status() {
    let mut state = state(600);
    let status = |r: Result<&Reservation, ApiError>| r.unwrap_err().status;
    assert_eq!(
        status(state.reserve("nope", None, at(0))),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status(state.reserve(LA, Some("call me"), at(0))),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        status(state.reserve(LA, Some("+4930123456"), at(0))),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status(state.reserve("us-tollfree-877", Some("+18775550000"), at(0))),
        StatusCode::BAD_REQUEST
    );
}

#[test]
fn a_sold_out_group_says_so() {
    let mut state = state(600);
    let group = catalogue().group_index("ch-sharedcost-840").unwrap();
    for _ in 0..catalogue().groups[group].pool_size {
        state.reserve("ch-sharedcost-840", None, at(0)).unwrap();
    }
    state.purchase_reserved(at(0));
    assert_eq!(state.available(group).count(), 0);
    let error = state.reserve("ch-sharedcost-840", None, at(1)).unwrap_err();
    assert_eq!(error.status, StatusCode::CONFLICT);
}

#[test]
fn uuids_are_version_4() {
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let uuid = uuid_v4(&mut rng);
    assert_eq!(uuid.len(), 36);
    assert_eq!(&uuid[14..15], "4");
    assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "{uuid}");
}
