//! `numpick sandbox` as a CI service: the real port on `--listen 127.0.0.1:0`, the port file,
//! `/healthz` without a key, a request log without the key, a graceful stop on SIGTERM and
//! SIGINT with exit 0, and the documented faults.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SECRET: &str = "ci-secret-key-4711";

/// A running `numpick sandbox`, killed if a test fails before stopping it.
struct Service {
    child: Child,
    port: u16,
    banner: String,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the service on port 0 with `extra` arguments; waits for the port file.
fn start(dir: &Path, extra: &[&str]) -> Service {
    let port_file = dir.join("port");
    let mut child = Command::new(env!("CARGO_BIN_EXE_numpick"))
        .args(["sandbox", "--listen", "127.0.0.1:0", "--port-file"])
        .arg(&port_file)
        .args(extra)
        .env("HOME", dir)
        .env_remove("TWOCHAT_API_KEY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("numpick sandbox starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    let port = loop {
        if let Ok(text) = std::fs::read_to_string(&port_file) {
            break text.trim().parse::<u16>().expect("a port number");
        }
        assert!(Instant::now() < deadline, "no port file");
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut banner = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut banner)
        .unwrap();
    Service {
        child,
        port,
        banner,
    }
}

/// One HTTP/1.1 request; the status code and the body.
fn request(port: u16, method: &str, path: &str, key: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    let key = key.map_or(String::new(), |k| format!("X-User-API-Key: {k}\r\n"));
    let body = if method == "POST" { "{}" } else { "" };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\n{key}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().expect("a status line");
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
    (status, body)
}

fn stop(mut service: Service, signal: i32) -> i32 {
    let pid = nix::unistd::Pid::from_raw(service.child.id() as i32);
    let signal = nix::sys::signal::Signal::try_from(signal).unwrap();
    nix::sys::signal::kill(pid, signal).unwrap();
    let status = service.child.wait().unwrap();
    status.code().expect("an exit code, not death by signal")
}

#[test]
fn serves_healthz_on_the_real_port_logs_without_the_key_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("requests.log");
    let service = start(dir.path(), &["--request-log", log.to_str().unwrap()]);
    assert_ne!(service.port, 0);
    assert!(
        service
            .banner
            .contains(&format!("http://127.0.0.1:{}", service.port)),
        "{}",
        service.banner
    );
    assert_eq!(
        request(service.port, "GET", "/healthz", None),
        (200, r#"{"status":"ok"}"#.to_owned())
    );
    // The API itself still wants a key.
    assert_eq!(request(service.port, "GET", "/open/info", None).0, 401);
    let (status, body) = request(
        service.port,
        "GET",
        "/open/numbers/regions?country=US",
        Some(SECRET),
    );
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("California"));
    assert_eq!(stop(service, libc::SIGTERM), 0);
    let log = std::fs::read_to_string(log).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(lines[0].starts_with("GET /healthz 200 "), "{log}");
    assert!(lines[1].starts_with("GET /open/info 401 "), "{log}");
    assert!(
        lines[2].starts_with("GET /open/numbers/regions 200 "),
        "{log}"
    );
    assert!(lines.iter().all(|l| l.ends_with(" ms")), "{log}");
    assert!(
        !log.contains(SECRET) && !log.contains("country=US"),
        "{log}"
    );
}

#[test]
fn sigint_stops_it_gracefully_too() {
    let dir = tempfile::tempdir().unwrap();
    let service = start(dir.path(), &[]);
    assert_eq!(request(service.port, "GET", "/healthz", None).0, 200);
    assert_eq!(stop(service, libc::SIGINT), 0);
}

#[test]
fn faults_on_demand_a_429_burst_and_a_purchase_failing_after_it_was_made() {
    let dir = tempfile::tempdir().unwrap();
    let service = start(
        dir.path(),
        &[
            "--fault",
            "429-burst",
            "--fault",
            "purchase-fails-after-applied",
        ],
    );
    let info = |service: &Service| request(service.port, "GET", "/open/info", Some(SECRET)).0;
    assert_eq!(
        [
            info(&service),
            info(&service),
            info(&service),
            info(&service)
        ],
        [429, 429, 429, 200]
    );
    let (status, body) = request(
        service.port,
        "GET",
        "/open/numbers/available?group_id=de-ber-local-1",
        Some(SECRET),
    );
    assert_eq!(status, 200, "{body}");
    let number = body
        .split("\"+")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a number");
    let path = "/open/numbers/purchase";
    let mut stream = TcpStream::connect(("127.0.0.1", service.port)).unwrap();
    let order = format!(r#"{{"group_id":"de-ber-local-1","number":"+{number}"}}"#);
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nX-User-API-Key: {SECRET}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{order}",
        order.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 500"), "{answer}");
    // It was made all the same: the account owns the number.
    let (_, owned) = request(
        service.port,
        "GET",
        "/open/voip/virtual-numbers",
        Some(SECRET),
    );
    assert!(owned.contains(number), "{owned}");
    assert_eq!(stop(service, libc::SIGTERM), 0);
}

#[test]
fn an_unknown_outcome_is_a_purchase_made_and_never_answered_and_sigterm_still_stops() {
    let dir = tempfile::tempdir().unwrap();
    let service = start(dir.path(), &["--fault", "unknown-outcome"]);
    let (_, body) = request(
        service.port,
        "GET",
        "/open/numbers/available?group_id=de-ber-local-1",
        Some(SECRET),
    );
    let number = body
        .split("\"+")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a number")
        .to_owned();
    let mut stream = TcpStream::connect(("127.0.0.1", service.port)).unwrap();
    let order = format!(r#"{{"group_id":"de-ber-local-1","number":"+{number}"}}"#);
    write!(
        stream,
        "POST /open/numbers/purchase HTTP/1.1\r\nHost: localhost\r\nX-User-API-Key: {SECRET}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{order}",
        order.len()
    )
    .unwrap();
    // The account owns the number before any answer came: the purchase was made.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, owned) = request(
            service.port,
            "GET",
            "/open/voip/virtual-numbers",
            Some(SECRET),
        );
        if owned.contains(&number) {
            break;
        }
        assert!(Instant::now() < deadline, "the purchase was not made");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Without the fault the answer follows the purchase at once; with it, none comes.
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    let mut byte = [0u8; 1];
    let read = stream.read(&mut byte);
    assert!(
        matches!(&read, Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)),
        "no answer to the purchase: {read:?}"
    );
    // A request held open does not keep the service from stopping.
    assert_eq!(stop(service, libc::SIGTERM), 0);
}
