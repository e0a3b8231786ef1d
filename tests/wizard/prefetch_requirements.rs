//! Against the sandbox: the type step comes from one search of the place's groups of every
//! type, and a group's requirements are fetched as it is chosen, so that Review opens without
//! asking anything more.

use std::time::Duration;

use crate::support::driver::Driver;
use crate::support::http::{FaultProxy, PurchaseFault};
use numpick::sandbox::{self, SandboxConfig};
use numpick::wizard::{Action, Step};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_search_gives_the_types_and_review_opens_with_its_requirements_already_there() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), PurchaseFault::None).await;
    let mut driver = Driver::new(&proxy.base_url, Duration::from_secs(5), "prefetch");
    driver
        .walk(&[("germany", Step::City), ("berlin", Step::DidType)])
        .await;
    let types = driver.screen();
    for offered in ["local", "mobile", "tollfree"] {
        assert!(types.contains(offered), "{offered}:\n{types}");
    }
    assert!(
        !types.contains("global"),
        "no global numbers in Berlin:\n{types}"
    );
    driver.walk(&[("local", Step::Group)]).await;
    let searches: Vec<String> = (proxy.seen().into_iter())
        .filter(|s| s.path.starts_with("/open/numbers/groups"))
        .map(|s| s.path)
        .collect();
    assert_eq!(searches.len(), 1, "one search: {searches:?}");
    assert!(searches[0].contains("did_type=all"), "{searches:?}");

    driver.act(Action::Choose).await;
    assert_eq!(driver.wizard.step(), Step::Number);
    let asked: Vec<String> = (proxy.seen().into_iter())
        .filter(|s| s.path.starts_with("/open/numbers/requirements"))
        .map(|s| s.path)
        .collect();
    assert_eq!(asked.len(), 1, "asked with the numbers: {asked:?}");
    assert!(
        asked[0].contains("country=DE") && asked[0].contains("did_type=1"),
        "by the numeric id of 'local': {asked:?}"
    );

    let before = proxy.seen().len();
    // Review, without letting the worker answer anything: what it shows is already there.
    let commands = driver.wizard.update(Action::Choose);
    assert_eq!(driver.wizard.step(), Step::Review);
    assert!(commands.is_empty(), "nothing more to ask: {commands:?}");
    let review = driver.screen();
    assert!(!review.contains("Loading"), "{review}");
    assert!(review.contains("identity"), "the checklist:\n{review}");
    assert_eq!(proxy.seen().len(), before);
}
