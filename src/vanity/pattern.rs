//! Parsing and matching vanity patterns such as `PIZZA`, `^555`, `77*7$` or `12*4`.

use std::fmt;
use std::ops::Range;

use super::e164::split_e164;
use super::keypad::keypad_digit;

/// E.164 numbers have at most 15 digits, so no national number is longer.
const MAX_PATTERN_DIGITS: usize = 15;

/// One position of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
    /// A literal digit, with the letter it was typed as (upper case), if any.
    Digit { digit: u8, letter: Option<char> },
    /// `*` or `?`: any one digit.
    AnyDigit,
}

/// A parsed vanity pattern. Matching is done against the national number's digits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VanityPattern {
    pub(super) tokens: Vec<Token>,
    anchored_start: bool,
    anchored_end: bool,
    /// The longest run of literal digits: what the API can search for with `number_contains`.
    server_query: String,
}

/// Why a pattern cannot be used; the Display text is meant for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error(
        "'{symbol}' (character {position}) is not allowed: use digits, letters, * or ? for any \
         digit, ^ for the start and $ for the end"
    )]
    InvalidCharacter { symbol: char, position: usize },
    #[error(
        "'{letter}' (character {position}) is not on the phone keypad: use the letters A-Z \
         without accents"
    )]
    NotOnKeypad { letter: char, position: usize },
    #[error(
        "'+' (character {position}): leave out the country code, the pattern matches the \
         national number"
    )]
    CountryCode { position: usize },
    #[error(
        "'^' (character {position}) must come first: it anchors the pattern to the start of \
         the number"
    )]
    MisplacedStart { position: usize },
    #[error(
        "'$' (character {position}) must come last: it anchors the pattern to the end of the \
         number"
    )]
    MisplacedEnd { position: usize },
    #[error("type at least one digit or letter: * ? ^ and $ alone match every number")]
    NoDigits,
    #[error("the pattern has {digits} digits, more than any phone number ({MAX_PATTERN_DIGITS})")]
    TooLong { digits: usize },
}

impl VanityPattern {
    /// Parses what the operator typed. Spaces, dashes, dots and parentheses (a number pasted as
    /// it is written, `(213) 555-1234`) are ignored; a blank text gives
    /// the empty pattern, which filters nothing out (see [`VanityPattern::is_empty`]).
    pub fn parse(text: &str) -> Result<Self, PatternError> {
        let mut tokens = Vec::new();
        let mut anchored_start = false;
        // Where a `$` was seen: anything significant after it is an error reported at the `$`.
        let mut end_anchor_position: Option<usize> = None;
        for (index, symbol) in text.chars().enumerate() {
            let position = index + 1;
            if matches!(symbol, '-' | '.' | '(' | ')') || symbol.is_whitespace() {
                continue;
            }
            if let Some(position) = end_anchor_position {
                return Err(PatternError::MisplacedEnd { position });
            }
            match symbol {
                '^' if anchored_start || !tokens.is_empty() => {
                    return Err(PatternError::MisplacedStart { position });
                }
                '^' => anchored_start = true,
                '$' => end_anchor_position = Some(position),
                '*' | '?' => tokens.push(Token::AnyDigit),
                '+' => return Err(PatternError::CountryCode { position }),
                _ => match keypad_digit(symbol) {
                    Some(digit) => tokens.push(Token::Digit {
                        digit: digit as u8,
                        letter: symbol
                            .is_ascii_alphabetic()
                            .then(|| symbol.to_ascii_uppercase()),
                    }),
                    None if symbol.is_alphabetic() => {
                        return Err(PatternError::NotOnKeypad {
                            letter: symbol,
                            position,
                        });
                    }
                    None => return Err(PatternError::InvalidCharacter { symbol, position }),
                },
            }
        }
        let anchored_end = end_anchor_position.is_some();
        let has_digit = tokens.iter().any(|t| matches!(t, Token::Digit { .. }));
        if !has_digit && (anchored_start || anchored_end || !tokens.is_empty()) {
            return Err(PatternError::NoDigits);
        }
        if tokens.len() > MAX_PATTERN_DIGITS {
            return Err(PatternError::TooLong {
                digits: tokens.len(),
            });
        }
        let server_query = longest_literal_run(&tokens);
        Ok(Self {
            tokens,
            anchored_start,
            anchored_end,
            server_query,
        })
    }

    /// True for the pattern of a blank text: it matches every number.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// How many digits a match spans: one per digit, letter and wildcard.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The longest run of literal digits (the first of equally long runs): the part sent to the
    /// API as `number_contains`. Empty for the empty pattern.
    pub(crate) fn server_query(&self) -> &str {
        &self.server_query
    }

