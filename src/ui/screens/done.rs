//! The done step: the receipt of a purchase, or — when its answer never arrived — a clear
//! warning that the outcome is unknown and how to find out.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};

use crate::ui::View;
use crate::ui::phone::pretty;
use crate::ui::text::{clean, utc};
use crate::wizard::{Purchase, PurchaseTarget};

use super::{body_block, draw_scrolled, field, json_fields};

/// Draws the done step.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let theme = &view.theme;
    let (title, lines) = match &view.wizard.held.purchase {
        Purchase::Bought {
            target,
            receipt,
            number,
            at,
        } => {
            let mut lines = vec![Line::styled("✓ Bought.", theme.ok), Line::raw("")];
            lines.extend(target_lines(view, target, number.as_deref()));
            lines.push(field(view, "Time", vec![Span::raw(utc(*at))]));
            if let Some(path) = &view.wizard.chrome.journal_path {
                lines.push(field(
                    view,
                    "Recorded",
                    vec![Span::raw(clean(path).into_owned())],
                ));
            }
            lines.push(Line::raw(""));
            match receipt {
                Some(receipt) => {
                    lines.push(Line::styled("The API's answer", theme.title));
                    lines.extend(json_fields(view, &receipt.body));
                }
                None => {
                    lines.push(Line::styled(
                        "The answer to the purchase never arrived;",
                        theme.muted,
                    ));
                    lines.push(Line::styled(
                        "the account's numbers show it was bought.",
                        theme.muted,
                    ));
                }
            }
            (" Bought ", lines)
        }
        Purchase::Settling { target, reason, .. } => {
            let mut lines = vec![
                Line::styled(
                    format!(
                        "{} Checking whether the purchase went through…",
                        crate::ui::widgets::spinner::frame(view.wizard)
                    ),
                    theme.warning,
                ),
                Line::raw(""),
            ];
            lines.extend(uncertain_lines(view, target, reason));
            lines.push(Line::styled(
                "numpick is asking the API for the account's numbers;",
                theme.muted,
            ));
            lines.push(Line::styled(
                "nothing is bought again, and this screen stays until the answer is known.",
                theme.muted,
            ));
            (" Purchase outcome pending ", lines)
        }
        Purchase::Unknown { target, reason } => {
            let number = target
                .number
                .as_deref()
                .map_or("the number".to_owned(), pretty);
            let mut lines = vec![
                Line::styled("⚠ The outcome of this purchase is unknown.", theme.error),
                Line::styled(
                    "  The number may or may not have been bought (and paid for).",
                    theme.warning,
                ),
                Line::raw(""),
            ];
            lines.extend(uncertain_lines(view, target, reason));
            lines.push(Line::styled("Before buying again, check:", theme.title));
            lines.push(Line::raw(
                "  • the numbers the account owns (2Chat dashboard):",
            ));
            lines.push(Line::raw(format!(
                "    is {number} among them? Then it was bought."
            )));
            lines.push(Line::raw(
                "  • Ctrl-R: is the reservation still held? If so it was not bought.",
            ));
            lines.push(Line::styled(
                "  Buying again before knowing could buy a second number.",
                theme.warning,
            ));
            (" Purchase outcome unknown ", lines)
        }
        Purchase::Idle | Purchase::InFlight { .. } => (
            " Done ",
            vec![Line::styled("Nothing was bought.", theme.muted)],
        ),
    };
    let block = body_block(view, title);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let furthest = draw_scrolled(view, frame, inner, lines, view.wizard.document_scroll());
    view.wizard.report_document_end(furthest);
}

/// What may have been bought and why its outcome is not known, then a blank line.
fn uncertain_lines<'a>(view: &View<'_>, target: &PurchaseTarget, reason: &str) -> Vec<Line<'a>> {
    let mut lines = target_lines(view, target, target.number.as_deref());
    lines.push(field(
        view,
        "Why",
        vec![Span::raw(clean(reason).into_owned())],
    ));
    lines.push(Line::raw(""));
    lines
}

/// The number, group and prices of what was (or may have been) bought.
fn target_lines<'a>(
    view: &View<'_>,
    target: &PurchaseTarget,
    number: Option<&str>,
) -> Vec<Line<'a>> {
    let number = match number {
        Some(number) => Span::styled(pretty(number), view.theme.title),
        None => Span::raw("a random number of the group"),
    };
    let mut lines = vec![field(view, "Number", vec![number])];
    let id = clean(target.group_id.as_str()).into_owned();
    lines.extend(super::group_fields(
        view,
        target.group.as_ref(),
        Span::raw(id),
    ));
    lines
}
