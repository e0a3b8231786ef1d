//! `buy` without a group id, as the real binary against a sandbox that outlives one command
//! (behind a proxy that counts every request): the one-step buy reserves and buys the
//! best-ranked match of every Los Angeles group, once; a dry run and a search over the credit
//! budget send no reservation and no purchase; a declined one cancels its reservation.

use crate::support::home::{Home, KEY, LOS_ANGELES_BY_NAME, items};
use crate::support::http::{FaultProxy, PurchaseFault};
use numpick::sandbox::{self, RunningSandbox, SandboxConfig};

const PURCHASE: &str = "/open/numbers/purchase";
const RESERVE: &str = "/open/numbers/reservations";

async fn sandbox_behind_proxy() -> (RunningSandbox, FaultProxy) {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), PurchaseFault::None).await;
    (sandbox, proxy)
}

/// `first` (the subcommand), the place and pattern, then `extra`, then `--base-url URL`.
fn args<'a>(first: &'a str, extra: &[&'a str], url: &'a str) -> Vec<&'a str> {
    let mut args = vec![first];
    args.extend(LOS_ANGELES_BY_NAME);
    args.extend(["--contains", "555"]);
    args.extend_from_slice(extra);
    args.extend(["--base-url", url]);
    args
}

/// What `numbers` ranks first over the same place: the number the one-step buy must take.
async fn best_ranked(home: &Home, url: &str) -> (String, String, usize) {
    let doc = home
        .run_async(&args("numbers", &["--json"], url), &[KEY])
        .await
        .ok()
        .json();
    let numbers = items(&doc, "numbers");
    let best = &numbers[0];
    (
        best["number"].as_str().unwrap().to_owned(),
        best["group_id"].as_str().unwrap().to_owned(),
        numbers.len(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_one_step_buy_reserves_and_buys_the_best_match_once() {
    let (_sandbox, proxy) = sandbox_behind_proxy().await;
    let url = proxy.base_url.clone();
    let home = Home::new();
    let (best, best_group, matches) = best_ranked(&home, &url).await;
    assert!(matches > 10, "a choice to make among {matches}");
    assert!(best.ends_with("555"), "{best}");
    assert_eq!(proxy.count("POST", "/"), 0);

    let run = home
        .run_async(&args("buy", &["--yes", "--json"], &url), &[KEY])
        .await
        .ok();
    let doc = run.json();
    assert_eq!(doc["status"], "bought");
    assert_eq!(doc["number"], best.as_str(), "{run:?}");
    assert_eq!(doc["group_id"], best_group.as_str());
    assert_eq!(doc["monthly_price"], "1.50");
    assert_eq!(proxy.count("POST", PURCHASE), 1, "exactly one purchase");
    assert_eq!(proxy.count("POST", RESERVE), 1, "reserved first");
    // The number, its prices and its documents were shown before it was bought.
    for shown in [
        format!("found {best}"),
        format!("reserved {best}"),
        "due now: USD 1.50".to_owned(),
    ] {
        assert!(run.stderr.contains(&shown), "{shown:?} in {run:?}");
    }
    // Recorded before it was sent, with the reservation it bought.
    let journal = home.journal();
    assert!(journal.contains("\"intent\""), "{journal}");
    assert!(journal.contains(&best), "{journal}");

    // Bought: the account owns it, and it is no longer offered.
    let owned = home
        .run_async(&["owned", "--json", "--base-url", &url], &[KEY])
        .await
        .ok()
        .json();
    let numbers: Vec<&str> = (items(&owned, "numbers").iter())
        .map(|n| n["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, [best.as_str()]);
    let (next_best, _, _) = best_ranked(&home, &url).await;
    assert_ne!(next_best, best);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_shows_the_best_match_and_sends_no_reservation_or_purchase() {
    let (_sandbox, proxy) = sandbox_behind_proxy().await;
    let url = proxy.base_url.clone();
    let home = Home::new();
    let (best, best_group, _) = best_ranked(&home, &url).await;

    let doc = home
        .run_async(&args("buy", &["--dry-run", "--json"], &url), &[KEY])
        .await
        .ok()
        .json();
    assert_eq!(doc["dry_run"], true);
    assert_eq!(doc["number"], best.as_str());
    assert_eq!(doc["group_id"], best_group.as_str());
    assert_eq!(doc["due_now_price"], "1.50");
    let requests = items(&doc, "requests");
    let paths: Vec<&str> = requests
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, [RESERVE, PURCHASE]);
    assert_eq!(requests[1]["body"]["number"], best.as_str());

    let text = home
        .run_async(&args("buy", &["--dry-run"], &url), &[KEY])
        .await
        .ok();
    assert!(
        text.stdout.contains("nothing was reserved or bought"),
        "{text:?}"
    );
    assert!(
        text.stderr.contains(&format!("About to buy {best}")),
        "{text:?}"
    );
    assert_eq!(proxy.count("POST", "/"), 0, "{:?}", proxy.seen());
    assert_eq!(proxy.count("DELETE", "/"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_over_the_budget_is_refused_before_any_number_is_searched() {
    let (_sandbox, proxy) = sandbox_behind_proxy().await;
    let url = proxy.base_url.clone();
    let home = Home::new();
    let run = home
        .run_async(&args("buy", &["--yes", "--max-credits", "3"], &url), &[KEY])
        .await;
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(
        run.stderr
            .contains("would cost 6 credits (2 for the place's names, 1 for the list of groups")
            && run.stderr.contains("--max-credits 3"),
        "{run:?}"
    );
    let seen = proxy.seen();
    assert!(
        seen.iter()
            .all(|s| s.method == "GET" && !s.path.contains("/numbers/available")),
        "only the names and the list of groups: {seen:?}"
    );
    assert_eq!(proxy.count("POST", "/"), 0);

    // Too small for any search: refused before anything at all is sent.
    let before = proxy.seen().len();
    let run = home
        .run_async(&args("buy", &["--yes", "--max-credits", "1"], &url), &[KEY])
        .await;
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(proxy.seen().len(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_terminal_or_yes_and_without_a_match_nothing_is_bought() {
    let (_sandbox, proxy) = sandbox_behind_proxy().await;
    let url = proxy.base_url.clone();
    let home = Home::new();
    let run = home.run_async(&args("buy", &[], &url), &[KEY]).await;
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--yes"), "{run:?}");
    assert!(proxy.seen().is_empty(), "{:?}", proxy.seen());

    let mut none = args("buy", &["--yes"], &url);
    let pattern = none.iter().position(|a| *a == "555").unwrap();
    none[pattern] = "^999999999$";
    let run = home.run_async(&none, &[KEY]).await;
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("nothing was reserved or bought"),
        "{run:?}"
    );
    assert_eq!(proxy.count("POST", "/"), 0);

    // A group id and a pattern are two different commands.
    let run = home
        .run_async(
            &["buy", "us-ca-la-local-1", "--contains", "555", "--yes"],
            &[KEY],
        )
        .await;
    assert_eq!(run.code, 2, "{run:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declined_on_a_terminal_the_reservation_is_cancelled_and_nothing_bought() {
    let (_sandbox, proxy) = sandbox_behind_proxy().await;
    let url = proxy.base_url.clone();
    let home = Home::new();
    let (best, _, _) = best_ranked(&home, &url).await;
    let (code, shown) = home
        .on_terminal_async(&args("buy", &[], &url), &[KEY], "n\n")
        .await;
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains(&format!("About to buy {best}")), "{shown}");
    assert!(shown.contains("Buy it? [y/N]"), "{shown}");
    assert!(
        shown.contains("reservation made for it was cancelled"),
        "{shown}"
    );
    assert_eq!(proxy.count("POST", RESERVE), 1);
    assert_eq!(proxy.count("DELETE", RESERVE), 1);
    assert_eq!(proxy.count("POST", PURCHASE), 0);
}
