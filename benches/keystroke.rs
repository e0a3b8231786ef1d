//! One keystroke in a search box: the edit (filter and re-rank), then the frame it shows.
//!
//! The city box holds 10,000 cities; the vanity box narrows 100,000 loaded numbers. Each
//! argument is the box's text after the keystroke: its last character is the one measured.
//!
//! `cargo bench --bench keystroke`

mod support;

use divan::Bencher;
use numpick::wizard::Action;
use tui_input::InputRequest;

fn main() {
    divan::main();
}

/// Types all of `text` but its last character, then measures that one keystroke.
fn keystroke(bencher: Bencher, text: &str, setup: impl Fn() -> support::Run) {
    let (typed, last) = text.split_at(text.len() - 1);
    let last = last.chars().next().unwrap();
    bencher
        .with_inputs(|| {
            let mut run = setup();
            run.type_text(typed);
            (run, support::terminal())
        })
        .bench_local_values(|(mut run, mut terminal)| {
            run.act(Action::Edit(InputRequest::InsertChar(last)));
            support::draw(&mut terminal, &run.wizard);
            (run, terminal)
        });
}

#[divan::bench(args = ["s", "san", "saint ro"], sample_count = 30, sample_size = 1)]
fn city_search_10k(bencher: Bencher, text: &str) {
    keystroke(bencher, text, || support::at_cities(10_000));
}

#[divan::bench(args = ["5", "555", "5551"], sample_count = 20, sample_size = 1)]
fn vanity_100k(bencher: Bencher, text: &str) {
    keystroke(bencher, text, || support::at_numbers(100_000));
}
