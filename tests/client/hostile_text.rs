//! A hostile catalogue: a server that puts escape sequences, bidi overrides, zero-width
//! characters and piled-up combining marks into every text it sends. The client sanitises
//! them as it decodes, so nothing decoded, and no table the command line prints, holds any.

use std::time::Duration;

use crate::support::home::{Home, KEY};
use crate::support::http::{FaultServer, Recorded, Reply};
use numpick::api::model::CountryCode;
use numpick::api::{Client, ClientConfig, GroupQuery};
use serde_json::{Value, json};

/// Text a hostile server would send: it retitles the window, clears the screen, colours what
/// follows, reverses the line and hides characters.
const EVIL: &str = "Ber\u{1b}]0;pwned\u{7}lin\u{1b}[2J\u{1b}[31m\u{202e}x\u{200b}y\u{9b}1m e\u{301}\u{301}\u{301}\u{301}\u{301}";

/// What must never reach a terminal.
fn harmful(c: char) -> bool {
    c == '\u{1b}'
        || c == '\u{7}'
        || ('\u{80}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || c == '\u{200b}'
}

fn assert_clean(what: &str, text: &str) {
    let found: Vec<char> = text.chars().filter(|c| harmful(*c)).collect();
    assert!(found.is_empty(), "{what} holds {found:?}: {text:?}");
    assert!(
        !text.contains("e\u{301}\u{301}\u{301}\u{301}"),
        "{what}: piled-up marks"
    );
}

fn ok(data: Value) -> Reply {
    Reply::json(200, json!({"success": true, "data": data}))
}

/// Every endpoint, answered with [`EVIL`] in each text field.
fn hostile(request: &Recorded) -> Reply {
    let path = request.target.split('?').next().unwrap_or_default();
    match path {
        "/open/numbers/regions" => ok(json!({"regions": [
            {"id": 100, "region_name": EVIL, "iso_country_code": EVIL}]})),
        "/open/numbers/cities" => ok(json!({"cities": [
            {"id": 1000, "city_name": EVIL, "iso_country_code": EVIL}]})),
        "/open/numbers/groups" => ok(json!({"groups": [{
            "id": "g-1", "prefix": EVIL, "location": EVIL, "type": EVIL,
            "price": {"setup_price": "1.00", "monthly_price": "3.50"},
            "requirements": [{EVIL: EVIL, "fields": [{"name": EVIL}]}],
            "allow_number_selection": true, "features": [EVIL]}]})),
        "/open/numbers/reservations" => ok(json!({"reservations": [{
            "uuid": "r-1", "number": "+4930123456", "did_group_id": "g-1",
            "reservation_date": "2026-12-02T10:00:00Z",
            "reservation_end_date": "2030-12-02T10:10:00Z",
            "type": EVIL, "iso_country_code": EVIL, "location": EVIL}]})),
        // One page of numbers, then an empty one: the account's numbers are read until then.
        "/open/voip/virtual-numbers" if !request.target.contains("page_number=0") => {
            Reply::json(200, json!({"success": true, "numbers": []}))
        }
        "/open/voip/virtual-numbers" => Reply::json(
            200,
            json!({"success": true, "numbers": [{
            "uuid": "DID-1", "phone_number": "+4930123456", "formatted_phone_number": EVIL,
            "friendly_name": EVIL, "provider_type": EVIL, "region_name": EVIL,
            "status_text": "active"}]}),
        ),
        "/open/info" => Reply::json(
            200,
            json!({"success": true,
            "account": {"name": EVIL, "uuid": EVIL}}),
        ),
        _ => Reply::json(200, json!({"success": true, "data": {}})),
    }
}

fn client_for(url: &str) -> Client {
    let mut config = ClientConfig::new(url, Some("test-key".to_owned().into()));
    config.request_timeout = Duration::from_secs(5);
    Client::new(config).unwrap()
}

#[tokio::test]
async fn nothing_the_client_decodes_holds_what_a_terminal_would_act_on() {
    let server = FaultServer::answering(hostile).await;
    let client = client_for(&server.url());
    let de = CountryCode::parse("DE").unwrap();
    let us = CountryCode::parse("US").unwrap();
    let regions = client.regions(&us).await.unwrap();
    assert_eq!(regions.items.len(), 1);
    assert_eq!(regions.items[0].name, "Berlinxy é\u{301}\u{301}");
    assert_clean("regions", &format!("{regions:?}"));
    let cities = client.cities(&de, None).await.unwrap();
    assert_clean("cities", &format!("{cities:?}"));
    let groups = client.groups(&GroupQuery::new(de)).await.unwrap();
    assert_eq!(groups.items.len(), 1);
    assert_clean("groups", &format!("{groups:?}"));
    let reservations = client.reservations().await.unwrap();
    assert_eq!(reservations.items.len(), 1);
    assert_clean("reservations", &format!("{reservations:?}"));
    let owned = client.account_numbers(0, 50).await.unwrap();
    assert_eq!(owned.numbers.items.len(), 1);
    assert_clean("owned numbers", &format!("{owned:?}"));
    let info = client.account_info().await.unwrap();
    assert_clean("account info", &format!("{info:?}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_table_or_document_of_the_command_line_shows_them() {
    let server = FaultServer::answering(hostile).await;
    let url = server.url();
    let home = Home::new();
    for args in [
        vec!["regions", "US"],
        vec!["cities", "DE"],
        vec!["groups", "DE"],
        vec!["groups", "DE", "--json"],
        vec!["reservations"],
        vec!["owned"],
        vec!["owned", "--json"],
    ] {
        let mut args = args;
        args.extend(["--base-url", &url]);
        let run = home.run_async(&args, &[KEY]).await;
        assert_clean(&format!("{args:?} stdout"), &run.stdout);
        assert_clean(&format!("{args:?} stderr"), &run.stderr);
        assert!(run.stdout.contains("Berlinxy"), "{args:?}: {run:?}");
    }
}
