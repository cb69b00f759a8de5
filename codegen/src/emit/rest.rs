//! restJson1 HTTP bindings: an operation's `build_request` (route, labels,
//! query, headers, body or payload) and, for output and error structures,
//! `FromResponse` (body, payload, headers, status). Each binding is one call
//! into `awsgen_runtime::rest_json`, which holds the encoding rules.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, lit, type_tokens};
use crate::ir::{
    self, Field, Location, Operation, PathPart, Presence, Struct, TimestampFormat, Type,
};

/// What a named type is, for the text form of bound values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Enum,
    IntEnum,
    Struct,
    Other,
}

/// The generated types by Rust name: what a bound member's value is.
pub(crate) struct Kinds<'a>(BTreeMap<&'a str, Kind>);

impl<'a> Kinds<'a> {
    pub(crate) fn new(types: &'a [ir::TypeDef]) -> Self {
        Kinds(
            types
                .iter()
                .map(|t| {
                    let kind = match t {
                        ir::TypeDef::Enum(_) => Kind::Enum,
                        ir::TypeDef::IntEnum(_) => Kind::IntEnum,
                        ir::TypeDef::Struct(_) => Kind::Struct,
                        ir::TypeDef::Union(_) => Kind::Other,
                    };
                    (t.name(), kind)
                })
                .collect(),
        )
    }

    fn of(&self, ty: &Type) -> Kind {
        match ty {
            Type::Named(name) => self.0.get(name.as_str()).copied().unwrap_or(Kind::Other),
            _ => Kind::Other,
        }
    }
}

/// A value of a bound member, as expressions: `by_ref` of type `&T`, `recv`
/// a method receiver, `by_val` a place of type `T`.
struct Value {
    by_ref: TokenStream,
    recv: TokenStream,
    by_val: TokenStream,
}

