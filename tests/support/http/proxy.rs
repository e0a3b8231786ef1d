//! A proxy on `127.0.0.1:0` in front of a sandbox that injects faults into purchases.
//!
//! Every request is forwarded to the sandbox, so the state behind it is real; a purchase can
//! be made to fail *after* the sandbox applied it (a 500, an answer after the client's
//! timeout, a connection reset mid-answer), to fail without being applied, or to be refused.
//! Every request is recorded as it arrives.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};

use super::wire::{Recorded, envelope, read_request, reset_mid_answer, write_answer};

/// What happens to a purchase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurchaseFault {
    /// Forwarded and answered as the sandbox answers.
    None,
    /// Applied by the sandbox, then answered with HTTP 500.
    ServerErrorAfterApplying,
    /// Not applied; answered with HTTP 500.
    ServerErrorWithoutApplying,
    /// Applied, then answered only after `Duration` (past the client's timeout).
    LateAnswer(Duration),
    /// Applied, then the connection is reset in the middle of the answer.
    ResetAfterApplying,
    /// Not applied; answered HTTP 200 with `success: false` and this message.
    Refused(String),
    /// Applied, then never answered.
    Hang,
}

/// A request as the proxy saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    /// The request's body, as text.
    pub body: String,
}

/// The running proxy.
pub struct FaultProxy {
    pub base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    fault: Arc<Mutex<PurchaseFault>>,
    task: tokio::task::JoinHandle<()>,
}

impl FaultProxy {
    /// Starts a proxy in front of the sandbox at `upstream`.
    pub async fn start(upstream: String, fault: PurchaseFault) -> Self {
        numpick::api::install_tls_provider();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let fault = Arc::new(Mutex::new(fault));
        let client = reqwest::Client::new();
        let (seen_in, fault_in) = (Arc::clone(&seen), Arc::clone(&fault));
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let context = Context {
                    upstream: upstream.clone(),
                    client: client.clone(),
                    seen: Arc::clone(&seen_in),
                    fault: Arc::clone(&fault_in),
                };
                tokio::spawn(serve(stream, context));
            }
        });
        Self {
            base_url,
            seen,
            fault,
            task,
        }
    }

    /// Changes what happens to the next purchases.
    pub fn set_fault(&self, fault: PurchaseFault) {
        *self.fault.lock().unwrap() = fault;
    }

    /// Every request seen so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// How many requests had this method and a path starting with `path`.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.method == method && s.path.starts_with(path))
            .count()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[derive(Clone)]
struct Context {
    upstream: String,
    client: reqwest::Client,
    seen: Arc<Mutex<Vec<Seen>>>,
    fault: Arc<Mutex<PurchaseFault>>,
}

async fn serve(mut stream: TcpStream, context: Context) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    context.seen.lock().unwrap().push(Seen {
        method: request.method.clone(),
        path: request.target.clone(),
        body: request.body.clone(),
    });
    let is_purchase = request.method == "POST" && request.target == "/open/numbers/purchase";
    let fault = if is_purchase {
        context.fault.lock().unwrap().clone()
    } else {
        PurchaseFault::None
    };
    match fault {
        PurchaseFault::None => {
            let (status, body) = forward(&context, &request).await;
            answer(&mut stream, status, &body).await;
        }
        PurchaseFault::ServerErrorAfterApplying => {
            forward(&context, &request).await;
            answer(
                &mut stream,
                500,
                &envelope("Internal server error").to_string(),
            )
            .await;
        }
        PurchaseFault::ServerErrorWithoutApplying => {
            answer(
                &mut stream,
                500,
                &envelope("Internal server error").to_string(),
            )
            .await;
        }
        PurchaseFault::LateAnswer(after) => {
            let (status, body) = forward(&context, &request).await;
            tokio::time::sleep(after).await;
            answer(&mut stream, status, &body).await;
        }
        PurchaseFault::ResetAfterApplying => {
            forward(&context, &request).await;
            reset_mid_answer(stream).await;
        }
        PurchaseFault::Refused(message) => {
            answer(&mut stream, 200, &envelope(&message).to_string()).await;
        }
        PurchaseFault::Hang => {
            forward(&context, &request).await;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    }
}

async fn forward(context: &Context, request: &Recorded) -> (u16, String) {
    let method = reqwest::Method::from_bytes(request.method.as_bytes()).unwrap();
    let mut upstream = context
        .client
        .request(method, format!("{}{}", context.upstream, request.target))
        .header("Content-Type", "application/json")
        .body(request.body.clone());
    if let Some(key) = request.header("x-user-api-key") {
        upstream = upstream.header("X-User-API-Key", key);
    }
    match upstream.send().await {
        Ok(answer) => {
            let status = answer.status().as_u16();
            (status, answer.text().await.unwrap_or_default())
        }
        Err(_) => (502, envelope("the sandbox did not answer").to_string()),
    }
}

async fn answer(stream: &mut TcpStream, status: u16, body: &str) {
    write_answer(stream, status, "application/json", &[], body).await;
}
