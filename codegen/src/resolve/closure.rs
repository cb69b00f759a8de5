//! The shapes a shape reaches (its closure), walked iteratively and each
//! once, so that any model size or depth is fine.

use std::collections::HashSet;

use crate::smithy::{Member, Model, Shape, ShapeKind};

/// One step of a walk: a shape of the model, or a member of one.
pub(super) enum Reached<'m> {
    /// A shape, with its id.
    Shape(&'m str, &'m Shape),
    /// A member of a structure, union, list or map, with the id of its shape
    /// (the member's own id is `shape$member`).
    Member { shape: &'m str, member: &'m Member },
}

/// Walks the closure of `roots` (an operation reaches its input, output and
/// errors) and returns the first answer `visit` gives.
pub(super) fn find<'m, T>(
    model: &'m Model,
    roots: impl IntoIterator<Item = &'m str>,
    mut visit: impl FnMut(Reached<'m>) -> Option<T>,
) -> Option<T> {
    let mut seen = HashSet::new();
    let mut pending: Vec<&'m str> = roots.into_iter().collect();
    while let Some(id) = pending.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Some((id, shape)) = model.shapes.get_key_value(id) else {
            continue;
        };
        if let Some(found) = visit(Reached::Shape(id, shape)) {
            return Some(found);
        }
        let members: Vec<&Member> = match &shape.kind {
            ShapeKind::Operation {
                input,
                output,
                errors,
            } => {
                pending.extend(input.iter().chain(output).chain(errors).map(String::as_str));
                continue;
            }
            ShapeKind::Structure(m) | ShapeKind::Union(m) => m.iter().collect(),
            ShapeKind::List(m) => vec![m],
            ShapeKind::Map { key, value } => vec![key, value],
            _ => continue,
        };
        for member in members {
            let reached = Reached::Member { shape: id, member };
            if let Some(found) = visit(reached) {
                return Some(found);
            }
            pending.push(&member.target);
        }
    }
    None
}
