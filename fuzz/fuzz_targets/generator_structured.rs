//! The generator on structure-aware mutations of the fixture models: shapes
//! removed, retargeted, retyped, traits added, changed and removed, members
//! renamed and added.
//!
//! Besides the `generator` target's checks: an error caused by a shape names
//! a shape of the model (its id), unless it is about the model as a whole
//! (which service, which protocol).

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};

const FIXTURES: &[&str] = &[
    include_str!("../../codegen/tests/fixtures/kitchen_sink.json"),
    include_str!("../../codegen/tests/fixtures/legacy_v1.json"),
    include_str!("../../codegen/tests/fixtures/unseen_models.json"),
];

const TYPES: &[&str] = &[
    "blob",
    "boolean",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "enum",
    "intEnum",
    "list",
    "set",
    "map",
    "structure",
    "union",
    "service",
    "operation",
    "resource",
    "member",
    "apply",
    "unknown",
];

const TRAITS: &[&str] = &[
    "smithy.api#required",
    "smithy.api#default",
    "smithy.api#enumValue",
    "smithy.api#jsonName",
    "smithy.api#timestampFormat",
    "smithy.api#idempotencyToken",
    "smithy.api#error",
    "smithy.api#httpError",
    "smithy.api#documentation",
    "smithy.api#sparse",
    "smithy.api#hostLabel",
    "smithy.api#endpoint",
    "smithy.api#streaming",
    "smithy.api#input",
    "smithy.api#output",
    "smithy.api#mixin",
    "smithy.api#enum",
    "smithy.api#range",
    "smithy.api#length",
    "smithy.api#deprecated",
    "smithy.api#paginated",
    "smithy.api#retryable",
    "smithy.api#clientOptional",
    "smithy.api#addedDefault",
    "smithy.api#title",
    "aws.api#service",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#awsQueryCompatible",
    "aws.protocols#awsQueryError",
    "aws.auth#sigv4",
    "smithy.rules#endpointRuleSet",
    "smithy.rules#contextParam",
    "smithy.rules#staticContextParams",
    "smithy.rules#clientContextParams",
    "smithy.waiters#waitable",
];

#[derive(Arbitrary, Debug)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    ShapeId(u16),
    EmptyObject,
    EmptyList,
    Pair(String, Box<Json>),
    List(Vec<Json>),
}

impl Json {
    fn value(&self, ids: &[String]) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => json!(b),
            Json::Int(i) => json!(i),
            Json::Float(f) => json!(f),
            Json::Text(s) => json!(s),
            Json::ShapeId(i) => json!(pick(ids, *i)),
            Json::EmptyObject => json!({}),
            Json::EmptyList => json!([]),
            Json::Pair(k, v) => json!({ k: v.value(ids) }),
            Json::List(items) => Value::Array(items.iter().map(|v| v.value(ids)).collect()),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Mutation {
    RemoveShape(u16),
    Retype {
        shape: u16,
        kind: u8,
    },
    Retarget {
        shape: u16,
        member: u8,
        target: u16,
    },
    RemoveTrait {
        shape: u16,
        index: u8,
    },
    SetTrait {
        shape: u16,
        member: Option<u8>,
        name: u8,
        value: Json,
    },
    RenameMember {
        shape: u16,
        member: u8,
        name: String,
    },
    AddMember {
        shape: u16,
        name: String,
        target: u16,
    },
    SetField {
        shape: u16,
        field: String,
        value: Json,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    fixture: u8,
    mutations: Vec<Mutation>,
}

fn pick<T: Clone>(items: &[T], index: impl Into<usize>) -> T {
    items[index.into() % items.len()].clone()
}

fn shape<'a>(
    shapes: &'a mut Map<String, Value>,
    ids: &[String],
    i: u16,
) -> Option<&'a mut Map<String, Value>> {
    shapes.get_mut(&pick(ids, i))?.as_object_mut()
}

/// The key at `i` (modulo the length) of a JSON object.
fn nth_key(map: &Map<String, Value>, i: usize) -> Option<String> {
    map.keys().nth(i % map.len().max(1)).cloned()
}

