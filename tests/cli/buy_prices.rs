//! `buy` with only what the user has: prices found without `--country` (the reservation,
//! the number's country, the default country), prices not found said to be unknown and
//! recorded so, and a dry run that fails where the real run would.

use crate::support::home::{Home, KEY, NUMBER, buy_args, items, ok, one_group, posts};
use crate::support::http::{FaultServer, Reply};
use serde_json::json;

#[test]
fn buy_finds_the_prices_without_a_country() {
    // No number: the reservation made first is listed with its prices.
    let home = Home::new();
    let doc = home
        .run(
            &["buy", "de-ber-local-1", "--yes", "--json", "--sandbox"],
            &[],
        )
        .ok()
        .json();
    assert_eq!(doc["status"], "bought");
    assert_eq!(
        (doc["setup_price"].as_str(), doc["monthly_price"].as_str()),
        (Some("1.00"), Some("3.50"))
    );
    // A US number: its country from its calling code, the group from its area code, no
    // --country and no --region.
    let numbers = home
        .run(&["numbers", "us-ca-la-local-1", "--json"], &[])
        .ok()
        .json();
    let chosen = items(&numbers, "numbers")[0]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let doc = home
        .run(
            &[
                "buy",
                "us-ca-la-local-1",
                "--number",
                &chosen,
                "--yes",
                "--json",
                "--sandbox",
            ],
            &[],
        )
        .ok()
        .json();
    assert_eq!(doc["number"], chosen.as_str());
    assert_eq!(
        (doc["setup_price"].as_str(), doc["monthly_price"].as_str()),
        (Some("0.00"), Some("1.50"))
    );
    // The config's default_country still serves.
    let home = Home::new();
    home.write_config("default_country = \"DE\"\n");
    let doc = home
        .run(
            &["buy", "de-ber-local-1", "--yes", "--json", "--sandbox"],
            &[],
        )
        .ok()
        .json();
    assert_eq!(doc["status"], "bought");
}

#[test]
fn a_country_may_be_a_name_and_prices_not_found_are_said_to_be_unknown() {
    let home = Home::new();
    let doc = home
        .run(
            &[
                "buy",
                "de-ber-local-1",
                "--country",
                "germany",
                "--yes",
                "--json",
                "--sandbox",
            ],
            &[],
        )
        .ok()
        .json();
    assert_eq!(doc["setup_price"], "1.00");
    // A group no source knows: with --yes the purchase is tried at unknown prices, and the
    // API's refusal decides.
    let run = home.run(
        &[
            "buy",
            "xx-none-1",
            "--number",
            "+493012345678",
            "--yes",
            "--json",
            "--sandbox",
        ],
        &[],
    );
    assert_eq!(run.code, 3, "{run:?}");
    assert!(
        run.stderr.contains("could not be found") && run.stderr.contains("they are unknown"),
        "{run:?}"
    );
}

#[test]
fn a_dry_run_fails_where_the_real_run_would() {
    let home = Home::new();
    let dry = |args: &[&str]| {
        let mut all = vec!["buy"];
        all.extend_from_slice(args);
        all.extend(["--dry-run", "--sandbox"]);
        home.run(&all, &[])
    };
    // A group that assigns its numbers cannot be bought by number.
    let run = dry(&["us-tollfree-877", "--number", "+18775550100"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("assigns its numbers"), "{run:?}");
    // A group nobody knows: no prices, and a real run off a terminal would need --yes.
    let run = dry(&["xx-none-1", "--number", "+493012345678"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("could not be found"), "{run:?}");
    // Not a number, and a country that does not exist.
    assert_eq!(dry(&["de-ber-local-1", "--number", "12"]).code, 2);
    assert_eq!(dry(&["de-ber-local-1", "--country", "Atlantis"]).code, 2);
    // What works for real passes, with the prices.
    let run = dry(&["us-ca-la-local-1", "--number", "+12135550100"]).ok();
    assert!(
        run.stdout.contains("Prices: setup 0.00, monthly 1.50"),
        "{run:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prices_not_found_are_bought_with_yes_and_recorded_as_unknown() {
    // No --country: the reservations (not there), then the groups of DE, narrowed by the
    // number's area code, then all of them (not there either).
    let server = FaultServer::start(vec![
        ok(json!({"reservations": []})),
        ok(json!({"groups": []})),
        ok(json!({"groups": []})),
        // Whose account the purchase is made on, recorded with its intent.
        Reply::json(200, json!({"success": true, "account": {"uuid": "ACC-1"}})),
        Reply::json(
            201,
            json!({"success": true, "purchased": [NUMBER], "failed": []}),
        ),
    ])
    .await;
    let url = server.url();
    let home = Home::new();
    let args = [
        "buy",
        "g-9",
        "--number",
        NUMBER,
        "--yes",
        "--json",
        "--base-url",
        &url,
    ];
    let run = home.run_async(&args, &[KEY]).await.ok();
    let doc = run.json();
    assert_eq!(doc["status"], "bought");
    assert!(
        doc["setup_price"].is_null() && doc["monthly_price"].is_null(),
        "{doc}"
    );
    assert!(run.stderr.contains("they are unknown"), "{run:?}");
    assert_eq!(posts(&server), 1);
    let journal = home.journal();
    assert!(
        journal.contains(r#""prices":{"setup":null,"monthly":null}"#),
        "{journal}"
    );
    // Prices found are recorded as agreed.
    let server = FaultServer::start(vec![
        one_group("g-1"),
        Reply::json(200, json!({"success": true, "account": {"uuid": "ACC-1"}})),
        Reply::json(
            201,
            json!({"success": true, "purchased": [NUMBER], "failed": []}),
        ),
    ])
    .await;
    let url = server.url();
    let home = Home::new();
    home.run_async(&buy_args("g-1", &[], &url), &[KEY])
        .await
        .ok();
    assert!(
        home.journal()
            .contains(r#""prices":{"setup":"1.00","monthly":"3.50"}"#),
        "{}",
        home.journal()
    );
}
