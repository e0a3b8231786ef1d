//! The country, city and number lists keep the columns that tell their rows apart at every
//! size; the others give way first. Snapshots at 60×16, 80×24 and 120×40.

use numpick::testkit::*;
use numpick::wizard::Action;

#[test]
fn the_country_list_keeps_name_and_code_and_the_refusal_mark() {
    let mut run = Run::new();
    run.wizard
        .set_refused_countries(["CF".to_owned(), "ZA".to_owned()]);
    run.type_text("af");
    for (width, height) in [(60, 16), (80, 24)] {
        let screen = run.draw(width, height).backend().to_string();
        let line = |name: &str| {
            let found = screen.lines().find(|l| l.contains(name));
            found
                .unwrap_or_else(|| panic!("{name}:\n{screen}"))
                .to_owned()
        };
        assert!(line("Afghan").contains("AF"), "{screen}");
        assert!(line("South Africa").contains("ZA"), "{screen}");
    }
    snap_sizes!("countries", run);
}

#[test]
fn the_city_list_keeps_each_name_as_far_as_it_fits() {
    let mut run = Run::new();
    run.type_text("united st").act(Action::Choose);
    run.answer(Ok(regions())).act(Action::Choose);
    run.answer(Ok(cities()));
    snap_sizes!("cities", run);
}

#[test]
fn the_number_list_marks_the_operators_own_reservation_at_every_size() {
    let mut run = at_reserved();
    run.act(Action::Back);
    for (width, height) in [(60, 16), (80, 24), (120, 40)] {
        let screen = run.draw(width, height).backend().to_string();
        let held = screen.lines().find(|l| l.contains("555-0123"));
        let held = held.unwrap_or_else(|| panic!("{width}×{height}:\n{screen}"));
        assert!(held.contains('◆'), "{width}×{height}:\n{screen}");
    }
    snap_sizes!("numbers_reserved", run);
}
