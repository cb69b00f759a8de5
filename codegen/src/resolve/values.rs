//! Simple shapes and enums: the Rust types of simple shapes, and the variants
//! of string enums (2.0 `enum`, 1.0 `smithy.api#enum`) and intEnums.

use serde_json::Value;

use crate::docs;
use crate::error::{Error, Result};
use crate::ir::{self, Type};
use crate::naming;
use crate::smithy::{Member, SimpleKind, Traits};

use super::{check_unique, timestamp_format};

pub(super) fn int_enum_def(
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
            lines.extend(renamed_note(&member.name, "values"));
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

pub(super) fn simple_type(id: &str, kind: SimpleKind, traits: &Traits) -> Result<Type> {
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
pub(super) fn legacy_enum_values(id: &str, traits: &Traits) -> Result<Vec<EnumValue>> {
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

pub(super) fn enum_def(
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
            lines.extend(renamed_note(&member, "values"));
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

/// The doc lines of a variant renamed away from the catch-all's name.
pub(super) fn renamed_note(model_name: &str, what: &str) -> [String; 2] {
    [
        String::new(),
        format!(
            "Named `{model_name}` in the model; renamed because `{}` holds {what} these bindings \
             do not know.",
            naming::UNKNOWN_VARIANT
        ),
    ]
}
