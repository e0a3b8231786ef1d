//! Memorable-number scoring: how easy a national number is to remember, and why.
//!
//! A number earns points for its single most striking feature: repeated digits (`7777`),
//! runs (`1234`, `9876`), repeated pairs (`1212`), mirrors (`1221`) and round endings (`000`).
//! Longer features score more, and a feature scores more the closer it sits to the end,
//! because people remember how a number ends. The length weights are set so that a longer
//! feature anywhere beats a shorter one at the end (a quad in the middle beats a triple at the
//! end), while the end bonus decides between features of similar weight.

use std::cmp::Reverse;

use super::e164::national_number;

/// Why a number is memorable and how much: higher scores are more memorable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Memorable {
    pub(crate) score: u32,
    /// Short label for the list: `quad 7`, `run 1234`, `pair 12`, `mirror 1221`, `ends 000`.
    pub tag: String,
}

/// Features shorter than this are too common to be worth a tag (a triple is the exception:
/// three equal digits stand out on their own).
const MIN_PATTERN_LEN: usize = 4;
const MIN_REPEAT_LEN: usize = 3;
const MIN_ROUND_ZEROS: usize = 3;
/// E.164 numbers have at most 15 digits; longer input is not a phone number.
const MAX_NATIONAL_DIGITS: usize = 15;

/// Bonus for a feature ending on the last digit; it shrinks by `END_BONUS_STEP` per digit of
/// distance from the end.
const END_BONUS: u32 = 20;
const END_BONUS_STEP: u32 = 5;

/// The most memorable feature of `national` (its digits only), or `None` for a plain number
/// (or one with anything but digits, or more than 15 of them).
pub(crate) fn memorability(national: &str) -> Option<Memorable> {
    let digits = national.as_bytes();
    if digits.len() > MAX_NATIONAL_DIGITS || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut best: Option<Memorable> = None;
    let mut consider = |weight: u32, end: usize, tag: String| {
        let distance = extra(digits.len(), end);
        let score = weight + END_BONUS.saturating_sub(distance * END_BONUS_STEP);
        if best.as_ref().is_none_or(|best| score > best.score) {
            best = Some(Memorable { score, tag });
        }
    };
    let text = |range: std::ops::Range<usize>| String::from_utf8_lossy(&digits[range]).into_owned();

    // Every start position is tried, extending as far as the feature goes. A later start
    // inside the same feature ends at the same place but is shorter, so it never wins.
    for start in 0..digits.len() {
        let end = extend(digits, start, 1, |d, i| d[i] == d[i - 1]);
        let len = end - start;
        if len >= MIN_REPEAT_LEN {
            let digit = char::from(digits[start]);
            let tag = match len {
                3 => format!("triple {digit}"),
                4 => format!("quad {digit}"),
                _ => format!("{len}× {digit}"),
            };
            consider(repeat_weight(len), end, tag);
        }

        for step in [1i16, -1] {
            let end = extend(digits, start, 1, |d, i| {
                i16::from(d[i]) - i16::from(d[i - 1]) == step
            });
            if end - start >= MIN_PATTERN_LEN {
                consider(
                    run_weight(end - start),
                    end,
                    format!("run {}", text(start..end)),
                );
            }
        }

        if start + 1 < digits.len() && digits[start] != digits[start + 1] {
            let end = extend(digits, start, 2, |d, i| d[i] == d[i - 2]);
            if end - start >= MIN_PATTERN_LEN {
                let tag = format!("pair {}", text(start..start + 2));
                consider(pair_weight(end - start), end, tag);
            }
        }

        for end in start + MIN_PATTERN_LEN..=digits.len() {
            let window = &digits[start..end];
            let mirrored = window.iter().eq(window.iter().rev());
            let all_same = window.iter().all(|&d| d == window[0]);
            if mirrored && !all_same {
                consider(
                    mirror_weight(end - start),
                    end,
                    format!("mirror {}", text(start..end)),
                );
            }
        }
    }

    let zeros = digits.iter().rev().take_while(|&&d| d == b'0').count();
    if zeros >= MIN_ROUND_ZEROS {
        consider(
            round_weight(zeros),
            digits.len(),
            format!("ends {}", "0".repeat(zeros)),
        );
    }
    best
}

/// The end of the longest stretch from `start` in which every digit from `start + from`
/// on satisfies `continues(digits, i)`.
fn extend(
    digits: &[u8],
    start: usize,
    from: usize,
    continues: impl Fn(&[u8], usize) -> bool,
) -> usize {
    let mut end = (start + from).min(digits.len());
    while end < digits.len() && continues(digits, end) {
        end += 1;
    }
    end
}

