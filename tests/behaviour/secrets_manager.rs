//! Behaviour of the bindings generated from the official Secrets Manager model
//! (copied into the generated crate's `tests/` by `tests/generated_code_compiles.rs`):
//! no secret leaves through an error.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_runtime::http;
use awsgen_runtime::aws_json::{Operation, ResponseError};
use secrets_manager::operation::describe_secret::DescribeSecret;
use secrets_manager::operation::get_secret_value::GetSecretValue;

const SECRET: &str = "hunter2-correct-horse";

fn answer(body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("x-amzn-requestid", "req-s")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

/// A `GetSecretValue` answer with a valid `SecretString` and one malformed
/// member: the error keeps the raw body for the caller, but neither its
/// `Debug` nor its `Display` (what `main() -> Result<(), Box<dyn Error>>`
/// prints) shows the body or quotes a value from it.
#[test]
fn a_malformed_secret_answer_keeps_its_body_but_never_shows_it() {
    const { assert!(GetSecretValue::SENSITIVE_RESPONSE) };
    let body = format!(
        r#"{{"ARN":"arn:aws:secretsmanager:us-east-1:1:secret:s","Name":"s","SecretString":"{SECRET}","VersionStages":"AWSCURRENT-{SECRET}"}}"#
    );
    let error = GetSecretValue::parse_response(&answer(&body)).unwrap_err();
    let ResponseError::Malformed(malformed) = &error else {
        panic!("expected a malformed response, got {error:?}");
    };
    assert_eq!(malformed.body, body.as_bytes());
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    for shown in [format!("{boxed:?}"), boxed.to_string()] {
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("AWSCURRENT"), "{shown}");
        assert!(shown.contains("GetSecretValue"), "{shown}");
    }
    assert!(
        boxed.to_string().contains("line 1 column"),
        "the place of the problem is kept: {boxed}"
    );
}

/// An output without sensitive members keeps the parser's full message.
#[test]
fn a_malformed_answer_without_secrets_says_what_is_wrong() {
    const { assert!(!DescribeSecret::SENSITIVE_RESPONSE) };
    let error = DescribeSecret::parse_response(&answer(r#"{"Name":"s","VersionIdsToStages":7}"#))
        .unwrap_err();
    let shown = error.to_string();
    assert!(shown.contains("invalid type: integer `7`"), "{shown}");
    assert!(format!("{error:?}").contains("VersionIdsToStages"));
}
