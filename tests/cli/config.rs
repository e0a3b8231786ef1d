//! The command line's frame: completions, help, the config file and the precedence of flag,
//! environment and file, exit codes per failure class against a fault server, colour on a
//! terminal and NO_COLOR, and the key never showing in any output, log or journal.

use crate::support::home::{Home, KEY, Run, account_info, buy_args, mode, ok, one_group, set_mode};
use crate::support::http::{FaultServer, Reply, closed_port_url};
use crate::support::pty::on_terminal;
use serde_json::json;

#[test]
fn completions_for_each_shell() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish"] {
        let run = home.run(&["completions", shell], &[]).ok();
        assert!(run.stdout.len() > 200, "{shell}: {run:?}");
        assert!(run.stdout.contains("numpick"), "{shell}");
        assert!(
            run.stdout.contains("reservations"),
            "{shell}: the subcommands"
        );
    }
    assert_eq!(home.run(&["completions", "tcsh"], &[]).code, 2);
}

#[test]
fn help_lists_exit_codes_and_the_files() {
    let home = Home::new();
    let help = home.run(&["--help"], &[]).ok();
    assert!(
        help.stdout.contains("6  purchase outcome unknown"),
        "{help:?}"
    );
    assert!(
        help.stdout
            .contains(&home.state_dir().join("numpick.log").display().to_string())
    );
    assert!(
        help.stdout
            .contains(&home.config_file().display().to_string())
    );
    let groups = home.run(&["groups", "--help"], &[]).ok();
    assert!(
        groups.stdout.contains("\"setup_price\": \"1.00\""),
        "the JSON shape"
    );
    assert_eq!(home.run(&["regions", "US", "--bogus"], &[]).code, 2);
}

// ---------------------------------------------------------------------------------------------
// The config file

#[test]
fn config_path_init_and_show() {
    let home = Home::new();
    let path = home.run(&["config", "path"], &[]).ok();
    assert_eq!(path.stdout.trim(), home.config_file().display().to_string());
    home.run(&["config", "init"], &[]).ok();
    assert_eq!(mode(&home.config_file()), 0o600);
    let again = home.run(&["config", "init"], &[]);
    assert_eq!(again.code, 1, "{again:?}");
    assert!(again.stderr.contains("--force"));
    std::fs::write(home.config_file(), "base_url = \"http://old\"\n").unwrap();
    set_mode(&home.config_file(), 0o644);
    home.run(&["config", "init", "--force"], &[]).ok();
    let text = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(text.contains("# key_file") && !text.contains("http://old"));
    assert_eq!(mode(&home.config_file()), 0o600);
    let shown = home.run(&["config", "show", "--json"], &[]).ok().json();
    assert_eq!(shown["config_file_found"], true);
    assert_eq!(shown["key_set"], false);
    assert_eq!(shown["base_url_source"], "default");
    assert_eq!(shown["request_timeout_secs"], 20);
    assert_eq!(shown["settle_window_secs"], 120);
}

#[test]
fn base_url_precedence_flag_then_env_then_file() {
    let home = Home::new();
    home.write_config(
        "base_url = \"http://from-file\"\ndefault_country = \"de\"\ntheme = \"high-contrast\"\n",
    );
    let show = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["config", "show", "--json"];
        all.extend_from_slice(args);
        home.run(&all, env).ok().json()
    };
    let file = show(&[], &[]);
    assert_eq!(
        (file["base_url"].as_str(), file["base_url_source"].as_str()),
        (Some("http://from-file"), Some("file"))
    );
    assert_eq!(file["default_country"], "DE");
    assert_eq!(
        (file["theme"].as_str(), file["theme_source"].as_str()),
        (Some("high-contrast"), Some("file"))
    );
    let env = [("TWOCHAT_BASE_URL", "http://from-env"), ("NO_COLOR", "1")];
    let from_env = show(&[], &env);
    assert_eq!(
        (
            from_env["base_url"].as_str(),
            from_env["base_url_source"].as_str()
        ),
        (Some("http://from-env"), Some("env"))
    );
    assert_eq!(from_env["theme"], "no-color");
    let flag = show(
        &["--base-url", "http://from-flag", "--theme", "default"],
        &env,
    );
    assert_eq!(
        (flag["base_url"].as_str(), flag["base_url_source"].as_str()),
        (Some("http://from-flag"), Some("flag"))
    );
    assert_eq!(flag["theme"], "default");
    let table = home.run(&["config", "show"], &env).ok();
    assert!(table.stdout.contains("http://from-env (env)"), "{table:?}");
}

