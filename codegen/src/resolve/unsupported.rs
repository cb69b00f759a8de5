//! What the generator does not support yet, decided in one place: the walk
//! refuses it with an error naming the shape, and a whole-service selection
//! leaves out the operations whose closure needs it (`first_in_closure`).

use serde_json::Value;

use super::closure::{self, Reached};
use crate::smithy::{Member, Model, ShapeKind, SimpleKind, Traits, prelude_kind};

/// Traits that change the wire format in ways the generated code does not
/// implement yet: generating anyway would silently talk nonsense to the service.
const UNSUPPORTED_TRAITS: &[(&str, &str)] = &[
    (
        "smithy.api#streaming",
        "event streams (streaming unions) are not supported yet",
    ),
    ("smithy.api#eventStream", "event streams are not supported"),
];

/// Whether `shape` is a streaming blob: a payload held in memory as a
/// `Blob`, supported.
pub(super) fn is_streaming_blob(shape: &crate::smithy::Shape) -> bool {
    matches!(shape.kind, ShapeKind::Simple(SimpleKind::Blob))
        && shape.traits.has("smithy.api#streaming")
}

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
pub(super) fn first_in_closure(model: &Model, id: &str) -> Option<(String, String)> {
    closure::find(model, [id], |reached| match reached {
        Reached::Shape(_, shape) if is_streaming_blob(shape) => None,
        Reached::Shape(id, shape) => trait_problem(&shape.traits)
            .map(|(trait_id, reason)| (id.to_owned(), format!("`{trait_id}`: {reason}"))),
        Reached::Member {
            id,
            member,
            in_collection,
        } => match trait_problem(&member.traits) {
            Some((trait_id, reason)) => Some((id, format!("`{trait_id}`: {reason}"))),
            None if in_collection => element_problem(model, member).map(|reason| (id, reason)),
            None => None,
        },
    })
}
