//! ISO 3166-1 countries (placeholder list).

/// A country: its ISO code and English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
}

const ALL: &[Country] = &[
    Country {
        code: "BR",
        name: "Brazil",
    },
    Country {
        code: "DE",
        name: "Germany",
    },
    Country {
        code: "GB",
        name: "United Kingdom",
    },
    Country {
        code: "US",
        name: "United States",
    },
];

/// Every country, sorted by name.
pub fn all() -> &'static [Country] {
    ALL
}

/// The country with this code, in any case.
pub fn by_code(code: &str) -> Option<&'static Country> {
    ALL.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}
