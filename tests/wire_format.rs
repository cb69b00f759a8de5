//! The generated `UpdateDistribution` bindings on the wire (awsJson1_1): requests
//! serialize exactly as the model names members, absent members are omitted,
//! responses tolerate unknown members and enum values, errors are typed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_lightsail::operation::update_distribution::{
    UpdateDistribution, UpdateDistributionError,
};
use awsgen_lightsail::types::*;
use awsgen_runtime::DateTime;
use awsgen_runtime::aws_json::ResponseError;
use serde_json::json;

fn full_request() -> UpdateDistributionRequest {
    UpdateDistributionRequest::new("my-distribution")
        .origin(
            InputOrigin::new()
                .name("my-bucket")
                .region_name(RegionName::UsEast1)
                .protocol_policy(OriginProtocolPolicyEnum::HttpsOnly)
                .response_timeout(30),
        )
        .default_cache_behavior(CacheBehavior::new().behavior(BehaviorEnum::CacheSetting))
        .cache_behavior_settings(
            CacheSettings::new()
                .default_ttl(86400)
                .minimum_ttl(0)
                .maximum_ttl(31_536_000)
                .allowed_http_methods("GET,HEAD,OPTIONS")
                .cached_http_methods("GET,HEAD")
                .forwarded_cookies(
                    CookieObject::new()
                        .option(ForwardValues::AllowList)
                        .cookies_allow_list(vec!["session".into(), "ünïcödé".into()]),
                )
                .forwarded_headers(
                    HeaderObject::new()
                        .option(ForwardValues::AllowList)
                        .headers_allow_list(vec![
                            HeaderEnum::Accept,
                            HeaderEnum::CloudFrontIsSmartTvViewer,
                        ]),
                )
                .forwarded_query_strings(
                    QueryStringObject::new()
                        .option(true)
                        .query_strings_allow_list(vec![]),
                ),
        )
        .cache_behaviors(vec![
            CacheBehaviorPerPath::new()
                .path("/img/*")
                .behavior(BehaviorEnum::DontCacheSetting),
        ])
        .is_enabled(true)
        .viewer_minimum_tls_protocol_version(ViewerMinimumTlsProtocolVersionEnum::TlSv122021)
        .certificate_name("my-cert")
        .use_default_certificate(false)
}

fn full_request_json() -> serde_json::Value {
    json!({
        "distributionName": "my-distribution",
        "origin": {"name": "my-bucket", "regionName": "us-east-1", "protocolPolicy": "https-only", "responseTimeout": 30},
        "defaultCacheBehavior": {"behavior": "cache"},
        "cacheBehaviorSettings": {
            "defaultTTL": 86400, "minimumTTL": 0, "maximumTTL": 31536000,
            "allowedHTTPMethods": "GET,HEAD,OPTIONS", "cachedHTTPMethods": "GET,HEAD",
            "forwardedCookies": {"option": "allow-list", "cookiesAllowList": ["session", "ünïcödé"]},
            "forwardedHeaders": {"option": "allow-list", "headersAllowList": ["Accept", "CloudFront-Is-SmartTV-Viewer"]},
            "forwardedQueryStrings": {"option": true, "queryStringsAllowList": []}
        },
        "cacheBehaviors": [{"path": "/img/*", "behavior": "dont-cache"}],
        "isEnabled": true,
        "viewerMinimumTlsProtocolVersion": "TLSv1.2_2021",
        "certificateName": "my-cert",
        "useDefaultCertificate": false
    })
}

#[test]
fn fully_populated_request_serializes_to_the_wire_shape() {
    let request = UpdateDistribution::request(&full_request()).unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "/");
    assert_eq!(
        request.headers()["content-type"],
        "application/x-amz-json-1.1"
    );
    assert_eq!(
        request.headers()["x-amz-target"],
        "Lightsail_20161128.UpdateDistribution"
    );
    let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(body, full_request_json());
}

#[test]
fn absent_members_are_omitted_not_null() {
    let request = UpdateDistribution::request(&UpdateDistributionRequest::new("d")).unwrap();
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r#"{"distributionName":"d"}"#
    );
}

#[test]
fn requests_load_from_cli_input_json_and_round_trip() {
    let loaded: UpdateDistributionRequest = serde_json::from_value(full_request_json()).unwrap();
    assert_eq!(loaded, full_request());
    assert_eq!(serde_json::to_value(&loaded).unwrap(), full_request_json());
}

