//! Behaviour of the bindings generated from `codegen/tests/fixtures/unseen_models.json`
//! (copied into the generated crate's `tests/` by `tests/generated_code_compiles.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_runtime::http;
use awsgen_runtime::aws_json::{Operation, ResponseError};
use awsgen_runtime::serde_json::{self, json};
use unseen_models::operation::r#match::{Match, MatchError};
use unseen_models::types::{MatchOutput, Outcome, Type};

fn body(request: &http::Request<Vec<u8>>) -> serde_json::Value {
    serde_json::from_slice(request.body()).unwrap()
}

#[test]
fn an_unset_idempotency_token_is_filled_once_per_request() {
    let input = Type::new().name("n");
    let first = body(&Match::request(&input).unwrap());
    let token = first["clientToken"].as_str().unwrap().to_owned();
    // A UUID v4: 8-4-4-4-12 hex digits, version 4, variant 10xx.
    let parts: Vec<&str> = token.split('-').collect();
    assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{token}");
    assert!(parts[2].starts_with('4') && "89ab".contains(&parts[3][..1]), "{token}");
    // The caller's input is untouched; the next call gets a new token.
    assert_eq!(input.client_token, None);
    let second = body(&Match::request(&input).unwrap());
    assert_ne!(second["clientToken"], first["clientToken"]);
    // A token the caller sets is sent as it is.
    let set = body(&Match::request(&input.clone().client_token("mine")).unwrap());
    assert_eq!(set["clientToken"], "mine");
}

#[test]
fn an_optional_host_label_reads_the_field_as_an_option() {
    let prefix = Match::host_prefix(&Type::new().name("east")).unwrap();
    assert_eq!(prefix.as_deref(), Some("east."));
    // Unset or empty, the label is a request error naming the member.
    let unset = Match::request(&Type::new()).unwrap_err().to_string();
    assert!(unset.contains("host label member `name` is not set"), "{unset}");
    let empty = Match::request(&Type::new().name("")).unwrap_err().to_string();
    assert!(empty.contains("host label member `name` is empty"), "{empty}");
}

#[test]
fn a_blob_default_is_the_decoded_bytes() {
    assert_eq!(MatchOutput::new().data.as_bytes(), b"hi");
    let read: MatchOutput = serde_json::from_value(json!({})).unwrap();
    assert_eq!(read.data.as_bytes(), b"hi");
}

#[test]
fn error_messages_are_found_under_any_name() {
    let error = |code: &str, body: serde_json::Value| {
        let response = http::Response::builder()
            .status(400)
            .header("x-amzn-errortype", code)
            .body(serde_json::to_vec(&body).unwrap())
            .unwrap();
        match Match::parse_response(&response) {
            Err(ResponseError::Service(e)) => e.error,
            other => panic!("{other:?}"),
        }
    };
    let refused = error("Refused", json!({"ErrorMessage": "no"}));
    assert!(matches!(refused, MatchError::Refused(_)));
    assert_eq!(refused.message(), Some("no"));
    let throttled = error("Throttled", json!({"Message": "slow down"}));
    assert_eq!(throttled.message(), Some("slow down"));
    assert!(throttled.is_server_fault());
    // The service may send the message under another name than the model's,
    // as botocore reads it: `message`, `Message` or `errorMessage`; the
    // modeled name wins when both are there.
    for (body, want) in [
        (json!({"message": "lower"}), "lower"),
        (json!({"errorMessage": "camel"}), "camel"),
        (json!({"message": "alias", "ErrorMessage": "modeled"}), "modeled"),
        (json!({"ErrorMessage": "modeled", "Message": "alias"}), "modeled"),
    ] {
        assert_eq!(error("Refused", body).message(), Some(want));
    }
}

#[test]
fn unknown_union_members_print_again() {
    let outcome: Outcome = serde_json::from_value(json!({"later": {"x": 1}})).unwrap();
    assert_eq!(outcome, Outcome::Unknown("later".into()));
    assert_eq!(serde_json::to_value(&outcome).unwrap(), json!({"later": {}}));
}
