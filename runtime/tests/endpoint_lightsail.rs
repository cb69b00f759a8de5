//! Lightsail's endpoint test cases, from the official model's
//! `smithy.rules#endpointTests` trait, against the official rule set and against
//! the project's own rule set in `model/lightsail.json`.
//!
//! The cases date from the official model's publication, so they run against
//! [`Partitions::builtin`], the partition facts of that time.

#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;

use awsgen_runtime::endpoint::{Params, Partitions, RuleSet, TestCase};

const OFFICIAL_MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/models/lightsail-2016-11-28.json"
);
const PROJECT_MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../model/lightsail.json");
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

#[test]
fn project_rule_set_passes_official_cases() {
    let official = service_traits(OFFICIAL_MODEL);
    let cases = TestCase::list_from_json(&official["smithy.rules#endpointTests"]).unwrap();
    assert_eq!(cases.len(), 38);
    let project = service_traits(PROJECT_MODEL);
    let rules = RuleSet::from_value(&project["smithy.rules#endpointRuleSet"])
        .expect("model/lightsail.json has a loadable smithy.rules#endpointRuleSet");
    assert_eq!(run("project model", &rules, &cases), 0);

    // The project model carries the same cases (with its own descriptions).
    let own = TestCase::list_from_json(&project["smithy.rules#endpointTests"]).unwrap();
    let facts = |cs: &[TestCase]| -> Vec<_> {
        cs.iter()
            .map(|c| (c.params.clone(), c.expect.clone()))
            .collect()
    };
    assert_eq!(facts(&own), facts(&cases));
}

/// Beyond the test cases: both rule sets agree on every listed region of every
/// partition, a few unlisted names, and all switch combinations, with and without
/// an endpoint override.
#[test]
fn project_rule_set_agrees_with_official_everywhere() {
    let official =
        RuleSet::from_value(&service_traits(OFFICIAL_MODEL)["smithy.rules#endpointRuleSet"])
            .unwrap();
    let project =
        RuleSet::from_value(&service_traits(PROJECT_MODEL)["smithy.rules#endpointRuleSet"])
            .unwrap();
    let partitions = Partitions::builtin();
    let mut regions: Vec<Option<String>> = partitions
        .partitions()
        .iter()
        .flat_map(|p| p.regions().keys().cloned())
        .map(Some)
        .collect();
    for extra in ["eu-south-9", "us-isof-north-4", "mars-east-1", ""] {
        regions.push(Some(extra.to_owned()));
    }
    regions.push(None);
    let mut compared = 0;
    for region in &regions {
        for endpoint in [None, Some("https://example.com:8443/base")] {
            for fips in [false, true] {
                for dual in [false, true] {
                    let mut params = Params::new()
                        .with("UseFIPS", fips)
                        .with("UseDualStack", dual);
                    if let Some(r) = region {
                        params.insert("Region", r.as_str());
                    }
                    if let Some(e) = endpoint {
                        params.insert("Endpoint", e);
                    }
                    let expected = official.resolve(&params, partitions);
                    let actual = project.resolve(&params, partitions);
                    assert_eq!(actual, expected, "params {params:?}");
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 300, "only {compared} combinations compared");
}
