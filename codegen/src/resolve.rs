//! Stage 2, resolve: from a parsed [`Model`] to the [`ir::Crate`] of one service.
//!
//! Selects the operations (all of the service's by default), walks their closure
//! (input, output, errors, and every member target, transitively), maps each shape
//! to a Rust type, decides names through `naming`, and rejects what the generated
//! code could not honour with an error naming the shape: dangling targets,
//! unsupported shape types and traits, protocols other than awsJson, name
//! collisions. Output order never depends on the model's key order.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::docs;
use crate::error::{Error, Result};
use crate::ir::{self, Type};
use crate::naming;
use crate::smithy::{
    Member, Model, Shape, ShapeKind, SimpleKind, Traits, prelude_kind, shape_name,
};

/// Which part of the model to generate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The service shape id or name; `None` when the model has exactly one service.
    pub service: Option<String>,
    /// Operation names (`UpdateDistribution`); empty means every operation.
    pub operations: Vec<String>,
}

/// Traits that change the wire format in ways the generated code does not
/// implement yet: generating anyway would silently talk nonsense to the service.
const UNSUPPORTED_TRAITS: &[(&str, &str)] = &[
    (
        "smithy.api#streaming",
        "streaming payloads are not supported by the awsJson runtime",
    ),
    ("smithy.api#eventStream", "event streams are not supported"),
];

/// Resolves the selected operations of a service into the IR.
pub fn resolve(model: &Model, selection: &Selection) -> Result<ir::Crate> {
    let service_shape = find_service(model, selection.service.as_deref())?;
    let service = service_facts(service_shape)?;
    let operation_ids = select_operations(model, service_shape, &selection.operations)?;

    let mut walker = Walker {
        model,
        needed: BTreeSet::new(),
        pending: Vec::new(),
        inputs: BTreeSet::new(),
    };
    let mut operations = Vec::new();
    for id in &operation_ids {
        operations.push(walker.operation(id)?);
    }
    let mut types = Vec::new();
    while let Some(id) = walker.pending.pop() {
        types.push(walker.type_def(&id)?);
    }
    types.sort_by(|a, b| a.name().cmp(b.name()));
    check_unique(
        "the `types` module",
        types.iter().map(|t| (t.name().to_owned(), id_of(t))),
    )?;
    check_unique(
        "the `types` module's files",
        types.iter().map(|t| (t.module().to_owned(), id_of(t))),
    )?;
    check_unique(
        "the `operation` module",
        operations.iter().map(|o| (o.module.clone(), o.id.clone())),
    )?;
    box_recursive_fields(&mut types);
    Ok(ir::Crate {
        service,
        types,
        operations,
    })
}

fn id_of(t: &ir::TypeDef) -> String {
    t.id().to_owned()
}

