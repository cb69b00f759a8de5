//! Runs every endpoint test case of the botocore endpoint-rules corpus (one folder
//! per service: `<service>/<api-version>/endpoint-rule-set-1.json` and
//! `<service>/endpoint-tests-1.json`) against the rule set of its service, with the
//! corpus's own `partitions.json`.
//!
//! Cases listed in `endpoint_skips.txt` (`<service> <index or documentation>:
//! <reason>`) are skipped and counted as such.

#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use awsgen_runtime::endpoint::{Partitions, RuleSet, TestCase};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/conformance/endpoint-rules"
);
const SKIPS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/endpoint_skips.txt");
const MAX_REPORTED: usize = 50;

/// `(service, index-or-documentation)` pairs to skip.
fn skips() -> BTreeSet<(String, String)> {
    let Ok(text) = fs::read_to_string(SKIPS) else {
        return BTreeSet::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (key, reason) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("skip line without `: reason`: {line}"));
            assert!(!reason.trim().is_empty(), "skip without a reason: {line}");
            let (service, case) = key
                .split_once(' ')
                .unwrap_or_else(|| panic!("skip line without a case: {line}"));
            (service.to_owned(), case.to_owned())
        })
        .collect()
}

/// The single `<api-version>/endpoint-rule-set-1.json` of a service folder.
fn rule_set_file(service_dir: &Path) -> PathBuf {
    let mut found: Vec<PathBuf> = fs::read_dir(service_dir)
        .unwrap()
        .map(|e| e.unwrap().path().join("endpoint-rule-set-1.json"))
        .filter(|p| p.is_file())
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{}: expected one rule set",
        service_dir.display()
    );
    found.remove(0)
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn botocore_endpoint_rules_corpus() {
    let corpus = Path::new(CORPUS);
    let partitions =
        Partitions::from_json(&fs::read_to_string(corpus.join("partitions.json")).unwrap())
            .expect("corpus partitions.json");
    let skips = skips();
    let mut used_skips = BTreeSet::new();

    let mut services: Vec<PathBuf> = fs::read_dir(corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    services.sort();
    assert!(
        services.len() > 400,
        "corpus looks incomplete: {} services",
        services.len()
    );

    let (mut passed, mut failed, mut skipped) = (0usize, 0usize, 0usize);
    let mut report = Vec::new();
    for dir in &services {
        let service = dir.file_name().unwrap().to_string_lossy().into_owned();
        let rule_set_path = rule_set_file(dir);
        let rules = match RuleSet::from_json(&fs::read_to_string(&rule_set_path).unwrap()) {
            Ok(rules) => rules,
            Err(err) => {
                let cases = read_json(&dir.join("endpoint-tests-1.json"))["testCases"]
                    .as_array()
                    .map_or(0, Vec::len);
                failed += cases;
                report.push(format!(
                    "{service}: rule set does not load ({cases} cases): {err}"
                ));
                continue;
            }
        };
        let tests = read_json(&dir.join("endpoint-tests-1.json"));
        let cases = tests["testCases"].as_array().expect("testCases");
        for (index, raw) in cases.iter().enumerate() {
            let doc = raw["documentation"].as_str().unwrap_or_default().to_owned();
            let by_index = (service.clone(), index.to_string());
            let by_doc = (service.clone(), doc.clone());
            if skips.contains(&by_index) || skips.contains(&by_doc) {
                used_skips.insert(if skips.contains(&by_index) {
                    by_index
                } else {
                    by_doc
                });
                skipped += 1;
                continue;
            }
            let outcome = TestCase::from_json(raw)
                .map_err(|e| format!("unreadable case: {e}"))
                .and_then(|case| case.check(&rules, &partitions).map_err(|m| m.to_string()));
            match outcome {
                Ok(()) => passed += 1,
                Err(message) => {
                    failed += 1;
                    report.push(format!("{service} #{index} ({doc}): {message}"));
                }
            }
        }
    }

    for line in report.iter().take(MAX_REPORTED) {
        println!("FAIL {line}");
    }
    if report.len() > MAX_REPORTED {
        println!("... and {} more", report.len() - MAX_REPORTED);
    }
    let stale: Vec<_> = skips.difference(&used_skips).collect();
    assert!(stale.is_empty(), "skip entries matching no case: {stale:?}");
    println!("endpoint corpus: {passed} passed, {failed} failed, {skipped} skipped");
    assert!(passed > 13_000, "too few cases ran: {passed}");
    assert_eq!(failed, 0, "{failed} endpoint corpus case(s) failed");
}
