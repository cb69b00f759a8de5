//! The rule set interpreter on small project-written rule sets: loading errors,
//! parameter binding, rule semantics, templates and every library function as
//! called from a rule.

#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_runtime::endpoint::{
    Endpoint, EndpointError, ParamType, ParamValue, Params, Partitions, ResolveError, RuleSet,
};
use serde_json::json;

fn rules(doc: serde_json::Value) -> RuleSet {
    RuleSet::from_value(&doc).unwrap_or_else(|e| panic!("rule set should load: {e}"))
}

fn load_err(doc: serde_json::Value) -> EndpointError {
    match RuleSet::from_value(&doc) {
        Ok(_) => panic!("rule set should not load: {doc}"),
        Err(e) => e,
    }
}

fn resolve(rs: &RuleSet, params: Params) -> Result<Endpoint, ResolveError> {
    rs.resolve(&params, Partitions::builtin())
}

fn url(rs: &RuleSet, params: Params) -> String {
    resolve(rs, params).unwrap().url
}

/// A rule set with the given parameters and one endpoint rule per
/// `(conditions, url)`, followed by a final error rule "fallthrough".
fn with_rules(parameters: serde_json::Value, cases: &[(serde_json::Value, &str)]) -> RuleSet {
    let mut list: Vec<serde_json::Value> = cases
        .iter()
        .map(|(conditions, url)| {
            json!({"conditions": conditions, "endpoint": {"url": url}, "type": "endpoint"})
        })
        .collect();
    list.push(json!({"conditions": [], "error": "fallthrough", "type": "error"}));
    rules(json!({"version": "1.0", "parameters": parameters, "rules": list}))
}

fn string_param(name: &str) -> serde_json::Value {
    json!({ name: {"type": "string", "required": false} })
}

#[test]
fn load_errors_are_typed() {
    assert!(matches!(
        RuleSet::from_json("{"),
        Err(EndpointError::Json { line: 1, .. })
    ));
    assert!(matches!(
        RuleSet::from_json("[]"),
        Err(EndpointError::Invalid { .. })
    ));
    assert!(matches!(
        load_err(json!({"version": "2.0", "parameters": {}, "rules": []})),
        EndpointError::UnsupportedVersion { version } if version == "2.0"
    ));
    let unknown_fn = json!({"version": "1.0", "parameters": {}, "rules": [
        {"conditions": [{"fn": "frobnicate", "argv": []}], "error": "x", "type": "error"}
    ]});
    match load_err(unknown_fn) {
        EndpointError::UnknownFunction { path, name } => {
            assert_eq!(name, "frobnicate");
            assert_eq!(path, "ruleSet.rules[0].conditions[0].fn");
        }
        other => panic!("{other:?}"),
    }
    let arity = json!({"version": "1.0", "parameters": {}, "rules": [
        {"conditions": [{"fn": "not", "argv": [true, false]}], "error": "x", "type": "error"}
    ]});
    assert!(matches!(
        load_err(arity),
        EndpointError::Arity { ref name, found: 2, .. } if name == "not"
    ));
    let coalesce_arity = json!({"version": "1.0", "parameters": {}, "rules": [
        {"conditions": [{"fn": "coalesce", "argv": ["a"]}], "error": "x", "type": "error"}
    ]});
    assert!(matches!(
        load_err(coalesce_arity),
        EndpointError::Arity { .. }
    ));
}

#[test]
fn load_errors_on_references_and_templates() {
    let undefined = json!({"version": "1.0", "parameters": {}, "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Nope"}]}], "error": "x", "type": "error"}
    ]});
    assert!(matches!(
        load_err(undefined),
        EndpointError::UndefinedReference { name, .. } if name == "Nope"
    ));
    // A variable assigned in one rule is not visible in the next.
    let out_of_scope = json!({"version": "1.0", "parameters": string_param("R"), "rules": [
        {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "R"}], "assign": "p"}],
         "error": "x", "type": "error"},
        {"conditions": [], "error": "{p#name}", "type": "error"}
    ]});
    assert!(matches!(
        load_err(out_of_scope),
        EndpointError::UndefinedReference { .. }
    ));
    let shadow = json!({"version": "1.0", "parameters": string_param("R"), "rules": [
        {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "R"}], "assign": "R"}],
         "error": "x", "type": "error"}
    ]});
    assert!(matches!(load_err(shadow), EndpointError::Shadowing { .. }));
    for bad in ["https://{R", "https://}", "https://{}", "x{R#}"] {
        let doc = json!({"version": "1.0", "parameters": string_param("R"), "rules": [
            {"conditions": [], "endpoint": {"url": bad}, "type": "endpoint"}
        ]});
        assert!(
            matches!(load_err(doc), EndpointError::Invalid { .. }),
            "{bad:?}"
        );
    }
    let bad_path = json!({"version": "1.0", "parameters": string_param("R"), "rules": [
        {"conditions": [{"fn": "getAttr", "argv": [{"ref": "R"}, "a[x]"]}], "error": "x", "type": "error"}
    ]});
    assert!(matches!(load_err(bad_path), EndpointError::Invalid { .. }));
}