fn repeat_weight(len: usize) -> u32 {
    match len {
        3 => 30,
        4 => 55,
        _ => 55 + 20 * extra(len, 4),
    }
}

fn run_weight(len: usize) -> u32 {
    45 + 15 * extra(len, 4)
}

fn pair_weight(len: usize) -> u32 {
    35 + 8 * extra(len, 4)
}

fn mirror_weight(len: usize) -> u32 {
    30 + 8 * extra(len, 4)
}

/// Round endings beat the plain repeat of the same zeros (`ends 000` over `triple 0`).
fn round_weight(zeros: usize) -> u32 {
    45 + 20 * extra(zeros, 3)
}

/// Digits beyond `base`; `memorability` caps inputs at 15 digits, so this stays tiny.
fn extra(len: usize, base: usize) -> u32 {
    len.saturating_sub(base) as u32
}

/// Indices of the E.164 `numbers`, most memorable first. Plain numbers (and anything that is
/// not E.164) come last; equal scores keep the input order.
pub(crate) fn memorable_order<S: AsRef<str>>(numbers: &[S]) -> Vec<usize> {
    let scores: Vec<u32> = numbers
        .iter()
        .map(|number| {
            national_number(number.as_ref())
                .and_then(memorability)
                .map_or(0, |memorable| memorable.score)
        })
        .collect();
    let mut order: Vec<usize> = (0..numbers.len()).collect();
    order.sort_by_key(|&index| Reverse(scores[index]));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(national: &str) -> Option<String> {
        memorability(national).map(|memorable| memorable.tag)
    }

    fn score(national: &str) -> u32 {
        memorability(national).map_or(0, |memorable| memorable.score)
    }

    #[test]
    fn repeated_digits() {
        assert_eq!(tag("2135557771").as_deref(), Some("triple 7"));
        assert_eq!(tag("2135817777").as_deref(), Some("quad 7"));
        assert_eq!(tag("2138177777").as_deref(), Some("5× 7"));
        assert_eq!(tag("2177777771").as_deref(), Some("7× 7"));
    }

    #[test]
    fn runs_up_and_down() {
        assert_eq!(tag("2130581234").as_deref(), Some("run 1234"));
        assert_eq!(tag("2130589876").as_deref(), Some("run 9876"));
        assert_eq!(tag("2130345678").as_deref(), Some("run 345678"));
    }

    #[test]
    fn pairs_mirrors_and_round_endings() {
        assert_eq!(tag("2130581212").as_deref(), Some("pair 12"));
        assert_eq!(tag("2130584343").as_deref(), Some("pair 43"));
        assert_eq!(tag("2130581221").as_deref(), Some("mirror 1221"));
        assert_eq!(tag("2130512321").as_deref(), Some("mirror 12321"));
        assert_eq!(tag("2130586000").as_deref(), Some("ends 000"));
        assert_eq!(tag("2130580000").as_deref(), Some("ends 0000"));
    }

    #[test]
    fn plain_numbers_have_no_tag() {
        assert_eq!(memorability("2130581946"), None);
        assert_eq!(memorability("2130581947"), None);
        assert_eq!(memorability(""), None);
        assert_eq!(memorability("213-555-7777"), None, "digits only");
        assert_eq!(memorability("2135557777123456"), None, "over 15 digits");
    }

    #[test]
    fn closer_to_the_end_scores_higher() {
        assert_eq!(score("2137779581"), 30);
        assert_eq!(score("2139581777"), 50);
        assert_eq!(score("2135827771"), 45);
        assert!(score("2130581234") > score("2131234058"));
    }

    #[test]
    fn longer_scores_higher_and_the_best_tag_wins() {
        assert!(score("2135817777") > score("2135818777"));
        assert!(score("2138177777") > score("2135817777"));
        // A quad in the middle beats a triple at the end.
        assert_eq!(tag("2777758777").as_deref(), Some("quad 7"));
        // A run of four at the end beats the triple it follows.
        assert_eq!(tag("2135551234").as_deref(), Some("run 1234"));
        assert_eq!(score("2135551234"), 65);
    }

    #[test]
    fn order_puts_the_most_memorable_first() {
        let numbers = [
            "+12130581946", // plain
            "+12135557771", // triple 7, one from the end
            "+12130580000", // ends 0000
            "+12130581947", // plain
            "+12135817777", // quad 7 at the end
            "not a number",
        ];
        assert_eq!(memorable_order(&numbers), vec![2, 4, 1, 0, 3, 5]);
        assert!(memorable_order::<&str>(&[]).is_empty());
    }
}
