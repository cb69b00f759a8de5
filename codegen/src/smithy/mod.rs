//! Stage 1, parse: a typed mirror of the Smithy JSON AST.
//!
//! Input: model JSON text. Output: [`Model`], every shape keyed by its absolute id
//! (`namespace#Name`), members in model order, traits as raw JSON values. Nothing
//! is validated beyond the AST's own structure here; references are checked by
//! `resolve`. Smithy 1.0 models are read too: `set` becomes a list with unique
//! items, and string shapes with the `smithy.api#enum` trait stay strings here
//! (`resolve` turns them into enums).

mod prelude;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{Error, Result};

pub use prelude::prelude_kind;

/// A parsed model: the shapes it defines (prelude shapes are implied).
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Shapes by absolute id, sorted (so iteration is deterministic).
    pub shapes: BTreeMap<String, Shape>,
}

/// One shape of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The absolute shape id.
    pub id: String,
    /// The shape type and its references.
    pub kind: ShapeKind,
    /// Traits by absolute trait id.
    pub traits: Traits,
    /// Mixins this shape applies, already merged into `kind` and `traits` by [`Model::parse`].
    pub mixins: Vec<String>,
}

/// Shape types, with the references each one holds.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    /// A simple shape: `string`, `integer`, `timestamp`, `blob`, ...
    Simple(SimpleKind),
    /// `enum` (Smithy 2.0): members whose `smithy.api#enumValue` is the wire value.
    Enum(Vec<Member>),
    /// `intEnum` (Smithy 2.0).
    IntEnum(Vec<Member>),
    /// `list` (and Smithy 1.0 `set`).
    List(Member),
    /// `map`.
    Map {
        /// The key member.
        key: Member,
        /// The value member.
        value: Member,
    },
    /// `structure`.
    Structure(Vec<Member>),
    /// `union`.
    Union(Vec<Member>),
    /// `operation`.
    Operation {
        /// Input shape, if any (absent or `smithy.api#Unit` means none).
        input: Option<String>,
        /// Output shape, if any.
        output: Option<String>,
        /// Error shapes.
        errors: Vec<String>,
    },
    /// `service`.
    Service {
        /// The service version (`2016-11-28`).
        version: String,
        /// Operations bound directly to the service.
        operations: Vec<String>,
        /// Resources bound to the service.
        resources: Vec<String>,
    },
    /// `resource`: only its operations matter for selection.
    Resource {
        /// Every operation the resource binds (lifecycle and others).
        operations: Vec<String>,
        /// Child resources.
        resources: Vec<String>,
    },
}

/// The simple shape types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimpleKind {
    /// `blob`
    Blob,
    /// `boolean`
    Boolean,
    /// `string`
    String,
    /// `byte`
    Byte,
    /// `short`
    Short,
    /// `integer`
    Integer,
    /// `long`
    Long,
    /// `float`
    Float,
    /// `double`
    Double,
    /// `bigInteger`
    BigInteger,
    /// `bigDecimal`
    BigDecimal,
    /// `timestamp`
    Timestamp,
    /// `document`
    Document,
}

/// A member: a named reference to a target shape, with traits.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member name as in the model (`distributionName`).
    pub name: String,
    /// The absolute id of the target shape.
    pub target: String,
    /// The member's own traits.
    pub traits: Traits,
}

/// Traits by absolute id, values as in the model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Traits(pub BTreeMap<String, Value>);

impl Traits {
    /// The value of a trait, if present.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }

    /// Whether a trait is present.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// A string-valued trait (`smithy.api#documentation`, `smithy.api#enumValue`).
    pub fn string(&self, id: &str) -> Option<&str> {
        self.get(id).and_then(Value::as_str)
    }

    /// The `smithy.api#documentation` text.
    pub fn docs(&self) -> Option<&str> {
        self.string("smithy.api#documentation")
    }
}