#[test]
fn load_errors_on_parameters_and_rules() {
    let bad_type = json!({"version": "1.0", "parameters": {"P": {"type": "integer"}}, "rules": []});
    assert!(matches!(load_err(bad_type), EndpointError::Invalid { .. }));
    let bad_default = json!({"version": "1.0",
        "parameters": {"P": {"type": "boolean", "required": true, "default": "yes"}}, "rules": []});
    match load_err(bad_default) {
        EndpointError::Invalid { path, .. } => assert_eq!(path, "ruleSet.parameters.P.default"),
        other => panic!("{other:?}"),
    }
    let bad_rule =
        json!({"version": "1.0", "parameters": {}, "rules": [{"conditions": [], "type": "magic"}]});
    assert!(matches!(load_err(bad_rule), EndpointError::Invalid { .. }));
    let no_url = json!({"version": "1.0", "parameters": {}, "rules": [
        {"conditions": [], "endpoint": {}, "type": "endpoint"}
    ]});
    assert!(matches!(load_err(no_url), EndpointError::Invalid { .. }));
}

#[test]
fn parameter_metadata() {
    let rs = rules(json!({"version": "1.3", "parameters": {
        "Region": {"type": "String", "builtIn": "AWS::Region", "required": false, "documentation": "where"},
        "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
        "Ids": {"type": "stringArray", "required": false, "deprecated": {"message": "old"}}
    }, "rules": []}));
    assert_eq!(rs.version(), "1.3");
    let fips = rs.parameter_for_built_in("AWS::UseFIPS").unwrap();
    assert_eq!(fips.name, "UseFIPS");
    assert_eq!(fips.param_type, ParamType::Boolean);
    assert_eq!(fips.default, Some(ParamValue::Bool(false)));
    assert!(fips.required);
    assert_eq!(
        rs.parameter("Region").unwrap().documentation.as_deref(),
        Some("where")
    );
    assert!(rs.parameter("Ids").unwrap().deprecated);
    assert_eq!(rs.parameters().len(), 3);
}

#[test]
fn parameter_binding() {
    let rs = rules(json!({"version": "1.0", "parameters": {
        "Flag": {"type": "boolean", "required": true, "default": true},
        "Name": {"type": "string", "required": true},
        "List": {"type": "stringArray", "required": false}
    }, "rules": [
        {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]}],
         "endpoint": {"url": "https://on.{Name}"}, "type": "endpoint"},
        {"conditions": [], "endpoint": {"url": "https://off.{Name}"}, "type": "endpoint"}
    ]}));
    assert_eq!(url(&rs, Params::new().with("Name", "x")), "https://on.x");
    assert_eq!(
        url(&rs, Params::new().with("Name", "x").with("Flag", false)),
        "https://off.x"
    );
    assert_eq!(
        resolve(&rs, Params::new()),
        Err(ResolveError::MissingParameter("Name".into()))
    );
    assert_eq!(
        resolve(&rs, Params::new().with("Name", "x").with("Other", "y")),
        Err(ResolveError::UnknownParameter("Other".into()))
    );
    assert_eq!(
        resolve(&rs, Params::new().with("Name", true)),
        Err(ResolveError::ParameterType {
            name: "Name".into(),
            expected: ParamType::String,
            found: ParamType::Boolean
        })
    );
    let list = vec!["a".to_owned()];
    assert!(resolve(&rs, Params::new().with("Name", "x").with("List", list)).is_ok());
    // `null` in a JSON parameter document leaves the parameter unset.
    let from_json = Params::from_json(&json!({"Name": "x", "List": null, "Flag": false})).unwrap();
    assert_eq!(url(&rs, from_json), "https://off.x");
    assert!(Params::from_json(&json!({"Name": 3})).is_err());
    assert!(Params::from_json(&json!(["Name"])).is_err());
}

