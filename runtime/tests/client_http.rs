//! The client against a scripted HTTP/1.1 server on 127.0.0.1: signing,
//! protocol headers, retries, timeouts, malformed responses, request ids and
//! transport failures.
#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

mod client_support;

use std::error::Error as _;
use std::time::{Duration, SystemTime};

use awsgen_runtime::auth::{self, Credentials};
use awsgen_runtime::client::{Client, Error, TimeoutKind, TransportErrorKind};
use awsgen_runtime::retry::TimeoutConfig;
use client_support::*;
use http::StatusCode;

const OK_BODY: &str = r#"{"operation":{"id":"op-1","status":"Started"}}"#;

fn client_for(server: &TestServer) -> Client {
    Client::new(&SERVICE, config_for(&server.url()).build().unwrap()).unwrap()
}

/// `20150830T123600Z` as a time.
fn parse_amz_date(text: &str) -> SystemTime {
    assert_eq!(text.len(), 16, "{text}");
    let num = |range: std::ops::Range<usize>| text[range].parse::<i64>().unwrap();
    let (y, m, d) = (num(0..4), num(4..6), num(6..8));
    let (hh, mm, ss) = (num(9..11), num(11..13), num(13..15));
    // Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hh * 3600 + mm * 60 + ss;
    SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).unwrap())
}

/// Signs the request the server saw again, at its `x-amz-date`, and checks
/// the signature is the one the client sent.
fn assert_signature_valid(seen: &Recorded, credentials: &Credentials) {
    let host = seen.header("host").unwrap();
    let mut request = http::Request::builder()
        .method(seen.method.as_str())
        .uri(format!("http://{host}{}", seen.target))
        .body(seen.body.clone())
        .unwrap();
    for (name, value) in &seen.headers {
        request.headers_mut().append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            http::HeaderValue::from_str(value).unwrap(),
        );
    }
    let time = parse_amz_date(seen.header("x-amz-date").unwrap());
    auth::sign(&mut request, credentials, "us-east-1", "lightsail", time).unwrap();
    assert_eq!(
        request.headers()["authorization"].to_str().unwrap(),
        seen.header("authorization").unwrap()
    );
}

