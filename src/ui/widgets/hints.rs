//! The footer: the keys that work on the screen shown, as `key what · key what`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::ui::View;
use crate::ui::screens::{nothing_to_choose, step_data};
use crate::wizard::{Load, Modal, Stage, Step, Wizard};

const SEPARATOR: &str = " · ";

/// A key and what it does here.
type Hint = (&'static str, &'static str);

const HELP: Hint = ("?", "help");
const HELP_F1: Hint = ("F1", "help");
const MANAGER: Hint = ("Ctrl-R", "reservations");
const QUIT: Hint = ("Ctrl-C", "quit");
const BASKET: Hint = ("Ctrl-K", "basket");
/// Hints that give way first when the line is too short, least needed first.
const DROPPABLE: [Hint; 3] = [HELP, HELP_F1, MANAGER];

/// Draws the hints of the screen shown, dropping the least needed ones to fit.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    // One column of margin on the left only: the hints of list screens need the rest.
    let area = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    };
    let mut hints = hints(view.wizard);
    let width = |hints: &[Hint]| line(view, hints).width();
    for droppable in DROPPABLE {
        if width(&hints) <= usize::from(area.width) {
            break;
        }
        hints.retain(|h| *h != droppable);
    }
    while width(&hints) > usize::from(area.width) && hints.pop().is_some() {}
    frame.render_widget(line(view, &hints), area);
}

fn line<'a>(view: &View<'_>, hints: &[Hint]) -> Line<'a> {
    let mut spans = Vec::new();
    for (n, (key, what)) in hints.iter().enumerate() {
        if n > 0 {
            spans.push(Span::styled(SEPARATOR, view.theme.muted));
        }
        spans.push(Span::styled(*key, view.theme.accent));
        spans.push(Span::styled(format!(" {what}"), view.theme.muted));
    }
    Line::from(spans)
}

/// The keys that work now, most important first.
pub(crate) fn hints(wizard: &Wizard) -> Vec<Hint> {
    if wizard.command_line().is_some() {
        return vec![("Ctrl-Y", "copy"), ("any other key", "closes")];
    }
    match &wizard.chrome.modal {
        Some(Modal::Help) => return vec![("↑↓", "scroll"), ("any other key", "closes the help")],
        Some(Modal::ConfirmPurchase(_)) => {
            return vec![("y", "buy"), ("n/Esc", "cancel"), ("Enter", "does nothing")];
        }
        Some(Modal::QuitGuard) => {
            return vec![
                ("k", "keep them and quit"),
                ("c", "cancel them and quit"),
                ("s/Esc", "stay"),
            ];
        }
        None => {}
    }
    if let Some(history) = &wizard.chrome.history {
        return match history.load {
            Load::Failed { .. } => vec![("Enter", "retry"), ("Esc", "close"), QUIT],
            _ => vec![("↑↓", "move"), ("type", "search"), ("Esc", "close"), QUIT],
        };
    }
    if wizard.chrome.reference_edit.is_some() {
        return vec![
            ("Enter", "keep the reference"),
            ("Esc", "leave it as it was"),
        ];
    }
    if let Some(owned) = &wizard.chrome.owned {
        return match (&owned.release, &owned.load) {
            (Some(_), _) => vec![
                ("digits", "last four"),
                ("Enter", "release"),
                ("Esc", "keep it"),
            ],
            (None, Load::Failed { .. }) => vec![("Enter", "retry"), ("Esc", "close"), QUIT],
            (None, _) => vec![
                ("↑↓", "move"),
                ("type", "filter"),
                ("Ctrl-X", "release"),
                ("Esc", "close"),
                QUIT,
            ],
        };
    }
    if let Some(manager) = &wizard.chrome.manager {
        return match manager.load {
            Load::Failed { .. } => vec![("Enter", "retry"), ("Esc", "close"), QUIT],
            _ if wizard.held.holds.is_empty() => vec![("Esc", "close"), QUIT],
            _ => vec![
                ("↑↓", "move"),
                ("b", "buy"),
                ("c", "cancel"),
                ("Esc", "close"),
                QUIT,
            ],
        };
    }
    if wizard.held.basket.open {
        return basket_hints(wizard);
    }
    if let Some(search) = wizard
        .lists
        .everywhere
        .as_ref()
        .filter(|_| wizard.step == Step::Group)
    {
        return everywhere_hints(search);
    }
    let search_empty = wizard.search_text().is_none_or(str::is_empty);
    let help = if search_empty && wizard.step != Step::Number {
        HELP
    } else {
        HELP_F1
    };
    let back = ("Esc", "back");
    let mut keys = match (wizard.step, step_data(wizard)) {
        (Step::Review, data) => {
            // `e` (the reference) is told on its own line of the screen: the footer keeps room
            // for help and the manager.
            let mut keys = vec![("r", "reserve"), ("b", "buy now")];
            if data == Some(Stage::Failed) {
                keys.push(("Enter", "retry"));
            }
            keys.push(back);
            keys
        }
        (Step::Reserved, _) => {
            let expired = wizard.shown_hold().is_none_or(|h| h.is_expired(wizard.now));
            let mut keys = if expired {
                vec![("r", "reserve again (1 credit)")]
            } else {
                vec![("b", "buy"), ("c", "cancel")]
            };
            keys.push(if expired {
                back
            } else {
                ("Esc", "back (keeps it)")
            });
            keys
        }
        (Step::Done, _) if wizard.purchase_pending() => vec![],
        // Buying is off until the outcome is known: nothing offers to buy another.
        (Step::Done, _) if wizard.outcome_unknown() => vec![back],
        (Step::Done, _) => vec![("Enter", "buy another"), back],
        (_, Some(Stage::Failed)) => vec![("Enter", "retry"), back],
        (_, Some(Stage::Loading | Stage::Idle)) => vec![back],
        (step, Some(Stage::Loaded) | None) => {
            let mut keys = if wizard.everywhere_offer().is_some() {
                // No group matches a pattern: Enter searches every group for it.
                vec![("Enter", "search every group")]
            } else if nothing_to_choose(wizard) {
                vec![]
            } else {
                vec![("↑↓", "move"), ("Enter", "choose")]
            };
            if step == Step::Number && !nothing_to_choose(wizard) {
                keys.push(("Space", "mark"));
            }
            if step == Step::Number && !wizard.basket().is_empty() {
                keys.push(BASKET);
            }
            // Tab orders the numbers memorable-first with or without a pattern.
            if step == Step::Number && !nothing_to_choose(wizard) {
                keys.push(("Tab", "memorable first"));
            }
            if !search_empty {
                keys.push(("Esc", "clear"));
            } else if step != Step::Country {
                keys.push(back);
            }
            keys
        }
    };
    keys.extend([help, MANAGER, QUIT]);
    keys
}