#[test]
fn rules_run_in_order_and_errors_carry_the_message() {
    let rs = rules(
        json!({"version": "1.0", "parameters": string_param("Region"), "rules": [
            {"conditions": [{"fn": "not", "argv": [{"fn": "isSet", "argv": [{"ref": "Region"}]}]}],
             "error": "Invalid Configuration: Missing Region", "type": "error"},
            {"conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "bad"]}],
             "error": "Region {Region} is not allowed", "type": "error"},
            {"conditions": [], "endpoint": {"url": "https://svc.{Region}.example"}, "type": "endpoint"}
        ]}),
    );
    let err = resolve(&rs, Params::new()).unwrap_err();
    assert_eq!(
        err,
        ResolveError::Rule("Invalid Configuration: Missing Region".into())
    );
    assert_eq!(err.to_string(), "Invalid Configuration: Missing Region");
    assert_eq!(
        resolve(&rs, Params::new().with("Region", "bad"))
            .unwrap_err()
            .to_string(),
        "Region bad is not allowed"
    );
    assert_eq!(
        url(&rs, Params::new().with("Region", "r1")),
        "https://svc.r1.example"
    );
}

#[test]
fn tree_rules_are_terminal_and_exhaustion_is_an_error() {
    let rs = rules(
        json!({"version": "1.0", "parameters": string_param("R"), "rules": [
            {"conditions": [{"fn": "isSet", "argv": [{"ref": "R"}]}], "type": "tree", "rules": [
                {"conditions": [{"fn": "stringEquals", "argv": [{"ref": "R"}, "a"]}],
                 "endpoint": {"url": "https://a"}, "type": "endpoint"}
            ]},
            {"conditions": [], "endpoint": {"url": "https://unset"}, "type": "endpoint"}
        ]}),
    );
    assert_eq!(url(&rs, Params::new().with("R", "a")), "https://a");
    assert_eq!(url(&rs, Params::new()), "https://unset");
    // The tree was entered, so the later rule is not tried.
    assert_eq!(
        resolve(&rs, Params::new().with("R", "b")),
        Err(ResolveError::NoRuleMatched)
    );

    let empty = rules(json!({"version": "1.0", "parameters": {}, "rules": []}));
    assert_eq!(
        resolve(&empty, Params::new()),
        Err(ResolveError::NoRuleMatched)
    );
}

#[test]
fn assigned_variables_are_scoped_to_their_rule() {
    let rs = rules(
        json!({"version": "1.0", "parameters": string_param("Region"), "rules": [
            {"conditions": [
                {"fn": "isSet", "argv": [{"ref": "Region"}]},
                {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "part"},
                {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "part"}, "supportsDualStack"]}, false]}
            ], "endpoint": {"url": "https://single.{Region}.{part#dnsSuffix}"}, "type": "endpoint"},
            {"conditions": [
                {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "part"}
            ], "endpoint": {"url": "https://dual.{Region}.{part#dualStackDnsSuffix}"}, "type": "endpoint"}
        ]}),
    );
    assert_eq!(
        url(&rs, Params::new().with("Region", "us-iso-east-1")),
        "https://single.us-iso-east-1.c2s.ic.gov"
    );
    assert_eq!(
        url(&rs, Params::new().with("Region", "eu-west-1")),
        "https://dual.eu-west-1.api.aws"
    );
}

#[test]
fn endpoint_headers_properties_and_template_escapes() {
    let rs = rules(
        json!({"version": "1.0", "parameters": string_param("Region"), "rules": [
            {"conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}],
             "endpoint": {
                "url": "https://{{literal}}.{Region}.{p#dnsSuffix}",
                "headers": {"x-region": ["{Region}", "fixed"], "x-empty": []},
                "properties": {
                    "authSchemes": [{"name": "sigv4", "signingRegion": "{Region}", "disableDoubleEncoding": true}],
                    "nested": {"partition": "{p#name}", "count": 3}
                }
             }, "type": "endpoint"}
        ]}),
    );
    let endpoint = resolve(&rs, Params::new().with("Region", "cn-north-1")).unwrap();
    assert_eq!(
        endpoint.url,
        "https://{literal}.cn-north-1.amazonaws.com.cn"
    );
    assert_eq!(endpoint.headers["x-region"], ["cn-north-1", "fixed"]);
    assert!(endpoint.headers["x-empty"].is_empty());
    assert_eq!(
        serde_json::Value::Object(endpoint.properties),
        json!({
            "authSchemes": [{"name": "sigv4", "signingRegion": "cn-north-1", "disableDoubleEncoding": true}],
            "nested": {"partition": "aws-cn", "count": 3}
        })
    );
}

