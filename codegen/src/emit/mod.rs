//! Stage 4, emit: IR -> Rust items as token streams, one pure function per item
//! kind, plus the module tree that says where each item lives.
//!
//! Emitted code spells std and runtime paths in full (`::std::option::Option`,
//! `::awsgen_runtime::DateTime`) because models define shapes named `String`,
//! `Option` or `Operation`, and refers to generated types as `crate::types::X`,
//! which holds both in the vendored crate and in a file `include!`d at a crate root.

mod client;
mod dispatch;
mod enumeration;
mod example;
mod operation;
mod rest;
mod structure;
mod union;
mod waiter;
mod wire;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, format_ident, quote};

use crate::ir::{self, Type};
use crate::smithy::shape_name;

pub use client::emit_client;
pub use dispatch::emit_dispatch;
pub use enumeration::{emit_enum, emit_int_enum};
pub use operation::emit_operation;
pub use structure::emit_struct;
pub use union::emit_union;

/// A module of the generated crate: its items and its child modules.
pub struct Module<'a> {
    /// Module name (`types`, `cache_behavior`); empty for the crate root.
    pub name: String,
    /// Whether the module is `pub` (type modules are private and re-exported).
    pub public: bool,
    /// Documentation lines (on the `mod` declaration).
    pub docs: Vec<String>,
    /// The module's own items, emitted when asked: render asks on the thread
    /// that formats the module, so modules are emitted and formatted in parallel.
    pub items: Items<'a>,
    /// Child modules, in output order.
    pub children: Vec<Module<'a>>,
}

/// Emits a module's items (see [`Module::items`]).
pub type Items<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

impl<'a> Module<'a> {
    fn new(
        name: &str,
        public: bool,
        docs: Vec<String>,
        items: impl Fn() -> TokenStream + Send + Sync + 'a,
    ) -> Self {
        Module {
            name: name.to_owned(),
            public,
            docs,
            items: Box::new(items),
            children: Vec::new(),
        }
    }
}

