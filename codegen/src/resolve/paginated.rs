//! `smithy.api#paginated`: an operation's trait completed by the service's
//! (which may give `inputToken`, `outputToken` and `pageSize` for all), then
//! its member paths followed through the generated structures.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::{self, FieldStep, Presence, Type};
use crate::naming;
use crate::smithy::Shape;

/// The trait's member paths, as the model writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Paths {
    input_token: String,
    output_token: String,
    items: Option<String>,
    page_size: Option<String>,
}

const TRAIT: &str = "smithy.api#paginated";

/// The paths of `operation`'s trait, completed by `service`'s; `None` when
/// the operation is not paginated.
pub(super) fn read(service: &Shape, operation: &Shape) -> Result<Option<Paths>> {
    let Some(own) = operation.traits.get(TRAIT) else {
        return Ok(None);
    };
    let malformed = |problem: String| Error::Malformed {
        origin: format!("shape `{}`", operation.id),
        problem,
    };
    let member = |name: &str| -> Result<Option<String>> {
        let value = own
            .get(name)
            .or_else(|| service.traits.get(TRAIT).and_then(|t| t.get(name)));
        match value {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(path)) if !path.is_empty() => Ok(Some(path.clone())),
            Some(other) => Err(malformed(format!(
                "`{TRAIT}` member `{name}` is {other}, not a member path"
            ))),
        }
    };
    let (Some(input_token), Some(output_token)) = (member("inputToken")?, member("outputToken")?)
    else {
        return Err(malformed(format!(
            "`{TRAIT}` names no `inputToken` and `outputToken` (nor does the service)"
        )));
    };
    Ok(Some(Paths {
        input_token,
        output_token,
        items: own.get("items").and_then(Value::as_str).map(str::to_owned),
        page_size: member("pageSize")?,
    }))
}

/// Follows `paths` through the operation's input and output structures.
pub(super) fn link(
    op: &ir::Operation,
    paths: &Paths,
    structs: &BTreeMap<&str, &ir::Struct>,
) -> Result<ir::Paginator> {
    let malformed = |problem: String| Error::Malformed {
        origin: format!("shape `{}`", op.id),
        problem,
    };
    let structure = |name: Option<&String>, role: &str| {
        name.and_then(|n| structs.get(n.as_str()))
            .copied()
            .ok_or_else(|| malformed(format!("is paginated but has no {role} structure")))
    };
    let input = structure(op.input.as_ref(), "input")?;
    let output = structure(op.output.as_ref(), "output")?;
    let follow = |start: &ir::Struct, path: &str, role: &str| -> Result<(Vec<FieldStep>, Type)> {
        let mut steps = Vec::new();
        let mut here = start;
        let mut ty = None;
        for (i, member) in path.split('.').enumerate() {
            if i > 0 {
                here = match &ty {
                    Some(Type::Named(name)) => structs.get(name.as_str()).copied(),
                    _ => None,
                }
                .ok_or_else(|| {
                    malformed(format!(
                        "`{TRAIT}` {role} `{path}`: `{member}` follows a member that is not a structure"
                    ))
                })?;
            }
            let field = here
                .fields
                .iter()
                .find(|f| f.member == member)
                .ok_or_else(|| {
                    malformed(format!(
                        "`{TRAIT}` {role} `{path}`: `{member}` is not a member of `{}`",
                        here.id
                    ))
                })?;
            steps.push(FieldStep {
                member: member.to_owned(),
                field: field.name.clone(),
                optional: field.presence == Presence::Optional,
                boxed: field.boxed,
            });
            ty = Some(field.ty.clone());
        }
        let ty = ty.ok_or_else(|| malformed(format!("`{TRAIT}` {role} is empty")))?;
        Ok((steps, ty))
    };
    let (input_steps, token_type) = follow(input, &paths.input_token, "inputToken")?;
    let input_token = match <[FieldStep; 1]>::try_from(input_steps) {
        Ok([step]) => step,
        Err(_) => {
            return Err(malformed(format!(
                "`{TRAIT}` inputToken `{}` is not a member of the input",
                paths.input_token
            )));
        }
    };
    if !matches!(token_type, Type::String | Type::Map { .. }) {
        return Err(malformed(format!(
            "`{TRAIT}` inputToken `{}` is neither a string nor a map",
            paths.input_token
        )));
    }
    let (output_token, output_type) = follow(output, &paths.output_token, "outputToken")?;
    if output_type != token_type {
        return Err(malformed(format!(
            "`{TRAIT}` outputToken `{}` has another type than inputToken `{}`",
            paths.output_token, paths.input_token
        )));
    }
    let items = match &paths.items {
        None => None,
        Some(path) => {
            let (steps, ty) = follow(output, path, "items")?;
            if !matches!(ty, Type::List { .. } | Type::Map { .. }) {
                return Err(malformed(format!(
                    "`{TRAIT}` items `{path}` is neither a list nor a map"
                )));
            }
            Some((steps, ty))
        }
    };
    let page_size = match &paths.page_size {
        None => None,
        Some(path) => {
            let (steps, ty) = follow(input, path, "pageSize")?;
            match (<[FieldStep; 1]>::try_from(steps), ty) {
                (Ok([step]), ty @ (Type::Integer | Type::Long)) => Some((step, ty)),
                _ => {
                    return Err(malformed(format!(
                        "`{TRAIT}` pageSize `{path}` is not an integer member of the input"
                    )));
                }
            }
        }
    };
    Ok(ir::Paginator {
        pages_method: naming::field_name(&format!("{}Pages", op.wire_name)),
        items_method: items
            .is_some()
            .then(|| naming::field_name(&format!("{}Items", op.wire_name))),
        input_token,
        output_token,
        token_type,
        items,
        page_size,
    })
}
