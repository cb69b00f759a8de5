//! HTTP bindings of the REST protocols, decided in resolve: where each member
//! travels, the timestamp format its location implies, `@jsonName`, and each
//! operation's route checked against its input; malformed bindings are errors
//! naming the shape.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use awsgen_codegen::ir::{
    Crate, Field, HttpRoute, Location, PathPart, Protocol, TimestampFormat, Type, TypeDef,
};
use awsgen_codegen::{Config, Error};
use serde_json::{Value, json};

/// A restJson1 service with one operation `ex#Op` at `uri`, whose input has
/// `members`.
fn model(uri: &str, members: Value) -> Value {
    json!({
        "smithy": "2.0",
        "shapes": {
            "ex#Svc": {
                "type": "service", "version": "1",
                "operations": [{"target": "ex#Op"}],
                "traits": {"aws.protocols#restJson1": {}, "aws.auth#sigv4": {"name": "svc"}}
            },
            "ex#Op": {
                "type": "operation",
                "input": {"target": "ex#In"},
                "output": {"target": "smithy.api#Unit"},
                "traits": {"smithy.api#http": {"method": "POST", "uri": uri}}
            },
            "ex#In": {"type": "structure", "members": members},
            "ex#Thing": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}},
            "ex#Names": {"type": "list", "member": {"target": "smithy.api#String"}},
            "ex#Tags": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}
        }
    })
}

fn resolve(model: &Value) -> Result<Crate, Error> {
    Config::from_json(model.to_string(), "test.json").resolve()
}

fn error_of(model: &Value) -> String {
    resolve(model).unwrap_err().to_string()
}

fn structure<'a>(krate: &'a Crate, name: &str) -> &'a [Field] {
    krate
        .types
        .iter()
        .find_map(|t| match t {
            TypeDef::Struct(s) if s.name == name => Some(s.fields.as_slice()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no structure {name}"))
}

fn field<'a>(fields: &'a [Field], member: &str) -> &'a Field {
    fields
        .iter()
        .find(|f| f.member == member)
        .unwrap_or_else(|| panic!("no member {member}"))
}

fn label(member: &str, field: &str, optional: bool, greedy: bool) -> PathPart {
    PathPart::Label {
        member: member.to_owned(),
        field: field.to_owned(),
        optional,
        greedy,
        default: None,
    }
}

#[test]
fn members_are_located_and_routes_resolved() {
    let m = model(
        "/things/{ThingId}/files/{Key+}?list-type=2&flag",
        json!({
            "ThingId": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "Key": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "MaxItems": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "max-items"}},
            "Since": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#httpQuery": "since"}},
            "Extra": {"target": "ex#Tags", "traits": {"smithy.api#httpQueryParams": {}}},
            "Modified": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#httpHeader": "If-Modified-Since"}},
            "Stamped": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#httpHeader": "X-Stamp", "smithy.api#timestampFormat": "epoch-seconds"}},
            "Names": {"target": "ex#Names", "traits": {"smithy.api#httpHeader": "X-Names"}},
            "Meta": {"target": "ex#Tags", "traits": {"smithy.api#httpPrefixHeaders": "X-Meta-"}},
            "Body": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "body_text"}},
            "When": {"target": "smithy.api#Timestamp"}
        }),
    );
    let krate = resolve(&m).unwrap();
    assert_eq!(krate.service.protocol, Protocol::RestJson1);
    let op = &krate.operations[0];
    assert_eq!(
        op.http,
        Some(HttpRoute {
            method: "POST".to_owned(),
            path: vec![
                PathPart::Literal("/things/".to_owned()),
                label("ThingId", "thing_id", false, false),
                PathPart::Literal("/files/".to_owned()),
                label("Key", "key", false, true),
            ],
            query: vec![
                ("list-type".to_owned(), Some("2".to_owned())),
                ("flag".to_owned(), None),
            ],
            code: 200,
            headers: Vec::new(),
            tree_hash: false,
        })
    );
    let fields = structure(&krate, "In");
    let at = |member: &str| field(fields, member).location.clone();
    assert_eq!(at("ThingId"), Location::Label);
    assert_eq!(at("MaxItems"), Location::Query("max-items".to_owned()));
    assert_eq!(at("Extra"), Location::QueryParams);
    assert_eq!(
        at("Modified"),
        Location::Header("If-Modified-Since".to_owned())
    );
    assert_eq!(at("Meta"), Location::PrefixHeaders("x-meta-".to_owned()));
    assert_eq!(at("Body"), Location::Body);
    // `@jsonName` names the body key; the member keeps its model name.
    assert_eq!(field(fields, "Body").wire_name, "body_text");
    // Timestamps take their location's format unless the model gives one.
    let ty = |member: &str| field(fields, member).ty.clone();
    assert_eq!(ty("Since"), Type::Timestamp(TimestampFormat::DateTime));
    assert_eq!(ty("Modified"), Type::Timestamp(TimestampFormat::HttpDate));
    assert_eq!(
        ty("Stamped"),
        Type::Timestamp(TimestampFormat::EpochSeconds)
    );
    assert_eq!(ty("When"), Type::Timestamp(TimestampFormat::EpochSeconds));
}

