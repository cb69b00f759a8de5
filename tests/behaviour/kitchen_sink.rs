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

#[test]
fn the_dispatch_table_builds_requests_from_json() {
    use awsgen_runtime::dispatch::Strictness;
    let names: Vec<&str> = kitchen_sink::dispatch::OPERATIONS.iter().map(|op| op.name()).collect();
    assert_eq!(names, ["ListThings", "Ping", "PutThing"]);
    let error = kitchen_sink::dispatch::operation("Nope").unwrap_err();
    assert_eq!(error.to_string(), "the bindings have no operation `Nope`");
    let put = kitchen_sink::dispatch::operation("PutThing").unwrap();
    let input = json!({"type": {"value": "v"}, "weight": 1.5, "match": "red", "colors": ["self", "2xx"]});
    let request = put.build_request(&input, Strictness::Strict).unwrap();
    assert_eq!(request.headers()["x-amz-target"], "KitchenSink.PutThing");
    assert_eq!(request.body(), &PutThing::request(&serde_json::from_value(input).unwrap()).unwrap().body().clone());
    // Strictly, an unknown enum value or member is refused at its path;
    // leniently, the value is kept and the member dropped, as the protocol does.
    let typo = json!({"type": {"value": "v"}, "weight": 1.5, "colors": ["red", "bleu"]});
    let error = put.build_request(&typo, Strictness::Strict).unwrap_err();
    assert!(error.to_string().starts_with("invalid input at `colors[1]`: unknown value \"bleu\"; expected one of: "), "{error}");
    let sent = put.build_request(&typo, Strictness::Lenient).unwrap();
    assert!(std::str::from_utf8(sent.body()).unwrap().contains("\"bleu\""));
    let extra = json!({"type": {"value": "v", "vlaue": 1}, "weight": 1.5});
    let error = put.build_request(&extra, Strictness::Strict).unwrap_err();
    assert_eq!(error.to_string(), "invalid input at `type.vlaue`: unknown member");
    put.build_request(&extra, Strictness::Lenient).unwrap();
    let error = put.build_request(&json!({"weight": 1.5}), Strictness::Lenient).unwrap_err();
    assert!(error.to_string().contains("missing field `type`"), "{error}");
    // An operation without input takes `{}` and nothing else, strictly.
    let ping = kitchen_sink::dispatch::operation("Ping").unwrap();
    assert_eq!(ping.build_request(&json!({}), Strictness::Strict).unwrap().body(), b"{}");
    let error = ping.build_request(&json!({"x": 1}), Strictness::Strict).unwrap_err();
    assert_eq!(error.to_string(), "invalid input at `x`: unknown member");
}

