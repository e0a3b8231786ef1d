//! The small conventions of a packaged tool: `--version` with the revision and build date,
//! a manual page, and completions that offer countries and types of number.

use crate::support::home::Home;

#[test]
fn the_version_names_the_revision_and_the_build_date() {
    let run = Home::new().run(&["--version"], &[]).ok();
    let line = run.stdout.trim_end();
    let rest = line
        .strip_prefix(&format!("numpick {} (", env!("CARGO_PKG_VERSION")))
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{line:?}"));
    let (revision, date) = rest.rsplit_once(' ').unwrap_or_else(|| panic!("{line:?}"));
    assert!(!revision.is_empty(), "{line:?}");
    let parts: Vec<&str> = date.split('-').collect();
    assert_eq!(
        parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
        [4, 2, 2],
        "{line:?}"
    );
    assert!(
        date.bytes().all(|b| b.is_ascii_digit() || b == b'-'),
        "{line:?}"
    );
}

#[test]
fn the_manual_page_covers_the_commands() {
    let run = Home::new().run(&["man"], &[]).ok();
    assert!(run.stdout.contains(".TH numpick 1"), "{run:?}");
    for command in ["regions", "groups", "buy", "sandbox"] {
        assert!(run.stdout.contains(command), "{command} in the manual");
    }
}

#[test]
fn completions_offer_the_countries_and_the_types() {
    for shell in ["bash", "zsh", "fish"] {
        let run = Home::new().run(&["completions", shell], &[]).ok();
        for value in ["tollfree", "sharedcost", "DE", "US", "GB"] {
            assert!(run.stdout.contains(value), "{shell} completes {value}");
        }
    }
    // The help lists no 249 countries.
    let help = Home::new().run(&["regions", "--help"], &[]).ok();
    assert!(!help.stdout.contains("AF, AX"), "{help:?}");
    assert!(
        !help.stdout.contains("Possible values:\n          - AF"),
        "{help:?}"
    );
}