#[test]
fn awsjson_ignores_binding_traits_and_json_names() {
    let mut m = model(
        "/x/{Id}",
        json!({
            "Id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#jsonName": "id"}},
        }),
    );
    m["shapes"]["ex#Svc"]["traits"] = json!({"aws.protocols#awsJson1_1": {}});
    let krate = resolve(&m).unwrap();
    assert_eq!(krate.operations[0].http, None);
    let id = field(structure(&krate, "In"), "Id");
    assert_eq!(
        (id.location.clone(), id.wire_name.as_str()),
        (Location::Body, "Id")
    );
}

#[test]
fn malformed_bindings_name_the_shape() {
    let string = |traits: Value| json!({"target": "smithy.api#String", "traits": traits});
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "/x",
            json!({"Id": string(json!({"smithy.api#httpLabel": {}}))}),
            "shape `ex#Op`: input member `Id` is an `smithy.api#httpLabel` but the URI has no `{Id}`",
        ),
        (
            "/x/{Id}",
            json!({"Other": string(json!({}))}),
            "shape `ex#Op`: URI label `Id` is not an `smithy.api#httpLabel` member of the input",
        ),
        (
            "x/{Id}",
            json!({}),
            "shape `ex#Op`: URI pattern `x/{Id}`: must start with `/`",
        ),
        (
            "/x/a{Id}",
            json!({}),
            "shape `ex#Op`: URI pattern `/x/a{Id}`: `a{Id}`: a label must be a whole segment",
        ),
        (
            "/{A+}/{B+}",
            json!({}),
            "shape `ex#Op`: URI pattern `/{A+}/{B+}`: has more than one greedy label",
        ),
        (
            "/{A}/{A}",
            json!({}),
            "shape `ex#Op`: URI pattern `/{A}/{A}`: label `A` appears twice",
        ),
        (
            "/{}",
            json!({}),
            "shape `ex#Op`: URI pattern `/{}`: `{}` is not a label",
        ),
        (
            "/x/{Id}",
            json!({"Id": {"target": "ex#Thing", "traits": {"smithy.api#httpLabel": {}}}}),
            "shape `ex#Op`: URI label `Id` must be a string, number, boolean or timestamp",
        ),
        (
            "/x?a=1",
            json!({"A": string(json!({"smithy.api#httpQuery": "a"}))}),
            "shape `ex#Op`: query parameter `a` is bound twice (member `A`)",
        ),
        (
            "/x",
            json!({"A": string(json!({"smithy.api#httpHeader": "X-A"})), "B": string(json!({"smithy.api#httpHeader": "x-a"}))}),
            "shape `ex#In`: header `x-a` is bound twice (member `B`)",
        ),
        (
            "/x",
            json!({"A": string(json!({"smithy.api#httpHeader": "X A"}))}),
            "shape `ex#In$A`: `smithy.api#httpHeader` `X A` is not a valid header name",
        ),
        (
            "/x",
            json!({"A": string(json!({"smithy.api#httpHeader": ""}))}),
            "shape `ex#In$A`: `smithy.api#httpHeader` must give a non-empty name",
        ),
        (
            "/x",
            json!({"A": string(json!({"smithy.api#httpHeader": "X-A", "smithy.api#httpQuery": "a"}))}),
            "shape `ex#In$A`: has more than one HTTP binding trait (smithy.api#httpQuery, smithy.api#httpHeader)",
        ),
        (
            "/x",
            json!({"A": string(json!({"smithy.api#httpPayload": {}})), "B": string(json!({"smithy.api#httpPayload": {}}))}),
            "shape `ex#In`: has two `smithy.api#httpPayload` members, `A` and `B`",
        ),
        (
            "/x",
            json!({"A": string(json!({"smithy.api#httpPayload": {}})), "B": string(json!({}))}),
            "shape `ex#In`: member `B` would go in the body, which `smithy.api#httpPayload` member `A` fills alone",
        ),
        (
            "/x",
            json!({"A": {"target": "ex#Names", "traits": {"smithy.api#httpPayload": {}}}}),
            "shape `ex#In`: `smithy.api#httpPayload` member `A` must be a structure, union, document, blob, string or enum",
        ),
        (
            "/x",
            json!({"A": string(json!({"smithy.api#httpPrefixHeaders": "X-"}))}),
            "shape `ex#In`: member `A` binds a map but is not one",
        ),
        (
            "/x",
            json!({"A": {"target": "ex#Thing", "traits": {"smithy.api#httpHeader": "X-A"}}}),
            "shape `ex#In`: header member `A` must be a scalar or a list of scalars",
        ),
        (
            "/x",
            json!({"A": string(json!({"smithy.api#httpResponseCode": {}}))}),
            "shape `ex#In`: `smithy.api#httpResponseCode` member `A` must be an integer",
        ),
    ];
    for (uri, members, expected) in cases {
        let m = model(uri, members);
        assert_eq!(error_of(&m), expected, "uri {uri}");
    }

    let mut m = model("/x", json!({}));
    m["shapes"]["ex#Op"]["traits"] = json!({});
    assert_eq!(
        error_of(&m),
        "shape `ex#Op`: has no `smithy.api#http` trait, which a REST protocol needs"
    );
    for (http, expected) in [
        (
            json!({"method": "get", "uri": "/"}),
            "shape `ex#Op`: `smithy.api#http` needs an upper-case `method`",
        ),
        (
            json!({"method": "GET"}),
            "shape `ex#Op`: `smithy.api#http` needs a `uri`",
        ),
        (
            json!({"method": "GET", "uri": "/", "code": 1000}),
            "shape `ex#Op`: `smithy.api#http` code 1000 is not an HTTP status",
        ),
    ] {
        m["shapes"]["ex#Op"]["traits"] = json!({"smithy.api#http": http});
        assert_eq!(error_of(&m), expected);
    }
}

