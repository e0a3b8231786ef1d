//! One frame (120×40) of the busiest screens: the number list with 100 to 100,000 numbers
//! loaded, the group table with 1,000 groups, and — as the baseline the screens avoid —
//! every row of 100,000 numbers drawn into a ratatui `List`.
//!
//! `cargo bench --bench render`

mod support;

use divan::Bencher;
use numpick::wizard::{Action, Move};
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListState};

fn main() {
    divan::main();
}

/// The number list, its cursor half-way down so the window is mid-list.
#[divan::bench(args = [100, 10_000, 100_000], sample_count = 50)]
fn numbers_list(bencher: Bencher, count: usize) {
    let mut run = support::at_numbers(count);
    for _ in 0..count / 2 / numpick::wizard::picker::PAGE {
        run.act(Action::Move(Move::PageDown));
    }
    let mut terminal = support::terminal();
    bencher.bench_local(|| support::draw(&mut terminal, &run.wizard));
}

#[divan::bench(args = [1_000], sample_count = 50)]
fn groups_table(bencher: Bencher, count: usize) {
    let run = support::at_groups(count);
    let mut terminal = support::terminal();
    bencher.bench_local(|| support::draw(&mut terminal, &run.wizard));
}

/// The naive way: a `List` of every number, laid out each frame, scrolled by `ListState`.
#[divan::bench(args = [100_000], sample_count = 10)]
fn naive_numbers_list(bencher: Bencher, count: usize) {
    let numbers: Vec<String> = (0..count).map(support::number).collect();
    let mut terminal = support::terminal();
    bencher.bench_local(|| {
        terminal
            .draw(|frame| {
                let items: Vec<Line<'_>> = numbers
                    .iter()
                    .map(|n| Line::from(format!("{} {} {}", &n[..2], &n[2..5], &n[5..])))
                    .collect();
                let list = List::new(items)
                    .block(Block::bordered().title(" Choose a number "))
                    .highlight_symbol("▶ ");
                let mut state = ListState::default().with_selected(Some(count / 2));
                frame.render_stateful_widget(list, frame.area(), &mut state);
            })
            .unwrap();
    });
}
