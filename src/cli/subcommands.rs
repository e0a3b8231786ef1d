//! The subcommands of `journal`, `auth` and `config`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// List the purchases whose outcome is not settled, and what numpick does with each.
    ///
    /// "settled at the next start": numpick settles it when it next starts or buys;
    /// "in flight": another running numpick is buying it; "left to you": settling could not
    /// tell three times, or it is a week old, so numpick no longer settles it on its own and
    /// no purchase is sent until it is resolved.
    ///
    /// JSON: {"pending": [{"intent": "…", "at": "…", "group_id": "…", "number": "+…" | null,
    ///        "base_url": "…" | null, "account": "…" | null, "unknown_attempts": 0,
    ///        "state": "to_settle" | "in_flight" | "left_to_you"}]}
    Pending,
    /// Record how an unsettled purchase ended, after checking the account's numbers in the
    /// 2Chat dashboard. The resolution is itself written to the journal.
    ///
    /// JSON: {"intent": "…", "resolved": "bought" | "not_bought"}
    Resolve {
        /// The purchase's intent id, as `journal pending` lists it.
        intent: String,
        #[command(flatten)]
        verdict: ResolveVerdict,
    },
}

/// How the operator says an unsettled purchase ended: exactly one of the two.
#[derive(Debug, Clone, Copy, Args)]
#[group(required = true, multiple = false)]
pub struct ResolveVerdict {
    /// The number is on the account: it was bought.
    #[arg(long)]
    pub bought: bool,
    /// The number is not on the account: nothing was bought.
    #[arg(long)]
    pub(crate) not_bought: bool,
}

/// `auth login|status|logout`: the key in the OS keyring.
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Store the key in the OS keyring (Secret Service, Keychain), read from a prompt that
    /// does not echo (or one line of stdin), never from an argument. Without a keyring (a
    /// bare SSH host), it says how to use key_file instead.
    Login,
    /// Where the key in force comes from (TWOCHAT_API_KEY, the keyring or key_file), never
    /// the key.
    ///
    /// JSON: {"key_source": "env" | "keyring" | "file" | null, "keyring": "holds a key" | …}
    Status,
    /// Remove the key from the OS keyring.
    Logout,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path.
    Path,
    /// Write a commented default config file (mode 0600).
    Init {
        /// Replace an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print the settings in force and where each came from (never the key).
    ///
    /// JSON: {"config_file": "…", "config_file_found": true, "base_url": "…",
    ///        "base_url_source": "flag" | "env" | "file" | "default", "default_country": "DE" | null,
    ///        "key_set": true, "key_source": "env" | "keyring" | "file" | null, "key_file": "…" | null,
    ///        "connect_timeout_secs": 5, "request_timeout_secs": 20, "theme": "default",
    ///        "log_file": "…", "journal": "…"}
    Show,
}
