//! Server queries that together find every number a pattern matches.
//!
//! The API answers `number_contains` with at most one page of numbers, so the longest literal
//! run of a pattern (`8` for `8?8?8`) can be answered with a page that stops before the
//! numbers the whole pattern wants. Such a query is narrowed: the wildcard next to its span
//! takes each digit in turn and the span grows over the literal digits beyond it, so `8`
//! becomes `808` … `898`. Every number the pattern matches contains exactly one of the ten,
//! so their answers, once none is cut short, hold every match.

use super::pattern::{Token, VanityPattern};

/// One `number_contains` query: the tokens `start..end` of a pattern, with the wildcards
/// among them replaced by chosen digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerQuery {
    start: usize,
    end: usize,
    digits: String,
}

impl ServerQuery {
    /// The digits sent as `number_contains`.
    pub(crate) fn digits(&self) -> &str {
        &self.digits
    }
}

impl VanityPattern {
    /// The first query for this pattern: its longest literal run, as
    /// [`VanityPattern::server_query`]. `None` for the empty pattern.
    pub(crate) fn first_query(&self) -> Option<ServerQuery> {
        let mut best = (0, 0);
        let mut start = 0;
        for (index, token) in self.tokens.iter().enumerate() {
            if *token == Token::AnyDigit {
                start = index + 1;
            } else if index + 1 - start > best.1 - best.0 {
                best = (start, index + 1);
            }
        }
        let (start, end) = best;
        (end > start).then(|| ServerQuery {
            start,
            end,
            digits: self.server_query().to_owned(),
        })
    }

    /// The ten narrower queries that together cover what `query` covers of this pattern's
    /// matches: the wildcard after the span (else the one before it) takes each digit, and
    /// the span grows over the literal digits beyond it. Empty when the span is the whole
    /// pattern, so nothing is left to narrow by.
    pub fn narrow(&self, query: &ServerQuery) -> Vec<ServerQuery> {
        let tokens = &self.tokens;
        let literal = |token: &Token| match *token {
            Token::Digit { digit, .. } => Some(char::from(digit)),
            Token::AnyDigit => None,
        };
        if query.end < tokens.len() {
            let mut end = query.end + 1;
            let mut tail = String::new();
            while let Some(digit) = tokens.get(end).and_then(literal) {
                tail.push(digit);
                end += 1;
            }
            return (b'0'..=b'9')
                .map(|wild| ServerQuery {
                    start: query.start,
                    end,
                    digits: format!("{}{}{tail}", query.digits, char::from(wild)),
                })
                .collect();
        }
        if query.start > 0 {
            let mut start = query.start - 1;
            let mut head = String::new();
            while start > 0 {
                let Some(digit) = literal(&tokens[start - 1]) else {
                    break;
                };
                head.insert(0, digit);
                start -= 1;
            }
            return (b'0'..=b'9')
                .map(|wild| ServerQuery {
                    start,
                    end: query.end,
                    digits: format!("{head}{}{}", char::from(wild), query.digits),
                })
                .collect();
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(queries: &[ServerQuery]) -> Vec<&str> {
        queries.iter().map(ServerQuery::digits).collect()
    }

    #[test]
    fn a_wildcard_next_to_the_run_becomes_ten_queries() {
        let pattern = VanityPattern::parse("8?8?8").unwrap();
        let first = pattern.first_query().unwrap();
        assert_eq!(first.digits(), "8");
        let narrower = pattern.narrow(&first);
        assert_eq!(
            digits(&narrower),
            [
                "808", "818", "828", "838", "848", "858", "868", "878", "888", "898"
            ]
        );
        let last = pattern.narrow(&narrower[9]);
        assert_eq!(last.len(), 10);
        assert_eq!(last[0].digits(), "89808");
        assert!(pattern.narrow(&last[0]).is_empty(), "the whole pattern");
    }

    #[test]
    fn the_longest_run_grows_leftwards_at_the_end_of_the_pattern() {
        let pattern = VanityPattern::parse("1?5555$").unwrap();
        let first = pattern.first_query().unwrap();
        assert_eq!(first.digits(), "5555");
        assert_eq!(pattern.narrow(&first)[3].digits(), "135555");
        assert!(pattern.narrow(&pattern.narrow(&first)[3]).is_empty());
    }

    #[test]
    fn runs_of_wildcards_grow_one_digit_at_a_time() {
        let pattern = VanityPattern::parse("77??").unwrap();
        let first = pattern.first_query().unwrap();
        let once = pattern.narrow(&first);
        assert_eq!(once[4].digits(), "774");
        assert_eq!(pattern.narrow(&once[4])[9].digits(), "7749");
    }

    #[test]
    fn literal_patterns_and_the_empty_one_cannot_be_narrowed() {
        let pattern = VanityPattern::parse("5551234").unwrap();
        let first = pattern.first_query().unwrap();
        assert_eq!(first.digits(), "5551234");
        assert!(pattern.narrow(&first).is_empty());
        assert_eq!(VanityPattern::default().first_query(), None);
    }
}
