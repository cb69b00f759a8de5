//! Operations: a marker type tying input, output and error together for the
//! runtime, the sans-IO request/response functions, and the operation's error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, lit};
use crate::ir::{HostPrefixPart, Operation, Service};
use crate::naming::UNHANDLED_VARIANT;

/// Emits an operation module's items.
///
/// ```text
/// pub struct UpdateDistribution;
/// impl UpdateDistribution {
///     pub fn request(input: &Input) -> Result<http::Request<Vec<u8>>, RequestError>;
///     pub fn parse_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> Result<Output, ResponseError<UpdateDistributionError>>;
/// }
/// impl ::awsgen_runtime::aws_json::Operation for UpdateDistribution { .. }
/// pub enum UpdateDistributionError { AccessDeniedException(..), .., Unhandled(UnhandledError) }
/// ```
///
/// `protocol` holds the operation's own `build_request` and `parse` when its
/// protocol is not awsJson (whose are the trait's defaults).
pub fn emit_operation(op: &Operation, service: &Service, protocol: TokenStream) -> TokenStream {
    let name = ident(&op.name);
    let docs = doc_attrs(&op.docs);
    let wire_name = lit(&op.wire_name);
    let target = format!("{}.{}", service.target_prefix, op.wire_name);
    let input = match &op.input {
        Some(input) => {
            let input = ident(input);
            quote!(crate::types::#input)
        }
        None => quote!(::awsgen_runtime::aws_json::Empty),
    };
    let output = match &op.output {
        Some(output) => {
            let output = ident(output);
            quote!(crate::types::#output)
        }
        None => quote!(::awsgen_runtime::aws_json::Empty),
    };
    let error_name = ident(&op.error_name);
    let request_doc = doc_attrs(&[
        match &op.http {
            Some(route) => format!(
                "Builds the HTTP request: `{} {}` with the input's bindings.",
                route.method,
                route.pattern()
            ),
            None => format!(
                "Builds the HTTP request: `POST /` with `X-Amz-Target: {target}` and the input as JSON."
            ),
        },
        "The caller adds the host, then signs and sends it.".to_owned(),
    ]);
    let error = emit_error_enum(op);
    let compression = op.request_compression.then(|| {
        quote!(
            const REQUEST_COMPRESSION: bool = true;
        )
    });
    let sensitive = op.sensitive_response.then(|| {
        quote!(
            const SENSITIVE_RESPONSE: bool = true;
        )
    });
    let host_prefix = emit_host_prefix(op, &input);
    let idempotency_token = op.idempotency_token.as_ref().map(|field| {
        let field = ident(field);
        quote! {
            fn with_idempotency_token(input: &#input) -> ::std::borrow::Cow<'_, #input> {
                if input.#field.is_some() {
                    return ::std::borrow::Cow::Borrowed(input);
                }
                let mut input = input.clone();
                input.#field = ::std::option::Option::Some(::awsgen_runtime::aws_json::idempotency_token());
                ::std::borrow::Cow::Owned(input)
            }
        }
    });
    quote! {
        #docs
        ///
        /// Sans-IO: [`request`](Self::request) builds the HTTP request and
        /// [`parse_response`](Self::parse_response) turns the HTTP response into the
        /// output or the typed error, so any HTTP client can carry the call.
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::default::Default)]
        pub struct #name;

        impl #name {
            #request_doc
            pub fn request(
                input: &#input,
            ) -> ::std::result::Result<::awsgen_runtime::http::Request<::std::vec::Vec<u8>>, ::awsgen_runtime::aws_json::RequestError> {
                <Self as ::awsgen_runtime::aws_json::Operation>::build_request(input)
            }

            /// Parses the HTTP response into the output, or into the operation's error.
            pub fn parse_response<B: ::std::convert::AsRef<[u8]>>(
                response: &::awsgen_runtime::http::Response<B>,
            ) -> ::std::result::Result<#output, ::awsgen_runtime::aws_json::ResponseError<#error_name>> {
                <Self as ::awsgen_runtime::aws_json::Operation>::parse(response)
            }
        }

        impl ::awsgen_runtime::aws_json::Operation for #name {
            const SERVICE: &'static ::awsgen_runtime::aws_json::Service = &crate::SERVICE;
            const NAME: &'static str = #wire_name;
            type Input = #input;
            type Output = #output;
            type Error = #error_name;
            #compression
            #sensitive
            #host_prefix
            #idempotency_token
            #protocol
        }

        #error
    }
}