#[test]
fn url_can_be_a_reference() {
    let doc = json!({"version": "1.0", "parameters": string_param("Endpoint"), "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
         "endpoint": {"url": {"ref": "Endpoint"}}, "type": "endpoint"},
        {"conditions": [], "error": "no endpoint", "type": "error"}
    ]});
    let by_ref = rules(doc);
    assert_eq!(
        url(&by_ref, Params::new().with("Endpoint", "https://custom:9")),
        "https://custom:9"
    );
    assert_eq!(
        resolve(&by_ref, Params::new()),
        Err(ResolveError::Rule("no endpoint".into()))
    );
}

#[test]
fn run_time_type_errors_are_typed() {
    let rs = rules(json!({"version": "1.0", "parameters": {
        "S": {"type": "string", "required": false},
        "B": {"type": "boolean", "required": false}
    }, "rules": [
        {"conditions": [{"fn": "stringEquals", "argv": [{"ref": "B"}, "x"]}], "error": "x", "type": "error"}
    ]}));
    assert!(matches!(
        resolve(&rs, Params::new().with("B", true)),
        Err(ResolveError::ArgumentType {
            function: "stringEquals",
            index: 0,
            ..
        })
    ));
    // An unset optional parameter used without an `isSet` guard.
    assert!(matches!(
        resolve(&rs, Params::new()),
        Err(ResolveError::ArgumentType {
            function: "stringEquals",
            ..
        })
    ));
    let bool_url = rules(
        json!({"version": "1.0", "parameters": {"B": {"type": "boolean", "required": true, "default": true}},
        "rules": [{"conditions": [], "endpoint": {"url": {"ref": "B"}}, "type": "endpoint"}]}),
    );
    assert!(matches!(
        resolve(&bool_url, Params::new()),
        Err(ResolveError::NotAString { .. })
    ));
    let bool_template = rules(
        json!({"version": "1.0", "parameters": {"B": {"type": "boolean", "required": true, "default": true}},
        "rules": [{"conditions": [], "error": "flag is {B}", "type": "error"}]}),
    );
    assert!(matches!(
        resolve(&bool_template, Params::new()),
        Err(ResolveError::NotAString { .. })
    ));
    let attr_of_string = rules(
        json!({"version": "1.0", "parameters": {"S": {"type": "string", "required": true, "default": "v"}},
        "rules": [{"conditions": [], "error": "{S#name}", "type": "error"}]}),
    );
    assert!(matches!(
        resolve(&attr_of_string, Params::new()),
        Err(ResolveError::ArgumentType {
            function: "getAttr",
            ..
        })
    ));
}

#[test]
fn library_functions_from_rules() {
    let rs = with_rules(
        json!({"V": {"type": "string", "required": true, "default": ""}}),
        &[
            (
                json!([{"fn": "aws.parseArn", "argv": [{"ref": "V"}], "assign": "arn"},
                    {"fn": "getAttr", "argv": [{"ref": "arn"}, "resourceId[1]"], "assign": "res"}]),
                "https://arn.{arn#service}.{arn#region}.{res}",
            ),
            (
                json!([{"fn": "parseURL", "argv": [{"ref": "V"}], "assign": "u"},
                    {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "u"}, "isIp"]}, true]}]),
                "{u#scheme}://ip.{u#authority}{u#normalizedPath}",
            ),
            (
                json!([{"fn": "parseURL", "argv": [{"ref": "V"}], "assign": "u"}]),
                "{u#scheme}://{u#authority}{u#path}",
            ),
            (
                json!([{"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "V"}, false]},
                    {"fn": "substring", "argv": [{"ref": "V"}, 0, 3, true], "assign": "tail"}]),
                "https://bucket.{tail}",
            ),
            (
                json!([{"fn": "isValidHostLabel", "argv": [{"ref": "V"}, true]},
                    {"fn": "uriEncode", "argv": [{"ref": "V"}], "assign": "enc"}]),
                "https://label/{enc}",
            ),
            (
                json!([{"fn": "uriEncode", "argv": [{"ref": "V"}], "assign": "enc"}]),
                "https://encoded/{enc}",
            ),
        ],
    );
    let run = |v: &str| resolve(&rs, Params::new().with("V", v));
    assert_eq!(
        run("arn:aws:s3:us-west-2:1:accesspoint/ap1").unwrap().url,
        "https://arn.s3.us-west-2.ap1"
    );
    // Index past the end: the condition fails and the next rule applies.
    assert_eq!(
        run("arn:aws:s3:us-west-2:1:only").unwrap().url,
        "https://encoded/arn%3Aaws%3As3%3Aus-west-2%3A1%3Aonly"
    );
    assert_eq!(
        run("http://10.0.0.1:8080/base").unwrap().url,
        "http://ip.10.0.0.1:8080/base/"
    );
    assert_eq!(
        run("https://host.example/base").unwrap().url,
        "https://host.example/base"
    );
    assert_eq!(run("my-bucket").unwrap().url, "https://bucket.ket");
    assert_eq!(run("Upper.Case").unwrap().url, "https://label/Upper.Case");
    assert_eq!(run("a b/c").unwrap().url, "https://encoded/a%20b%2Fc");
}

