//! The log is one file a day, the last week kept, `numpick.log` a link to today's; every file
//! is 0600 even under `umask 000`, although tracing-appender creates its files with the
//! umask's modes.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support::home::{Home, mode};
use numpick::logging::{DAYS_KEPT, daily_file_name};

fn today() -> u64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    since.as_secs() / (24 * 60 * 60)
}

/// Runs `numpick types` under `umask 000`, on the sandbox, logging its requests.
fn run_with_open_umask(home: &Home) {
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" types")
        .arg(env!("CARGO_BIN_EXE_numpick"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("NUMPICK_NO_KEYRING", "1")
        .env_remove("TWOCHAT_API_KEY")
        .env_remove("TWOCHAT_BASE_URL")
        .env("NUMPICK_LOG", "debug")
        .status()
        .expect("numpick runs");
    assert!(status.success());
}

/// The daily log files in `dir`, oldest first.
fn daily_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("numpick.20") && name.ends_with(".log"))
        .collect();
    names.sort();
    names
}

#[test]
fn todays_file_is_private_under_umask_000_and_the_link_points_at_it() {
    let home = Home::new();
    run_with_open_umask(&home);
    let state = home.state_dir();
    let todays = state.join(daily_file_name(today()));
    assert_eq!(mode(&todays), 0o600, "{}", todays.display());
    let link = state.join("numpick.log");
    assert_eq!(std::fs::read_link(&link).unwrap(), todays);
    assert!(
        !std::fs::read_to_string(&todays).unwrap().is_empty(),
        "something was logged"
    );
}

#[test]
fn a_week_of_files_is_kept() {
    let home = Home::new();
    let state = home.state_dir();
    std::fs::create_dir_all(&state).unwrap();
    // Ten earlier days, made oldest first.
    let earlier: Vec<String> = (1..=10)
        .rev()
        .map(|back| daily_file_name(today() - back))
        .collect();
    for name in &earlier {
        std::fs::write(state.join(name), "a line\n").unwrap();
        // The appender prunes by the files' creation times: one tick of the file system's
        // clock apart, as days apart would be.
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    run_with_open_umask(&home);
    let mut kept = earlier[earlier.len() - (DAYS_KEPT - 1)..].to_vec();
    kept.push(daily_file_name(today()));
    assert_eq!(daily_files(&state), kept);
    assert_eq!(DAYS_KEPT, 7);
}
