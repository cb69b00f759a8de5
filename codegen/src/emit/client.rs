//! The service client: one async method per operation, delegating to the
//! runtime's client (signing, endpoints, retries, timeouts live there, as real
//! compiled Rust, not as emitted text). Generated or not as the generation
//! decides ([`Gate`]), so sans-IO users build without an HTTP stack.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Gate, doc_attrs, ident};
use crate::ir::{Crate, Operation};

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
    let methods = krate
        .operations
        .iter()
        .map(|op| method(krate, op, doc_crate));
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