#[tokio::test]
async fn request_arrives_signed_with_protocol_headers() {
    let server = TestServer::start(vec![Reply::ok(OK_BODY).request_id("req-123")]).await;
    let client = client_for(&server);
    let input = sample_input();

    let response = client.call::<UpdateDistribution>(&input).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.request_id(), Some("req-123"));
    assert_eq!(response.attempts(), 1);
    assert_eq!(response.operation.as_ref().unwrap().id, "op-1");
    assert_eq!(
        response.output().operation.as_ref().unwrap().status,
        Some(OperationStatus::Started)
    );

    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    let seen = &seen[0];
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.target, "/");
    assert_eq!(
        seen.header("x-amz-target"),
        Some("Lightsail_20161128.UpdateDistribution")
    );
    assert_eq!(
        seen.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    let body: serde_json::Value = serde_json::from_slice(&seen.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "distributionName": "my-distribution",
            "origin": {"name": "my-bucket", "regionName": "us-east-1", "protocolPolicy": "https-only"},
            "cacheBehaviors": [{"path": "/images/*", "behavior": "cache"}],
            "isEnabled": true
        })
    );
    assert_eq!(
        seen.header("content-length"),
        Some(seen.body.len().to_string().as_str())
    );
    assert_eq!(seen.header("host"), Some(server.addr.to_string().as_str()));
    let user_agent = seen.header("user-agent").unwrap();
    assert_eq!(
        user_agent,
        format!("awsgen/{} (Lightsail)", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(seen.header("amz-sdk-request"), Some("attempt=1; max=3"));
    let invocation = seen.header("amz-sdk-invocation-id").unwrap();
    assert_eq!(invocation.len(), 36, "{invocation}");

    let date = seen.header("x-amz-date").unwrap();
    assert_eq!(date.len(), 16);
    let authorization = seen.header("authorization").unwrap();
    let prefix = format!(
        "AWS4-HMAC-SHA256 Credential=AKID/{}/us-east-1/lightsail/aws4_request, SignedHeaders=",
        &date[..8]
    );
    assert!(authorization.starts_with(&prefix), "{authorization}");
    assert!(authorization.contains("x-amz-security-token"));
    assert_eq!(seen.header("x-amz-security-token"), Some(SESSION_TOKEN));
    assert_signature_valid(seen, &credentials());
}

#[tokio::test]
async fn without_session_token_no_token_header() {
    let server = TestServer::start(vec![Reply::ok("{}")]).await;
    let plain = Credentials::new(ACCESS_KEY, SECRET_KEY, None);
    let config = config_for(&server.url()).credentials(plain.clone());
    let client = Client::new(&SERVICE, config.build().unwrap()).unwrap();
    client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap();
    let seen = &server.requests()[0];
    assert_eq!(seen.header("x-amz-security-token"), None);
    assert!(
        !seen
            .header("authorization")
            .unwrap()
            .contains("x-amz-security-token")
    );
    assert_signature_valid(seen, &plain);
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried_then_succeed() {
    let server = TestServer::start(vec![
        Reply::error(400, "ThrottlingException", "slow down").request_id("r1"),
        Reply::new(503, "<html><body>Service Unavailable</body></html>")
            .header("content-type", "text/html"),
        Reply::ok(OK_BODY).request_id("r3"),
    ])
    .await;
    let client = client_for(&server);
    let response = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap();
    assert_eq!(response.attempts(), 3);
    assert_eq!(response.request_id(), Some("r3"));

    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    let progress: Vec<_> = seen
        .iter()
        .map(|r| r.header("amz-sdk-request").unwrap().to_owned())
        .collect();
    assert_eq!(
        progress,
        ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]
    );
    // One invocation id for the whole operation; each attempt signed on its own.
    let ids: Vec<_> = seen
        .iter()
        .map(|r| r.header("amz-sdk-invocation-id").unwrap())
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]));
    for request in &seen {
        assert_signature_valid(request, &credentials());
    }
    // A retry sends the same body (it is built again, not copied).
    assert!(seen.iter().all(|r| r.body == seen[0].body));
}

/// An operation whose input has an idempotency token the client fills.
struct CreateThing;

#[derive(serde::Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct CreateThingInput {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_token: Option<String>,
}

impl awsgen_runtime::aws_json::Operation for CreateThing {
    const SERVICE: &'static awsgen_runtime::aws_json::Service = &SERVICE;
    const NAME: &'static str = "CreateThing";
    type Input = CreateThingInput;
    type Output = UpdateOutput;
    type Error = UpdateError;

    fn with_idempotency_token(input: &CreateThingInput) -> std::borrow::Cow<'_, CreateThingInput> {
        match input.client_token {
            Some(_) => std::borrow::Cow::Borrowed(input),
            None => std::borrow::Cow::Owned(CreateThingInput {
                client_token: Some(awsgen_runtime::aws_json::idempotency_token()),
                ..input.clone()
            }),
        }
    }
}

