//! Counts in words, as an operator would say them: `1 number`, `3 numbers`, `1 line was`,
//! `2 lines were`, never `number(s)`.

/// `count` and `noun`, the noun in the plural unless the count is one (`2 numbers`).
pub(crate) fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// "was" for one, "were" for any other count.
pub(crate) fn was(count: usize) -> &'static str {
    if count == 1 { "was" } else { "were" }
}

/// "is" for one, "are" for any other count.
pub(crate) fn is(count: usize) -> &'static str {
    if count == 1 { "is" } else { "are" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "number"), "1 number");
        assert_eq!(counted(0, "number"), "0 numbers");
        assert_eq!(counted(2, "API credit"), "2 API credits");
        assert_eq!((was(1), was(3)), ("was", "were"));
        assert_eq!((is(1), is(0)), ("is", "are"));
    }
}
