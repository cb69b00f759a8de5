//! Recursion: which fields and union members must be boxed.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{self, Type};

/// Boxes fields and union members that lead back to their own type without
/// passing through a collection (which already allocates), so every generated
/// type has a finite size.
pub(super) fn box_recursive_fields(types: &mut [ir::TypeDef]) {
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
