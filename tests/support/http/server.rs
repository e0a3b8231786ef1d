//! A scripted HTTP server on `127.0.0.1:0` for the client's fault tests.
//!
//! Each connection carries one request (every reply says `Connection: close`). Replies are
//! taken from the script in order; once it runs out, the server answers an error envelope
//! with HTTP 418 so that an unexpected extra request shows up in the test. A server started
//! with a handler ([`FaultServer::answering`]) replies to each request as the handler says. Every request is
//! recorded as it arrives, before any reply, so the count is right even when the reply is
//! late or never completes.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};

use super::wire::{Recorded, envelope, read_request, reset_mid_answer, write_answer};

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
        Self::json(status, envelope(message))
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
        } => write_answer(&mut stream, status, &content_type, &headers, &body).await,
        Reply::ResetMidAnswer => reset_mid_answer(stream).await,
        Reply::Late { .. } => unreachable!("unwrapped above"),
    }
}
