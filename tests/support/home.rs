//! Running the real binary for the command-line tests: a throwaway home per test, a hermetic
//! environment (its own home, config, state and data folders, and none of the caller's
//! TWOCHAT_* or NO_COLOR variables), JSON helpers and the fault server's usual replies.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::http::{FaultServer, Reply};
use super::pty::on_terminal;

/// The key the fault-server tests send.
pub const KEY: (&str, &str) = ("TWOCHAT_API_KEY", "test");

/// The number the fault-server purchase tests name.
pub const NUMBER: &str = "+493012345678";

/// US › California › Los Angeles › local, by names as an operator types them.
pub const LOS_ANGELES_BY_NAME: [&str; 8] = [
    "--country",
    "US",
    "--region",
    "California",
    "--city",
    "Los Angeles",
    "--type",
    "local",
];

/// A throwaway home for one test.
pub struct Home {
    dir: tempfile::TempDir,
}

/// What one run printed and returned.
#[derive(Debug, Clone)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {self:?}"))
    }

    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "{self:?}");
        self
    }
}

impl Home {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_file(&self) -> PathBuf {
        self.path().join("config/numpick/config.toml")
    }

    pub fn state_dir(&self) -> PathBuf {
        self.path().join("state/numpick")
    }

    pub fn write_config(&self, text: &str) {
        let path = self.config_file();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs numpick with `args` and extra environment variables; stdin is not a terminal.
    pub fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_numpick"));
        command.args(args).stdin(Stdio::null());
        hermetic(&mut command, self.path(), env);
        let output = command.output().expect("numpick runs");
        Run {
            code: output.status.code().expect("an exit code"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        }
    }

    /// [`Home::run`] with the OS keyring asked, as numpick asks it outside the tests.
    pub fn run_with_keyring(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_numpick"));
        command.args(args).stdin(Stdio::null());
        hermetic(&mut command, self.path(), env);
        command.env_remove("NUMPICK_NO_KEYRING");
        let output = command.output().expect("numpick runs");
        Run {
            code: output.status.code().expect("an exit code"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        }
    }

    /// [`Home::run`] from async tests (on the multi-threaded runtime), so that the fault server
    /// keeps serving meanwhile.
    pub async fn run_async(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        tokio::task::block_in_place(|| self.run(args, env))
    }

    /// [`on_terminal`] in this home, from async tests (on the multi-threaded runtime).
    pub async fn on_terminal_async(
        &self,
        args: &[&str],
        env: &[(&str, &str)],
        input: &str,
    ) -> (i32, String) {
        tokio::task::block_in_place(|| on_terminal(self, args, env, input))
    }

    /// The journal of recorded purchases.
    pub fn journal(&self) -> String {
        std::fs::read_to_string(self.state_dir().join("journal.jsonl")).unwrap()
    }
}

/// Gives `command` its own home and folders in `home`, drops the caller's TWOCHAT_*, NO_COLOR
/// and NUMPICK_LOG variables and D-Bus session, keeps the OS keyring out, then sets `env`.
fn hermetic(command: &mut Command, home: &Path, env: &[(&str, &str)]) {
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("TWOCHAT_API_KEY")
        .env_remove("TWOCHAT_BASE_URL")
        .env_remove("NO_COLOR")
        .env_remove("NUMPICK_LOG")
        // Never the caller's keyring: a key stored there would change what runs.
        .env("NUMPICK_NO_KEYRING", "1")
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
    for (name, value) in env {
        command.env(name, value);
    }
}

/// The permission bits of a file.
pub fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

pub fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

pub fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

pub fn items<'a>(doc: &'a Value, field: &str) -> &'a Vec<Value> {
    doc[field]
        .as_array()
        .unwrap_or_else(|| panic!("{field} is an array: {doc}"))
}

/// A group as the API sends it.
pub fn group_json(id: &str) -> Value {
    json!({
        "id": id, "prefix": "+49 30", "location": "Berlin", "type": "local",
        "price": {"setup_price": "1.00", "monthly_price": "3.50"},
        "requirements": [], "allow_number_selection": true,
        "is_eligible_for_free_number": false, "features": ["voice"]
    })
}

pub fn ok(data: Value) -> Reply {
    Reply::json(200, json!({"success": true, "data": data}))
}

/// The price lookup's answer: one group, `id`.
pub fn one_group(id: &str) -> Reply {
    ok(json!({"groups": [group_json(id)]}))
}

/// The account's info (`/open/info`): `buy` asks whose account it records a purchase on.
pub fn account_info() -> Reply {
    Reply::json(
        200,
        json!({"success": true, "account": {"uuid": "acct-1", "name": "Ops"}}),
    )
}

/// `buy GROUP --country DE --number NUMBER --yes`, then `extra`, then `--base-url URL`.
pub fn buy_args<'a>(group: &'a str, extra: &[&'a str], url: &'a str) -> Vec<&'a str> {
    let mut args = vec!["buy", group, "--country", "DE", "--number", NUMBER, "--yes"];
    args.extend_from_slice(extra);
    args.extend(["--base-url", url]);
    args
}

/// How many purchases (POST requests) the server saw.
pub fn posts(server: &FaultServer) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count()
}
