//! Logs go to a file, never to the terminal the wizard draws on: one file a day in the state
//! folder (`numpick.2026-12-02.log`, by the UTC date), the last [`DAYS_KEPT`] kept, and
//! `numpick.log` a link to today's (tracing-appender's daily rotation).
//!
//! The files are their owner's alone (0600), like every file numpick writes
//! ([`crate::private_files`]). tracing-appender creates its files with the umask's modes, so
//! each day's file is made here first, private, before the appender opens it: at start, and
//! on the first line written on a new day (or in the last seconds of the day before).
//!
//! Not even a failure to write the log reaches the terminal: tracing's own report of it
//! (printed to stderr) is turned off, and the first failure is kept instead, for
//! [`write_failure`] to tell once the terminal is back to normal.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

use crate::private_files::{self, PrivacyError};

/// The variable choosing what is logged, in tracing's filter syntax (`debug`, `numpick=trace`).
pub(crate) const LOG_FILTER_VAR: &str = "NUMPICK_LOG";

/// How many daily files are kept, today's included: a week.
pub const DAYS_KEPT: usize = 7;

/// The daily files are `PREFIX.YYYY-MM-DD.SUFFIX`, as tracing-appender names them.
const PREFIX: &str = "numpick";
const SUFFIX: &str = "log";
/// The link to today's file.
const LINK: &str = "numpick.log";
/// How long before midnight the next day's file is made, so that the appender, whose clock
/// is read a moment after this module's, never finds it missing.
const AHEAD: Duration = Duration::from_secs(5);
const SECONDS_A_DAY: u64 = 24 * 60 * 60;

/// The first error writing the log met, if any.
static WRITE_FAILURE: OnceLock<String> = OnceLock::new();

/// The log: `numpick.log` in the state folder, a link to today's file.
pub fn log_path() -> Option<PathBuf> {
    crate::folders::state_dir().map(|dir| dir.join(LINK))
}

/// The name of the log file of `day` (days since 1970-01-01, UTC): `numpick.2026-12-02.log`.
pub fn daily_file_name(day: u64) -> String {
    let midnight = i64::try_from(day.saturating_mul(SECONDS_A_DAY)).unwrap_or(i64::MAX);
    let date = jiff::Timestamp::from_second(midnight)
        .unwrap_or(jiff::Timestamp::MAX)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    format!("{PREFIX}.{date}.{SUFFIX}")
}

/// The UTC day of `moment`, in days since 1970-01-01.
fn utc_day(moment: SystemTime) -> u64 {
    moment
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs() / SECONDS_A_DAY)
}

/// Sends logs to the day's file beside [`log_path`]; returns the path of the link. Without a
/// usable folder, logging is off and `Ok(None)` is returned. A log file of another user is
/// refused (`Err`, logging off), one with looser modes is tightened to 0600. Nothing is ever
/// logged to the terminal.
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
    // What the link points at, or a log from before the files were daily.
    private_files::refuse_if_foreign(&path)?;
    adopt_undated(&path, dir);
    let mut days = PrivateDays::new(dir);
    match days.ensure(SystemTime::now()) {
        Ok(()) => {}
        Err(foreign @ PrivacyError::ForeignOwner { .. }) => return Err(foreign),
        Err(PrivacyError::Io { .. }) => return Ok(None),
    }
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(PREFIX)
        .filename_suffix(SUFFIX)
        // The appender prunes before it opens a new day's file, which `days` has made
        // already: one more, so that a week of files stays.
        .max_log_files(DAYS_KEPT + 1)
        .latest_symlink(LINK)
        .build(dir);
    let Ok(appender) = appender else {
        return Ok(None);
    };
    let filter = EnvFilter::try_from_env(LOG_FILTER_VAR).unwrap_or_else(|_| EnvFilter::new("info"));
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Mutex::new(FailureKeeper(DailyLog { appender, days })))
        .with_ansi(false)
        // Its report would be printed over the wizard; `FailureKeeper` keeps it instead.
        .log_internal_errors(false)
        .try_init();
    Ok(installed.ok().map(|()| path))
}