/// Builds the module tree of a crate:
///
/// ```text
/// (root)            SERVICE, pub use client::Client
/// ├── types         pub use of every type
/// │   └── <type>    one private module per structure or enum
/// ├── operation
/// │   └── <op>      marker type, request/response functions, error enum
/// ├── client        the async client (when generated)
/// ├── waiters       the waiters, with their acceptors (with the client, when the model has some)
/// └── dispatch      the operations by wire name (when generated)
/// ```
pub fn crate_modules<'a>(krate: &'a ir::Crate, options: &'a Options) -> Module<'a> {
    let client = &options.client;
    let kinds = std::sync::Arc::new(rest::Kinds::new(&krate.types));
    let types = krate
        .types
        .iter()
        .map(|t| {
            let kinds = kinds.clone();
            Module::new(t.module(), false, Vec::new(), move || {
                let items = match t {
                    ir::TypeDef::Struct(s) if s.http.response => {
                        let from_response = rest::from_response(s, &kinds);
                        let items = emit_struct(s);
                        quote!(#items #from_response)
                    }
                    ir::TypeDef::Struct(s) => emit_struct(s),
                    ir::TypeDef::Enum(e) => emit_enum(e),
                    ir::TypeDef::IntEnum(e) => emit_int_enum(e),
                    ir::TypeDef::Union(u) => emit_union(u),
                };
                let attributes: Vec<&str> = options
                    .type_attributes
                    .iter()
                    .filter(|(selector, _)| {
                        selector == "." || selector == t.id() || selector == shape_name(t.id())
                    })
                    .map(|(_, attributes)| attributes.as_str())
                    .collect();
                with_attributes(items, t.name(), &attributes)
            })
        })
        .collect::<Vec<_>>();
    let operations = krate
        .operations
        .iter()
        .map(|op| {
            let kinds = kinds.clone();
            Module::new(
                &op.module,
                true,
                vec![format!("The `{}` operation.", op.wire_name)],
                move || emit_operation(op, &krate.service, protocol_items(krate, op, &kinds)),
            )
        })
        .collect();
    let mut types_module = Module::new(
        "types",
        true,
        vec![format!(
            "Structures and enums of the {} API, shared by its operations.",
            krate.service.sdk_id
        )],
        || {
            let reexports = krate.types.iter().map(|t| {
                let module = ident(t.module());
                let name = ident(t.name());
                quote!(pub use #module::#name;)
            });
            quote!(#(#reexports)*)
        },
    );
    types_module.children = types;
    let mut operation_module = Module::new(
        "operation",
        true,
        vec![format!(
            "The {} operations: each builds its HTTP request and parses its response.",
            krate.service.sdk_id
        )],
        TokenStream::new,
    );
    operation_module.children = operations;
    let mut children = vec![types_module, operation_module];
    if *client != Gate::Never {
        children.push(Module::new("client", false, Vec::new(), || {
            emit_client(krate, client, options.doc_crate.as_deref())
        }));
        if waiter::has_waiters(krate) {
            children.push(Module::new(
                "waiters",
                true,
                vec![
                    "The service's waiters: what the client's `wait_until_*` methods run, usable"
                        .to_owned(),
                    "with `Client::runtime().wait(..)` and testable with `(WAITER.acceptors)(..)`."
                        .to_owned(),
                ],
                || waiter::emit_waiters(krate, client),
            ));
        }
    }
    if options.dispatch != Gate::Never {
        children.push(Module::new(
            "dispatch",
            true,
            vec![
                "The operations by wire name, with wire-shaped JSON in and out (see".to_owned(),
                "`awsgen_runtime::dispatch`).".to_owned(),
            ],
            || emit_dispatch(krate, &options.dispatch),
        ));
    }
    let mut root = Module::new("", true, crate_docs(krate), move || {
        let service = emit_service(&krate.service);
        let client_use = match client {
            Gate::Never => None,
            Gate::Always => Some(quote! {
                ::awsgen_runtime::__require_client_feature!();
                pub use client::Client;
            }),
            Gate::Feature(feature) => Some(quote! {
                #[cfg(feature = #feature)]
                pub use client::Client;
            }),
        };
        quote! {
            #client_use
            #service
        }
    });
    root.children = children;
    root
}

/// The operation's own `build_request` and `parse`, for protocols other than
/// awsJson (whose are the runtime's defaults).
fn protocol_items(krate: &ir::Crate, op: &ir::Operation, kinds: &rest::Kinds<'_>) -> TokenStream {
    let Some(route) = &op.http else {
        return TokenStream::new();
    };
    let input = op.input.as_deref().and_then(|name| {
        krate.types.iter().find_map(|t| match t {
            ir::TypeDef::Struct(s) if s.name == name => Some(s),
            _ => None,
        })
    });
    let request = rest::build_request(op, route, input, kinds);
    let parse = rest::parse();
    quote!(#request #parse)
}

/// What the generation adds to the model's code.
#[derive(Clone)]
pub struct Options {
    /// Whether and how the async client is generated.
    pub client: Gate,
    /// Whether and how the dispatch table is generated.
    pub dispatch: Gate,
    /// Attributes put on generated types: `(selector, attributes)`, where the
    /// selector is `.` (every type), a shape id, or a shape name, and the
    /// attributes are Rust source (`#[derive(Hash)]`) that parses as outer
    /// attributes (`Config` checks it).
    pub type_attributes: Vec<(String, String)>,
    /// The name the crate is used by (`secrets_manager`), when known: each
    /// client method then has a compiled `no_run` example.
    pub doc_crate: Option<String>,
}

/// Puts `attributes` (outer attributes as source) on the struct or enum
/// called `name` among `items`.
fn with_attributes(items: TokenStream, name: &str, attributes: &[&str]) -> TokenStream {
    if attributes.is_empty() {
        return items;
    }
    let parse = |input: syn::parse::ParseStream<'_>| syn::Attribute::parse_outer(input);
    let attributes: Vec<syn::Attribute> = attributes
        .iter()
        .filter_map(|text| syn::parse::Parser::parse_str(parse, text).ok())
        .flatten()
        .collect();
    let Ok(mut file) = syn::parse2::<syn::File>(items.clone()) else {
        return items;
    };
    for item in &mut file.items {
        let (ident, attrs) = match item {
            syn::Item::Struct(s) => (&s.ident, &mut s.attrs),
            syn::Item::Enum(e) => (&e.ident, &mut e.attrs),
            _ => continue,
        };
        if ident == name.trim_start_matches("r#") {
            attrs.extend(attributes.iter().cloned());
        }
    }
    quote!(#file)
}

/// Whether an optional part (the async client, the dispatch table) is
/// generated, decided at generation time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Generated; the runtime feature of the same name must be on (a compile
    /// error says so otherwise).
    Always,
    /// Not generated.
    Never,
    /// Generated behind a feature of the generated crate's own manifest (a
    /// vendored crate, whose `Cargo.toml` the generator writes).
    Feature(String),
}

/// The crate's documentation: the service's, then the operations left out.
fn crate_docs(krate: &ir::Crate) -> Vec<String> {
    let mut docs = krate.service.docs.clone();
    if !krate.omitted.is_empty() {
        docs.push(String::new());
        docs.push("# Operations left out".to_owned());
        docs.push(String::new());
        docs.push("These operations need what the generator does not support yet:".to_owned());
        docs.push(String::new());
        for op in &krate.omitted {
            docs.push(format!(
                "- `{}`: `{}` needs {}",
                op.name,
                op.shape,
                op.reason.replace('`', "")
            ));
        }
    }
    docs
}

/// Root items: the service facts the runtime needs.
///
/// ```text
/// pub const SERVICE: ::awsgen_runtime::aws_json::Service = ::awsgen_runtime::aws_json::Service { sdk_id: "Lightsail", .. };
/// ```
fn emit_service(service: &ir::Service) -> TokenStream {
    let ir::Service {
        sdk_id,
        target_prefix,
        api_version,
        signing_name,
        endpoint_prefix,
        ..
    } = service;
    let protocol = match service.protocol {
        ir::Protocol::AwsJson(ir::JsonVersion::V1_0) => quote!(AwsJson1_0),
        ir::Protocol::AwsJson(ir::JsonVersion::V1_1) => quote!(AwsJson1_1),
        ir::Protocol::RestJson1 => quote!(RestJson1),
    };
    let query_compatible = service.query_compatible;
    let rules = match &service.endpoint_rule_set {
        Some(rules) => {
            let rules = raw_string(rules);
            quote!(::std::option::Option::Some(#rules))
        }
        None => quote!(::std::option::Option::None),
    };
    quote! {
        /// Facts about the service that every request needs, including its endpoint
        /// rule set (`smithy.rules#endpointRuleSet`), which the client interprets.
        pub const SERVICE: ::awsgen_runtime::aws_json::Service = ::awsgen_runtime::aws_json::Service {
            sdk_id: #sdk_id,
            target_prefix: #target_prefix,
            api_version: #api_version,
            protocol: ::awsgen_runtime::aws_json::Protocol::#protocol,
            signing_name: #signing_name,
            endpoint_prefix: #endpoint_prefix,
            endpoint_rule_set: #rules,
            query_compatible: #query_compatible,
        };
    }
}

/// An identifier from a name decided by `naming` (raw identifiers included).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// `#[doc = "..."]` attributes, one per line; rendered as `///` comments.
pub(crate) fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#lines)*)
}

/// The Rust spelling of a value type.
pub(crate) fn type_tokens(ty: &Type) -> TokenStream {
    match ty {
        Type::String => quote!(::std::string::String),
        Type::Bool => quote!(bool),
        Type::Byte => quote!(i8),
        Type::Short => quote!(i16),
        Type::Integer => quote!(i32),
        Type::Long => quote!(i64),
        Type::Float => quote!(f32),
        Type::Double => quote!(f64),
        Type::Timestamp(_) => quote!(::awsgen_runtime::DateTime),
        Type::Blob => quote!(::awsgen_runtime::Blob),
        Type::Document => quote!(::awsgen_runtime::Document),
        Type::Named(name) => {
            let name = ident(name);
            quote!(crate::types::#name)
        }
        Type::List { element, sparse } => {
            let element = optional_if(*sparse, type_tokens(element));
            quote!(::std::vec::Vec<#element>)
        }
        Type::Map { key, value, sparse } => {
            let key = type_tokens(key);
            let value = optional_if(*sparse, type_tokens(value));
            quote!(::std::collections::BTreeMap<#key, #value>)
        }
    }
}

fn optional_if(optional: bool, inner: TokenStream) -> TokenStream {
    if optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// A string literal token.
pub(crate) fn lit(text: &str) -> TokenStream {
    text.to_token_stream()
}

/// A raw string literal (`r#"..."#`) with as few `#` as the text allows, so
/// multi-line text such as JSON stays readable in the generated file.
pub(crate) fn raw_string(text: &str) -> TokenStream {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    let source = format!("r{hashes}\"{text}\"{hashes}");
    source.parse().unwrap_or_else(|_| lit(text))
}