fn find_service<'m>(model: &'m Model, wanted: Option<&str>) -> Result<&'m Shape> {
    let services: Vec<&Shape> = model
        .shapes
        .values()
        .filter(|s| matches!(s.kind, ShapeKind::Service { .. }))
        .filter(|s| wanted.is_none_or(|w| s.id == w || shape_name(&s.id) == w))
        .collect();
    match (services.as_slice(), wanted) {
        ([one], _) => Ok(one),
        ([], Some(w)) => Err(Error::Service(format!(
            "the model has no service named `{w}`"
        ))),
        ([], None) => Err(Error::Service("the model has no service shape".into())),
        (many, _) => Err(Error::Service(format!(
            "the model has {} service shapes ({}); choose one",
            many.len(),
            many.iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn service_facts(shape: &Shape) -> Result<ir::Service> {
    let id = shape.id.clone();
    let ShapeKind::Service { version, .. } = &shape.kind else {
        return Err(Error::Service(format!("`{id}` is not a service")));
    };
    let t = &shape.traits;
    let json_version = match (
        t.has("aws.protocols#awsJson1_1"),
        t.has("aws.protocols#awsJson1_0"),
    ) {
        (true, _) => ir::JsonVersion::V1_1,
        (false, true) => ir::JsonVersion::V1_0,
        (false, false) => {
            let found: Vec<&str> =
                t.0.keys()
                    .filter(|k| k.starts_with("aws.protocols#") || k.contains("protocol"))
                    .map(String::as_str)
                    .collect();
            let found = if found.is_empty() {
                "none".to_owned()
            } else {
                found.join(", ")
            };
            return Err(Error::UnsupportedProtocol { id, found });
        }
    };
    let aws_service = t.get("aws.api#service");
    let field = |key: &str| aws_service.and_then(|v| v.get(key)).and_then(Value::as_str);
    let name = shape_name(&id).to_owned();
    let sdk_id = field("sdkId").unwrap_or(&name).to_owned();
    let signing_name = t
        .get("aws.auth#sigv4")
        .and_then(|v| v.get("name"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| field("arnNamespace").map(str::to_owned))
        .unwrap_or_else(|| sdk_id.to_lowercase());
    let endpoint_prefix = field("endpointPrefix").unwrap_or(&signing_name).to_owned();
    Ok(ir::Service {
        title: t.string("smithy.api#title").unwrap_or(&sdk_id).to_owned(),
        docs: docs_or(t, || format!("The {sdk_id} service.")),
        endpoint_rule_set: t
            .get("smithy.rules#endpointRuleSet")
            .map(|rules| serde_json::to_string_pretty(rules).unwrap_or_else(|_| rules.to_string())),
        target_prefix: name,
        api_version: version.clone(),
        json_version,
        sdk_id,
        signing_name,
        endpoint_prefix,
        query_compatible: t.has("aws.protocols#awsQueryCompatible"),
        id,
    })
}

/// The service's operations (direct and through resources), sorted by name,
/// restricted to `wanted` when it is not empty.
fn select_operations(model: &Model, service: &Shape, wanted: &[String]) -> Result<Vec<String>> {
    let mut all = BTreeMap::new();
    let mut pending = vec![service.id.clone()];
    let mut seen = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let (operations, resources) = match &lookup(model, &service.id, &id)?.kind {
            ShapeKind::Service {
                operations,
                resources,
                ..
            }
            | ShapeKind::Resource {
                operations,
                resources,
            } => (operations, resources),
            _ => continue,
        };
        for op in operations {
            all.insert(shape_name(op).to_owned(), op.clone());
        }
        pending.extend(resources.iter().cloned());
    }
    if wanted.is_empty() {
        return Ok(all.into_values().collect());
    }
    let mut chosen = BTreeSet::new();
    for name in wanted {
        let id = all
            .get(name.as_str())
            .ok_or_else(|| Error::UnknownOperation {
                service: service.id.clone(),
                name: name.clone(),
            })?;
        chosen.insert((name.clone(), id.clone()));
    }
    Ok(chosen.into_iter().map(|(_, id)| id).collect())
}

fn lookup<'m>(model: &'m Model, from: &str, target: &str) -> Result<&'m Shape> {
    model
        .shapes
        .get(target)
        .ok_or_else(|| Error::DanglingTarget {
            id: from.to_owned(),
            target: target.to_owned(),
        })
}

fn docs_or(traits: &Traits, fallback: impl FnOnce() -> String) -> Vec<String> {
    match traits.docs().map(docs::to_markdown) {
        Some(lines) if !lines.is_empty() => lines,
        _ => vec![fallback()],
    }
}

fn check_unique(scope: &str, names: impl Iterator<Item = (String, String)>) -> Result<()> {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (name, source) in names {
        if let Some(first) = seen.insert(name.clone(), source.clone()) {
            return Err(Error::NameCollision {
                scope: scope.to_owned(),
                name: naming::plain(&name).to_owned(),
                first,
                second: source,
            });
        }
    }
    Ok(())
}

fn check_traits(id: &str, traits: &Traits) -> Result<()> {
    for (trait_id, reason) in UNSUPPORTED_TRAITS {
        if traits.has(trait_id) {
            return Err(Error::UnsupportedTrait {
                id: id.to_owned(),
                trait_id: (*trait_id).to_owned(),
                reason: (*reason).to_owned(),
            });
        }
    }
    if let Some(format) = traits.get("smithy.api#timestampFormat")
        && timestamp_format(Some(format)).is_none()
    {
        return Err(Error::UnsupportedTrait {
            id: id.to_owned(),
            trait_id: "smithy.api#timestampFormat".to_owned(),
            reason: format!("unknown format {format}"),
        });
    }
    Ok(())
}

fn timestamp_format(value: Option<&Value>) -> Option<ir::TimestampFormat> {
    match value.and_then(Value::as_str) {
        None | Some("epoch-seconds") => Some(ir::TimestampFormat::EpochSeconds),
        Some("date-time") => Some(ir::TimestampFormat::DateTime),
        Some("http-date") => Some(ir::TimestampFormat::HttpDate),
        Some(_) => None,
    }
}

/// Walks the closure of the selected operations.
struct Walker<'m> {
    model: &'m Model,
    /// Structure and enum shapes already scheduled.
    needed: BTreeSet<String>,
    /// Scheduled shapes not yet turned into type definitions.
    pending: Vec<String>,
    /// Structures used as an operation's input: their members follow input
    /// rules (top-level defaults left unset, no error correction).
    inputs: BTreeSet<String>,
}

impl Walker<'_> {
    fn operation(&mut self, id: &str) -> Result<ir::Operation> {
        let shape = lookup(self.model, id, id)?;
        let ShapeKind::Operation {
            input,
            output,
            errors,
        } = &shape.kind
        else {
            return Err(Error::Malformed {
                origin: format!("shape `{id}`"),
                problem: "is bound to the service as an operation but is not one".into(),
            });
        };
        check_traits(id, &shape.traits)?;
        let wire_name = shape_name(id).to_owned();
        let name = naming::type_name(&wire_name);
        let mut structure = |target: &Option<String>| -> Result<Option<String>> {
            let Some(target) = target else {
                return Ok(None);
            };
            match self.type_of(id, target)? {
                Type::Named(name) if self.is_structure(target) => Ok(Some(name)),
                _ => Err(Error::Malformed {
                    origin: format!("shape `{id}`"),
                    problem: format!("input/output `{target}` is not a structure"),
                }),
            }
        };
        let input_id = input.clone();
        let input_id_for_prefix = input.clone();
        let input = structure(input)?;
        let output = structure(output)?;
        self.inputs.extend(input_id);
        let mut cases = Vec::new();
        for error in errors {
            let error_shape = lookup(self.model, id, error)?;
            if !error_shape.traits.has("smithy.api#error") || !self.is_structure(error) {
                return Err(Error::Malformed {
                    origin: format!("shape `{id}`"),
                    problem: format!(
                        "error `{error}` is not a structure with the `smithy.api#error` trait"
                    ),
                });
            }
            let Type::Named(type_name) = self.type_of(id, error)? else {
                continue;
            };
            let (variant, _) = naming::error_variant_name(&type_name);
            let message = match &error_shape.kind {
                ShapeKind::Structure(members) => members
                    .iter()
                    .find(|m| {
                        m.name.eq_ignore_ascii_case("message")
                            && (m.target == "smithy.api#String"
                                || self.model.shapes.get(&m.target).is_some_and(|t| {
                                    matches!(t.kind, ShapeKind::Simple(SimpleKind::String))
                                        && !t.traits.has("smithy.api#enum")
                                }))
                    })
                    .map(|m| {
                        let optional = m.traits.has("smithy.api#clientOptional")
                            || !(m.traits.has("smithy.api#required")
                                || m.traits
                                    .get("smithy.api#default")
                                    .is_some_and(|v| !v.is_null()));
                        (naming::field_name(&m.name), optional)
                    }),
                _ => None,
            };
            cases.push(ir::ErrorCase {
                message,
                code: shape_name(error).to_owned(),
                docs: docs_or(&error_shape.traits, || {
                    format!("The `{}` error.", shape_name(error))
                }),
                variant,
                type_name,
            });
        }
        check_unique(
            &format!("the error enum of `{id}`"),
            cases.iter().map(|c| (c.variant.clone(), c.code.clone())),
        )?;
        let request_compression = shape
            .traits
            .get("smithy.api#requestCompression")
            .and_then(|v| v.get("encodings"))
            .and_then(Value::as_array)
            .is_some_and(|e| e.iter().any(|e| e.as_str() == Some("gzip")));
        let host_prefix = match shape.traits.get("smithy.api#endpoint") {
            Some(endpoint) => self.host_prefix(id, endpoint, input_id_for_prefix.as_deref())?,
            None => Vec::new(),
        };
        Ok(ir::Operation {
            request_compression,
            host_prefix,
            id: id.to_owned(),
            module: naming::module_name(&wire_name),
            method: naming::field_name(&wire_name),
            docs: docs_or(&shape.traits, || format!("The `{wire_name}` operation.")),
            error_name: naming::operation_error_name(&name),
            errors: cases,
            input,
            output,
            name,
            wire_name,
        })
    }

    /// Splits `foo.{label}.` into parts, checking each label names a string
    /// member of the input with `smithy.api#hostLabel`.
    fn host_prefix(
        &self,
        id: &str,
        endpoint: &Value,
        input: Option<&str>,
    ) -> Result<Vec<ir::HostPrefixPart>> {
        let malformed = |problem: String| Error::Malformed {
            origin: format!("shape `{id}`"),
            problem,
        };
        let template = endpoint
            .get("hostPrefix")
            .and_then(Value::as_str)
            .ok_or_else(|| malformed("`smithy.api#endpoint` has no string `hostPrefix`".into()))?;
        let members: &[Member] = match input
            .and_then(|i| self.model.shapes.get(i))
            .map(|s| &s.kind)
        {
            Some(ShapeKind::Structure(members)) => members,
            _ => &[],
        };
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(ir::HostPrefixPart::Literal(rest[..open].to_owned()));
            }
            let close = rest[open..].find('}').ok_or_else(|| {
                malformed(format!("host prefix `{template}` has an unclosed label"))
            })?;
            let label = &rest[open + 1..open + close];
            let member = members
                .iter()
                .find(|m| m.name == label && m.traits.has("smithy.api#hostLabel"))
                .ok_or_else(|| {
                    malformed(format!(
                        "host prefix label `{label}` is not a `smithy.api#hostLabel` input member"
                    ))
                })?;
            parts.push(ir::HostPrefixPart::Label {
                field: naming::field_name(&member.name),
                optional: !member.traits.has("smithy.api#required"),
            });
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(ir::HostPrefixPart::Literal(rest.to_owned()));
        }
        Ok(parts)
    }

    fn is_structure(&self, id: &str) -> bool {
        self.model
            .shapes
            .get(id)
            .is_some_and(|s| matches!(s.kind, ShapeKind::Structure(_)))
    }

    /// The Rust type of a reference from `from` to `target`, scheduling generated types.
    fn type_of(&mut self, from: &str, target: &str) -> Result<Type> {
        if let Some(kind) = prelude_kind(target) {
            return simple_type(target, kind, &Traits::default());
        }
        let shape = lookup(self.model, from, target)?;
        check_traits(target, &shape.traits)?;
        match &shape.kind {
            ShapeKind::Simple(SimpleKind::String) if shape.traits.has("smithy.api#enum") => {
                Ok(self.schedule(target))
            }
            ShapeKind::Simple(kind) => simple_type(target, *kind, &shape.traits),
            ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
            | ShapeKind::Structure(_)
            | ShapeKind::Union(_) => Ok(self.schedule(target)),
            ShapeKind::List(member) => Ok(Type::List {
                element: Box::new(self.element_type(target, member)?),
                sparse: shape.traits.has("smithy.api#sparse"),
            }),
            ShapeKind::Map { key, value } => {
                let key_type = self.member_type(target, key)?;
                if !matches!(key_type, Type::String | Type::Named(_)) {
                    return Err(Error::Malformed {
                        origin: format!("shape `{target}`"),
                        problem: "map keys must target a string shape".into(),
                    });
                }
                Ok(Type::Map {
                    key: Box::new(key_type),
                    value: Box::new(self.element_type(target, value)?),
                    sparse: shape.traits.has("smithy.api#sparse"),
                })
            }
            ShapeKind::Operation { .. }
            | ShapeKind::Service { .. }
            | ShapeKind::Resource { .. } => Err(Error::Malformed {
                origin: format!("shape `{from}`"),
                problem: format!("a member targets `{target}`, which is not a data shape"),
            }),
        }
    }

    /// The type of a member; a member's `timestampFormat` overrides its target's.
    fn member_type(&mut self, owner: &str, member: &Member) -> Result<Type> {
        let member_id = format!("{owner}${}", member.name);
        check_traits(&member_id, &member.traits)?;
        let ty = self.type_of(&member_id, &member.target)?;
        Ok(
            match (ty, member.traits.get("smithy.api#timestampFormat")) {
                (Type::Timestamp(_), Some(format)) => Type::Timestamp(
                    timestamp_format(Some(format)).unwrap_or(ir::TimestampFormat::EpochSeconds),
                ),
                (ty, _) => ty,
            },
        )
    }

    /// The element type of a list or map: only the default timestamp format is
    /// supported inside collections (the format is chosen per field by serde).
    fn element_type(&mut self, owner: &str, member: &Member) -> Result<Type> {
        let ty = self.member_type(owner, member)?;
        if matches!(ty, Type::Timestamp(f) if f != ir::TimestampFormat::EpochSeconds) {
            return Err(Error::UnsupportedTrait {
                id: format!("{owner}${}", member.name),
                trait_id: "smithy.api#timestampFormat".to_owned(),
                reason: "non-default timestamp formats inside lists and maps are not supported"
                    .to_owned(),
            });
        }
        Ok(ty)
    }

    fn schedule(&mut self, id: &str) -> Type {
        if self.needed.insert(id.to_owned()) {
            self.pending.push(id.to_owned());
        }
        Type::Named(naming::type_name(shape_name(id)))
    }

    fn type_def(&mut self, id: &str) -> Result<ir::TypeDef> {
        let shape = lookup(self.model, id, id)?;
        let shape_name = shape_name(id);
        let name = naming::type_name(shape_name);
        let module = naming::module_name(shape_name);
        let docs = docs_or(&shape.traits, || {
            format!("The `{shape_name}` shape of the model.")
        });
        match &shape.kind {
            ShapeKind::Structure(members) => {
                let mut fields = Vec::new();
                for member in members {
                    fields.push(self.field(shape, member)?);
                }
                check_unique(
                    &format!("structure `{id}`"),
                    fields.iter().map(|f| (f.name.clone(), f.wire_name.clone())),
                )?;
                let error = shape
                    .traits
                    .get("smithy.api#error")
                    .map(|fault| ir::ErrorInfo {
                        server_fault: fault.as_str() == Some("server"),
                        http_status: shape
                            .traits
                            .get("smithy.api#httpError")
                            .and_then(Value::as_u64)
                            .and_then(|s| u16::try_from(s).ok()),
                        message_field: fields
                            .iter()
                            .find(|f| {
                                f.wire_name.eq_ignore_ascii_case("message") && f.ty == Type::String
                            })
                            .map(|f| f.name.clone()),
                    });
                Ok(ir::TypeDef::Struct(ir::Struct {
                    id: id.to_owned(),
                    name,
                    module,
                    docs,
                    fields,
                    error,
                }))
            }
            ShapeKind::Enum(members) => {
                let values = members
                    .iter()
                    .map(|m| {
                        let value = m.traits.string("smithy.api#enumValue").unwrap_or(&m.name);
                        (
                            m.name.clone(),
                            value.to_owned(),
                            m.traits.docs().map(str::to_owned),
                        )
                    })
                    .collect();
                enum_def(id, name, module, docs, values)
            }
            ShapeKind::Simple(SimpleKind::String) => {
                let values = legacy_enum_values(id, &shape.traits)?;
                enum_def(id, name, module, docs, values)
            }
            ShapeKind::IntEnum(members) => int_enum_def(id, name, module, docs, members),
            ShapeKind::Union(members) => self.union_def(id, name, module, docs, members),
            _ => Err(Error::Malformed {
                origin: format!("shape `{id}`"),
                problem: "scheduled as a type but is not a structure or enum".into(),
            }),
        }
    }

    fn field(&mut self, owner: &Shape, member: &Member) -> Result<ir::Field> {
        let ty = self.member_type(&owner.id, member)?;
        let name = naming::field_name(&member.name);
        let member_id = format!("{}${}", owner.id, member.name);
        let is_input = owner.traits.has("smithy.api#input") || self.inputs.contains(&owner.id);
        let required = member.traits.has("smithy.api#required");
        let default = member
            .traits
            .get("smithy.api#default")
            .filter(|v| !v.is_null());
        let presence = if member.traits.has("smithy.api#clientOptional") {
            ir::Presence::Optional
        } else if let Some(value) = default {
            check_default(&member_id, &ty, value)?;
            // Defaults of top-level input members are the service's business:
            // clients leave them unset (Smithy: clients skip top-level defaults).
            if is_input && !required {
                ir::Presence::Optional
            } else {
                ir::Presence::Default(value.clone())
            }
        } else if required {
            ir::Presence::Required
        } else {
            ir::Presence::Optional
        };
        let error_correct = presence == ir::Presence::Required && !is_input && has_zero_value(&ty);
        Ok(ir::Field {
            wire_name: member.name.clone(),
            setter: naming::setter_name(&name),
            name,
            docs: member_docs(self.model, member),
            presence,
            error_correct,
            sensitive: owner.traits.has("smithy.api#sensitive")
                || self.is_sensitive(&member.target),
            boxed: false,
            ty,
        })
    }

    fn union_def(
        &mut self,
        id: &str,
        name: String,
        module: String,
        docs: Vec<String>,
        members: &[Member],
    ) -> Result<ir::TypeDef> {
        let mut variants = Vec::new();
        for member in members {
            let ty = if member.target == "smithy.api#Unit" {
                None
            } else {
                Some(self.member_type(id, member)?)
            };
            let (variant, renamed) = naming::variant_name(&member.name);
            let mut lines = member_docs(self.model, member);
            if renamed {
                lines.push(String::new());
                lines.push(format!(
                    "Named `{}` in the model; renamed because `{}` holds members these bindings \
                     do not know.",
                    member.name,
                    naming::UNKNOWN_VARIANT
                ));
            }
            variants.push(ir::UnionVariant {
                wire_name: member.name.clone(),
                name: variant,
                docs: lines,
                ty,
                boxed: false,
            });
        }
        check_unique(
            &format!("union `{id}`"),
            variants
                .iter()
                .map(|v| (v.name.clone(), v.wire_name.clone())),
        )?;
        Ok(ir::TypeDef::Union(ir::Union {
            id: id.to_owned(),
            name,
            module,
            docs,
            variants,
        }))
    }

    /// A target is sensitive when it, or the element of a collection it is, is `@sensitive`.
    fn is_sensitive(&self, target: &str) -> bool {
        let mut current = target;
        for _ in 0..8 {
            let Some(shape) = self.model.shapes.get(current) else {
                return false;
            };
            if shape.traits.has("smithy.api#sensitive") {
                return true;
            }
            current = match &shape.kind {
                ShapeKind::List(m) => &m.target,
                ShapeKind::Map { value, .. } => &value.target,
                _ => return false,
            };
        }
        false
    }
}