#[test]
fn coalesce_ite_and_split_from_rules() {
    let rs = with_rules(
        json!({
            "A": {"type": "string", "required": false},
            "B": {"type": "string", "required": true, "default": "dflt"},
            "Flag": {"type": "boolean", "required": true, "default": false},
            "Ids": {"type": "stringArray", "required": false}
        }),
        &[
            (
                json!([{"fn": "getAttr", "argv": [{"ref": "Ids"}, "[0]"], "assign": "first"}]),
                "https://first.{first}",
            ),
            (
                json!([{"fn": "split", "argv": [{"fn": "coalesce", "argv": [{"ref": "A"}, {"ref": "B"}]}, "--", 0], "assign": "parts"},
                    {"fn": "getAttr", "argv": [{"ref": "parts"}, "[1]"], "assign": "second"},
                    {"fn": "ite", "argv": [{"ref": "Flag"}, "yes", "no"], "assign": "answer"}]),
                "https://{second}.{answer}",
            ),
            (
                json!([{"fn": "coalesce", "argv": [{"ref": "A"}, {"ref": "B"}], "assign": "c"}]),
                "https://coalesced.{c}",
            ),
        ],
    );
    let ids = vec!["id0".to_owned(), "id1".to_owned()];
    assert_eq!(
        url(&rs, Params::new().with("Ids", ids)),
        "https://first.id0"
    );
    assert_eq!(
        url(&rs, Params::new().with("Ids", Vec::<String>::new())),
        "https://coalesced.dflt"
    );
    assert_eq!(url(&rs, Params::new().with("A", "x--y--z")), "https://y.no");
    assert_eq!(
        url(&rs, Params::new().with("A", "x--y").with("Flag", true)),
        "https://y.yes"
    );
    assert_eq!(url(&rs, Params::new().with("B", "b--c")), "https://c.no");
    assert_eq!(
        url(&rs, Params::new().with("B", "plain")),
        "https://coalesced.plain"
    );

    let bad_split = rules(json!({"version": "1.1", "parameters": {}, "rules": [
        {"conditions": [{"fn": "split", "argv": ["abc", "", 0]}], "error": "x", "type": "error"}
    ]}));
    assert!(matches!(
        resolve(&bad_split, Params::new()),
        Err(ResolveError::InvalidArgument {
            function: "split",
            ..
        })
    ));
}

#[test]
fn the_rule_set_survives_arbitrary_documents() {
    // Deeply nested, oddly typed or truncated documents load or fail with an error,
    // never a panic.
    let docs = [
        json!(null),
        json!({"version": 1, "parameters": {}, "rules": []}),
        json!({"version": "1.0", "parameters": [], "rules": []}),
        json!({"version": "1.0", "parameters": {}, "rules": {}}),
        json!({"version": "1.0", "parameters": {}, "rules": [null]}),
        json!({"version": "1.0", "parameters": {}, "rules": [{"type": "tree", "conditions": [], "rules": [{}]}]}),
        json!({"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [{"fn": "isSet"}], "error": "x"}]}),
        json!({"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [{"fn": "isSet", "argv": [null]}], "error": "x"}]}),
        json!({"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [{"fn": "substring", "argv": ["a", 1.5, 2, false]}], "error": "x"}]}),
        json!({"version": "1.0", "parameters": {}, "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "u", "headers": {"h": "notarray"}}}]}),
    ];
    for doc in docs {
        assert!(RuleSet::from_value(&doc).is_err(), "{doc}");
    }
    let mut deep = json!("leaf");
    for _ in 0..200 {
        deep = json!([deep]);
    }
    let deep_doc = json!({"version": "1.0", "parameters": {}, "rules": [
        {"type": "endpoint", "conditions": [], "endpoint": {"url": "u", "properties": {"p": deep}}}
    ]});
    let rs = rules(deep_doc);
    assert_eq!(url(&rs, Params::new()), "u");
}
