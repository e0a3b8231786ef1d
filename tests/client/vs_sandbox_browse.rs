//! The API client's reading calls against the embedded sandbox over real HTTP: regions, cities,
//! DID types, requirements, group search, available numbers, account info and its request
//! count, and a client without a key, with the errors the sandbox answers as the client reports
//! them.

use crate::support::client::{
    LA, TOLLFREE_877, available, city_names, client_for, country, decimal, group, group_ids, order,
    refused, region_id, start_default,
};
use numpick::api::model::{CityId, DidTypeId, DidTypeName, flatten_fields};
use numpick::api::{ApiError, GroupQuery};

#[tokio::test]
async fn regions_cities_and_did_types() {
    let (_sandbox, client) = start_default().await;

    let us = client.regions(&country("US")).await.unwrap();
    assert_eq!(us.skipped, 0);
    assert!(us.items.len() >= 5, "{:?}", us.items);
    let names: Vec<&str> = us.items.iter().map(|r| r.name.as_str()).collect();
    for expected in ["California", "New York", "Texas", "Florida", "Illinois"] {
        assert!(names.contains(&expected), "{names:?}");
    }
    assert!(us.items.iter().all(|r| r.country.as_deref() == Some("US")));
    let de = client.regions(&country("de")).await.unwrap();
    assert!(de.items.is_empty() && de.skipped == 0, "{de:?}");

    let california = region_id(&client, "US", "California").await;
    let new_york = region_id(&client, "US", "New York").await;
    assert_ne!(california, new_york);
    assert_eq!(
        city_names(&client, "US", Some(&california)).await,
        [
            "Los Angeles",
            "San Francisco",
            "San Diego",
            "San Jose",
            "Sacramento"
        ]
    );
    let in_new_york = city_names(&client, "US", Some(&new_york)).await;
    assert_eq!(
        in_new_york,
        ["New York City", "Buffalo", "Rochester", "Albany"]
    );
    let all_us = city_names(&client, "US", None).await;
    assert!(all_us.len() > 9, "{all_us:?}");
    assert!(all_us.iter().any(|c| c == "Los Angeles"));
    assert!(all_us.iter().any(|c| c == "New York City"));
    assert!(all_us.iter().any(|c| c == "Chicago"));
    assert_eq!(
        city_names(&client, "DE", None).await,
        [
            "Berlin",
            "Munich",
            "Hamburg",
            "Frankfurt",
            "Cologne",
            "Stuttgart"
        ]
    );

    let types = client.did_types().await.unwrap();
    let pairs: Vec<(String, DidTypeName)> = types
        .items
        .into_iter()
        .map(|t| (t.id.to_string(), t.name))
        .collect();
    // Numbered from 1 in this order.
    let expected: Vec<(String, DidTypeName)> = "local mobile tollfree national global sharedcost"
        .split(' ')
        .enumerate()
        .map(|(i, name)| ((i + 1).to_string(), DidTypeName::new(name)))
        .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn requirements_take_the_numeric_type_id() {
    let (_sandbox, client) = start_default().await;
    let types = client.did_types().await.unwrap().items;
    let id_of = |name: &str| -> DidTypeId {
        types
            .iter()
            .find(|t| t.name.as_str() == name)
            .unwrap()
            .id
            .clone()
    };
    let local = id_of("local");
    assert_eq!(local.as_str(), "1");

    let de_local = client
        .requirements(&country("DE"), Some(&local))
        .await
        .unwrap();
    let ids: Vec<&str> = de_local.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["de-identity", "de-local-address"]);
    let identity = flatten_fields(&de_local[0]);
    assert!(identity.contains(&(
        "fields".to_owned(),
        "first_name, last_name, date_of_birth, nationality".to_owned()
    )));
    let address = flatten_fields(&de_local[1]);
    assert!(address.contains(&("address.scope".to_owned(), "local_network_area".to_owned())));
    assert!(address.contains(&("type".to_owned(), "address".to_owned())));

    let de_mobile = client
        .requirements(&country("DE"), Some(&id_of("mobile")))
        .await
        .unwrap();
    let ids: Vec<&str> = de_mobile
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["de-identity", "de-address"]);

    let us_local = client
        .requirements(&country("US"), Some(&local))
        .await
        .unwrap();
    assert!(us_local.is_empty(), "{us_local:?}");
    assert!(
        client
            .requirements(&country("US"), None)
            .await
            .unwrap()
            .is_empty()
    );

    let unknown = client
        .requirements(&country("DE"), Some(&DidTypeId::new("99")))
        .await
        .unwrap_err();
    assert_eq!(refused(unknown), (400, "Unknown did_type id 99".to_owned()));
}

