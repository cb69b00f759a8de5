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
    let named = Config::from_json(m.to_string(), "t")
        .operation("Op")
        .resolve();
    assert!(
        named
            .unwrap_err()
            .to_string()
            .contains("`smithy.api#streaming`")
    );
    let krate = Config::from_json(m.to_string(), "t").resolve().unwrap();
    assert_eq!(krate.omitted[0].shape, "ex#Stream");
    // Excluded by name, it is neither generated nor reported.
    let krate = Config::from_json(m.to_string(), "t")
        .exclude_operation("Op")
        .resolve()
        .unwrap();
    assert!(krate.operations.is_empty() && krate.omitted.is_empty());
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

    // A default the generator cannot represent is an error naming the member,
    // never a silent fallback in the generated code.
    for (target, default, why) in [
        (
            "smithy.api#Blob",
            json!("not base64!"),
            "is not valid base64",
        ),
        ("smithy.api#Blob", json!("aGk"), "is not valid base64"),
        ("smithy.api#Byte", json!(300), "is not an integer that fits"),
        (
            "smithy.api#Timestamp",
            json!("soon"),
            "is not epoch seconds",
        ),
    ] {
        let mut m = base();
        m["shapes"]["ex#In"]["members"]["d"] = json!({"target": target, "traits": {
            "smithy.api#default": default, "smithy.api#required": {}}});
        let err = error_of(m);
        assert!(
            err.starts_with("shape `ex#In$d` has trait `smithy.api#default`") && err.contains(why),
            "{err}"
        );
    }
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["d"] = json!({"target": "smithy.api#Blob", "traits": {
        "smithy.api#default": "aGk=", "smithy.api#required": {}}});
    assert!(
        generate(&m)
            .unwrap()
            .contains("Blob::new(::std::vec![104, 105])")
    );

    let mut m = base();
    m["shapes"]["ex#In"]["mixins"] = json!([{"target": "ex#M"}]);
    m["shapes"]["ex#M"] =
        json!({"type": "structure", "mixins": [{"target": "ex#In"}], "members": {}});
    assert!(error_of(m).contains("mixin cycle"));

    // A list of date-time timestamps goes through the runtime's adapter.
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["l"] = json!({"target": "ex#Stamps"});
    m["shapes"]["ex#Stamps"] = json!({"type": "list", "member": {
        "target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}}});
    let code = generate(&m).unwrap();
    assert!(
        code.contains("::awsgen_runtime::serde_as::DateTimeAs,"),
        "{code}"
    );

    // Unsupported: named, the operation is an error; in a whole service, it is
    // left out with the reason.
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["e"] = json!({"target": "ex#Events"});
    m["shapes"]["ex#Events"] = json!({"type": "union", "traits": {"smithy.api#streaming": {}},
        "members": {"a": {"target": "smithy.api#String"}}});
    let named = Config::from_json(m.to_string(), "t")
        .operation("Op")
        .resolve();
    assert!(
        named
            .unwrap_err()
            .to_string()
            .contains("event streams (streaming unions) are not supported yet")
    );
    let krate = Config::from_json(m.to_string(), "t").resolve().unwrap();
    assert!(krate.operations.is_empty());
    assert_eq!(krate.omitted.len(), 1);
    assert_eq!(
        krate.omitted[0].to_string(),
        "operation `Op` left out: shape `ex#Events` needs `smithy.api#streaming`: \
         event streams (streaming unions) are not supported yet"
    );
}

#[test]
fn unsupported_protocol() {
    let mut m = base();
    m["shapes"]["ex#Svc"]["traits"] = json!({"aws.protocols#restXml": {}});
    assert_eq!(
        error_of(m),
        "service `ex#Svc` has no supported protocol trait (found: aws.protocols#restXml); \
         supported: aws.protocols#awsJson1_0, aws.protocols#awsJson1_1"
    );
}

#[test]
fn service_renames_are_identifiers() {
    let mut m = base();
    m["shapes"]["ex#Svc"]["rename"] = json!({"ex#In": "not valid"});
    assert_eq!(
        error_of(m.clone()),
        "shape `ex#Svc`: renames `ex#In` to \"not valid\", which is not a shape id and an identifier"
    );
    m["shapes"]["ex#Svc"]["rename"] = json!({"ex#In": "Request"});
    let code = generate(&m).unwrap();
    assert!(code.contains("pub struct Request"), "{code}");
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
        "service `ex#Svc` has no operation named `Nope`; did you mean `Op`?"
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

#[test]
fn collection_cycles_and_map_keys() {
    // A list whose member is the list itself: no structure breaks the cycle.
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["l"] = json!({"target": "ex#Loop"});
    m["shapes"]["ex#Loop"] = json!({"type": "list", "member": {"target": "ex#Loop"}});
    assert_eq!(
        error_of(m),
        "shape `ex#Loop`: is part of a cycle of lists and maps that no structure or union \
         breaks: ex#Loop -> ex#Loop"
    );

    let mut m = base();
    m["shapes"]["ex#In"]["members"]["m"] = json!({"target": "ex#A"});
    m["shapes"]["ex#A"] =
        json!({"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ex#B"}});
    m["shapes"]["ex#B"] = json!({"type": "list", "member": {"target": "ex#A"}});
    assert!(error_of(m).contains("ex#A -> ex#B -> ex#A"));

    // Recursion through a structure is fine.
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["l"] = json!({"target": "ex#Nodes"});
    m["shapes"]["ex#Nodes"] = json!({"type": "list", "member": {"target": "ex#In"}});
    assert!(generate(&m).is_ok());

    // A chain of nested lists far deeper than any model needs.
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["l"] = json!({"target": "ex#L0"});
    for i in 0..10_000 {
        m["shapes"][format!("ex#L{i}")] =
            json!({"type": "list", "member": {"target": format!("ex#L{}", i + 1)}});
    }
    m["shapes"]["ex#L10000"] = json!({"type": "string"});
    assert!(error_of(m).contains("nests lists and maps more than 32 deep"));

    let mut m = base();
    m["shapes"]["ex#In"]["members"]["m"] = json!({"target": "ex#ByStruct"});
    m["shapes"]["ex#ByStruct"] = json!({"type": "map", "key": {"target": "ex#In"}, "value": {"target": "smithy.api#String"}});
    assert_eq!(
        error_of(m),
        "shape `ex#ByStruct$key`: targets `ex#In`; map keys must target a string or enum shape"
    );
}

#[test]
fn identifiers_follow_smithy() {
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["bad-name"] = json!({"target": "smithy.api#String"});
    assert!(error_of(m).starts_with(
        "shape `ex#In`: has a member named `bad-name`, which is not a Smithy identifier"
    ));
    for id in ["ex#1Up", "ex.#X", "e x#Y", "ex#A$b", "ex#_"] {
        let mut m = base();
        m["shapes"][id] = json!({"type": "string"});
        let err = error_of(m);
        assert!(
            err.contains(&format!("shape id `{id}` is not a valid Smithy shape id")),
            "{id}: {err}"
        );
    }
}

#[test]
fn mixins_resolve_in_linear_time() {
    // A chain of 10,000 mixins (which used to overflow the stack) and diamonds
    // 30 deep (which used to take exponential time) resolve at once.
    let mut m = base();
    m["shapes"]["ex#In"]["mixins"] = json!([{"target": "ex#M0"}]);
    for i in 0..10_000 {
        m["shapes"][format!("ex#M{i}")] = json!({
            "type": "structure", "mixins": [{"target": format!("ex#M{}", i + 1)}],
            "members": {format!("m{i}"): {"target": "smithy.api#String"}},
            "traits": {"smithy.api#mixin": {}}
        });
    }
    m["shapes"]["ex#M10000"] =
        json!({"type": "structure", "members": {}, "traits": {"smithy.api#mixin": {}}});
    let krate = Config::from_json(m.to_string(), "chain").resolve().unwrap();
    let awsgen_codegen::ir::TypeDef::Struct(input) = &krate.types[0] else {
        panic!("the input is a structure");
    };
    assert_eq!(input.fields.len(), 10_001);

    let mut m = base();
    m["shapes"]["ex#In"]["mixins"] = json!([{"target": "ex#D0"}]);
    for i in 0..30 {
        let next = format!("ex#D{}", i + 1);
        m["shapes"][format!("ex#D{i}")] = json!({
            "type": "structure", "members": {},
            "mixins": [{"target": format!("ex#L{i}")}, {"target": format!("ex#R{i}")}],
            "traits": {"smithy.api#mixin": {}}
        });
        for side in ["L", "R"] {
            m["shapes"][format!("ex#{side}{i}")] = json!({
                "type": "structure", "members": {}, "mixins": [{"target": next}],
                "traits": {"smithy.api#mixin": {}}
            });
        }
    }
    m["shapes"]["ex#D30"] = json!({
        "type": "structure", "members": {"deep": {"target": "smithy.api#String"}},
        "traits": {"smithy.api#mixin": {}}
    });
    let krate = Config::from_json(m.to_string(), "diamond")
        .resolve()
        .unwrap();
    let awsgen_codegen::ir::TypeDef::Struct(input) = &krate.types[0] else {
        panic!("the input is a structure");
    };
    // The member reached through 2^30 paths appears once.
    let names: Vec<&str> = input.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(names, ["deep", "name"]);
}

#[test]
fn deep_nesting_is_an_error_or_a_result_never_an_overflow() {
    // 100,000 levels of JSON: the JSON error, at the depth where parsing stops.
    for deep in ["[".repeat(100_000), r#"{"a":"#.repeat(100_000)] {
        let error = Config::from_json(deep, "deep.json")
            .generate_single_file()
            .unwrap_err();
        assert!(
            matches!(&error, Error::Json { message, .. } if message.contains("recursion limit")),
            "{error}"
        );
    }

    // Documentation nested 100,000 tags deep (HTML is not JSON: no limit there).
    let mut m = base();
    let nested = format!(
        "{}text{}",
        "<ul><li>".repeat(50_000),
        "</li></ul>".repeat(50_000)
    );
    m["shapes"]["ex#In"]["traits"] = json!({"smithy.api#documentation": nested});
    m["shapes"]["ex#Op"]["traits"] = json!({"smithy.api#documentation": "<p><b>".repeat(50_000)});
    generate(&m).unwrap();

    // Collections nested 2,000 deep: refused past 32, naming the shape.
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["lists"] = json!({"target": "ex#L0"});
    for i in 0..2_000 {
        let (list, next) = (format!("ex#L{i}"), format!("ex#L{}", i + 1));
        m["shapes"][list] = json!({"type": "list", "member": {"target": next}});
    }
    m["shapes"]["ex#L2000"] = json!({"type": "list", "member": {"target": "smithy.api#String"}});
    assert_eq!(
        error_of(m),
        "shape `ex#L32`: nests lists and maps more than 32 deep"
    );

    // A chain of 1,000 structures: generated.
    let mut m = base();
    m["shapes"]["ex#In"]["members"]["chain"] = json!({"target": "ex#S0"});
    for i in 0..1_000 {
        let (structure, next) = (format!("ex#S{i}"), format!("ex#S{}", i + 1));
        m["shapes"][structure] =
            json!({"type": "structure", "members": {"next": {"target": next}}});
    }
    m["shapes"]["ex#S1000"] = json!({"type": "structure", "members": {}});
    assert!(generate(&m).unwrap().contains("pub struct S999"));
}

#[test]
fn messages_say_what_is_wrong() {
    let mut m = base();
    m["smithy"] = json!(2.0);
    assert_eq!(
        error_of(m),
        "test.json: the `smithy` version must be a string such as \"2.0\", not 2.0"
    );
    let mut m = base();
    m["shapes"]["ex#In"]["type"] = json!(["structure"]);
    assert_eq!(
        error_of(m),
        "shape `ex#In`: has a `type` that is not a string: [\"structure\"]"
    );
    let bom = format!("\u{feff}{}", base());
    let err = Config::from_json(bom, "bom.json").resolve().unwrap_err();
    assert!(
        err.to_string()
            .starts_with("bom.json: starts with a UTF-8 byte-order mark"),
        "{err}"
    );

    let dir = std::env::temp_dir().join(format!("awsgen-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("latin1.json");
    std::fs::write(&path, b"{\"smithy\": \"2.0\", \"x\": \"caf\xe9\"}").unwrap();
    let err = Config::new(&path).resolve().unwrap_err().to_string();
    assert!(
        err.ends_with("is not UTF-8 text: invalid byte at offset 27"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let mut m = base();
    m["shapes"]["ex#Other"] = json!({"type": "service", "version": "1"});
    let err = error_of(m);
    assert!(
        err.contains(
            "choose one with `--service NAME` (awsgen) or `Config::service(NAME)` (build.rs)"
        ),
        "{err}"
    );
}

/// `base()` with `ex#Op` paginated by `trait_value` over an input with
/// `token` and `size` and an output with `next` (a string), `page.next` and
/// `page.items` (a list).
fn paginated(trait_value: Value) -> Value {
    let mut model = base();
    let shapes = &mut model["shapes"];
    shapes["ex#Op"]["traits"] = json!({"smithy.api#paginated": trait_value});
    shapes["ex#Op"]["output"] = json!({"target": "ex#Out"});
    shapes["ex#In"]["members"] = json!({
        "token": {"target": "smithy.api#String"},
        "size": {"target": "smithy.api#Integer"},
        "label": {"target": "smithy.api#Boolean"}
    });
    shapes["ex#Out"] = json!({"type": "structure", "members": {
        "next": {"target": "smithy.api#String"},
        "page": {"target": "ex#Page"}
    }});
    shapes["ex#Page"] = json!({"type": "structure", "members": {
        "next": {"target": "smithy.api#String"},
        "items": {"target": "ex#Names"},
        "count": {"target": "smithy.api#Integer"}
    }});
    shapes["ex#Names"] = json!({"type": "list", "member": {"target": "smithy.api#String"}});
    model
}

#[test]
fn paginators_follow_the_trait_and_the_service_default() {
    let code = generate(&paginated(json!({
        "inputToken": "token", "outputToken": "page.next", "items": "page.items", "pageSize": "size"
    })))
    .unwrap();
    assert!(code.contains("pub fn op_pages("), "{code}");
    assert!(code.contains("pub fn op_items("), "{code}");
    assert!(code.contains(".and_then(|v| v.next.as_ref())"), "{code}");
    // The service's trait gives what the operation's leaves out.
    let mut model = paginated(json!({"items": "page.items"}));
    model["shapes"]["ex#Svc"]["traits"]["smithy.api#paginated"] =
        json!({"inputToken": "token", "outputToken": "next", "pageSize": "size"});
    let code = generate(&model).unwrap();
    assert!(
        code.contains("output: |output| output.next.as_ref()"),
        "{code}"
    );
    assert!(
        code.contains("input.size = ::std::option::Option::Some(size)"),
        "{code}"
    );
}

#[test]
fn paginator_paths_the_generator_cannot_follow_name_the_operation() {
    let cases = [
        (
            json!({"items": "page.items"}),
            "names no `inputToken` and `outputToken`",
        ),
        (
            json!({"inputToken": 3, "outputToken": "next"}),
            "member `inputToken` is 3",
        ),
        (
            json!({"inputToken": "nope", "outputToken": "next"}),
            "inputToken `nope`: `nope` is not a member of `ex#In`",
        ),
        (
            json!({"inputToken": "token", "outputToken": "page.nope"}),
            "outputToken `page.nope`: `nope` is not a member of `ex#Page`",
        ),
        (
            json!({"inputToken": "token", "outputToken": "next.more"}),
            "`more` follows a member that is not a structure",
        ),
        (
            json!({"inputToken": "label", "outputToken": "next"}),
            "inputToken `label` is neither a string nor a map",
        ),
        (
            json!({"inputToken": "token", "outputToken": "page.count"}),
            "outputToken `page.count` has another type than inputToken `token`",
        ),
        (
            json!({"inputToken": "token", "outputToken": "next", "items": "page.next"}),
            "items `page.next` is neither a list nor a map",
        ),
        (
            json!({"inputToken": "token", "outputToken": "next", "pageSize": "token"}),
            "pageSize `token` is not an integer member of the input",
        ),
    ];
    for (trait_value, expected) in cases {
        let message = error_of(paginated(trait_value.clone()));
        assert!(
            message.contains("shape `ex#Op`"),
            "{trait_value}: {message}"
        );
        assert!(message.contains(expected), "{trait_value}: {message}");
    }
}

#[test]
fn paginator_methods_collide_with_operations_by_name() {
    let mut model = paginated(json!({"inputToken": "token", "outputToken": "next"}));
    model["shapes"]["ex#Svc"]["operations"] =
        json!([{"target": "ex#Op"}, {"target": "ex#OpPages"}]);
    model["shapes"]["ex#OpPages"] = json!({"type": "operation"});
    let message = error_of(model);
    assert!(message.contains("op_pages"), "{message}");
    assert!(
        message.contains("ex#OpPages") && message.contains("ex#Op"),
        "{message}"
    );
}

/// `paginated(..)`'s model with one waiter `Ready` on `ex#Op` whose one
/// acceptor has `matcher`.
fn waitable(matcher: Value) -> Value {
    let mut model = paginated(json!({"inputToken": "token", "outputToken": "next"}));
    model["shapes"]["ex#Op"]["traits"]["smithy.waiters#waitable"] = json!({
        "Ready": {"acceptors": [{"state": "success", "matcher": matcher}]}
    });
    model
}

fn output_path(path: &str, comparator: &str, expected: &str) -> Value {
    json!({"output": {"path": path, "comparator": comparator, "expected": expected}})
}

#[test]
fn waiters_compile_their_paths() {
    let code = generate(&waitable(output_path(
        "length(page.items[?@ != 'x']) > `1` && page.count < `3`",
        "booleanEquals",
        "true",
    )))
    .unwrap();
    assert!(code.contains("pub async fn wait_until_ready("), "{code}");
    assert!(code.contains("pub const READY:"), "{code}");
    assert!(code.contains(".filter(|&x| x.as_str() != \"x\")"), "{code}");
}

#[test]
fn waiter_paths_the_generator_cannot_compile_name_the_waiter_and_the_path() {
    let cases = [
        (
            output_path("page.nope", "stringEquals", "x"),
            "path `page.nope`: `nope` is not a member of `ex#Page`",
        ),
        (
            output_path("page.items", "stringEquals", "x"),
            "the value is a list, not a string, number or boolean",
        ),
        (
            output_path("page.count", "stringEquals", "x"),
            "`stringEquals` compares a string",
        ),
        (
            output_path("page.items | [?@ == 'x'] | page", "stringEquals", "x"),
            "`page` is read from a projection, not a structure",
        ),
        (
            output_path("page.items[].count", "anyStringEquals", "x"),
            "`count` is read from a string, not a structure",
        ),
        (
            output_path("next", "allStringEquals", "x"),
            "a string is not a list",
        ),
        (
            output_path("page.count == 'x'", "booleanEquals", "true"),
            "a comparison's sides have different types",
        ),
        (
            output_path("next < 'x'", "booleanEquals", "true"),
            "`<`, `<=`, `>` and `>=` compare numbers",
        ),
        (
            output_path("page.items[0]", "stringEquals", "x"),
            "indexes (`[0]`) are not supported",
        ),
        (
            output_path("{a: next}", "stringEquals", "x"),
            "multiselect hashes",
        ),
        (
            output_path("sort(page.items)", "anyStringEquals", "x"),
            "function `sort` with 1 arguments is not supported",
        ),
        (
            output_path("page.items[?", "anyStringEquals", "x"),
            "path `page.items[?`: unexpected Eof",
        ),
        (
            output_path("page.count == `1`", "booleanEquals", "yes"),
            "`booleanEquals` expects `yes`",
        ),
        (
            output_path("next", "sameAs", "x"),
            "comparator `sameAs` is unknown",
        ),
        (
            json!({"inputOutput": {"path": "inputs.token", "comparator": "stringEquals", "expected": "x"}}),
            "`inputs` is neither `input` nor `output`",
        ),
        (json!({"errorType": 3}), "`errorType` is not a string"),
        (json!({"nope": true}), "matcher `nope` is unknown"),
    ];
    for (matcher, expected) in cases {
        let message = error_of(waitable(matcher.clone()));
        assert!(
            message.contains("shape `ex#Op`") && message.contains("waiter `Ready` acceptor 0"),
            "{matcher}: {message}"
        );
        assert!(message.contains(expected), "{matcher}: {message}");
    }
}

#[test]
fn malformed_waiters_name_the_operation() {
    let mut model = waitable(json!({"success": true}));
    model["shapes"]["ex#Op"]["traits"]["smithy.waiters#waitable"]["Ready"]["minDelay"] = json!(9);
    model["shapes"]["ex#Op"]["traits"]["smithy.waiters#waitable"]["Ready"]["maxDelay"] = json!(3);
    let message = error_of(model);
    assert!(
        message.contains("shape `ex#Op`: `smithy.waiters#waitable` waiter `Ready` has maxDelay 3 below minDelay 9"),
        "{message}"
    );
    let mut model = waitable(json!({"success": true}));
    model["shapes"]["ex#Op"]["traits"]["smithy.waiters#waitable"]["Ready"]["acceptors"] = json!([]);
    assert!(error_of(model).contains("waiter `Ready` has no acceptors"));
}
