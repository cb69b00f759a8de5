//! 100,000 levels of `[` and of `{"a":` against every parser of the runtime
//! that reads JSON: each ends in its typed error, never a stack overflow.
//! (The generated response parsers: `tests/wire_format.rs` at the root.)

#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_runtime::aws_json;
use awsgen_runtime::endpoint::{Partitions, RuleSet};
use http::HeaderMap;

fn deep() -> [String; 3] {
    [
        "[".repeat(100_000),
        r#"{"a":"#.repeat(100_000),
        format!(
            r#"{{"version":"1.0","parameters":{{}},"rules":{}"#,
            "[".repeat(100_000)
        ),
    ]
}

#[test]
fn endpoint_rule_sets_and_partitions() {
    for text in deep() {
        let error = RuleSet::from_json(&text).unwrap_err();
        assert!(error.to_string().contains("recursion limit"), "{error}");
        let error = Partitions::from_json(&text).unwrap_err();
        assert!(error.to_string().contains("recursion limit"), "{error}");
    }
}

#[test]
fn error_codes_and_bodies() {
    for text in deep() {
        // No code can be read from such a body: the caller falls back to the status.
        assert_eq!(
            aws_json::error_code(
                aws_json::Protocol::AwsJson1_1,
                &HeaderMap::new(),
                text.as_bytes()
            ),
            None
        );
        let error = aws_json::from_body::<serde_json::Value>(text.as_bytes()).unwrap_err();
        assert!(error.to_string().contains("recursion limit"), "{error}");
    }
}
