//! End-to-end performance figures of the real `numpick` binary.
//!
//! Runs the release binary in a pseudo-terminal of 120×40 on its embedded sandbox (no
//! `TWOCHAT_API_KEY`, `XDG_STATE_HOME` in a temporary folder) and measures:
//!
//! - the time from start to the first frame (the country screen), over several starts;
//! - the CPU used over 10 s while a reservation counts down, the redraws and the context
//!   switches in that time, driven by keys as an operator would;
//! - the resident memory of that process;
//! - the resident memory of a wizard with 100,000 numbers loaded, measured in a fresh process
//!   (this example run again with `--memory-probe`) that reads its own `VmRSS`.
//!
//! `cargo run --release --example perf_harness` (it builds the release binary first).

#[path = "../benches/support/mod.rs"]
mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const STARTS: usize = 5;
const IDLE: Duration = Duration::from_secs(10);
const PROBE_NUMBERS: usize = 100_000;

fn main() {
    if std::env::args().any(|a| a == "--memory-probe") {
        memory_probe();
        return;
    }
    let binary = numpick_binary();
    let state = std::env::temp_dir().join(format!("numpick-perf-{}", std::process::id()));
    std::fs::create_dir_all(&state).expect("a temporary state folder");

    let mut starts: Vec<Duration> = (0..STARTS)
        .map(|_| {
            let session = Session::start(&binary, &state);
            let took = session.wait_for(&["Choose a country"], Duration::from_secs(10));
            session.stop();
            took
        })
        .collect();
    starts.sort();

    let mut session = Session::start(&binary, &state);
    let idle = session.idle_while_reserved();
    let (rss, hwm) = memory_of(session.pid);
    session.stop();
    let probe = run_memory_probe();
    let _ = std::fs::remove_dir_all(&state);

    println!();
    println!("| what | figure |");
    println!("| --- | --- |");
    println!(
        "| start to first frame (median of {STARTS}; min–max) | {:.1} ms ({:.1}–{:.1} ms) |",
        ms(starts[STARTS / 2]),
        ms(starts[0]),
        ms(starts[STARTS - 1])
    );
    println!(
        "| idle CPU, reservation counting down ({} s) | {:.2} % of one core ({} ticks of 10 ms) |",
        IDLE.as_secs(),
        idle.cpu_percent,
        idle.ticks
    );
    println!(
        "| redraws in those {} s | {} screen updates, {} bytes written |",
        IDLE.as_secs(),
        idle.updates,
        idle.bytes
    );
    println!(
        "| context switches in those {} s (all threads) | {} |",
        IDLE.as_secs(),
        idle.switches
    );
    println!("| numpick resident memory, reserved screen | {rss} kB (peak {hwm} kB) |");
    println!("{probe}");
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size above zero")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The release binary beside this example, built first when run through cargo.
fn numpick_binary() -> PathBuf {
    if let Ok(cargo) = std::env::var("CARGO") {
        let status = Command::new(cargo)
            .args(["build", "--release", "--quiet", "--bin", "numpick"])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building numpick failed");
    }
    let exe = std::env::current_exe().expect("the example's path");
    let binary = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/examples")
        .join("numpick");
    assert!(
        binary.exists(),
        "{} is missing: cargo build --release",
        binary.display()
    );
    binary
}

/// numpick in a pseudo-terminal, its screen kept up to date by a reader thread.
struct Session {
    started: Instant,
    pid: u32,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<Screen>>,
}

struct Screen {
    parser: vt100::Parser,
    /// Times the visible text changed, and bytes received.
    updates: u64,
    bytes: u64,
}

impl Session {
    fn start(binary: &Path, state: &Path) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: support::HEIGHT,
                cols: support::WIDTH,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(binary);
        command.env_remove("TWOCHAT_API_KEY");
        command.env("XDG_STATE_HOME", state);
        command.env("TERM", "xterm-256color");
        let started = Instant::now();
        let child = pty.slave.spawn_command(command).expect("numpick starts");
        drop(pty.slave);
        let pid = child.process_id().expect("a process id");
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(nonzero(support::HEIGHT), nonzero(support::WIDTH), 0),
            updates: 0,
            bytes: 0,
        }));
        let mut reader = pty.master.try_clone_reader().expect("a pty reader");
        let shared = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buffer = [0u8; 16 * 1024];
            while let Ok(n @ 1..) = reader.read(&mut buffer) {
                let mut screen = shared.lock().unwrap();
                let before = screen.parser.screen().contents();
                screen.parser.process(&buffer[..n]);
                screen.bytes += n as u64;
                if screen.parser.screen().contents() != before {
                    screen.updates += 1;
                }
            }
        });
        let writer = pty.master.take_writer().expect("a pty writer");
        Self {
            started,
            pid,
            child,
            _master: pty.master,
            writer,
            screen,
        }
    }

    /// Waits until the screen shows every one of `texts`; the time since the start.
    fn wait_for(&self, texts: &[&str], timeout: Duration) -> Duration {
        let deadline = Instant::now() + timeout;
        loop {
            let contents = self.screen.lock().unwrap().parser.screen().contents();
            if texts.iter().all(|t| contents.contains(t)) {
                return self.started.elapsed();
            }
            assert!(
                Instant::now() < deadline,
                "the screen never showed {texts:?}:\n{contents}"
            );
            thread::sleep(Duration::from_millis(1));
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().parser.screen().contents()
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Germany › Any city › Any type › first group › first number, reserved; then 10 s idle.
    fn idle_while_reserved(&mut self) -> Idle {
        let wait = Duration::from_secs(10);
        self.wait_for(&["Choose a country"], wait);
        self.keys("germ");
        self.wait_for(&["germ", "Germany"], wait);
        self.keys("\r");
        self.wait_for(&["Choose a city", "Any city"], wait);
        self.keys("\r");
        self.wait_for(&["Choose a number type", "Any type"], wait);
        self.keys("\r");
        self.wait_for(&["Choose a number group", "Prefix"], wait);
        self.keys("\r");
        let deadline = Instant::now() + wait;
        while !self.contents().contains("available") && !self.contents().contains(" Review ") {
            assert!(Instant::now() < deadline, "{}", self.contents());
            thread::sleep(Duration::from_millis(5));
        }
        if !self.contents().contains(" Review ") {
            self.keys("\r");
        }
        self.wait_for(&[" Review "], wait);
        thread::sleep(Duration::from_millis(300));
        self.keys("r");
        self.wait_for(&[" Reserved "], wait);
        // Let the reservation's first second pass before measuring.
        thread::sleep(Duration::from_secs(1));
        let (ticks0, switches0) = (cpu_ticks(self.pid), context_switches(self.pid));
        let (updates0, bytes0) = {
            let screen = self.screen.lock().unwrap();
            (screen.updates, screen.bytes)
        };
        let measured = Instant::now();
        thread::sleep(IDLE);
        let ticks = cpu_ticks(self.pid) - ticks0;
        let seconds = measured.elapsed().as_secs_f64();
        let switches = context_switches(self.pid) - switches0;
        let screen = self.screen.lock().unwrap();
        Idle {
            ticks,
            cpu_percent: ticks as f64 / clock_ticks_per_second() / seconds * 100.0,
            updates: screen.updates - updates0,
            bytes: screen.bytes - bytes0,
            switches,
        }
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Idle {
    ticks: u64,
    cpu_percent: f64,
    updates: u64,
    bytes: u64,
    switches: u64,
}

/// utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    let after_name = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Field 3 (state) is at index 0 here, so utime (14) and stime (15) are at 11 and 12.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// Voluntary and involuntary context switches of every thread of a process.
fn context_switches(pid: u32) -> u64 {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("/proc/PID/task");
    tasks
        .filter_map(Result::ok)
        .filter_map(|task| std::fs::read_to_string(task.path().join("status")).ok())
        .flat_map(|status| {
            status
                .lines()
                .filter(|l| l.contains("ctxt_switches"))
                .filter_map(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
                .collect::<Vec<_>>()
        })
        .sum()
}

/// VmRSS and VmHWM of a process, in kB.
fn memory_of(pid: impl std::fmt::Display) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/PID/status");
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Runs this example again as the memory probe, in both ways, and returns its table rows.
fn run_memory_probe() -> String {
    let exe = std::env::current_exe().expect("the example's path");
    ["json", "state"]
        .iter()
        .map(|way| {
            let output = Command::new(&exe)
                .args(["--memory-probe", way])
                .output()
                .expect("the memory probe runs");
            assert!(output.status.success(), "the memory probe failed");
            String::from_utf8(output.stdout)
                .expect("text")
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// In a fresh process: a wizard at the number step, then 100,000 numbers arriving and one
/// frame drawn; `VmRSS` before and after, `VmHWM` for the peak.
///
/// `json`: the numbers arrive as the client reads them (the body's JSON tree, each item
/// decoded, the tree dropped). `state`: the decoded numbers are made directly, which shows
/// what the loaded list itself holds.
fn memory_probe() {
    let json = std::env::args().any(|a| a == "json");
    let mut run = support::awaiting_numbers();
    let mut terminal = support::terminal();
    support::draw(&mut terminal, &run.wizard);
    let body = json.then(|| support::numbers_body(PROBE_NUMBERS));
    let (before, _) = memory_of("self");
    let listing = match &body {
        Some(body) => support::parse_numbers(body),
        None => support::numbers_listing(PROBE_NUMBERS),
    };
    run.answer(Ok(numpick::protocol::Answer::Numbers(listing)));
    support::draw(&mut terminal, &run.wizard);
    let (after, peak) = memory_of("self");
    let how = if json {
        "parsed from a JSON body"
    } else {
        "made directly (no JSON)"
    };
    println!(
        "| wizard with {PROBE_NUMBERS} numbers loaded and drawn, {how} | {after} kB resident (+{} kB; peak {peak} kB) |",
        after.saturating_sub(before)
    );
}
