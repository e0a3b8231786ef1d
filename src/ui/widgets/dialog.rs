//! Dialogs drawn over the body: the purchase confirmation and the help.

use ratatui::Frame;
use ratatui::layout::{Constraint, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use super::fields::{draw_scrolled, field, group_fields};
use crate::ui::phone::pretty;
use crate::ui::text::{clean, mmss};
use crate::ui::{View, centered};
use crate::wizard::PurchaseTarget;

use super::{countdown, list};

/// Clears a `width` × `height` box in the middle of `area`, frames it, and returns its inside.
pub(crate) fn popup(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    size: (u16, u16),
) -> Rect {
    let place = centered(area, size.0, size.1);
    frame.render_widget(Clear, place);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(view.theme.accent)
        .title(Line::styled(format!(" {title} "), view.theme.title));
    let inner = block.inner(place).inner(Margin::new(1, 0));
    frame.render_widget(block, place);
    inner
}

/// "Buy this number?" with the number, the group and both prices; `y` buys.
pub(crate) fn confirm_purchase(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    target: &PurchaseTarget,
) {
    let theme = &view.theme;
    let number = match &target.number {
        Some(number) => Span::styled(pretty(number), theme.title),
        None => Span::styled("a random number of the group", theme.title),
    };
    let mut lines = vec![field(view, "Number", vec![number])];
    let id = clean(target.group_id.as_str()).into_owned();
    lines.extend(group_fields(view, target.group.as_ref(), Span::raw(id)));
    if let Some(held) = &target.reservation {
        let remaining = held.remaining(view.wizard.now);
        let state = if held.is_expired(view.wizard.now) {
            Span::styled("expired — cannot be bought", theme.countdown_critical)
        } else {
            Span::styled(
                format!("expires in {}", mmss(remaining)),
                countdown::style(theme, remaining),
            )
        };
        lines.push(field(view, "Reserved", vec![state]));
    }
    if let Some(reference) = view.wizard.reference() {
        let text = clean(reference.as_str()).into_owned();
        lines.push(field(view, "Reference", vec![Span::raw(text)]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("y", theme.accent),
        Span::raw(" buy · "),
        Span::styled("n", theme.accent),
        Span::raw("/"),
        Span::styled("Esc", theme.accent),
        Span::raw(" cancel — "),
        Span::styled("Enter does nothing", theme.muted),
    ]));
    const WIDTH: u16 = 62;
    let height = wrapped_height(&lines, WIDTH) + 2;
    let inner = popup(view, frame, area, "Buy this number?", (WIDTH, height));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// How many rows `lines` take once wrapped inside a popup `width` wide (its border and
/// margins taken off), so that the last line — the keys that answer it — is never cut off.
pub(crate) fn wrapped_height(lines: &[Line<'_>], width: u16) -> u16 {
    let room = usize::from(width.saturating_sub(4)).max(1);
    let rows: usize = (lines.iter())
        .map(|line| {
            let width = line.width();
            // Wrapping at word boundaries can take a row more than the characters need.
            if width <= room {
                1
            } else {
                width.div_ceil(room) + 1
            }
        })
        .sum();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// Every key, what it does and where.
const KEYS: [(&str, &str, &str); 28] = [
    ("↑↓ PgUp PgDn", "move in a list (Home/End: ends)", "lists"),
    (
        "j / k",
        "down / up where there is no search box",
        "Review …",
    ),
    (
        "letters, digits",
        "type into the search box; Backspace edits",
        "lists",
    ),
    (
        "Ctrl-U / Ctrl-W",
        "clear the search box / its last word",
        "lists",
    ),
    (
        "sms, wa, wab …",
        "typed in the group box: groups with it",
        "groups",
    ),
    ("Tab", "sort by monthly price / API order", "groups"),
    ("Tab", "memorable numbers first", "numbers"),
    ("Space", "mark/unmark for the basket", "numbers"),
    (
        "Enter",
        "choose the row (◆: your reservation); retry",
        "all",
    ),
    ("F5", "ask again for what failed to load", "all"),
    ("Esc", "clear the search, else go back", "all"),
    ("r / b", "reserve / buy now; ↑↓ scroll", "Review"),
    ("d", "copy the requirements checklist", "Review"),
    ("e", "the order's reference (this session)", "Review"),
    ("Ctrl-E", "the numpick buy command line", "Review"),
    (
        "b / c / r",
        "buy / cancel / reserve again once expired",
        "Reserved",
    ),
    ("Esc", "back, keeping the reservation", "Reserved"),
    ("y / n", "buy / do not (Enter does not)", "purchase"),
    ("b / c / Esc", "buy / cancel / close", "Ctrl-R list"),
    ("Ctrl-R", "the reservations manager", "all"),
    ("Ctrl-O", "my numbers; Ctrl-X releases one", "all"),
    ("Ctrl-K", "the basket: r reserves, b buys all", "all"),
    ("Ctrl-T", "order history, with a search box", "all"),
    ("Ctrl-Y", "copy the number, UUID or receipt", "all"),
    ("F1 or ?", "this help (? with an empty search)", "all"),
    ("q", "quit where there is no search box", "Review …"),
    ("Ctrl-C", "quit (asks first if it matters)", "all"),
    ("Ctrl-Z", "suspend; fg brings numpick back", "all"),
];

/// The vanity syntax of the number box, under the keys.
const VANITY: [&str; 4] = [
    "Number box: digits match anywhere (555); letters are keypad digits (PIZZA = 74992);",
    "^ anchors at the start of the local number, $ at the end; * or ? is any one digit.",
    "Group features: sms (S), sms-in (S↓), sms-out (S↑), wa (W, WhatsApp), wab (B, Business).",
    "A purchase is always confirmed with y. ↑↓ scroll this help; any other key closes it.",
];

/// "Quit now?" when reservations are active or a purchase is in flight.
pub(crate) fn quit_guard(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let theme = &view.theme;
    let wizard = view.wizard;
    let active: Vec<_> = wizard
        .held
        .holds
        .iter()
        .filter(|h| !h.is_expired(wizard.now))
        .collect();
    let mut lines = Vec::new();
    if wizard.purchase_pending() {
        lines.push(Line::styled(
            "A purchase is in flight. If you quit now, numpick checks its outcome on the next start.",
            theme.warning,
        ));
        lines.push(Line::raw(""));
    }
    if !active.is_empty() {
        lines.push(Line::raw(format!(
            "{}:",
            crate::wording::counted(active.len(), "active reservation")
        )));
        for held in active.iter().take(5) {
            let expires = crate::ui::text::clock_at(wizard, held.deadline);
            lines.push(Line::raw(format!(
                "  {}  expires at {expires}",
                pretty(&held.reservation.number)
            )));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::styled("k", theme.accent),
        Span::raw(" keep them and quit (they expire on their own)   "),
    ]));
    lines.push(Line::from(vec![
        Span::styled("c", theme.accent),
        Span::raw(" cancel them, then quit   "),
        Span::styled("s", theme.accent),
        Span::raw("/"),
        Span::styled("Esc", theme.accent),
        Span::raw(" stay"),
    ]));
    let height = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let inner = popup(view, frame, area, "Quit numpick?", (72, height));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The help: a table of every key, then the vanity syntax; ↑↓ scroll it on a small terminal.
pub(crate) fn help(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let wanted = u16::try_from(KEYS.len() + VANITY.len()).unwrap_or(u16::MAX) + 4;
    let inner = popup(view, frame, area, "Help — keys", (92, wanted));
    let constraints = [
        Constraint::Length(16),
        Constraint::Fill(1),
        Constraint::Length(11),
    ];
    let widths = list::column_widths(&constraints, inner.width + list::MARKER_WIDTH);
    let mut lines: Vec<Line<'_>> = vec![Line::styled(
        format!(
            "{:<w0$} {:<w1$} Where",
            "Key",
            "Does",
            w0 = usize::from(widths[0]),
            w1 = usize::from(widths[1])
        ),
        view.theme.title,
    )];
    for &(key, does, place) in &KEYS {
        let key = format!("{key:<w$} ", w = usize::from(widths[0]));
        let does = crate::ui::text::fit(does, usize::from(widths[1]));
        lines.push(Line::from(vec![
            Span::styled(key, view.theme.accent),
            Span::raw(format!("{does:<w$} ", w = usize::from(widths[1]))),
            Span::styled(place, view.theme.muted),
        ]));
    }
    lines.push(Line::raw(""));
    for text in VANITY {
        for row in super::checklist::wrap(text, usize::from(inner.width), "") {
            lines.push(Line::styled(row, view.theme.muted));
        }
    }
    draw_scrolled(view, frame, inner, lines, view.wizard.help_scroll());
}