impl Value {
    /// A field of `input` read in place.
    fn field(field: &Field) -> Self {
        let name = ident(&field.name);
        Value {
            by_ref: quote!(&input.#name),
            recv: quote!(input.#name),
            by_val: quote!(input.#name),
        }
    }

    /// A reference bound to `value`.
    fn reference(name: TokenStream) -> Self {
        Value {
            by_ref: name.clone(),
            recv: name.clone(),
            by_val: quote!(*#name),
        }
    }
}

/// The value as something `ToText`: enums by their string or number,
/// timestamps in their format's wrapper.
fn text(ty: &Type, value: &Value, kinds: &Kinds<'_>) -> TokenStream {
    let Value {
        by_ref,
        recv,
        by_val,
    } = value;
    match ty {
        Type::Timestamp(TimestampFormat::DateTime) => {
            quote!(::awsgen_runtime::timestamp::DateTimeString(#by_val))
        }
        Type::Timestamp(TimestampFormat::HttpDate) => {
            quote!(::awsgen_runtime::timestamp::HttpDate(#by_val))
        }
        Type::Named(_) => match kinds.of(ty) {
            Kind::Enum => quote!(#recv.as_str()),
            Kind::IntEnum => quote!(#recv.value()),
            Kind::Struct | Kind::Other => by_ref.clone(),
        },
        // `Copy` values go by value.
        ty if ty.is_copy_scalar() => by_val.clone(),
        _ => by_ref.clone(),
    }
}

/// The items of a list as `ToText` values.
fn text_items(element: &Type, value: &Value, kinds: &Kinds<'_>) -> TokenStream {
    let recv = &value.recv;
    match element {
        Type::String | Type::Blob => quote!(#recv.iter()),
        // Timestamps in another format are wrapped, as `text` does.
        Type::Timestamp(format) if *format != TimestampFormat::EpochSeconds => {
            let mapped = text(element, &Value::reference(quote!(item)), kinds);
            quote!(#recv.iter().map(|item| #mapped))
        }
        ty if ty.is_copy_scalar() => quote!(#recv.iter().copied()),
        _ => {
            let mapped = text(element, &Value::reference(quote!(item)), kinds);
            quote!(#recv.iter().map(|item| #mapped))
        }
    }
}

/// `fn build_request` of a restJson1 operation.
///
/// ```text
/// let mut request = Request::new(Method::GET, "");
/// request.path("/2015-03-31/functions/");
/// request.label("FunctionName", Some(&input.function_name), false)?;
/// if let Some(value) = &input.qualifier { request.query("Qualifier", value); }
/// request.json(&Body(input))?;
/// request.finish()
/// ```
pub(super) fn build_request(
    op: &Operation,
    route: &ir::HttpRoute,
    input: Option<&Struct>,
    kinds: &Kinds<'_>,
) -> TokenStream {
    let input_type = match &op.input {
        Some(name) => {
            let name = ident(name);
            quote!(crate::types::#name)
        }
        None => quote!(::awsgen_runtime::aws_json::Empty),
    };
    let method = proc_macro2::Ident::new(&route.method, proc_macro2::Span::call_site());
    let literal_query = route
        .query
        .iter()
        .map(|(name, value)| match value {
            Some(value) => format!("{name}={value}"),
            None => name.clone(),
        })
        .collect::<Vec<_>>()
        .join("&");
    let fields: Vec<&Field> = input.map(|s| s.fields.iter().collect()).unwrap_or_default();
    let by_member = |member: &str| fields.iter().copied().find(|f| f.member == member);
    let mut steps = Vec::new();
    for part in &route.path {
        match part {
            PathPart::Literal(text) => steps.push(quote!(request.path(#text);)),
            PathPart::Label {
                member,
                greedy,
                default,
                ..
            } => {
                let Some(field) = by_member(member) else {
                    continue;
                };
                let name = ident(&field.name);
                let value = if let Some(default) = default {
                    // A string label with a customization's default.
                    let value = if field.presence == Presence::Optional {
                        quote!(input.#name.as_deref())
                    } else {
                        quote!(::std::option::Option::Some(input.#name.as_str()))
                    };
                    quote!(::std::option::Option::Some(::awsgen_runtime::rest_json::or_default(#value, #default)))
                } else if field.presence == Presence::Optional {
                    let mapped = text(&field.ty, &Value::reference(quote!(value)), kinds);
                    quote!(input.#name.as_ref().map(|value| #mapped))
                } else {
                    let mapped = text(&field.ty, &Value::field(field), kinds);
                    quote!(::std::option::Option::Some(#mapped))
                };
                steps.push(quote!(request.label(#member, #value, #greedy)?;));
            }
        }
    }
    let bound_query: Vec<&str> = fields
        .iter()
        .filter_map(|f| match &f.location {
            Location::Query(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    // Header names go out lower-case, as HTTP/2 sends them and as the runtime
    // takes them without a copy.
    for (name, value) in &route.headers {
        let name = name.to_ascii_lowercase();
        steps.push(quote!(request.header(#name, #value)?;));
    }
    let mut body_fields = 0;
    for field in &fields {
        let set = |value: &Value| -> Option<TokenStream> {
            Some(match &field.location {
                Location::Body => return None,
                Location::Label | Location::ResponseCode => return None,
                Location::Query(name) => match &field.ty {
                    Type::List { element, .. } => {
                        let items = text_items(element, value, kinds);
                        quote!(request.query_list(#name, #items);)
                    }
                    ty => {
                        let value = text(ty, value, kinds);
                        quote!(request.query(#name, #value);)
                    }
                },
                Location::QueryParams => {
                    let by_ref = &value.by_ref;
                    quote!(request.query_params(#by_ref, &[#(#bound_query),*]);)
                }
                Location::Header(name) => match (&field.ty, name.to_ascii_lowercase()) {
                    (Type::List { element, .. }, name) => {
                        let items = text_items(element, value, kinds);
                        quote!(request.header_list(#name, #items)?;)
                    }
                    (Type::String, name) if field.media_type.is_some() => {
                        let recv = &value.recv;
                        quote!(request.header(#name, ::awsgen_runtime::rest_json::Base64(#recv.as_str()))?;)
                    }
                    (ty, name) => {
                        let value = text(ty, value, kinds);
                        quote!(request.header(#name, #value)?;)
                    }
                },
                Location::PrefixHeaders(prefix) => {
                    let by_ref = &value.by_ref;
                    quote!(request.prefix_headers(#prefix, #by_ref)?;)
                }
                Location::Payload => payload(field, value, kinds),
            })
        };
        if field.location == Location::Body {
            body_fields += 1;
            continue;
        }
        if field.presence == Presence::Optional {
            let name = ident(&field.name);
            // An unset structure payload is sent as an empty object.
            let unset = (field.location == Location::Payload
                && kinds.of(&field.ty) == Kind::Struct)
                .then(|| quote!(else { request.json(&::awsgen_runtime::aws_json::Empty {})?; }));
            if let Some(step) = set(&Value::reference(quote!(value))) {
                steps.push(quote! {
                    if let ::std::option::Option::Some(value) = &input.#name {
                        #step
                    } #unset
                });
            }
        } else if let Some(step) = set(&Value::field(field)) {
            steps.push(step);
        }
    }
    if body_fields > 0 {
        let body = if body_fields == fields.len() {
            quote!(input)
        } else {
            quote!(&::awsgen_runtime::rest_json::Body(input))
        };
        steps.push(quote!(request.json(#body)?;));
    }
    let token = op.idempotency_token.as_ref().map(|_| {
        quote!(let input = &*<Self as ::awsgen_runtime::aws_json::Operation>::with_idempotency_token(input);)
    });
    if op.request_compression {
        steps.push(quote!(request.compress();));
    }
    if op.checksum_required {
        steps.push(quote!(request.content_md5();));
    }
    if route.tree_hash {
        steps.push(quote!(request.sha256_tree_hash();));
    }
    let host_prefix = (!op.host_prefix.is_empty()).then(|| {
        quote!(request.host_prefix(<Self as ::awsgen_runtime::aws_json::Operation>::host_prefix(input)?);)
    });
    let input_name = if fields.is_empty() && host_prefix.is_none() {
        quote!(_input)
    } else {
        quote!(input)
    };
    let mutable = if steps.is_empty() && host_prefix.is_none() {
        quote!(request)
    } else {
        quote!(mut request)
    };
    quote! {
        fn build_request(
            #input_name: &#input_type,
        ) -> ::std::result::Result<::awsgen_runtime::http::Request<::std::vec::Vec<u8>>, ::awsgen_runtime::aws_json::RequestError> {
            #token
            let #mutable = ::awsgen_runtime::rest_json::Request::new(::awsgen_runtime::http::Method::#method, #literal_query);
            #(#steps)*
            #host_prefix
            request.finish()
        }
    }
}

/// The body from an `@httpPayload` member: blobs and strings as they are
/// (with their `@mediaType`, if any), anything else as JSON.
fn payload(field: &Field, value: &Value, kinds: &Kinds<'_>) -> TokenStream {
    let Value { by_ref, recv, .. } = value;
    let media_type = |default: &str| {
        field
            .media_type
            .clone()
            .unwrap_or_else(|| default.to_owned())
    };
    match &field.ty {
        Type::Blob => {
            let media_type = media_type("application/octet-stream");
            quote!(request.bytes(#recv.as_bytes(), #media_type);)
        }
        Type::String => {
            let media_type = media_type("text/plain");
            quote!(request.bytes(#recv.as_bytes(), #media_type);)
        }
        ty if kinds.of(ty) == Kind::Enum => {
            let media_type = media_type("text/plain");
            quote!(request.bytes(#recv.as_str().as_bytes(), #media_type);)
        }
        _ => quote!(request.json(#by_ref)?;),
    }
}

/// `fn parse` of a restJson1 operation.
pub(super) fn parse() -> TokenStream {
    quote! {
        fn parse<B: ::std::convert::AsRef<[u8]>>(
            response: &::awsgen_runtime::http::Response<B>,
        ) -> ::std::result::Result<Self::Output, ::awsgen_runtime::aws_json::ResponseError<Self::Error>> {
            ::awsgen_runtime::rest_json::parse_response::<Self, B>(response)
        }
    }
}

/// The value of a bound member read from a response, as an `Option` of its
/// type; `None` for the status code (always there, see [`status`]) and for
/// bindings a response does not have.
fn read(field: &Field, kinds: &Kinds<'_>) -> Option<TokenStream> {
    let member = &field.member;
    Some(match &field.location {
        Location::Body | Location::Label | Location::Query(_) | Location::QueryParams => {
            return None;
        }
        Location::Header(name) => match &field.ty {
            Type::String if field.media_type.is_some() => {
                quote!(::awsgen_runtime::rest_json::header::<::awsgen_runtime::rest_json::FromBase64>(reply.headers, #name, #member)?.map(|value| value.0))
            }
            Type::List { element, .. } => {
                let (read_as, convert) = from_text(element, kinds);
                let items = quote!(::awsgen_runtime::rest_json::header_list::<#read_as>(reply.headers, #name, #member)?);
                match convert {
                    Some(convert) => {
                        quote!(#items.map(|items| items.into_iter().map(#convert).collect()))
                    }
                    None => items,
                }
            }
            ty => {
                let (read_as, convert) = from_text(ty, kinds);
                let value = quote!(::awsgen_runtime::rest_json::header::<#read_as>(reply.headers, #name, #member)?);
                match convert {
                    Some(convert) => quote!(#value.map(#convert)),
                    None => value,
                }
            }
        },
        Location::PrefixHeaders(prefix) => {
            quote!(::awsgen_runtime::rest_json::prefix_headers(reply.headers, #prefix))
        }
        Location::ResponseCode => return None,
        Location::Payload => match &field.ty {
            Type::Blob => quote!(::awsgen_runtime::rest_json::blob_payload(reply.body)),
            Type::String => quote!(::awsgen_runtime::rest_json::text_payload(reply.body, #member)?),
            ty if kinds.of(ty) == Kind::Enum => {
                let name = type_tokens(ty);
                quote!(::awsgen_runtime::rest_json::text_payload(reply.body, #member)?.map(#name::from))
            }
            _ => quote!(::awsgen_runtime::rest_json::json_payload(reply.body)?),
        },
    })
}

/// The status code, for an `@httpResponseCode` member.
fn status() -> TokenStream {
    quote!(i32::from(reply.status.as_u16()))
}

/// The type a header value is read as, and the conversion to the field's type.
fn from_text(ty: &Type, kinds: &Kinds<'_>) -> (TokenStream, Option<TokenStream>) {
    match ty {
        Type::Timestamp(TimestampFormat::DateTime) => (
            quote!(::awsgen_runtime::timestamp::DateTimeString),
            Some(quote!(|value| value.0)),
        ),
        Type::Timestamp(TimestampFormat::HttpDate) => (
            quote!(::awsgen_runtime::timestamp::HttpDate),
            Some(quote!(|value| value.0)),
        ),
        Type::Named(_) => {
            let name = type_tokens(ty);
            match kinds.of(ty) {
                Kind::IntEnum => (quote!(i32), Some(quote!(#name::from))),
                _ => (quote!(::std::string::String), Some(quote!(#name::from))),
            }
        }
        _ => (type_tokens(ty), None),
    }
}

/// `impl FromResponse`: the JSON body (or the payload) and every member bound
/// to the response's headers or status.
pub(super) fn from_response(s: &Struct, kinds: &Kinds<'_>) -> TokenStream {
    let name = ident(&s.name);
    let has_payload = s.fields.iter().any(|f| f.location == Location::Payload);
    let body = if has_payload {
        let inits = s.fields.iter().map(|f| {
            let field = ident(&f.name);
            if f.location == Location::ResponseCode {
                let status = status();
                return match f.presence {
                    Presence::Optional => quote!(#field: ::std::option::Option::Some(#status),),
                    _ => quote!(#field: #status,),
                };
            }
            let value = read(f, kinds).unwrap_or_else(|| quote!(::std::option::Option::None));
            let value = match &f.presence {
                Presence::Optional => value,
                Presence::Default(_) => {
                    let default = quote::format_ident!("default_{}", crate::naming::plain(&f.name));
                    quote!(#value.unwrap_or_else(#default))
                }
                Presence::Required if f.error_correct => quote!(#value.unwrap_or_default()),
                // No zero value to fill in (a structure): missing is an error.
                Presence::Required => {
                    let wire = lit(&f.wire_name);
                    quote! {
                        #value.ok_or_else(|| <::awsgen_runtime::serde_json::Error as ::awsgen_runtime::serde::de::Error>::missing_field(#wire))?
                    }
                }
            };
            quote!(#field: #value,)
        });
        quote! {
            ::std::result::Result::Ok(Self {
                #(#inits)*
            })
        }
    } else {
        let sets: Vec<TokenStream> = s
            .fields
            .iter()
            .filter_map(|f| {
                let field = ident(&f.name);
                if f.location == Location::ResponseCode {
                    let status = status();
                    return Some(if f.presence == Presence::Optional {
                        quote!(value.#field = ::std::option::Option::Some(#status);)
                    } else {
                        quote!(value.#field = #status;)
                    });
                }
                let value = read(f, kinds)?;
                Some(if f.presence == Presence::Optional {
                    quote!(value.#field = #value;)
                } else {
                    quote! {
                        if let ::std::option::Option::Some(read) = #value {
                            value.#field = read;
                        }
                    }
                })
            })
            .collect();
        let binding = if sets.is_empty() {
            quote!(value)
        } else {
            quote!(mut value)
        };
        quote! {
            let #binding: Self = ::awsgen_runtime::aws_json::from_body(reply.body)?;
            #(#sets)*
            ::std::result::Result::Ok(value)
        }
    };
    quote! {
        impl ::awsgen_runtime::rest_json::FromResponse for #name {
            fn from_response(reply: &::awsgen_runtime::aws_json::Reply<'_>) -> ::std::result::Result<Self, ::awsgen_runtime::serde_json::Error> {
                #body
            }
        }
    }
}

/// Whether a structure's JSON body is only some of its members (so it
/// implements `rest_json::Members`).
pub(super) fn splits_body(s: &Struct) -> bool {
    s.http.input && s.fields.iter().any(|f| f.location != Location::Body)
}
