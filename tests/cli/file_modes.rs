//! The config, the log and their folders are their owner's alone, whatever the umask: new
//! folders are 0700, loose files are tightened to 0600, and another user's file is refused.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::home::{Home, mode, set_mode};

/// Runs numpick under `umask 000` in `home`, with no key (so on the sandbox).
fn run_with_open_umask(home: &Home, args: &[&str]) -> (i32, String) {
    let output = Command::new("sh")
        .arg("-c")
        .arg("umask 000; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_numpick"))
        .args(args)
        .stdin(Stdio::null())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("TWOCHAT_API_KEY")
        .env_remove("TWOCHAT_BASE_URL")
        .env_remove("NUMPICK_LOG")
        .output()
        .expect("numpick runs");
    (
        output.status.code().expect("an exit code"),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn folders_up_to(path: &Path, root: &Path) -> Vec<PathBuf> {
    path.ancestors()
        .skip(1)
        .take_while(|dir| *dir != root)
        .map(Path::to_owned)
        .collect()
}

#[test]
fn under_umask_000_new_folders_are_0700_and_files_0600() {
    let home = Home::new();
    let (code, stderr) = run_with_open_umask(&home, &["config", "init"]);
    assert_eq!(code, 0, "{stderr}");
    let log = home.state_dir().join("numpick.log");
    for file in [home.config_file(), log.clone()] {
        assert_eq!(mode(&file) & 0o777, 0o600, "{}", file.display());
    }
    let folders: Vec<PathBuf> = [home.config_file(), log]
        .iter()
        .flat_map(|file| folders_up_to(file, home.path()))
        .collect();
    assert_eq!(folders.len(), 4, "{folders:?}");
    for folder in folders {
        assert_eq!(mode(&folder) & 0o777, 0o700, "{}", folder.display());
    }
}

#[test]
fn a_loose_log_and_config_are_tightened_to_0600() {
    let home = Home::new();
    home.write_config("theme = \"default\"\n");
    std::fs::create_dir_all(home.state_dir()).unwrap();
    let log = home.state_dir().join("numpick.log");
    std::fs::write(&log, "").unwrap();
    set_mode(&home.config_file(), 0o666);
    set_mode(&log, 0o644);
    let run = home.run(&["config", "show"], &[]).ok();
    assert!(run.stdout.contains("default"), "{run:?}");
    assert_eq!(mode(&home.config_file()) & 0o777, 0o600);
    assert_eq!(mode(&log) & 0o777, 0o600);
}

/// A file owned by someone else: a fresh file given away when running as root, else a
/// system file (never changed: it is not ours, so it is refused before anything is done).
fn foreign_file(dir: &Path) -> PathBuf {
    let file = dir.join("foreign.toml");
    std::fs::write(&file, "theme = \"default\"\n").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    match std::os::unix::fs::chown(&file, Some(65534), Some(65534)) {
        Ok(()) => file,
        Err(_) => PathBuf::from("/etc/passwd"),
    }
}

#[test]
fn a_config_or_log_of_another_user_is_refused() {
    let home = Home::new();
    let foreign = foreign_file(home.path());
    let before = mode(&foreign);
    std::fs::create_dir_all(home.config_file().parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&foreign, home.config_file()).unwrap();
    let run = home.run(&["config", "show"], &[]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("belongs to another user"), "{run:?}");
    assert_eq!(mode(&foreign), before);

    let home = Home::new();
    let foreign = foreign_file(home.path());
    std::fs::create_dir_all(home.state_dir()).unwrap();
    std::os::unix::fs::symlink(&foreign, home.state_dir().join("numpick.log")).unwrap();
    let run = home.run(&["config", "path"], &[]);
    assert!(run.stderr.contains("not logging"), "{run:?}");
    assert!(run.stderr.contains("belongs to another user"), "{run:?}");
    assert_eq!(mode(&foreign), before);
}
