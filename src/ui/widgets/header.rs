//! The header: the application's name, the breadcrumb of the choices so far, and on the right
//! the busy spinner, the count of active reservations and the `SANDBOX` badge — or `LIVE`
//! with the account's name, and the API's address when it is not the production one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::api::Backend;
use crate::ui::View;
use crate::ui::phone::pretty;
use crate::ui::text::{clean, fit};
use crate::wizard::{Choice, Step, Wizard};

use super::spinner;

const SEPARATOR: &str = " › ";

/// Draws the header on one line.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let theme = &view.theme;
    let wizard = view.wizard;

    let mut right: Vec<Span<'static>> = Vec::new();
    if wizard.is_busy() {
        right.push(Span::styled(spinner::frame(wizard), theme.accent));
        right.push(Span::raw(" "));
    }
    let reserved = wizard
        .held
        .holds
        .iter()
        .filter(|h| !h.is_expired(wizard.now))
        .count();
    if reserved > 0 {
        right.push(Span::styled(format!("{reserved} reserved"), theme.warning));
        right.push(Span::raw(" "));
    }
    right.extend(backend_badge(view));
    let right = Line::from(right);
    let right_width = u16::try_from(right.width()).unwrap_or(u16::MAX);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)])
            .spacing(1)
            .areas(area);

    let name = " numpick";
    let divider = " │ ";
    let room = usize::from(left_area.width).saturating_sub(name.width() + divider.width());
    let mut left = vec![Span::styled(name, theme.accent)];
    let trail = fitted(&breadcrumb(wizard), room);
    if !trail.is_empty() {
        left.push(Span::styled(divider, theme.muted));
        left.push(Span::raw(trail));
    }
    frame.render_widget(Line::from(left), left_area);
    frame.render_widget(right, right_area);
}

/// ` SANDBOX `, or ` LIVE · account name ` (real money) after the API's address when it is
/// not the production one.
fn backend_badge(view: &View<'_>) -> Vec<Span<'static>> {
    let wizard = view.wizard;
    match wizard.backend {
        Backend::Sandbox => vec![Span::styled(" SANDBOX ", view.theme.badge)],
        Backend::Live => {
            let mut spans = Vec::new();
            if let Some(endpoint) = &wizard.chrome.endpoint {
                let shown = endpoint.trim_start_matches("https://");
                spans.push(Span::styled(
                    format!("{} ", fit(&clean(shown), 28)),
                    view.theme.muted,
                ));
            }
            let name = (wizard.chrome.meter.account.as_ref())
                .and_then(|account| account.name.as_deref())
                .map(str::trim)
                .filter(|name| !name.is_empty());
            let badge = match name {
                Some(name) => format!(" LIVE · {} ", fit(&clean(name), 20)),
                None => " LIVE ".to_owned(),
            };
            spans.push(Span::styled(badge, view.theme.live_badge));
            spans
        }
    }
}

/// The choices made before the step shown, in order.
pub(crate) fn breadcrumb(wizard: &Wizard) -> Vec<String> {
    let step = wizard.step;
    let mut crumbs = Vec::new();
    if step > Step::Country
        && let Some(country) = wizard.chosen.country
    {
        crumbs.push(country.code.to_owned());
    }
    if step > Step::Region
        && let Some(region) = &wizard.chosen.region
    {
        crumbs.push(choice(region, "Any region", |r| &r.name));
    }
    if step > Step::City
        && let Some(city) = &wizard.chosen.city
    {
        crumbs.push(match wizard.prefix_jumped() {
            Some(prefix) => format!("prefix {prefix}"),
            None => choice(city, "Any city", |c| &c.name),
        });
    }
    if step > Step::DidType
        && let Some(did_type) = &wizard.chosen.did_type
    {
        crumbs.push(choice(did_type, "Any type", |t| t.name.as_str()));
    }
    if step > Step::Group
        && let Some(group) = &wizard.chosen.group
    {
        let prefix = if group.prefix.trim().is_empty() {
            group.id.as_str()
        } else {
            &group.prefix
        };
        crumbs.push(clean(prefix).into_owned());
        if step > Step::Number {
            crumbs.push(match &wizard.chosen.number {
                Some(number) => pretty(number),
                None => "random number".to_owned(),
            });
        }
    }
    crumbs
}

fn choice<T>(choice: &Choice<T>, any: &str, name: impl Fn(&T) -> &str) -> String {
    match choice {
        Choice::Any => any.to_owned(),
        Choice::One(item) => clean(name(item)).into_owned(),
    }
}

/// The breadcrumb joined, dropping the oldest crumbs (marked `…`) until it fits `room`.
fn fitted(crumbs: &[String], room: usize) -> String {
    for skip in 0..crumbs.len() {
        let mut text = crumbs[skip..].join(SEPARATOR);
        if skip > 0 {
            text = format!("…{SEPARATOR}{text}");
        }
        if text.width() <= room {
            return text;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_crumbs_give_way() {
        let crumbs: Vec<String> = ["US", "California", "Los Angeles", "local"]
            .map(String::from)
            .to_vec();
        assert_eq!(fitted(&crumbs, 80), "US › California › Los Angeles › local");
        assert_eq!(fitted(&crumbs, 30), "… › Los Angeles › local");
        assert_eq!(fitted(&crumbs, 3), "");
    }
}
