//! numpick never leaves a core file behind: it holds the key and the account's data.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// The soft and hard core size limits of a running process, from `/proc`.
fn core_limits(pid: u32) -> (String, String) {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).expect("/proc/PID/limits");
    let row = limits
        .lines()
        .find(|line| line.starts_with("Max core file size"))
        .expect("a core size row");
    let mut fields = row["Max core file size".len()..].split_whitespace();
    (
        fields.next().unwrap_or_default().to_owned(),
        fields.next().unwrap_or_default().to_owned(),
    )
}

#[test]
fn core_dumps_are_off_even_when_the_shell_allows_them() {
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -c unlimited; exec \"$0\" sandbox --listen 127.0.0.1:0")
        .arg(env!("CARGO_BIN_EXE_numpick"))
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("numpick starts");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    assert!(first_line.contains("serving"), "{first_line:?}");
    let limits = core_limits(child.id());
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(limits, ("0".to_owned(), "0".to_owned()));
}
