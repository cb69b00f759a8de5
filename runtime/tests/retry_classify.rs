//! Classification of failed attempts: code and status tables, transport
//! failures, modeled errors of the official models, `x-amz-retry-after`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

use std::time::Duration;

use awsgen_runtime::retry::{
    AttemptOutcome, RetryKind, RetryableTrait, THROTTLING_ERROR_CODES, TRANSIENT_ERROR_CODES,
    TransportFailure, classify, parse_retry_after, retry_after_from_headers,
};

fn kind(status: Option<u16>, code: Option<&str>) -> RetryKind {
    classify(&AttemptOutcome {
        status,
        error_code: code,
        ..AttemptOutcome::default()
    })
}

#[test]
fn throttling_code_list_is_the_sdk_list() {
    let expected = [
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    ];
    assert_eq!(THROTTLING_ERROR_CODES, expected);
    assert_eq!(
        TRANSIENT_ERROR_CODES,
        [
            "RequestTimeout",
            "RequestTimeoutException",
            "InternalError",
            "IDPCommunicationError"
        ]
    );
}

#[test]
fn status_and_code_table() {
    use RetryKind::{NotRetryable, Throttling, Transient};
    let table: &[(Option<u16>, Option<&str>, RetryKind)] = &[
        // Every throttling code, on the statuses services send them with.
        (Some(400), Some("Throttling"), Throttling),
        (Some(400), Some("ThrottlingException"), Throttling),
        (Some(400), Some("ThrottledException"), Throttling),
        (Some(400), Some("RequestThrottledException"), Throttling),
        (Some(429), Some("TooManyRequestsException"), Throttling),
        (
            Some(400),
            Some("ProvisionedThroughputExceededException"),
            Throttling,
        ),
        (
            Some(400),
            Some("TransactionInProgressException"),
            Throttling,
        ),
        (Some(503), Some("RequestLimitExceeded"), Throttling),
        (Some(400), Some("BandwidthLimitExceeded"), Throttling),
        (Some(400), Some("LimitExceededException"), Throttling),
        (Some(403), Some("RequestThrottled"), Throttling),
        (Some(503), Some("SlowDown"), Throttling),
        (Some(400), Some("PriorRequestNotComplete"), Throttling),
        (Some(503), Some("EC2ThrottledException"), Throttling),
        // A 5xx with a throttling code is throttling, not transient.
        (Some(500), Some("ThrottlingException"), Throttling),
        (Some(502), Some("SlowDown"), Throttling),
        // Throttling status without a code.
        (Some(429), None, Throttling),
        // Transient codes, whatever the status.
        (Some(400), Some("RequestTimeout"), Transient),
        (Some(408), Some("RequestTimeoutException"), Transient),
        (Some(500), Some("InternalError"), Transient),
        (Some(400), Some("IDPCommunicationError"), Transient),
        // Transient statuses, with or without an unknown code.
        (Some(500), None, Transient),
        (Some(502), None, Transient),
        (Some(503), None, Transient),
        (Some(504), None, Transient),
        (Some(500), Some("SomethingUnmodeled"), Transient),
        (Some(503), Some("ServiceUnavailable"), Transient),
        // Other 5xx are not in the list.
        (Some(501), None, NotRetryable),
        (Some(505), None, NotRetryable),
        (Some(599), None, NotRetryable),
        // Client errors are never retried.
        (Some(400), Some("InvalidInputException"), NotRetryable),
        (Some(404), Some("NotFoundException"), NotRetryable),
        (Some(400), Some("ValidationException"), NotRetryable),
        (Some(403), Some("AccessDeniedException"), NotRetryable),
        (Some(400), Some("ResourceNotFoundException"), NotRetryable),
        (Some(401), Some("UnauthenticatedException"), NotRetryable),
        (Some(400), None, NotRetryable),
        (Some(403), None, NotRetryable),
        (Some(404), None, NotRetryable),
        (Some(408), None, NotRetryable),
        (Some(409), None, NotRetryable),
        (Some(413), None, NotRetryable),
        // Codes are case-sensitive, as in the SDKs.
        (Some(400), Some("throttlingexception"), NotRetryable),
        (Some(400), Some("slowdown"), NotRetryable),
        // Wire forms of codes are normalized.
        (
            Some(400),
            Some("com.amazonaws.lightsail#ThrottlingException"),
            Throttling,
        ),
        (
            Some(400),
            Some("ThrottlingException:http://internal.amazon.com/"),
            Throttling,
        ),
        (
            Some(400),
            Some("aws.protocoltests#InvalidInputException:x"),
            NotRetryable,
        ),
        // Nothing known at all.
        (None, None, NotRetryable),
        (Some(200), None, NotRetryable),
    ];
    for (status, code, expected) in table {
        assert_eq!(
            kind(*status, *code),
            *expected,
            "status {status:?}, code {code:?}"
        );
    }
    assert!(table.len() > 40);
}

