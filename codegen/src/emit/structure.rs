//! Structures: the type, its constructor and setters, and for error shapes
//! `Display` and `std::error::Error`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, lit, type_tokens};
use crate::ir::{Field, Struct, Type};

/// Emits a structure.
///
/// ```ignore
/// /// docs
/// #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
/// #[non_exhaustive]
/// pub struct UpdateDistributionRequest {
///     /// docs
///     #[serde(rename = "distributionName")]
///     pub distribution_name: ::std::string::String,
///     #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
///     pub origin: ::std::option::Option<crate::types::InputOrigin>,
/// }
/// impl UpdateDistributionRequest {
///     pub fn new(distribution_name: impl Into<String>) -> Self { .. }
///     pub fn origin(mut self, value: crate::types::InputOrigin) -> Self { .. }
/// }
/// ```
pub fn emit_struct(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let docs = doc_attrs(&s.docs);
    let derive_default = s
        .fields
        .iter()
        .all(|f| !f.required)
        .then(|| quote!(::std::default::Default,));
    let derive_debug = (!s.has_sensitive()).then(|| quote!(::std::fmt::Debug,));
    let fields = s.fields.iter().map(field);
    let constructor = constructor(s);
    let setters = s.fields.iter().map(setter);
    let debug = s.has_sensitive().then(|| redacting_debug(s));
    let error = error_impls(s);
    quote! {
        #docs
        #[derive(::std::clone::Clone, #derive_debug #derive_default ::std::cmp::PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #constructor
            #(#setters)*
        }

        #debug
        #error
    }
}

/// The full Rust type of a field (with `Option` and `Box` as decided).
fn field_type(f: &Field) -> TokenStream {
    let inner = type_tokens(&f.ty);
    let inner = if f.boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    };
    if f.required {
        inner
    } else {
        quote!(::std::option::Option<#inner>)
    }
}

fn field(f: &Field) -> TokenStream {
    let docs = doc_attrs(&f.docs);
    let name = ident(&f.name);
    let ty = field_type(f);
    let mut serde = Vec::new();
    if crate::naming::plain(&f.name) != f.wire_name {
        let wire = lit(&f.wire_name);
        serde.push(quote!(rename = #wire));
    }
    if !f.required {
        serde.push(quote!(
            default,
            skip_serializing_if = "::std::option::Option::is_none"
        ));
    }
    if matches!(f.ty, Type::Float | Type::Double) && !f.boxed {
        let with = if f.required {
            "::awsgen_runtime::serde_float"
        } else {
            "::awsgen_runtime::serde_float::option"
        };
        serde.push(quote!(with = #with));
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #docs
        #serde
        pub #name: #ty,
    }
}

/// The parameter type of a setter or constructor: strings take `impl Into<String>`.
fn param_type(f: &Field) -> TokenStream {
    match f.ty {
        Type::String => quote!(impl ::std::convert::Into<::std::string::String>),
        _ => type_tokens(&f.ty),
    }
}

/// `value.into()` for strings, boxed when the field is boxed.
fn param_value(f: &Field, value: TokenStream) -> TokenStream {
    let value = match f.ty {
        Type::String => quote!(#value.into()),
        _ => value,
    };
    if f.boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    }
}

fn constructor(s: &Struct) -> TokenStream {
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.required).collect();
    if required.is_empty() {
        let doc = format!(" Creates a `{}` with every member absent.", s.name);
        return quote! {
            #[doc = #doc]
            pub fn new() -> Self {
                Self::default()
            }
        };
    }
    let params = required.iter().map(|f| {
        let name = ident(&f.name);
        let ty = param_type(f);
        quote!(#name: #ty)
    });
    let inits = s.fields.iter().map(|f| {
        let name = ident(&f.name);
        if f.required {
            if f.ty == Type::String || f.boxed {
                let value = param_value(f, quote!(#name));
                quote!(#name: #value,)
            } else {
                quote!(#name,)
            }
        } else {
            quote!(#name: ::std::option::Option::None,)
        }
    });
    let names: Vec<String> = required
        .iter()
        .map(|f| format!("`{}`", f.wire_name))
        .collect();
    let doc = format!(
        " Creates a `{}` from its required members ({}); the others are absent.",
        s.name,
        names.join(", ")
    );
    let many = (required.len() > 7)
        .then(|| quote!(#[allow(clippy::too_many_arguments, reason = "one parameter per required member")]));
    quote! {
        #[doc = #doc]
        #many
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits)* }
        }
    }
}

fn setter(f: &Field) -> TokenStream {
    let name = ident(&f.name);
    let setter = ident(&f.setter);
    let ty = param_type(f);
    let value = param_value(f, quote!(value));
    let value = if f.required {
        value
    } else {
        quote!(::std::option::Option::Some(#value))
    };
    let doc = format!(" Sets `{}`.", f.wire_name);
    quote! {
        #[doc = #doc]
        #[must_use]
        pub fn #setter(mut self, value: #ty) -> Self {
            self.#name = #value;
            self
        }
    }
}

/// `Debug` that prints `"** redacted **"` for members targeting `@sensitive` shapes.
fn redacting_debug(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let type_name = lit(&s.name);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let label = lit(crate::naming::plain(&f.name));
        if f.sensitive {
            quote!(.field(#label, &"** redacted **"))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name) #(#fields)* .finish()
            }
        }
    }
}

/// For error structures: the wire error type, fault, `Display` and `Error`.
fn error_impls(s: &Struct) -> Option<TokenStream> {
    let info = s.error.as_ref()?;
    let name = ident(&s.name);
    let code = lit(crate::smithy::shape_name(&s.id));
    let server_fault = info.server_fault;
    let display = match &info.message_field {
        Some(field_name) => {
            let field = ident(field_name);
            let required = s.fields.iter().any(|f| &f.name == field_name && f.required);
            if required {
                quote!(write!(f, "{}: {}", Self::ERROR_TYPE, self.#field))
            } else {
                quote! {
                    match &self.#field {
                        ::std::option::Option::Some(message) => write!(f, "{}: {}", Self::ERROR_TYPE, message),
                        ::std::option::Option::None => f.write_str(Self::ERROR_TYPE),
                    }
                }
            }
        }
        None => quote!(f.write_str(Self::ERROR_TYPE)),
    };
    let status_doc = match info.http_status {
        Some(status) => format!(" The HTTP status the service answers this error with ({status})."),
        None => " The HTTP status of this error is not modeled.".to_owned(),
    };
    let status = match info.http_status {
        Some(status) => {
            let status = proc_macro2::Literal::u16_unsuffixed(status);
            quote!(::std::option::Option::Some(#status))
        }
        None => quote!(::std::option::Option::None),
    };
    Some(quote! {
        impl #name {
            /// The error type on the wire (`X-Amzn-ErrorType` / `__type`).
            pub const ERROR_TYPE: &'static str = #code;
            /// Whether the service is at fault (`true`) or the request (`false`).
            pub const SERVER_FAULT: bool = #server_fault;
            #[doc = #status_doc]
            pub const HTTP_STATUS: ::std::option::Option<u16> = #status;
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }

        impl ::std::error::Error for #name {}
    })
}
