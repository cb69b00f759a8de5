//! Every error path of the generator: bad input gets an error naming the shape
//! and the problem, and no input model makes the generator panic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_codegen::{Config, Error};
use serde_json::{Value, json};

/// A minimal valid model; tests break one thing in it.
fn base() -> Value {
    json!({
        "smithy": "2.0",
        "shapes": {
            "ex#Svc": {
                "type": "service", "version": "1",
                "operations": [{"target": "ex#Op"}],
                "traits": {"aws.protocols#awsJson1_1": {}, "aws.auth#sigv4": {"name": "svc"}}
            },
            "ex#Op": {"type": "operation", "input": {"target": "ex#In"}, "output": {"target": "smithy.api#Unit"}},
            "ex#In": {"type": "structure", "members": {"name": {"target": "smithy.api#String"}}}
        }
    })
}

fn generate(model: &Value) -> Result<String, Error> {
    Config::from_json(model.to_string(), "test.json").generate_single_file()
}

fn error_of(model: Value) -> String {
    generate(&model).unwrap_err().to_string()
}

#[test]
fn base_model_generates() {
    let code = generate(&base()).unwrap();
    assert!(code.contains("pub struct In"));
}

#[test]
fn malformed_json_reports_line_and_column() {
    let err = Config::from_json(
        "{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}",
        "bad.json",
    )
    .generate_single_file()
    .unwrap_err();
    match &err {
        Error::Json {
            origin,
            line,
            column,
            ..
        } => {
            assert_eq!((origin.as_str(), *line, *column), ("bad.json", 3, 14));
        }
        other => panic!("unexpected {other}"),
    }
    assert!(
        err.to_string().starts_with("bad.json:3:14: malformed JSON"),
        "{err}"
    );
}

#[test]
fn not_a_smithy_ast() {
    assert!(error_of(json!([])).contains("not a JSON object"));
    assert!(error_of(json!({"shapes": {}})).contains("missing the `smithy` version"));
    assert!(
        error_of(json!({"smithy": "3.0", "shapes": {}}))
            .contains("unsupported Smithy version `3.0`")
    );
    let mut m = base();
    m["shapes"]["NoNamespace"] = json!({"type": "string"});
    assert!(error_of(m).contains("shape id `NoNamespace` has no namespace"));
}

#[test]
fn malformed_shapes_name_the_shape() {
    let mut m = base();
    m["shapes"]["ex#In"] = json!({"members": {}});
    assert_eq!(error_of(m), "shape `ex#In`: has no `type`");
    let mut m = base();
    m["shapes"]["ex#In"]["type"] = json!("tuple");
    assert_eq!(error_of(m), "shape `ex#In`: has unknown type `tuple`");
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["name"] = json!({"traits": {}});
    assert_eq!(
        error_of(m),
        "shape `ex#In$name`: `member` has no string `target`"
    );
    let mut m = base();
    m["shapes"]["ex#L"] = json!({"type": "list"});
    assert_eq!(error_of(m), "shape `ex#L`: has no `member` member");
}

#[test]
fn dangling_target() {
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["name"]["target"] = json!("ex#Missing");
    let err = generate(&m).unwrap_err();
    assert!(
        matches!(&err, Error::DanglingTarget { id, target } if id == "ex#In$name" && target == "ex#Missing")
    );
    assert_eq!(
        err.to_string(),
        "shape `ex#In$name` targets `ex#Missing`, which the model does not define"
    );
}

#[test]
fn unsupported_shapes_and_traits() {
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["big"] = json!({"target": "smithy.api#BigDecimal"});
    assert_eq!(
        error_of(m),
        "shape `smithy.api#BigDecimal` has type `bigDecimal`, which this generator does not support"
    );

    let mut m = base();
    m["shapes"]["ex#In"]["members"]["when"] = json!({
        "target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "julian"}
    });
    let err = generate(&m).unwrap_err();
    assert!(
        matches!(&err, Error::UnsupportedTrait { id, trait_id, .. }
        if id == "ex#In$when" && trait_id == "smithy.api#timestampFormat"),
        "{err}"
    );

    let mut m = base();
    m["shapes"]["ex#In"]["members"]["body"] = json!({"target": "ex#Stream"});
    m["shapes"]["ex#Stream"] = json!({"type": "string", "traits": {"smithy.api#streaming": {}}});
    assert!(error_of(m).contains("`smithy.api#streaming`"));
}

