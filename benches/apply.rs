//! A worker answer of 10,000 available numbers: the JSON body read raw, each item decoded
//! (`Listing::from_raw`), and the listing applied to a wizard awaiting it.
//!
//! `cargo bench --bench apply`

mod support;

use divan::Bencher;
use numpick::protocol::Answer;

fn main() {
    divan::main();
}

/// Parse, decode and apply.
#[divan::bench(args = [10_000], sample_count = 30, sample_size = 1)]
fn apply_numbers(bencher: Bencher, count: usize) {
    let body = support::numbers_body(count);
    bencher
        .with_inputs(support::awaiting_numbers)
        .bench_local_values(|mut run| {
            let listing = support::parse_numbers(&body);
            run.answer(Ok(Answer::Numbers(listing)));
            run
        });
}

/// Parse and decode only, for the share of each.
#[divan::bench(args = [10_000], sample_count = 30, sample_size = 1)]
fn parse_numbers(bencher: Bencher, count: usize) {
    let body = support::numbers_body(count);
    bencher.bench_local(|| support::parse_numbers(&body));
}
