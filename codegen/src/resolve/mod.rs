//! Stage 2, resolve: from a parsed [`Model`] to the [`ir::Crate`] of one service.
//!
//! Selects the operations (all of the service's by default), walks their closure
//! (input, output, errors, and every member target, transitively), maps each shape
//! to a Rust type, decides names through `naming`, and rejects what the generated
//! code could not honour with an error naming the shape: dangling targets,
//! unsupported shape types and traits, protocols other than awsJson, name
//! collisions. Output order never depends on the model's key order.

mod boxing;
mod closure;
mod customize;
mod http;
mod jmespath;
mod paginated;
mod unsupported;
mod values;
mod waitable;
mod walker;

use boxing::box_recursive_fields;
use walker::Walker;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::docs;
use crate::error::{Error, Result};
use crate::ir::{self};
use crate::naming;
use crate::smithy::{Model, Shape, ShapeKind, Traits, shape_name};

/// Which part of the model to generate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The service shape id or name; `None` when the model has exactly one service.
    pub service: Option<String>,
    /// Operation names (`UpdateDistribution`); empty means every operation
    /// the generator supports (the others are listed in [`ir::Crate::omitted`]).
    pub operations: Vec<String>,
    /// Operation names never to generate.
    pub exclude: Vec<String>,
}

static NO_RENAMES: BTreeMap<String, String> = BTreeMap::new();