#[test]
fn the_dispatch_table_parses_responses_into_json() {
    use awsgen_runtime::dispatch::{DispatchError, Parsed};
    let put = kitchen_sink::dispatch::operation("PutThing").unwrap();
    let response = |status: u16, body: &str| {
        http::Response::builder().status(status).header("x-amzn-requestid", "r-1").body(body.as_bytes().to_vec()).unwrap()
    };
    let Parsed::Output(output) = put.parse_response(&response(200, r#"{"count": 2}"#)).unwrap() else { panic!() };
    assert_eq!(output["count"], 2);
    let Parsed::Error(error) = put.parse_response(&response(503, r#"{"__type": "Overloaded", "Message": "busy", "code": "Slow"}"#)).unwrap() else { panic!() };
    assert_eq!((error.error_type.as_str(), error.status, error.message.as_deref()), ("Overloaded", 503, Some("busy")));
    assert_eq!(error.request_id.as_deref(), Some("r-1"));
    assert_eq!(error.fields.as_ref().unwrap()["code"], "Slow");
    let Parsed::Error(error) = put.parse_response(&response(400, r#"{"__type": "Throttling", "message": "slow down"}"#)).unwrap() else { panic!() };
    assert_eq!((error.error_type.as_str(), error.fields.as_ref(), error.message.as_deref()), ("Throttling", None, Some("slow down")));
    let malformed = put.parse_response(&response(200, r#"{"count": "two"}"#)).unwrap_err();
    assert!(matches!(malformed, DispatchError::Malformed(_)), "{malformed:?}");
}

type Attempt = awsgen_runtime::client::Attempt<PutThing>;

fn answered(output: serde_json::Value) -> Attempt {
    Ok(awsgen_runtime::client::Response::ok(serde_json::from_value(output).unwrap()))
}

fn failed_with(error: PutThingError) -> Attempt {
    let code = error.error_type().to_owned();
    Err(awsgen_runtime::client::Error::Service(Box::new(
        awsgen_runtime::aws_json::ServiceError {
            error,
            code,
            status: http::StatusCode::SERVICE_UNAVAILABLE,
            request_id: None,
        },
    )))
}

#[test]
fn waiter_acceptors_evaluate_their_paths_as_jmespath_does() {
    use awsgen_runtime::client::Acceptor::{Failure, Retry, Success};
    use kitchen_sink::waiters::{THING_MATCHES, THING_READY};

    let ready = |attempt: Attempt| (THING_READY.acceptors)(&input(), &attempt);
    let settings = |tags: serde_json::Value| json!({"strict": "s", "maybe": "m", "tags": tags});
    assert_eq!(ready(answered(json!({"count": 0, "result": {"color": "red"}}))), Some((0, Success)));
    assert_eq!(ready(answered(json!({"count": 0, "result": {"ok": false}}))), Some((1, Failure)));
    assert_eq!(ready(answered(json!({"count": 0, "result": {"ok": true}}))), None);
    // allStringEquals: every tag, and an empty list is not "all".
    assert_eq!(ready(answered(json!({"count": 0, "settings": settings(json!(["green", "green"]))}))), Some((2, Success)));
    assert_eq!(ready(answered(json!({"count": 0, "settings": settings(json!(["green", "blue"]))}))), None);
    assert_eq!(ready(answered(json!({"count": 0, "settings": settings(json!([]))}))), None);
    // length(settings.tags) > `2` && count >= `1`
    let three = settings(json!(["blue", "blue", "blue"]));
    assert_eq!(ready(answered(json!({"count": 1, "settings": three}))), Some((3, Retry)));
    assert_eq!(ready(answered(json!({"count": 0, "settings": three}))), None);
    assert_eq!(ready(failed_with(PutThingError::Overloaded(Overloaded::new()))), Some((4, Retry)));
    // An error no acceptor names: the runtime stops the waiter with it.
    assert_eq!(ready(failed_with(PutThingError::UnhandledError(Unhandled::new("m")))), None);

    let matches = |input: serde_json::Value, output: serde_json::Value| {
        let mut base = json!({"type": {"value": "v"}, "weight": 1.5});
        base.as_object_mut().unwrap().extend(input.as_object().unwrap().clone());
        let input: PutThingInput = serde_json::from_value(base).unwrap();
        (THING_MATCHES.acceptors)(&input, &answered(output))
    };
    // input.match == output.result.color, null equal to null.
    assert_eq!(matches(json!({"match": "red"}), json!({"count": 0, "result": {"color": "red"}})), Some((0, Success)));
    assert_eq!(matches(json!({}), json!({"count": 0})), Some((0, Success)));
    let differ = json!({"count": 0, "result": {"color": "blue"}, "settings": {"strict": "s", "maybe": "m", "label": "lbl"}});
    // input.labels.*.value | [?@ != 'y'] has any `x`
    assert_eq!(matches(json!({"match": "red", "labels": {"a": {"value": "y"}, "b": {"value": "x"}}}), differ.clone()), Some((1, Success)));
    assert_eq!(matches(json!({"match": "red", "labels": {"a": {"value": "y"}}}), differ.clone()), None);
    // contains(input.tree.child.children[?name != 'x'].name, output.settings.label)
    let tree = |names: serde_json::Value| json!({"child": {"children": names}});
    assert_eq!(matches(json!({"match": "red", "tree": tree(json!([{"name": "x"}, {"name": "lbl"}]))}), differ.clone()), Some((2, Retry)));
    assert_eq!(matches(json!({"match": "red", "tree": tree(json!([{"name": "x"}, {}]))}), differ.clone()), None);
    // !(length(input.sparseNumbers[]) > input.small) is false: the nulls are not counted.
    assert_eq!(matches(json!({"match": "red", "sparseNumbers": [1, null, 2], "small": 1}), differ.clone()), Some((3, Retry)));
    assert_eq!(matches(json!({"match": "red", "sparseNumbers": [1, null, 2], "small": 2}), differ.clone()), None);
    assert_eq!(matches(json!({"match": "red", "sparseNumbers": [1, null, 2]}), differ.clone()), None);
    // contains(input.tree.children[].[length(children[?name=='x']) >= `1`][], `false`)
    let groups = json!({"children": [{"children": [{"name": "x"}]}, {"children": []}]});
    assert_eq!(matches(json!({"match": "red", "tree": groups}), differ.clone()), Some((4, Retry)));
    let groups = json!({"children": [{"children": [{"name": "x"}]}]});
    assert_eq!(matches(json!({"match": "red", "tree": groups}), differ), None);
    let failed = failed_with(PutThingError::Overloaded(Overloaded::new()));
    assert_eq!((THING_MATCHES.acceptors)(&input(), &failed), Some((5, Failure)));
}
