//! The list filter behind every wizard screen: fuzzy, case- and accent-insensitive, ranked.
//!
//! Built on nucleo-matcher. The [`Filter`] owns the matcher (which allocates ~135 KB up front)
//! and its scratch buffers so they are reused from one keystroke to the next.
//!
//! Each whitespace-separated word of the query must match (fuzzily) on its own, so
//! "new york" and "york new" both find "New York". Every character is literal: unlike nucleo's
//! `Pattern::parse`, `^`, `$`, `!` and `'` have no special meaning, because operators type
//! names such as "Côte d'Ivoire" rather than search syntax.

use std::cmp::Reverse;

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Added to a candidate's score when one of its texts equals the whole query (ignoring case
/// and accents). Fuzzy scores stay in the low hundreds for short queries, so this lifts an
/// exact hit such as the code "US" above fuzzy name hits such as "A*us*tralia".
const EXACT_KEY_BONUS: u32 = 10_000;

/// A reusable ranked filter.
pub(crate) struct Filter {
    matcher: Matcher,
    pattern: Pattern,
    /// The query `pattern` was built from, so repeated calls with the same text skip re-parsing.
    pattern_query: String,
    /// The trimmed query, case- and accent-folded, for the exact-key bonus.
    folded_query: Vec<char>,
    /// Whether the query is ASCII, so candidates may be folded to ASCII (see [`haystack`]).
    query_is_ascii: bool,
    /// Conversion buffers for non-ASCII candidates.
    haystack_chars: Vec<char>,
    haystack_bytes: Vec<u8>,
    /// (score, candidate index) of the current call.
    scored: Vec<(u32, usize)>,
}

impl Default for Filter {
    fn default() -> Self {
        Self::new()
    }
}

impl Filter {
    pub(crate) fn new() -> Self {
        Self {
            matcher: Matcher::new(Config::DEFAULT),
            pattern: Pattern::default(),
            pattern_query: String::new(),
            folded_query: Vec::new(),
            query_is_ascii: true,
            haystack_chars: Vec::new(),
            haystack_bytes: Vec::new(),
            scored: Vec::new(),
        }
    }

    /// Indices of the `len` candidates that match `query`, best first; ties keep the original
    /// order. An empty (or blank) query returns every index in order.
    ///
    /// `keys(i)` gives the texts of candidate `i` (for example a country's name and its code);
    /// the best-scoring text counts. Returning an array (`[name, code]`) avoids any allocation
    /// per candidate.
    pub(crate) fn rank<'k, K>(
        &mut self,
        query: &str,
        len: usize,
        keys: impl Fn(usize) -> K,
    ) -> Vec<usize>
    where
        K: IntoIterator<Item = &'k str>,
    {
        if query.trim().is_empty() {
            return (0..len).collect();
        }
        self.set_query(query);
        self.scored.clear();
        for index in 0..len {
            let best = keys(index)
                .into_iter()
                .filter_map(|key| self.score(key))
                .max();
            if let Some(score) = best {
                self.scored.push((score, index));
            }
        }
        // Stable sort: equal scores keep the caller's order (e.g. alphabetical or by size).
        self.scored.sort_by_key(|&(score, _)| Reverse(score));
        self.scored.iter().map(|&(_, index)| index).collect()
    }

    #[cfg(test)]
    /// Convenience for candidates that have a single text each.
    pub(crate) fn rank_texts<S: AsRef<str>>(&mut self, query: &str, texts: &[S]) -> Vec<usize> {
        self.rank(query, texts.len(), |i| [texts[i].as_ref()])
    }

    #[cfg(test)]
    /// Positions in `text` matched by `query`, sorted and unique, for highlighting. They count
    /// chars. Empty when the query is blank or does not match.
    pub(crate) fn match_positions(&mut self, query: &str, text: &str) -> Vec<u32> {
        if query.trim().is_empty() {
            return Vec::new();
        }
        self.set_query(query);
        let mut positions = Vec::new();
        let haystack = haystack(
            text,
            self.query_is_ascii,
            &mut self.haystack_chars,
            &mut self.haystack_bytes,
        );
        if self
            .pattern
            .indices(haystack, &mut self.matcher, &mut positions)
            .is_none()
        {
            return Vec::new();
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }

    fn set_query(&mut self, query: &str) {
        if self.pattern_query == query {
            return;
        }
        self.pattern = Pattern::new(
            query,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        self.pattern_query.clear();
        self.pattern_query.push_str(query);
        self.query_is_ascii = query.is_ascii();
        self.folded_query.clear();
        self.folded_query.extend(fold(query.trim()));
    }

    fn score(&mut self, key: &str) -> Option<u32> {
        let haystack = haystack(
            key,
            self.query_is_ascii,
            &mut self.haystack_chars,
            &mut self.haystack_bytes,
        );
        let score = self.pattern.score(haystack, &mut self.matcher)?;
        let exact = fold(key.trim()).eq(self.folded_query.iter().copied());
        Some(if exact {
            score + EXACT_KEY_BONUS
        } else {
            score
        })
    }
}

/// `text` as nucleo's haystack, converted into `chars` or `bytes`.
///
/// nucleo's ASCII path is several times faster than its Unicode one, and its `Utf32Str::new`
/// also runs grapheme segmentation, which costs more than the match itself. So when the query
/// is ASCII (and therefore matches accent-insensitively anyway), accented Latin text is folded
/// to ASCII here first, char for char so that positions stay valid; other text goes through
/// as plain chars (names arrive precomposed, where chars and graphemes coincide).
fn haystack<'b>(
    text: &'b str,
    fold_accents: bool,
    chars: &'b mut Vec<char>,
    bytes: &'b mut Vec<u8>,
) -> Utf32Str<'b> {
    if text.is_ascii() {
        return Utf32Str::Ascii(text.as_bytes());
    }
    if fold_accents {
        bytes.clear();
        let folded = text.chars().all(|c| {
            let plain = nucleo_matcher::chars::normalize(c);
            plain.is_ascii() && {
                bytes.push(plain as u8);
                true
            }
        });
        if folded {
            return Utf32Str::Ascii(bytes);
        }
    }
    chars.clear();
    chars.extend(text.chars());
    Utf32Str::Unicode(chars)
}

