//! The awsJson protocol: requests, responses, error types and malformed input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::error::Error as _;
use std::fmt;

use awsgen_runtime::aws_json::{
    self, MalformedResponse, Operation, OperationError, Protocol, ResponseError, Service,
    ServiceError, UnhandledError,
};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use serde::{Deserialize, Serialize};

const SERVICE: Service = Service {
    sdk_id: "Lightsail",
    target_prefix: "Lightsail_20161128",
    api_version: "2016-11-28",
    protocol: Protocol::AwsJson1_1,
    signing_name: "lightsail",
    endpoint_prefix: "lightsail",
    endpoint_rule_set: None,
    query_compatible: false,
};

#[derive(Serialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase")]
struct UpdateInput {
    distribution_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_enabled: Option<bool>,
}

#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
struct UpdateOutput {
    #[serde(default)]
    operation: Option<Op>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Op {
    id: String,
}

/// A Lightsail-style error structure: it has a member of its own named `code`.
#[derive(Deserialize, Debug, PartialEq, Clone)]
#[serde(rename_all = "camelCase")]
struct NotFoundException {
    code: Option<String>,
    message: Option<String>,
}

#[derive(Deserialize, Debug, PartialEq, Clone)]
#[serde(rename_all = "camelCase")]
struct InvalidInputException {
    message: Option<String>,
}

#[derive(Debug, PartialEq, Clone)]
enum UpdateError {
    NotFound(NotFoundException),
    InvalidInput(InvalidInputException),
    Unhandled(UnhandledError),
}

impl fmt::Display for UpdateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpdateError::NotFound(e) => write!(
                f,
                "NotFoundException: {}",
                e.message.as_deref().unwrap_or("")
            ),
            UpdateError::InvalidInput(e) => write!(
                f,
                "InvalidInputException: {}",
                e.message.as_deref().unwrap_or("")
            ),
            UpdateError::Unhandled(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for UpdateError {}

impl OperationError for UpdateError {
    fn from_code(code: &str, reply: &aws_json::Reply<'_>) -> Result<Self, serde_json::Error> {
        let body = reply.body;
        Ok(match code {
            "NotFoundException" => UpdateError::NotFound(aws_json::from_body(body)?),
            "InvalidInputException" => UpdateError::InvalidInput(aws_json::from_body(body)?),
            other => UpdateError::Unhandled(UnhandledError::new(other, body)),
        })
    }

    fn inner(&self) -> &dyn aws_json::ErrorInfo {
        self
    }
}

/// The enum answers for its variants itself.
impl aws_json::ErrorInfo for UpdateError {
    fn error_type(&self) -> &str {
        match self {
            UpdateError::NotFound(_) => "NotFoundException",
            UpdateError::InvalidInput(_) => "InvalidInputException",
            UpdateError::Unhandled(e) => e.code(),
        }
    }

    fn is_server_fault(&self) -> bool {
        false
    }

    fn message(&self) -> Option<&str> {
        match self {
            UpdateError::NotFound(e) => e.message.as_deref(),
            UpdateError::InvalidInput(e) => e.message.as_deref(),
            UpdateError::Unhandled(e) => e.message(),
        }
    }
}

struct UpdateDistribution;

impl Operation for UpdateDistribution {
    const SERVICE: &'static Service = &SERVICE;
    const NAME: &'static str = "UpdateDistribution";
    type Input = UpdateInput;
    type Output = UpdateOutput;
    type Error = UpdateError;
}

/// An operation without input members, on an awsJson1_0 service.
struct Ping;

const SERVICE_10: Service = Service {
    sdk_id: "Ping",
    target_prefix: "PingService",
    api_version: "2020-01-01",
    protocol: Protocol::AwsJson1_0,
    signing_name: "ping",
    endpoint_prefix: "ping",
    endpoint_rule_set: None,
    query_compatible: false,
};

impl Operation for Ping {
    const SERVICE: &'static Service = &SERVICE_10;
    const NAME: &'static str = "Ping";
    type Input = ();
    type Output = UpdateOutput;
    type Error = UpdateError;
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

fn parse(
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<UpdateOutput, ResponseError<UpdateError>> {
    aws_json::parse_response::<UpdateDistribution, _>(&response(status, headers, body))
}

fn service_error(
    result: Result<UpdateOutput, ResponseError<UpdateError>>,
) -> ServiceError<UpdateError> {
    match result {
        Err(ResponseError::Service(e)) => *e,
        other => panic!("expected a service error, got {other:?}"),
    }
}

fn malformed(result: Result<UpdateOutput, ResponseError<UpdateError>>) -> MalformedResponse {
    match result {
        Err(ResponseError::Malformed(m)) => *m,
        other => panic!("expected a malformed response, got {other:?}"),
    }
}

#[test]
fn content_types() {
    assert_eq!(
        Protocol::AwsJson1_0.content_type(),
        "application/x-amz-json-1.0"
    );
    assert_eq!(
        Protocol::AwsJson1_1.content_type(),
        "application/x-amz-json-1.1"
    );
}

#[test]
fn request_shape() {
    let input = UpdateInput {
        distribution_name: "my-cdn".into(),
        comment: None,
        is_enabled: Some(false),
    };
    let req = aws_json::request::<UpdateDistribution>(&input).unwrap();
    assert_eq!(req.method(), Method::POST);
    assert_eq!(req.uri(), "/");
    assert_eq!(req.headers().len(), 3);
    assert_eq!(req.headers()["content-type"], "application/x-amz-json-1.1");
    assert_eq!(
        req.headers()["content-length"],
        req.body().len().to_string().as_str()
    );
    assert_eq!(
        req.headers()["x-amz-target"],
        "Lightsail_20161128.UpdateDistribution"
    );
    assert!(req.headers().get("host").is_none());
    let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"distributionName": "my-cdn", "isEnabled": false})
    );
}

#[test]
fn apply_endpoint_makes_the_uri_absolute_with_prefix_and_path() {
    let input = UpdateInput {
        distribution_name: "d".into(),
        comment: None,
        is_enabled: None,
    };
    let mut req = aws_json::request::<UpdateDistribution>(&input).unwrap();
    req.extensions_mut()
        .insert(aws_json::HostPrefix("foo.".into()));
    aws_json::apply_endpoint(&mut req, "https://example.com:8443/base/").unwrap();
    assert_eq!(req.uri(), "https://foo.example.com:8443/base/");
    assert_eq!(req.headers()["host"], "foo.example.com:8443");
    let mut req = aws_json::request::<UpdateDistribution>(&input).unwrap();
    *req.uri_mut() = "/x?y=1".parse().unwrap();
    aws_json::apply_endpoint(&mut req, "http://127.0.0.1:9").unwrap();
    assert_eq!(req.uri(), "http://127.0.0.1:9/x?y=1");
    let mut req = aws_json::request::<UpdateDistribution>(&input).unwrap();
    req.extensions_mut()
        .insert(aws_json::HostPrefix("bad host/".into()));
    assert!(aws_json::apply_endpoint(&mut req, "https://example.com").is_err());
    for bad in [
        "example.com",
        "ftp://example.com",
        "not a url",
        "https://h/?q=1",
    ] {
        let mut req = aws_json::request::<UpdateDistribution>(&input).unwrap();
        let err = aws_json::apply_endpoint(&mut req, bad).unwrap_err();
        assert!(
            err.to_string().starts_with("invalid endpoint"),
            "{bad}: {err}"
        );
    }
}

#[test]
fn query_compatible_services_send_the_query_mode_and_report_legacy_codes() {
    static QUERY: Service = Service {
        query_compatible: true,
        ..SERVICE
    };
    struct Op;
    impl Operation for Op {
        const SERVICE: &'static Service = &QUERY;
        const NAME: &'static str = "UpdateDistribution";
        type Input = UpdateInput;
        type Output = UpdateOutput;
        type Error = UpdateError;
    }
    let input = UpdateInput {
        distribution_name: "d".into(),
        comment: None,
        is_enabled: None,
    };
    let req = aws_json::request::<Op>(&input).unwrap();
    assert_eq!(req.headers()["x-amzn-query-mode"], "true");
    let response = http::Response::builder()
        .status(400)
        .header("x-amzn-query-error", "AWS.Legacy.NotFound;Sender")
        .body(br#"{"__type":"NotFoundException","message":"m"}"#.to_vec())
        .unwrap();
    let Err(ResponseError::Service(error)) = aws_json::parse_response::<Op, _>(&response) else {
        panic!("expected a service error")
    };
    assert_eq!(error.code, "AWS.Legacy.NotFound");
    assert!(matches!(error.error, UpdateError::NotFound(_)));
    // Without the trait the header is not consulted.
    let Err(ResponseError::Service(error)) =
        aws_json::parse_response::<UpdateDistribution, _>(&response)
    else {
        panic!("expected a service error")
    };
    assert_eq!(error.code, "NotFoundException");
}

#[test]
fn request_of_empty_input_sends_empty_object() {
    let req = aws_json::request::<Ping>(&()).unwrap();
    assert_eq!(req.body(), b"{}");
    assert_eq!(req.headers()["x-amz-target"], "PingService.Ping");
    assert_eq!(req.headers()["content-type"], "application/x-amz-json-1.0");
}

#[test]
fn request_serialization_failure_is_an_error() {
    struct Failing;
    impl Operation for Failing {
        const SERVICE: &'static Service = &SERVICE;
        const NAME: &'static str = "Failing";
        type Input = std::collections::HashMap<Vec<u8>, u8>;
        type Output = UpdateOutput;
        type Error = UpdateError;
    }
    // JSON object keys must be strings: a byte-vector key cannot serialize.
    let input = std::collections::HashMap::from([(vec![1u8], 1u8)]);
    let err = aws_json::request::<Failing>(&input).unwrap_err();
    assert!(err.serde_error().is_some());
    assert!(err.source().is_some());
    assert!(err.to_string().contains("serialize"));
}

#[test]
fn request_with_bad_header_text_is_an_error() {
    const BAD: Service = Service {
        target_prefix: "Bad\nPrefix",
        ..SERVICE
    };
    struct BadOp;
    impl Operation for BadOp {
        const SERVICE: &'static Service = &BAD;
        const NAME: &'static str = "Op";
        type Input = ();
        type Output = UpdateOutput;
        type Error = UpdateError;
    }
    let err = aws_json::request::<BadOp>(&()).unwrap_err();
    assert!(err.serde_error().is_none());
    assert!(err.to_string().contains("x-amz-target"));
}

#[test]
fn success_parses_output() {
    let out = parse(
        200,
        &[],
        r#"{"operation": {"id": "op-1", "extra": 1}, "unknown": [1, {"a": null}]}"#,
    )
    .unwrap();
    assert_eq!(
        out,
        UpdateOutput {
            operation: Some(Op { id: "op-1".into() })
        }
    );
}

#[test]
fn success_with_empty_body() {
    for body in ["", " ", "\n\r\t ", "{}"] {
        assert_eq!(
            parse(200, &[], body).unwrap(),
            UpdateOutput::default(),
            "{body:?}"
        );
    }
    assert_eq!(
        aws_json::from_body::<serde_json::Value>(b"  ").unwrap(),
        serde_json::json!({})
    );
}

#[test]
fn success_with_bad_body_is_malformed() {
    let m = malformed(parse(
        200,
        &[("x-amzn-requestid", "req-1")],
        r#"{"operation": {"id": 5}}"#,
    ));
    assert_eq!(m.status, StatusCode::OK);
    assert_eq!(m.request_id.as_deref(), Some("req-1"));
    assert_eq!(m.body, br#"{"operation": {"id": 5}}"#);
    assert!(m.reason.contains("UpdateDistribution"), "{}", m.reason);
    let m = malformed(parse(200, &[], r#"{"operation": "#));
    assert_eq!(m.status, StatusCode::OK);
}

#[test]
fn error_type_from_header_beats_body() {
    let e = service_error(parse(
        400,
        &[(
            "X-Amzn-ErrorType",
            "InvalidInputException:http://internal.amazon.com/",
        )],
        r#"{"__type": "NotFoundException", "message": "bad input"}"#,
    ));
    assert_eq!(
        e.error,
        UpdateError::InvalidInput(InvalidInputException {
            message: Some("bad input".into())
        })
    );
    assert_eq!(e.status, StatusCode::BAD_REQUEST);
}

#[test]
fn dunder_type_beats_code_and_code_member_is_kept() {
    let e = service_error(parse(
        404,
        &[("x-amzn-requestid", "abc")],
        r#"{"__type": "com.amazonaws.lightsail#NotFoundException", "code": "NotFound", "message": "The distribution does not exist"}"#,
    ));
    assert_eq!(
        e.error,
        UpdateError::NotFound(NotFoundException {
            code: Some("NotFound".into()),
            message: Some("The distribution does not exist".into()),
        })
    );
    assert_eq!(e.status, StatusCode::NOT_FOUND);
    assert_eq!(e.request_id.as_deref(), Some("abc"));
    assert_eq!(
        e.to_string(),
        "service error (HTTP 404, request id abc): NotFoundException: The distribution does not exist"
    );
    // Order of members does not matter.
    let e = service_error(parse(
        404,
        &[],
        r#"{"code": "NotFound", "__type": "NotFoundException"}"#,
    ));
    assert!(matches!(e.error, UpdateError::NotFound(_)));
}

#[test]
fn code_member_used_without_dunder_type() {
    let e = service_error(parse(
        500,
        &[],
        r#"{"code": "aws.foo#InvalidInputException:http://x/"}"#,
    ));
    assert!(matches!(e.error, UpdateError::InvalidInput(_)));
}

#[test]
fn error_code_rules() {
    let none = HeaderMap::new();
    let mut header = HeaderMap::new();
    header.insert(
        "x-amzn-errortype",
        HeaderValue::from_static("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
    );
    let cases: [(&HeaderMap, &str, Option<&str>); 14] = [
        (&header, "", Some("FooError")),
        (&header, r#"{"__type": "Other"}"#, Some("FooError")),
        (
            &none,
            r#"{"__type": "FooError:http://internal.amazon.com/"}"#,
            Some("FooError"),
        ),
        (
            &none,
            r#"{"__type": "com.amazonaws.lightsail#NotFoundException"}"#,
            Some("NotFoundException"),
        ),
        (&none, r#"{"__type": "A", "code": "B"}"#, Some("A")),
        (&none, r#"{"code": "B"}"#, Some("B")),
        // `__type` present but unusable: `code` is still not the error type.
        (&none, r#"{"__type": 5, "code": "B"}"#, None),
        (&none, r#"{"__type": "", "code": "B"}"#, None),
        (&none, r#"{"code": 5}"#, None),
        (&none, r#"{"message": "x"}"#, None),
        (&none, r#"["__type"]"#, None),
        (&none, "<html>Service Unavailable</html>", None),
        (&none, r#"{"__type": "FooError""#, None),
        (&none, "", None),
    ];
    for (headers, body, want) in cases {
        assert_eq!(
            aws_json::error_code(Protocol::AwsJson1_1, headers, body.as_bytes()).as_deref(),
            want,
            "{body}"
        );
    }
}

#[test]
fn unknown_code_is_unhandled_with_message() {
    let e = service_error(parse(
        400,
        &[],
        r#"{"__type": "ns#ThrottlingException", "Message": "Rate exceeded"}"#,
    ));
    let UpdateError::Unhandled(u) = &e.error else {
        panic!("expected Unhandled, got {:?}", e.error);
    };
    assert_eq!(u.code(), "ThrottlingException");
    assert_eq!(u.message(), Some("Rate exceeded"));
    assert_eq!(u.to_string(), "ThrottlingException: Rate exceeded");
    assert_eq!(
        e.to_string(),
        "service error (HTTP 400): ThrottlingException: Rate exceeded"
    );

    let u = UnhandledError::new("Foo", br#"{"errorMessage": "m"}"#);
    assert_eq!(u.message(), Some("m"));
    let u = UnhandledError::new("Foo", b"not json");
    assert_eq!(u.message(), None);
    assert_eq!(u.to_string(), "Foo");
    // Header-only error with an empty body.
    let e = service_error(parse(500, &[("x-amzn-errortype", "InternalFailure")], ""));
    assert_eq!(
        e.error,
        UpdateError::Unhandled(UnhandledError::new("InternalFailure", b""))
    );
}

#[test]
fn html_503_is_a_service_error_with_the_status_as_code() {
    let html = "<html><body><h1>503 Service Unavailable</h1></body></html>";
    let result = parse(503, &[("x-amzn-RequestId", "r-503")], html);
    let err = result.unwrap_err();
    assert_eq!(err.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(err.request_id(), Some("r-503"));
    assert_eq!(
        err.to_string(),
        "service error (HTTP 503, request id r-503): 503: Service Unavailable"
    );
    let e = service_error(Err(err));
    assert_eq!(e.code, "503");
    let UpdateError::Unhandled(u) = &e.error else {
        panic!("expected Unhandled, got {:?}", e.error);
    };
    assert_eq!(u.code(), "503");
    assert_eq!(u.message(), Some("Service Unavailable"));
}

#[test]
fn error_bodies_without_a_type_are_service_errors() {
    for (body, message) in [
        ("", "Bad Request"),
        ("   ", "Bad Request"),
        ("null", "Bad Request"),
        ("{}", "Bad Request"),
        (r#"{"message": "slow down"}"#, "slow down"),
        (r#"{"ErrorMessage": "no such thing"}"#, "no such thing"),
    ] {
        let e = service_error(parse(400, &[], body));
        assert_eq!(e.code, "400", "{body}");
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        assert_eq!(e.error.error_type(), "400");
        let UpdateError::Unhandled(u) = &e.error else {
            panic!("expected Unhandled, got {:?}", e.error);
        };
        assert_eq!(u.message(), Some(message), "{body}");
    }
}

#[test]
fn truncated_error_bodies_are_malformed() {
    // A type is found but the body cannot be read as that error.
    let body = r#"{"__type": "NotFoundException", "mess"#;
    let m = malformed(parse(
        400,
        &[("x-amzn-errortype", "NotFoundException")],
        body,
    ));
    assert_eq!(m.status, StatusCode::BAD_REQUEST);
    assert_eq!(m.body, body.as_bytes());
}

#[test]
fn modeled_error_with_bad_body_is_malformed() {
    // The type is known from the header but the body does not fit the structure.
    let m = malformed(parse(
        404,
        &[("x-amzn-errortype", "NotFoundException")],
        r#"{"message": 42}"#,
    ));
    assert_eq!(m.status, StatusCode::NOT_FOUND);
    assert!(m.reason.contains("NotFoundException"), "{}", m.reason);
    // Non-JSON body with a type header.
    let m = malformed(parse(
        404,
        &[("x-amzn-errortype", "NotFoundException")],
        "<html>",
    ));
    assert_eq!(m.body, b"<html>");
}

#[test]
fn accessors_and_error_trait() {
    let err = parse(
        404,
        &[("x-amzn-requestid", "id-9")],
        r#"{"__type": "NotFoundException"}"#,
    )
    .unwrap_err();
    assert_eq!(err.status(), StatusCode::NOT_FOUND);
    assert_eq!(err.request_id(), Some("id-9"));
    assert!(matches!(
        err.service_error(),
        Some(UpdateError::NotFound(_))
    ));
    let as_dyn: &dyn std::error::Error = &err;
    assert!(as_dyn.to_string().contains("NotFoundException"));
    assert!(matches!(
        err.into_service_error(),
        Some(UpdateError::NotFound(NotFoundException {
            code: None,
            message: None
        }))
    ));
}

#[test]
fn status_outside_2xx_is_an_error_response() {
    for status in [100, 204, 299, 300, 304, 400, 500, 599] {
        let result = parse(status, &[], r#"{"__type": "NotFoundException"}"#);
        if (200..300).contains(&status) {
            assert!(result.is_ok(), "{status}");
        } else {
            assert!(
                matches!(
                    result,
                    Err(ResponseError::Service(ref e))
                        if matches!(e.error, UpdateError::NotFound(_))
                ),
                "{status}"
            );
        }
    }
}

/// Random bodies and statuses never panic and always give a sensible result.
#[test]
fn random_responses_never_panic() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u32
    };
    let fragments: [&[u8]; 12] = [
        b"{",
        b"}",
        b"\"__type\"",
        b"\"code\"",
        b":",
        b",",
        b"\"NotFoundException\"",
        b"\"message\"",
        b"[",
        b"null",
        b"\xff\xfe",
        b"1e999",
    ];
    let mut outcomes = [0usize; 3];
    for i in 0..600 {
        let len = next() % 64;
        let mut body = Vec::new();
        for _ in 0..len {
            if i % 2 == 0 {
                body.push((next() % 256) as u8);
            } else {
                body.extend_from_slice(fragments[(next() % 12) as usize]);
            }
        }
        let status = 100 + (next() % 900) as u16;
        let mut builder = http::Response::builder().status(status);
        if next() % 3 == 0 {
            builder = builder.header("x-amzn-errortype", "NotFoundException");
        }
        let response = builder.body(body.clone()).unwrap();
        match aws_json::parse_response::<UpdateDistribution, _>(&response) {
            Ok(_) => {
                assert!(response.status().is_success());
                outcomes[0] += 1;
            }
            Err(ResponseError::Service(e)) => {
                assert!(!response.status().is_success());
                assert_eq!(e.status, response.status());
                outcomes[1] += 1;
            }
            Err(ResponseError::Malformed(m)) => {
                assert_eq!(m.status, response.status());
                assert_eq!(m.body, body);
                assert!(!m.reason.is_empty());
                outcomes[2] += 1;
            }
        }
    }
    assert_eq!(outcomes.iter().sum::<usize>(), 600);
    assert!(outcomes[2] > 0);
}

/// Error-type cases of the Smithy awsJson protocol tests: each error response must
/// resolve to the name of the error structure it belongs to.
#[test]
fn smithy_protocol_error_type_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/conformance/smithy-protocol-tests/smithy-aws-protocol-tests_model.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let shapes = model["shapes"].as_object().unwrap();
    let mut checked = 0;
    for (id, shape) in shapes {
        let traits = &shape["traits"];
        if traits.get("smithy.api#error").is_none() {
            continue;
        }
        let Some(cases) = traits["smithy.test#httpResponseTests"].as_array() else {
            continue;
        };
        let name = id.rsplit('#').next().unwrap();
        for case in cases {
            let protocol = case["protocol"].as_str().unwrap();
            if !protocol.starts_with("aws.protocols#awsJson1_") {
                continue;
            }
            if case["appliesTo"].as_str() == Some("server") {
                continue;
            }
            let mut headers = HeaderMap::new();
            if let Some(map) = case["headers"].as_object() {
                for (k, v) in map {
                    headers.insert(
                        http::header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                        HeaderValue::from_str(v.as_str().unwrap()).unwrap(),
                    );
                }
            }
            let body = case["body"].as_str().unwrap_or("");
            assert_eq!(
                aws_json::error_code(Protocol::AwsJson1_1, &headers, body.as_bytes()).as_deref(),
                Some(name),
                "{}",
                case["id"]
            );
            // The same through parse_response: the code reaches from_code.
            let mut builder =
                http::Response::builder().status(case["code"].as_u64().unwrap() as u16);
            for (k, v) in &headers {
                builder = builder.header(k, v);
            }
            let response = builder.body(body.as_bytes().to_vec()).unwrap();
            let e = match aws_json::parse_response::<UpdateDistribution, _>(&response) {
                Err(ResponseError::Service(e)) => *e,
                other => panic!("{}: {other:?}", case["id"]),
            };
            assert_eq!(
                e.error,
                UpdateError::Unhandled(UnhandledError::new(name, body.as_bytes())),
                "{}",
                case["id"]
            );
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} cases found");
}
