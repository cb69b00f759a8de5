//! Behaviour of the bindings generated from `codegen/tests/fixtures/kitchen_sink.json`
//! (copied into the generated crate's `tests/` by `tests/generated_code_compiles.rs`):
//! what the snapshots show, exercised on the wire.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_runtime::http;
use kitchen_sink::operation::put_thing::{PutThing, PutThingError};
use kitchen_sink::types::*;
use awsgen_runtime::serde_json::{self, json};

fn input() -> PutThingInput {
    PutThingInput::new(String::new("v"), 1.5)
}

#[test]
fn keywords_std_names_and_required_members() {
    let input = input().r#match(Color::Red).self_("me").option(Option::new().some(true)).set_new("n");
    let body = serde_json::to_value(&input).unwrap();
    assert_eq!(body, json!({"type": {"value": "v"}, "self": "me", "match": "red", "weight": 1.5, "option": {"some": true}, "new": "n"}));
    let request = PutThing::request(&input).unwrap();
    assert_eq!(request.headers()["x-amz-target"], "KitchenSink.PutThing");
    assert_eq!(request.headers()["content-type"], "application/x-amz-json-1.0");
}

#[test]
fn enums_keep_unknown_values_and_renamed_members() {
    assert_eq!(Color::from("unknown"), Color::UnknownValue);
    assert_eq!(Color::from("self"), Color::Self_);
    assert_eq!(Color::from("2xx"), Color::V2xx);
    let purple = Color::from("purple");
    assert!(purple.is_unknown());
    assert_eq!(serde_json::to_value(&purple).unwrap(), "purple");
    assert_eq!(Level::from(10), Level::High);
    assert_eq!(serde_json::from_value::<Level>(json!(7)).unwrap(), Level::Unknown(7));
    assert_eq!(serde_json::to_value(Level::Low).unwrap(), 1);
}

#[test]
fn unions_are_single_key_objects() {
    let choice: Choice = serde_json::from_value(json!({"__type": "x#Choice", "text": "hi", "number": null})).unwrap();
    assert_eq!(choice, Choice::Text("hi".into()));
    let nested = Choice::Nested(Box::new(Choice::Nothing));
    assert_eq!(serde_json::to_value(&nested).unwrap(), json!({"nested": {"nothing": {}}}));
    assert_eq!(serde_json::from_value::<Choice>(json!({"nested": {"nothing": {}}})).unwrap(), nested);
    assert_eq!(serde_json::from_value::<Choice>(json!({"Unknown": true})).unwrap(), Choice::UnknownValue(true));
    let later: Choice = serde_json::from_value(json!({"addedLater": 1})).unwrap();
    assert_eq!(later, Choice::Unknown("addedLater".into()));
    // A parsed response holding it can be printed again: the member's name with `{}`.
    assert_eq!(serde_json::to_value(&later).unwrap(), json!({"addedLater": {}}));
    assert!(serde_json::from_value::<Choice>(json!({"text": "a", "number": 1})).is_err());
    assert!(serde_json::from_value::<Choice>(json!({})).is_err());
}

#[test]
fn timestamps_blobs_and_documents_use_their_wire_formats() {
    let input = input()
        .when(awsgen_runtime::DateTime::from_millis(1_479_816_991_349))
        .stamp(awsgen_runtime::DateTime::from_millis(1_479_816_991_349))
        .expires(awsgen_runtime::DateTime::from_secs(1_479_816_991))
        .payload(awsgen_runtime::Blob::from("abc"))
        .metadata(json!({"any": [1, "thing"]}))
        .ratio(f64::NAN);
    let body = serde_json::to_value(&input).unwrap();
    assert_eq!(body["when"].to_string(), "1479816991.349");
    assert_eq!(body["stamp"], "2016-11-22T12:16:31.349Z");
    assert_eq!(body["expires"], "Tue, 22 Nov 2016 12:16:31 GMT");
    assert_eq!(body["payload"], "YWJj");
    assert_eq!(body["metadata"], json!({"any": [1, "thing"]}));
    assert_eq!(body["ratio"], "NaN");
    let back: PutThingInput = serde_json::from_value(body).unwrap();
    assert_eq!(back.stamp, input.stamp);
    assert_eq!(back.expires, input.expires);
    assert!(back.ratio.unwrap().is_nan());
}

#[test]
fn defaults_fill_missing_and_null_members_and_are_sent() {
    let settings: Settings = serde_json::from_value(json!({"strict": "s", "retries": null})).unwrap();
    assert_eq!(settings.retries, 3);
    assert_eq!(settings.label, "none");
    assert_eq!(settings.color, Color::Red);
    assert_eq!(settings.tags, Vec::<Color>::new());
    assert_eq!(settings.ratio, 0.5);
    assert_eq!(settings.extra, json!({"a": [1, true]}));
    assert_eq!(settings.maybe, None);
    let sent = serde_json::to_value(Settings::new("s")).unwrap();
    assert_eq!(sent["retries"], 3);
    assert_eq!(sent["label"], "none");
    // A response missing a required member is corrected to the zero value.
    let output: PutThingOutput = serde_json::from_value(json!({})).unwrap();
    assert_eq!(output.count, 0);
}

#[test]
fn sensitive_members_are_redacted_in_debug() {
    let debug = format!("{:?}", input().secret("hunter2"));
    assert!(!debug.contains("hunter2"), "{debug}");
    assert!(debug.contains("secret: \"** redacted **\""), "{debug}");
}

#[test]
fn errors_are_typed_and_the_unhandled_shape_is_renamed() {
    let response = http::Response::builder()
        .status(400)
        .body(br#"{"__type": "Unhandled", "message": "m"}"#.to_vec())
        .unwrap();
    let error = PutThing::parse_response(&response).unwrap_err();
    let error = error.service_error().unwrap();
    assert!(matches!(error, PutThingError::UnhandledError(_)));
    assert_eq!(error.message(), Some("m"));
    let response = http::Response::builder()
        .status(503)
        .header("x-amzn-errortype", "Overloaded:http://internal")
        .body(br#"{"Message": "busy", "code": "Slow"}"#.to_vec())
        .unwrap();
    let error = PutThing::parse_response(&response).unwrap_err();
    let error = error.service_error().unwrap();
    let PutThingError::Overloaded(overloaded) = error else { panic!("{error:?}") };
    assert_eq!(overloaded.code.as_deref(), Some("Slow"));
    assert!(error.is_server_fault());
    assert_eq!(error.to_string(), "Overloaded: busy");
}
