//! The status line: on the left the wizard's last word to the operator, coloured by its level;
//! on the right the credit meter as a sentence (requests this session, the account's monthly
//! usage kept up to date, its limit), short on a narrow terminal, and any rate-limit wait.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::ui::View;
use crate::ui::text::{clean, fit};
use crate::wizard::{Meter, NoticeLevel};

/// Draws the notice and the meter on one line.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let theme = &view.theme;
    let area = area.inner(Margin::new(1, 0));
    let meter = meter_line(view, &view.wizard.chrome.meter, usize::from(area.width));
    let notice = view.wizard.chrome.notice.as_ref().map(|notice| {
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

/// `waiting for rate limit (3 s) · 11 requests this session · 2,028 of 10,000 monthly credits
/// used · limit 80/min`, leaving out what is not known.
fn meter_line(view: &View<'_>, meter: &Meter, width: usize) -> Line<'static> {
    let theme = &view.theme;
    let mut spans = Vec::new();
    if let Some(wait) = meter.rate_limit_wait {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        spans.push(Span::styled(
            format!("waiting for rate limit ({seconds} s) · "),
            theme.warning,
        ));
    }
    let waiting: usize = spans.iter().map(|s| s.content.width()).sum();
    let sentence = meter_sentence(meter);
    // A narrow terminal gets the same figures, short.
    let text = if waiting + sentence.width() <= width {
        sentence
    } else {
        meter_short(meter)
    };
    spans.push(Span::styled(text, theme.muted));
    Line::from(spans)
}

/// `11 req · 2,028/10,000 used · 80/min`.
fn meter_short(meter: &Meter) -> String {
    let mut parts = vec![format!("{} req", grouped(meter.requests_sent))];
    if let Some(account) = &meter.account {
        match (meter.monthly_used(), account.max_api_request_count) {
            (Some(used), Some(max)) => {
                parts.push(format!("{}/{} used", grouped(used), grouped(max)));
            }
            (Some(used), None) => parts.push(format!("{} used", grouped(used))),
            _ => {}
        }
        if let Some(limit) = account.requests_per_minute {
            parts.push(format!("{limit}/min"));
        }
    }
    parts.join(" · ")
}

/// The meter as a sentence.
pub(crate) fn meter_sentence(meter: &Meter) -> String {
    let sent = meter.requests_sent;
    let mut parts = vec![match sent {
        1 => "1 request this session".to_owned(),
        n => format!("{} requests this session", grouped(n)),
    }];
    if let Some(account) = &meter.account {
        match (meter.monthly_used(), account.max_api_request_count) {
            (Some(used), Some(max)) => parts.push(format!(
                "{} of {} monthly credits used",
                grouped(used),
                grouped(max)
            )),
            (Some(used), None) => parts.push(format!("{} monthly credits used", grouped(used))),
            _ => {}
        }
        if let Some(limit) = account.requests_per_minute {
            parts.push(format!("limit {limit}/min"));
        }
    }
    parts.join(" · ")
}

/// `10000` → `10,000`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::AccountInfo;

    #[test]
    fn the_meter_reads_as_a_sentence_and_counts_what_was_sent_since_the_reading() {
        let mut meter = Meter {
            requests_sent: 3,
            requests_at_reading: 3,
            account: Some(AccountInfo {
                api_request_count: Some(2_020),
                max_api_request_count: Some(10_000),
                requests_per_minute: Some(80),
                ..AccountInfo::default()
            }),
            ..Meter::default()
        };
        meter.requests_sent = 11;
        assert_eq!(
            meter_sentence(&meter),
            "11 requests this session · 2,028 of 10,000 monthly credits used · limit 80/min"
        );
        assert_eq!(meter_short(&meter), "11 req · 2,028/10,000 used · 80/min");
        assert_eq!(meter_sentence(&Meter::default()), "0 requests this session");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(999), "999");
    }
}
