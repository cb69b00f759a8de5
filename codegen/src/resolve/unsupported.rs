//! What the generator does not support yet, decided in one place: the walk
//! refuses it with an error naming the shape, and a whole-service selection
//! leaves out the operations whose closure needs it (`first_in_closure`).

use super::closure::{self, Reached};
use crate::smithy::{Model, ShapeKind, SimpleKind, Traits};

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

/// The first shape (or `shape$member`) in the closure of operation `id` that
/// needs something unsupported, with the reason; `None` when all is supported.
pub(super) fn first_in_closure(model: &Model, id: &str) -> Option<(String, String)> {
    closure::find(model, [id], |reached| match reached {
        Reached::Shape(_, shape) if is_streaming_blob(shape) => None,
        Reached::Shape(id, shape) => trait_problem(&shape.traits)
            .map(|(trait_id, reason)| (id.to_owned(), format!("`{trait_id}`: {reason}"))),
        Reached::Member { shape, member } => {
            trait_problem(&member.traits).map(|(trait_id, reason)| {
                (
                    format!("{shape}${}", member.name),
                    format!("`{trait_id}`: {reason}"),
                )
            })
        }
    })
}