impl Model {
    /// Parses Smithy JSON AST text; `origin` names it in errors (a path or `<memory>`).
    pub fn parse(text: &str, origin: &str) -> Result<Model> {
        let root: Value = serde_json::from_str(text).map_err(|e| Error::Json {
            origin: origin.to_owned(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        })?;
        let malformed = |problem: String| Error::Malformed {
            origin: origin.to_owned(),
            problem,
        };
        let root = root
            .as_object()
            .ok_or_else(|| malformed("the model is not a JSON object".into()))?;
        match root.get("smithy").and_then(Value::as_str) {
            Some(v) if v.starts_with("1.") || v.starts_with("2.") || v == "1" || v == "2" => {}
            Some(v) => return Err(malformed(format!("unsupported Smithy version `{v}`"))),
            None => return Err(malformed("missing the `smithy` version key".into())),
        }
        let mut shapes = BTreeMap::new();
        if let Some(raw) = root.get("shapes") {
            let raw = raw
                .as_object()
                .ok_or_else(|| malformed("`shapes` is not an object".into()))?;
            for (id, value) in raw {
                if !id.contains('#') {
                    return Err(malformed(format!("shape id `{id}` has no namespace")));
                }
                shapes.insert(id.clone(), parse_shape(id, value)?);
            }
        }
        apply_mixins(&mut shapes)?;
        Ok(Model { shapes })
    }
}

/// Merges mixins into the shapes that use them: mixin members come first (in
/// mixin order), a local member of the same name only adds traits, and mixin
/// traits are inherited except `smithy.api#mixin` itself.
fn apply_mixins(shapes: &mut BTreeMap<String, Shape>) -> Result<()> {
    let ids: Vec<String> = shapes
        .values()
        .filter(|s| !s.mixins.is_empty())
        .map(|s| s.id.clone())
        .collect();
    for id in ids {
        let mut visiting = Vec::new();
        let merged = merged_shape(shapes, &id, &mut visiting)?;
        shapes.insert(id, merged);
    }
    Ok(())
}

fn merged_shape(
    shapes: &BTreeMap<String, Shape>,
    id: &str,
    visiting: &mut Vec<String>,
) -> Result<Shape> {
    let shape = shapes.get(id).ok_or_else(|| Error::DanglingTarget {
        id: visiting.last().cloned().unwrap_or_default(),
        target: id.to_owned(),
    })?;
    if visiting.iter().any(|v| v == id) {
        return Err(shape_error(id, "mixes itself in (a mixin cycle)"));
    }
    visiting.push(id.to_owned());
    let mut members: Vec<Member> = Vec::new();
    let mut traits = Traits::default();
    for mixin in &shape.mixins {
        let mixin = merged_shape(shapes, mixin, visiting)?;
        for (k, v) in mixin.traits.0 {
            if k != "smithy.api#mixin" {
                traits.0.insert(k, v);
            }
        }
        members.extend(own_members(&mixin.kind).iter().cloned());
    }
    visiting.pop();
    for local in own_members(&shape.kind) {
        match members.iter_mut().find(|m| m.name == local.name) {
            Some(inherited) => inherited.traits.0.extend(local.traits.0.clone()),
            None => members.push(local.clone()),
        }
    }
    traits.0.extend(shape.traits.0.clone());
    let kind = match &shape.kind {
        ShapeKind::Structure(_) => ShapeKind::Structure(members),
        ShapeKind::Union(_) => ShapeKind::Union(members),
        ShapeKind::Enum(_) => ShapeKind::Enum(members),
        ShapeKind::IntEnum(_) => ShapeKind::IntEnum(members),
        other => other.clone(),
    };
    Ok(Shape {
        id: id.to_owned(),
        kind,
        traits,
        mixins: Vec::new(),
    })
}

fn own_members(kind: &ShapeKind) -> &[Member] {
    match kind {
        ShapeKind::Structure(m)
        | ShapeKind::Union(m)
        | ShapeKind::Enum(m)
        | ShapeKind::IntEnum(m) => m,
        _ => &[],
    }
}

/// serde_json appends " at line L column C"; the error already carries both.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

fn shape_error(id: &str, problem: impl Into<String>) -> Error {
    Error::Malformed {
        origin: format!("shape `{id}`"),
        problem: problem.into(),
    }
}

fn parse_shape(id: &str, value: &Value) -> Result<Shape> {
    let obj = value
        .as_object()
        .ok_or_else(|| shape_error(id, "is not a JSON object"))?;
    let kind_name = obj
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| shape_error(id, "has no `type`"))?;
    let kind = match kind_name {
        "blob" => ShapeKind::Simple(SimpleKind::Blob),
        "boolean" => ShapeKind::Simple(SimpleKind::Boolean),
        "string" => ShapeKind::Simple(SimpleKind::String),
        "byte" => ShapeKind::Simple(SimpleKind::Byte),
        "short" => ShapeKind::Simple(SimpleKind::Short),
        "integer" => ShapeKind::Simple(SimpleKind::Integer),
        "long" => ShapeKind::Simple(SimpleKind::Long),
        "float" => ShapeKind::Simple(SimpleKind::Float),
        "double" => ShapeKind::Simple(SimpleKind::Double),
        "bigInteger" => ShapeKind::Simple(SimpleKind::BigInteger),
        "bigDecimal" => ShapeKind::Simple(SimpleKind::BigDecimal),
        "timestamp" => ShapeKind::Simple(SimpleKind::Timestamp),
        "document" => ShapeKind::Simple(SimpleKind::Document),
        "enum" => ShapeKind::Enum(members(id, obj)?),
        "intEnum" => ShapeKind::IntEnum(members(id, obj)?),
        "list" | "set" => ShapeKind::List(member(id, obj, "member")?),
        "map" => ShapeKind::Map {
            key: member(id, obj, "key")?,
            value: member(id, obj, "value")?,
        },
        "structure" => ShapeKind::Structure(members(id, obj)?),
        "union" => ShapeKind::Union(members(id, obj)?),
        "operation" => ShapeKind::Operation {
            input: optional_target(id, obj, "input")?,
            output: optional_target(id, obj, "output")?,
            errors: targets(id, obj, "errors")?,
        },
        "service" => ShapeKind::Service {
            version: obj
                .get("version")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            operations: targets(id, obj, "operations")?,
            resources: targets(id, obj, "resources")?,
        },
        "resource" => {
            let mut operations = Vec::new();
            for key in ["create", "put", "read", "update", "delete", "list"] {
                operations.extend(optional_target(id, obj, key)?);
            }
            operations.extend(targets(id, obj, "operations")?);
            operations.extend(targets(id, obj, "collectionOperations")?);
            ShapeKind::Resource {
                operations,
                resources: targets(id, obj, "resources")?,
            }
        }
        other => {
            return Err(shape_error(id, format!("has unknown type `{other}`")));
        }
    };
    let mut traits = traits(id, obj)?;
    if kind_name == "set" {
        traits
            .0
            .entry("smithy.api#uniqueItems".to_owned())
            .or_insert(Value::Object(Map::new()));
    }
    let mixins = targets(id, obj, "mixins")?;
    Ok(Shape {
        id: id.to_owned(),
        kind,
        traits,
        mixins,
    })
}