#[test]
fn bad_defaults_and_mixin_cycles() {
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["n"] =
        json!({"target": "smithy.api#Integer", "traits": {"smithy.api#default": "x"}});
    m["shapes"]["ex#In"]["traits"] = json!({});
    let err = generate(&m).unwrap_err();
    assert!(
        matches!(&err, Error::UnsupportedTrait { id, trait_id, .. }
        if id == "ex#In$n" && trait_id == "smithy.api#default"),
        "{err}"
    );

    let mut m = base();
    m["shapes"]["ex#In"]["mixins"] = json!([{"target": "ex#M"}]);
    m["shapes"]["ex#M"] =
        json!({"type": "structure", "mixins": [{"target": "ex#In"}], "members": {}});
    assert!(error_of(m).contains("mixin cycle"));

    let mut m = base();
    m["shapes"]["ex#In"]["members"]["l"] = json!({"target": "ex#Stamps"});
    m["shapes"]["ex#Stamps"] = json!({"type": "list", "member": {
        "target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}}});
    assert!(error_of(m).contains("inside lists and maps"));
}

#[test]
fn unsupported_protocol() {
    let mut m = base();
    m["shapes"]["ex#Svc"]["traits"] = json!({"aws.protocols#restJson1": {}});
    assert_eq!(
        error_of(m),
        "service `ex#Svc` has no supported protocol trait (found: aws.protocols#restJson1); \
         supported: aws.protocols#awsJson1_0, aws.protocols#awsJson1_1"
    );
}

#[test]
fn service_selection() {
    let mut m = base();
    m["shapes"].as_object_mut().unwrap().remove("ex#Svc");
    assert_eq!(error_of(m), "the model has no service shape");
    let mut m = base();
    m["shapes"]["ex#Other"] = m["shapes"]["ex#Svc"].clone();
    assert!(error_of(m.clone()).contains("2 service shapes (ex#Other, ex#Svc)"));
    assert!(
        Config::from_json(m.to_string(), "t")
            .service("Svc")
            .generate_single_file()
            .is_ok()
    );
    let err = Config::from_json(base().to_string(), "t")
        .service("Nope")
        .resolve()
        .unwrap_err();
    assert_eq!(err.to_string(), "the model has no service named `Nope`");
}

#[test]
fn unknown_operation() {
    let err = Config::from_json(base().to_string(), "t")
        .operation("Nope")
        .resolve()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "service `ex#Svc` has no operation named `Nope`"
    );
}

#[test]
fn operation_selection_changes_the_output() {
    let mut m = base();
    m["shapes"]["ex#Svc"]["operations"] = json!([{"target": "ex#Op"}, {"target": "ex#Op2"}]);
    m["shapes"]["ex#Op2"] = json!({"type": "operation", "input": {"target": "ex#In2"}});
    m["shapes"]["ex#In2"] = json!({"type": "structure", "members": {}});
    let all = Config::from_json(m.to_string(), "t").resolve().unwrap();
    let one = Config::from_json(m.to_string(), "t")
        .operation("Op2")
        .resolve()
        .unwrap();
    assert_eq!(all.operations.len(), 2);
    assert_eq!(one.operations.len(), 1);
    assert_eq!(
        one.types.iter().map(|t| t.name()).collect::<Vec<_>>(),
        ["In2"]
    );
}

#[test]
fn name_collisions_name_both_sources() {
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["fooBar"] = json!({"target": "smithy.api#String"});
    m["shapes"]["ex#In"]["members"]["foo_bar"] = json!({"target": "smithy.api#String"});
    assert_eq!(
        error_of(m),
        "`fooBar` and `foo_bar` both map to the Rust name `foo_bar` in structure `ex#In`"
    );

    let mut m = base();
    m["shapes"]["ex#In"]["members"]["a"] = json!({"target": "ex#Thing"});
    m["shapes"]["ex#In"]["members"]["b"] = json!({"target": "other#Thing"});
    m["shapes"]["ex#Thing"] = json!({"type": "structure", "members": {}});
    m["shapes"]["other#Thing"] = json!({"type": "structure", "members": {}});
    let err = error_of(m);
    assert!(err.contains("`Thing` in the `types` module"), "{err}");
    assert!(
        err.contains("ex#Thing") && err.contains("other#Thing"),
        "{err}"
    );

    let mut m = base();
    m["shapes"]["ex#In"]["members"]["e"] = json!({"target": "ex#E"});
    m["shapes"]["ex#E"] = json!({"type": "enum", "members": {
        "FOO_BAR": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}},
        "FooBar": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "b"}}
    }});
    assert_eq!(
        error_of(m),
        "`a` and `b` both map to the Rust name `FooBar` in enum `ex#E`"
    );
}

