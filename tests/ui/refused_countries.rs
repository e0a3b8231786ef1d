//! Countries the API refused are marked in the country list, and the mark outlives the
//! session: the worker keeps the refusal beside the catalogue on disk, and the next start
//! reads it back.

use std::time::{Duration, SystemTime};

use secrecy::SecretString;

use numpick::api::model::CountryCode;
use numpick::api::{Client, ClientConfig};
use numpick::protocol::{Call, Command, RequestId};
use numpick::sandbox::{self, SandboxConfig};
use numpick::testkit::Run;
use numpick::worker::{self, CatalogueStore};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_country_refused_in_one_session_is_marked_at_the_next_start() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let state = tempfile::tempdir().unwrap();
    let path = state.path().join("state").join("catalogue-cache.json");
    let client = Client::new(ClientConfig::new(
        sandbox.base_url(),
        Some(SecretString::from("key")),
    ))
    .unwrap();
    let store = CatalogueStore::new(path.clone(), &sandbox.base_url());
    let mut session =
        worker::spawn_with_catalogue(client, None, Duration::from_secs(1), Some(store.clone()));
    // The sandbox serves no numbers in Afghanistan: its cities are refused with HTTP 400.
    for (id, country) in [(1, "AF"), (2, "DE")] {
        let call = Call::Cities {
            country: CountryCode::parse(country).unwrap(),
            region: None,
        };
        session
            .commands
            .send(Command::Call {
                id: RequestId(id),
                call,
            })
            .unwrap();
        let answer = session.answers.recv().await.unwrap();
        assert_eq!(answer.result.is_err(), country == "AF", "{country}");
    }
    drop(session.commands);

    let next_start = CatalogueStore::new(path.clone(), &sandbox.base_url());
    let refused = next_start.refused_countries(SystemTime::now());
    assert_eq!(refused, ["AF"]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "private: {mode:o}");

    let mut run = Run::new();
    run.wizard.set_refused_countries(refused);
    run.type_text("af");
    let screen = run.draw(80, 24).backend().to_string();
    let afghanistan = screen.lines().find(|l| l.contains("Afghanistan")).unwrap();
    assert!(afghanistan.contains("✗ refused"), "{screen}");
    let others = screen.lines().filter(|l| l.contains("✗ refused")).count();
    assert_eq!(others, 1, "only Afghanistan:\n{screen}");
    insta::assert_snapshot!("countries_refused_80x24", run.draw(80, 24).backend());
    insta::assert_snapshot!("countries_refused_60x16", run.draw(60, 16).backend());
}
