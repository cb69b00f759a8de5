//! The walk over the closure of the selected operations: operations, then every
//! shape they reach, each turned into its IR type with names decided.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::docs;
use crate::error::{Error, Result};
use crate::ir::{self, Type};
use crate::naming;
use crate::smithy::{
    Member, Model, Shape, ShapeKind, SimpleKind, Traits, prelude_kind, shape_name,
};

use super::closure::{self, Reached};
use super::http;
use super::values::{enum_def, int_enum_def, legacy_enum_values, renamed_note, simple_type};
use super::{check_traits, check_unique, docs_or, lookup, timestamp_format};

/// Walks the closure of the selected operations.
pub(super) struct Walker<'m> {
    pub(super) model: &'m Model,
    /// Structure and enum shapes already scheduled.
    pub(super) needed: BTreeSet<String>,
    /// Scheduled shapes not yet turned into type definitions.
    pub(super) pending: Vec<String>,
    /// Structures used as an operation's input: their members follow input
    /// rules (top-level defaults left unset, no error correction).
    pub(super) inputs: BTreeSet<String>,
    /// Structures used as an operation's output.
    pub(super) outputs: BTreeSet<String>,
    /// The lists and maps whose element types are being resolved, outermost
    /// first: a collection met again here is a cycle no structure breaks.
    pub(super) collections: Vec<String>,
    /// The service's protocol: whether HTTP binding traits and
    /// `smithy.api#jsonName` apply.
    pub(super) protocol: ir::Protocol,
    /// The service's `rename` map: shape ids to the names they take.
    pub(super) renames: &'m BTreeMap<String, String>,
}

/// How deep lists and maps may nest inside one another.
const MAX_COLLECTION_DEPTH: usize = 32;

