//! The command line against a server answering in the shapes the provider documents: a
//! number in `failed` is a refusal (exit 3, recorded as refused), a group that assigns its
//! numbers is reserved first and the purchase names the reserved number, and the
//! reservations list's own item shape is read, its unreadable items reported.

use crate::support::home::{Home, KEY, NUMBER, buy_args, group_json, ok, one_group, posts};
use crate::support::http::{FaultServer, Reply};
use serde_json::json;

/// `/open/info`, which `buy` asks once to record whose account the purchase is made on.
fn account_info() -> Reply {
    Reply::json(
        200,
        json!({"success": true, "account": {"uuid": "ACC-1"}, "limits": {"requests_per_minute": 80}}),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_in_failed_is_refused_exit_3_and_recorded_so() {
    let server = FaultServer::start(vec![
        one_group("g-1"),
        account_info(),
        Reply::json(
            201,
            json!({"success": true, "purchased": [], "failed": [NUMBER]}),
        ),
    ])
    .await;
    let url = server.url();
    let home = Home::new();
    let run = home
        .run_async(&buy_args("g-1", &["--json"], &url), &[KEY])
        .await;
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stdout.is_empty(), "nothing reported as bought: {run:?}");
    assert!(
        run.stderr.contains("not bought") && run.stderr.contains(NUMBER),
        "{run:?}"
    );
    assert_eq!(posts(&server), 1, "a refusal is not retried");
    let journal = home.journal();
    assert!(journal.contains("\"refused\""), "{journal}");
    assert!(!journal.contains("\"bought\""), "{journal}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_that_assigns_numbers_is_reserved_first_and_the_purchase_names_it() {
    let mut random = group_json("g-r");
    random["allow_number_selection"] = json!(false);
    let server = FaultServer::start(vec![
        ok(json!({"groups": [random]})),
        Reply::json(
            201,
            json!({"success": true, "data": {"reservation_details": {
                "uuid": "res-1", "number": NUMBER,
                "created_at": "2030-01-15T10:00:00Z", "expires_at": "2030-01-15T10:10:00Z"}}}),
        ),
        account_info(),
        Reply::json(
            201,
            json!({"success": true, "purchased": [NUMBER], "failed": []}),
        ),
    ])
    .await;
    let url = server.url();
    let args = [
        "buy",
        "g-r",
        "--country",
        "DE",
        "--yes",
        "--json",
        "--base-url",
        &url,
    ];
    let run = Home::new().run_async(&args, &[KEY]).await;
    assert_eq!(run.code, 0, "{run:?}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["number"], NUMBER, "the receipt names the number bought");
    assert!(run.stderr.contains("reserved +493012345678"), "{run:?}");
    let writes: Vec<_> = (server.requests().into_iter())
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(writes.len(), 2);
    assert_eq!(writes[0].path(), "/open/numbers/reservations");
    assert_eq!(writes[0].json(), json!({"group_id": "g-r"}));
    assert_eq!(writes[1].path(), "/open/numbers/purchase");
    assert_eq!(
        writes[1].json(),
        json!({"group_id": "g-r", "number": NUMBER}),
        "never a purchase without its number"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservations_in_the_documented_shape_are_listed_and_unreadable_ones_reported() {
    let documented = json!({
        "uuid": "res-uuid-123", "number": "+12135551234", "did_group_id": "abc-123",
        "did_type": "local", "iso_country_code": "US", "location": "Los Angeles",
        "setup_price": 5.00, "monthly_price": 3.00, "ppm": 0.02,
        "reservation_date": "2030-01-15T10:00:00Z", "reservation_end_date": "2030-01-15T10:30:00Z",
        "needs_registration": false, "supports_sms_in": true, "supports_sms_out": true
    });
    let listing = ok(json!({"reservations": [documented, {"uuid": "no-number"}]}));
    let server = FaultServer::start(vec![listing.clone(), listing, ok(json!([{"uuid": 1}]))]).await;
    let url = server.url();
    let home = Home::new();
    let run = home
        .run_async(&["reservations", "--json", "--base-url", &url], &[KEY])
        .await;
    assert_eq!(run.code, 0, "{run:?}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["unreadable"], 1);
    let item = &doc["reservations"][0];
    assert_eq!(
        (
            &item["group_id"],
            &item["location"],
            &item["monthly_price"],
            &item["ppm"]
        ),
        (
            &json!("abc-123"),
            &json!("Los Angeles"),
            &json!("3.00"),
            &json!("0.02")
        )
    );
    assert_eq!(item["expires_at"], "2030-01-15T10:30:00Z");
    assert!(
        run.stderr.contains("1 reservation could not be read"),
        "{run:?}"
    );

    let table = home
        .run_async(&["reservations", "--base-url", &url], &[KEY])
        .await;
    assert!(table.stdout.contains("+12135551234"), "{table:?}");
    assert!(table.stdout.contains("Los Angeles · local"), "{table:?}");
    // Only unreadable items: never "No active reservations".
    let unreadable = home
        .run_async(&["reservations", "--base-url", &url], &[KEY])
        .await;
    assert_eq!(unreadable.code, 0, "{unreadable:?}");
    assert!(
        !unreadable.stdout.contains("No active reservations"),
        "{unreadable:?}"
    );
    assert!(
        unreadable.stderr.contains("could not be read"),
        "{unreadable:?}"
    );
}
