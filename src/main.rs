//! The `numpick` binary: parses the command line, installs the error hooks and runs.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use color_eyre::eyre::{Result, WrapErr};
use secrecy::SecretString;

use numpick::api::{Client, ClientConfig};
use numpick::cli::{Cli, CliCommand};
use numpick::journal::Journal;
use numpick::sandbox::{self, SandboxConfig};
use numpick::wizard::Backend;
use numpick::{app, config, logging};

fn main() -> ExitCode {
    if let Err(error) = color_eyre::install() {
        eprintln!("numpick: {error}");
    }
    let cli = Cli::parse();
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
    match runtime.block_on(run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("numpick: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Some(CliCommand::Sandbox {
            listen,
            reservation_ttl,
            seed,
        }) => {
            let config = SandboxConfig {
                seed,
                reservation_ttl: Duration::from_secs(reservation_ttl),
            };
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .wrap_err_with(|| format!("cannot listen on {listen}"))?;
            println!("numpick sandbox: serving the Numbers API on http://{listen} (Ctrl-C stops)");
            tokio::select! {
                served = sandbox::serve(listener, config) => served.wrap_err("the sandbox stopped")?,
                _ = tokio::signal::ctrl_c() => {}
            }
            Ok(0)
        }
        None => run_wizard(&cli.base_url).await,
    }
}

async fn run_wizard(base_url: &str) -> Result<u8> {
    // Without a key, the wizard runs on a sandbox started here; it lives as long as `_sandbox`.
    let (_sandbox, client_config, backend) = match config::api_key_from_env() {
        Some(key) => (None, ClientConfig::new(base_url, Some(key)), Backend::Live),
        None => {
            let running = sandbox::spawn(SandboxConfig::default())
                .await
                .wrap_err("cannot start the embedded sandbox")?;
            let key = SecretString::from("sandbox".to_owned());
            let config = ClientConfig::new(running.base_url(), Some(key));
            (Some(running), config, Backend::Sandbox)
        }
    };
    let client = Client::new(client_config)?;
    let exit = app::run(client, backend.clone(), journal_path(&backend)).await?;
    Ok(u8::try_from(exit.code()).unwrap_or(1))
}

/// The journal for this session. The sandbox forgets everything when numpick exits, so its
/// purchases get a journal of their own, started afresh each time: settling them against a
/// new sandbox would be meaningless.
fn journal_path(backend: &Backend) -> Option<std::path::PathBuf> {
    match backend {
        Backend::Live => Journal::default_path(),
        Backend::Sandbox => {
            let path = config::state_dir()?.join("sandbox-journal.jsonl");
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => tracing::warn!(%error, "the old sandbox journal stays"),
            }
            Some(path)
        }
    }
}
