//! `auth login|status|logout` where there is no keyring (no D-Bus session, as on a bare SSH
//! host or in CI): login explains the key_file alternative and stores nothing, status says
//! where the key comes from without showing it, and the key is never taken from an argument.

use crate::support::home::{Home, set_mode};

/// The keyring asked for real: no `NUMPICK_NO_KEYRING`, and no session bus to reach one.
fn no_keyring(home: &Home) -> Vec<(&'static str, String)> {
    vec![(
        "XDG_RUNTIME_DIR",
        home.path().join("runtime").display().to_string(),
    )]
}

fn run(home: &Home, args: &[&str], extra: &[(&str, &str)]) -> crate::support::home::Run {
    let runtime = no_keyring(home);
    let mut env: Vec<(&str, &str)> = runtime.iter().map(|(k, v)| (*k, v.as_str())).collect();
    env.extend_from_slice(extra);
    home.run_with_keyring(args, &env)
}

#[test]
fn without_a_keyring_login_explains_the_key_file_and_stores_nothing() {
    let home = Home::new();
    std::fs::create_dir_all(home.path().join("runtime")).unwrap();
    let login = run(&home, &["auth", "login"], &[]);
    assert_eq!(login.code, 1, "{login:?}");
    assert!(
        login.stderr.contains("no keyring can be used here")
            && login.stderr.contains("key_file")
            && login.stderr.contains("chmod 600"),
        "{login:?}"
    );
    let logout = run(&home, &["auth", "logout"], &[]);
    assert_eq!(logout.code, 1, "{logout:?}");
    assert!(logout.stderr.contains("key_file"), "{logout:?}");
    // A key is never an argument.
    let argument = run(&home, &["auth", "login", "sk-secret"], &[]);
    assert_eq!(argument.code, 2, "{argument:?}");
}

#[test]
fn status_says_where_the_key_comes_from_never_the_key() {
    let home = Home::new();
    std::fs::create_dir_all(home.path().join("runtime")).unwrap();
    let none = run(&home, &["auth", "status", "--json"], &[]).ok().json();
    assert!(none["key_source"].is_null(), "{none}");
    assert!(
        none["keyring"].as_str().unwrap().starts_with("unavailable"),
        "{none}"
    );
    let env = run(
        &home,
        &["auth", "status"],
        &[("TWOCHAT_API_KEY", "sk-live-1234567890")],
    )
    .ok();
    assert!(env.stdout.contains("from TWOCHAT_API_KEY"), "{env:?}");
    assert!(!env.stdout.contains("sk-live") && !env.stderr.contains("sk-live"));
    // Without the environment and a keyring, the key file is next.
    let key_file = home.path().join("api-key");
    std::fs::write(&key_file, "sk-file-0987654321\n").unwrap();
    set_mode(&key_file, 0o600);
    home.write_config(&format!(
        "key_file = {:?}\n",
        key_file.display().to_string()
    ));
    let file = run(&home, &["auth", "status", "--json"], &[]).ok();
    assert_eq!(file.json()["key_source"], "file", "{file:?}");
    assert!(!file.stdout.contains("sk-file"));
}