/// `fn host_prefix(input) -> Result<Option<String>, RequestError>` for
/// operations with `smithy.api#endpoint`: literal parts and `{label}`s filled
/// from the input's host-label members, each checked by the runtime's
/// `host_label` (set, non-empty, valid in a host name).
fn emit_host_prefix(op: &Operation, input: &TokenStream) -> Option<TokenStream> {
    if op.host_prefix.is_empty() {
        return None;
    }
    let mut format = String::new();
    let mut args = Vec::new();
    for part in &op.host_prefix {
        match part {
            HostPrefixPart::Literal(text) => {
                format.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            HostPrefixPart::Label {
                member,
                field,
                optional,
            } => {
                format.push_str("{}");
                let field = ident(field);
                let value = if *optional {
                    quote!(input.#field.as_deref())
                } else {
                    quote!(::std::option::Option::Some(input.#field.as_str()))
                };
                args.push(quote!(::awsgen_runtime::aws_json::host_label(#member, #value)?));
            }
        }
    }
    let (input_name, value) = if args.is_empty() {
        (quote!(_input), quote!(::std::string::String::from(#format)))
    } else {
        (quote!(input), quote!(::std::format!(#format, #(#args),*)))
    };
    Some(quote! {
        fn host_prefix(
            #input_name: &#input,
        ) -> ::std::result::Result<::std::option::Option<::std::string::String>, ::awsgen_runtime::aws_json::RequestError> {
            ::std::result::Result::Ok(::std::option::Option::Some(#value))
        }
    })
}

/// The error enum: one variant per modeled error, and `Unhandled` for any other code.
fn emit_error_enum(op: &Operation) -> TokenStream {
    let name = ident(&op.error_name);
    let unhandled = ident(UNHANDLED_VARIANT);
    let doc = format!(" The errors `{}` can answer with.", op.wire_name);
    let variants: Vec<_> = op.errors.iter().map(|e| ident(&e.variant)).collect();
    let codes: Vec<_> = op.errors.iter().map(|e| lit(&e.code)).collect();
    let defs = op.errors.iter().zip(&variants).map(|(e, variant)| {
        let docs = doc_attrs(&e.docs);
        let ty = ident(&e.type_name);
        quote!(#docs #variant(crate::types::#ty),)
    });
    let unhandled_value = quote!(Self::#unhandled(
        ::awsgen_runtime::aws_json::UnhandledError::new(code, reply.body)
    ));
    // restJson1 errors may bind members to headers.
    let read = if op.http.is_some() {
        quote!(::awsgen_runtime::rest_json::FromResponse::from_response(
            reply
        )?)
    } else {
        quote!(::awsgen_runtime::aws_json::from_body(reply.body)?)
    };
    let from_code = if op.errors.is_empty() {
        quote!(::std::result::Result::Ok(#unhandled_value))
    } else {
        quote! {
            ::std::result::Result::Ok(match code {
                #(#codes => Self::#variants(#read),)*
                _ => #unhandled_value,
            })
        }
    };
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        #[allow(
            clippy::large_enum_variant,
            reason = "errors are rare; variants hold the modeled structures by value so they match directly"
        )]
        pub enum #name {
            #(#defs)*
            /// An error type the model does not list for this operation.
            #unhandled(::awsgen_runtime::aws_json::UnhandledError),
        }

        impl #name {
            /// The error this variant holds, which answers for its type on the
            /// wire, message and fault.
            pub fn inner(&self) -> &dyn ::awsgen_runtime::aws_json::ErrorInfo {
                match self {
                    #(Self::#variants(error) => error,)*
                    Self::#unhandled(error) => error,
                }
            }

            /// The error type on the wire (`NotFoundException`).
            pub fn error_type(&self) -> &str {
                self.inner().error_type()
            }

            /// The error message the service sent, if any.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.inner().message()
            }

            /// Whether the service, not the request, is at fault (modeled `@error("server")`).
            pub fn is_server_fault(&self) -> bool {
                self.inner().is_server_fault()
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.inner(), f)
            }
        }

        // `Display` already shows the inner error, so `source` stays `None`.
        impl ::std::error::Error for #name {}

        impl ::awsgen_runtime::aws_json::OperationError for #name {
            fn from_code(code: &str, reply: &::awsgen_runtime::aws_json::Reply<'_>) -> ::std::result::Result<Self, ::awsgen_runtime::serde_json::Error> {
                #from_code
            }

            fn inner(&self) -> &dyn ::awsgen_runtime::aws_json::ErrorInfo {
                Self::inner(self)
            }
        }
    }
}