/// A member's docs: its own, else its target's, else a line naming it.
fn member_docs(model: &Model, member: &Member) -> Vec<String> {
    let text = member.traits.docs().or_else(|| {
        model
            .shapes
            .get(&member.target)
            .and_then(|s| s.traits.docs())
    });
    match text.map(docs::to_markdown) {
        Some(lines) if !lines.is_empty() => lines,
        _ => vec![format!("The `{}` member.", member.name)],
    }
}

/// Whether a type has a zero value to fill in for a missing required member.
fn has_zero_value(ty: &Type) -> bool {
    !matches!(ty, Type::Named(_))
}

/// Checks that a `smithy.api#default` value fits the member's type.
fn check_default(id: &str, ty: &Type, value: &Value) -> Result<()> {
    let fits = match ty {
        Type::String | Type::Blob | Type::Named(_) => value.is_string() || value.is_i64(),
        Type::Bool => value.is_boolean(),
        Type::Byte | Type::Short | Type::Integer | Type::Long => value.is_i64(),
        Type::Float | Type::Double => value.is_number() || value.is_string(),
        Type::Timestamp(_) => value.is_number(),
        Type::Document => true,
        Type::List { .. } => value.as_array().is_some_and(Vec::is_empty),
        Type::Map { .. } => value.as_object().is_some_and(serde_json::Map::is_empty),
    };
    if fits {
        Ok(())
    } else {
        Err(Error::UnsupportedTrait {
            id: id.to_owned(),
            trait_id: "smithy.api#default".to_owned(),
            reason: format!("default {value} does not fit the member's type"),
        })
    }
}