/// The keys of the search of every group.
fn everywhere_hints(search: &crate::wizard::Everywhere) -> Vec<Hint> {
    use crate::wizard::EverywherePhase as Phase;
    let mut keys = match search.phase {
        Phase::Confirm { .. } => vec![("y/Enter", "search"), ("n/Esc", "not now")],
        Phase::Running => vec![("↑↓", "move"), ("Enter", "review"), ("Esc", "stop")],
        Phase::OfferCompletion { .. } => vec![
            ("y", "complete"),
            ("n", "keep these"),
            ("Enter", "review"),
            ("Esc", "close"),
        ],
        Phase::Finished { .. } => vec![("↑↓", "move"), ("Enter", "review"), ("Esc", "close")],
    };
    if matches!(search.phase, Phase::Running | Phase::Finished { .. }) {
        keys.insert(1, ("Space", "mark"));
        keys.push(("r/b", "basket"));
    }
    // Nothing found (yet): the keys that act on a row have nothing to act on.
    if search.rows.is_empty() {
        keys.retain(|&(key, _)| !matches!(key, "↑↓" | "Enter" | "Space"));
    }
    keys.extend([MANAGER, QUIT]);
    keys
}

/// The keys of the basket, and of its questions.
fn basket_hints(wizard: &Wizard) -> Vec<Hint> {
    match &wizard.basket().ask {
        Some(crate::wizard::BasketAsk::Reserve { .. }) => {
            vec![
                ("y", "reserve"),
                ("n/Esc", "cancel"),
                ("Enter", "does nothing"),
            ]
        }
        Some(crate::wizard::BasketAsk::Buy { .. }) => {
            vec![
                ("y", "buy them all"),
                ("n/Esc", "cancel"),
                ("Enter", "does nothing"),
            ]
        }
        None if wizard.basket().is_empty() => vec![("Esc", "close"), QUIT],
        None => vec![
            ("↑↓", "move"),
            ("r", "reserve all"),
            ("b", "buy all"),
            ("Space", "unmark"),
            ("Esc", "close"),
            QUIT,
        ],
    }
}
