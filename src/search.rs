//! Ranked filtering of wizard lists (placeholder: plain case-insensitive substring).

/// Filters and ranks candidate texts against what the operator typed.
#[derive(Default)]
pub struct Filter;

impl Filter {
    pub fn new() -> Self {
        Self
    }

    /// Indices of the candidates that match `query`, best first.
    pub fn rank<'a>(
        &mut self,
        query: &str,
        len: usize,
        keys: impl Fn(usize) -> Vec<&'a str>,
    ) -> Vec<usize> {
        let query = query.to_lowercase();
        (0..len)
            .filter(|&i| keys(i).iter().any(|k| k.to_lowercase().contains(&query)))
            .collect()
    }

    /// Char positions of `text` matched by `query`.
    pub fn match_positions(&mut self, _query: &str, _text: &str) -> Vec<u32> {
        Vec::new()
    }
}