/// The Smithy protocol-test service for restJson1, from the shared conformance
/// suites, resolves whole, with the bindings its tests rely on.
#[test]
fn the_rest_json_protocol_test_service_resolves() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
        "../../shared/conformance/smithy-protocol-tests/smithy-aws-protocol-tests_model.json",
    );
    let krate = Config::new(&path)
        .service("aws.protocoltests.restjson#RestJson")
        .resolve()
        .unwrap();
    assert!(krate.operations.len() > 100, "{}", krate.operations.len());
    let op = |name: &str| {
        krate
            .operations
            .iter()
            .find(|o| o.wire_name == name)
            .unwrap_or_else(|| panic!("no operation {name}"))
    };
    let route = op("HttpRequestWithGreedyLabelInPath")
        .http
        .as_ref()
        .unwrap();
    assert_eq!(route.method, "GET");
    assert_eq!(
        route.path,
        vec![
            PathPart::Literal("/HttpRequestWithGreedyLabelInPath/foo/".to_owned()),
            label("foo", "foo", false, false),
            PathPart::Literal("/baz/".to_owned()),
            label("baz", "baz", false, true),
        ]
    );
    let route = op("ConstantQueryString").http.as_ref().unwrap();
    assert_eq!(
        route.query,
        vec![
            ("foo".to_owned(), Some("bar".to_owned())),
            ("hello".to_owned(), None)
        ]
    );
    let headers = structure(&krate, "TimestampFormatHeadersIo");
    let ty = |member: &str| field(headers, member).ty.clone();
    assert_eq!(
        ty("defaultFormat"),
        Type::Timestamp(TimestampFormat::HttpDate)
    );
    assert_eq!(
        ty("memberEpochSeconds"),
        Type::Timestamp(TimestampFormat::EpochSeconds)
    );
    assert_eq!(
        ty("targetDateTime"),
        Type::Timestamp(TimestampFormat::DateTime)
    );
    let code = field(structure(&krate, "HttpResponseCodeOutput"), "Status");
    assert_eq!(code.location, Location::ResponseCode);
    // The service's `rename` settles two `GreetingStruct`s of different namespaces.
    let renamed = krate
        .types
        .iter()
        .find(|t| t.name() == "RenamedGreeting")
        .expect("the renamed structure");
    assert_eq!(
        renamed.id(),
        "aws.protocoltests.restjson.nested#GreetingStruct"
    );
}
