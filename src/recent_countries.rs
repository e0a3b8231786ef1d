//! The countries used recently, kept in the state folder (`recent-countries`, one code a
//! line, the latest first), so that the wizard lists them first.

use std::path::{Path, PathBuf};

/// How many countries are remembered.
const KEPT: usize = 5;

/// Where the list is kept, when there is a state folder.
pub(crate) fn path() -> Option<PathBuf> {
    crate::folders::state_dir().map(|dir| dir.join("recent-countries"))
}

/// The codes remembered at `path`, latest first; none when the file is missing or unreadable.
pub(crate) fn load(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|code| code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase)
        .take(KEPT)
        .collect()
}

/// `recent` with `chosen` moved to the front, at most [`KEPT`] long.
pub(crate) fn with_chosen(recent: &[String], chosen: &str) -> Vec<String> {
    let mut out = vec![chosen.to_ascii_uppercase()];
    out.extend(
        recent
            .iter()
            .filter(|code| !code.eq_ignore_ascii_case(chosen))
            .cloned(),
    );
    out.truncate(KEPT);
    out
}

/// Writes `codes` to `path`. A failure costs only the ordering of the next session, so it is
/// logged, not raised.
pub(crate) fn save(path: &Path, codes: &[String]) {
    if let Some(dir) = path.parent()
        && let Err(error) = crate::private_files::create_private_dir(dir)
    {
        tracing::warn!(%error, "the recent countries are not kept");
        return;
    }
    let mut text = codes.join("\n");
    text.push('\n');
    if let Err(error) = std::fs::write(path, text) {
        tracing::warn!(%error, "the recent countries are not kept");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_country_goes_first_and_the_list_stays_short() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("recent-countries");
        assert!(load(&path).is_empty(), "nothing kept yet");
        let mut recent = Vec::new();
        for code in ["de", "US", "GB", "FR", "ES", "IT", "US"] {
            recent = with_chosen(&recent, code);
        }
        save(&path, &recent);
        assert_eq!(load(&path), ["US", "IT", "ES", "FR", "GB"]);
        std::fs::write(&path, "gb\nnot a code\n\nDE\n").unwrap();
        assert_eq!(load(&path), ["GB", "DE"]);
    }
}
