//! The catalogue kept on disk, on the command line: regions, cities and types read from the
//! live API once cost nothing the next time (names resolved included); `--refresh` asks
//! afresh; numbers are always asked. Run against a sandbox behind a proxy that counts every
//! request, with a key, as the live API is used.

use crate::support::home::{Home, KEY};
use crate::support::http::{FaultProxy, PurchaseFault};
use numpick::sandbox::{self, SandboxConfig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_catalogue_is_read_from_disk_until_refresh_asks_afresh() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), PurchaseFault::None).await;
    let url = proxy.base_url.clone();
    let home = Home::new();
    let run = |args: Vec<&'static str>| {
        let url = url.clone();
        let home = &home;
        async move {
            let mut args: Vec<&str> = args;
            args.extend(["--json", "--base-url", &url]);
            home.run_async(&args, &[KEY]).await.ok().stdout
        }
    };
    let gets = || proxy.count("GET", "/");

    let first = run(vec!["regions", "US"]).await;
    assert_eq!(gets(), 1);
    let again = run(vec!["regions", "US"]).await;
    assert_eq!(again, first);
    assert_eq!(gets(), 1, "read from disk: {:?}", proxy.seen());
    let refreshed = run(vec!["regions", "US", "--refresh"]).await;
    assert_eq!(refreshed, first);
    assert_eq!(gets(), 2, "--refresh asks the API");

    // The region's name is resolved from disk: only the cities are asked, then not even them.
    run(vec!["cities", "US", "--region", "California"]).await;
    assert_eq!(gets(), 3, "{:?}", proxy.seen());
    assert!(
        proxy.seen()[2].path.contains("/cities"),
        "{:?}",
        proxy.seen()
    );
    run(vec!["cities", "US", "--region", "California"]).await;
    run(vec!["types"]).await;
    run(vec!["types"]).await;
    assert_eq!(gets(), 4, "{:?}", proxy.seen());

    // Numbers are never kept.
    run(vec!["numbers", "us-ca-la-local-1"]).await;
    run(vec!["numbers", "us-ca-la-local-1"]).await;
    assert_eq!(gets(), 6, "{:?}", proxy.seen());
}