/// Whether two texts are the same name once case, accents and outer spaces are set aside:
/// "sao paulo" and "São Paulo" are.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    fold(a.trim()).eq(fold(b.trim()))
}

/// Whether `name` contains `part`, case and accents aside: "Los Angeles" contains "angeles".
pub(crate) fn name_contains(name: &str, part: &str) -> bool {
    let name: String = fold(name).collect();
    let part: String = fold(part.trim()).collect();
    name.contains(&part)
}

/// Case- and accent-folded chars, so "sao tome" equals "São Tomé".
fn fold(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(nucleo_matcher::chars::normalize)
        .flat_map(char::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::countries::{self, Country};

    fn rank_countries(filter: &mut Filter, query: &str) -> Vec<&'static str> {
        let all: &[Country] = countries::all();
        filter
            .rank(query, all.len(), |i| [all[i].name, all[i].code])
            .into_iter()
            .map(|i| all[i].code)
            .collect()
    }

    const BRAZILIAN_CITIES: [&str; 8] = [
        "Belo Horizonte",
        "Campinas",
        "Osasco",
        "Rio de Janeiro",
        "Salvador",
        "Santos",
        "São Paulo",
        "Sorocaba",
    ];

    #[test]
    fn accents_are_ignored() {
        let mut filter = Filter::new();
        let ranked = filter.rank_texts("sao", &BRAZILIAN_CITIES);
        assert_eq!(BRAZILIAN_CITIES[ranked[0]], "São Paulo");
        // Looser fuzzy matches still follow.
        assert!(ranked.contains(&2), "Osasco also contains s-a-o");
        assert!(!ranked.contains(&1), "Campinas has no s-a-o");
    }

    #[test]
    fn accented_queries_and_non_latin_text() {
        let mut filter = Filter::new();
        let cities = ["Sao Carlos", "São Paulo", "Москва", "Łódź", "Kraków"];
        // A query typed with its accent asks for exactly that accent.
        assert_eq!(filter.rank_texts("são", &cities), vec![1]);
        assert_eq!(filter.rank_texts("SÃO", &cities), vec![1]);
        assert_eq!(filter.rank_texts("моск", &cities), vec![2]);
        assert_eq!(filter.rank_texts("krakow", &cities), vec![4]);
        // "Ł" has no ASCII decomposition, so that text takes the Unicode path.
        assert_eq!(filter.rank_texts("odz", &cities), vec![3]);
        assert_eq!(filter.match_positions("são", "São Paulo"), vec![0, 1, 2]);
        assert_eq!(filter.match_positions("odz", "Łódź"), vec![1, 2, 3]);
    }

    #[test]
    fn united_st_ranks_united_states_first() {
        let mut filter = Filter::new();
        let ranked = rank_countries(&mut filter, "united st");
        assert_eq!(ranked[0], "US");
        let united_kingdom = ranked.iter().position(|&c| c == "GB");
        assert!(united_kingdom.is_none_or(|pos| pos > 0));
    }

    #[test]
    fn an_exact_code_beats_fuzzy_name_matches() {
        let mut filter = Filter::new();
        assert_eq!(rank_countries(&mut filter, "us")[0], "US");
        assert_eq!(rank_countries(&mut filter, "US")[0], "US");
        assert_eq!(rank_countries(&mut filter, "de")[0], "DE");
        assert_eq!(rank_countries(&mut filter, "br")[0], "BR");
    }

    #[test]
    fn prefix_of_a_name_finds_it_first() {
        let mut filter = Filter::new();
        assert_eq!(rank_countries(&mut filter, "germ")[0], "DE");
        assert_eq!(rank_countries(&mut filter, "brazil")[0], "BR");
        assert_eq!(rank_countries(&mut filter, "cote d'iv")[0], "CI");
    }

    #[test]
    fn no_match_gives_nothing_and_empty_query_gives_everything() {
        let mut filter = Filter::new();
        assert!(rank_countries(&mut filter, "zzzz").is_empty());
        let len = countries::all().len();
        assert_eq!(
            filter.rank("", len, |_| ["x"]),
            (0..len).collect::<Vec<_>>()
        );
        assert_eq!(filter.rank("  ", 3, |_| ["x"]), vec![0, 1, 2]);
    }

    #[test]
    fn words_match_independently() {
        let mut filter = Filter::new();
        let cities = ["Newark", "New Orleans", "New York", "York"];
        assert_eq!(filter.rank_texts("new york", &cities), vec![2]);
        assert_eq!(filter.rank_texts("york new", &cities), vec![2]);
        assert_eq!(filter.rank_texts("NEW YORK", &cities), vec![2]);
    }

    #[test]
    fn ties_keep_the_original_order() {
        let mut filter = Filter::new();
        let texts = ["Springfield", "Springfield", "Springfield"];
        assert_eq!(filter.rank_texts("spring", &texts), vec![0, 1, 2]);
    }

    #[test]
    fn match_positions_for_highlighting() {
        let mut filter = Filter::new();
        assert_eq!(filter.match_positions("sao", "São Paulo"), vec![0, 1, 2]);
        assert_eq!(filter.match_positions("germ", "Germany"), vec![0, 1, 2, 3]);
        assert_eq!(
            filter.match_positions("new york", "New York"),
            vec![0, 1, 2, 4, 5, 6, 7]
        );
        assert!(filter.match_positions("zzzz", "Germany").is_empty());
        assert!(filter.match_positions("", "Germany").is_empty());
    }

    #[test]
    fn ranks_ten_thousand_candidates() {
        let prefixes = ["North", "South", "East", "West", "Port", "San", "Saint"];
        let suffixes = ["ville", "burg", "ton", "field", "haven", "ford"];
        let cities: Vec<String> = (0..10_000)
            .map(|i| {
                let prefix = prefixes[i % prefixes.len()];
                let suffix = suffixes[(i / prefixes.len()) % suffixes.len()];
                format!("{prefix}{suffix} {i}")
            })
            .collect();
        let mut filter = Filter::new();
        let ranked = filter.rank_texts("porthaven 4", &cities);
        assert!(!ranked.is_empty());
        assert!(
            cities[ranked[0]].starts_with("Porthaven"),
            "{}",
            cities[ranked[0]]
        );
        assert!(ranked.iter().all(|&i| cities[i].starts_with("Port")));
        assert_eq!(filter.rank_texts("", &cities).len(), 10_000);
        assert!(filter.rank_texts("qqq", &cities).is_empty());
    }
}
