//! The browsing subcommands run as the real binary against the embedded sandbox (no key):
//! regions, cities, DID types, requirements, groups, numbers with the vanity filter, and the
//! account, each as a table and as `--json`.

use crate::support::home::{Home, items, keys, set};

#[test]
fn regions_as_a_table_and_as_json() {
    let home = Home::new();
    let table = home.run(&["regions", "US"], &[]).ok();
    assert!(table.stdout.starts_with("ID"), "{table:?}");
    assert!(table.stdout.contains("California"));
    assert!(!table.stdout.contains('\x1b'), "no colour off a terminal");
    let doc = home.run(&["regions", "us", "--json"], &[]).ok().json();
    assert_eq!(keys(&doc), set(&["backend", "country", "regions"]));
    assert_eq!(doc["backend"], "sandbox");
    assert_eq!(doc["country"], "US");
    let regions = items(&doc, "regions");
    assert!(regions.len() >= 3);
    for region in regions {
        assert_eq!(keys(region), set(&["id", "name"]));
        assert!(region["id"].is_string());
    }
    assert!(regions.iter().any(|r| r["name"] == "California"));
}

#[test]
fn cities_of_a_region_and_global_flags_after_the_subcommand() {
    let home = Home::new();
    let regions = home.run(&["--json", "regions", "US"], &[]).ok().json();
    let california = items(&regions, "regions")
        .iter()
        .find(|r| r["name"] == "California")
        .expect("California");
    let id = california["id"].as_str().unwrap();
    let doc = home
        .run(
            &[
                "cities",
                "US",
                "--region",
                id,
                "--json",
                "--theme",
                "high-contrast",
            ],
            &[],
        )
        .ok()
        .json();
    assert_eq!(keys(&doc), set(&["backend", "country", "region", "cities"]));
    assert_eq!(doc["region"], id);
    let cities = items(&doc, "cities");
    assert!(cities.iter().any(|c| c["name"] == "Los Angeles"), "{doc}");
    assert!(cities.iter().all(|c| keys(c) == set(&["id", "name"])));
    let table = home.run(&["cities", "US", "--region", id], &[]).ok();
    assert!(table.stdout.contains("San Francisco"));
    assert!(
        !table.stdout.contains("Houston"),
        "only California's cities"
    );
}

#[test]
fn types_list_the_did_types_with_string_ids() {
    let home = Home::new();
    let doc = home.run(&["types", "--json"], &[]).ok().json();
    let types = items(&doc, "types");
    let local = types.iter().find(|t| t["name"] == "local").expect("local");
    assert_eq!(local["id"], "1");
    assert_eq!(types.len(), 6);
    let table = home.run(&["types"], &[]).ok();
    assert!(table.stdout.contains("tollfree") && table.stdout.contains("sharedcost"));
}

#[test]
fn requirements_translate_the_type_name_to_its_id() {
    let home = Home::new();
    let doc = home
        .run(&["requirements", "DE", "--type", "local", "--json"], &[])
        .ok()
        .json();
    assert_eq!(
        keys(&doc),
        set(&[
            "backend",
            "country",
            "type",
            "type_id",
            "requirements",
            "summary",
            "checklist"
        ])
    );
    assert_eq!(doc["summary"], "needs: ID + proof of a local address");
    assert_eq!(doc["checklist"][0]["types"], serde_json::json!(["local"]));
    assert_eq!(
        (doc["type"].as_str(), doc["type_id"].as_str()),
        (Some("local"), Some("1"))
    );
    let requirements = items(&doc, "requirements");
    assert!(
        requirements.iter().any(|r| r["type"] == "identity"),
        "{doc}"
    );
    let table = home
        .run(&["requirements", "DE", "--type", "local"], &[])
        .ok();
    assert!(
        table.stdout.contains("Accepted: identity card, passport."),
        "{table:?}"
    );
    assert!(!table.stdout.contains("de-identity"), "{table:?}");
    let every_type = home.run(&["requirements", "DE"], &[]).ok();
    for line in [
        "1. ID — for local, mobile, tollfree, national, sharedcost\n",
        "2. Proof of a local address — for local\n",
        "3. Proof of address — for mobile, tollfree, national, sharedcost\n",
    ] {
        assert!(every_type.stdout.contains(line), "{line} in {every_type:?}");
    }
    // The note goes to stderr; stdout holds data only.
    let us = home.run(&["requirements", "US"], &[]).ok();
    assert!(us.stderr.contains("No requirements"), "{us:?}");
    assert!(us.stdout.is_empty(), "{us:?}");
    let unknown = home.run(&["requirements", "DE", "--type", "landline"], &[]);
    assert_eq!(unknown.code, 2, "{unknown:?}");
    assert!(unknown.stderr.contains("tollfree") && unknown.stdout.is_empty());
}

