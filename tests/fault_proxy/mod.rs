//! A proxy on `127.0.0.1:0` in front of a sandbox that injects faults into purchases.
//!
//! Every request is forwarded to the sandbox, so the state behind it is real; a purchase can
//! be made to fail *after* the sandbox applied it (a 500, an answer after the client's
//! timeout, a connection reset mid-answer), to fail without being applied, or to be refused.
//! Every request is recorded as it arrives.

#![allow(dead_code, reason = "each test file uses its own part of the helpers")]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

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

struct Request {
    method: String,
    path: String,
    key: Option<String>,
    body: Vec<u8>,
}

async fn serve(mut stream: TcpStream, context: Context) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    context.seen.lock().unwrap().push(Seen {
        method: request.method.clone(),
        path: request.path.clone(),
        body: String::from_utf8_lossy(&request.body).into_owned(),
    });
    let is_purchase = request.method == "POST" && request.path == "/open/numbers/purchase";
    let fault = if is_purchase {
        context.fault.lock().unwrap().clone()
    } else {
        PurchaseFault::None
    };
    match fault {
        PurchaseFault::None => {
            let (status, body) = forward(&context, &request).await;
            write_answer(&mut stream, status, &body).await;
        }
        PurchaseFault::ServerErrorAfterApplying => {
            forward(&context, &request).await;
            write_answer(&mut stream, 500, &envelope("Internal server error")).await;
        }
        PurchaseFault::ServerErrorWithoutApplying => {
            write_answer(&mut stream, 500, &envelope("Internal server error")).await;
        }
        PurchaseFault::LateAnswer(after) => {
            let (status, body) = forward(&context, &request).await;
            tokio::time::sleep(after).await;
            write_answer(&mut stream, status, &body).await;
        }
        PurchaseFault::ResetAfterApplying => {
            forward(&context, &request).await;
            let head = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"success\": tr";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.flush().await;
            // Linger zero turns the close into a reset (and cannot block: there is no wait).
            #[allow(deprecated, reason = "a zero linger is the point: it sends the reset")]
            let _ = stream.set_linger(Some(Duration::ZERO));
            drop(stream);
        }
        PurchaseFault::Refused(message) => {
            write_answer(&mut stream, 200, &envelope(&message)).await;
        }
        PurchaseFault::Hang => {
            forward(&context, &request).await;
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    }
}

fn envelope(message: &str) -> String {
    serde_json::json!({"success": false, "error": true, "error_message": message}).to_string()
}

async fn forward(context: &Context, request: &Request) -> (u16, String) {
    let method = reqwest::Method::from_bytes(request.method.as_bytes()).unwrap();
    let mut upstream = context
        .client
        .request(method, format!("{}{}", context.upstream, request.path))
        .header("Content-Type", "application/json")
        .body(request.body.clone());
    if let Some(key) = &request.key {
        upstream = upstream.header("X-User-API-Key", key);
    }
    match upstream.send().await {
        Ok(answer) => {
            let status = answer.status().as_u16();
            (status, answer.text().await.unwrap_or_default())
        }
        Err(_) => (502, envelope("the sandbox did not answer")),
    }
}

async fn write_answer(stream: &mut TcpStream, status: u16, body: &str) {
    let answer = format!(
        "HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(answer.as_bytes()).await;
    let _ = stream.flush().await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.lines();
    let mut first = lines.next()?.split_whitespace();
    let method = first.next()?.to_owned();
    let path = first.next()?.to_owned();
    let mut length = 0;
    let mut key = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap_or(0),
            "x-user-api-key" => key = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    let mut body = buffer[head_end..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Some(Request {
        method,
        path,
        key,
        body,
    })
}
