//! Vanity numbers: the pattern language operators type, keypad spelling and
//! memorable-number scoring. Everything here is pure.
//!
//! The Numbers API can only search for a digit substring (`number_contains`), so a pattern is
//! split in two: its longest run of literal digits goes to the server, and the whole pattern
//! is then checked locally on each result's national number. When the API's page may have
//! stopped short, the query is narrowed by the wildcards next to it (`narrow`).
//!
//! The pattern language:
//! - digits match themselves; letters match their phone keypad digit (`PIZZA` = `74992`);
//! - `*` or `?` match any one digit;
//! - `^` anchors to the start of the national number, `$` to its end (`^555`, `0000$`);
//! - spaces, dashes, dots and parentheses are ignored; anything else is an error that names
//!   the character.

mod digit_index;
mod e164;
mod keypad;
mod memorable;
mod narrow;
mod pattern;
mod spell;

pub(crate) use digit_index::DigitIndex;
pub(crate) use e164::{national_number, split_e164};
pub use memorable::Memorable;
pub(crate) use memorable::{memorability, memorable_order};
pub use narrow::ServerQuery;
pub use pattern::VanityPattern;
pub(crate) use pattern::rank_matches;
