//! The dispatch layer over the whole-Lightsail bindings, checked against values
//! botocore 1.37.26 produced for the same inputs (signatures computed by
//! `botocore.auth.SigV4Auth` over the same body bytes and headers, including
//! `Content-Length`, at 2015-08-30T12:36:00Z; see parity.py).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_botocore_parity::{ParsedResponse, SERVICES, Target, response, target};
use awsgen_runtime::auth::Credentials;
use serde_json::json;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TIME: u64 = 1_440_938_160;

fn lightsail() -> &'static Target {
    target("lightsail").unwrap()
}

#[test]
fn every_service_is_found_by_its_botocore_name() {
    for service in SERVICES {
        assert_eq!(target(service.name).unwrap().name, service.name);
        assert!(!service.operations.is_empty(), "{}", service.name);
    }
    assert_eq!(lightsail().host(), "lightsail.us-east-1.amazonaws.com");
    assert!(target("no-such-service").is_err());
}

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> &'a str {
    request.headers()[name].to_str().unwrap()
}

#[test]
fn every_operation_of_the_model_is_dispatched() {
    let operations = lightsail().operation_names();
    assert_eq!(operations.len(), 161);
    assert!(operations.windows(2).all(|w| w[0] < w[1]));
    for op in [
        "AllocateStaticIp",
        "GetRegions",
        "UpdateRelationalDatabaseParameters",
    ] {
        assert!(operations.contains(&op), "{op}");
    }
}

#[test]
fn signs_get_instance_like_botocore() {
    let mut request = lightsail()
        .build_request("GetInstance", r#"{"instanceName":"web-1"}"#)
        .unwrap();
    assert_eq!(request.body().as_slice(), br#"{"instanceName":"web-1"}"#);
    lightsail()
        .sign_like_a_client(
            &mut request,
            &Credentials::new("AKIDEXAMPLE", SECRET, None),
            TIME,
        )
        .unwrap();
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri(), "https://lightsail.us-east-1.amazonaws.com/");
    assert_eq!(
        header(&request, "x-amz-target"),
        "Lightsail_20161128.GetInstance"
    );
    assert_eq!(
        header(&request, "content-type"),
        "application/x-amz-json-1.1"
    );
    assert_eq!(header(&request, "content-length"), "24");
    assert_eq!(header(&request, "x-amz-date"), "20150830T123600Z");
    assert_eq!(
        header(&request, "authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/lightsail/aws4_request, \
         SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-target, \
         Signature=0bb58bd34f93e6ec20b7091b980270d94571c2650da728322eeb467337d31ded"
    );
}

#[test]
fn signs_a_session_token_and_timestamps_like_botocore() {
    // Members out of model order in the input: the body follows the model.
    let input = r#"{"statistics":["Average"],"unit":"Percent","endTime":1479816991,"startTime":0,
        "period":60,"metricName":"CPUUtilization","instanceName":"web-1"}"#;
    let mut request = lightsail()
        .build_request("GetInstanceMetricData", input)
        .unwrap();
    assert_eq!(
        std::str::from_utf8(request.body()).unwrap(),
        r#"{"instanceName":"web-1","metricName":"CPUUtilization","period":60,"startTime":0,"endTime":1479816991,"unit":"Percent","statistics":["Average"]}"#
    );
    let credentials = Credentials::new(
        "AKIDEXAMPLE",
        SECRET,
        Some("AQoDYXdzEXAMPLE+token/==".to_owned()),
    );
    lightsail()
        .sign_like_a_client(&mut request, &credentials, TIME)
        .unwrap();
    assert_eq!(
        header(&request, "x-amz-security-token"),
        "AQoDYXdzEXAMPLE+token/=="
    );
    assert_eq!(
        header(&request, "authorization"),
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/lightsail/aws4_request, \
         SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, \
         Signature=83f022177288ceccdce354d8bd9b4334736f889609b0a89ae6cd7ee031f1ba94"
    );
}

#[test]
fn an_operation_without_members_sends_an_empty_object() {
    let mut request = lightsail().build_request("GetRegions", "{}").unwrap();
    assert_eq!(request.body().as_slice(), b"{}");
    lightsail()
        .sign_like_a_client(
            &mut request,
            &Credentials::new("AKIDEXAMPLE", SECRET, None),
            TIME,
        )
        .unwrap();
    assert!(
        header(&request, "authorization").ends_with(
            "Signature=2394215a37cc3d3393a94321f24d32ac5f3face7d393277e9f5a1cd7f4b4391e"
        )
    );
}

#[test]
fn bad_requests_are_errors() {
    let missing = lightsail().build_request("GetInstance", "{}").unwrap_err();
    assert!(missing.contains("instanceName"), "{missing}");
    let unknown = lightsail()
        .build_request("NoSuchOperation", "{}")
        .unwrap_err();
    assert!(unknown.contains("NoSuchOperation"), "{unknown}");
    assert!(lightsail().build_request("GetInstance", "[1").is_err());
}

fn parse(op: &str, status: u16, headers: &[(&str, &str)], body: &str) -> ParsedResponse {
    let headers: Vec<(String, String)> = headers
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    let response = response(status, &headers, body.as_bytes().to_vec()).unwrap();
    lightsail().parse_response(op, &response)
}

#[test]
fn outputs_keep_unknown_enum_values_and_millisecond_timestamps() {
    let parsed = parse(
        "GetOperation",
        200,
        &[],
        r#"{"operation":{"id":"op-1","createdAt":1479816991.349,"status":"Paused",
            "extra":[1,{"a":null}]},"nextPageToken":"x"}"#,
    );
    let ParsedResponse::Output(output) = parsed else {
        panic!("{parsed:?}");
    };
    assert_eq!(output["operation"]["createdAt"], json!(1479816991.349));
    // `Paused` is not one of the model's OperationStatus values.
    assert_eq!(
        output,
        json!({"operation": {"id": "op-1", "createdAt": 1479816991.349, "status": "Paused"}})
    );
}

