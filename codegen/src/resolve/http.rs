//! Smithy's HTTP binding traits, read once for the REST protocols: where each
//! member of an operation's input, output or error travels (`location`), the
//! timestamp format its location implies (`located_timestamp`), and the
//! operation's method, URI pattern and success code checked against its
//! input (`route`).

use serde_json::Value;

use crate::error::{Error, Result};
use crate::ir::{self, Location, PathPart, TimestampFormat, Type};
use crate::smithy::{Member, Traits};

/// The binding traits, each with the location it gives.
const BINDINGS: [&str; 7] = [
    "smithy.api#httpLabel",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpHeader",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
];

fn malformed(origin: &str, problem: impl Into<String>) -> Error {
    Error::Malformed {
        origin: format!("shape `{origin}`"),
        problem: problem.into(),
    }
}

/// Where member `member_id` travels, from its binding trait (`Body` without
/// one).
pub(super) fn location(member_id: &str, member: &Member) -> Result<Location> {
    let traits = &member.traits;
    let present: Vec<&str> = BINDINGS.into_iter().filter(|t| traits.has(t)).collect();
    let name = |trait_id: &str| -> Result<String> {
        match traits.get(trait_id).and_then(Value::as_str) {
            Some(name) if !name.is_empty() => Ok(name.to_owned()),
            _ => Err(malformed(
                member_id,
                format!("`{trait_id}` must give a non-empty name"),
            )),
        }
    };
    let location = match present.as_slice() {
        [] => Location::Body,
        ["smithy.api#httpLabel"] => Location::Label,
        ["smithy.api#httpQuery"] => Location::Query(name("smithy.api#httpQuery")?),
        ["smithy.api#httpQueryParams"] => Location::QueryParams,
        ["smithy.api#httpHeader"] => {
            let header = name("smithy.api#httpHeader")?;
            if !is_token(&header) {
                return Err(malformed(
                    member_id,
                    format!("`smithy.api#httpHeader` `{header}` is not a valid header name"),
                ));
            }
            Location::Header(header)
        }
        ["smithy.api#httpPrefixHeaders"] => {
            // An empty prefix is allowed: the map then holds every header.
            let prefix = traits
                .get("smithy.api#httpPrefixHeaders")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    malformed(member_id, "`smithy.api#httpPrefixHeaders` must be a string")
                })?;
            if !prefix.is_empty() && !is_token(prefix) {
                return Err(malformed(
                    member_id,
                    format!("header prefix `{prefix}` is not valid in a header name"),
                ));
            }
            Location::PrefixHeaders(prefix.to_ascii_lowercase())
        }
        ["smithy.api#httpPayload"] => Location::Payload,
        ["smithy.api#httpResponseCode"] => Location::ResponseCode,
        many => {
            return Err(malformed(
                member_id,
                format!("has more than one HTTP binding trait ({})", many.join(", ")),
            ));
        }
    };
    Ok(location)
}

/// RFC 9110 token characters, which header names are made of.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// `ty` with the timestamp format `location` implies when the model gives
/// none (`explicit`): http-date in headers, date-time in the URI and query.
pub(super) fn located_timestamp(ty: Type, location: &Location, explicit: bool) -> Type {
    let format = match location {
        Location::Header(_) => TimestampFormat::HttpDate,
        Location::Label | Location::Query(_) => TimestampFormat::DateTime,
        _ => return ty,
    };
    if explicit {
        return ty;
    }
    match ty {
        Type::Timestamp(_) => Type::Timestamp(format),
        Type::List { element, sparse } if matches!(*element, Type::Timestamp(_)) => Type::List {
            element: Box::new(Type::Timestamp(format)),
            sparse,
        },
        ty => ty,
    }
}

