//! The key goes only to the API: never to a proxy in clear, never over plain http off this
//! machine, and never back out of numpick when a server echoes it.
//!
//! A "proxy catcher" is a scripted server on loopback named in `HTTP_PROXY`, `HTTPS_PROXY`
//! and `ALL_PROXY`: whatever reaches it was sent to a proxy.

use std::time::Duration;

use crate::support::home::Home;
use crate::support::http::{FaultServer, Reply};
use numpick::api::model::{CountryCode, GroupId};
use numpick::api::order::{PurchaseOrder, Verdict};
use numpick::api::phone::E164;
use numpick::api::{ApiError, Client, ClientConfig};
use numpick::sandbox::{self, SandboxConfig};
use serde_json::json;

const KEY: &str = "sk-PRIVATE-7c3e9a";

/// Every proxy variable, in both spellings, pointing at `catcher`.
fn proxies(catcher: &FaultServer) -> Vec<(&'static str, String)> {
    [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ]
    .into_iter()
    .map(|name| (name, catcher.url()))
    .collect()
}

fn env_with<'a>(
    extra: &'a [(&'static str, String)],
    more: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut env: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.extend_from_slice(more);
    env
}

#[tokio::test(flavor = "multi_thread")]
async fn the_embedded_sandbox_never_goes_through_a_proxy() {
    let catcher = FaultServer::start(Vec::new()).await;
    let home = Home::new();
    let proxy_env = proxies(&catcher);
    let run = home
        .run_async(&["types", "--json"], &env_with(&proxy_env, &[]))
        .await;
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(catcher.count(), 0, "{:?}", catcher.requests());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_loopback_base_url_never_goes_through_a_proxy() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let catcher = FaultServer::start(Vec::new()).await;
    let home = Home::new();
    let proxy_env = proxies(&catcher);
    let url = sandbox.base_url();
    let env = env_with(&proxy_env, &[("TWOCHAT_API_KEY", KEY)]);
    let run = home
        .run_async(&["types", "--json", "--base-url", &url], &env)
        .await;
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(catcher.count(), 0, "{:?}", catcher.requests());
}

