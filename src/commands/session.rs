//! The long-running sessions: the interactive wizard, and the sandbox served on its own.

use std::path::PathBuf;

use crate::api::Backend;
use crate::app;
use crate::journal::Journal;
use crate::sandbox::{self, service::ServiceConfig};

use super::Context;
use super::exit::{Failure, OK};

/// Opens the wizard, on the live API with a key, else on a sandbox started here.
pub(super) async fn wizard(ctx: &Context) -> Result<u8, Failure> {
    let conn = ctx.connect().await?;
    let journal = journal_path(&conn.backend);
    let exit = app::run(
        conn.client.clone(),
        conn.backend.clone(),
        journal,
        app::Preferences {
            theme: ctx.settings.theme,
            currency: ctx.settings.currency,
            endpoint: (conn.backend == Backend::Live
                && ctx.settings.base_url != crate::api::DEFAULT_BASE_URL)
                .then(|| ctx.settings.base_url.clone()),
            default_country: ctx
                .settings
                .default_country
                .as_ref()
                .map(ToString::to_string),
            settle_window: ctx.settings.settle_window,
            search_confirm_above_credits: ctx.settings.search_confirm_above_credits,
            expiry_alert: ctx.settings.expiry_alert,
            desktop_notifications: ctx.settings.desktop_notifications,
            mouse: ctx.settings.mouse,
        },
    )
    .await
    .map_err(|error| Failure::other(format!("{error:#}")))?;
    Ok(u8::try_from(exit.code()).unwrap_or(1))
}

/// The journal of the wizard. The sandbox forgets everything when numpick exits, so its
/// purchases get a journal of their own, started afresh each time: settling them against a
/// new sandbox would be meaningless.
fn journal_path(backend: &Backend) -> Option<PathBuf> {
    match backend {
        Backend::Live => Journal::default_path(),
        Backend::Sandbox => {
            let path = Journal::sandbox_path()?;
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => tracing::warn!(%error, "the old sandbox journal stays"),
            }
            Some(path)
        }
    }
}

/// `numpick sandbox`: serves the sandbox until SIGTERM or SIGINT (see
/// [`crate::sandbox::service`]).
pub(super) async fn serve_sandbox(config: ServiceConfig) -> Result<u8, Failure> {
    sandbox::service::run(config)
        .await
        .map_err(Failure::other)?;
    Ok(OK)
}
