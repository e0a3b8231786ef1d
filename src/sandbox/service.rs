//! The sandbox as a service of its own (`numpick sandbox`), for CI jobs and integrators.
//!
//! Around the API of [`super::router`] it adds what a service needs and the embedded sandbox
//! does not:
//! - `GET /healthz`, answered without a key, to wait on before the tests start;
//! - a request log, one line per request: method, path, status and latency (never a header,
//!   so never the key, and never the query), written by tower-http's `TraceLayer`;
//! - faults on demand ([`Fault`]), so that a client's handling of them can be tried;
//! - the address it really listens on (`--listen 127.0.0.1:0` picks a free port), shown and
//!   written to a port file once the socket is bound;
//! - a graceful stop on SIGTERM or SIGINT, with exit 0.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

use super::SandboxConfig;

/// A fault the service can be asked to show, for integrators testing their error handling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Fault {
    /// The first three requests (after /healthz) are answered 429 with `Retry-After: 1`.
    #[value(name = "429-burst")]
    RateLimitBurst,
    /// A purchase is made, then answered 500 as if it had failed.
    PurchaseFailsAfterApplied,
    /// Every answer of the API comes two seconds late.
    Slow,
    /// A purchase is made, then never answered: the client's outcome is unknown.
    UnknownOutcome,
}

/// How many requests [`Fault::RateLimitBurst`] refuses.
const BURST: u64 = 3;
/// How late [`Fault::Slow`] answers.
const SLOW: Duration = Duration::from_secs(2);
/// How long in-flight requests may still finish after SIGTERM or SIGINT.
const GRACE: Duration = Duration::from_secs(5);

const PURCHASE_PATH: &str = "/open/numbers/purchase";

/// How `numpick sandbox` is run.
#[derive(Debug, Clone)]
pub struct ServiceConfig {
    pub listen: SocketAddr,
    pub sandbox: SandboxConfig,
    /// Where to write the port once bound (for CI scripts that start it on port 0).
    pub port_file: Option<PathBuf>,
    /// Where the request log goes; stderr when `None`.
    pub(crate) request_log: Option<PathBuf>,
    pub faults: Vec<Fault>,
}

/// Where request log lines go.
type LogSink = Arc<std::sync::Mutex<Box<dyn Write + Send>>>;

/// Binds, announces the address on stdout (and in the port file), and serves until SIGTERM or
/// SIGINT. Errors are for people: they say what could not be done.
pub async fn run(config: ServiceConfig) -> Result<(), String> {
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(|error| format!("cannot listen on {}: {error}", config.listen))?;
    let addr = listener
        .local_addr()
        .map_err(|error| format!("cannot read the address listened on: {error}"))?;
    let sink = open_log(config.request_log.as_deref())?;
    let app = app(&config, sink);
    if let Some(path) = &config.port_file {
        write_port_file(path, addr.port())
            .map_err(|error| format!("cannot write the port file {}: {error}", path.display()))?;
    }
    println!("numpick sandbox: serving the Numbers API on http://{addr} (SIGTERM or Ctrl-C stops)");
    let served = axum::serve(listener, app).with_graceful_shutdown(stop_signal());
    // Graceful, but not forever: a request held open (the unknown-outcome fault) must not
    // keep the service from stopping.
    let deadline = async {
        stop_signal().await;
        tokio::time::sleep(GRACE).await;
    };
    tokio::select! {
        result = served => result.map_err(|error| format!("the sandbox stopped: {error}")),
        () = deadline => Ok(()),
    }
}

/// The API with `/healthz`, the faults and the request log.
pub fn app(config: &ServiceConfig, sink: LogSink) -> Router {
    let faults = Arc::new(Faults {
        chosen: config.faults.clone(),
        seen: AtomicU64::new(0),
    });
    let api = super::router(config.sandbox.clone())
        .layer(middleware::from_fn_with_state(faults, inject_faults));
    let on_response = move |response: &Response, latency: Duration, _: &tracing::Span| {
        let line = response.extensions().get::<RequestLine>().map_or_else(
            || "? ?".to_owned(),
            |line| format!("{} {}", line.method, line.path),
        );
        let mut sink = sink
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = writeln!(
            sink,
            "{line} {} {} ms",
            response.status().as_u16(),
            latency.as_millis()
        );
        let _ = sink.flush();
    };
    Router::new()
        .route("/healthz", get(healthz))
        .merge(api)
        .layer(middleware::from_fn(tag_request_line))
        .layer(TraceLayer::new_for_http().on_response(on_response))
}

async fn healthz() -> impl IntoResponse {
    axum::Json(json!({ "status": "ok" }))
}

/// The method and path of a request, carried on its response for the log line.
#[derive(Debug, Clone)]
struct RequestLine {
    method: Method,
    path: String,
}

/// Copies the method and path (never the query, never a header) onto the response.
async fn tag_request_line(request: Request, next: Next) -> Response {
    let line = RequestLine {
        method: request.method().clone(),
        path: request.uri().path().to_owned(),
    };
    let mut response = next.run(request).await;
    response.extensions_mut().insert(line);
    response
}

/// The faults chosen, and how many API requests have been seen.
#[derive(Debug)]
struct Faults {
    chosen: Vec<Fault>,
    seen: AtomicU64,
}

impl Faults {
    fn has(&self, fault: Fault) -> bool {
        self.chosen.contains(&fault)
    }
}

async fn inject_faults(
    State(faults): State<Arc<Faults>>,
    request: Request,
    next: Next,
) -> Response {
    let seen = faults.seen.fetch_add(1, Ordering::SeqCst);
    if faults.has(Fault::Slow) {
        tokio::time::sleep(SLOW).await;
    }
    if faults.has(Fault::RateLimitBurst) && seen < BURST {
        let body =
            json!({ "success": false, "message": "Rate limit exceeded (sandbox fault 429-burst)" });
        let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, header::HeaderValue::from(1));
        return response;
    }
    let is_purchase = request.method() == Method::POST && request.uri().path() == PURCHASE_PATH;
    let response = next.run(request).await;
    if !is_purchase || !response.status().is_success() {
        return response;
    }
    if faults.has(Fault::UnknownOutcome) {
        // Applied, and never answered: the client can only time out.
        std::future::pending::<()>().await;
    }
    if faults.has(Fault::PurchaseFailsAfterApplied) {
        let body = json!({ "success": false, "message": "Internal error (sandbox fault purchase-fails-after-applied)" });
        return (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response();
    }
    response
}

/// Resolves on the first SIGTERM or SIGINT.
async fn stop_signal() {
    let interrupt = tokio::signal::ctrl_c();
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut terminate) => {
            tokio::select! {
                _ = interrupt => {}
                _ = terminate.recv() => {}
            }
        }
        Err(error) => {
            tracing::warn!(%error, "SIGTERM cannot be caught; only SIGINT stops gracefully");
            let _ = interrupt.await;
        }
    }
}

fn open_log(path: Option<&Path>) -> Result<LogSink, String> {
    let writer: Box<dyn Write + Send> = match path {
        None => Box::new(std::io::stderr()),
        Some(path) => Box::new(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|error| {
                    format!("cannot open the request log {}: {error}", path.display())
                })?,
        ),
    };
    Ok(Arc::new(std::sync::Mutex::new(writer)))
}

/// Writes the port whole or not at all: a script polling for the file never reads half of it.
fn write_port_file(path: &Path, port: u16) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    writeln!(file, "{port}")?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}
