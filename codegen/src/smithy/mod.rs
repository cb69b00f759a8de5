//! Stage 1, parse: a typed mirror of the Smithy JSON AST.
//!
//! Input: model JSON text. Output: [`Model`], every shape keyed by its absolute id
//! (`namespace#Name`), members in model order, traits as raw JSON values. Nothing
//! is validated beyond the AST's own structure here; references are checked by
//! `resolve`. Smithy 1.0 models are read too: `set` becomes a list with unique
//! items, and string shapes with the `smithy.api#enum` trait stay strings here
//! (`resolve` turns them into enums).

mod prelude;

use std::collections::{BTreeMap, BTreeSet};

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
        /// `rename`: the local names the service gives shapes of its closure
        /// (to settle two shapes of one name in different namespaces).
        rename: BTreeMap<String, String>,
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
        if text.starts_with('\u{feff}') {
            return Err(Error::Malformed {
                origin: origin.to_owned(),
                problem: "starts with a UTF-8 byte-order mark, which JSON does not allow; \
                          save the file without it"
                    .to_owned(),
            });
        }
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
        match root.get("smithy") {
            Some(Value::String(v))
                if v.starts_with("1.") || v.starts_with("2.") || v == "1" || v == "2" => {}
            Some(Value::String(v)) => {
                return Err(malformed(format!(
                    "unsupported Smithy version `{v}` (supported: 1.0 and 2.0)"
                )));
            }
            Some(other) => {
                return Err(malformed(format!(
                    "the `smithy` version must be a string such as \"2.0\", not {other}"
                )));
            }
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
                if !is_shape_id(id) {
                    return Err(malformed(format!(
                        "shape id `{id}` is not a valid Smithy shape id \
                         (`namespace#Name`, each part letters, digits and `_`, \
                         starting with a letter or `_`)"
                    )));
                }
                shapes.insert(id.clone(), parse_shape(id, value)?);
            }
        }
        apply_mixins(&mut shapes)?;
        Ok(Model { shapes })
    }
}

/// Merges mixins into the shapes that use them: mixin members come first (in
/// mixin order, a member reached twice through a diamond once), a local member
/// of the same name only adds traits, and mixin traits are inherited except
/// `smithy.api#mixin` itself. Mixin shapes keep their own definition (nothing
/// may target them).
///
/// Every walk is iterative and visits a shape's mixin closure once, so neither
/// long chains nor diamonds cost more than that closure.
fn apply_mixins(shapes: &mut BTreeMap<String, Shape>) -> Result<()> {
    check_mixin_cycles(shapes)?;
    let merged = shapes
        .values()
        .filter(|s| !s.mixins.is_empty() && !s.traits.has("smithy.api#mixin"))
        .map(|s| merged_shape(shapes, &s.id))
        .collect::<Result<Vec<_>>>()?;
    for shape in merged {
        shapes.insert(shape.id.clone(), shape);
    }
    Ok(())
}

/// Refuses a shape that mixes itself in, directly or not (three-colour
/// depth-first search with an explicit stack).
fn check_mixin_cycles(shapes: &BTreeMap<String, Shape>) -> Result<()> {
    let mut finished: BTreeSet<&str> = BTreeSet::new();
    for root in shapes.values().filter(|s| !s.mixins.is_empty()) {
        let mut on_path: BTreeSet<&str> = BTreeSet::new();
        let mut work: Vec<(&str, bool)> = vec![(&root.id, false)];
        while let Some((id, done)) = work.pop() {
            if done {
                on_path.remove(id);
                finished.insert(id);
                continue;
            }
            if finished.contains(id) {
                continue;
            }
            if !on_path.insert(id) {
                return Err(shape_error(id, "mixes itself in (a mixin cycle)"));
            }
            work.push((id, true));
            let shape = shapes.get(id).ok_or_else(|| Error::DanglingTarget {
                id: root.id.clone(),
                target: id.to_owned(),
            })?;
            for mixin in &shape.mixins {
                if on_path.contains(mixin.as_str()) {
                    return Err(shape_error(mixin, "mixes itself in (a mixin cycle)"));
                }
                work.push((mixin, false));
            }
        }
    }
    Ok(())
}