fn traits(id: &str, obj: &Map<String, Value>) -> Result<Traits> {
    match obj.get("traits") {
        None => Ok(Traits::default()),
        Some(Value::Object(map)) => Ok(Traits(
            map.iter()
                .map(|(k, v)| (absolute_trait_id(k), v.clone()))
                .collect(),
        )),
        Some(_) => Err(shape_error(id, "has `traits` that is not an object")),
    }
}

/// Trait ids in the AST are absolute, but tolerate the prelude's short form.
fn absolute_trait_id(id: &str) -> String {
    if id.contains('#') {
        id.to_owned()
    } else {
        format!("smithy.api#{id}")
    }
}

fn target_of(id: &str, what: &str, value: &Value) -> Result<String> {
    value
        .get("target")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| shape_error(id, format!("`{what}` has no string `target`")))
}

fn member(id: &str, obj: &Map<String, Value>, key: &str) -> Result<Member> {
    let value = obj
        .get(key)
        .ok_or_else(|| shape_error(id, format!("has no `{key}` member")))?;
    Ok(Member {
        name: key.to_owned(),
        target: target_of(id, key, value)?,
        traits: traits(
            &format!("{id}${key}"),
            value.as_object().unwrap_or(&Map::new()),
        )?,
    })
}

fn members(id: &str, obj: &Map<String, Value>) -> Result<Vec<Member>> {
    let Some(raw) = obj.get("members") else {
        return Ok(Vec::new());
    };
    let raw = raw
        .as_object()
        .ok_or_else(|| shape_error(id, "has `members` that is not an object"))?;
    raw.iter()
        .map(|(name, value)| {
            let member_id = format!("{id}${name}");
            let obj = value
                .as_object()
                .ok_or_else(|| shape_error(&member_id, "is not a JSON object"))?;
            Ok(Member {
                name: name.clone(),
                target: target_of(&member_id, "member", value)?,
                traits: traits(&member_id, obj)?,
            })
        })
        .collect()
}

fn optional_target(id: &str, obj: &Map<String, Value>, key: &str) -> Result<Option<String>> {
    match obj.get(key) {
        None => Ok(None),
        Some(value) => {
            let target = target_of(id, key, value)?;
            Ok((target != "smithy.api#Unit").then_some(target))
        }
    }
}

fn targets(id: &str, obj: &Map<String, Value>, key: &str) -> Result<Vec<String>> {
    match obj.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items.iter().map(|v| target_of(id, key, v)).collect(),
        Some(_) => Err(shape_error(id, format!("has `{key}` that is not an array"))),
    }
}

/// The namespace-less name of a shape id (`com.amazonaws.lightsail#Foo` -> `Foo`).
pub fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}
