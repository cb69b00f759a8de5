//! Behaviour of the restJson1 bindings generated from
//! `codegen/tests/fixtures/rest_json.json` (copied into the generated crate's
//! `tests/` by `tests/generated_code_compiles.rs`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_runtime::DateTime;
use awsgen_runtime::aws_json::ResponseError;
use awsgen_runtime::http;
use rest_json::operation::get_thing::{GetThing, GetThingError};
use rest_json::operation::put_file::PutFile;
use rest_json::types::{Color, GetThingInput, PutFileInput};

#[test]
fn labels_query_and_headers_make_the_request() {
    let input = GetThingInput::new("a b/c")
        .version(3)
        .fields(vec!["x".to_owned(), "y,z".to_owned()])
        .since(DateTime::from_secs(1_576_540_098))
        .color(Color::Blue);
    let request = GetThing::request(&input).unwrap();
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().to_string(),
        "/things/a%20b%2Fc?view=full&version=3&field=x&field=y%2Cz"
    );
    let header = |name: &str| request.headers().get(name).unwrap().to_str().unwrap();
    assert_eq!(header("if-modified-since"), "Mon, 16 Dec 2019 23:48:18 GMT");
    assert_eq!(header("x-color"), "blue");
    // No member is left for the body: none is sent.
    assert!(request.body().is_empty());
    assert!(request.headers().get("content-type").is_none());
}

#[test]
fn an_empty_label_is_refused_naming_the_member() {
    let error = GetThing::request(&GetThingInput::new("")).unwrap_err();
    assert!(error.to_string().contains("`ThingId`"), "{error}");
}

#[test]
fn payloads_keep_slashes_of_greedy_labels_and_carry_their_checksum() {
    let input = PutFileInput::new("photos/2024/cat.png")
        .body(awsgen_runtime::Blob::new(b"hello world".to_vec()))
        .metadata([("owner".to_owned(), "me".to_owned())].into());
    let request = PutFile::request(&input).unwrap();
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(request.uri().path(), "/files/photos/2024/cat.png");
    assert_eq!(request.body(), b"hello world");
    let header = |name: &str| request.headers().get(name).unwrap().to_str().unwrap();
    assert_eq!(header("content-type"), "image/png");
    assert_eq!(header("x-meta-owner"), "me");
    assert_eq!(header("content-md5"), "XrY7u+Ae7tCTyyK7j1rNww==");
}

#[test]
fn outputs_are_read_from_body_headers_and_status() {
    let response = http::Response::builder()
        .status(200)
        .header("ETag", "\"abc\"")
        .header("Last-Modified", "Mon, 16 Dec 2019 23:48:18 GMT")
        .body(br#"{"name":"thing","Tags":["a"]}"#.to_vec())
        .unwrap();
    let output = GetThing::parse_response(&response).unwrap();
    assert_eq!(output.name.as_deref(), Some("thing"));
    assert_eq!(output.tags, Some(vec!["a".to_owned()]));
    assert_eq!(output.e_tag.as_deref(), Some("\"abc\""));
    assert_eq!(output.modified, Some(DateTime::from_secs(1_576_540_098)));
    assert_eq!(output.status, Some(200));
}

#[test]
fn errors_read_their_type_and_header_members() {
    let response = http::Response::builder()
        .status(404)
        .header("X-Amzn-ErrorType", "ThingNotFound:http://internal/")
        .header("Retry-After", "30")
        .body(br#"{"message":"no such thing"}"#.to_vec())
        .unwrap();
    let Err(ResponseError::Service(error)) = GetThing::parse_response(&response) else {
        panic!("expected a service error");
    };
    let GetThingError::ThingNotFound(not_found) = &error.error else {
        panic!("expected ThingNotFound");
    };
    assert_eq!(not_found.message.as_deref(), Some("no such thing"));
    assert_eq!(not_found.retry_after, Some(30));
    // restJson1 reads `code` before `__type` when no header names the error.
    let response = http::Response::builder()
        .status(404)
        .body(br#"{"code":"ThingNotFound","__type":"Other"}"#.to_vec())
        .unwrap();
    let Err(ResponseError::Service(error)) = GetThing::parse_response(&response) else {
        panic!("expected a service error");
    };
    assert_eq!(error.error.error_type(), "ThingNotFound");
    assert_eq!(error.code, "ThingNotFound");
}

#[test]
fn a_bad_header_value_is_a_malformed_response_naming_the_member() {
    let response = http::Response::builder()
        .status(200)
        .header("Last-Modified", "yesterday")
        .body(b"{}".to_vec())
        .unwrap();
    let Err(ResponseError::Malformed(malformed)) = GetThing::parse_response(&response) else {
        panic!("expected a malformed response");
    };
    assert!(malformed.to_string().contains("Modified"), "{malformed}");
}

#[test]
fn a_required_structure_payload_is_read_and_its_absence_is_malformed() {
    let response = http::Response::builder()
        .status(201)
        .header("x-request-id", "r-1")
        .body(br#"{"Size":5}"#.to_vec())
        .unwrap();
    let output = PutFile::parse_response(&response).unwrap();
    assert_eq!(output.receipt.size, 5);
    assert_eq!(output.request_id.as_deref(), Some("r-1"));

    let empty = http::Response::builder()
        .status(201)
        .body(Vec::new())
        .unwrap();
    let Err(ResponseError::Malformed(malformed)) = PutFile::parse_response(&empty) else {
        panic!("expected a malformed response");
    };
    assert!(malformed.to_string().contains("Receipt"), "{malformed}");
}