/// A `numpick.log` that is a file, not the link: the whole log from before the files were
/// daily. It becomes the file of the day it was last written (or `numpick.log.old` if that
/// day has a file already), since the appender replaces whatever is at the link's place.
fn adopt_undated(link: &Path, dir: &Path) {
    let Ok(metadata) = std::fs::symlink_metadata(link) else {
        return;
    };
    if !metadata.is_file() {
        return;
    }
    let day = utc_day(metadata.modified().unwrap_or_else(|_| SystemTime::now()));
    let dated = dir.join(daily_file_name(day));
    let target = if dated.exists() {
        dir.join(format!("{LINK}.old"))
    } else {
        dated
    };
    if let Err(error) = std::fs::rename(link, &target) {
        tracing::warn!(%error, "the log from before daily files could not be renamed");
    }
}

/// Makes each day's log file, private, before the appender opens it.
struct PrivateDays {
    dir: PathBuf,
    /// The last day whose file was made (days since 1970-01-01, UTC).
    made_through: Option<u64>,
}

impl PrivateDays {
    fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
            made_through: None,
        }
    }

    /// Makes the file of the day of `now`, and of the next day in its last [`AHEAD`]
    /// seconds, unless made already.
    fn ensure(&mut self, now: SystemTime) -> Result<(), PrivacyError> {
        let today = utc_day(now);
        let soon = utc_day(now + AHEAD);
        for day in today..=soon {
            if self.made_through.is_some_and(|made| made >= day) {
                continue;
            }
            make_private_file(&self.dir.join(daily_file_name(day)))?;
            self.made_through = Some(day);
        }
        Ok(())
    }
}

/// Creates `path` with mode 0600 (a link there is refused), or tightens the file there.
fn make_private_file(path: &Path) -> Result<(), PrivacyError> {
    private_files::refuse_if_foreign(path)?;
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(private_files::FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(|source| PrivacyError::Io {
            path: path.to_owned(),
            source,
        })?;
    private_files::make_private(&file, path)
}

/// The appender, behind the day's private file: a line is written only once its day's file
/// is made, so the appender never creates one with the umask's modes.
struct DailyLog {
    appender: RollingFileAppender,
    days: PrivateDays,
}

impl Write for DailyLog {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.days
            .ensure(SystemTime::now())
            .map_err(io::Error::other)?;
        self.appender.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.appender.flush()
    }
}

/// The first error met writing the log, to tell once the terminal is free.
pub fn write_failure() -> Option<&'static str> {
    WRITE_FAILURE.get().map(String::as_str)
}

/// The log file, remembering the first error writing it (a full disk, `ulimit -f`).
struct FailureKeeper(DailyLog);

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

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn files_are_named_by_the_utc_date_as_the_appender_names_them() {
        assert_eq!(daily_file_name(0), "numpick.1970-01-01.log");
        // 2026-12-02 is day 20,789.
        assert_eq!(daily_file_name(20_789), "numpick.2026-12-02.log");
    }

    #[test]
    fn each_day_gets_a_private_file_before_it_begins() {
        let dir = tempfile::tempdir().unwrap();
        let mut days = PrivateDays::new(dir.path());
        let noon = UNIX_EPOCH + Duration::from_secs(20_789 * SECONDS_A_DAY + 12 * 3600);
        // A loose file of the day is tightened.
        let today = dir.path().join("numpick.2026-12-02.log");
        std::fs::write(&today, "").unwrap();
        std::fs::set_permissions(&today, std::fs::Permissions::from_mode(0o644)).unwrap();
        days.ensure(noon).unwrap();
        assert_eq!(mode(&today), 0o600);
        let tomorrow = dir.path().join("numpick.2026-12-03.log");
        assert!(!tomorrow.exists());
        // In the last seconds of the day, the next day's file is made, private.
        let late = UNIX_EPOCH + Duration::from_secs(20_790 * SECONDS_A_DAY - 2);
        days.ensure(late).unwrap();
        assert_eq!(mode(&tomorrow), 0o600);
        // A link where a day's file goes is refused, not followed.
        let elsewhere = dir.path().join("elsewhere");
        std::fs::write(&elsewhere, "").unwrap();
        let link = dir.path().join("numpick.2026-12-04.log");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        let next = UNIX_EPOCH + Duration::from_secs(20_791 * SECONDS_A_DAY + 60);
        assert!(days.ensure(next).is_err());
    }

    #[test]
    fn a_log_from_before_daily_files_becomes_the_file_of_its_day() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join(LINK);
        std::fs::write(&link, "old lines\n").unwrap();
        adopt_undated(&link, dir.path());
        let dated = dir.path().join(daily_file_name(utc_day(SystemTime::now())));
        assert_eq!(std::fs::read_to_string(dated).unwrap(), "old lines\n");
        assert!(!link.exists());
    }
}
