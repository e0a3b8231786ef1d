//! Runs the real `numpick` binary in a pseudo-terminal (portable-pty, nothing outside cargo),
//! types into it and reads its screen: held open ([`PtyApp`]) or run to its end ([`on_terminal`]).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::home::Home;

/// How long to wait for the screen to show something before a test fails.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// Keys as the terminal sends them.
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const CTRL_C: &str = "\x03";
pub const CTRL_R: &str = "\x12";

/// A running `numpick` in a pseudo-terminal.
pub struct PtyApp {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set once everything the program wrote has been read.
    drained: Arc<std::sync::atomic::AtomicBool>,
}

impl PtyApp {
    /// Starts `numpick` with `args` and `env` (on top of a clean environment pointing every
    /// folder into `home`), in a terminal of `cols` × `rows`.
    pub fn spawn(home: &Home, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_numpick"));
        command.args(args);
        Self::spawn_command(command, home, env, cols, rows)
    }

    /// [`PtyApp::spawn`], with files limited to `blocks` blocks (`ulimit -f`): a write past
    /// the limit fails, as on a full disk.
    pub fn spawn_with_file_limit(
        home: &Home,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        blocks: u32,
    ) -> Self {
        let mut command = CommandBuilder::new("sh");
        command.arg("-c");
        command.arg(format!("ulimit -f {blocks} && exec \"$0\" \"$@\""));
        command.arg(env!("CARGO_BIN_EXE_numpick"));
        command.args(args);
        Self::spawn_command(command, home, env, cols, rows)
    }

    /// [`PtyApp::spawn`], with stdout sent to the file `out` (`numpick > out`) while the
    /// pseudo-terminal stays the controlling terminal.
    pub fn spawn_with_stdout_to(
        home: &Home,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        out: &Path,
    ) -> Self {
        let mut command = CommandBuilder::new("sh");
        command.arg("-c");
        command.arg(format!("exec \"$0\" \"$@\" > '{}'", out.display()));
        command.arg(env!("CARGO_BIN_EXE_numpick"));
        command.args(args);
        Self::spawn_command(command, home, env, cols, rows)
    }

