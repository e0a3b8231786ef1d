//! The text shown after `--help`: exit codes, examples, the environment and where the config
//! and log files are.

use std::path::Path;

/// The text shown after `--help`: exit codes, config file, log file.
pub fn help_footer(config_file: Option<&Path>, log_file: Option<&Path>) -> String {
    let shown = |path: Option<&Path>| {
        path.map_or_else(
            || "(none: no home folder)".to_owned(),
            |p| p.display().to_string(),
        )
    };
    format!(
        "Exit codes:
  0  done
  1  any other failure (a bad config file, an unreadable key file, a local I/O error)
  2  usage: bad arguments (an unknown or ambiguous name), or `buy` without a terminal
     and without --yes
  3  refused by the API (its message is printed)
  4  unauthorized: the API refused the key, TWOCHAT_API_KEY is set but empty,
     or reserve/buy/cancel without a key and without --sandbox
  5  rate limited: the API asks to wait
  6  purchase outcome unknown, even after reading the account's numbers
  7  the API could not be reached, or did not answer in time

Examples (they run as they are; orders on the sandbox need --sandbox):
  numpick regions US
  numpick cities US --region California
  numpick groups US --region California --city \"Los Angeles\" --type local
  numpick numbers us-ca-la-local-1 --contains 555 --limit 5
  numpick buy us-ca-la-local-1 --number +12138924908 --dry-run --sandbox

Environment: TWOCHAT_API_KEY (the key), TWOCHAT_BASE_URL, NO_COLOR, NUMPICK_LOG (log level),
NUMPICK_NO_KEYRING (set: the OS keyring is not asked for the key).
Config file: {}
Log file:    {}",
        shown(config_file),
        shown(log_file)
    )
}
