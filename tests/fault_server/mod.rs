//! A scripted HTTP server on `127.0.0.1:0` for the client's fault tests.
//!
//! Each connection carries one request (every reply says `Connection: close`). Replies are
//! taken from the script in order; once it runs out, the server answers an error envelope
//! with HTTP 418 so that an unexpected extra request shows up in the test. A server started
//! with a handler ([`FaultServer::answering`]) replies to each request as the handler says. Every request is
//! recorded as it arrives, before any reply, so the count is right even when the reply is
//! late or never completes.

#![allow(dead_code)] // Each test file uses its own part of the helpers.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One scripted reply.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete answer.
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        content_type: String,
        body: String,
    },
    /// The same answer, sent only after a delay.
    Late { after: Duration, reply: Box<Reply> },
    /// Headers and part of the body of a 201, then a connection reset.
    ResetMidAnswer,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self::raw(status, "application/json", &body.to_string())
    }

    /// An answer with any content type and body.
    pub fn raw(status: u16, content_type: &str, body: &str) -> Self {
        Self::Full {
            status,
            headers: Vec::new(),
            content_type: content_type.to_owned(),
            body: body.to_owned(),
        }
    }

    /// The API's error envelope.
    pub fn refusal(status: u16, message: &str) -> Self {
        Self::json(
            status,
            serde_json::json!({"success": false, "error": true, "error_message": message}),
        )
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Self::Full { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }

    /// Sends this reply only after `after`.
    pub fn late(self, after: Duration) -> Self {
        Self::Late {
            after,
            reply: Box::new(self),
        }
    }
}

/// A request as the server read it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Recorded {
    /// The path, percent-encoded as sent.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The decoded query pairs, in order.
    pub fn query(&self) -> Vec<(String, String)> {
        let url = reqwest::Url::parse(&format!("http://x{}", self.target)).expect("a target");
        url.query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

/// Where replies come from: a script in order, or a handler of each request.
enum Script {
    Queue(VecDeque<Reply>),
    Handler(Box<dyn FnMut(&Recorded) -> Reply + Send>),
}

impl Script {
    fn next(&mut self, request: &Recorded) -> Option<Reply> {
        match self {
            Self::Queue(queue) => queue.pop_front(),
            Self::Handler(handler) => Some(handler(request)),
        }
    }
}

/// The running server; it stops with the test's runtime.
pub struct FaultServer {
    pub addr: std::net::SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl FaultServer {
    /// Starts a server answering `script` in order.
    pub async fn start(script: Vec<Reply>) -> Self {
        Self::serving(Script::Queue(VecDeque::from(script))).await
    }

    /// Starts a server answering each request with what `handler` returns for it.
    pub async fn answering(handler: impl FnMut(&Recorded) -> Reply + Send + 'static) -> Self {
        Self::serving(Script::Handler(Box::new(handler))).await
    }

    async fn serving(script: Script) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(Mutex::new(script));
        let recorded = Arc::clone(&requests);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let recorded = Arc::clone(&recorded);
                let script = Arc::clone(&script);
                tokio::spawn(async move { serve(stream, recorded, script).await });
            }
        });
        Self { addr, requests }
    }

    /// The base URL of the server.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many requests arrived.
    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// The requests that arrived, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

/// A port nothing listens on.
pub async fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{addr}")
}

async fn serve(
    mut stream: TcpStream,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    script: Arc<Mutex<Script>>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    recorded.lock().unwrap().push(request.clone());
    let reply = script.lock().unwrap().next(&request);
    let mut reply = reply.unwrap_or_else(|| Reply::refusal(418, "the test script has run out"));
    while let Reply::Late {
        after,
        reply: inner,
    } = reply
    {
        tokio::time::sleep(after).await;
        reply = *inner;
    }
    match reply {
        Reply::Full {
            status,
            headers,
            content_type,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} Scripted\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            // The client may have gone (a timeout): a failed write is part of the scenario.
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(body.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
        Reply::ResetMidAnswer => {
            let partial = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"success\": true, \"data\": {\"num";
            let _ = stream.write_all(partial.as_bytes()).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_millis(50)).await;
            // Closing with a zero linger sends a reset instead of an orderly end.
            let _ = stream.set_zero_linger();
            drop(stream);
        }
        Reply::Late { .. } => unreachable!("unwrapped above"),
    }
}

/// Reads one request: the head up to the blank line, then `Content-Length` bytes of body.
async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Some(Recorded {
        method,
        target,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}