impl<'m> Walker<'m> {
    pub(super) fn operation(&mut self, id: &str) -> Result<ir::Operation> {
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
        // Whether a response may carry a secret: then a response that fails
        // to parse must not show its body or quote values from it.
        let response_shapes = output.iter().chain(errors).map(String::as_str);
        let sensitive_response = closure::find(self.model, response_shapes, |reached| {
            let traits = match reached {
                Reached::Shape(_, shape) => &shape.traits,
                Reached::Member { member, .. } => &member.traits,
            };
            traits.has("smithy.api#sensitive").then_some(())
        })
        .is_some();
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
        let output_id = output.clone();
        let input_id_for_prefix = input.clone();
        let input = structure(input)?;
        let output = structure(output)?;
        self.inputs.extend(input_id);
        self.outputs.extend(output_id);
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
            cases.push(ir::ErrorCase {
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
        let http =
            match self.protocol {
                ir::Protocol::AwsJson(_) => None,
                ir::Protocol::RestJson1 => Some(http::read(id, &shape.traits)?.ok_or_else(
                    || Error::Malformed {
                        origin: format!("shape `{id}`"),
                        problem:
                            "has no `smithy.api#http` trait, which a REST protocol needs".into(),
                    },
                )?),
            };
        Ok(ir::Operation {
            // Checked against the input's decisions (`link_operations`).
            http,
            checksum_required: shape.traits.has("smithy.api#httpChecksumRequired"),
            // Read from the input structure's decisions (`link_operations`).
            idempotency_token: None,
            // Followed through the structures once they exist (`link_operations`).
            paginator: None,
            waiters: Vec::new(),
            sensitive_response,
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
            // Name and presence are the input structure's decisions, read
            // from its fields once they exist (`link_operations`).
            parts.push(ir::HostPrefixPart::Label {
                member: member.name.clone(),
                field: String::new(),
                optional: true,
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
        if !super::unsupported::is_streaming_blob(shape) {
            check_traits(target, &shape.traits)?;
        }
        match &shape.kind {
            ShapeKind::Simple(SimpleKind::String) if shape.traits.has("smithy.api#enum") => {
                Ok(self.schedule(target))
            }
            ShapeKind::Simple(kind) => simple_type(target, *kind, &shape.traits),
            ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_)
            | ShapeKind::Structure(_)
            | ShapeKind::Union(_) => Ok(self.schedule(target)),
            ShapeKind::List(_) | ShapeKind::Map { .. } => self.collection_type(target, shape),
            ShapeKind::Operation { .. }
            | ShapeKind::Service { .. }
            | ShapeKind::Resource { .. } => Err(Error::Malformed {
                origin: format!("shape `{from}`"),
                problem: format!("a member targets `{target}`, which is not a data shape"),
            }),
        }
    }

    /// The type of a list or map, refusing cycles of collections (Smithy allows
    /// recursion only through structures and unions) and absurd nesting.
    fn collection_type(&mut self, id: &str, shape: &Shape) -> Result<Type> {
        if let Some(at) = self.collections.iter().position(|c| c == id) {
            let mut cycle = self.collections[at..].to_vec();
            cycle.push(id.to_owned());
            return Err(Error::Malformed {
                origin: format!("shape `{id}`"),
                problem: format!(
                    "is part of a cycle of lists and maps that no structure or union breaks: {}",
                    cycle.join(" -> ")
                ),
            });
        }
        if self.collections.len() >= MAX_COLLECTION_DEPTH {
            return Err(Error::Malformed {
                origin: format!("shape `{id}`"),
                problem: format!("nests lists and maps more than {MAX_COLLECTION_DEPTH} deep"),
            });
        }
        self.collections.push(id.to_owned());
        let ty = self.collection_type_inner(id, shape);
        self.collections.pop();
        ty
    }

    fn collection_type_inner(&mut self, target: &str, shape: &Shape) -> Result<Type> {
        match &shape.kind {
            ShapeKind::Map { key, value } => {
                let key_kind = prelude_kind(&key.target)
                    .map(ShapeKind::Simple)
                    .or_else(|| self.model.shapes.get(&key.target).map(|s| s.kind.clone()));
                if !matches!(
                    key_kind,
                    Some(ShapeKind::Simple(SimpleKind::String) | ShapeKind::Enum(_))
                ) {
                    return Err(Error::Malformed {
                        origin: format!("shape `{target}$key`"),
                        problem: format!(
                            "targets `{}`; map keys must target a string or enum shape",
                            key.target
                        ),
                    });
                }
                Ok(Type::Map {
                    key: Box::new(self.member_type(target, key)?),
                    value: Box::new(self.member_type(target, value)?),
                    sparse: shape.traits.has("smithy.api#sparse"),
                })
            }
            ShapeKind::List(member) => Ok(Type::List {
                element: Box::new(self.member_type(target, member)?),
                sparse: shape.traits.has("smithy.api#sparse"),
            }),
            _ => Err(Error::Malformed {
                origin: format!("shape `{target}`"),
                problem: "is not a list or map".to_owned(),
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

    fn schedule(&mut self, id: &str) -> Type {
        if self.needed.insert(id.to_owned()) {
            self.pending.push(id.to_owned());
        }
        Type::Named(naming::type_name(self.local_name(id)))
    }

    /// The shape's name in the service: its `rename`, else its own.
    fn local_name<'a>(&self, id: &'a str) -> &'a str
    where
        'm: 'a,
    {
        self.renames.get(id).map_or(shape_name(id), String::as_str)
    }

    pub(super) fn type_def(&mut self, id: &str) -> Result<ir::TypeDef> {
        let shape = lookup(self.model, id, id)?;
        let shape_name = self.local_name(id);
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
                let error = shape.traits.get("smithy.api#error");
                let message = error.and_then(|_| message_field(&fields));
                if let Some(name) = &message {
                    add_message_aliases(&mut fields, name);
                }
                let error = error.map(|fault| ir::ErrorInfo {
                    server_fault: fault.as_str() == Some("server"),
                    http_status: shape
                        .traits
                        .get("smithy.api#httpError")
                        .and_then(Value::as_u64)
                        .and_then(|s| u16::try_from(s).ok()),
                    message_field: message,
                });
                Ok(ir::TypeDef::Struct(ir::Struct {
                    id: id.to_owned(),
                    name,
                    module,
                    docs,
                    fields,
                    error,
                    http: self.http_roles(shape),
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

    /// The structure's roles in HTTP messages: only a REST protocol's
    /// operation inputs, outputs and errors have any.
    fn http_roles(&self, shape: &Shape) -> ir::HttpRoles {
        if !matches!(self.protocol, ir::Protocol::RestJson1) {
            return ir::HttpRoles::default();
        }
        ir::HttpRoles {
            input: shape.traits.has("smithy.api#input") || self.inputs.contains(&shape.id),
            response: shape.traits.has("smithy.api#output")
                || shape.traits.has("smithy.api#error")
                || self.outputs.contains(&shape.id),
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
            let value = self.default_value(&member_id, member, &ty, value)?;
            // Defaults of top-level input members are the service's business:
            // clients leave them unset (Smithy: clients skip top-level defaults).
            if is_input && !required {
                ir::Presence::Optional
            } else {
                ir::Presence::Default(value)
            }
        } else if required {
            ir::Presence::Required
        } else {
            ir::Presence::Optional
        };
        let error_correct = presence == ir::Presence::Required && !is_input && has_zero_value(&ty);
        // `@jsonName` renames the JSON key under restJson1 only; binding
        // traits apply to whole messages only (a nested structure is a JSON
        // object whatever its members say).
        let rest = matches!(self.protocol, ir::Protocol::RestJson1);
        let wire_name = match member.traits.string("smithy.api#jsonName") {
            Some(json_name) if rest => json_name.to_owned(),
            _ => member.name.clone(),
        };
        let location = if rest && self.http_roles(owner).any() {
            http::location(&member_id, member)?
        } else {
            ir::Location::Body
        };
        let explicit_format = member.traits.has("smithy.api#timestampFormat")
            || self
                .model
                .shapes
                .get(&member.target)
                .is_some_and(|t| t.traits.has("smithy.api#timestampFormat"));
        let ty = http::located_timestamp(ty, &location, explicit_format);
        let media_type = self
            .model
            .shapes
            .get(&member.target)
            .and_then(|t| t.traits.string("smithy.api#mediaType"))
            .map(str::to_owned);
        Ok(ir::Field {
            member: member.name.clone(),
            media_type,
            wire_name,
            location,
            setter: naming::setter_name(&name),
            name,
            docs: member_docs(self.model, member),
            presence,
            error_correct,
            sensitive: owner.traits.has("smithy.api#sensitive")
                || self.is_sensitive(&member.target),
            boxed: false,
            idempotency_token: member.traits.has("smithy.api#idempotencyToken"),
            read_aliases: Vec::new(),
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
                lines.extend(renamed_note(&member.name, "members"));
            }
            let wire_name = match self.protocol {
                ir::Protocol::AwsJson(_) => &member.name,
                ir::Protocol::RestJson1 => member
                    .traits
                    .string("smithy.api#jsonName")
                    .unwrap_or(&member.name),
            };
            variants.push(ir::UnionVariant {
                wire_name: wire_name.to_owned(),
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

/// The message member of an error structure: `message` or `errorMessage` in
/// any case, a string (botocore reads the same names).
fn message_field(fields: &[ir::Field]) -> Option<String> {
    ["message", "errormessage"].iter().find_map(|wanted| {
        fields
            .iter()
            .find(|f| f.ty == Type::String && f.wire_name.eq_ignore_ascii_case(wanted))
            .map(|f| f.name.clone())
    })
}

/// The names an error message is sent under by services whatever the model
/// calls the member (botocore reads the same).
const MESSAGE_NAMES: [&str; 3] = ["message", "Message", "errorMessage"];

/// Lets the message field `name` also read [`MESSAGE_NAMES`] that no member
/// of the structure uses on the wire.
fn add_message_aliases(fields: &mut [ir::Field], name: &str) {
    let taken: Vec<String> = fields.iter().map(|f| f.wire_name.clone()).collect();
    if let Some(field) = fields.iter_mut().find(|f| f.name == name) {
        field.read_aliases = MESSAGE_NAMES
            .iter()
            .filter(|alias| !taken.iter().any(|t| t == *alias))
            .map(|alias| (*alias).to_owned())
            .collect();
    }
}

/// Standard base64 (with padding) to bytes; `None` when the text is not that.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (index, chunk) in bytes.chunks(4).enumerate() {
        let last = index + 1 == bytes.len() / 4;
        let padding = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if padding > 2 || (padding > 0 && !last) {
            return None;
        }
        let mut word = 0u32;
        for &c in &chunk[..4 - padding] {
            word = word << 6 | digit(c)?;
        }
        word <<= 6 * padding as u32;
        let decoded = [(word >> 16) as u8, (word >> 8) as u8, word as u8];
        out.extend_from_slice(&decoded[..3 - padding]);
    }
    Some(out)
}

impl<'m> Walker<'m> {
    /// Converts a `smithy.api#default` value for the member's type, or says why
    /// it cannot be represented.
    fn default_value(
        &self,
        id: &str,
        member: &Member,
        ty: &Type,
        value: &Value,
    ) -> Result<ir::DefaultValue> {
        use ir::DefaultValue as D;
        let unfit = |why: &str| Error::UnsupportedTrait {
            id: id.to_owned(),
            trait_id: "smithy.api#default".to_owned(),
            reason: format!("default {value} {why}"),
        };
        let integer = |min: i64, max: i64| match value.as_i64() {
            Some(n) if (min..=max).contains(&n) => Ok(D::Integer(n)),
            _ => Err(unfit("is not an integer that fits the member's type")),
        };
        match ty {
            Type::String => value
                .as_str()
                .map(|s| D::String(s.to_owned()))
                .ok_or_else(|| unfit("is not a string")),
            Type::Bool => value
                .as_bool()
                .map(D::Bool)
                .ok_or_else(|| unfit("is not a boolean")),
            Type::Byte => integer(i8::MIN.into(), i8::MAX.into()),
            Type::Short => integer(i16::MIN.into(), i16::MAX.into()),
            Type::Integer => integer(i32::MIN.into(), i32::MAX.into()),
            Type::Long => integer(i64::MIN, i64::MAX),
            Type::Float | Type::Double => match value {
                Value::Number(n) => n
                    .as_f64()
                    .map(D::Float)
                    .ok_or_else(|| unfit("is not a number")),
                Value::String(s) if s == "NaN" => Ok(D::Float(f64::NAN)),
                Value::String(s) if s == "Infinity" => Ok(D::Float(f64::INFINITY)),
                Value::String(s) if s == "-Infinity" => Ok(D::Float(f64::NEG_INFINITY)),
                _ => Err(unfit("is not a number, `NaN`, `Infinity` or `-Infinity`")),
            },
            Type::Timestamp(_) => value
                .as_f64()
                .filter(|secs| secs.is_finite() && secs.abs() < 1e15)
                .map(|secs| D::TimestampMillis((secs * 1000.0).round() as i64))
                .ok_or_else(|| unfit("is not epoch seconds")),
            Type::Blob => value
                .as_str()
                .and_then(decode_base64)
                .map(D::Blob)
                .ok_or_else(|| unfit("is not valid base64")),
            Type::Document => Ok(D::Document(value.to_string())),
            Type::List { .. } if value.as_array().is_some_and(Vec::is_empty) => Ok(D::EmptyList),
            Type::Map { .. } if value.as_object().is_some_and(serde_json::Map::is_empty) => {
                Ok(D::EmptyMap)
            }
            Type::List { .. } | Type::Map { .. } => Err(unfit("is not empty")),
            Type::Named(_) => {
                let target = self.model.shapes.get(&member.target).map(|s| &s.kind);
                match (target, value) {
                    (
                        Some(ShapeKind::Enum(_) | ShapeKind::Simple(SimpleKind::String)),
                        Value::String(s),
                    ) => Ok(D::EnumValue(s.clone())),
                    (Some(ShapeKind::IntEnum(_)), Value::Number(n)) => n
                        .as_i64()
                        .and_then(|n| i32::try_from(n).ok())
                        .map(D::IntEnumValue)
                        .ok_or_else(|| unfit("is not an `i32`")),
                    _ => Err(unfit("cannot be a default of this shape")),
                }
            }
        }
    }
}
