//! Where the key comes from when several places hold one: the environment before the
//! config's key_file (the OS keyring, between them, is not reachable in tests: no session
//! bus), and the key itself never shown.

use crate::support::home::{Home, set_mode};

#[test]
fn the_environment_wins_over_the_key_file() {
    let home = Home::new();
    let key_file = home.path().join("api-key");
    std::fs::write(&key_file, "sk-file-0987654321\n").unwrap();
    set_mode(&key_file, 0o600);
    home.write_config(&format!(
        "key_file = {:?}\n",
        key_file.display().to_string()
    ));
    let both = home
        .run(
            &["auth", "status", "--json"],
            &[("TWOCHAT_API_KEY", "sk-env-1234567890")],
        )
        .ok();
    assert_eq!(both.json()["key_source"], "env", "{both:?}");
    let file = home.run(&["auth", "status", "--json"], &[]).ok();
    assert_eq!(file.json()["key_source"], "file", "{file:?}");
    for run in [&both, &file] {
        assert!(
            !run.stdout.contains("sk-") && !run.stderr.contains("sk-"),
            "{run:?}"
        );
    }
}
