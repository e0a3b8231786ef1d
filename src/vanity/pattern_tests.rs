use super::*;

fn parse(text: &str) -> VanityPattern {
    VanityPattern::parse(text).unwrap_or_else(|error| panic!("{text:?}: {error}"))
}

fn error(text: &str) -> String {
    VanityPattern::parse(text).expect_err(text).to_string()
}

#[test]
fn letters_become_keypad_digits() {
    let pizza = parse("PIZZA");
    assert_eq!(pizza.to_string(), "74992");
    assert_eq!(pizza.server_query(), "74992");
    assert_eq!(pizza.mapping().as_deref(), Some("PIZZA → 74992"));
    assert!(!pizza.needs_local_filter());
    assert_eq!(parse("pizza"), pizza);
    assert_eq!(
        parse("^555-pizza").mapping().as_deref(),
        Some("^555PIZZA → ^55574992")
    );
    assert_eq!(parse("555").mapping(), None);
}

#[test]
fn separators_are_ignored() {
    assert_eq!(parse("555-12.34 56"), parse("5551234 56"));
    assert_eq!(parse(" 555 - 1234 ").to_string(), "5551234");
    // A number pasted as it is usually written.
    assert_eq!(parse("(213) 555-12").to_string(), "21355512");
}

#[test]
fn anchors_and_wildcards() {
    let start = parse("^555");
    assert!(start.is_anchored_start() && !start.is_anchored_end());
    assert_eq!(start.server_query(), "555");
    assert!(start.needs_local_filter());

    let end = parse("0000$");
    assert!(end.is_anchored_end() && !end.is_anchored_start());
    assert_eq!(end.server_query(), "0000");

    assert_eq!(parse("5*5*5").to_string(), "5*5*5");
    assert_eq!(parse("5?5?5").to_string(), "5*5*5");
    assert_eq!(
        parse("5*5*5").server_query(),
        "5",
        "ties keep the first run"
    );
}

#[test]
fn the_server_query_is_the_longest_literal_run() {
    let pattern = parse("77*7$");
    assert_eq!(pattern.server_query(), "77");
    assert!(pattern.is_anchored_end());
    assert!(pattern.needs_local_filter());
    assert_eq!(parse("12*4").server_query(), "12");
    assert_eq!(parse("1*234").server_query(), "234");
    assert_eq!(parse("^2*PIZZA$").server_query(), "74992");
}

#[test]
fn blank_text_is_the_empty_pattern() {
    for text in ["", "   ", " - . "] {
        let pattern = parse(text);
        assert!(pattern.is_empty());
        assert_eq!(pattern.server_query(), "");
        assert!(!pattern.needs_local_filter());
        assert_eq!(pattern.find("2135551234"), Some(10..10));
    }
}

#[test]
fn invalid_patterns_say_which_character_and_why() {
    assert_eq!(
        error("55#5"),
        "'#' (character 3) is not allowed: use digits, letters, * or ? for any digit, \
         ^ for the start and $ for the end"
    );
    assert_eq!(
        error("café"),
        "'é' (character 4) is not on the phone keypad: use the letters A-Z without accents"
    );
    assert_eq!(
        error("+1555"),
        "'+' (character 1): leave out the country code, the pattern matches the national number"
    );
    assert_eq!(
        error("55^5"),
        "'^' (character 3) must come first: it anchors the pattern to the start of the number"
    );
    assert_eq!(
        error("55$5"),
        "'$' (character 3) must come last: it anchors the pattern to the end of the number"
    );
    assert_eq!(
        VanityPattern::parse("^^5"),
        Err(PatternError::MisplacedStart { position: 2 })
    );
    assert_eq!(
        VanityPattern::parse("[555]"),
        Err(PatternError::InvalidCharacter {
            symbol: '[',
            position: 1
        })
    );
}

#[test]
fn wildcards_and_anchors_alone_are_refused() {
    for text in ["*", "??", "^", "$", "^**$"] {
        assert_eq!(
            error(text),
            "type at least one digit or letter: * ? ^ and $ alone match every number",
            "{text}"
        );
    }
    assert_eq!(
        VanityPattern::parse("1234567890123456"),
        Err(PatternError::TooLong { digits: 16 })
    );
}

#[test]
fn find_prefers_the_match_nearest_the_end() {
    let pattern = parse("55");
    assert_eq!(pattern.find("5551234555"), Some(8..10));
    assert_eq!(parse("555").find("5551234555"), Some(7..10));
    assert_eq!(parse("123").find("5551234555"), Some(3..6));
    assert_eq!(parse("999").find("5551234555"), None);
    assert_eq!(
        parse("5551234555").find("555"),
        None,
        "longer than the number"
    );
}

#[test]
fn find_honours_anchors_and_wildcards() {
    assert_eq!(parse("^555").find("5551234555"), Some(0..3));
    assert_eq!(parse("^555").find("2135551234"), None);
    assert_eq!(parse("0000$").find("2135550000"), Some(6..10));
    assert_eq!(parse("0000$").find("2130000555"), None);
    assert_eq!(parse("5*5*5").find("2135152545"), Some(5..10));
    assert_eq!(parse("77*7$").find("2135557707"), Some(6..10));
    assert_eq!(parse("77*7$").find("2137757700"), None);
    assert_eq!(parse("12*4").find("2131294567"), Some(3..7));
    assert_eq!(parse("^2135551234$").find("2135551234"), Some(0..10));
    assert_eq!(parse("^213$").find("2135551234"), None);
}

#[test]
fn matches_works_on_e164_numbers() {
    assert_eq!(parse("^555").matches("+15551234567"), Some(2..5));
    assert_eq!(parse("^555").matches("+12135551234"), None);
    assert_eq!(parse("555").matches("+12135551234"), Some(5..8));
    assert_eq!(parse("1234$").matches("+12135551234"), Some(8..12));
    assert_eq!(parse("PIZZA").matches("+12135574992"), Some(7..12));
    // The calling code is not part of the national number: +1 must not satisfy ^1.
    assert_eq!(parse("^1").matches("+12135551234"), None);
    assert_eq!(parse("^20").matches("+442071234567"), Some(3..5));
    assert_eq!(parse("555").matches("not a number"), None);
}

#[test]
fn rank_matches_puts_matches_ending_the_number_first() {
    let numbers = [
        "+17775551234", // 777 at the start
        "+12135557770", // 777 one digit from the end
        "+12135550000", // no 777
        "+12135551777", // 777 at the end
        "+13107771234", // 777 in the middle
        "+14155550777", // 777 at the end, listed later
    ];
    let ranked = rank_matches(&parse("777"), &numbers);
    let order: Vec<usize> = ranked.iter().map(|(index, _)| *index).collect();
    assert_eq!(order, vec![3, 5, 1, 4, 0]);
    assert_eq!(ranked[0].1, 9..12);
    assert_eq!(ranked[4].1, 2..5);

    let everything = rank_matches(&parse(""), &numbers);
    let order: Vec<usize> = everything.iter().map(|(index, _)| *index).collect();
    assert_eq!(
        order,
        vec![0, 1, 2, 3, 4, 5],
        "the empty pattern keeps the order"
    );
}