/// The operation's `smithy.api#http` trait, read but not yet checked against
/// the input (see [`route`]).
pub(super) fn read(op_id: &str, traits: &Traits) -> Result<Option<ir::HttpRoute>> {
    let Some(http) = traits.get("smithy.api#http") else {
        return Ok(None);
    };
    let method = http
        .get("method")
        .and_then(Value::as_str)
        .filter(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()))
        .ok_or_else(|| malformed(op_id, "`smithy.api#http` needs an upper-case `method`"))?;
    let uri = http
        .get("uri")
        .and_then(Value::as_str)
        .ok_or_else(|| malformed(op_id, "`smithy.api#http` needs a `uri`"))?;
    let code = match http.get("code") {
        None => 200,
        Some(code) => code
            .as_u64()
            .and_then(|c| u16::try_from(c).ok())
            .filter(|c| (100..600).contains(c))
            .ok_or_else(|| {
                malformed(
                    op_id,
                    format!("`smithy.api#http` code {code} is not an HTTP status"),
                )
            })?,
    };
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let bad_uri = |problem: &str| malformed(op_id, format!("URI pattern `{uri}`: {problem}"));
    let Some(segments) = path.strip_prefix('/') else {
        return Err(bad_uri("must start with `/`"));
    };
    let mut parts = Vec::new();
    let mut literal = String::from("/");
    for (i, segment) in segments.split('/').enumerate() {
        if i > 0 {
            literal.push('/');
        }
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(label) => {
                let (member, greedy) = match label.strip_suffix('+') {
                    Some(member) => (member, true),
                    None => (label, false),
                };
                if member.is_empty() || member.contains(['{', '}', '+']) {
                    return Err(bad_uri(&format!("`{segment}` is not a label")));
                }
                if greedy
                    && parts
                        .iter()
                        .any(|p| matches!(p, PathPart::Label { greedy: true, .. }))
                {
                    return Err(bad_uri("has more than one greedy label"));
                }
                if parts
                    .iter()
                    .any(|p| matches!(p, PathPart::Label { member: m, .. } if m == member))
                {
                    return Err(bad_uri(&format!("label `{member}` appears twice")));
                }
                if !literal.is_empty() {
                    parts.push(PathPart::Literal(std::mem::take(&mut literal)));
                }
                parts.push(PathPart::Label {
                    member: member.to_owned(),
                    // Filled from the input's decisions by `route`.
                    field: String::new(),
                    optional: false,
                    greedy,
                    default: None,
                });
            }
            None if segment.contains(['{', '}']) => {
                return Err(bad_uri(&format!(
                    "`{segment}`: a label must be a whole segment"
                )));
            }
            None => literal.push_str(segment),
        }
    }
    if !literal.is_empty() {
        parts.push(PathPart::Literal(literal));
    }
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (pair.to_owned(), None),
        })
        .collect();
    Ok(Some(ir::HttpRoute {
        method: method.to_owned(),
        path: parts,
        query,
        code,
        // Set by the service's customization, if any (`customize`).
        headers: Vec::new(),
        tree_hash: false,
    }))
}

/// `route` checked against the operation's input: every label of the URI is
/// an `httpLabel` member and every such member a label (the label's field
/// name and presence are copied from the input's decisions), query names and
/// header names are not bound twice, and the payload is alone in the body.
pub(super) fn route(
    op_id: &str,
    mut route: ir::HttpRoute,
    input: Option<&ir::Struct>,
    is_enum: &dyn Fn(&str) -> bool,
) -> Result<ir::HttpRoute> {
    let fields = input.map_or(&[][..], |s| s.fields.as_slice());
    for part in &mut route.path {
        let PathPart::Label {
            member,
            field,
            optional,
            ..
        } = part
        else {
            continue;
        };
        let decided = fields
            .iter()
            .find(|f| &f.member == member && f.location == Location::Label)
            .ok_or_else(|| {
                malformed(
                    op_id,
                    format!(
                        "URI label `{member}` is not an `smithy.api#httpLabel` member of the input"
                    ),
                )
            })?;
        if !is_scalar(&decided.ty, is_enum) {
            return Err(malformed(
                op_id,
                format!("URI label `{member}` must be a string, number, boolean or timestamp"),
            ));
        }
        *field = decided.name.clone();
        *optional = decided.presence == ir::Presence::Optional;
    }
    for f in fields.iter().filter(|f| f.location == Location::Label) {
        let in_uri = route
            .path
            .iter()
            .any(|p| matches!(p, PathPart::Label { member, .. } if member == &f.member));
        if !in_uri {
            return Err(malformed(
                op_id,
                format!(
                    "input member `{}` is an `smithy.api#httpLabel` but the URI has no `{{{}}}`",
                    f.member, f.member
                ),
            ));
        }
    }
    let mut queries: Vec<&str> = route.query.iter().map(|(name, _)| name.as_str()).collect();
    for f in fields {
        if let Location::Query(name) = &f.location {
            if queries.contains(&name.as_str()) {
                return Err(malformed(
                    op_id,
                    format!(
                        "query parameter `{name}` is bound twice (member `{}`)",
                        f.member
                    ),
                ));
            }
            queries.push(name);
        }
    }
    Ok(route)
}

