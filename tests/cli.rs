//! The subcommands, run as the real binary: against the embedded sandbox (no key), and against
//! a scripted fault server on 127.0.0.1 (with a key and `--base-url`) for the exit codes and
//! for what is sent and what is not.
//!
//! Every run gets its own home, config, state and data folders, and none of the caller's
//! TWOCHAT_* or NO_COLOR variables, so runs are hermetic.

mod fault_server;

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use fault_server::{FaultServer, Reply, closed_port_url};
use serde_json::{Value, json};

/// A throwaway home for one test.
struct Home {
    dir: tempfile::TempDir,
}

/// What one run printed and returned.
#[derive(Debug, Clone)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {self:?}"))
    }

    fn ok(self) -> Self {
        assert_eq!(self.code, 0, "{self:?}");
        self
    }
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn config_file(&self) -> PathBuf {
        self.path().join("config/numpick/config.toml")
    }

    fn state_dir(&self) -> PathBuf {
        self.path().join("state/numpick")
    }

    fn write_config(&self, text: &str) {
        let path = self.config_file();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs numpick with `args` and extra environment variables; stdin is not a terminal.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        with_home(self.path(), &args, &env)
    }

    /// [`Home::run`] from async tests, so that the fault server keeps serving meanwhile.
    async fn run_async(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let home = self.path().to_owned();
        let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        tokio::task::spawn_blocking(move || with_home(&home, &args, &env))
            .await
            .expect("the run finished")
    }
}

