//! Every `numpick` example of the README's shell blocks and of `numpick --help` runs against
//! the sandbox and succeeds, so that an example that stops working fails `cargo test`.
//!
//! An example is a `numpick …` command up to the first pipe, redirection, `)` or `;`. Left
//! out: those that take a shell variable or come from `xargs` (their arguments are made at
//! run time), and `numpick sandbox`, a server (tests/cli_sandbox_service.rs runs it). Each is
//! run without a key and with `--sandbox`, as orders on the sandbox need it, and must exit 0
//! and print something beyond the columns' names (an id that exists nowhere finds nothing).

use crate::support::home::Home;

const README: &str = include_str!("../../README.md");

/// The text of the README's ```sh blocks, continuation lines joined.
fn shell_lines(markdown: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut inside = false;
    let mut pending = String::new();
    for line in markdown.lines() {
        if line.starts_with("```") {
            inside = line == "```sh";
            continue;
        }
        if !inside {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(start) => pending.push_str(start),
            None => {
                pending.push_str(line);
                lines.push(std::mem::take(&mut pending));
            }
        }
    }
    lines
}

/// The `numpick` commands of a line of shell, as argument lists.
fn examples_in(line: &str) -> Vec<Vec<String>> {
    let line = line.split(" #").next().unwrap_or(line);
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("numpick ") {
        let raw_before = &rest[..start];
        let before = raw_before.trim_end();
        let after = &rest[start + "numpick ".len()..];
        let end = after.find(['|', '>', ')', ';', '&']).unwrap_or(after.len());
        let command = &after[..end];
        rest = &after[end..];
        let word_start = raw_before.is_empty() || raw_before.ends_with(['(', ' ', '\t']);
        if !word_start || before.ends_with("xargs -r -n1") || command.contains('$') {
            continue;
        }
        let args = split_words(command);
        if args.is_empty() || args[0] == "sandbox" {
            continue;
        }
        found.push(args);
    }
    found
}

/// Shell words: spaces separate, single and double quotes group.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut in_word = false;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

fn run_all(examples: &[Vec<String>]) {
    let home = Home::new();
    let mut failed = Vec::new();
    for args in examples {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        if !all.contains(&"--sandbox") {
            all.push("--sandbox");
        }
        let run = home.run(&all, &[]);
        let shown = format!("numpick {}", args.join(" "));
        // An example must show something: ids that exist nowhere print only the columns.
        let header_only = run.stdout.lines().next().is_some_and(|l| l.contains('\t'))
            && run.stdout.lines().count() < 2;
        if run.code != 0 {
            failed.push(format!("{shown}: exit {}: {}", run.code, run.stderr));
        } else if run.stdout.trim().is_empty() || header_only {
            failed.push(format!("{shown}: found nothing: {}", run.stderr));
        }
    }
    assert!(
        failed.is_empty(),
        "examples that fail:\n{}",
        failed.join("\n")
    );
}

#[test]
fn the_parser_finds_the_commands_and_leaves_out_what_it_cannot_run() {
    assert_eq!(
        examples_in(r#"out=$(numpick reservations --json) || x | xargs -r -n1 numpick cancel"#),
        [vec!["reservations".to_owned(), "--json".to_owned()]]
    );
    assert_eq!(
        examples_in(r#"numpick groups US --city "Los Angeles" | jq .  # note numpick x"#),
        [vec!["groups", "US", "--city", "Los Angeles"]
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()]
    );
    assert!(examples_in("numpick sandbox --listen 127.0.0.1:0 &").is_empty());
    assert!(examples_in(r#"TWOCHAT_BASE_URL="$base" numpick regions US"#).len() == 1);
    assert!(examples_in(r#"numpick regions "$country""#).is_empty());
}

#[test]
fn an_example_with_ids_that_do_not_exist_fails() {
    let result = std::panic::catch_unwind(|| {
        run_all(&[vec![
            "cities".into(),
            "US".into(),
            "--region".into(),
            "1".into(),
        ]]);
    });
    assert!(result.is_err(), "cities US --region 1 finds no cities");
}

#[test]
fn every_readme_example_runs() {
    let examples: Vec<Vec<String>> = shell_lines(README)
        .iter()
        .flat_map(|line| examples_in(line))
        .collect();
    assert!(examples.len() >= 10, "{examples:?}");
    run_all(&examples);
}

#[test]
fn every_help_example_runs() {
    let help = Home::new().run(&["--help"], &[]).ok().stdout;
    let section = help
        .split("Examples")
        .nth(1)
        .expect("an Examples section in --help");
    let examples: Vec<Vec<String>> = (section.lines().skip(1))
        .take_while(|line| line.starts_with("  numpick "))
        .flat_map(examples_in)
        .collect();
    assert!(examples.len() >= 5, "{examples:?}");
    run_all(&examples);
}