    #[cfg(test)]
    /// Whether results of the server query still need [`VanityPattern::find`] to drop numbers:
    /// true when the pattern has anchors, wildcards or more than one run of digits.
    pub(crate) fn needs_local_filter(&self) -> bool {
        self.anchored_start || self.anchored_end || self.tokens.len() != self.server_query.len()
    }

    pub(crate) fn is_anchored_start(&self) -> bool {
        self.anchored_start
    }

    pub(crate) fn is_anchored_end(&self) -> bool {
        self.anchored_end
    }

    /// How letters were turned into digits, e.g. `"PIZZA → 74992"`; `None` when no letter was
    /// typed. Wildcards show as `*` on both sides.
    pub fn mapping(&self) -> Option<String> {
        let has_letter = self.tokens.iter().any(|t| {
            matches!(
                t,
                Token::Digit {
                    letter: Some(_),
                    ..
                }
            )
        });
        has_letter.then(|| format!("{} → {}", self.render(true), self.render(false)))
    }

    /// Where the pattern matches in `national` (its digits only), as a byte range. Of several
    /// places, the one nearest the end wins: operators care most about how a number ends.
    /// The empty pattern matches every number, with an empty range at its end.
    pub fn find(&self, national: &str) -> Option<Range<usize>> {
        if self.is_empty() {
            return Some(national.len()..national.len());
        }
        let digits = national.as_bytes();
        let last_start = digits.len().checked_sub(self.tokens.len())?;
        // The starts the anchors allow: `^` only 0, `$` only the last, both only 0 when it is
        // the last. (An exclusive range: an inclusive one runs slower in this hot loop.)
        let first = if self.anchored_end { last_start } else { 0 };
        let last = if self.anchored_start { 0 } else { last_start };
        (first..last + 1)
            .rev()
            .find(|&start| self.matches_at(digits, start))
            .map(|start| start..start + self.tokens.len())
    }

    /// Where the pattern matches the national part of an E.164 number (`"+12135551234"`), as a
    /// byte range of `e164` itself so it can be highlighted in place. `None` when the number
    /// does not match or is not valid E.164 (see [`split_e164`]).
    pub fn matches(&self, e164: &str) -> Option<Range<usize>> {
        let (_, national) = split_e164(e164)?;
        let offset = e164.len() - national.len();
        self.find(national)
            .map(|range| range.start + offset..range.end + offset)
    }

    fn matches_at(&self, digits: &[u8], start: usize) -> bool {
        self.tokens
            .iter()
            .zip(&digits[start..])
            .all(|(token, &actual)| match *token {
                Token::Digit { digit, .. } => digit == actual,
                Token::AnyDigit => actual.is_ascii_digit(),
            })
    }

    fn render(&self, with_letters: bool) -> String {
        let mut text = String::with_capacity(self.tokens.len() + 2);
        if self.anchored_start {
            text.push('^');
        }
        for token in &self.tokens {
            text.push(match *token {
                Token::Digit {
                    letter: Some(letter),
                    ..
                } if with_letters => letter,
                Token::Digit { digit, .. } => char::from(digit),
                Token::AnyDigit => '*',
            });
        }
        if self.anchored_end {
            text.push('$');
        }
        text
    }
}

/// The canonical digit form: `^555`, `77*7$`, `74992` for `PIZZA`.
impl fmt::Display for VanityPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

fn longest_literal_run(tokens: &[Token]) -> String {
    let mut best: &[Token] = &[];
    for run in tokens.split(|t| *t == Token::AnyDigit) {
        if run.len() > best.len() {
            best = run;
        }
    }
    best.iter()
        .filter_map(|t| match *t {
            Token::Digit { digit, .. } => Some(char::from(digit)),
            Token::AnyDigit => None,
        })
        .collect()
}

/// The E.164 `numbers` that match `pattern`, with their match range (as from
/// [`VanityPattern::matches`]), ordered by how close the match sits to the end of the number:
/// matches ending on the last digit first. Equal distances keep the input order.
pub(crate) fn rank_matches<S: AsRef<str>>(
    pattern: &VanityPattern,
    numbers: &[S],
) -> Vec<(usize, Range<usize>)> {
    let mut matched: Vec<(usize, Range<usize>)> = numbers
        .iter()
        .enumerate()
        .filter_map(|(index, number)| Some((index, pattern.matches(number.as_ref())?)))
        .collect();
    // Ranges are in E.164 text, whose end is the national number's end.
    matched.sort_by_key(|(index, range)| numbers[*index].as_ref().len() - range.end);
    matched
}

#[cfg(test)]
#[path = "pattern_tests.rs"]
mod tests;
