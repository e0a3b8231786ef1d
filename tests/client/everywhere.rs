//! Finding a number wherever it is, against the sandbox: a pattern searched in every Los
//! Angeles group at once, and wildcard answers cut short by the API's page completed within
//! a credit budget, saying whether they are complete.

use std::collections::BTreeSet;

use crate::support::client::{LA, available, country, region_id, start};
use numpick::api::model::{DidTypeName, Group};
use numpick::api::{Client, GroupQuery};
use numpick::everywhere::{
    Budget, GroupSearch, PageCap, Sweep, completion_cost, first_pass_cost, merge, note,
};
use numpick::sandbox::SandboxConfig;
use numpick::sweep::{complete_group, search_group, search_groups};
use numpick::vanity::VanityPattern;

/// A sandbox and a client without a rate limit worth the name: the oracle below sends a
/// hundred requests.
async fn sandbox() -> (numpick::sandbox::RunningSandbox, Client) {
    let (sandbox, client) = start(SandboxConfig {
        rate_limit: 0,
        ..SandboxConfig::default()
    })
    .await;
    client.set_requests_per_minute(100_000);
    (sandbox, client)
}

async fn los_angeles_groups(client: &Client) -> Vec<Group> {
    let california = region_id(client, "US", "California").await;
    let cities = client
        .cities(&country("US"), Some(&california))
        .await
        .unwrap();
    let la = cities
        .items
        .iter()
        .find(|c| c.name == "Los Angeles")
        .unwrap();
    let mut query = GroupQuery::new(country("US"));
    query.region = Some(california);
    query.city = Some(la.id.clone());
    query.did_type = Some(DidTypeName::new("local"));
    client.groups(&query).await.unwrap().items
}

async fn la_group(client: &Client) -> Group {
    let groups = los_angeles_groups(client).await;
    groups.into_iter().find(|g| g.id.as_str() == LA).unwrap()
}

fn numbers(search: &GroupSearch) -> BTreeSet<String> {
    search.numbers.iter().map(|n| n.number.clone()).collect()
}

/// Every number of the group matching `8?8?8`, found independently: each contains one of
/// the hundred `8d8d8`, and none of those answers comes near a page.
async fn oracle_8x8x8(client: &Client) -> BTreeSet<String> {
    let pattern = VanityPattern::parse("8?8?8").unwrap();
    let mut all = BTreeSet::new();
    for middle in 0..100 {
        let digits = format!("8{}8{}8", middle / 10, middle % 10);
        let found = available(client, LA, Some(&digits)).await;
        assert!(found.len() < 100, "{digits} would need narrowing itself");
        all.extend(found.into_iter().filter(|n| pattern.matches(n).is_some()));
    }
    all
}

#[tokio::test]
async fn a_wildcard_answer_cut_short_is_completed_within_the_budget() {
    let (_sandbox, client) = sandbox().await;
    let group = la_group(&client).await;
    let pattern = VanityPattern::parse("8?8?8").unwrap();
    let truth = oracle_8x8x8(&client).await;
    assert!(truth.len() >= 3, "{truth:?}");

    // The first query alone ("8") is answered with a full page that misses matches: it must
    // say so rather than call its answer the whole truth.
    let cap = PageCap::new();
    let budget = Budget::new(20);
    let sweep = Sweep {
        cap: &cap,
        budget: &budget,
    };
    let mut search = search_group(&client, &group, &pattern, sweep).await;
    assert_eq!(search.credits, 1);
    assert_eq!(search.coverage.cut_short, Some((100, "8".to_owned())));
    assert!(!search.is_complete());
    assert!(numbers(&search).len() < truth.len(), "the page missed some");
    assert_eq!(
        note::incompleteness(&search).as_deref(),
        Some(
            "among the first 100 numbers containing 8: completing it takes at least 10 more credits"
        )
    );
    assert_eq!(completion_cost(std::slice::from_ref(&search)), 10);

    // Completed: "8" becomes 808 … 898, ten more credits, and every match is there.
    complete_group(&client, &mut search, &pattern, sweep).await;
    assert_eq!(numbers(&search), truth);
    assert!(search.is_complete(), "{:?}", search.coverage);
    assert_eq!(note::incompleteness(&search), None);
    assert_eq!(search.credits, 11);
    assert_eq!(budget.remaining(), 9);
}

