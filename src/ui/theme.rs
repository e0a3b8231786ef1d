//! The semantic theme: every style the renderer uses is named for what it means, never for
//! its colour, so that a variant (high contrast, no colour) changes the look in one place.

use ratatui::style::{Color, Modifier, Style};

/// Which theme the renderer draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Colours that suit a dark or light terminal.
    #[default]
    Default,
    /// Brighter colours and bold text for low-contrast terminals and screens.
    HighContrast,
    /// No colours at all, only bold, reverse, underline and dim (for `NO_COLOR`).
    NoColor,
}

impl ThemeName {
    /// The theme the `NO_COLOR` convention asks for: no colour when the variable is set and
    /// not empty (<https://no-color.org>), else the default.
    pub(crate) fn from_no_color(value: Option<&str>) -> Self {
        match value {
            Some(text) if !text.is_empty() => Self::NoColor,
            _ => Self::Default,
        }
    }
}

/// The styles of the screen, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The application name, keys in the hints, titles that lead the eye.
    pub(crate) accent: Style,
    /// Secondary text: descriptions, separators, placeholders.
    pub(crate) muted: Style,
    pub error: Style,
    pub(crate) warning: Style,
    /// Good news: "no documents required", "bought".
    pub ok: Style,
    /// The row under the cursor.
    pub(crate) highlight: Style,
    /// The digits of a number that match the vanity box.
    pub matched: Style,
    /// A reservation's countdown with two minutes or more left.
    pub(crate) countdown_ok: Style,
    /// Less than two minutes left.
    pub(crate) countdown_low: Style,
    /// Less than thirty seconds left, or expired.
    pub(crate) countdown_critical: Style,
    /// The `SANDBOX` badge.
    pub badge: Style,
    /// The `LIVE` badge: real money.
    pub(crate) live_badge: Style,
    /// Titles of boxes and labels of fields.
    pub title: Style,
    /// Borders of boxes.
    pub(crate) border: Style,
}

impl Theme {
    /// The theme called `name`.
    pub fn of(name: ThemeName) -> Self {
        match name {
            ThemeName::Default => Self::default_colors(),
            ThemeName::HighContrast => Self::high_contrast(),
            ThemeName::NoColor => Self::no_color(),
        }
    }

    fn default_colors() -> Self {
        let fg = |color| Style::new().fg(color);
        Self {
            accent: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            muted: fg(Color::DarkGray),
            error: fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: fg(Color::Yellow),
            ok: fg(Color::Green),
            // No foreground: the digits matched by the vanity box keep their colour.
            highlight: Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
            matched: fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            countdown_ok: fg(Color::Green),
            countdown_low: fg(Color::Yellow),
            countdown_critical: fg(Color::Red).add_modifier(Modifier::BOLD),
            badge: Style::new()
                .bg(Color::Yellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            live_badge: Style::new()
                .bg(Color::Red)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            border: fg(Color::DarkGray),
        }
    }

    fn high_contrast() -> Self {
        let bold = |color| Style::new().fg(color).add_modifier(Modifier::BOLD);
        Self {
            accent: bold(Color::LightCyan),
            muted: Style::new().fg(Color::White),
            error: bold(Color::LightRed),
            warning: bold(Color::LightYellow),
            ok: bold(Color::LightGreen),
            highlight: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            matched: bold(Color::LightMagenta).add_modifier(Modifier::UNDERLINED),
            countdown_ok: bold(Color::LightGreen),
            countdown_low: bold(Color::LightYellow),
            countdown_critical: bold(Color::LightRed).add_modifier(Modifier::REVERSED),
            badge: Style::new()
                .bg(Color::LightYellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            live_badge: Style::new()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            title: bold(Color::White),
            border: Style::new().fg(Color::White),
        }
    }

    /// Only modifiers: meaning survives on a terminal without colour.
    fn no_color() -> Self {
        let with = |modifier| Style::new().add_modifier(modifier);
        Self {
            accent: with(Modifier::BOLD),
            muted: with(Modifier::DIM),
            error: with(Modifier::BOLD | Modifier::UNDERLINED),
            warning: with(Modifier::BOLD),
            ok: Style::new(),
            highlight: with(Modifier::REVERSED),
            matched: with(Modifier::UNDERLINED),
            countdown_ok: Style::new(),
            countdown_low: with(Modifier::BOLD),
            countdown_critical: with(Modifier::BOLD | Modifier::REVERSED),
            badge: with(Modifier::REVERSED | Modifier::BOLD),
            live_badge: with(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            title: with(Modifier::BOLD),
            border: Style::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_uses_no_colour() {
        let theme = Theme::of(ThemeName::NoColor);
        let styles = [
            theme.accent,
            theme.muted,
            theme.error,
            theme.warning,
            theme.ok,
            theme.highlight,
            theme.matched,
            theme.countdown_ok,
            theme.countdown_low,
            theme.countdown_critical,
            theme.badge,
            theme.live_badge,
            theme.title,
            theme.border,
        ];
        assert!(styles.iter().all(|s| s.fg.is_none() && s.bg.is_none()));
    }

    #[test]
    fn no_color_follows_the_convention() {
        assert_eq!(ThemeName::from_no_color(None), ThemeName::Default);
        assert_eq!(ThemeName::from_no_color(Some("")), ThemeName::Default);
        assert_eq!(ThemeName::from_no_color(Some("1")), ThemeName::NoColor);
    }
}
