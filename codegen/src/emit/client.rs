//! The service client: one async method per operation, delegating to the
//! runtime's client (signing, endpoints, retries, timeouts live there, as real
//! compiled Rust, not as emitted text). Generated or not as the generation
//! decides ([`Gate`]), so sans-IO users build without an HTTP stack.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Gate, doc_attrs, ident, type_tokens};
use crate::docs::paragraph;
use crate::ir::{Crate, FieldStep, Operation, Paginator, Type};

/// Emits the client.
///
/// ```text
/// #[cfg(feature = "client")]
/// pub struct Client { inner: ::awsgen_runtime::client::Client }
/// impl Client {
///     pub fn new(config: Config) -> Result<Self, ConfigError>;
///     pub fn from_env() -> Result<Self, ConfigError>;
///     pub async fn update_distribution(&self, input: UpdateDistributionRequest)
///         -> Result<Response<UpdateDistributionResult>, Error<UpdateDistributionError>>;
/// }
/// ```
pub fn emit_client(krate: &Crate, client: &Gate, doc_crate: Option<&str>) -> TokenStream {
    let doc = doc_attrs(&[
        format!(
            "A client for {}: signs, sends and retries calls.",
            krate.service.title
        ),
        String::new(),
        "Cloning is cheap: clones share connections, credentials and the retry quota.".to_owned(),
    ]);
    let methods = krate.operations.iter().map(|op| {
        let paginators = op.paginator.as_ref().map(|p| paginator_methods(op, p));
        let method = method(krate, op, doc_crate);
        let waiters = super::waiter::waiter_methods(op);
        quote!(#method #paginators #waiters)
    });
    let cfg = match client {
        Gate::Feature(feature) => Some(quote!(#[cfg(feature = #feature)])),
        Gate::Always | Gate::Never => None,
    };
    quote! {
        #doc
        #cfg
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct Client {
            inner: ::awsgen_runtime::client::Client,
        }

        #cfg
        impl Client {
            /// Creates a client from explicit configuration.
            pub fn new(
                config: ::awsgen_runtime::client::Config,
            ) -> ::std::result::Result<Self, ::awsgen_runtime::client::ConfigError> {
                ::std::result::Result::Ok(Self {
                    inner: ::awsgen_runtime::client::Client::new(&crate::SERVICE, config)?,
                })
            }

            /// Creates a client configured the way the AWS CLI and SDKs are: region,
            /// credentials, endpoint, retries and timeouts from the environment and
            /// the shared config files.
            pub fn from_env() -> ::std::result::Result<Self, ::awsgen_runtime::client::ConfigError> {
                ::std::result::Result::Ok(Self {
                    inner: ::awsgen_runtime::client::Client::from_env(&crate::SERVICE)?,
                })
            }

            /// The service-independent client this one wraps.
            pub fn runtime(&self) -> &::awsgen_runtime::client::Client {
                &self.inner
            }

            #(#methods)*
        }
    }
}

fn method(krate: &Crate, op: &Operation, doc_crate: Option<&str>) -> TokenStream {
    let mut docs = op.docs.clone();
    if let Some(name) = doc_crate {
        docs.extend(super::example::client_example(krate, op, name));
    }
    let docs = doc_attrs(&docs);
    let method = ident(&op.method);
    let module = ident(&op.module);
    let marker = ident(&op.name);
    let error = ident(&op.error_name);
    let output = match &op.output {
        Some(output) => {
            let output = ident(output);
            quote!(crate::types::#output)
        }
        None => quote!(::awsgen_runtime::aws_json::Empty),
    };
    let (param, input) = match &op.input {
        Some(input) => {
            let input = ident(input);
            (quote!(input: crate::types::#input), quote!(&input))
        }
        None => (quote!(), quote!(&::awsgen_runtime::aws_json::Empty {})),
    };
    quote! {
        #docs
        pub async fn #method(
            &self,
            #param
        ) -> ::std::result::Result<
            ::awsgen_runtime::client::Response<#output>,
            ::awsgen_runtime::client::Error<crate::operation::#module::#error>,
        > {
            self.inner.call::<crate::operation::#module::#marker>(#input).await
        }
    }
}

/// `{method}_pages` and, when the trait names items, `{method}_items`: the
/// runtime's paginator with the accessors of the trait's paths.
fn paginator_methods(op: &Operation, paginator: &Paginator) -> TokenStream {
    let (Some(input), Some(_)) = (&op.input, &op.output) else {
        return quote!();
    };
    let input = ident(input);
    let module = ident(&op.module);
    let marker = ident(&op.name);
    let operation = quote!(crate::operation::#module::#marker);
    let token = type_tokens(&paginator.token_type);
    let pages = ident(&paginator.pages_method);
    let method = &op.method;
    let path = |steps: &[FieldStep]| {
        steps
            .iter()
            .map(|s| s.member.as_str())
            .collect::<Vec<_>>()
            .join(".")
    };
    let input_token = &paginator.input_token;
    let read_input = reference(quote!(input), std::slice::from_ref(input_token));
    let set_input = assignment(quote!(input), input_token, quote!(token));
    let read_output = reference(quote!(output), &paginator.output_token);
    let (set_page_size, page_size_doc) = match &paginator.page_size {
        Some((step, ty)) => {
            let size = match ty {
                Type::Long => quote!(i64::from(size)),
                _ => quote!(size),
            };
            let set = assignment(quote!(input), step, size);
            (
                quote!(::std::option::Option::Some(|input, size| #set)),
                format!(
                    " [`Pages::page_size`](::awsgen_runtime::client::Pages::page_size) sets `{}`.",
                    step.member
                ),
            )
        }
        None => (quote!(::std::option::Option::None), String::new()),
    };
    let mut pages_doc = paragraph(&format!(
        "Every page of [`{method}`](Self::{method}), one `next().await` at a time."
    ));
    pages_doc.push(String::new());
    pages_doc.extend(paragraph(&format!(
            "Each page's `{}` becomes the next call's `{}`; the pages end when it is absent \
             or empty, and stop with [`Error::RepeatedToken`](::awsgen_runtime::client::Error::RepeatedToken) \
             when the service answers with the token it was sent.{page_size_doc}",
            path(&paginator.output_token),
            input_token.member,
    )));
    let pages_doc = doc_attrs(&pages_doc);
    let items = paginator
        .items
        .as_ref()
        .zip(paginator.items_method.as_ref());
    let items = items.map(|((steps, ty), name)| {
        let name = ident(name);
        let (item, collect) = match ty {
            Type::Map { key, value, sparse } => {
                let key = type_tokens(key);
                let value = type_tokens(value);
                let value = if *sparse {
                    quote!(::std::option::Option<#value>)
                } else {
                    value
                };
                (quote!((#key, #value)), quote!(.into_iter().collect()))
            }
            Type::List { element, sparse } => {
                let element = type_tokens(element);
                let item = if *sparse {
                    quote!(::std::option::Option<#element>)
                } else {
                    element
                };
                (item, quote!())
            }
            _ => return quote!(),
        };
        let read = owned(quote!(output), steps);
        let doc = doc_attrs(&paragraph(&format!(
            "Every item of `{}` across the pages of [`{pages}`](Self::{pages}), one \
             `next().await` at a time; pages without items are skipped.",
            path(steps),
            pages = paginator.pages_method,
        )));
        quote! {
            #doc
            pub fn #name(
                &self,
                input: crate::types::#input,
            ) -> ::awsgen_runtime::client::Items<#operation, #token, #item> {
                self.#pages(input).items(|output| #read #collect)
            }
        }
    });
    quote! {
        #pages_doc
        pub fn #pages(
            &self,
            input: crate::types::#input,
        ) -> ::awsgen_runtime::client::Pages<#operation, #token> {
            ::awsgen_runtime::client::Pages::new(
                self.inner.clone(),
                input,
                ::awsgen_runtime::client::PageTokens {
                    input: |input| #read_input,
                    set_input: |input, token| #set_input,
                    output: |output| #read_output,
                    set_page_size: #set_page_size,
                },
            )
        }

        #items
    }
}

/// `Option<&T>`: the value at the end of `steps`, from `root` (a reference).
fn reference(root: TokenStream, steps: &[FieldStep]) -> TokenStream {
    let mut place = Some(root);
    let mut optional = None;
    let mut last_boxed = false;
    for step in steps {
        let field = ident(&step.field);
        let as_ref = if step.boxed {
            quote!(.as_deref())
        } else {
            quote!(.as_ref())
        };
        let deref = if step.boxed { quote!(&*) } else { quote!(&) };
        match (place.take(), optional.take()) {
            (Some(p), _) if step.optional => optional = Some(quote!(#p.#field #as_ref)),
            (Some(p), _) => place = Some(quote!(#p.#field)),
            (None, Some(o)) if step.optional => {
                optional = Some(quote!(#o.and_then(|v| v.#field #as_ref)));
            }
            (None, Some(o)) => optional = Some(quote!(#o.map(|v| #deref v.#field))),
            (None, None) => {}
        }
        last_boxed = step.boxed;
    }
    match (place, optional) {
        (Some(p), _) if last_boxed => quote!(::std::option::Option::Some(&*#p)),
        (Some(p), _) => quote!(::std::option::Option::Some(&#p)),
        (None, Some(o)) => o,
        (None, None) => quote!(::std::option::Option::None),
    }
}

/// The collection at the end of `steps`, moved out of `root` (an owned
/// output); empty when a step on the way is absent.
fn owned(root: TokenStream, steps: &[FieldStep]) -> TokenStream {
    let mut place = Some(root);
    let mut optional = None;
    for step in steps {
        let field = ident(&step.field);
        let unbox = step.boxed.then(|| quote!(.map(|value| *value)));
        match (place.take(), optional.take()) {
            (Some(p), _) if step.optional => optional = Some(quote!(#p.#field #unbox)),
            (Some(p), _) => place = Some(quote!(#p.#field)),
            (None, Some(o)) if step.optional => {
                optional = Some(quote!(#o.and_then(|v| v.#field #unbox)));
            }
            (None, Some(o)) => optional = Some(quote!(#o.map(|v| v.#field))),
            (None, None) => {}
        }
    }
    match (place, optional) {
        (Some(p), _) => p,
        (None, Some(o)) => quote!(#o.unwrap_or_default()),
        (None, None) => quote!(::std::default::Default::default()),
    }
}

/// `root.field = value`, wrapped in `Some` when the field is optional.
fn assignment(root: TokenStream, step: &FieldStep, value: TokenStream) -> TokenStream {
    let field = ident(&step.field);
    if step.optional {
        quote!(#root.#field = ::std::option::Option::Some(#value))
    } else {
        quote!(#root.#field = #value)
    }
}
