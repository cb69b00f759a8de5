//! Runs every client-side awsJson and restJson1 case of the official Smithy protocol test suite
//! against the bindings generated from it, printing one line per failure and
//! the totals. Set `PROTOCOL_TESTS_VERBOSE=1` to print failure reasons in full.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_protocol_tests::{Skips, Suite, bindings, run_all};

const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/smithy-protocol-tests/smithy-aws-protocol-tests_model.json"
);
const SKIPS: &str = include_str!("../skips.txt");

fn first_chars(text: &str, count: usize) -> &str {
    text.char_indices()
        .nth(count)
        .map_or(text, |(end, _)| &text[..end])
}

#[test]
fn smithy_protocol_tests() {
    let suite = Suite::load(std::path::Path::new(SUITE)).unwrap();
    let skips = Skips::parse(SKIPS).unwrap();
    let bindings = [
        bindings!(awsgen_protocol_json11),
        bindings!(awsgen_protocol_json10),
        bindings!(awsgen_protocol_query_compat),
        bindings!(awsgen_protocol_rest_json),
        bindings!(awsgen_protocol_rest_json_validation),
        bindings!(awsgen_protocol_glacier),
        bindings!(awsgen_protocol_apigateway),
    ];
    let report = run_all(&suite, &bindings, &skips).unwrap();
    let verbose = std::env::var_os("PROTOCOL_TESTS_VERBOSE").is_some();

    for service in &report.services {
        for failure in &service.failures {
            let reason = if verbose {
                failure.reason.as_str()
            } else {
                first_chars(&failure.reason, 80)
            };
            println!("FAILED {}: {reason}", failure.id);
        }
    }
    for service in &report.services {
        println!(
            "{} ({}): {} passed, {} failed, {} skipped",
            service.service,
            service.protocol,
            service.passed,
            service.failures.len(),
            service.skipped
        );
    }
    let (passed, failed, skipped) = report.totals();
    println!("protocol tests: {passed} passed, {failed} failed, {skipped} skipped");

    assert!(
        report.unknown_skips.is_empty(),
        "skips.txt lists cases the suite does not have: {:?}",
        report.unknown_skips
    );
    // Every client-side case is accounted for: 189 awsJson (the suite's
    // SOURCE.md: 119 for awsJson1_1 and 70 for awsJson1_0) and 248 restJson1
    // (242 of RestJson, 1 of RestJsonValidation, 4 of Glacier, 1 of API Gateway).
    assert_eq!(passed + failed + skipped, 437);
    assert_eq!(failed, 0, "{failed} protocol tests failed (listed above)");
}

/// A case id, what the failure reason must then contain, and the change.
type Alteration = (&'static str, &'static str, fn(&mut serde_json::Value));

/// The harness itself must notice wrong values: altered copies of passing cases
/// fail, with the reason naming what differs.
#[test]
fn altered_cases_fail() {
    let suite = Suite::load(std::path::Path::new(SUITE)).unwrap();
    let bindings = [
        bindings!(awsgen_protocol_json11),
        bindings!(awsgen_protocol_json10),
    ];
    let find = |id: &str| {
        bindings
            .iter()
            .find_map(|b| {
                let case = suite
                    .cases(b.service_id)
                    .unwrap()
                    .into_iter()
                    .find(|c| c.id == id)?;
                Some((*b, case))
            })
            .unwrap_or_else(|| panic!("no case {id}"))
    };
    let alterations: [Alteration; 5] = [
        (
            "parses_iso8601_timestamps",
            "differs at $.Iso8601Timestamp",
            |t| {
                t["params"]["Iso8601Timestamp"] = 946845297.into();
            },
        ),
        ("parses_float_shapes", "differs at $.Float", |t| {
            t["params"]["Float"] = 1.2.into();
        }),
        ("AwsJson11ComplexError", "differs at $.Nested.Foo", |t| {
            t["params"]["Nested"]["Foo"] = "baz".into();
        }),
        (
            "AwsJson10FooErrorUsingXAmznErrorType",
            "got error Other",
            |t| {
                t["headers"]["X-Amzn-Errortype"] = "Other".into();
            },
        ),
        ("serializes_blob_shapes", "body differs at $.Blob", |t| {
            t["params"]["Blob"] = "other".into();
        }),
    ];
    for (id, expected, alter) in alterations {
        let (binding, mut case) = find(id);
        if let Err(reason) = suite.run(&binding, &case) {
            assert!(
                !reason.contains(expected),
                "{id} fails before any change: {reason}"
            );
        }
        alter(&mut case.test);
        let reason = suite.run(&binding, &case).unwrap_err();
        assert!(reason.contains(expected), "{id}: {reason}");
    }
}
