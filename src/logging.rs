//! Logs go to a file, never to the terminal the wizard draws on.
//!
//! Not even a failure to write the log reaches the terminal: tracing's own report of it
//! (printed to stderr) is turned off, and the first failure is kept instead, for
//! [`write_failure`] to tell once the terminal is back to normal.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use tracing_subscriber::EnvFilter;

use crate::private_files::{self, PrivacyError};

/// The variable choosing what is logged, in tracing's filter syntax (`debug`, `numpick=trace`).
pub const LOG_FILTER_VAR: &str = "NUMPICK_LOG";

/// The first error writing the log met, if any.
static WRITE_FAILURE: OnceLock<String> = OnceLock::new();

/// The log file: `numpick.log` in the state folder.
pub fn log_path() -> Option<PathBuf> {
    crate::folders::state_dir().map(|dir| dir.join("numpick.log"))
}

/// Sends logs to [`log_path`]; returns its path. Without a usable folder, logging is off and
/// `Ok(None)` is returned. A log file of another user is refused (`Err`, logging off), one
/// with looser modes is tightened to 0600. Nothing is ever logged to the terminal.
pub fn init() -> Result<Option<PathBuf>, PrivacyError> {
    let Some(path) = log_path() else {
        return Ok(None);
    };
    let Some(dir) = path.parent() else {
        return Ok(None);
    };
    if private_files::create_private_dir(dir).is_err() {
        return Ok(None);
    }
    private_files::refuse_if_foreign(&path)?;
    // The log names numbers and reservations: it is the owner's alone.
    let Ok(file) = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(private_files::FILE_MODE)
        .open(&path)
    else {
        return Ok(None);
    };
    private_files::make_private(&file, &path)?;
    let filter = EnvFilter::try_from_env(LOG_FILTER_VAR).unwrap_or_else(|_| EnvFilter::new("info"));
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Mutex::new(FailureKeeper(file)))
        .with_ansi(false)
        // Its report would be printed over the wizard; `FailureKeeper` keeps it instead.
        .log_internal_errors(false)
        .try_init();
    Ok(installed.ok().map(|()| path))
}

/// The first error met writing the log, to tell once the terminal is free.
pub fn write_failure() -> Option<&'static str> {
    WRITE_FAILURE.get().map(String::as_str)
}

/// The log file, remembering the first error writing it (a full disk, `ulimit -f`).
struct FailureKeeper(File);

impl FailureKeeper {
    fn keep<T>(result: io::Result<T>) -> io::Result<T> {
        if let Err(error) = &result {
            // Only the first failure is kept: later ones are almost always the same.
            let _ = WRITE_FAILURE.set(error.to_string());
        }
        result
    }
}

impl Write for FailureKeeper {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Self::keep(self.0.write(buf))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        Self::keep(self.0.write_all(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        Self::keep(self.0.flush())
    }
}
