//! Names or ids on the command line, against the embedded sandbox: countries, regions,
//! cities and types by name, ambiguous and unknown names (exit 2, the candidates listed), the
//! types of one country, and `--verbose`'s count of the requests names cost.

use crate::support::home::{Home, items};

#[test]
fn places_and_types_by_name_as_well_as_by_id() {
    let home = Home::new();
    let by_name = home
        .run(&["cities", "US", "--region", "California", "--json"], &[])
        .ok()
        .json();
    assert_eq!(by_name["region"], "100");
    let by_id = home
        .run(&["cities", "US", "--region", "100", "--json"], &[])
        .ok()
        .json();
    assert_eq!(by_name, by_id);
    assert!(
        items(&by_name, "cities")
            .iter()
            .any(|c| c["name"] == "Los Angeles")
    );
    let groups = home
        .run(
            &[
                "groups",
                "united states",
                "--region",
                "california",
                "--city",
                "Los Angeles",
                "--type",
                "1",
                "--json",
            ],
            &[],
        )
        .ok()
        .json();
    let groups = items(&groups, "groups");
    assert!(!groups.is_empty());
    assert!(
        groups.iter().any(|g| g["id"] == "us-ca-la-local-1"),
        "{groups:?}"
    );
    assert!(
        groups
            .iter()
            .all(|g| g["location"] == "Los Angeles" && g["type"] == "local"),
        "{groups:?}"
    );
    let germany = home.run(&["regions", "Germany", "--json"], &[]).ok().json();
    assert_eq!(germany["country"], "DE");
    let requirements = home
        .run(&["requirements", "de", "--type", "Local", "--json"], &[])
        .ok()
        .json();
    assert_eq!(requirements["type_id"], "1");
}

#[test]
fn an_ambiguous_or_unknown_name_is_a_usage_error_listing_the_candidates() {
    let home = Home::new();
    let run = home.run(&["cities", "US", "--region", "new"], &[]);
    // "New York" is the only region of the sandbox containing "new": no ambiguity.
    assert_eq!(run.code, 0, "{run:?}");
    let run = home.run(
        &["groups", "US", "--region", "California", "--city", "san"],
        &[],
    );
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("ambiguous")
            && run.stderr.contains("San Francisco (1001)")
            && run.stderr.contains("San Diego (1002)"),
        "{run:?}"
    );
    assert!(run.stdout.is_empty());
    let run = home.run(&["regions", "Atlantis"], &[]);
    assert_eq!(run.code, 2, "{run:?}");
    let run = home.run(&["groups", "DE", "--type", "landline"], &[]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("local (1)"), "{run:?}");
}

#[test]
fn types_of_a_country_are_those_its_groups_offer() {
    let home = Home::new();
    let all = home.run(&["types", "--json"], &[]).ok().json();
    for country in ["DE", "united states"] {
        let doc = home.run(&["types", country, "--json"], &[]).ok().json();
        let offered: Vec<&str> = items(&doc, "types")
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert!(
            !offered.is_empty() && offered.len() < items(&all, "types").len(),
            "{doc}"
        );
        // Every type offered has a group of that type, in every region the US is searched by.
        for name in &offered {
            let mut args = vec!["groups", country, "--type", name, "--json"];
            if country != "DE" {
                args.extend(["--city-name", "1"]);
            }
            let groups = home.run(&args, &[]).ok().json();
            assert!(!items(&groups, "groups").is_empty(), "{country} {name}");
        }
    }
}

#[test]
fn verbose_counts_every_request_name_resolutions_included() {
    let home = Home::new();
    let count = |args: &[&str]| {
        let mut all = args.to_vec();
        all.push("--verbose");
        let run = home.run(&all, &[]).ok();
        (run.stderr.lines())
            .find(|l| l.contains(" sent to the "))
            .unwrap_or_else(|| panic!("{run:?}"))
            .to_owned()
    };
    assert_eq!(
        count(&["cities", "US", "--region", "100"]),
        "numpick: 1 request sent to the sandbox API"
    );
    // The region's name costs the regions listing.
    assert_eq!(
        count(&["cities", "US", "--region", "California"]),
        "numpick: 2 requests sent to the sandbox API"
    );
    assert_eq!(
        count(&[
            "groups",
            "US",
            "--region",
            "California",
            "--city",
            "Los Angeles",
            "--type",
            "local"
        ]),
        "numpick: 3 requests sent to the sandbox API"
    );
    // A country's name costs nothing: the names are in the binary.
    assert_eq!(
        count(&["regions", "Germany"]),
        "numpick: 1 request sent to the sandbox API"
    );
}
