//! `numbers` without a group id, as the real binary against the embedded sandbox: every
//! Los Angeles group searched at once, the credit budget refusing before anything is
//! searched, and wildcard answers completed and said to be complete (or not).

use std::collections::BTreeSet;

use crate::support::home::{Home, LOS_ANGELES_BY_NAME, items, keys, set};

const LOS_ANGELES: [&str; 8] = [
    "numbers",
    "--country",
    "US",
    "--region",
    "100",
    "--city",
    "1000",
    "--json",
];

fn numbers_of(doc: &serde_json::Value) -> BTreeSet<String> {
    (items(doc, "numbers").iter())
        .map(|n| n["number"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_pattern_is_searched_in_every_group_of_the_place() {
    let home = Home::new();
    // Seven digits of a number of the second Los Angeles group.
    let second = home
        .run(&["numbers", "us-ca-la-local-2", "--json"], &[])
        .ok()
        .json();
    let wanted = items(&second, "numbers")[0]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let digits = &wanted[wanted.len() - 7..];

    let mut args = LOS_ANGELES.to_vec();
    args.extend(["--type", "local", "--contains", digits]);
    let doc = home.run(&args, &[]).ok().json();
    assert_eq!(
        keys(&doc),
        set(&[
            "backend", "country", "region", "city", "type", "pattern", "complete", "credits",
            "numbers", "groups"
        ])
    );
    assert_eq!(doc["complete"], true);
    assert_eq!(doc["credits"], 4, "the groups, then one per group");
    let first = &items(&doc, "numbers")[0];
    assert_eq!(first["number"], wanted.as_str());
    assert_eq!(first["group_id"], "us-ca-la-local-2");
    assert_eq!(first["monthly_price"], "1.50");
    assert_eq!(first["documents"], false);
    assert_eq!(items(&doc, "groups").len(), 3);
}

#[test]
fn a_search_over_the_budget_is_refused_saying_what_it_would_cost() {
    let home = Home::new();
    let mut args = LOS_ANGELES.to_vec();
    args.extend(["--contains", "555", "--max-credits", "3"]);
    let run = home.run(&args, &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(
        run.stderr.contains("would cost 6 credits") && run.stderr.contains("--max-credits 3"),
        "{run:?}"
    );
}

#[test]
fn wildcards_are_completed_within_the_budget_and_say_whether_they_are() {
    let home = Home::new();
    // One group: the list of groups is not needed, and "8" alone fills a page.
    let whole = home
        .run(
            &[
                "numbers",
                "us-ca-la-local-1",
                "--contains",
                "8?8?8",
                "--json",
            ],
            &[],
        )
        .ok()
        .json();
    assert_eq!(whole["complete"], true);
    let found = numbers_of(&whole);
    assert!(found.contains("+12139788888"), "{found:?}");
    assert_eq!(found.len(), 3, "{found:?}");

    // Not enough credits to complete: what was found is listed, and said to be partial.
    let short = home.run(
        &[
            "numbers",
            "us-ca-la-local-1",
            "--contains",
            "8?8?8",
            "--max-credits",
            "1",
            "--json",
        ],
        &[],
    );
    let doc = short.json();
    assert_eq!(doc["complete"], false);
    assert!(
        short
            .stderr
            .contains("among the first 100 numbers containing 8"),
        "{short:?}"
    );
    let table = home.run(
        &[
            "numbers",
            "us-ca-la-local-1",
            "--contains",
            "8?8?8",
            "--max-credits",
            "1",
        ],
        &[],
    );
    assert!(
        !table.stdout.contains("No numbers available match"),
        "{table:?}"
    );
}

#[test]
fn piped_results_are_clean_tsv_with_the_summary_on_stderr() {
    let home = Home::new();
    let mut args = LOS_ANGELES[..LOS_ANGELES.len() - 1].to_vec();
    args.extend(["--type", "local", "--contains", "8?8?8"]);
    let run = home.run(&args, &[]).ok();
    let mut lines = run.stdout.lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.starts_with("NUMBER\tPREFIX\t"), "{run:?}");
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty(), "{run:?}");
    for row in &rows {
        assert!(row.starts_with('+'), "a row that is not a number: {row:?}");
        assert!(!row.contains('['), "brackets in piped output: {row:?}");
        assert_eq!(
            row.matches('\t').count(),
            header.matches('\t').count(),
            "{row:?}"
        );
    }
    assert!(run.stderr.contains("3 groups searched"), "{run:?}");
}

#[test]
fn looking_up_the_place_by_name_counts_against_the_budget() {
    let home = Home::new();
    let mut by_name = vec!["-v", "numbers"];
    by_name.extend(LOS_ANGELES_BY_NAME);
    by_name.extend(["--contains", "555", "--max-credits"]);
    let mut args = by_name.to_vec();
    args.push("2");
    let run = home.run(&args, &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("2 requests sent"),
        "the region and city looked up, nothing more: {run:?}"
    );
    assert!(run.stderr.contains("--max-credits 2"), "{run:?}");

    let mut args = by_name.to_vec();
    args.extend(["6", "--json"]);
    let doc = home.run(&args, &[]).ok().json();
    assert_eq!(doc["credits"], 6, "2 names, the groups, then one per group");
}