fn int_enum_def(
    id: &str,
    name: String,
    module: String,
    docs: Vec<String>,
    members: &[Member],
) -> Result<ir::TypeDef> {
    let mut variants = Vec::new();
    for member in members {
        let value = member
            .traits
            .get("smithy.api#enumValue")
            .and_then(Value::as_i64)
            .and_then(|v| i32::try_from(v).ok())
            .ok_or_else(|| Error::Malformed {
                origin: format!("shape `{id}${}`", member.name),
                problem: "an intEnum member needs an integer `smithy.api#enumValue`".into(),
            })?;
        let (variant, renamed) = naming::variant_name(&member.name);
        let mut lines = vec![format!("`{value}`")];
        if let Some(doc) = member.traits.docs() {
            lines.push(String::new());
            lines.extend(docs::to_markdown(doc));
        }
        if renamed {
            lines.push(String::new());
            lines.push(format!(
                "Named `{}` in the model; renamed because `{}` holds values these bindings do not know.",
                member.name,
                naming::UNKNOWN_VARIANT
            ));
        }
        variants.push(ir::IntVariant {
            name: variant,
            value,
            docs: lines,
        });
    }
    check_unique(
        &format!("intEnum `{id}`"),
        variants
            .iter()
            .map(|v| (v.name.clone(), v.value.to_string())),
    )?;
    Ok(ir::TypeDef::IntEnum(ir::IntEnum {
        id: id.to_owned(),
        name,
        module,
        docs,
        variants,
    }))
}