#[test]
fn a_request_without_the_required_member_is_refused_with_its_name() {
    let err = serde_json::from_value::<UpdateDistributionRequest>(json!({"isEnabled": true}))
        .unwrap_err();
    assert!(
        err.to_string().contains("missing field `distributionName`"),
        "{err}"
    );
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn response_with_unknown_enum_values_and_members_parses_and_round_trips() {
    let body = json!({
        "operation": {
            "id": "op-1", "resourceName": "my-distribution", "resourceType": "Distribution",
            "createdAt": 1479816991.349, "statusChangedAt": 1700000000,
            "location": {"availabilityZone": "all", "regionName": "mars-north-1"},
            "isTerminal": false, "operationType": "TeleportDistribution", "status": "Started",
            "somethingNew": {"nested": [1, 2, 3]}
        },
        "alsoNew": "ignored"
    });
    let output =
        UpdateDistribution::parse_response(&response(200, &[], &body.to_string())).unwrap();
    let op = output.operation.clone().unwrap();
    assert_eq!(
        op.created_at,
        Some(DateTime::from_millis(1_479_816_991_349))
    );
    assert_eq!(op.status, Some(OperationStatus::Started));
    assert_eq!(op.resource_type, Some(ResourceType::Distribution));
    let region = op.location.as_ref().unwrap().region_name.clone().unwrap();
    assert!(region.is_unknown());
    assert_eq!(region.as_str(), "mars-north-1");
    assert_eq!(
        op.operation_type.as_ref().unwrap().as_str(),
        "TeleportDistribution"
    );
    // Unknown values are sent back unchanged; unknown members are dropped.
    let again = serde_json::to_value(&output).unwrap();
    assert_eq!(again["operation"]["location"]["regionName"], "mars-north-1");
    assert_eq!(again["operation"]["operationType"], "TeleportDistribution");
    assert_eq!(
        again["operation"]["createdAt"].to_string(),
        "1479816991.349"
    );
    assert!(again["operation"].get("somethingNew").is_none());
}

#[test]
fn empty_success_body_is_an_empty_output() {
    let output = UpdateDistribution::parse_response(&response(200, &[], "")).unwrap();
    assert_eq!(output, UpdateDistributionResult::new());
}

#[test]
fn modeled_error_keeps_its_code_member() {
    let body = r#"{"__type":"NotFoundException","code":"NotFound","message":"no such distribution","docs":"https://x","tip":"check the name"}"#;
    let err =
        UpdateDistribution::parse_response(&response(404, &[("x-amzn-requestid", "req-1")], body))
            .unwrap_err();
    let ResponseError::Service(service) = &err else {
        panic!("{err}")
    };
    assert_eq!(service.status, 404);
    assert_eq!(service.request_id.as_deref(), Some("req-1"));
    let UpdateDistributionError::NotFoundException(nf) = &service.error else {
        panic!("{err}")
    };
    assert_eq!(nf.code.as_deref(), Some("NotFound"));
    assert_eq!(nf.tip.as_deref(), Some("check the name"));
    assert_eq!(service.error.error_type(), "NotFoundException");
    assert!(!service.error.is_server_fault());
    assert_eq!(
        service.error.to_string(),
        "NotFoundException: no such distribution"
    );
}

#[test]
fn error_type_header_wins_and_is_sanitized() {
    let body = r#"{"__type":"InvalidInputException","message":"m"}"#;
    let headers = [(
        "x-amzn-errortype",
        "ServiceException:http://internal.amazon.com/",
    )];
    let err = UpdateDistribution::parse_response(&response(500, &headers, body)).unwrap_err();
    let error = err.service_error().unwrap();
    assert!(
        matches!(error, UpdateDistributionError::ServiceException(_)),
        "{error:?}"
    );
    assert!(error.is_server_fault());
    let body = r#"{"__type":"com.amazonaws.lightsail#AccessDeniedException","message":"m"}"#;
    let err = UpdateDistribution::parse_response(&response(403, &[], body)).unwrap_err();
    assert!(matches!(
        err.service_error(),
        Some(UpdateDistributionError::AccessDeniedException(_))
    ));
}

#[test]
fn unmodeled_error_codes_and_html_errors_are_unhandled() {
    let body = r#"{"__type":"ThrottlingException","message":"slow down"}"#;
    let err = UpdateDistribution::parse_response(&response(400, &[], body)).unwrap_err();
    let Some(UpdateDistributionError::Unhandled(unhandled)) = err.service_error() else {
        panic!("{err}")
    };
    assert_eq!(unhandled.code(), "ThrottlingException");
    assert_eq!(unhandled.message(), Some("slow down"));
    // No error type: the status is the code, the reason phrase the message.
    let err = UpdateDistribution::parse_response(&response(502, &[], "<html>Bad Gateway</html>"))
        .unwrap_err();
    assert_eq!(err.status(), 502);
    let Some(UpdateDistributionError::Unhandled(unhandled)) = err.service_error() else {
        panic!("{err}")
    };
    assert_eq!(unhandled.code(), "502");
    assert_eq!(unhandled.message(), Some("Bad Gateway"));
    // A success that does not parse is malformed, with its body kept.
    let err = UpdateDistribution::parse_response(&response(200, &[], "<html>")).unwrap_err();
    let ResponseError::Malformed(malformed) = &err else {
        panic!("{err}")
    };
    assert_eq!(malformed.status, 200);
    assert_eq!(malformed.body, b"<html>");
}

#[test]
fn enums_list_their_values_and_parse_any_string() {
    assert_eq!(RegionName::VALUES.len(), RegionName::KNOWN.len());
    for (value, variant) in RegionName::VALUES.iter().zip(RegionName::KNOWN) {
        assert_eq!(variant.as_str(), *value);
        assert_eq!(&RegionName::from(*value), variant);
        assert_eq!(value.parse::<RegionName>().unwrap().to_string(), *value);
    }
    assert_eq!(ForwardValues::from("none"), ForwardValues::None);
    assert!(OperationType::from("SomethingNew").is_unknown());
}

#[test]
fn error_structures_are_std_errors() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<NotFoundException>();
    assert_error::<UpdateDistributionError>();
    assert_eq!(ServiceException::HTTP_STATUS, Some(500));
    assert_eq!(
        [
            ServiceException::SERVER_FAULT,
            NotFoundException::SERVER_FAULT
        ],
        [true, false]
    );
    assert_eq!(InvalidInputException::ERROR_TYPE, "InvalidInputException");
}