#[test]
fn the_config_currency_names_every_price() {
    let home = Home::new();
    let groups = |home: &Home| {
        let args = ["groups", "DE", "--city-name", "Berlin", "--json"];
        home.run(&args, &[]).ok().json()["groups"][0]["currency"].clone()
    };
    assert_eq!(groups(&home), "USD", "2Chat bills in US dollars");
    home.write_config("currency = \"eur\"\n");
    assert_eq!(groups(&home), "EUR");
    assert_eq!(
        home.run(&["config", "show", "--json"], &[]).ok().json()["currency"],
        "EUR"
    );
    home.write_config("currency = \"euro\"\n");
    let refused = home.run(&["groups", "DE", "--json"], &[]);
    assert_ne!(refused.code, 0, "{refused:?}");
    assert!(refused.stderr.contains("three-letter"), "{refused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_base_url_in_force_is_the_one_requests_go_to() {
    let server = FaultServer::start(vec![
        ok(json!({"did_types": [{"id": 1, "name": "local"}]})),
        ok(json!({"did_types": [{"id": 2, "name": "mobile"}]})),
        ok(json!({"did_types": [{"id": 3, "name": "tollfree"}]})),
    ])
    .await;
    let closed = closed_port_url().await;
    let home = Home::new();
    // --refresh: the types are asked each time, not read from the catalogue kept on disk.
    // The file alone.
    home.write_config(&format!("base_url = \"{}\"\n", server.url()));
    let run = home
        .run_async(&["types", "--json", "--refresh"], &[KEY])
        .await
        .ok();
    assert_eq!(run.json()["types"][0]["name"], "local");
    // The environment beats the file.
    home.write_config(&format!("base_url = \"{closed}\"\n"));
    let env = [KEY, ("TWOCHAT_BASE_URL", &server.url())];
    let run = home
        .run_async(&["types", "--json", "--refresh"], &env)
        .await
        .ok();
    assert_eq!(run.json()["types"][0]["name"], "mobile");
    // The flag beats the environment.
    let env = [KEY, ("TWOCHAT_BASE_URL", closed.as_str())];
    let url = server.url();
    let run = home
        .run_async(&["types", "--json", "--refresh", "--base-url", &url], &env)
        .await
        .ok();
    assert_eq!(run.json()["types"][0]["name"], "tollfree");
    assert_eq!(server.count(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_file_open_to_others_is_refused_and_a_private_one_is_used() {
    let server = FaultServer::start(vec![ok(json!({"did_types": []}))]).await;
    let home = Home::new();
    let key_file = home.path().join("api-key");
    std::fs::write(&key_file, "sk-FROMFILE-42\n").unwrap();
    set_mode(&key_file, 0o644);
    home.write_config(&format!(
        "key_file = \"{}\"\nbase_url = \"{}\"\n",
        key_file.display(),
        server.url()
    ));
    let refused = home.run_async(&["types"], &[]).await;
    assert_eq!(refused.code, 1, "{refused:?}");
    assert!(refused.stderr.contains("chmod 600"), "{refused:?}");
    assert!(refused.stderr.contains("0644"));
    assert_eq!(server.count(), 0, "nothing is sent without a usable key");
    set_mode(&key_file, 0o600);
    let shown = home
        .run_async(&["config", "show", "--json"], &[])
        .await
        .ok()
        .json();
    assert_eq!(
        (shown["key_set"].as_bool(), shown["key_source"].as_str()),
        (Some(true), Some("file"))
    );
    let run = home.run_async(&["types", "--json"], &[]).await.ok();
    assert_eq!(run.json(), json!({"backend": "live", "types": []}));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].header("x-user-api-key"), Some("sk-FROMFILE-42"));
    assert!(!run.stdout.contains("FROMFILE") && !shown.to_string().contains("FROMFILE"));
}

#[test]
fn a_config_file_with_an_unknown_key_is_refused_by_name() {
    let home = Home::new();
    home.write_config("base_ulr = \"http://typo\"\n");
    let run = home.run(&["types"], &[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("base_ulr") && run.stderr.contains("config.toml"));
    // The way out still works.
    home.run(&["config", "path"], &[]).ok();
}

// ---------------------------------------------------------------------------------------------
// Exit codes and the key, against a fault server

async fn exit_code_of(reply: Option<Reply>) -> (Run, usize) {
    let (url, server) = match reply {
        Some(reply) => {
            let server = FaultServer::start(vec![reply]).await;
            (server.url(), Some(server))
        }
        None => (closed_port_url().await, None),
    };
    let run = Home::new()
        .run_async(&["types", "--json", "--base-url", &url], &[KEY])
        .await;
    assert!(run.stdout.is_empty(), "errors stay off stdout: {run:?}");
    (run, server.map_or(0, |s| s.count()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_failure_class_has_its_exit_code() {
    let (run, sent) = exit_code_of(Some(Reply::refusal(401, "Invalid API key"))).await;
    assert_eq!((run.code, sent), (4, 1), "{run:?}");
    assert!(run.stderr.contains("Invalid API key"));

    let (run, _) = exit_code_of(Some(Reply::refusal(409, "Number already reserved"))).await;
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stderr.contains("Number already reserved"));

    let limited = Reply::refusal(429, "Too many requests").with_header("Retry-After", "3600");
    let (run, sent) = exit_code_of(Some(limited)).await;
    assert_eq!((run.code, sent), (5, 1), "{run:?}");

    let (run, _) = exit_code_of(None).await;
    assert_eq!(run.code, 7, "{run:?}");
    assert!(run.stderr.contains("could not reach"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_never_appears_in_any_output_or_log() {
    const SECRET: &str = "sk-LEAKCHECK-123";
    let server = FaultServer::start(vec![
        Reply::refusal(401, &format!("Invalid API key {SECRET}")),
        Reply::refusal(409, &format!("key {SECRET} may not reserve")),
        one_group("g-1"),
        account_info(),
        Reply::json(
            201,
            json!({"success": true, "purchased": ["+493012345678"], "failed": []}),
        ),
    ])
    .await;
    let url = server.url();
    let home = Home::new();
    let env = [("TWOCHAT_API_KEY", SECRET), ("NUMPICK_LOG", "trace")];
    let runs = vec![
        home.run_async(&["types", "--base-url", &url], &env).await,
        home.run_async(&["reserve", "g-1", "--json", "--base-url", &url], &env)
            .await,
        home.run_async(&buy_args("g-1", &["--json"], &url), &env)
            .await,
        home.run_async(&["buy", "g-1", "--dry-run", "--base-url", &url], &env)
            .await,
        home.run_async(&["config", "show"], &env).await,
        home.run_async(&["config", "show", "--json"], &env).await,
        home.run_async(&["--help"], &env).await,
        home.run_async(&["types", "--base-url", &closed_port_url().await], &env)
            .await,
    ];
    assert_eq!(runs[0].code, 4, "{:?}", runs[0]);
    assert!(runs[0].stderr.contains("[redacted]"), "{:?}", runs[0]);
    assert_eq!(runs[1].code, 3, "{:?}", runs[1]);
    assert_eq!(runs[2].code, 0, "{:?}", runs[2]);
    for run in &runs {
        assert!(
            !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
            "{run:?}"
        );
    }
    let log = std::fs::read_to_string(home.state_dir().join("numpick.log")).expect("a log file");
    assert!(!log.is_empty() && !log.contains(SECRET));
    let journal = home.journal();
    assert!(journal.contains("purchase_outcome") && !journal.contains(SECRET));
}

// ---------------------------------------------------------------------------------------------
// On a terminal (a pseudo-terminal made with portable-pty)

#[test]
fn tables_are_bold_on_a_terminal_and_plain_with_no_color() {
    let home = Home::new();
    let (code, shown) = on_terminal(&home, &["regions", "US"], &[], "");
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("\x1b[1mID"), "{shown:?}");
    let (_, shown) = on_terminal(
        &home,
        &["regions", "US", "--theme", "default"],
        &[("NO_COLOR", "1")],
        "",
    );
    assert!(
        shown.contains("California") && !shown.contains('\x1b'),
        "{shown:?}"
    );
}
