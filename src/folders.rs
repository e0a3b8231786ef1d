//! Where numpick keeps its files: the platform's state folder (the journal, the log, the
//! remembered countries and catalogue) and its config folder.

use std::path::PathBuf;

/// The folder numpick keeps its state in (log, journal): the platform's state or data folder.
pub fn state_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "numpick")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
}

/// The config file: `config.toml` in the platform's config folder.
pub fn config_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "numpick")?;
    Some(dirs.config_dir().join("config.toml"))
}
