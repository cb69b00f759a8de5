//! Lightsail's endpoint test cases, from the official model's
//! `smithy.rules#endpointTests` trait, against the official rule set.
//!
//! The cases date from the model's publication, so they run against
//! [`Partitions::builtin`], the partition facts of that time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;

use awsgen_runtime::endpoint::{Partitions, RuleSet, TestCase};

const OFFICIAL_MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/models/lightsail-2016-11-28.json"
);
const SERVICE: &str = "com.amazonaws.lightsail#Lightsail_20161128";

/// The service shape's traits of the model at `path`.
fn service_traits(path: &str) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    model["shapes"][SERVICE]["traits"].clone()
}

/// Runs `cases` against `rules`, printing failures and the summary line
/// `endpoint tests (<label>): N passed, M failed`; returns the failure count.
fn run(label: &str, rules: &RuleSet, cases: &[TestCase]) -> usize {
    let (mut passed, mut failed) = (0, 0);
    for (index, case) in cases.iter().enumerate() {
        match case.check(rules, Partitions::builtin()) {
            Ok(()) => passed += 1,
            Err(mismatch) => {
                failed += 1;
                let doc = case.documentation.as_deref().unwrap_or_default();
                println!("FAIL #{index} ({doc}): {mismatch}");
            }
        }
    }
    println!("endpoint tests ({label}): {passed} passed, {failed} failed");
    failed
}

#[test]
fn official_rule_set_passes_official_cases() {
    let traits = service_traits(OFFICIAL_MODEL);
    let rules = RuleSet::from_value(&traits["smithy.rules#endpointRuleSet"]).unwrap();
    let cases = TestCase::list_from_json(&traits["smithy.rules#endpointTests"]).unwrap();
    assert_eq!(cases.len(), 38);
    assert_eq!(run("lightsail", &rules, &cases), 0);
}