    fn spawn_command(
        mut command: CommandBuilder,
        home: &Home,
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        command.env_clear();
        command.env("PATH", std::env::var("PATH").unwrap_or_default());
        command.env("TERM", "xterm-256color");
        command.env("HOME", home.path());
        command.env("XDG_STATE_HOME", home.path().join("state"));
        command.env("XDG_DATA_HOME", home.path().join("data"));
        command.env("XDG_CONFIG_HOME", home.path().join("config"));
        for (key, value) in env {
            command.env(key, value);
        }
        let child = pty.slave.spawn_command(command).expect("numpick starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            parser_size(rows),
            parser_size(cols),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let drained = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (parser_in, raw_in, drained_in) =
            (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&drained));
        thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            // The read fails (EIO) or ends once the program has exited and its output is read.
            while let Ok(read) = reader.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                parser_in.lock().unwrap().process(&buffer[..read]);
                raw_in.lock().unwrap().extend_from_slice(&buffer[..read]);
            }
            drained_in.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        Self {
            child,
            master: pty.master,
            writer,
            parser,
            raw,
            drained,
        }
    }

    /// Types `keys` as one write.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("typing");
        self.writer.flush().expect("typing");
        // A lone Esc is told apart from an escape sequence by the pause after it.
        thread::sleep(Duration::from_millis(if keys == ESC { 150 } else { 40 }));
    }

    /// The text on the screen now.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote, escape sequences included.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until the screen shows `text`; fails the test with the screen otherwise.
    pub fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("the screen never showed {text:?}; it shows:\n{screen}");
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// From the country search, with Germany typed or pasted into it: Enter › Any city › Any
    /// type › the first group › the first number › Review.
    pub fn choose_on_to_review(&mut self) {
        self.send(ENTER);
        self.wait_for("Any city");
        self.send(ENTER);
        self.wait_for("Any type");
        self.send(ENTER);
        // A row of the loaded table: the title alone shows while the groups still load.
        self.wait_for("+49 30");
        self.send(ENTER);
        // Only the loaded number list says this ("Choose a number" is in the group title too).
        self.wait_for("numbers available");
        self.send(ENTER);
        self.wait_for("Review");
    }

    /// Changes the terminal's size.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
        // The screen parser cannot place a double-width character in a one-column grid (it
        // underflows), so it keeps at least two columns; the program still sees `cols`.
        self.parser
            .lock()
            .unwrap()
            .set_size(parser_size(rows), parser_size(cols.max(2)));
    }

    /// Whether the program is stopped (job control), from `/proc/PID/stat`.
    pub fn is_stopped(&self) -> bool {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // The state follows the command name, which is in parentheses.
        let state = stat.rsplit_once(')').map(|(_, rest)| rest.trim_start());
        state.is_some_and(|rest| rest.starts_with('T'))
    }

    /// Waits until `condition` holds; fails the test with `what` and the screen otherwise.
    pub fn wait_until(&self, what: &str, condition: impl Fn(&Self) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !condition(self) {
            if Instant::now() > deadline {
                panic!("never {what}; the screen shows:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.process_id().expect("a pid")).expect("pid fits")
    }

    /// Sends a signal to the program.
    pub fn signal(&self, signal: nix::sys::signal::Signal) {
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.pid()), signal).expect("signal");
    }

    /// Waits for the program to end, and for all it wrote to be read; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                while !self.drained.load(std::sync::atomic::Ordering::SeqCst) {
                    assert!(Instant::now() < deadline, "the output never ended");
                    thread::sleep(Duration::from_millis(10));
                }
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("numpick did not exit; the screen shows:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Whether the terminal is back in its normal (cooked) mode: line editing and echo on.
    pub fn terminal_is_cooked(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let termios = self.master.get_termios().expect("termios");
        termios
            .local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    /// Whether the output ends with the terminal restored: the alternate screen left after it
    /// was last entered, and the cursor shown.
    pub fn screen_restored(&self) -> bool {
        let raw = String::from_utf8_lossy(&self.raw_output()).into_owned();
        let entered = raw.rfind("\x1b[?1049h");
        let left = raw.rfind("\x1b[?1049l");
        let shown = raw.rfind("\x1b[?25h");
        matches!((entered, left, shown), (Some(e), Some(l), Some(s)) if l > e && s > e)
    }
}

impl PtyApp {
    /// Whether the program has asked the terminal for bracketed paste (pastes wrapped in
    /// `ESC [200~` … `ESC [201~` instead of typed as keys).
    pub fn paste_is_bracketed(&self) -> bool {
        self.parser.lock().unwrap().screen().bracketed_paste()
    }

    /// Whether the output ends with bracketed paste turned off after it was last turned on.
    pub fn paste_mode_restored(&self) -> bool {
        let raw = String::from_utf8_lossy(&self.raw_output()).into_owned();
        match (raw.rfind("\x1b[?2004h"), raw.rfind("\x1b[?2004l")) {
            (Some(on), Some(off)) => off > on,
            _ => false,
        }
    }
}

/// A size for the screen parser, which counts from one.
fn parser_size(cells: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(cells.max(1)).expect("at least one")
}

impl Drop for PtyApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Runs numpick to its end on a pseudo-terminal of 120 × 40, typing `input` at once; returns
/// its exit code and everything the terminal showed (stdout and stderr together, and the echo
/// of what was typed), without carriage returns. The OS keyring is kept out, as in
/// [`Home::run`].
pub fn on_terminal(home: &Home, args: &[&str], env: &[(&str, &str)], input: &str) -> (i32, String) {
    let env: Vec<(&str, &str)> = std::iter::once(("NUMPICK_NO_KEYRING", "1"))
        .chain(env.iter().copied())
        .collect();
    let mut app = PtyApp::spawn(home, args, &env, 120, 40);
    if !input.is_empty() {
        app.send(input);
    }
    let code = app.wait_exit();
    let shown = String::from_utf8_lossy(&app.raw_output()).replace('\r', "");
    (i32::try_from(code).expect("an exit code"), shown)
}
