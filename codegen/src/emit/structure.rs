//! Structures: the type, its constructor and setters, and for error shapes
//! `Display` and `std::error::Error`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, lit, type_tokens};
use crate::ir::{DefaultValue, Field, Presence, Struct, Type};

/// Emits a structure.
///
/// ```text
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
    let all_optional = s.fields.iter().all(|f| f.presence == Presence::Optional);
    let any_required = s.fields.iter().any(|f| f.presence == Presence::Required);
    let derive_default = all_optional.then(|| quote!(::std::default::Default,));
    let derive_debug = (!s.has_sensitive()).then(|| quote!(::std::fmt::Debug,));
    let fields = s.fields.iter().map(field);
    let constructor = constructor(s);
    let setters = s.fields.iter().map(setter);
    let debug = s.has_sensitive().then(|| redacting_debug(s));
    // With model defaults and no required members, `Default` is `new()`.
    let default_impl = (!all_optional && !any_required).then(|| {
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let default_fns = s.fields.iter().filter_map(default_fn);
    let serialize = super::wire::serialize_struct(s);
    let deserialize = super::wire::deserialize_struct(s);
    let error = error_impls(s);
    quote! {
        #docs
        #[derive(::std::clone::Clone, #derive_debug #derive_default ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #constructor
            #(#setters)*
        }

        #default_impl
        #debug
        #error
        #serialize
        #deserialize
        #(#default_fns)*
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
    if f.presence == Presence::Optional {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// The name of the private function returning a field's model default.
fn default_fn_name(f: &Field) -> proc_macro2::Ident {
    quote::format_ident!("default_{}", crate::naming::plain(&f.name))
}

fn field(f: &Field) -> TokenStream {
    let docs = doc_attrs(&f.docs);
    let name = ident(&f.name);
    let ty = field_type(f);
    quote! {
        #docs
        pub #name: #ty,
    }
}

/// `fn default_x() -> T { <the model's default> }`, for fields with a default.
fn default_fn(f: &Field) -> Option<TokenStream> {
    let Presence::Default(value) = &f.presence else {
        return None;
    };
    let function = default_fn_name(f);
    let ty = field_type(f);
    let value = default_value(&f.ty, value);
    let value = if f.boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    };
    Some(quote! {
        fn #function() -> #ty {
            #value
        }
    })
}

/// A Rust expression for a model default value, as `resolve` converted it.
fn default_value(ty: &Type, value: &DefaultValue) -> TokenStream {
    match value {
        DefaultValue::String(s) => quote!(::std::string::String::from(#s)),
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Integer(n) => {
            let n = proc_macro2::Literal::i64_unsuffixed(*n);
            quote!(#n)
        }
        DefaultValue::Float(n) => {
            let float = if *ty == Type::Float {
                quote!(f32)
            } else {
                quote!(f64)
            };
            if n.is_nan() {
                quote!(#float::NAN)
            } else if *n == f64::INFINITY {
                quote!(#float::INFINITY)
            } else if *n == f64::NEG_INFINITY {
                quote!(#float::NEG_INFINITY)
            } else {
                let n = proc_macro2::Literal::f64_unsuffixed(*n);
                quote!(#n)
            }
        }
        DefaultValue::TimestampMillis(millis) => {
            quote!(::awsgen_runtime::DateTime::from_millis(#millis))
        }
        DefaultValue::Blob(bytes) => {
            let bytes = bytes
                .iter()
                .map(|b| proc_macro2::Literal::u8_unsuffixed(*b));
            quote!(::awsgen_runtime::Blob::new(::std::vec![#(#bytes),*]))
        }
        DefaultValue::EnumValue(s) => {
            let name = type_tokens(ty);
            quote!(#name::from(#s))
        }
        DefaultValue::IntEnumValue(n) => {
            let name = type_tokens(ty);
            let n = proc_macro2::Literal::i32_unsuffixed(*n);
            quote!(#name::from(#n))
        }
        DefaultValue::EmptyList => quote!(::std::vec::Vec::new()),
        DefaultValue::EmptyMap => quote!(::std::collections::BTreeMap::new()),
        DefaultValue::Document(json) => {
            let json = super::lit(json);
            quote!(::awsgen_runtime::serde_json::from_str(#json).unwrap_or_default())
        }
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
    let required: Vec<&Field> = s
        .fields
        .iter()
        .filter(|f| f.presence == Presence::Required)
        .collect();
    if s.fields.iter().all(|f| f.presence == Presence::Optional) {
        let doc = format!(" Creates a `{}` with every member absent.", s.name);
        return quote! {
            #[doc = #doc]
            pub fn new() -> Self {
                ::std::default::Default::default()
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
        match f.presence {
            Presence::Required if f.ty == Type::String || f.boxed => {
                let value = param_value(f, quote!(#name));
                quote!(#name: #value,)
            }
            Presence::Required => quote!(#name,),
            Presence::Default(_) => {
                let function = default_fn_name(f);
                quote!(#name: #function(),)
            }
            Presence::Optional => quote!(#name: ::std::option::Option::None,),
        }
    });
    let others = if s
        .fields
        .iter()
        .any(|f| matches!(f.presence, Presence::Default(_)))
    {
        "the others are absent or set to the model's defaults"
    } else {
        "the others are absent"
    };
    let doc = if required.is_empty() {
        vec![format!("Creates a `{}`: {others}.", s.name)]
    } else {
        let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.member)).collect();
        vec![
            format!("Creates a `{}` from its required members,", s.name),
            format!("{}; {others}.", names.join(", ")),
        ]
    };
    let doc = super::doc_attrs(&doc);
    let many = (required.len() > 7).then(
        || quote!(#[allow(clippy::too_many_arguments, reason = "one parameter per required member")]),
    );
    // Clippy's default `disallowed-names`: a model may name members so.
    let placeholder = required
        .iter()
        .any(|f| ["foo", "baz", "quux"].contains(&f.name.as_str()))
        .then(|| quote!(#[allow(clippy::disallowed_names, reason = "parameters are named after the model's members")]));
    quote! {
        #doc
        #many
        #placeholder
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
    let value = if f.presence == Presence::Optional {
        quote!(::std::option::Option::Some(#value))
    } else {
        value
    };
    let doc = format!(" Sets `{}`.", f.member);
    // A setter named like an operator trait's method (`add`) has its shape.
    const OPERATORS: [&str; 10] = [
        "add", "sub", "mul", "div", "rem", "shl", "shr", "bitand", "bitor", "bitxor",
    ];
    let allow = OPERATORS.contains(&f.setter.as_str()).then(|| {
        quote!(#[allow(clippy::should_implement_trait, reason = "setters are named after the model's members")])
    });
    quote! {
        #[doc = #doc]
        #[must_use]
        #allow
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

/// For error structures: the wire error type, fault and status as constants,
/// `Display`, `Error`, and the runtime's `ErrorInfo`, through which an
/// operation's error enum answers for the error it holds.
fn error_impls(s: &Struct) -> Option<TokenStream> {
    let info = s.error.as_ref()?;
    let name = ident(&s.name);
    let code = lit(crate::smithy::shape_name(&s.id));
    let server_fault = info.server_fault;
    let (display, message) = match &info.message_field {
        Some(field_name) => {
            let field = ident(field_name);
            let required = s
                .fields
                .iter()
                .any(|f| &f.name == field_name && f.presence != Presence::Optional);
            if required {
                (
                    quote!(write!(f, "{}: {}", Self::ERROR_TYPE, self.#field)),
                    quote!(::std::option::Option::Some(self.#field.as_str())),
                )
            } else {
                (
                    quote! {
                        match &self.#field {
                            ::std::option::Option::Some(message) => write!(f, "{}: {}", Self::ERROR_TYPE, message),
                            ::std::option::Option::None => f.write_str(Self::ERROR_TYPE),
                        }
                    },
                    quote!(self.#field.as_deref()),
                )
            }
        }
        None => (
            quote!(f.write_str(Self::ERROR_TYPE)),
            quote!(::std::option::Option::None),
        ),
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

        impl ::awsgen_runtime::aws_json::ErrorInfo for #name {
            fn error_type(&self) -> &str {
                Self::ERROR_TYPE
            }

            fn message(&self) -> ::std::option::Option<&str> {
                #message
            }

            fn is_server_fault(&self) -> bool {
                Self::SERVER_FAULT
            }
        }
    })
}