fn member(shape: &mut Map<String, Value>, i: u8) -> Option<&mut Map<String, Value>> {
    let members = shape.get_mut("members")?.as_object_mut()?;
    let name = nth_key(members, usize::from(i))?;
    members.get_mut(&name)?.as_object_mut()
}

fn apply(shapes: &mut Map<String, Value>, ids: &[String], mutation: &Mutation) {
    match mutation {
        Mutation::RemoveShape(i) => {
            shapes.remove(&pick(ids, *i));
        }
        Mutation::Retype { shape: i, kind } => {
            if let Some(s) = shape(shapes, ids, *i) {
                s.insert("type".into(), json!(pick(TYPES, *kind)));
            }
        }
        Mutation::Retarget {
            shape: i,
            member: m,
            target,
        } => {
            let target = pick(ids, *target);
            if let Some(member) = shape(shapes, ids, *i).and_then(|s| member(s, *m)) {
                member.insert("target".into(), json!(target));
            }
        }
        Mutation::RemoveTrait { shape: i, index } => {
            if let Some(traits) = shape(shapes, ids, *i)
                .and_then(|s| s.get_mut("traits"))
                .and_then(Value::as_object_mut)
                && let Some(name) = nth_key(traits, usize::from(*index))
            {
                traits.remove(&name);
            }
        }
        Mutation::SetTrait {
            shape: i,
            member: m,
            name,
            value,
        } => {
            let value = value.value(ids);
            let Some(s) = shape(shapes, ids, *i) else {
                return;
            };
            let holder = match m {
                Some(m) => match member(s, *m) {
                    Some(member) => member,
                    None => return,
                },
                None => s,
            };
            let traits = holder.entry("traits").or_insert_with(|| json!({}));
            if let Some(traits) = traits.as_object_mut() {
                traits.insert(pick(TRAITS, *name).to_owned(), value);
            }
        }
        Mutation::RenameMember {
            shape: i,
            member: m,
            name,
        } => {
            if let Some(members) = shape(shapes, ids, *i)
                .and_then(|s| s.get_mut("members"))
                .and_then(Value::as_object_mut)
                && let Some(old) = nth_key(members, usize::from(*m))
                && let Some(value) = members.remove(&old)
            {
                members.insert(name.clone(), value);
            }
        }
        Mutation::AddMember {
            shape: i,
            name,
            target,
        } => {
            let target = pick(ids, *target);
            if let Some(s) = shape(shapes, ids, *i) {
                let members = s.entry("members").or_insert_with(|| json!({}));
                if let Some(members) = members.as_object_mut() {
                    members.insert(name.clone(), json!({ "target": target }));
                }
            }
        }
        Mutation::SetField {
            shape: i,
            field,
            value,
        } => {
            let value = value.value(ids);
            if let Some(s) = shape(shapes, ids, *i) {
                s.insert(field.clone(), value);
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let Ok(mut model) = serde_json::from_str::<Value>(pick(FIXTURES, input.fixture)) else {
        panic!("a fixture model is not JSON");
    };
    let Some(shapes) = model.get_mut("shapes").and_then(Value::as_object_mut) else {
        panic!("a fixture model has no shapes");
    };
    let ids: Vec<String> = shapes.keys().cloned().collect();
    for mutation in input.mutations.iter().take(16) {
        apply(shapes, &ids, mutation);
    }
    let text = model.to_string();
    match awsgen_codegen::Config::from_json(text, "<fuzz>").generate_single_file() {
        Ok(code) => assert!(code.contains("@generated")),
        Err(awsgen_codegen::Error::Format { file, message }) => {
            panic!("the generator emitted Rust that does not parse, in {file}: {message}")
        }
        Err(
            error @ (awsgen_codegen::Error::Service(_)
            | awsgen_codegen::Error::UnsupportedProtocol { .. }),
        ) => {
            assert!(!error.to_string().is_empty());
        }
        Err(error) => {
            // Every shape id (`namespace#Name`, `namespace#Name$member`) has a `#`.
            let message = error.to_string();
            assert!(message.contains('#'), "the error names no shape: {message}");
        }
    }
});