#[test]
fn transport_failures() {
    assert_eq!(
        classify(&AttemptOutcome::transport(TransportFailure::Connect)),
        RetryKind::Transient
    );
    assert_eq!(
        classify(&AttemptOutcome::transport(TransportFailure::Io)),
        RetryKind::Transient
    );
    assert_eq!(
        classify(&AttemptOutcome::transport(TransportFailure::Timeout)),
        RetryKind::Timeout
    );
    // The transport failure decides even if a partial status was seen.
    let outcome = AttemptOutcome {
        status: Some(400),
        transport: Some(TransportFailure::Io),
        ..AttemptOutcome::default()
    };
    assert_eq!(classify(&outcome), RetryKind::Transient);
}

#[test]
fn modeled_errors() {
    // Lightsail's ServiceException: @error("server"), @httpError(500).
    let service =
        AttemptOutcome::response(500, Some("ServiceException")).with_modeled_server_fault(true);
    assert_eq!(classify(&service), RetryKind::ServerError);
    // A server fault is retryable even on a status outside the list.
    let odd =
        AttemptOutcome::response(400, Some("InternalServiceError")).with_modeled_server_fault(true);
    assert_eq!(classify(&odd), RetryKind::ServerError);
    assert!(RetryKind::ServerError.is_retryable());
    // @retryable and @retryable(throttling: true).
    let retryable = AttemptOutcome::response(400, Some("Busy"))
        .with_modeled_retryable(RetryableTrait { throttling: false });
    assert_eq!(classify(&retryable), RetryKind::Transient);
    let throttled = AttemptOutcome::response(400, Some("Busy"))
        .with_modeled_retryable(RetryableTrait { throttling: true });
    assert_eq!(classify(&throttled), RetryKind::Throttling);
    // A throttling code wins over the server-fault flag.
    let both =
        AttemptOutcome::response(500, Some("ThrottlingException")).with_modeled_server_fault(true);
    assert_eq!(classify(&both), RetryKind::Throttling);
}

#[test]
fn kind_predicates() {
    assert!(RetryKind::Throttling.is_retryable());
    assert!(RetryKind::Transient.is_retryable());
    assert!(RetryKind::Timeout.is_retryable());
    assert!(!RetryKind::NotRetryable.is_retryable());
    assert!(RetryKind::Throttling.is_throttling());
    assert!(!RetryKind::Transient.is_throttling());
}

/// Every error shape of the official models: throttling codes are
/// throttling, `@error("server")` shapes are retried, client errors are not.
#[test]
fn error_shapes_of_the_official_models() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/models");
    let mut checked = 0;
    let mut server_faults = Vec::new();
    for name in [
        "lightsail-2016-11-28.json",
        "dynamodb-2012-08-10.json",
        "sqs-2012-11-05.json",
        "secrets-manager-2017-10-17.json",
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
        let model: serde_json::Value = serde_json::from_str(&text).unwrap();
        let shapes = model["shapes"].as_object().unwrap();
        for (id, shape) in shapes {
            let traits = &shape["traits"];
            let Some(fault) = traits["smithy.api#error"].as_str() else {
                continue;
            };
            let code = id.rsplit_once('#').unwrap().1;
            let is_server = fault == "server";
            let status = traits["smithy.api#httpError"]
                .as_u64()
                .map_or(if is_server { 500 } else { 400 }, |s| {
                    u16::try_from(s).unwrap()
                });
            let outcome =
                AttemptOutcome::response(status, Some(id)).with_modeled_server_fault(is_server);
            let got = classify(&outcome);
            let expected = if THROTTLING_ERROR_CODES.contains(&code) {
                RetryKind::Throttling
            } else if is_server {
                RetryKind::ServerError
            } else {
                RetryKind::NotRetryable
            };
            assert_eq!(got, expected, "{id} ({fault}, {status})");
            if is_server {
                server_faults.push(code.to_owned());
            }
            checked += 1;
        }
    }
    assert!(checked > 70, "only {checked} error shapes found");
    assert!(server_faults.iter().any(|c| c == "ServiceException"));
    // Lightsail's client errors, named: never retried.
    for code in [
        "InvalidInputException",
        "NotFoundException",
        "AccessDeniedException",
    ] {
        assert_eq!(kind(Some(400), Some(code)), RetryKind::NotRetryable);
    }
    // DynamoDB's ProvisionedThroughputExceededException is throttling.
    assert_eq!(
        kind(
            Some(400),
            Some("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException")
        ),
        RetryKind::Throttling
    );
}

#[test]
fn retry_after_header() {
    let mut headers = http::HeaderMap::new();
    assert_eq!(retry_after_from_headers(&headers), None);
    headers.insert("x-amz-retry-after", http::HeaderValue::from_static("1500"));
    assert_eq!(
        retry_after_from_headers(&headers),
        Some(Duration::from_millis(1500))
    );
    headers.insert("X-Amz-Retry-After", http::HeaderValue::from_static("abc"));
    assert_eq!(retry_after_from_headers(&headers), None);
    headers.insert(
        "x-amz-retry-after",
        http::HeaderValue::from_bytes(b"\xff12").unwrap(),
    );
    assert_eq!(retry_after_from_headers(&headers), None);
    assert_eq!(parse_retry_after("0"), Some(Duration::ZERO));
    assert_eq!(parse_retry_after("10000"), Some(Duration::from_secs(10)));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    assert_eq!(parse_retry_after("5s"), None);
}