#[test]
fn io_and_out_dir_errors() {
    let err = Config::new("/nonexistent/model.json")
        .resolve()
        .unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(
        err.to_string().starts_with("/nonexistent/model.json: "),
        "{err}"
    );
    // Integration tests of this crate run without OUT_DIR (the crate has no build script).
    assert!(std::env::var_os("OUT_DIR").is_none());
    let err = Config::from_json(base().to_string(), "t")
        .write_to_out_dir("x.rs")
        .unwrap_err();
    assert!(matches!(err, Error::MissingOutDir));
}

#[test]
fn unparsable_tokens_are_a_format_error() {
    let err = awsgen_codegen::render::format_file("x.rs", quote::quote!(fn)).unwrap_err();
    assert!(matches!(err, Error::Format { ref file, .. } if file == "x.rs"));
}

#[test]
fn debug_of_errors_is_the_message() {
    let err = Config::from_json("[", "m.json").resolve().unwrap_err();
    assert_eq!(format!("{err:?}"), err.to_string());
}

/// Bounded, seeded mutations of valid models: every outcome is `Ok` or a typed
/// error, never a panic.
#[test]
fn mutated_models_never_panic() {
    let fixtures = [
        include_str!("fixtures/kitchen_sink.json"),
        include_str!("fixtures/legacy_v1.json"),
    ];
    let replacements: [Value; 8] = [
        json!(null),
        json!(1),
        json!("x"),
        json!([]),
        json!({}),
        json!({"target": "smithy.api#Unit"}),
        json!({"type": "list", "member": {"target": "ex#Nope"}}),
        json!({"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}}),
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let mut outcomes = [0usize; 2];
    for round in 0..300 {
        let mut model: Value = serde_json::from_str(fixtures[round % 2]).unwrap();
        for _ in 0..3 {
            let mut node = &mut model;
            for _ in 0..6 {
                let keys: Vec<String> = match node.as_object() {
                    Some(o) if !o.is_empty() => o.keys().cloned().collect(),
                    _ => break,
                };
                let key = keys[next(keys.len())].clone();
                if next(3) == 0 {
                    node[key.as_str()] = replacements[next(replacements.len())].clone();
                    break;
                }
                node = &mut node[key.as_str()];
            }
        }
        let result = std::panic::catch_unwind(|| generate(&model));
        match result {
            Ok(Ok(_)) => outcomes[0] += 1,
            Ok(Err(e)) => {
                assert!(!e.to_string().is_empty());
                outcomes[1] += 1;
            }
            Err(_) => panic!("generator panicked on mutated model (round {round}): {model}"),
        }
    }
    assert!(
        outcomes[1] > 0,
        "mutations never produced an error: {outcomes:?}"
    );
}