#[tokio::test(flavor = "multi_thread")]
async fn allowed_plain_http_is_never_handed_to_a_proxy() {
    let catcher = FaultServer::start(Vec::new()).await;
    let home = Home::new();
    home.write_config("connect_timeout_secs = 1\n");
    let proxy_env = proxies(&catcher);
    let env = env_with(&proxy_env, &[("TWOCHAT_API_KEY", KEY)]);
    // TEST-NET-1: never routed, so the direct connection fails; a proxy would have answered.
    let args = [
        "types",
        "--allow-insecure-http",
        "--base-url",
        "http://192.0.2.1:9",
    ];
    let run = home.run_async(&args, &env).await;
    assert_ne!(run.code, 0, "{run:?}");
    assert_eq!(catcher.count(), 0, "{:?}", catcher.requests());
    assert!(
        !run.stderr.contains(KEY) && !run.stdout.contains(KEY),
        "{run:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn over_https_a_proxy_sees_only_a_tunnel_and_never_the_key() {
    let catcher = FaultServer::start(Vec::new()).await;
    let home = Home::new();
    let proxy_env = proxies(&catcher);
    let env = env_with(&proxy_env, &[("TWOCHAT_API_KEY", KEY)]);
    let run = home
        .run_async(&["types", "--base-url", "https://numpick.invalid"], &env)
        .await;
    assert_ne!(run.code, 0, "{run:?}");
    // Reads are retried, so the tunnel may be asked for more than once.
    let requests = catcher.requests();
    assert!(!requests.is_empty());
    for request in &requests {
        assert_eq!(
            (request.method.as_str(), request.target.as_str()),
            ("CONNECT", "numpick.invalid:443")
        );
    }
    assert!(!format!("{requests:?}").contains(KEY), "{requests:?}");
}

#[test]
fn plain_http_off_this_machine_is_refused_before_anything_is_sent() {
    // Refused by `Client::new`, which is synchronous and resolves no name: `.invalid` would
    // fail any lookup, and the error says why the address is refused instead.
    let config = ClientConfig::new("http://numpick.invalid", Some(KEY.to_owned().into()));
    let error = Client::new(config).unwrap_err();
    assert!(matches!(error, ApiError::Config { .. }), "{error:?}");
    assert!(error.to_string().contains("in clear"), "{error}");
    let mut allowed = ClientConfig::new("http://numpick.invalid", Some(KEY.to_owned().into()));
    allowed.allow_insecure_http = true;
    assert!(Client::new(allowed).is_ok());
    for local in ["http://127.0.0.1:9", "http://localhost:9", "http://[::1]:9"] {
        let config = ClientConfig::new(local, Some(KEY.to_owned().into()));
        assert!(Client::new(config).is_ok(), "{local}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_cli_refuses_plain_http_and_sends_nothing() {
    let catcher = FaultServer::start(Vec::new()).await;
    let home = Home::new();
    let proxy_env = proxies(&catcher);
    let env = env_with(&proxy_env, &[("TWOCHAT_API_KEY", KEY)]);
    let run = home
        .run_async(&["types", "--base-url", "http://numpick.invalid"], &env)
        .await;
    assert_ne!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains("in clear"), "{run:?}");
    assert!(run.stderr.contains("--allow-insecure-http"), "{run:?}");
    assert_eq!(catcher.count(), 0, "{:?}", catcher.requests());
}

fn client_for(url: &str) -> Client {
    let mut config = ClientConfig::new(url, Some(KEY.to_owned().into()));
    config.request_timeout = Duration::from_secs(2);
    Client::new(config).expect("a client")
}

#[tokio::test]
async fn a_key_echoed_in_a_receipt_never_leaves_the_client() {
    let receipt = json!({
        "success": true,
        "purchased": ["+12135551234"],
        "failed": [],
        "message": format!("bought with key {KEY}"),
        "data": {"api_key": KEY, "note": format!("x-user-api-key: {KEY}")},
    });
    let server = FaultServer::start(vec![Reply::json(201, receipt)]).await;
    let client = client_for(&server.url());
    let number = E164::parse("+12135551234").unwrap();
    let order = PurchaseOrder::new(GroupId::new("g-1"), number.clone());
    let bought = client.purchase(&order).await.unwrap();
    let shown = format!("{bought:?} {}", bought.body);
    assert!(!shown.contains(KEY), "{shown}");
    assert_eq!(bought.body["data"]["api_key"], "[redacted]");
    assert_eq!(bought.verdict(&number), Verdict::Bought);
}

#[tokio::test]
async fn a_key_echoed_in_a_listing_or_a_refusal_never_leaves_the_client() {
    let listing = json!({
        "success": true,
        "data": {"regions": [{"id": 1, "region_name": format!("Region {KEY}")}]},
    });
    let server = FaultServer::start(vec![
        Reply::json(200, listing),
        Reply::refusal(400, &format!("bad request for key {KEY}")),
    ])
    .await;
    let client = client_for(&server.url());
    let us = CountryCode::parse("US").unwrap();
    let regions = client.regions(&us).await.unwrap();
    assert_eq!(regions.items[0].name, "Region [redacted]");
    let error = client.regions(&us).await.unwrap_err();
    assert!(!format!("{error:?} {error}").contains(KEY), "{error:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_echoed_by_the_api_never_reaches_the_json_output_or_the_log() {
    let info = json!({
        "success": true,
        "data": {"account": {"name": format!("owner of {KEY}"), "uuid": KEY}},
    });
    let server = FaultServer::start(vec![Reply::json(200, info)]).await;
    let home = Home::new();
    let env = [("TWOCHAT_API_KEY", KEY), ("NUMPICK_LOG", "trace")];
    let run = home
        .run_async(&["account", "--json", "--base-url", &server.url()], &env)
        .await
        .ok();
    assert_eq!(run.json()["account"]["name"], "owner of [redacted]");
    let log = std::fs::read_to_string(home.state_dir().join("numpick.log")).unwrap();
    for text in [&run.stdout, &run.stderr, &log] {
        assert!(!text.contains(KEY), "{text}");
    }
}