/// Resolves the selected operations of a service into the IR.
pub fn resolve(model: &Model, selection: &Selection) -> Result<ir::Crate> {
    let service_shape = find_service(model, selection.service.as_deref())?;
    let service = service_facts(service_shape)?;
    let (operation_ids, omitted) = select_operations(model, service_shape, selection)?;

    let mut walker = Walker {
        model,
        needed: BTreeSet::new(),
        pending: Vec::new(),
        inputs: BTreeSet::new(),
        outputs: BTreeSet::new(),
        collections: Vec::new(),
        protocol: service.protocol,
        renames: match &service_shape.kind {
            ShapeKind::Service { rename, .. } => rename,
            _ => &NO_RENAMES,
        },
    };
    let mut operations = Vec::new();
    let mut pagination = BTreeMap::new();
    let mut waiters = BTreeMap::new();
    for id in &operation_ids {
        operations.push(walker.operation(id)?);
        let shape = model.shapes.get(id).ok_or_else(|| Error::Malformed {
            origin: format!("shape `{id}`"),
            problem: "is bound to the service but not defined".into(),
        })?;
        if let Some(paths) = paginated::read(service_shape, shape)? {
            pagination.insert(id.clone(), paths);
        }
        if let Some(trait_value) = waitable::read(shape) {
            waiters.insert(id.clone(), trait_value);
        }
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
    link_operations(&mut operations, &types, &pagination, &waiters)?;
    customize::apply(&service, &mut operations, &types);
    check_unique(
        "the client's methods",
        operations.iter().flat_map(|op| {
            let paginator = op.paginator.iter();
            std::iter::once(&op.method)
                .chain(paginator.clone().map(|p| &p.pages_method))
                .chain(paginator.filter_map(|p| p.items_method.as_ref()))
                .chain(op.waiters.iter().map(|w| &w.method))
                .map(|method| (method.clone(), op.id.clone()))
        }),
    )?;
    document_roles(&mut types, &operations);
    Ok(ir::Crate {
        service,
        types,
        operations,
        omitted,
    })
}

/// Operations read facts their structures decided: a host label's field name
/// and presence from the input, the fields on a paginator's and a waiter's
/// paths.
fn link_operations(
    operations: &mut [ir::Operation],
    types: &[ir::TypeDef],
    pagination: &BTreeMap<String, paginated::Paths>,
    waiters: &BTreeMap<String, Value>,
) -> Result<()> {
    let by_name: BTreeMap<&str, &ir::TypeDef> = types.iter().map(|t| (t.name(), t)).collect();
    let structs: BTreeMap<&str, &ir::Struct> = types
        .iter()
        .filter_map(|t| match t {
            ir::TypeDef::Struct(s) => Some((s.name.as_str(), s)),
            _ => None,
        })
        .collect();
    for op in operations {
        if let Some(paths) = pagination.get(&op.id) {
            op.paginator = Some(paginated::link(op, paths, &structs)?);
        }
        if let Some(trait_value) = waiters.get(&op.id) {
            op.waiters = waitable::link(op, trait_value, &by_name)?;
        }
        let input = op.input.as_deref().and_then(|name| structs.get(name));
        if let Some(route) = op.http.take() {
            let is_enum = |name: &str| {
                matches!(
                    by_name.get(name),
                    Some(ir::TypeDef::Enum(_) | ir::TypeDef::IntEnum(_))
                )
            };
            op.http = Some(http::route(&op.id, route, input.copied(), &is_enum)?);
            let output = op.output.as_deref().and_then(|name| structs.get(name));
            let errors = op
                .errors
                .iter()
                .filter_map(|case| structs.get(case.type_name.as_str()));
            for s in input.into_iter().chain(output).chain(errors) {
                http::check_structure(s, &is_enum)?;
            }
        }
        op.idempotency_token = input.and_then(|s| {
            s.fields
                .iter()
                .find(|f| f.idempotency_token && f.presence == ir::Presence::Optional)
                .map(|f| f.name.clone())
        });
        for part in &mut op.host_prefix {
            let ir::HostPrefixPart::Label {
                member,
                field,
                optional,
            } = part
            else {
                continue;
            };
            let decided = input
                .and_then(|s| s.fields.iter().find(|f| &f.member == member))
                .ok_or_else(|| Error::Malformed {
                    origin: format!("shape `{}`", op.id),
                    problem: format!("host label `{member}` is not a member of the input"),
                })?;
            *field = decided.name.clone();
            *optional = decided.presence == ir::Presence::Optional;
        }
    }
    Ok(())
}

/// Says in each input and output structure's docs which operation it
/// belongs to, with a link to the operation.
fn document_roles(types: &mut [ir::TypeDef], operations: &[ir::Operation]) {
    let mut roles: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for op in operations {
        // rustdoc cannot follow a link through a raw identifier (`r#match`).
        let link = if op.module.starts_with("r#") || op.name.starts_with("r#") {
            format!("`{}`", op.wire_name)
        } else {
            format!(
                "[`{}`](crate::operation::{}::{})",
                op.wire_name, op.module, op.name
            )
        };
        if let Some(input) = &op.input {
            roles
                .entry(input)
                .or_default()
                .push(format!("The input of the {link} operation."));
        }
        if let Some(output) = &op.output {
            roles
                .entry(output)
                .or_default()
                .push(format!("The output of the {link} operation."));
        }
    }
    for t in types {
        if let ir::TypeDef::Struct(s) = t
            && let Some(lines) = roles.remove(s.name.as_str())
        {
            if !s.docs.is_empty() {
                s.docs.push(String::new());
            }
            s.docs.extend(lines);
        }
    }
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
            "the model has {} service shapes ({}); choose one with `--service NAME` \
             (awsgen) or `Config::service(NAME)` (build.rs)",
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
    // The first protocol the generator knows, in this order, when a service
    // lists several.
    let protocol = match (
        t.has("aws.protocols#awsJson1_1"),
        t.has("aws.protocols#awsJson1_0"),
        t.has("aws.protocols#restJson1"),
    ) {
        (true, _, _) => ir::Protocol::AwsJson(ir::JsonVersion::V1_1),
        (false, true, _) => ir::Protocol::AwsJson(ir::JsonVersion::V1_0),
        (false, false, true) => ir::Protocol::RestJson1,
        (false, false, false) => {
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
        protocol,
        sdk_id,
        signing_name,
        endpoint_prefix,
        query_compatible: t.has("aws.protocols#awsQueryCompatible"),
        id,
    })
}

/// The service's operations (direct and through resources), sorted by name:
/// the `wanted` ones, or else every one whose closure the generator supports,
/// less the excluded; and the operations left out as unsupported.
fn select_operations(
    model: &Model,
    service: &Shape,
    selection: &Selection,
) -> Result<(Vec<String>, Vec<ir::OmittedOperation>)> {
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
    let known = |name: &String| -> Result<String> {
        all.get(name.as_str())
            .cloned()
            .ok_or_else(|| Error::UnknownOperation {
                service: service.id.clone(),
                name: name.clone(),
                closest: closest_names(name, all.keys()),
            })
    };
    let excluded = selection
        .exclude
        .iter()
        .map(known)
        .collect::<Result<BTreeSet<_>>>()?;
    if !selection.operations.is_empty() {
        // Named operations are generated or fail with the reason: never skipped.
        let mut chosen = BTreeSet::new();
        for name in &selection.operations {
            let id = known(name)?;
            if !excluded.contains(&id) {
                chosen.insert((name.clone(), id));
            }
        }
        return Ok((chosen.into_iter().map(|(_, id)| id).collect(), Vec::new()));
    }
    let mut chosen = Vec::new();
    let mut omitted = Vec::new();
    for (name, id) in all {
        if excluded.contains(&id) {
            continue;
        }
        match unsupported::first_in_closure(model, &id) {
            Some((shape, reason)) => omitted.push(ir::OmittedOperation {
                name,
                shape,
                reason,
            }),
            None => chosen.push(id),
        }
    }
    Ok((chosen, omitted))
}

/// Up to three names closest to `name` (by edit distance, case-insensitive),
/// for "did you mean" messages.
fn closest_names<'a>(name: &str, candidates: impl Iterator<Item = &'a String>) -> Vec<String> {
    let wanted = name.to_ascii_lowercase();
    let mut scored: Vec<(usize, &String)> = candidates
        .map(|c| (edit_distance(&wanted, &c.to_ascii_lowercase()), c))
        .collect();
    scored.sort();
    let limit = wanted.chars().count().max(3);
    scored
        .into_iter()
        .filter(|(d, _)| *d <= limit)
        .take(3)
        .map(|(_, c)| c.clone())
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
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
    if let Some((trait_id, reason)) = unsupported::trait_problem(traits) {
        return Err(Error::UnsupportedTrait {
            id: id.to_owned(),
            trait_id: trait_id.to_owned(),
            reason,
        });
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