/// One shape with its mixin closure applied (the model has no mixin cycle).
fn merged_shape(shapes: &BTreeMap<String, Shape>, id: &str) -> Result<Shape> {
    let lookup = |target: &str| {
        shapes.get(target).ok_or_else(|| Error::DanglingTarget {
            id: id.to_owned(),
            target: target.to_owned(),
        })
    };
    let shape = lookup(id)?;
    // Post-order: a mixin's own mixins before it, mixins in their listed order,
    // each once; the shape itself last.
    let mut order: Vec<&Shape> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut work: Vec<(&Shape, bool)> = vec![(shape, false)];
    while let Some((current, expanded)) = work.pop() {
        if expanded {
            order.push(current);
            continue;
        }
        if !seen.insert(&current.id) {
            continue;
        }
        work.push((current, true));
        for mixin in current.mixins.iter().rev() {
            if !seen.contains(mixin.as_str()) {
                work.push((lookup(mixin)?, false));
            }
        }
    }
    let mut members: Vec<Member> = Vec::new();
    let mut positions: BTreeMap<&str, usize> = BTreeMap::new();
    let mut traits = Traits::default();
    for source in order {
        if source.id != id {
            for (k, v) in &source.traits.0 {
                if k != "smithy.api#mixin" {
                    traits.0.insert(k.clone(), v.clone());
                }
            }
        }
        for member in own_members(&source.kind) {
            match positions.get(member.name.as_str()) {
                Some(&at) => members[at].traits.0.extend(member.traits.0.clone()),
                None => {
                    positions.insert(&member.name, members.len());
                    members.push(member.clone());
                }
            }
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
    let kind_name = match obj.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        Some(other) => {
            return Err(shape_error(
                id,
                format!("has a `type` that is not a string: {other}"),
            ));
        }
        None => return Err(shape_error(id, "has no `type`")),
    };
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
            rename: renames(id, obj)?,
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
            if !is_identifier(name) {
                return Err(shape_error(
                    id,
                    format!(
                        "has a member named `{name}`, which is not a Smithy identifier \
                         (letters, digits and `_`, starting with a letter or `_`)"
                    ),
                ));
            }
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

/// A service's `rename` map: shape ids to identifiers.
fn renames(id: &str, obj: &Map<String, Value>) -> Result<BTreeMap<String, String>> {
    let Some(rename) = obj.get("rename") else {
        return Ok(BTreeMap::new());
    };
    let Value::Object(rename) = rename else {
        return Err(shape_error(
            id,
            "has `rename` that is not an object".to_owned(),
        ));
    };
    rename
        .iter()
        .map(|(shape, name)| match name.as_str() {
            Some(name) if is_shape_id(shape) && is_identifier(name) => {
                Ok((shape.clone(), name.to_owned()))
            }
            _ => Err(shape_error(
                id,
                format!("renames `{shape}` to {name}, which is not a shape id and an identifier"),
            )),
        })
        .collect()
}

/// A Smithy identifier: `_*[A-Za-z][A-Za-z0-9_]*`.
pub fn is_identifier(text: &str) -> bool {
    let rest = text.trim_start_matches('_');
    rest.starts_with(|c: char| c.is_ascii_alphabetic())
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// An absolute Smithy shape id: `identifier(.identifier)*#identifier`.
pub fn is_shape_id(id: &str) -> bool {
    id.split_once('#').is_some_and(|(namespace, name)| {
        namespace.split('.').all(is_identifier) && is_identifier(name)
    })
}

/// The namespace-less name of a shape id (`com.amazonaws.lightsail#Foo` -> `Foo`).
pub fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}
