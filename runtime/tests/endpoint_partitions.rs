//! The partition table: the built-in facts against a `partitions.json` of the same
//! date, and the lookup rules of `aws.partition`.

#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;

use awsgen_runtime::endpoint::{EndpointError, PartitionOutputs, Partitions};

const PARTITIONS_2025: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/conformance/smithy-endpoint-tests/partitions.json"
);

#[test]
fn builtin_matches_partitions_json_of_its_date() {
    let from_file = Partitions::from_json(&fs::read_to_string(PARTITIONS_2025).unwrap()).unwrap();
    let builtin = Partitions::builtin();
    let ids: Vec<_> = builtin.partitions().iter().map(|p| p.id()).collect();
    assert_eq!(
        ids,
        [
            "aws",
            "aws-cn",
            "aws-us-gov",
            "aws-iso",
            "aws-iso-b",
            "aws-iso-e",
            "aws-iso-f"
        ]
    );
    for (ours, theirs) in builtin.partitions().iter().zip(from_file.partitions()) {
        assert_eq!(ours, theirs, "partition {}", theirs.id());
    }
    assert_eq!(*builtin, from_file);
}

fn outputs(name: &str, dns: &str, dual: &str, dual_ok: bool, global: &str) -> PartitionOutputs {
    PartitionOutputs {
        name: name.into(),
        dns_suffix: dns.into(),
        dual_stack_dns_suffix: dual.into(),
        supports_fips: true,
        supports_dual_stack: dual_ok,
        implicit_global_region: Some(global.into()),
    }
}

#[test]
fn builtin_lookup() {
    let p = Partitions::builtin();
    let aws = outputs("aws", "amazonaws.com", "api.aws", true, "us-east-1");
    // Listed regions.
    assert_eq!(p.resolve("us-east-1"), Some(aws.clone()));
    assert_eq!(p.resolve("aws-global"), Some(aws.clone()));
    assert_eq!(
        p.resolve("cn-north-1"),
        Some(outputs(
            "aws-cn",
            "amazonaws.com.cn",
            "api.amazonwebservices.com.cn",
            true,
            "cn-northwest-1"
        ))
    );
    assert_eq!(
        p.resolve("us-gov-west-1").map(|o| o.name),
        Some("aws-us-gov".to_owned())
    );
    assert_eq!(
        p.resolve("us-isob-east-1"),
        Some(outputs(
            "aws-iso-b",
            "sc2s.sgov.gov",
            "sc2s.sgov.gov",
            false,
            "us-isob-east-1"
        ))
    );
    // Unlisted names matching a partition's pattern.
    assert_eq!(
        p.resolve("eu-south-9").map(|o| o.name),
        Some("aws".to_owned())
    );
    assert_eq!(
        p.resolve("cn-south-7").map(|o| o.name),
        Some("aws-cn".to_owned())
    );
    assert_eq!(
        p.resolve("us-gov-north-3").map(|o| o.name),
        Some("aws-us-gov".to_owned())
    );
    assert_eq!(
        p.resolve("us-isof-west-2").map(|o| o.name),
        Some("aws-iso-f".to_owned())
    );
    // Every built-in pattern (compiled on first use) matches its kind of name.
    for (region, partition) in [
        ("us-iso-north-5", "aws-iso"),
        ("us-isob-north-5", "aws-iso-b"),
        ("eu-isoe-north-5", "aws-iso-e"),
    ] {
        assert_eq!(
            p.resolve(region).map(|o| o.name),
            Some(partition.to_owned()),
            "{region}"
        );
    }
    // Anything else falls back to `aws`.
    assert_eq!(p.resolve("mars-east-1"), Some(aws.clone()));
    assert_eq!(p.resolve(""), Some(aws));
}

const SMALL: &str = r#"{
    "version": "1.1",
    "partitions": [
        {
            "id": "first",
            "regionRegex": "^f\\-\\w+\\-\\d+$",
            "regions": {
                "f-one-1": {"description": "plain"},
                "f-special-1": {"dnsSuffix": "special.example", "supportsFIPS": false}
            },
            "outputs": {
                "name": "first", "dnsSuffix": "first.example", "dualStackDnsSuffix": "dual.first.example",
                "supportsFIPS": true, "supportsDualStack": true
            }
        },
        {
            "id": "second",
            "regionRegex": "^s\\-\\w+\\-\\d+$",
            "regions": {},
            "outputs": {
                "name": "second", "dnsSuffix": "second.example", "dualStackDnsSuffix": "second.example",
                "supportsFIPS": false, "supportsDualStack": false, "implicitGlobalRegion": "s-main-1"
            }
        }
    ]
}"#;

#[test]
fn from_json_overrides_and_fallback() {
    let p = Partitions::from_json(SMALL).unwrap();
    let first = p.resolve("f-one-1").unwrap();
    assert_eq!(first.dns_suffix, "first.example");
    assert!(first.supports_fips);
    assert_eq!(first.implicit_global_region, None);

    let special = p.resolve("f-special-1").unwrap();
    assert_eq!(special.dns_suffix, "special.example");
    assert!(!special.supports_fips);
    assert_eq!(special.dual_stack_dns_suffix, "dual.first.example");

    assert_eq!(
        p.resolve("s-x-2")
            .unwrap()
            .implicit_global_region
            .as_deref(),
        Some("s-main-1")
    );
    // No `aws` partition: an unmatched region has no partition.
    assert_eq!(p.resolve("elsewhere"), None);
}

#[test]
fn from_json_errors() {
    assert!(matches!(
        Partitions::from_json("{"),
        Err(EndpointError::Json { .. })
    ));
    // Valid JSON of the wrong shape: the error names where.
    let invalid_at = |json: &str| match Partitions::from_json(json) {
        Err(EndpointError::Invalid { path, message }) => format!("{path}: {message}"),
        other => panic!("expected an invalid-document error, got {other:?}"),
    };
    assert_eq!(invalid_at("[]"), ": expected an object");
    let missing_outputs = r#"{"partitions": [{"id": "x", "regionRegex": "^x$", "regions": {}}]}"#;
    assert_eq!(
        invalid_at(missing_outputs),
        "partitions[0].outputs: missing"
    );
    let wrong_type = r#"{"partitions": [{"id": "x", "regionRegex": "^x$", "outputs": {"name": "x",
        "dnsSuffix": "d", "dualStackDnsSuffix": "d", "supportsFIPS": "yes", "supportsDualStack": true}}]}"#;
    assert_eq!(
        invalid_at(wrong_type),
        "partitions[0].outputs.supportsFIPS: expected a boolean"
    );
    let bad_regex = SMALL.replace(r"^s\\-\\w+\\-\\d+$", "^s(");
    match Partitions::from_json(&bad_regex) {
        Err(EndpointError::Regex { partition, .. }) => assert_eq!(partition, "second"),
        other => panic!("expected a regex error, got {other:?}"),
    }
}
