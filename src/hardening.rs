//! Process-wide protections set once at start, before the key is read.
//!
//! - No core dumps: a core file would hold the key and the account's data, readable long after
//!   numpick is gone. The core size limit is set to zero (hard and soft, so nothing numpick
//!   runs can raise it) and, on Linux, the process is marked not dumpable, which also keeps
//!   other processes of the same user from reading its memory through ptrace or `/proc`.
//! - A write past the file-size limit (`ulimit -f`) fails with an error numpick reports,
//!   instead of the default SIGXFSZ killing it with the terminal left raw.

use std::io;

/// Applies every protection; returns the ones that could not be applied, for the log.
pub fn harden() -> Vec<io::Error> {
    let mut failures = Vec::new();
    if let Err(error) = disable_core_dumps() {
        failures.push(error);
    }
    if let Err(error) = ignore_file_size_signal() {
        failures.push(error);
    }
    failures
}

fn disable_core_dumps() -> io::Result<()> {
    let none = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `setrlimit` reads the struct it is given and nothing else.
    if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &none) } != 0 {
        return Err(io::Error::last_os_error());
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // SAFETY: PR_SET_DUMPABLE takes one integer argument and touches no memory.
        if unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0 as libc::c_ulong) } != 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

fn ignore_file_size_signal() -> io::Result<()> {
    // SAFETY: installing SIG_IGN runs no code of ours in a signal handler.
    if unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) } == libc::SIG_ERR {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_hardening_no_core_can_be_dumped() {
        assert!(harden().is_empty());
        let mut limit = libc::rlimit {
            rlim_cur: 1,
            rlim_max: 1,
        };
        // SAFETY: `getrlimit` writes only the struct it is given.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut limit) }, 0);
        assert_eq!((limit.rlim_cur, limit.rlim_max), (0, 0));
        #[cfg(target_os = "linux")]
        // SAFETY: PR_GET_DUMPABLE reads a flag of the process and touches no memory.
        assert_eq!(unsafe { libc::prctl(libc::PR_GET_DUMPABLE) }, 0);
    }
}
