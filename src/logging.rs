//! Logs go to a file, never to the terminal the wizard draws on.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// The variable choosing what is logged, in tracing's filter syntax (`debug`, `numpick=trace`).
pub const LOG_FILTER_VAR: &str = "NUMPICK_LOG";

/// The log file: `numpick.log` in the state folder.
pub fn log_path() -> Option<PathBuf> {
    crate::config::state_dir().map(|dir| dir.join("numpick.log"))
}

/// Sends logs to [`log_path`]; returns its path. Without a usable folder, logging is off and
/// `None` is returned. Nothing is ever logged to the terminal.
pub fn init() -> Option<PathBuf> {
    let path = log_path()?;
    std::fs::create_dir_all(path.parent()?).ok()?;
    // The log names numbers and reservations: it is the owner's alone.
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&path)
        .ok()?;
    let filter = EnvFilter::try_from_env(LOG_FILTER_VAR).unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(path)
}