#[test]
fn groups_print_flat_rows_with_prices_as_strings() {
    let home = Home::new();
    let doc = home
        .run(
            &[
                "groups",
                "DE",
                "--city-name",
                "Berlin",
                "--type",
                "local",
                "--json",
            ],
            &[],
        )
        .ok()
        .json();
    assert_eq!(keys(&doc), set(&["backend", "country", "groups"]));
    let groups = items(&doc, "groups");
    assert!(!groups.is_empty());
    for group in groups {
        assert_eq!(
            keys(group),
            set(&[
                "id",
                "prefix",
                "location",
                "type",
                "setup_price",
                "monthly_price",
                "ppm",
                "due_now_price",
                "currency",
                "allow_number_selection",
                "is_eligible_for_free_number",
                "features",
                "requirements"
            ])
        );
        assert_eq!(group["type"], "local");
        assert_eq!(group["ppm"], "0.01", "the per-minute price, exact");
        for price in ["setup_price", "monthly_price"] {
            let text = group[price].as_str().expect("a price as a string");
            let (units, cents) = text.split_once('.').expect("a decimal");
            assert!(units.parse::<u32>().is_ok() && cents.len() >= 2, "{text}");
        }
    }
    let berlin = groups
        .iter()
        .find(|g| g["id"] == "de-ber-local-1")
        .expect("the Berlin group");
    assert_eq!(
        (
            berlin["setup_price"].as_str(),
            berlin["monthly_price"].as_str()
        ),
        (Some("1.00"), Some("3.50"))
    );
    assert_eq!(
        (
            berlin["due_now_price"].as_str(),
            berlin["currency"].as_str()
        ),
        (Some("4.50"), Some("USD"))
    );
    let table = home
        .run(&["groups", "DE", "--city-name", "Berlin"], &[])
        .ok();
    let header = table.stdout.lines().next().unwrap();
    assert!(
        header.starts_with("ID") && header.contains("MONTHLY"),
        "{header}"
    );
    assert!(table.stdout.contains("de-ber-local-1"));
}

#[test]
fn a_us_search_without_a_region_is_refused_by_the_api_with_exit_3() {
    let run = Home::new().run(&["groups", "US", "--json"], &[]);
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stdout.is_empty(), "errors never go to stdout");
    assert!(run.stderr.contains("region is required"), "{run:?}");
}

