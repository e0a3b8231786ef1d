//! Lines of the documents the screens and dialogs show: `Label      value` fields, a group's
//! prices and features, an answer's fields, and drawing them clipped or scrolled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::api::model::{Group, Price};
use crate::ui::View;
use crate::ui::text::clean;

/// Width of the labels of [`field`] lines (a space always follows).
pub(crate) const LABEL_WIDTH: usize = 11;

/// A `Label      value` line.
pub(crate) fn field<'a>(view: &View<'_>, label: &str, value: impl Into<Vec<Span<'a>>>) -> Line<'a> {
    let mut spans = vec![Span::styled(
        format!("{label:<LABEL_WIDTH$} "),
        view.theme.muted,
    )];
    spans.extend(value.into());
    Line::from(spans)
}

/// `+1 (213) · Los Angeles · local`.
pub(crate) fn describe_group(group: &Group) -> String {
    group_parts(group, [&group.prefix, &group.location, &group.did_type])
}

/// The `parts` of `group` that are not blank, cleaned and joined by ` · `; the group's id
/// when every part is blank.
pub(crate) fn group_parts<const N: usize>(group: &Group, parts: [&String; N]) -> String {
    let parts: Vec<String> = parts
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .map(|part| clean(part).into_owned())
        .collect();
    if parts.is_empty() {
        format!("group {}", clean(group.id.as_str()))
    } else {
        parts.join(" · ")
    }
}

/// Draws `lines` in `area` without wrapping; when they do not all fit, the last row says how
/// many more there are, so nothing is cut off silently.
pub(crate) fn draw_clipped(view: &View<'_>, frame: &mut Frame, area: Rect, lines: Vec<Line<'_>>) {
    draw_scrolled(view, frame, area, lines, 0);
}

/// Draws `lines` from `offset` on; when they do not all fit, the last row says which lines are
/// shown and how to see the rest (↑↓ scroll these screens). Returns the furthest offset the
/// lines can be scrolled to in this area (0 when they all fit).
pub(crate) fn draw_scrolled(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    mut lines: Vec<Line<'_>>,
    offset: usize,
) -> usize {
    let height = usize::from(area.height);
    let mut furthest = 0;
    if lines.len() > height && height > 0 {
        let total = lines.len();
        let room = height - 1;
        furthest = total - room;
        let offset = offset.min(furthest);
        lines.drain(..offset);
        lines.truncate(room);
        lines.push(Line::styled(
            format!(
                "lines {}–{} of {total} · ↑↓ PgUp PgDn scroll",
                offset + 1,
                offset + room
            ),
            view.theme.muted,
        ));
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
    furthest
}

/// `key  value` lines of a JSON value flattened field by field, indented.
pub(crate) fn json_fields<'a>(view: &View<'_>, value: &serde_json::Value) -> Vec<Line<'a>> {
    crate::api::model::flatten_fields(value)
        .into_iter()
        .map(|(key, value)| {
            let key = if key.is_empty() {
                "value".to_owned()
            } else {
                clean(&key).into_owned()
            };
            Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{key}: "), view.theme.muted),
                Span::raw(clean(&value).into_owned()),
            ])
        })
        .collect()
}

/// The Group, Setup, Monthly and Due now lines of `group` (and Per minute where the API
/// gives it); `unknown` stands in the Group line when the group is not known.
pub(crate) fn group_fields<'a>(
    view: &View<'_>,
    group: Option<&Group>,
    unknown: Span<'a>,
) -> Vec<Line<'a>> {
    match group {
        Some(group) => {
            let mut lines = vec![
                field(view, "Group", vec![Span::raw(describe_group(group))]),
                field(view, "Setup", price(view, group.price.setup, "one-time")),
                field(view, "Monthly", price(view, group.price.monthly, "a month")),
                due_now(view, group),
            ];
            if group.price.per_minute.amount().is_some() {
                let per_minute = price(view, group.price.per_minute, "a minute of calls");
                lines.push(field(view, "Per minute", per_minute));
            }
            // The country's requirements are known when this is the group reviewed.
            let fetched = (view.wizard.chosen.group.as_ref())
                .filter(|reviewed| reviewed.id == group.id)
                .and(view.wizard.lists.requirements.load.loaded());
            let checklist = super::checklist::requirement_checklist(fetched, group);
            let documents = if checklist.is_empty() {
                Span::raw("none required")
            } else {
                Span::styled(
                    format!(
                        "{} — without them the number can be suspended",
                        checklist.summary()
                    ),
                    view.theme.warning,
                )
            };
            lines.push(field(view, "Documents", vec![documents]));
            lines
        }
        None => vec![field(view, "Group", vec![unknown])],
    }
}

/// `USD 3.50 a month`; an unknown price says so, in the warning style.
pub(crate) fn price<'a>(view: &View<'_>, price: Price, per: &str) -> Vec<Span<'a>> {
    match price {
        Price::Known(_) => vec![Span::raw(format!(
            "{} {per}",
            view.wizard.chrome.currency.show(price)
        ))],
        Price::Unknown => vec![Span::styled(
            format!("unknown {per} (the API did not say)"),
            view.theme.warning,
        )],
    }
}

/// `Due now    USD 4.50 (setup + first month)`, in the title style: what buying costs today.
pub(crate) fn due_now<'a>(view: &View<'_>, group: &Group) -> Line<'a> {
    let total = crate::money::due_now(&group.price);
    let value = match total {
        Price::Known(_) => vec![
            Span::styled(view.wizard.chrome.currency.show(total), view.theme.title),
            Span::styled(" (setup + first month)", view.theme.muted),
        ],
        Price::Unknown => vec![Span::styled(
            "unknown (the API did not give both prices)",
            view.theme.warning,
        )],
    };
    field(view, "Due now", value)
}