#[test]
fn modeled_errors_from_the_body_or_the_header() {
    let body = r#"{"code":"NotFound","docs":"d","message":"No instance 😀","tip":"t"}"#;
    for (headers, body) in [
        (
            vec![],
            format!(
                r#"{{"__type":"com.amazonaws.lightsail#NotFoundException",{}"#,
                &body[1..]
            ),
        ),
        (
            vec![(
                "X-Amzn-ErrorType",
                "NotFoundException:http://internal.amazon.com/",
            )],
            body.to_owned(),
        ),
    ] {
        let parsed = parse("GetInstance", 404, &headers, &body);
        assert_eq!(
            parsed.to_json(),
            json!({"error": {
                "code": "NotFoundException",
                "status": 404,
                "modeled": true,
                "message": "No instance 😀",
                "fields": {"code": "NotFound", "docs": "d", "message": "No instance 😀", "tip": "t"},
            }})
        );
    }
}

#[test]
fn unmodeled_and_malformed_responses() {
    let parsed = parse(
        "GetInstance",
        400,
        &[],
        r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
    );
    assert_eq!(
        parsed.to_json(),
        json!({"error": {"code": "ThrottlingException", "status": 400, "modeled": false,
                         "message": "Rate exceeded", "fields": null}})
    );
    // No error type at all: the status is the code, as botocore makes it.
    assert_eq!(
        parse("GetInstance", 500, &[], "<html>").to_json(),
        json!({"error": {"code": "500", "status": 500, "modeled": false,
                         "message": "Internal Server Error", "fields": null}})
    );
    assert!(matches!(
        parse("GetInstance", 200, &[], r#"{"instance":{"name":7}}"#),
        ParsedResponse::Malformed(_)
    ));
    assert!(matches!(
        parse("NoSuchOperation", 200, &[], "{}"),
        ParsedResponse::Malformed(_)
    ));
}

/// A JSON `null` for a member with a model default must read as the default,
/// as `null` does for every optional member (Smithy protocol tests
/// AwsJson11StructuresDontDeserializeNullValues, AwsJson10DeserializeAllowNulls;
/// botocore drops null members too). `InstancePortState.fromPort` has
/// `@default(0)`, so its field is a plain `i32` that must read `null` as 0.
#[test]
fn null_for_a_member_with_a_default_reads_as_the_default() {
    let parsed = parse(
        "GetInstancePortStates",
        200,
        &[],
        r#"{"portStates":[{"fromPort":null,"toPort":22,"protocol":"tcp","state":"open"}]}"#,
    );
    assert_eq!(
        parsed.to_json(),
        json!({"output": {"portStates": [{"fromPort": 0, "toPort": 22, "protocol": "tcp", "state": "open"}]}})
    );
}
