//! The `numpick` binary: parses the command line, sets up logging and runs the command.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use numpick::cli::{Cli, help_footer};
use numpick::{commands, config, logging};

fn main() -> ExitCode {
    if let Err(error) = color_eyre::install() {
        eprintln!("numpick: {error}");
    }
    let footer = help_footer(
        config::config_path().as_deref(),
        logging::log_path().as_deref(),
    );
    let matches = Cli::command().after_help(footer).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    logging::init();
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
    ExitCode::from(runtime.block_on(commands::run(cli)))
}
