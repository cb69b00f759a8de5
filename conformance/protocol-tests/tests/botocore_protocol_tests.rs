//! Runs botocore's own protocol tests for awsJson1_1, awsJson1_0 and restJson1
//! (requests, outputs and errors) against the bindings generated from the
//! Smithy suite: botocore writes the Smithy cases again with its own
//! expectations, a second opinion on the same operations. Prints one line per failure and the totals. Set
//! `PROTOCOL_TESTS_VERBOSE=1` to print failure reasons in full.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_protocol_tests::{Suite, bindings, botocore};

const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/smithy-protocol-tests/smithy-aws-protocol-tests_model.json"
);
const BOTOCORE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/conformance/botocore-protocol-tests"
);

#[test]
fn botocore_protocol_tests() {
    let suite = Suite::load(std::path::Path::new(SUITE)).unwrap();
    // Each file of botocore's, with the Smithy service its cases come from.
    let files = [
        ("input/json.json", bindings!(awsgen_protocol_json11)),
        ("output/json.json", bindings!(awsgen_protocol_json11)),
        ("input/json_1_0.json", bindings!(awsgen_protocol_json10)),
        ("output/json_1_0.json", bindings!(awsgen_protocol_json10)),
        (
            "input/json_1_0-query-compatible.json",
            bindings!(awsgen_protocol_query_compat),
        ),
        (
            "output/json_1_0-query-compatible.json",
            bindings!(awsgen_protocol_query_compat),
        ),
        ("input/rest-json.json", bindings!(awsgen_protocol_rest_json)),
        (
            "output/rest-json.json",
            bindings!(awsgen_protocol_rest_json),
        ),
    ];
    let verbose = std::env::var_os("PROTOCOL_TESTS_VERBOSE").is_some();
    let (mut passed, mut failed) = (0, 0);
    for (file, bindings) in files {
        let text = std::fs::read_to_string(format!("{BOTOCORE}/{file}")).unwrap();
        for case in botocore::cases(&text, bindings.service_id).unwrap() {
            match suite.run(&bindings, &case) {
                Ok(()) => passed += 1,
                Err(reason) => {
                    failed += 1;
                    let reason = if verbose {
                        reason.as_str()
                    } else {
                        reason.get(..100).unwrap_or(&reason)
                    };
                    println!("FAILED {} ({file}): {reason}", case.id);
                }
            }
        }
    }
    println!("botocore protocol tests: {passed} passed, {failed} failed");
    // botocore-protocol-tests/SOURCE.md: awsJson1_1 54 + 58, awsJson1_0 21 + 32,
    // query-compatible 1 + 2, restJson1 113 + 91 (requests + responses).
    assert_eq!(passed + failed, 54 + 58 + 21 + 32 + 1 + 2 + 113 + 91);
    assert_eq!(
        failed, 0,
        "{failed} botocore protocol tests failed (listed above)"
    );
}

/// The conversion keeps every expectation: altered copies of passing cases fail.
#[test]
fn altered_botocore_cases_fail() {
    let suite = Suite::load(std::path::Path::new(SUITE)).unwrap();
    let bindings = bindings!(awsgen_protocol_rest_json);
    let run = |file: &str, id: &str, alter: &dyn Fn(&mut serde_json::Value)| {
        let text = std::fs::read_to_string(format!("{BOTOCORE}/{file}")).unwrap();
        let mut suites: serde_json::Value = serde_json::from_str(&text).unwrap();
        for case in suites
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .flat_map(|suite| suite["cases"].as_array_mut().unwrap())
            .filter(|case| case["id"] == id)
        {
            alter(case);
        }
        let cases = botocore::cases(&suites.to_string(), bindings.service_id).unwrap();
        let case = cases.iter().find(|case| case.id == id).unwrap();
        suite.run(&bindings, case)
    };
    let unchanged = |_: &mut serde_json::Value| {};
    let input = "input/rest-json.json";
    let output = "output/rest-json.json";
    for (file, id) in [
        (input, "RestJsonAllQueryStringTypes"),
        (input, "RestJsonEndpointTraitWithHostLabel"),
        (output, "RestJsonDeserializesDenseSetMapAndSkipsNull"),
    ] {
        run(file, id, &unchanged).unwrap();
    }
    let query = run(input, "RestJsonAllQueryStringTypes", &|case| {
        let uri = case["serialized"]["uri"]
            .as_str()
            .unwrap()
            .replace("String=Hello", "String=Bye");
        case["serialized"]["uri"] = uri.into();
    });
    assert!(query.unwrap_err().contains("query"));
    let host = run(input, "RestJsonEndpointTraitWithHostLabel", &|case| {
        case["serialized"]["host"] = "foo.baz.example.com".into();
    });
    assert!(
        host.unwrap_err()
            .contains("host: expected foo.baz.example.com")
    );
    let body = run(input, "RestJsonEndpointTraitWithHostLabel", &|case| {
        case["serialized"]["body"] = r#"{"label": "baz"}"#.into();
    });
    assert!(body.unwrap_err().contains("body"));
    let output = run(
        output,
        "RestJsonDeserializesDenseSetMapAndSkipsNull",
        &|case| {
            case["result"]["denseSetMap"]["z"] = serde_json::json!([]);
        },
    );
    assert!(output.unwrap_err().contains("differs"));
}
