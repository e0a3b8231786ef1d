//! The `numpick` binary: hardens the process, parses the command line, sets up logging and
//! runs the command.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use numpick::cli::{Cli, help_footer};
use numpick::{commands, folders, hardening, logging};

fn main() -> ExitCode {
    // First, before the key is read: no core file may ever hold it.
    let unprotected = hardening::harden();
    if let Err(error) = color_eyre::install() {
        eprintln!("numpick: {error}");
    }
    let footer = help_footer(
        folders::config_path().as_deref(),
        logging::log_path().as_deref(),
    );
    let matches = Cli::command().after_help(footer).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    if let Err(refused) = logging::init() {
        eprintln!("numpick: not logging: {refused}");
    }
    for error in unprotected {
        tracing::warn!(%error, "a process protection could not be applied");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("numpick: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(commands::run(cli));
    // Told only now that the terminal is free: while the wizard ran it would have garbled it.
    if let Some(error) = logging::write_failure() {
        eprintln!("numpick: the log file could not be written: {error}");
    }
    ExitCode::from(code)
}
