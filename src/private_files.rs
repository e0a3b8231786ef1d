//! Files and folders that only their owner may read: the config, the log and the folders
//! numpick creates for them. They name numbers, reservations and where the key file is.
//!
//! Folders numpick creates are made 0700 whatever the umask. An existing file with looser
//! modes is tightened to 0600; one that belongs to another user is refused, since tightening
//! it would not make it ours and reading or appending to it would trust that user.

use std::fs::File;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The mode of a private folder.
pub(crate) const DIR_MODE: u32 = 0o700;
/// The mode of a private file.
pub(crate) const FILE_MODE: u32 = 0o600;

/// Why a file cannot be kept private.
#[derive(Debug, thiserror::Error)]
pub enum PrivacyError {
    #[error("{path} belongs to another user (uid {owner}); move it away or fix its owner")]
    ForeignOwner { path: PathBuf, owner: u32 },
    #[error("cannot check or tighten the modes of {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// What to do with an existing file, from its owner and mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Ours, and no one else can read or write it.
    Private,
    /// Ours, but group or others have some access: tighten to 0600.
    Tighten,
    /// Another user's: refuse.
    Foreign,
}

/// Judges a file owned by `owner` with permission bits `mode`, for the user `me`.
pub(crate) fn verdict(owner: u32, mode: u32, me: u32) -> Verdict {
    if owner != me {
        Verdict::Foreign
    } else if mode & 0o077 != 0 {
        Verdict::Tighten
    } else {
        Verdict::Private
    }
}

/// Creates `dir` and any missing parents with mode 0700 (the umask can only take bits away
/// from it). Folders that exist already are left as they are.
pub(crate) fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
}

/// Makes the open `file` (found at `path`) private: tightened to 0600 if group or others had
/// access, refused if another user owns it. Checked on the open file, so a file swapped in
/// after the check cannot slip through.
pub(crate) fn make_private(file: &File, path: &Path) -> Result<(), PrivacyError> {
    let io_error = |source| PrivacyError::Io {
        path: path.to_owned(),
        source,
    };
    let metadata = file.metadata().map_err(io_error)?;
    match verdict(metadata.uid(), metadata.mode() & 0o7777, effective_uid()) {
        Verdict::Private => Ok(()),
        Verdict::Tighten => file
            .set_permissions(std::fs::Permissions::from_mode(FILE_MODE))
            .map_err(io_error),
        Verdict::Foreign => Err(PrivacyError::ForeignOwner {
            path: path.to_owned(),
            owner: metadata.uid(),
        }),
    }
}

/// Refuses the file at `path` if it exists and another user owns it: for a clear message
/// before an open that would otherwise fail for lack of permission.
pub(crate) fn refuse_if_foreign(path: &Path) -> Result<(), PrivacyError> {
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.uid() != effective_uid() => Err(PrivacyError::ForeignOwner {
            path: path.to_owned(),
            owner: metadata.uid(),
        }),
        _ => Ok(()),
    }
}

/// The user numpick runs as.
fn effective_uid() -> u32 {
    // SAFETY: `geteuid` takes no arguments, touches no memory and cannot fail.
    unsafe { libc::geteuid() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_owners_own_files_are_kept_or_tightened() {
        assert_eq!(verdict(1000, 0o600, 1000), Verdict::Private);
        assert_eq!(verdict(1000, 0o400, 1000), Verdict::Private);
        assert_eq!(verdict(1000, 0o644, 1000), Verdict::Tighten);
        assert_eq!(verdict(1000, 0o602, 1000), Verdict::Tighten);
        assert_eq!(verdict(1000, 0o600, 1001), Verdict::Foreign);
        assert_eq!(verdict(0, 0o600, 1000), Verdict::Foreign);
    }

    #[test]
    fn a_loose_file_is_tightened_and_new_folders_are_private() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("a").join("b");
        create_private_dir(&dir).unwrap();
        for folder in [home.path().join("a"), dir.clone()] {
            let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", folder.display());
        }
        let path = dir.join("f");
        std::fs::write(&path, "x").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
        make_private(&File::open(&path).unwrap(), &path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