/// Checks the bindings of structure `s` in its role: at most one payload,
/// alone in the body; headers bound once; a payload of a kind that can be
/// one; a response code an integer.
pub(super) fn check_structure(s: &ir::Struct, is_enum: &dyn Fn(&str) -> bool) -> Result<()> {
    let payloads: Vec<&ir::Field> = s
        .fields
        .iter()
        .filter(|f| f.location == Location::Payload)
        .collect();
    if let [first, second, ..] = payloads.as_slice() {
        return Err(malformed(
            &s.id,
            format!(
                "has two `smithy.api#httpPayload` members, `{}` and `{}`",
                first.member, second.member
            ),
        ));
    }
    if let [payload] = payloads.as_slice() {
        if let Some(body) = s.fields.iter().find(|f| f.location == Location::Body) {
            return Err(malformed(
                &s.id,
                format!(
                    "member `{}` would go in the body, which `smithy.api#httpPayload` member \
                     `{}` fills alone",
                    body.member, payload.member
                ),
            ));
        }
        if !matches!(
            payload.ty,
            Type::String | Type::Blob | Type::Document | Type::Named(_)
        ) {
            return Err(malformed(
                &s.id,
                format!(
                    "`smithy.api#httpPayload` member `{}` must be a structure, union, document, \
                     blob, string or enum",
                    payload.member
                ),
            ));
        }
    }
    let mut headers: Vec<String> = Vec::new();
    for f in &s.fields {
        match &f.location {
            Location::Header(name) => {
                let lower = name.to_ascii_lowercase();
                if headers.contains(&lower) {
                    return Err(malformed(
                        &s.id,
                        format!("header `{name}` is bound twice (member `{}`)", f.member),
                    ));
                }
                headers.push(lower);
                let element = match &f.ty {
                    Type::List { element, .. } => element,
                    ty => ty,
                };
                if !is_scalar(element, is_enum) {
                    return Err(malformed(
                        &s.id,
                        format!(
                            "header member `{}` must be a scalar or a list of scalars",
                            f.member
                        ),
                    ));
                }
            }
            Location::PrefixHeaders(_) | Location::QueryParams
                if !matches!(f.ty, Type::Map { .. }) =>
            {
                return Err(malformed(
                    &s.id,
                    format!("member `{}` binds a map but is not one", f.member),
                ));
            }
            Location::ResponseCode if f.ty != Type::Integer => {
                return Err(malformed(
                    &s.id,
                    format!(
                        "`smithy.api#httpResponseCode` member `{}` must be an integer",
                        f.member
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// A value one header, label or query value can hold as text: a string,
/// number, boolean, timestamp or enum.
fn is_scalar(ty: &Type, is_enum: &dyn Fn(&str) -> bool) -> bool {
    match ty {
        Type::String => true,
        Type::Named(name) => is_enum(name),
        ty => ty.is_copy_scalar(),
    }
}