fn unsupported<T>(id: &str, kind: &str) -> Result<T> {
    Err(Error::UnsupportedShape {
        id: id.to_owned(),
        kind: kind.to_owned(),
    })
}

fn simple_type(id: &str, kind: SimpleKind, traits: &Traits) -> Result<Type> {
    Ok(match kind {
        SimpleKind::String => {
            if traits.has("smithy.api#enum") {
                // Only reachable for prelude ids, which never carry traits.
                return unsupported(id, "string enum without a shape");
            }
            Type::String
        }
        SimpleKind::Boolean => Type::Bool,
        SimpleKind::Byte => Type::Byte,
        SimpleKind::Short => Type::Short,
        SimpleKind::Integer => Type::Integer,
        SimpleKind::Long => Type::Long,
        SimpleKind::Float => Type::Float,
        SimpleKind::Double => Type::Double,
        SimpleKind::Timestamp => match timestamp_format(traits.get("smithy.api#timestampFormat")) {
            Some(format) => Type::Timestamp(format),
            None => return unsupported(id, "timestamp with an unknown format"),
        },
        SimpleKind::Blob => Type::Blob,
        SimpleKind::Document => Type::Document,
        SimpleKind::BigInteger => return unsupported(id, "bigInteger"),
        SimpleKind::BigDecimal => return unsupported(id, "bigDecimal"),
    })
}