#[tokio::test]
async fn group_search() {
    let (_sandbox, client) = start_default().await;
    let us = GroupQuery::new(country("US"));

    let no_region = client.groups(&us).await.unwrap_err();
    assert_eq!(
        refused(no_region),
        (
            400,
            "A region is required to search US numbers: pass region_id (or city_id)".to_owned()
        )
    );

    let california = region_id(&client, "US", "California").await;
    let in_california = GroupQuery {
        region: Some(california.clone()),
        ..us.clone()
    };
    let listing = client.groups(&in_california).await.unwrap();
    let ids: Vec<&str> = listing.items.iter().map(|g| g.id.as_str()).collect();
    for expected in [
        LA,
        "us-ca-la-local-2",
        "us-ca-sf-local-1",
        "us-tollfree-800",
    ] {
        assert!(ids.contains(&expected), "{ids:?}");
    }
    assert!(!ids.iter().any(|id| id.starts_with("us-ny-")), "{ids:?}");
    let california_cities = city_names(&client, "US", Some(&california)).await;
    for g in listing.items.iter().filter(|g| g.did_type == "local") {
        assert!(california_cities.contains(&g.location), "{g:?}");
    }

    let cities = client
        .cities(&country("US"), Some(&california))
        .await
        .unwrap()
        .items;
    let los_angeles: CityId = cities
        .iter()
        .find(|c| c.name == "Los Angeles")
        .unwrap()
        .id
        .clone();
    let la_local = GroupQuery {
        city: Some(los_angeles),
        did_type: Some(DidTypeName::new("local")),
        ..us.clone()
    };
    let listing = client.groups(&la_local).await.unwrap();
    let ids: Vec<&str> = listing.items.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, [LA, "us-ca-la-local-2", "us-ca-la-local-3"]);
    let first = &listing.items[0];
    assert_eq!(first.prefix, "+1 (213)");
    assert_eq!(first.location, "Los Angeles");
    assert_eq!(first.did_type, "local");
    assert_eq!(first.price.setup.amount(), Some(decimal("0.00")));
    assert_eq!(first.price.monthly.amount(), Some(decimal("1.50")));
    assert_eq!(first.price.monthly.to_string(), "1.50");
    assert!(first.allow_number_selection && first.is_eligible_for_free_number);
    assert!(!first.has_requirements());
    assert_eq!(
        first.features,
        ["voice", "sms_in", "sms_out", "whatsapp_business"]
    );
    assert!(listing.items.iter().all(|g| g.did_type == "local"));

    let all_types = GroupQuery {
        did_type: Some(DidTypeName::new("all")),
        ..in_california.clone()
    };
    let all_ids = group_ids(&client, &all_types).await;
    assert_eq!(all_ids, group_ids(&client, &in_california).await);
    assert!(all_ids.iter().any(|id| id == LA));
    assert!(all_ids.iter().any(|id| id == TOLLFREE_877));

    let tollfree = GroupQuery {
        did_type: Some(DidTypeName::new("tollfree")),
        ..in_california.clone()
    };
    assert_eq!(
        group_ids(&client, &tollfree).await,
        ["us-tollfree-800", "us-tollfree-888", TOLLFREE_877]
    );

    let by_prefix = GroupQuery {
        city_name_or_prefix: Some(" 213 ".to_owned()),
        ..us.clone()
    };
    assert_eq!(group_ids(&client, &by_prefix).await, [LA]);
    let by_name = GroupQuery {
        city_name_or_prefix: Some("angeles".to_owned()),
        ..us.clone()
    };
    assert_eq!(
        group_ids(&client, &by_name).await,
        [LA, "us-ca-la-local-2", "us-ca-la-local-3"]
    );

    let de_local = GroupQuery {
        did_type: Some(DidTypeName::new("local")),
        ..GroupQuery::new(country("DE"))
    };
    let de = client.groups(&de_local).await.unwrap().items;
    assert_eq!(de.len(), 6);
    assert!(de.iter().all(|g| g.has_requirements()), "{de:?}");

    let bogus = GroupQuery {
        did_type: Some(DidTypeName::new("bogus")),
        ..in_california
    };
    let (status, message) = refused(client.groups(&bogus).await.unwrap_err());
    assert_eq!(status, 400);
    assert_eq!(
        message,
        "Unknown did_type 'bogus': expected all or one of local, mobile, tollfree, national, global, sharedcost"
    );
}

