//! What the generator does not support yet, decided in one place: the walk
//! refuses it with an error naming the shape, and a whole-service selection
//! leaves out the operations whose closure needs it (`first_in_closure`).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::smithy::{Member, Model, ShapeKind, SimpleKind, Traits, prelude_kind};

/// Traits that change the wire format in ways the generated code does not
/// implement yet: generating anyway would silently talk nonsense to the service.
const UNSUPPORTED_TRAITS: &[(&str, &str)] = &[
    (
        "smithy.api#streaming",
        "streaming payloads and event streams are not supported yet",
    ),
    ("smithy.api#eventStream", "event streams are not supported"),
];

/// The first unsupported trait among `traits`, with the reason.
pub(super) fn trait_problem(traits: &Traits) -> Option<(&'static str, String)> {
    UNSUPPORTED_TRAITS
        .iter()
        .find(|(id, _)| traits.has(id))
        .map(|(id, reason)| (*id, (*reason).to_owned()))
}

/// The reason a list or map member cannot be generated: a timestamp with a
/// format other than epoch-seconds (the format is chosen per field, so
/// elements of collections take the default).
pub(super) fn element_problem(model: &Model, member: &Member) -> Option<String> {
    let target = model.shapes.get(&member.target);
    let is_timestamp = prelude_kind(&member.target) == Some(SimpleKind::Timestamp)
        || target.is_some_and(|t| matches!(t.kind, ShapeKind::Simple(SimpleKind::Timestamp)));
    let format = member
        .traits
        .get("smithy.api#timestampFormat")
        .or_else(|| target.and_then(|t| t.traits.get("smithy.api#timestampFormat")))
        .and_then(Value::as_str);
    (is_timestamp && format.is_some_and(|f| f != "epoch-seconds"))
        .then(|| "non-default timestamp formats inside lists and maps are not supported".to_owned())
}

/// The first shape (or `shape$member`) in the closure of operation `id` that
/// needs something unsupported, with the reason; `None` when all is supported.
/// Iterative and visiting each shape once, so any model size or depth is fine.
pub(super) fn first_in_closure(model: &Model, id: &str) -> Option<(String, String)> {
    let mut seen = BTreeSet::new();
    let mut pending = vec![id.to_owned()];
    while let Some(id) = pending.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(shape) = model.shapes.get(&id) else {
            continue;
        };
        if let Some((trait_id, reason)) = trait_problem(&shape.traits) {
            return Some((id, format!("`{trait_id}`: {reason}")));
        }
        let (members, collection): (Vec<&Member>, bool) = match &shape.kind {
            ShapeKind::Operation {
                input,
                output,
                errors,
            } => {
                pending.extend(input.iter().chain(output).chain(errors).cloned());
                continue;
            }
            ShapeKind::Structure(m) | ShapeKind::Union(m) => (m.iter().collect(), false),
            ShapeKind::List(m) => (vec![m], true),
            ShapeKind::Map { key, value } => (vec![key, value], true),
            _ => continue,
        };
        for member in members {
            let member_id = format!("{id}${}", member.name);
            if let Some((trait_id, reason)) = trait_problem(&member.traits) {
                return Some((member_id, format!("`{trait_id}`: {reason}")));
            }
            if collection && let Some(reason) = element_problem(model, member) {
                return Some((member_id, reason));
            }
            pending.push(member.target.clone());
        }
    }
    None
}