type EnumValue = (String, String, Option<String>);

/// Smithy 1.0 enums: `smithy.api#enum` is a list of `{value, name?, documentation?}`.
fn legacy_enum_values(id: &str, traits: &Traits) -> Result<Vec<EnumValue>> {
    let malformed = |problem: &str| Error::Malformed {
        origin: format!("shape `{id}`"),
        problem: format!("`smithy.api#enum` {problem}"),
    };
    let list = traits
        .get("smithy.api#enum")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed("is not a list"))?;
    list.iter()
        .map(|entry| {
            let value = entry
                .get("value")
                .and_then(Value::as_str)
                .ok_or_else(|| malformed("has an entry without a string `value`"))?;
            let name = entry.get("name").and_then(Value::as_str).unwrap_or(value);
            let doc = entry.get("documentation").and_then(Value::as_str);
            Ok((name.to_owned(), value.to_owned(), doc.map(str::to_owned)))
        })
        .collect()
}

fn enum_def(
    id: &str,
    name: String,
    module: String,
    docs: Vec<String>,
    values: Vec<EnumValue>,
) -> Result<ir::TypeDef> {
    let mut variants = Vec::new();
    for (member, value, doc) in values {
        let (variant, renamed) = naming::variant_name(&member);
        let mut lines = vec![format!("`{value}`")];
        if let Some(doc) = doc {
            let converted = docs::to_markdown(&doc);
            if !converted.is_empty() {
                lines.push(String::new());
                lines.extend(converted);
            }
        }
        if renamed {
            lines.push(String::new());
            lines.push(format!(
                "Named `{member}` in the model; renamed because `{}` holds values these \
                 bindings do not know.",
                naming::UNKNOWN_VARIANT
            ));
        }
        variants.push(ir::Variant {
            name: variant,
            value,
            docs: lines,
        });
    }
    check_unique(
        &format!("enum `{id}`"),
        variants.iter().map(|v| (v.name.clone(), v.value.clone())),
    )?;
    check_unique(
        &format!("the values of enum `{id}`"),
        variants.iter().map(|v| (v.value.clone(), v.name.clone())),
    )?;
    Ok(ir::TypeDef::Enum(ir::Enum {
        id: id.to_owned(),
        name,
        module,
        docs,
        variants,
    }))
}

