//! Generation time, from JSON text to formatted files, for the project's model
//! (`model/lightsail.json`: UpdateDistribution) and the whole official Lightsail
//! model (161 operations). Run with `cargo bench -p awsgen-codegen`; prints the
//! median and the 10th/90th percentiles of repeated runs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::time::{Duration, Instant};

fn measure(label: &str, runs: usize, text: &str) {
    // One warm-up run, then `runs` timed ones.
    let mut files = 0;
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for i in 0..=runs {
        let start = Instant::now();
        let out = awsgen_codegen::Config::from_json(text, label)
            .generate_crate_src()
            .unwrap();
        let elapsed = start.elapsed();
        files = black_box(out).len();
        if i > 0 {
            times.push(elapsed);
        }
    }
    times.sort();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label:<28} {files:>4} files  median {:>9.2?}  p10 {:>9.2?}  p90 {:>9.2?}  ({runs} runs)",
        pick(0.5),
        pick(0.1),
        pick(0.9)
    );
}

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let project = std::fs::read_to_string(root.join("model/lightsail.json")).unwrap();
    let official =
        std::fs::read_to_string(root.join("../shared/models/lightsail-2016-11-28.json")).unwrap();
    measure("model/lightsail.json", 50, &project);
    measure("official Lightsail (all)", 10, &official);
}
