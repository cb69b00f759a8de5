//! Generation time, from JSON text to formatted files:
//! - the project's model (`model/lightsail.json`: UpdateDistribution) and the
//!   whole official Lightsail model (161 operations), as a crate's files, as
//!   the one file of `build.rs`, and resolved only;
//! - the formatter alone on official Lightsail's generated files: `syn`
//!   parsing them and `prettyplease` printing them, on as many threads as the
//!   generator uses, next to lexing them only (which generation does not do:
//!   it hands `syn` tokens), so the floor any generation through `syn` and
//!   `prettyplease` pays is the difference;
//! - the largest supported model of `../shared/models` (by shape count);
//! - synthetic models of 1,500, 3,000 and 6,000 structures in a chain, to
//!   show that time grows linearly with the model (time per structure);
//! - every model of `../shared/models` in a supported protocol (awsJson1_0,
//!   awsJson1_1, restJson1), one after the other, once, with the throughput
//!   in MB of model JSON per second.
//!
//! Run with `cargo bench -p awsgen-codegen`; prints the median and the
//! 10th/90th percentiles of repeated runs. `cargo bench -p awsgen-codegen --
//! quick` leaves out the whole-corpus pass.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `work` `runs` times after one warm-up and prints the median and the
/// 10th/90th percentiles after `label` (and what `work` returns: a count of
/// files, or nothing); returns the median.
fn measure<T: std::fmt::Display>(label: &str, runs: usize, work: impl Fn() -> T) -> Duration {
    let mut what = None;
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for i in 0..=runs {
        let start = Instant::now();
        let out = black_box(work());
        let elapsed = start.elapsed();
        what = Some(out);
        if i > 0 {
            times.push(elapsed);
        }
    }
    times.sort();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label:<44} {:>11}  median {:>9.2?}  p10 {:>9.2?}  p90 {:>9.2?}  ({runs} runs)",
        what.map_or_else(String::new, |w| w.to_string()),
        pick(0.5),
        pick(0.1),
        pick(0.9)
    );
    pick(0.5)
}

/// Generates `text` as a crate's `src/` files; returns how many files.
fn generate(text: &str, origin: &str) -> String {
    let files = awsgen_codegen::Config::from_json(text, origin)
        .generate_crate_src()
        .unwrap();
    format!("{} files", files.len())
}

/// Generates `text` as the one file of `build.rs` (`include!`); returns its
/// size.
fn single_file(text: &str, origin: &str) -> String {
    let code = awsgen_codegen::Config::from_json(text, origin)
        .generate_single_file()
        .unwrap();
    format!("1 file, {} kB", code.len() / 1000)
}

/// Parses and resolves `text` only: the serial stage before emitting and
/// formatting.
fn resolve(text: &str, origin: &str) -> &'static str {
    black_box(
        awsgen_codegen::Config::from_json(text, origin)
            .resolve()
            .unwrap(),
    );
    "resolve"
}

/// `work` over `files` on as many threads as the machine has (as the
/// generator renders), thread `t` taking files `t`, `t + threads`, and so
/// on; returns how many tokens the files hold.
fn on_threads(files: &[String], work: impl Fn(&str) -> usize + Sync) -> String {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let work = &work;
    let tokens: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    files
                        .iter()
                        .skip(t)
                        .step_by(threads)
                        .map(|f| work(f))
                        .sum::<usize>()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    format!("{}k tokens", tokens / 1000)
}

/// How many tokens `stream` holds, counting a group's delimiters as one.
fn count_tokens(stream: proc_macro2::TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tree| match tree {
            proc_macro2::TokenTree::Group(group) => 1 + count_tokens(group.stream()),
            _ => 1,
        })
        .sum()
}