#[tokio::test]
async fn every_attempt_sends_the_same_idempotency_token() {
    let server = TestServer::start(vec![
        Reply::error(500, "ServiceException", "internal"),
        Reply::ok(OK_BODY),
    ])
    .await;
    let client = client_for(&server);
    let input = CreateThingInput {
        name: "n".to_owned(),
        client_token: None,
    };
    let response = client.call::<CreateThing>(&input).await.unwrap();
    assert_eq!(response.attempts(), 2);
    let seen = server.requests();
    let tokens: Vec<String> = seen
        .iter()
        .map(|r| {
            let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
            body["clientToken"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens[0].len(), 36);
    assert_eq!(tokens[0], tokens[1]);
    // A second call gets a token of its own.
    let server = TestServer::start(vec![Reply::ok(OK_BODY)]).await;
    client_for(&server)
        .call::<CreateThing>(&input)
        .await
        .unwrap();
    let body: serde_json::Value = serde_json::from_slice(&server.requests()[0].body).unwrap();
    assert_ne!(body["clientToken"].as_str().unwrap(), tokens[0]);
}

#[tokio::test]
async fn modeled_server_fault_is_retried() {
    // The second answer is retried only because the error is modeled as a
    // server fault: a 400 status alone is not retryable.
    let server = TestServer::start(vec![
        Reply::error(500, "ServiceException", "internal"),
        Reply::error(400, "ServiceException", "internal, odd status"),
        Reply::ok(OK_BODY),
    ])
    .await;
    let response = client_for(&server)
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap();
    assert_eq!(response.attempts(), 3);
    assert_eq!(server.request_count(), 3);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for (status, error_type) in [(404, "NotFoundException"), (400, "InvalidInputException")] {
        let server = TestServer::start(vec![
            Reply::error(status, error_type, "no such thing").request_id("req-c"),
            Reply::ok(OK_BODY),
        ])
        .await;
        let error = client_for(&server)
            .call::<UpdateDistribution>(&sample_input())
            .await
            .unwrap_err();
        assert_eq!(server.request_count(), 1, "{error_type}");
        assert_eq!(error.status(), Some(StatusCode::from_u16(status).unwrap()));
        assert_eq!(error.request_id(), Some("req-c"));
        let typed = error.service_error().unwrap();
        match (error_type, typed) {
            ("NotFoundException", UpdateError::NotFound(body))
            | ("InvalidInputException", UpdateError::InvalidInput(body)) => {
                assert_eq!(body.message.as_deref(), Some("no such thing"));
            }
            other => panic!("unexpected {other:?}"),
        }
        let text = error.to_string();
        assert!(text.contains(error_type), "{text}");
        assert!(text.contains("req-c"), "{text}");
    }
}

#[tokio::test]
async fn exhausted_retries_return_the_last_error() {
    let server = TestServer::start(vec![
        Reply::error(500, "ServiceException", "first").request_id("req-1"),
        Reply::error(500, "ServiceException", "second").request_id("req-2"),
        Reply::error(500, "ServiceException", "third").request_id("req-3"),
        Reply::ok(OK_BODY),
    ])
    .await;
    let error = client_for(&server)
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    assert_eq!(server.request_count(), 3);
    assert_eq!(error.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(error.request_id(), Some("req-3"));
    match error.into_service_error() {
        Some(UpdateError::Service(body)) => assert_eq!(body.message.as_deref(), Some("third")),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn throttling_exhausts_max_attempts() {
    let server = TestServer::start(vec![Reply::error(
        400,
        "ThrottlingException",
        "Rate exceeded",
    )])
    .await;
    let config = config_for(&server.url()).retry(fast_retry(4));
    let client = Client::new(&SERVICE, config.build().unwrap()).unwrap();
    let error = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    assert_eq!(server.request_count(), 4);
    match error.service_error() {
        Some(UpdateError::Unhandled(e)) => assert_eq!(e.code(), "ThrottlingException"),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn slow_server_trips_the_attempt_timeout() {
    let server = TestServer::start(vec![Reply::ok(OK_BODY).delayed(Duration::from_secs(30))]).await;
    let timeouts = TimeoutConfig::new().with_attempt_timeout(Duration::from_millis(150));
    let config = config_for(&server.url())
        .retry(fast_retry(2))
        .timeouts(timeouts);
    let client = Client::new(&SERVICE, config.build().unwrap()).unwrap();
    let error = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    match &error {
        Error::Timeout {
            kind: TimeoutKind::Attempt,
            duration,
            attempts: 2,
        } => assert_eq!(*duration, Duration::from_millis(150)),
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(server.request_count(), 2);
    let text = error.to_string();
    assert!(text.contains("attempt timeout of 150ms"), "{text}");
}

/// A server that accepts the request and then sends nothing (or stops in
/// the middle of the body) ends each attempt at the read timeout; the call
/// ends with the transport's timeout after the retries.
#[tokio::test]
async fn stalled_server_trips_the_read_timeout() {
    let stalls = [
        Reply::ok(OK_BODY).delayed(Duration::from_secs(30)),
        Reply::ok(OK_BODY).stalled_mid_body(Duration::from_secs(30)),
    ];
    for reply in stalls {
        let server = TestServer::start(vec![reply]).await;
        let timeouts = TimeoutConfig::new().with_read_timeout(Duration::from_millis(200));
        let config = config_for(&server.url())
            .retry(fast_retry(2))
            .timeouts(timeouts);
        let client = Client::new(&SERVICE, config.build().unwrap()).unwrap();
        let started = std::time::Instant::now();
        let error = client
            .call::<UpdateDistribution>(&sample_input())
            .await
            .unwrap_err();
        let elapsed = started.elapsed();
        match &error {
            Error::Transport {
                source,
                attempts: 2,
            } => assert_eq!(source.kind(), TransportErrorKind::Timeout),
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(server.request_count(), 2);
        // Two read timeouts and a short retry delay, far below the stall.
        assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
        let text = error.to_string();
        assert!(text.contains("read timeout of 200ms"), "{text}");
    }
}

#[tokio::test]
async fn slow_server_trips_the_operation_timeout() {
    let server = TestServer::start(vec![Reply::ok(OK_BODY).delayed(Duration::from_secs(30))]).await;
    let timeouts = TimeoutConfig::new().with_operation_timeout(Duration::from_millis(250));
    let config = config_for(&server.url()).timeouts(timeouts);
    let client = Client::new(&SERVICE, config.build().unwrap()).unwrap();
    let error = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    match error {
        Error::Timeout {
            kind: TimeoutKind::Operation,
            duration,
            attempts: 1,
        } => assert_eq!(duration, Duration::from_millis(250)),
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn operation_timeout_bounds_retried_attempt_timeouts() {
    let server = TestServer::start(vec![Reply::ok(OK_BODY).delayed(Duration::from_secs(30))]).await;
    let timeouts = TimeoutConfig::new()
        .with_attempt_timeout(Duration::from_millis(100))
        .with_operation_timeout(Duration::from_millis(280));
    let config = config_for(&server.url())
        .retry(fast_retry(10))
        .timeouts(timeouts);
    let client = Client::new(&SERVICE, config.build().unwrap()).unwrap();
    let error = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    match error {
        Error::Timeout {
            kind: TimeoutKind::Operation,
            duration,
            attempts,
        } => {
            assert_eq!(duration, Duration::from_millis(280));
            assert!((2..10).contains(&attempts), "{attempts}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(server.request_count() >= 2);
}

#[tokio::test]
async fn malformed_bodies_keep_status_and_body() {
    let cases: Vec<(Reply, u16, usize)> = vec![
        // Truncated JSON on success.
        (
            Reply::ok(r#"{"operation": {"id": "op-1""#).request_id("req-t"),
            200,
            1,
        ),
        // Not JSON at all on success.
        (Reply::ok("this is not json").request_id("req-n"), 200, 1),
        // A modeled error whose body does not match its structure.
        (
            Reply::new(404, r#"{"__type":"NotFoundException","message":7}"#).request_id("req-s"),
            404,
            1,
        ),
    ];
    for (reply, status, attempts) in cases {
        let body = reply.body.clone();
        let request_id = reply.headers.last().unwrap().1.clone();
        let server = TestServer::start(vec![reply]).await;
        let error = client_for(&server)
            .call::<UpdateDistribution>(&sample_input())
            .await
            .unwrap_err();
        let Error::Malformed(malformed) = &error else {
            panic!("status {status}: unexpected {error:?}");
        };
        assert_eq!(malformed.status.as_u16(), status);
        assert_eq!(malformed.body, body);
        assert_eq!(malformed.request_id.as_deref(), Some(request_id.as_str()));
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(server.request_count(), attempts, "status {status}");
        assert!(error.to_string().starts_with("malformed response (HTTP "));
    }
}

/// An error answer without an error type is a service error whose code is
/// the status, as botocore and the AWS CLI make it: `An error occurred (503)`.
#[tokio::test]
async fn errors_without_a_type_are_service_errors_with_the_status() {
    let cases: Vec<(Reply, &str, &str, usize)> = vec![
        // Not JSON: the reason phrase is the message. Not retried.
        (
            Reply::new(400, "oops").request_id("req-o"),
            "400",
            "Bad Request",
            1,
        ),
        // An empty 404.
        (
            Reply::new(404, "").request_id("req-e"),
            "404",
            "Not Found",
            1,
        ),
        // JSON with a message but no type: the body's message.
        (
            Reply::new(403, r#"{"Message":"denied"}"#).request_id("req-j"),
            "403",
            "denied",
            1,
        ),
        // An HTML gateway error: retried as transient, then reported.
        (
            Reply::new(503, "<html><h1>503 Service Unavailable</h1></html>")
                .header("content-type", "text/html")
                .request_id("req-h"),
            "503",
            "Service Unavailable",
            3,
        ),
    ];
    for (reply, code, message, attempts) in cases {
        let request_id = reply.headers.last().unwrap().1.clone();
        let server = TestServer::start(vec![reply]).await;
        let error = client_for(&server)
            .call::<UpdateDistribution>(&sample_input())
            .await
            .unwrap_err();
        let Error::Service(service) = &error else {
            panic!("{code}: unexpected {error:?}");
        };
        assert_eq!(service.code, code);
        assert_eq!(service.status.as_str(), code);
        assert_eq!(service.request_id.as_deref(), Some(request_id.as_str()));
        let UpdateError::Unhandled(unhandled) = &service.error else {
            panic!("{code}: expected Unhandled, got {:?}", service.error);
        };
        assert_eq!(unhandled.code(), code);
        assert_eq!(unhandled.message(), Some(message));
        assert_eq!(
            awsgen_runtime::aws_json::OperationError::error_type(&service.error),
            code
        );
        assert_eq!(server.request_count(), attempts, "{code}");
        assert_eq!(
            error.to_string(),
            format!("service error (HTTP {code}, request id {request_id}): {code}: {message}")
        );
    }
}

#[tokio::test]
async fn unknown_enum_values_and_members_parse() {
    let body = r#"{
        "operation": {"id": "op-9", "status": "SomethingNew", "addedLater": {"x": [1, 2]}},
        "unknownTopLevel": true
    }"#;
    let server = TestServer::start(vec![Reply::ok(body).request_id("req-u")]).await;
    let response = client_for(&server)
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap();
    assert_eq!(response.request_id(), Some("req-u"));
    let record = response.into_output().operation.unwrap();
    assert_eq!(record.id, "op-9");
    match record.status {
        Some(OperationStatus::Unknown(value)) => assert_eq!(value.as_str(), "SomethingNew"),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_after_retries() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::new(
        &SERVICE,
        config_for(&format!("http://{addr}")).build().unwrap(),
    )
    .unwrap();
    let error = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    match &error {
        Error::Transport { source, attempts } => {
            assert_eq!(*attempts, 3);
            assert_eq!(source.kind(), TransportErrorKind::Connect);
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(error.transport_kind(), Some(TransportErrorKind::Connect));
    assert_eq!(error.status(), None);
    let text = error.to_string();
    assert!(
        text.starts_with("no response after 3 attempts: could not connect"),
        "{text}"
    );
    assert!(error.source().is_some());
}

#[tokio::test]
async fn connections_are_reused_and_clones_share_them() {
    let server = TestServer::start(vec![Reply::ok(OK_BODY)]).await;
    let client = client_for(&server);
    let clone = client.clone();
    for c in [&client, &clone, &client] {
        c.call::<UpdateDistribution>(&sample_input()).await.unwrap();
    }
    assert_eq!(server.request_count(), 3);
    assert_eq!(server.connection_count(), 1);
}

#[tokio::test]
async fn endpoint_path_prefix_is_kept() {
    let server = TestServer::start(vec![Reply::ok(OK_BODY)]).await;
    let config = config_for(&format!("{}/base/path", server.url()));
    let client = Client::new(&SERVICE, config.build().unwrap()).unwrap();
    client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap();
    let seen = &server.requests()[0];
    assert_eq!(seen.target, "/base/path/");
    assert_signature_valid(seen, &credentials());
}

#[test]
fn call_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let client = Client::new(
        &SERVICE,
        config_for("http://127.0.0.1:9")
            .http_client(RecordingClient::default())
            .build()
            .unwrap(),
    )
    .unwrap();
    let input = sample_input();
    let future = client.call::<UpdateDistribution>(&input);
    assert_send(&future);
}
