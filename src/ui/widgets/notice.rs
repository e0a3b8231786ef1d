//! The status line: on the left the wizard's last word to the operator, coloured by its level;
//! on the right the credit meter (requests this session, the account's usage and limit) and
//! any wait the rate limit imposes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::ui::View;
use crate::ui::text::{clean, fit};
use crate::wizard::{Meter, NoticeLevel};

/// Draws the notice and the meter on one line.
pub fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let theme = &view.theme;
    let area = area.inner(Margin::new(1, 0));
    let meter = meter_line(view, &view.wizard.meter);
    let notice = view.wizard.notice.as_ref().map(|notice| {
        let (mark, style) = match notice.level {
            NoticeLevel::Info => ("", theme.accent),
            NoticeLevel::Warning => ("⚠ ", theme.warning),
            NoticeLevel::Error => ("✗ ", theme.error),
        };
        (format!("{mark}{}", clean(&notice.text)), style)
    });
    // The notice comes first: the meter gives way when both do not fit.
    let notice_width = notice.as_ref().map_or(0, |(text, _)| text.width());
    let meter_width = meter.width();
    let meter_fits = notice_width + 1 + meter_width <= usize::from(area.width) || notice.is_none();
    let meter_width = if meter_fits {
        u16::try_from(meter_width).unwrap_or(u16::MAX)
    } else {
        0
    };
    let [notice_area, meter_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(meter_width)])
            .spacing(1)
            .areas(area);
    if meter_fits {
        frame.render_widget(meter, meter_area);
    }
    if let Some((text, style)) = notice {
        let line = Line::from(Span::styled(
            fit(&text, usize::from(notice_area.width)).into_owned(),
            style,
        ));
        frame.render_widget(line, notice_area);
    }
}

/// `waiting for rate limit (3 s) · 12 req · 340/10000 used · 80/min`, leaving out what is
/// not known.
fn meter_line(view: &View<'_>, meter: &Meter) -> Line<'static> {
    let theme = &view.theme;
    let mut spans = Vec::new();
    if let Some(wait) = meter.rate_limit_wait {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        spans.push(Span::styled(
            format!("waiting for rate limit ({seconds} s) · "),
            theme.warning,
        ));
    }
    let mut parts = vec![format!("{} req", meter.requests_sent)];
    if let Some(account) = &meter.account {
        match (account.api_request_count, account.max_api_request_count) {
            (Some(used), Some(max)) => parts.push(format!("{used}/{max} used")),
            (Some(used), None) => parts.push(format!("{used} used")),
            _ => {}
        }
        if let Some(limit) = account.requests_per_minute {
            parts.push(format!("{limit}/min"));
        }
    }
    spans.push(Span::styled(parts.join(" · "), theme.muted));
    Line::from(spans)
}
