//! A bit index of a text of digits: for each digit, one bit per position of the text, set where
//! that digit stands. The places where a vanity pattern's digits all stand in order are then
//! the AND of its tokens' masks, each shifted by the token's place in the pattern — a few word
//! operations for every 64 positions, whatever the pattern — instead of trying the pattern at
//! every position.

use super::pattern::{Token, VanityPattern};

/// Positions held by one word of a mask.
const WORD_BITS: usize = u64::BITS as usize;

/// One bit per position of a text of digits, for each digit.
#[derive(Debug, Clone, Default)]
pub(crate) struct DigitIndex {
    /// For each digit `0`–`9`, bit `p % 64` of word `p / 64` set where the text holds it.
    masks: [Vec<u64>; 10],
}

impl DigitIndex {
    /// The index of `text`; bytes that are not ASCII digits set no bit.
    pub(crate) fn of(text: &[u8]) -> Self {
        let words = text.len().div_ceil(WORD_BITS);
        let mut masks: [Vec<u64>; 10] = Default::default();
        for mask in &mut masks {
            mask.resize(words, 0);
        }
        for (position, byte) in text.iter().enumerate() {
            if byte.is_ascii_digit() {
                masks[usize::from(byte - b'0')][position / WORD_BITS] |=
                    1 << (position % WORD_BITS);
            }
        }
        Self { masks }
    }

    /// Fills `starts` with a bit for every position of the text from which the tokens of
    /// `pattern` all match, one digit each, as [`VanityPattern::find`] tries them (its anchors
    /// and the ends of numbers are the caller's). Set bits lie only where the whole pattern
    /// fits in the text.
    pub(crate) fn starts(&self, pattern: &VanityPattern, starts: &mut Vec<u64>) {
        let words = self.masks[0].len();
        starts.clear();
        // No tokens would match everywhere; the empty pattern is not searched this way.
        starts.resize(words, if pattern.tokens.is_empty() { 0 } else { !0 });
        for (shift, token) in pattern.tokens.iter().enumerate() {
            match *token {
                Token::Digit { digit, .. } => {
                    let mask = &self.masks[usize::from(digit - b'0')];
                    for (word, start) in starts.iter_mut().enumerate() {
                        *start &= shifted(mask, word, shift);
                    }
                }
                Token::AnyDigit => {
                    for (word, start) in starts.iter_mut().enumerate() {
                        let any = (self.masks.iter())
                            .fold(0, |any, mask| any | shifted(mask, word, shift));
                        *start &= any;
                    }
                }
            }
        }
    }
}

/// The bits of `mask` from position `word * 64 + shift` on, as one word; `shift` is below 64
/// (a pattern has at most 15 tokens).
fn shifted(mask: &[u64], word: usize, shift: usize) -> u64 {
    let low = mask[word] >> shift;
    match (shift, mask.get(word + 1)) {
        (0, _) | (_, None) => low,
        (_, Some(&next)) => low | next << (WORD_BITS - shift),
    }
}
