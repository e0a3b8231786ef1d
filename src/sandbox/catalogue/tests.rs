//! The catalogue's tests: the embedded data files parse, and bad rows are refused with the reason.

use super::*;

#[test]
fn the_embedded_files_parse() {
    let catalogue = catalogue();
    assert!(catalogue.countries.len() >= 18);
    assert_eq!(catalogue.did_types.len(), 6);
    assert!(catalogue.groups.len() > 150);
}

#[test]
fn every_country_has_cities_and_two_kinds_of_groups() {
    let catalogue = catalogue();
    for country in &catalogue.countries {
        assert!(
            catalogue.cities.iter().any(|c| c.country == country.code),
            "{}",
            country.code
        );
        let mut types: Vec<&str> = catalogue
            .groups
            .iter()
            .filter(|g| g.country == country.code)
            .map(|g| g.did_type.as_str())
            .collect();
        types.sort_unstable();
        types.dedup();
        assert!(types.len() >= 2, "{} has DID types {types:?}", country.code);
    }
}

#[test]
fn los_angeles_is_in_california_with_area_code_213() {
    let catalogue = catalogue();
    let la = catalogue
        .cities
        .iter()
        .find(|c| c.name == "Los Angeles")
        .unwrap();
    let region = catalogue
        .regions
        .iter()
        .find(|r| Some(r.id) == la.region)
        .unwrap();
    assert_eq!(region.name, "California");
    let group = &catalogue.groups[catalogue.group_index("us-ca-la-local-1").unwrap()];
    assert_eq!(
        (group.prefix.as_str(), group.city),
        ("+1 (213)", Some(la.id))
    );
}

#[test]
fn requirements_are_listed_once_and_the_us_has_none() {
    let catalogue = catalogue();
    let us = catalogue.country("US").unwrap();
    assert!(catalogue.requirements(us, None).is_empty());
    let de = catalogue.country("DE").unwrap();
    let all = catalogue.requirements(de, None);
    let ids: Vec<&str> = all.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["de-identity", "de-local-address", "de-address"]);
    let local = catalogue.requirements(de, Some("local"));
    assert_eq!(local[1]["address"]["scope"], "local_network_area");
}

#[test]
fn broken_files_are_reported_with_their_line() {
    let json = r#"{"did_types":[{"id":1,"name":"local"}],"requirements":{},
            "countries":[{"code":"DE","name":"Germany","calling_code":"49","cities":["Berlin"]}]}"#;
    let bad_city = "x\tDE\tBonn\tlocal\t+49 228\t12\t0.00\t1.00\ty\tn\tvoice\t10\n";
    let error = parse(json, bad_city).unwrap_err();
    assert!(
        error.contains("line 1") && error.contains("Bonn"),
        "{error}"
    );
    let bad_prefix = "x\tDE\tBerlin\tlocal\t+33 1\t11\t0.00\t1.00\ty\tn\tvoice\t10\n";
    assert!(parse(json, bad_prefix).unwrap_err().contains("outside +49"));
    let ok = "x\tDE\tBerlin\tlocal\t+49 30\t12\t0.00\t1.00\ty\tn\tvoice\t10\n";
    assert_eq!(parse(json, ok).unwrap().groups[0].prefix_digits, "4930");
}