/// Boxes fields and union members that lead back to their own type without
/// passing through a collection (which already allocates), so every generated
/// type has a finite size.
fn box_recursive_fields(types: &mut [ir::TypeDef]) {
    let named = |ty: &Type| match ty {
        Type::Named(n) => Some(n.clone()),
        _ => None,
    };
    let edges: BTreeMap<String, Vec<String>> = types
        .iter()
        .filter_map(|t| match t {
            ir::TypeDef::Struct(s) => Some((
                s.name.clone(),
                s.fields.iter().filter_map(|f| named(&f.ty)).collect(),
            )),
            ir::TypeDef::Union(u) => Some((
                u.name.clone(),
                u.variants
                    .iter()
                    .filter_map(|v| v.ty.as_ref().and_then(named))
                    .collect(),
            )),
            _ => None,
        })
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node.clone()) {
                stack.extend(edges.get(&node).into_iter().flatten().cloned());
            }
        }
        false
    };
    for t in types.iter_mut() {
        match t {
            ir::TypeDef::Struct(s) => {
                let owner = s.name.clone();
                for f in &mut s.fields {
                    f.boxed = named(&f.ty).is_some_and(|n| reaches(&n, &owner));
                }
            }
            ir::TypeDef::Union(u) => {
                let owner = u.name.clone();
                for v in &mut u.variants {
                    v.boxed =
                        v.ty.as_ref()
                            .and_then(named)
                            .is_some_and(|n| reaches(&n, &owner));
                }
            }
            _ => {}
        }
    }
}