#[tokio::test]
async fn available_numbers_with_and_without_a_digit_filter() {
    let (_sandbox, client) = start_default().await;

    let listing = client.available_numbers(&group(LA), None).await.unwrap();
    assert_eq!(listing.items.len(), 100, "the page stops at 100 numbers");
    for n in &listing.items {
        assert!(
            n.number.starts_with("+1213") && n.number.len() == 12,
            "{n:?}"
        );
        assert!(n.id.as_str().starts_with("did-"), "{n:?}");
    }

    let sample = &listing.items[37].number;
    let digits = &sample[sample.len() - 4..];
    let matching = available(&client, LA, Some(digits)).await;
    assert!(matching.contains(sample), "{matching:?}");
    assert!(
        matching.iter().all(|n| n[1..].contains(digits)),
        "{matching:?}"
    );
    assert!(matching.len() < 100, "{} numbers", matching.len());

    let contains_555 = available(&client, LA, Some("555")).await;
    assert!(!contains_555.is_empty());
    assert!(contains_555.iter().all(|n| n.contains("555")));

    // Blank filters are left out of the query.
    assert_eq!(available(&client, LA, Some("  ")).await.len(), 100);
    assert!(available(&client, TOLLFREE_877, None).await.is_empty());

    let (status, message) = refused(
        client
            .available_numbers(&group("no-such-group"), None)
            .await
            .unwrap_err(),
    );
    assert_eq!(status, 404);
    assert_eq!(message, "Number group 'no-such-group' not found");
}

#[tokio::test]
async fn account_info_reports_the_limit_and_counts_usage() {
    let (_sandbox, client) = start_default().await;

    let first = client.account_info().await.unwrap();
    assert_eq!(first.requests_per_minute, Some(80));
    assert_eq!(first.name.as_deref(), Some("numpick sandbox"));
    assert_eq!(first.on_trial, Some(false));
    assert_eq!(first.blocked, Some(false));
    assert_eq!(first.max_api_request_count, Some(10_000));
    assert_eq!(first.api_request_count, Some(1));
    assert_eq!(first.uuid.as_ref().map(String::len), Some(36));

    client.did_types().await.unwrap();
    client.regions(&country("US")).await.unwrap();
    let refused_search = client.groups(&GroupQuery::new(country("US"))).await;
    assert!(refused_search.is_err());
    let second = client.account_info().await.unwrap();
    assert_eq!(second.api_request_count, Some(5));
    assert_eq!(second.uuid, first.uuid);
    assert_eq!(client.requests_sent(), 5);
}

#[tokio::test]
async fn a_client_without_a_key_is_unauthorized() {
    let (sandbox, client) = start_default().await;
    let keyless = client_for(&sandbox, None);

    let error = keyless.regions(&country("US")).await.unwrap_err();
    assert!(error.is_unauthorized(), "{error:?}");
    assert_eq!(
        error,
        ApiError::Unauthorized {
            status: 401,
            message: "Missing or invalid API key: send it in the X-User-API-Key header".to_owned()
        }
    );
    let purchase = keyless
        .purchase(&order(LA, "+12135550000"))
        .await
        .unwrap_err();
    assert!(purchase.is_unauthorized(), "{purchase:?}");
    assert_eq!(keyless.requests_sent(), 2, "a refused key is not retried");
    assert_eq!(sandbox.purchases(), 0);

    // Refused requests are not the account's usage.
    let info = client.account_info().await.unwrap();
    assert_eq!(info.api_request_count, Some(1));
}