#[test]
fn numbers_are_filtered_by_the_vanity_pattern_and_ranked() {
    let home = Home::new();
    let all = home
        .run(&["numbers", "de-ber-local-1", "--json"], &[])
        .ok()
        .json();
    assert!(all["pattern"].is_null());
    let every = items(&all, "numbers").len();
    assert!(every > 0);
    let doc = home
        .run(
            &["numbers", "de-ber-local-1", "--contains", "5*5", "--json"],
            &[],
        )
        .ok()
        .json();
    assert_eq!(
        keys(&doc),
        set(&[
            "backend", "group_id", "pattern", "mapping", "complete", "numbers"
        ])
    );
    assert_eq!(doc["complete"], true);
    assert_eq!(doc["pattern"], "5*5");
    let numbers = items(&doc, "numbers");
    assert!(
        !numbers.is_empty() && numbers.len() < every,
        "{} of {every}",
        numbers.len()
    );
    for number in numbers {
        assert_eq!(keys(number), set(&["id", "number", "formatted"]));
        assert!(number["formatted"].as_str().unwrap().starts_with("+49 "));
        let national = number["number"]
            .as_str()
            .unwrap()
            .strip_prefix("+49")
            .unwrap();
        let bytes = national.as_bytes();
        assert!(
            bytes.windows(3).any(|w| w[0] == b'5' && w[2] == b'5'),
            "{national} matches 5*5"
        );
    }
    // Ranked: the match nearest the end of the number first.
    let distance = |national: &str| {
        let bytes = national.as_bytes();
        (0..bytes.len() - 2)
            .rev()
            .find(|&i| bytes[i] == b'5' && bytes[i + 2] == b'5')
            .map(|i| bytes.len() - (i + 3))
            .unwrap()
    };
    let distances: Vec<usize> = numbers
        .iter()
        .map(|n| distance(n["number"].as_str().unwrap().strip_prefix("+49").unwrap()))
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    assert!(
        distances.iter().any(|d| *d > 0),
        "the ranking is put to the test"
    );
    let lettered = home
        .run(
            &["numbers", "de-ber-local-1", "--contains", "JKL", "--json"],
            &[],
        )
        .ok()
        .json();
    assert_eq!(lettered["mapping"], "JKL → 555");
    let table = home
        .run(
            &[
                "numbers",
                "de-ber-local-1",
                "--contains",
                "5*5",
                "--format",
                "table",
            ],
            &[],
        )
        .ok();
    assert!(
        table.stdout.lines().nth(1).unwrap().contains('['),
        "{table:?}"
    );
    // Piped: TSV, the numbers as they are, the pattern's note on stderr.
    let piped = home
        .run(&["numbers", "de-ber-local-1", "--contains", "JKL"], &[])
        .ok();
    let mut lines = piped.stdout.lines();
    assert_eq!(lines.next(), Some("NUMBER\tFORMATTED\tMEMORABLE\tID"));
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "{line:?}");
        assert!(
            fields[0].starts_with("+49") && fields[0].contains("555"),
            "{line:?}"
        );
        assert!(!line.contains('[') && !line.contains("  "), "{line:?}");
        assert!(
            fields[1].starts_with("+49 ") && fields[1].contains(' '),
            "{line:?}"
        );
    }
    assert!(piped.stderr.contains("Pattern: JKL → 555"), "{piped:?}");
    let bad = home.run(&["numbers", "de-ber-local-1", "--contains", "5%5"], &[]);
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(bad.stderr.contains("'%'"));
}

#[test]
fn account_on_the_sandbox() {
    let home = Home::new();
    let doc = home.run(&["account", "--json"], &[]).ok().json();
    assert_eq!(keys(&doc), set(&["backend", "account", "limits", "usage"]));
    assert_eq!(doc["backend"], "sandbox");
    assert_eq!(
        keys(&doc["account"]),
        set(&["name", "uuid", "on_trial", "blocked", "expires_at"])
    );
    assert_eq!(doc["limits"]["requests_per_minute"], 80);
    assert!(doc["usage"]["max_api_request_count"].as_u64().unwrap() > 0);
    let table = home.run(&["account"], &[]).ok();
    assert!(table.stdout.contains("Backend:") && table.stdout.contains("sandbox"));
}

#[test]
fn numbers_limited_and_memorable_and_tables_in_every_format() {
    let home = Home::new();
    let all = home
        .run(&["numbers", "de-ber-local-1", "--json"], &[])
        .ok()
        .json();
    let limited = home
        .run(
            &["numbers", "de-ber-local-1", "--limit", "3", "--json"],
            &[],
        )
        .ok()
        .json();
    assert_eq!(items(&limited, "numbers")[..], items(&all, "numbers")[..3]);
    let memorable = home
        .run(
            &[
                "numbers",
                "de-ber-local-1",
                "--memorable",
                "--format",
                "tsv",
            ],
            &[],
        )
        .ok();
    let rows: Vec<&str> = memorable.stdout.lines().skip(1).collect();
    assert!(
        !rows.is_empty() && rows.len() < items(&all, "numbers").len(),
        "{memorable:?}"
    );
    assert!(
        rows.iter()
            .all(|row| !row.split('\t').nth(2).unwrap().is_empty()),
        "every number has its memorable tag: {memorable:?}"
    );
    let csv = home.run(&["regions", "US", "--format", "csv"], &[]).ok();
    assert!(
        csv.stdout.starts_with("ID,NAME\n100,California\n"),
        "{csv:?}"
    );
    let json = home
        .run(&["regions", "US", "--format", "json"], &[])
        .ok()
        .json();
    assert_eq!(json["country"], "US");
    // An empty result: the note on stderr, the columns on stdout.
    let none = home.run(&["cities", "DE", "--region", "100"], &[]).ok();
    assert_eq!(none.stdout, "ID\tNAME\n");
    assert!(none.stderr.contains("No cities."), "{none:?}");
}