#[test]
fn deeply_nested_bodies_are_malformed_not_an_overflow() {
    let deep = ["[".repeat(100_000), r#"{"a":"#.repeat(100_000)];
    let inside_an_output = format!(r#"{{"operation":{}"#, deep[1]);
    for body in deep.iter().chain([&inside_an_output]) {
        let err = UpdateDistribution::parse_response(&response(200, &[], body)).unwrap_err();
        assert!(matches!(err, ResponseError::Malformed(_)), "{err}");
        // An error response too deep to read: no error type in it, so the
        // status is the code (as for any body without one).
        let err = UpdateDistribution::parse_response(&response(400, &[], body)).unwrap_err();
        let Some(UpdateDistributionError::Unhandled(unhandled)) = err.service_error() else {
            panic!("{err}")
        };
        assert_eq!(unhandled.code(), "400");
    }
}

#[test]
fn hostile_values_are_typed_errors_or_documented_values() {
    let parse = |body: &[u8]| {
        let response = http::Response::builder()
            .status(200)
            .body(body.to_vec())
            .unwrap();
        UpdateDistribution::parse_response(&response)
    };
    for (body, reason) in [
        (
            &br#"{"operation":{"createdAt":1e400}}"#[..],
            "number out of range",
        ),
        (
            br#"{"operation":{"createdAt":1e300}}"#,
            "timestamp is out of the representable range",
        ),
        (
            br#"{"operation":{"createdAt":"NaN"}}"#,
            "expected a number of epoch seconds",
        ),
        (
            b"{\"operation\":{\"id\":\"\xff\"}}",
            "invalid unicode code point",
        ),
        (b"\xef\xbb\xbf{}", "expected value"),
    ] {
        let error = parse(body).unwrap_err();
        let ResponseError::Malformed(malformed) = &error else {
            panic!("{error}")
        };
        assert!(malformed.reason.contains(reason), "{error}");
        assert_eq!(malformed.body, body, "the raw body is kept");
    }
    // A member given twice: the last value wins, as with botocore (Python's json).
    let output = parse(br#"{"operation":{"id":"a","id":"b"}}"#).unwrap();
    assert_eq!(output.operation.unwrap().id.as_deref(), Some("b"));
    let output = parse(br#"{"operation":{"id":"a"},"operation":{"status":"Started"}}"#).unwrap();
    let operation = output.operation.unwrap();
    assert_eq!(
        (operation.id, operation.status),
        (None, Some(OperationStatus::Started))
    );
}