/// A service with one operation whose input starts a chain of `n` structures,
/// each with a string, a list of strings and the next structure.
fn chain_model(n: usize) -> String {
    let mut shapes = serde_json::Map::new();
    shapes.insert(
        "bench.chain#Chain".into(),
        serde_json::json!({
            "type": "service",
            "version": "2025-01-01",
            "operations": [{"target": "bench.chain#Walk"}],
            "traits": {
                "aws.protocols#awsJson1_1": {},
                "aws.auth#sigv4": {"name": "chain"},
                "aws.api#service": {"sdkId": "Chain"}
            }
        }),
    );
    shapes.insert(
        "bench.chain#Walk".into(),
        serde_json::json!({"type": "operation", "input": {"target": "bench.chain#Node0"}}),
    );
    shapes.insert(
        "bench.chain#Names".into(),
        serde_json::json!({"type": "list", "member": {"target": "smithy.api#String"}}),
    );
    for i in 0..n {
        let mut members = serde_json::json!({
            "name": {"target": "smithy.api#String"},
            "aliases": {"target": "bench.chain#Names"}
        });
        if i + 1 < n {
            members["next"] = serde_json::json!({"target": format!("bench.chain#Node{}", i + 1)});
        }
        shapes.insert(
            format!("bench.chain#Node{i}"),
            serde_json::json!({"type": "structure", "members": members}),
        );
    }
    serde_json::json!({"smithy": "2.0", "shapes": shapes}).to_string()
}

/// The models of `../shared/models` in a supported protocol as (file, shape
/// count), from its INDEX.tsv.
fn supported_models(models: &Path) -> Vec<(String, usize)> {
    let index = std::fs::read_to_string(models.join("INDEX.tsv")).unwrap();
    index
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            (fields.len() >= 5 && ["awsJson1_0", "awsJson1_1", "restJson1"].contains(&fields[2]))
                .then(|| (fields[0].to_owned(), fields[4].parse().unwrap_or(0)))
        })
        .collect()
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let models = root.join("../shared/models");
    let read = |path: &Path| std::fs::read_to_string(path).unwrap();

    let ours = read(&root.join("model/lightsail.json"));
    measure("model/lightsail.json", 50, || generate(&ours, "ours"));
    let lightsail = read(&models.join("lightsail-2016-11-28.json"));
    measure("official Lightsail (all)", 10, || {
        generate(&lightsail, "lightsail")
    });
    measure("official Lightsail (all)", 10, || {
        resolve(&lightsail, "lightsail")
    });
    measure("official Lightsail (all)", 10, || {
        single_file(&lightsail, "lightsail")
    });
    let files: Vec<String> = awsgen_codegen::Config::from_json(&lightsail, "lightsail")
        .generate_crate_src()
        .unwrap()
        .into_values()
        .collect();
    measure("Lightsail files: lex only", 10, || {
        on_threads(&files, |text| {
            count_tokens(text.parse::<proc_macro2::TokenStream>().unwrap())
        })
    });
    measure("Lightsail files: lex + syn + prettyplease", 10, || {
        on_threads(&files, |text| {
            let tokens = text.parse::<proc_macro2::TokenStream>().unwrap();
            let count = count_tokens(tokens.clone());
            black_box(prettyplease::unparse(&syn::parse2(tokens).unwrap()));
            count
        })
    });
    let corpus = supported_models(&models);
    let (largest, shapes) = corpus.iter().max_by_key(|(_, shapes)| *shapes).unwrap();
    let text = read(&models.join(largest));
    measure(&format!("largest: {largest} ({shapes} shapes)"), 5, || {
        generate(&text, largest)
    });

    let mut per_structure = Vec::new();
    for n in [1500, 3000, 6000] {
        let text = chain_model(n);
        let median = measure(&format!("chain of {n} structures"), 5, || {
            generate(&text, "chain")
        });
        per_structure.push((n, median / n as u32));
    }
    let growth: Vec<String> = per_structure
        .iter()
        .map(|(n, each)| format!("{n}: {each:.2?}"))
        .collect();
    println!(
        "time per structure (flat when linear): {}",
        growth.join(", ")
    );

    if !quick {
        let texts: Vec<(&String, String)> = corpus
            .iter()
            .map(|(file, _)| (file, read(&models.join(file))))
            .collect();
        let bytes: usize = texts.iter().map(|(_, text)| text.len()).sum();
        let start = Instant::now();
        let mut files = 0;
        for (file, text) in texts {
            let out = awsgen_codegen::Config::from_json(text, file.as_str())
                .generate_crate_src()
                .unwrap();
            files += black_box(out).len();
        }
        let elapsed = start.elapsed();
        println!(
            "whole supported corpus: {} models, {:.1} MB of JSON, {files} files, {elapsed:.2?} \
             ({:.1} MB/s; one model at a time)",
            corpus.len(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / elapsed.as_secs_f64()
        );
    }
}
