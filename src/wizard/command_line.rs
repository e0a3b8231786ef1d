//! "The command for this": on Review, Ctrl-E shows the `numpick buy …` command line that buys
//! the reviewed number from a script, for scripting and for audit. Ctrl-Y copies it; any other
//! key closes it.
//!
//! The line holds only what the wizard knows of the choice — group, number, country, region,
//! and the sandbox or a non-default address — and never the key, which `numpick` reads from
//! the environment, the keyring or the key file, never from a flag.

use std::borrow::Cow;

use super::{Action, Backend, NoticeLevel, Step, Wizard};
use crate::protocol::Command;

impl Wizard {
    /// Ctrl-E on Review: shows the command line that buys the reviewed number.
    pub(super) fn show_command_line(&mut self) {
        if self.step != Step::Review {
            self.say(
                NoticeLevel::Info,
                "The command line is shown on Review (Ctrl-E there).",
            );
            return;
        }
        self.chrome.command_line = self.buy_command_line();
    }

    /// While the command line is shown: Ctrl-Y copies it, Ctrl-C asks to quit, any other key
    /// closes it.
    pub(super) fn update_command_line(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Copy => self.copy_shown(),
            Action::Quit => {
                self.chrome.command_line = None;
                self.request_quit();
            }
            _ => self.chrome.command_line = None,
        }
        Vec::new()
    }

    /// The command line shown, if it is.
    pub(crate) fn command_line(&self) -> Option<&str> {
        self.chrome.command_line.as_deref()
    }

    /// `numpick buy GROUP [--number +E164] [--country CC] [--region ID] [--sandbox |
    /// --base-url URL]` for the group and number on Review. Without a number, `numpick buy`
    /// reserves one of the group first and buys that one, as the wizard would.
    pub(crate) fn buy_command_line(&self) -> Option<String> {
        let group = self.chosen.group.as_ref()?;
        let mut words: Vec<Cow<'_, str>> = vec!["numpick".into(), "buy".into()];
        words.push(shell_word(group.id.as_str()).into_owned().into());
        if let Some(number) = &self.chosen.number {
            words.push("--number".into());
            words.push(shell_word(number));
        }
        if let Some(country) = self.chosen.country {
            words.push("--country".into());
            words.push(country.code.into());
        }
        if let Some(region) = self.chosen.region.as_ref().and_then(|r| r.one()) {
            words.push("--region".into());
            words.push(shell_word(region.id.as_str()));
        }
        match (&self.backend, &self.chrome.endpoint) {
            (Backend::Sandbox, _) => words.push("--sandbox".into()),
            (Backend::Live, Some(endpoint)) => {
                words.push("--base-url".into());
                words.push(
                    shell_word(&without_credentials(endpoint))
                        .into_owned()
                        .into(),
                );
            }
            (Backend::Live, None) => {}
        }
        Some(words.join(" "))
    }
}

/// `url` without a user name or password in it: those are credentials, never shown.
fn without_credentials(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            // Both succeed for the http(s) addresses numpick accepts.
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// `word` as one word for a POSIX shell: as is when it holds nothing the shell would read,
/// else in single quotes.
fn shell_word(word: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "+-_./:=@%,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(format!("'{}'", word.replace('\'', r"'\''")))
    }
}

#[cfg(test)]
mod tests {
    use super::{shell_word, without_credentials};

    #[test]
    fn words_the_shell_would_read_are_quoted() {
        assert_eq!(shell_word("de-ber-local-1"), "de-ber-local-1");
        assert_eq!(shell_word("+4930123456"), "+4930123456");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word("$(rm -rf ~)"), "'$(rm -rf ~)'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn credentials_in_an_address_are_left_out() {
        assert_eq!(
            without_credentials("https://user:secret@api.example.com/v1"),
            "https://api.example.com/v1"
        );
        assert_eq!(
            without_credentials("https://api.example.com"),
            "https://api.example.com"
        );
    }
}
