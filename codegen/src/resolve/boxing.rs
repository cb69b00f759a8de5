//! Recursion: which fields and union members must be boxed.

use std::collections::BTreeMap;

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
    // A field's target leads back to its owner exactly when both sit in one
    // strongly connected component of the type graph (the field is an edge
    // from owner to target): one linear pass decides every field.
    let component = strongly_connected_components(&edges);
    let reaches = |from: &str, to: &str| -> bool {
        component
            .get(from)
            .is_some_and(|c| component.get(to) == Some(c))
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

/// The strongly connected component of every node (Tarjan's algorithm, with an
/// explicit stack so that no depth of the graph can overflow the call stack).
fn strongly_connected_components(edges: &BTreeMap<String, Vec<String>>) -> BTreeMap<&str, usize> {
    let names: Vec<&str> = edges.keys().map(String::as_str).collect();
    let index_of: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let successors: Vec<Vec<usize>> = names
        .iter()
        .map(|n| {
            edges[*n]
                .iter()
                .filter_map(|t| index_of.get(t.as_str()).copied())
                .collect()
        })
        .collect();
    let n = names.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut components = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, position of the next successor to visit)
        let mut work = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut next)) = work.last_mut() {
            if let Some(&succ) = successors[node].get(*next) {
                *next += 1;
                if index[succ] == usize::MAX {
                    index[succ] = next_index;
                    low[succ] = next_index;
                    next_index += 1;
                    stack.push(succ);
                    on_stack[succ] = true;
                    work.push((succ, 0));
                } else if on_stack[succ] {
                    low[node] = low[node].min(index[succ]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    names.into_iter().zip(component).collect()
}