/// Runs numpick in `home`; stdin is not a terminal.
fn with_home(home: &Path, args: &[String], env: &[(String, String)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_numpick"));
    command
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("TWOCHAT_API_KEY")
        .env_remove("TWOCHAT_BASE_URL")
        .env_remove("NO_COLOR")
        .env_remove("NUMPICK_LOG")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("numpick runs");
    Run {
        code: output.status.code().expect("an exit code"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

fn items<'a>(doc: &'a Value, field: &str) -> &'a Vec<Value> {
    doc[field]
        .as_array()
        .unwrap_or_else(|| panic!("{field} is an array: {doc}"))
}

const KEY: (&str, &str) = ("TWOCHAT_API_KEY", "test");

/// A group as the API sends it.
fn group_json(id: &str) -> Value {
    json!({
        "id": id, "prefix": "+49 30", "location": "Berlin", "type": "local",
        "price": {"setup_price": "1.00", "monthly_price": "3.50"},
        "requirements": [], "allow_number_selection": true,
        "is_eligible_for_free_number": false, "features": ["voice"]
    })
}

fn ok(data: Value) -> Reply {
    Reply::json(200, json!({"success": true, "data": data}))
}

// ---------------------------------------------------------------------------------------------
// Against the embedded sandbox

#[test]
fn regions_as_a_table_and_as_json() {
    let home = Home::new();
    let table = home.run(&["regions", "US"], &[]).ok();
    assert!(table.stdout.starts_with("ID"), "{table:?}");
    assert!(table.stdout.contains("California"));
    assert!(!table.stdout.contains('\x1b'), "no colour off a terminal");
    let doc = home.run(&["regions", "us", "--json"], &[]).ok().json();
    assert_eq!(keys(&doc), set(&["country", "regions"]));
    assert_eq!(doc["country"], "US");
    let regions = items(&doc, "regions");
    assert!(regions.len() >= 3);
    for region in regions {
        assert_eq!(keys(region), set(&["id", "name"]));
        assert!(region["id"].is_string());
    }
    assert!(regions.iter().any(|r| r["name"] == "California"));
}

#[test]
fn cities_of_a_region_and_global_flags_after_the_subcommand() {
    let home = Home::new();
    let regions = home.run(&["--json", "regions", "US"], &[]).ok().json();
    let california = items(&regions, "regions")
        .iter()
        .find(|r| r["name"] == "California")
        .expect("California");
    let id = california["id"].as_str().unwrap();
    let doc = home
        .run(
            &[
                "cities",
                "US",
                "--region",
                id,
                "--json",
                "--theme",
                "high-contrast",
            ],
            &[],
        )
        .ok()
        .json();
    assert_eq!(keys(&doc), set(&["country", "region", "cities"]));
    assert_eq!(doc["region"], id);
    let cities = items(&doc, "cities");
    assert!(cities.iter().any(|c| c["name"] == "Los Angeles"), "{doc}");
    assert!(cities.iter().all(|c| keys(c) == set(&["id", "name"])));
    let table = home.run(&["cities", "US", "--region", id], &[]).ok();
    assert!(table.stdout.contains("San Francisco"));
    assert!(
        !table.stdout.contains("Houston"),
        "only California's cities"
    );
}

#[test]
fn types_list_the_did_types_with_string_ids() {
    let home = Home::new();
    let doc = home.run(&["types", "--json"], &[]).ok().json();
    let types = items(&doc, "types");
    let local = types.iter().find(|t| t["name"] == "local").expect("local");
    assert_eq!(local["id"], "1");
    assert_eq!(types.len(), 6);
    let table = home.run(&["types"], &[]).ok();
    assert!(table.stdout.contains("tollfree") && table.stdout.contains("sharedcost"));
}

#[test]
fn requirements_translate_the_type_name_to_its_id() {
    let home = Home::new();
    let doc = home
        .run(&["requirements", "DE", "--type", "local", "--json"], &[])
        .ok()
        .json();
    assert_eq!(
        keys(&doc),
        set(&["country", "type", "type_id", "requirements"])
    );
    assert_eq!(
        (doc["type"].as_str(), doc["type_id"].as_str()),
        (Some("local"), Some("1"))
    );
    let requirements = items(&doc, "requirements");
    assert!(
        requirements.iter().any(|r| r["type"] == "identity"),
        "{doc}"
    );
    let table = home
        .run(&["requirements", "DE", "--type", "local"], &[])
        .ok();
    assert!(
        table.stdout.contains("identity_card, passport"),
        "{table:?}"
    );
    let us = home.run(&["requirements", "US"], &[]).ok();
    assert!(us.stdout.contains("No requirements"), "{us:?}");
    let unknown = home.run(&["requirements", "DE", "--type", "landline"], &[]);
    assert_eq!(unknown.code, 2, "{unknown:?}");
    assert!(unknown.stderr.contains("tollfree") && unknown.stdout.is_empty());
}

#[test]
fn groups_print_flat_rows_with_prices_as_strings() {
    let home = Home::new();
    let doc = home
        .run(
            &[
                "groups",
                "DE",
                "--city-name",
                "Berlin",
                "--type",
                "local",
                "--json",
            ],
            &[],
        )
        .ok()
        .json();
    assert_eq!(keys(&doc), set(&["country", "groups"]));
    let groups = items(&doc, "groups");
    assert!(!groups.is_empty());
    for group in groups {
        assert_eq!(
            keys(group),
            set(&[
                "id",
                "prefix",
                "location",
                "type",
                "setup_price",
                "monthly_price",
                "allow_number_selection",
                "is_eligible_for_free_number",
                "features",
                "requirements"
            ])
        );
        assert_eq!(group["type"], "local");
        for price in ["setup_price", "monthly_price"] {
            let text = group[price].as_str().expect("a price as a string");
            let (units, cents) = text.split_once('.').expect("a decimal");
            assert!(units.parse::<u32>().is_ok() && cents.len() >= 2, "{text}");
        }
    }
    let berlin = groups
        .iter()
        .find(|g| g["id"] == "de-ber-local-1")
        .expect("the Berlin group");
    assert_eq!(
        (
            berlin["setup_price"].as_str(),
            berlin["monthly_price"].as_str()
        ),
        (Some("1.00"), Some("3.50"))
    );
    let table = home
        .run(&["groups", "DE", "--city-name", "Berlin"], &[])
        .ok();
    let header = table.stdout.lines().next().unwrap();
    assert!(
        header.starts_with("ID") && header.contains("MONTHLY"),
        "{header}"
    );
    assert!(table.stdout.contains("de-ber-local-1"));
}

#[test]
fn a_us_search_without_a_region_is_refused_by_the_api_with_exit_3() {
    let run = Home::new().run(&["groups", "US", "--json"], &[]);
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stdout.is_empty(), "errors never go to stdout");
    assert!(run.stderr.contains("region is required"), "{run:?}");
}

#[test]
fn numbers_are_filtered_by_the_vanity_pattern_and_ranked() {
    let home = Home::new();
    let all = home
        .run(&["numbers", "de-ber-local-1", "--json"], &[])
        .ok()
        .json();
    assert!(all["pattern"].is_null());
    let every = items(&all, "numbers").len();
    assert!(every > 0);
    let doc = home
        .run(
            &["numbers", "de-ber-local-1", "--contains", "5*5", "--json"],
            &[],
        )
        .ok()
        .json();
    assert_eq!(
        keys(&doc),
        set(&["group_id", "pattern", "mapping", "numbers"])
    );
    assert_eq!(doc["pattern"], "5*5");
    let numbers = items(&doc, "numbers");
    assert!(
        !numbers.is_empty() && numbers.len() < every,
        "{} of {every}",
        numbers.len()
    );
    for number in numbers {
        assert_eq!(keys(number), set(&["id", "number"]));
        let national = number["number"]
            .as_str()
            .unwrap()
            .strip_prefix("+49")
            .unwrap();
        let bytes = national.as_bytes();
        assert!(
            bytes.windows(3).any(|w| w[0] == b'5' && w[2] == b'5'),
            "{national} matches 5*5"
        );
    }
    // Ranked: the match nearest the end of the number first.
    let distance = |national: &str| {
        let bytes = national.as_bytes();
        (0..bytes.len() - 2)
            .rev()
            .find(|&i| bytes[i] == b'5' && bytes[i + 2] == b'5')
            .map(|i| bytes.len() - (i + 3))
            .unwrap()
    };
    let distances: Vec<usize> = numbers
        .iter()
        .map(|n| distance(n["number"].as_str().unwrap().strip_prefix("+49").unwrap()))
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(
        distances.iter().any(|d| *d > 0),
        "the ranking is put to the test"
    );
    let lettered = home
        .run(
            &["numbers", "de-ber-local-1", "--contains", "JKL", "--json"],
            &[],
        )
        .ok()
        .json();
    assert_eq!(lettered["mapping"], "JKL → 555");
    let table = home
        .run(&["numbers", "de-ber-local-1", "--contains", "5*5"], &[])
        .ok();
    assert!(
        table.stdout.lines().nth(1).unwrap().contains('['),
        "{table:?}"
    );
    let bad = home.run(&["numbers", "de-ber-local-1", "--contains", "5%5"], &[]);
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(bad.stderr.contains("'%'"));
}

#[test]
fn reserve_reservations_and_cancel_on_the_sandbox() {
    let home = Home::new();
    let doc = home
        .run(&["reserve", "de-ber-local-1", "--json"], &[])
        .ok()
        .json();
    let reservation = &doc["reservation"];
    assert_eq!(
        keys(reservation),
        set(&[
            "uuid",
            "number",
            "group_id",
            "created_at",
            "expires_at",
            "expires_in_secs"
        ])
    );
    assert!(reservation["number"].as_str().unwrap().starts_with("+4930"));
    assert_eq!(reservation["group_id"], "de-ber-local-1");
    let left = reservation["expires_in_secs"].as_i64().unwrap();
    assert!((500..=600).contains(&left), "{left}");
    let table = home.run(&["reserve", "de-ber-local-1"], &[]).ok();
    assert!(table.stdout.starts_with("Reserved:"), "{table:?}");
    // The sandbox lives for one command: the next one starts with no reservation.
    let list = home.run(&["reservations", "--json"], &[]).ok().json();
    assert_eq!(list, json!({"reservations": []}));
    let list = home.run(&["reservations"], &[]).ok();
    assert_eq!(list.stdout, "No active reservations.\n");
    let cancel = home.run(&["cancel", "no-such-uuid", "--json"], &[]);
    assert_eq!(cancel.code, 3, "{cancel:?}");
    assert!(cancel.stdout.is_empty() && cancel.stderr.contains("not found"));
}

#[test]
fn buy_on_the_sandbox_with_yes() {
    let home = Home::new();
    let doc = home
        .run(
            &[
                "buy",
                "de-ber-local-1",
                "--country",
                "DE",
                "--yes",
                "--json",
            ],
            &[],
        )
        .ok()
        .json();
    assert_eq!(
        keys(&doc),
        set(&[
            "status",
            "group_id",
            "number",
            "setup_price",
            "monthly_price",
            "receipt"
        ])
    );
    assert_eq!(doc["status"], "bought");
    assert_eq!(
        (doc["setup_price"].as_str(), doc["monthly_price"].as_str()),
        (Some("1.00"), Some("3.50"))
    );
    assert!(doc["number"].as_str().unwrap().starts_with("+4930"));
    assert_eq!(doc["receipt"]["success"], true);
    // A chosen number, from the same seeded catalogue.
    let numbers = home
        .run(&["numbers", "de-ber-local-1", "--json"], &[])
        .ok()
        .json();
    let chosen = items(&numbers, "numbers")[3]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let table = home
        .run(
            &[
                "buy",
                "de-ber-local-1",
                "--country",
                "DE",
                "--number",
                &chosen,
                "--yes",
            ],
            &[],
        )
        .ok();
    assert!(
        table.stdout.contains(&format!("Bought:  {chosen}")),
        "{table:?}"
    );
    // The sandbox's journal is a throwaway: the real one is untouched.
    assert!(!home.state_dir().join("journal.jsonl").exists());
}

#[test]
fn buy_needs_the_country_to_show_prices() {
    let run = Home::new().run(&["buy", "de-ber-local-1", "--yes"], &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--country"));
    let home = Home::new();
    home.write_config("default_country = \"DE\"\n");
    let doc = home
        .run(&["buy", "de-ber-local-1", "--yes", "--json"], &[])
        .ok()
        .json();
    assert_eq!(doc["status"], "bought");
}

#[test]
fn account_on_the_sandbox() {
    let home = Home::new();
    let doc = home.run(&["account", "--json"], &[]).ok().json();
    assert_eq!(keys(&doc), set(&["backend", "account", "limits", "usage"]));
    assert_eq!(doc["backend"], "sandbox");
    assert_eq!(
        keys(&doc["account"]),
        set(&["name", "uuid", "on_trial", "blocked", "expires_at"])
    );
    assert_eq!(doc["limits"]["requests_per_minute"], 80);
    assert!(doc["usage"]["max_api_request_count"].as_u64().unwrap() > 0);
    let table = home.run(&["account"], &[]).ok();
    assert!(table.stdout.contains("Backend:") && table.stdout.contains("sandbox"));
}

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
    let mode = std::fs::metadata(home.config_file())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let again = home.run(&["config", "init"], &[]);
    assert_eq!(again.code, 1, "{again:?}");
    assert!(again.stderr.contains("--force"));
    std::fs::write(home.config_file(), "base_url = \"http://old\"\n").unwrap();
    std::fs::set_permissions(home.config_file(), std::fs::Permissions::from_mode(0o644)).unwrap();
    home.run(&["config", "init", "--force"], &[]).ok();
    let text = std::fs::read_to_string(home.config_file()).unwrap();
    assert!(text.contains("# key_file") && !text.contains("http://old"));
    let mode = std::fs::metadata(home.config_file())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let shown = home.run(&["config", "show", "--json"], &[]).ok().json();
    assert_eq!(shown["config_file_found"], true);
    assert_eq!(shown["key_set"], false);
    assert_eq!(shown["base_url_source"], "default");
    assert_eq!(shown["request_timeout_secs"], 20);
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
    // The file alone.
    home.write_config(&format!("base_url = \"{}\"\n", server.url()));
    let run = home.run_async(&["types", "--json"], &[KEY]).await.ok();
    assert_eq!(run.json()["types"][0]["name"], "local");
    // The environment beats the file.
    home.write_config(&format!("base_url = \"{closed}\"\n"));
    let env = [KEY, ("TWOCHAT_BASE_URL", &server.url())];
    let run = home.run_async(&["types", "--json"], &env).await.ok();
    assert_eq!(run.json()["types"][0]["name"], "mobile");
    // The flag beats the environment.
    let env = [KEY, ("TWOCHAT_BASE_URL", closed.as_str())];
    let url = server.url();
    let run = home
        .run_async(&["types", "--json", "--base-url", &url], &env)
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
    std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644)).unwrap();
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
    std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).unwrap();
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
    assert_eq!(run.json(), json!({"types": []}));
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
// Exit codes against a fault server

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
async fn buy_without_a_terminal_and_without_yes_sends_nothing() {
    let server = FaultServer::start(vec![]).await;
    let url = server.url();
    let home = Home::new();
    let run = home
        .run_async(
            &["buy", "g-1", "--country", "DE", "--base-url", &url],
            &[KEY],
        )
        .await;
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--yes") && run.stdout.is_empty());
    assert_eq!(server.count(), 0);
    assert!(!home.state_dir().join("journal.jsonl").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_prints_the_request_and_sends_nothing() {
    let server = FaultServer::start(vec![]).await;
    let url = server.url();
    let home = Home::new();
    let args = [
        "buy",
        "g-1",
        "--number",
        "+493012345678",
        "--dry-run",
        "--json",
        "--base-url",
        &url,
    ];
    let doc = home.run_async(&args, &[KEY]).await.ok().json();
    assert_eq!(
        doc,
        json!({"dry_run": true, "method": "POST", "path": "/open/numbers/purchase",
               "body": {"group_id": "g-1", "number": "+493012345678"}})
    );
    let table = home
        .run_async(&["buy", "g-1", "--dry-run", "--base-url", &url], &[KEY])
        .await
        .ok();
    assert!(table.stdout.contains("POST /open/numbers/purchase"));
    assert!(table.stdout.contains(r#"{"group_id":"g-1"}"#), "{table:?}");
    assert_eq!(server.count(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_purchase_answer_is_settled_and_never_sent_twice() {
    // Unknown even after settling: the account's numbers cannot be read → exit 6.
    let server = FaultServer::start(vec![
        ok(json!({"groups": [group_json("g-1")]})),
        Reply::ResetMidAnswer,
        Reply::refusal(403, "numbers unavailable"),
    ])
    .await;
    let url = server.url();
    let home = Home::new();
    let args = [
        "buy",
        "g-1",
        "--country",
        "DE",
        "--number",
        "+493012345678",
        "--yes",
        "--json",
        "--base-url",
        &url,
    ];
    let run = home.run_async(&args, &[KEY]).await;
    assert_eq!(run.code, 6, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    let posts = server
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 1, "a purchase is sent once");
    let journal = std::fs::read_to_string(home.state_dir().join("journal.jsonl")).unwrap();
    assert!(
        journal.contains("\"purchase_intent\"") && journal.contains("\"unknown\""),
        "{journal}"
    );

    // The next buy of the same group settles that one first; still unknown → nothing is sent.
    let again = FaultServer::start(vec![
        ok(json!({"groups": [group_json("g-1")]})),
        Reply::refusal(403, "numbers unavailable"),
    ])
    .await;
    let url = again.url();
    let args = [
        "buy",
        "g-1",
        "--country",
        "DE",
        "--number",
        "+493012345678",
        "--yes",
        "--base-url",
        &url,
    ];
    let run = home.run_async(&args, &[KEY]).await;
    assert_eq!(run.code, 6, "{run:?}");
    assert!(run.stderr.contains("still unsettled"), "{run:?}");
    assert!(again.requests().iter().all(|r| r.method == "GET"));

    // Settled as not bought: the number is not on the account → exit 7, nothing bought.
    let server = FaultServer::start(vec![
        ok(json!({"groups": [group_json("g-2")]})),
        Reply::ResetMidAnswer,
        Reply::json(
            200,
            json!({"success": true, "count": 0, "page": 0, "numbers": []}),
        ),
    ])
    .await;
    let url = server.url();
    let args = [
        "buy",
        "g-2",
        "--country",
        "DE",
        "--number",
        "+493012345678",
        "--yes",
        "--base-url",
        &url,
    ];
    let run = Home::new().run_async(&args, &[KEY]).await;
    assert_eq!(run.code, 7, "{run:?}");
    assert!(run.stderr.contains("did not go through"), "{run:?}");
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| r.method == "POST")
            .count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_never_appears_in_any_output_or_log() {
    const SECRET: &str = "sk-LEAKCHECK-123";
    let server = FaultServer::start(vec![
        Reply::refusal(401, &format!("Invalid API key {SECRET}")),
        Reply::refusal(409, &format!("key {SECRET} may not reserve")),
        ok(json!({"groups": [group_json("g-1")]})),
        Reply::json(
            201,
            json!({"success": true, "data": {"number": "+493012345678"}}),
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
        home.run_async(
            &[
                "buy",
                "g-1",
                "--country",
                "DE",
                "--number",
                "+493012345678",
                "--yes",
                "--json",
                "--base-url",
                &url,
            ],
            &env,
        )
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
    let journal = std::fs::read_to_string(home.state_dir().join("journal.jsonl")).unwrap();
    assert!(journal.contains("purchase_outcome") && !journal.contains(SECRET));
}

// ---------------------------------------------------------------------------------------------
// On a terminal (a pseudo-terminal made by util-linux `script`)

/// Runs numpick on a pseudo-terminal, typing `input`; returns everything the terminal showed
/// (stdout and stderr together) and the exit code.
fn on_terminal(home: &Path, args: &[&str], env: &[(&str, &str)], input: &str) -> (i32, String) {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_numpick"))
        .chain(args.iter().copied())
        .map(|arg| format!("'{}'", arg.replace('\'', r"'\''")))
        .collect();
    let mut command = Command::new("script");
    command
        .args(["-qec", &quoted.join(" "), "/dev/null"])
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("TWOCHAT_API_KEY")
        .env_remove("TWOCHAT_BASE_URL")
        .env_remove("NO_COLOR")
        .env_remove("NUMPICK_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().expect("util-linux script runs");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), input.as_bytes()).unwrap();
    let output = child.wait_with_output().expect("script ends");
    let shown = String::from_utf8_lossy(&output.stdout).replace('\r', "");
    (output.status.code().expect("an exit code"), shown)
}

#[test]
fn tables_are_bold_on_a_terminal_and_plain_with_no_color() {
    let home = Home::new();
    let (code, shown) = on_terminal(home.path(), &["regions", "US"], &[], "");
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("\x1b[1mID"), "{shown:?}");
    let (_, shown) = on_terminal(
        home.path(),
        &["regions", "US", "--theme", "default"],
        &[("NO_COLOR", "1")],
        "",
    );
    assert!(
        shown.contains("California") && !shown.contains('\x1b'),
        "{shown:?}"
    );
}

#[test]
fn buy_on_a_terminal_shows_the_prices_and_buys_on_yes() {
    let home = Home::new();
    let args = ["buy", "de-ber-local-1", "--country", "DE"];
    let (code, shown) = on_terminal(home.path(), &args, &[], "y\n");
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("setup:   1.00 (one-time)") && shown.contains("monthly: 3.50"),
        "{shown}"
    );
    assert!(shown.contains("Buy it? [y/N]"));
    assert!(shown.contains("Bought:  +4930"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buy_declined_on_a_terminal_sends_no_purchase() {
    let server = FaultServer::start(vec![ok(json!({"groups": [group_json("g-1")]}))]).await;
    let home = Home::new();
    let url = server.url();
    let path = home.path().to_owned();
    let (code, shown) = tokio::task::spawn_blocking(move || {
        let args = [
            "buy",
            "g-1",
            "--number",
            "+493012345678",
            "--country",
            "DE",
            "--base-url",
            &url,
        ];
        on_terminal(&path, &args, &[KEY], "n\n")
    })
    .await
    .unwrap();
    assert_eq!(code, 1, "{shown}");
    assert!(
        shown.contains("About to buy +493012345678") && shown.contains("declined"),
        "{shown}"
    );
    let methods: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["GET"], "only the price lookup");
}
