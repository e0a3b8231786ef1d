//! Searching every group of a place.
//!
//! - `rank_50x100` / `merge_50x100`: 50 groups of 100 numbers each, ranked for a pattern as
//!   the wizard's cross-group list does on each keystroke (`everywhere::ranked`), and as the
//!   command line prints them (`everywhere::merge`, which adds each row's span and memorable
//!   tag). Goal: < 2 ms.
//! - `search_10_groups`: one pattern searched in 10 groups of the embedded sandbox through
//!   the client and its rate limiter (80 requests a minute, the documented limit), behind a
//!   proxy that holds every request back by [`LATENCY`]. Goal: ≤ 1.5 s plus that latency.
//!
//! `cargo bench --bench everywhere`

mod support;

use std::time::Duration;

use divan::Bencher;
use numpick::api::model::{CountryCode, Group};
use numpick::api::{Client, ClientConfig, GroupQuery};
use numpick::everywhere::{Budget, GroupSearch, PageCap, Sweep, merge, ranked};
use numpick::sandbox::{self, SandboxConfig};
use numpick::sweep::search_groups;
use numpick::vanity::VanityPattern;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy adds to every request of `search_10_groups`.
const LATENCY: Duration = Duration::from_millis(100);

fn main() {
    divan::main();
}

/// `groups` made-up groups of `each` made-up numbers, as a finished search leaves them.
fn searches(groups: usize, each: usize) -> Vec<GroupSearch> {
    (0..groups)
        .map(|g| {
            let mut search = GroupSearch::new(support::group(g));
            for number in support::numbers_listing(each).items {
                // Each group its own numbers: the area code of the group, the made-up digits.
                let mut number = number;
                number.number = format!("+1{}{}", 200 + g, &number.number[5..]);
                search.add(number);
            }
            search
        })
        .collect()
}

#[divan::bench(args = ["5", "555", "5?5", "^2"], sample_count = 50)]
fn rank_50x100(bencher: Bencher, pattern: &str) {
    let searches = searches(50, 100);
    let pattern = VanityPattern::parse(pattern).unwrap();
    bencher.bench_local(|| ranked(&searches, &pattern));
}

#[divan::bench(args = ["5", "555"], sample_count = 50)]
fn merge_50x100(bencher: Bencher, pattern: &str) {
    let searches = searches(50, 100);
    let pattern = VanityPattern::parse(pattern).unwrap();
    bencher.bench_local(|| merge(&searches, &pattern).len());
}

/// Forwards every connection to `upstream`, holding each chunk a client sends (one request,
/// for these small GETs) back by [`LATENCY`]; answers pass straight through.
async fn slow_proxy(upstream: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let upstream = upstream.clone();
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(&upstream).await else {
                    return;
                };
                let (mut from_client, mut to_client) = client.into_split();
                let (mut from_server, mut to_server) = server.into_split();
                tokio::spawn(async move {
                    let _ = tokio::io::copy(&mut from_server, &mut to_client).await;
                });
                let mut buffer = vec![0; 16 * 1024];
                while let Ok(read) = from_client.read(&mut buffer).await {
                    if read == 0 {
                        break;
                    }
                    tokio::time::sleep(LATENCY).await;
                    if to_server.write_all(&buffer[..read]).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    address
}

/// A client of `url` with a key of its own, so that each sample starts with the limiter's
/// minute (and the sandbox's) unspent.
fn client(url: &str, sample: usize) -> Client {
    let key = format!("bench-{sample}").into();
    Client::new(ClientConfig::new(url, Some(key))).unwrap()
}

// Each sample sends 10 requests; five stay well inside the sandbox's minute.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn search_10_groups(bencher: Bencher) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (_sandbox, url, groups) = runtime.block_on(async {
        let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
        let upstream = sandbox.base_url().trim_start_matches("http://").to_owned();
        let url = slow_proxy(upstream.trim_end_matches('/').to_owned()).await;
        let query = GroupQuery::new(CountryCode::parse("GB").unwrap());
        let listed = client(&url, usize::MAX).groups(&query).await.unwrap();
        let groups: Vec<Group> = (listed.items.into_iter())
            .filter(|g| g.allow_number_selection)
            .take(10)
            .collect();
        assert_eq!(
            groups.len(),
            10,
            "the sandbox has 10 groups to pick from in GB"
        );
        (sandbox, url, groups)
    });
    let pattern = VanityPattern::parse("55").unwrap();
    let mut sample = 0;
    bencher
        .with_inputs(|| {
            sample += 1;
            client(&url, sample)
        })
        .bench_local_values(|client| {
            runtime.block_on(async {
                let cap = PageCap::new();
                let budget = Budget::new(10);
                let sweep = Sweep {
                    cap: &cap,
                    budget: &budget,
                };
                let searches = search_groups(&client, &groups, &pattern, sweep, |_, _| {}).await;
                assert!(searches.iter().all(|s| s.coverage.error.is_none()));
                searches
            })
        });
}