#[tokio::test]
async fn a_budget_too_small_says_the_result_is_not_complete() {
    let (_sandbox, client) = sandbox().await;
    let group = la_group(&client).await;
    let pattern = VanityPattern::parse("8?8?8").unwrap();
    let cap = PageCap::new();
    let budget = Budget::new(5);
    let sweep = Sweep {
        cap: &cap,
        budget: &budget,
    };
    let mut search = search_group(&client, &group, &pattern, sweep).await;
    complete_group(&client, &mut search, &pattern, sweep).await;
    assert_eq!(search.credits, 5);
    assert_eq!(search.pending.len(), 6, "1 + 4 sent of 1 + 10");
    assert!(!search.is_complete());
    assert!(note::count(search.numbers.len(), false).ends_with("(there may be more)"));
}

#[tokio::test]
async fn a_capped_count_is_never_final() {
    let (_sandbox, client) = sandbox().await;
    let group = la_group(&client).await;
    let cap = PageCap::new();
    let budget = Budget::new(20);
    let sweep = Sweep {
        cap: &cap,
        budget: &budget,
    };
    // The group holds 480 numbers; without a pattern there is nothing to narrow by.
    let mut search = search_group(&client, &group, &VanityPattern::default(), sweep).await;
    complete_group(&client, &mut search, &VanityPattern::default(), sweep).await;
    assert_eq!(search.credits, 1);
    assert_eq!(search.numbers.len(), 100);
    assert_eq!(search.coverage.cut_short, Some((100, String::new())));
    assert!(search.coverage.beyond_reach && !search.is_complete());
    assert_eq!(
        note::incompleteness(&search).as_deref(),
        Some("the first 100 numbers: the API gives no more, and the pattern cannot narrow it")
    );
}

#[tokio::test]
async fn one_search_finds_a_number_in_a_second_los_angeles_group() {
    let (_sandbox, client) = sandbox().await;
    let groups = los_angeles_groups(&client).await;
    let ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    assert!(ids.len() >= 2, "{ids:?}");
    // Seven digits of a number of the second group, which the first does not hold.
    let second = &groups[1];
    let wanted = available(&client, second.id.as_str(), None).await[0].clone();
    let digits = &wanted[wanted.len() - 7..];
    assert!(available(&client, ids[0], Some(digits)).await.is_empty());

    let pattern = VanityPattern::parse(digits).unwrap();
    let cost = first_pass_cost(&groups);
    assert_eq!(
        cost as usize,
        groups.iter().filter(|g| g.allow_number_selection).count()
    );
    let cap = PageCap::new();
    let budget = Budget::new(cost);
    let sweep = Sweep {
        cap: &cap,
        budget: &budget,
    };
    let mut progress = Vec::new();
    let searches = search_groups(&client, &groups, &pattern, sweep, |done, total| {
        progress.push((done, total));
    })
    .await;
    assert_eq!(progress.last(), Some(&(cost as usize, cost as usize)));
    assert!(searches.iter().all(GroupSearch::is_complete));
    let found = merge(&searches, &pattern);
    assert_eq!(found[0].number.number, wanted);
    assert_eq!(found[0].group.id, second.id);
    assert_eq!(budget.remaining(), 0);
}

#[tokio::test]
async fn cancelling_sends_nothing_more() {
    let (_sandbox, client) = sandbox().await;
    let groups = los_angeles_groups(&client).await;
    let pattern = VanityPattern::parse("555").unwrap();
    let cap = PageCap::new();
    let budget = Budget::new(20);
    budget.cancel();
    let sweep = Sweep {
        cap: &cap,
        budget: &budget,
    };
    let before = client.requests_sent();
    let searches = search_groups(&client, &groups, &pattern, sweep, |_, _| {}).await;
    assert_eq!(client.requests_sent(), before);
    assert!(
        searches
            .iter()
            .all(|s| s.coverage.unsearched && !s.is_complete())
    );
}

#[tokio::test]
async fn a_prefix_finds_its_groups_without_a_city() {
    let (_sandbox, client) = sandbox().await;
    let mut query = GroupQuery::new(country("US"));
    query.region = Some(region_id(&client, "US", "California").await);
    query.city_name_or_prefix = Some("213".to_owned());
    let groups = client.groups(&query).await.unwrap().items;
    assert!(groups.iter().any(|g| g.id.as_str() == LA), "{groups:?}");
    assert!(
        groups.iter().all(|g| g.prefix.contains("213")),
        "{groups:?}"
    );
}
