//! The endpoint rules engine on mutated rule sets and parameters.
//!
//! The input is one JSON document: `{"ruleSet": ..., "params": {...}}` (the
//! seeds are rule sets of the official models with parameters from their
//! endpoint tests), or `{"partitions": ..., "ruleSet": ..., "params": ...}` to
//! resolve against other partitions. Loading and resolving end in a value or
//! an error: never a panic, an overflow or a hang (rules are a tree, resolving
//! walks it once).

#![no_main]

use awsgen_runtime::endpoint::{Params, Partitions, RuleSet};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let Some(rule_set) = doc.get("ruleSet") else {
        let _ = RuleSet::from_value(&doc);
        return;
    };
    let Ok(rules) = RuleSet::from_value(rule_set) else {
        return;
    };
    let params = match doc.get("params").map(Params::from_json) {
        Some(Ok(params)) => params,
        Some(Err(_)) => return,
        None => Params::new(),
    };
    let own_partitions = doc
        .get("partitions")
        .and_then(|p| Partitions::from_json(&p.to_string()).ok());
    let partitions = own_partitions
        .as_ref()
        .unwrap_or_else(|| Partitions::builtin());
    if let Ok(endpoint) = rules.resolve(&params, partitions) {
        assert!(!endpoint.url.is_empty());
    }
});
