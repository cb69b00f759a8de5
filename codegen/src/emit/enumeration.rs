//! Forward-compatible string enums.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident, lit};
use crate::ir::Enum;
use crate::naming::UNKNOWN_VARIANT;

/// Emits an enum: one variant per known value plus a catch-all that keeps any
/// value the service adds later, so a new region or operation type never fails a
/// whole response and is sent back unchanged.
///
/// ```text
/// #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
/// #[non_exhaustive]
/// pub enum RegionName { UsEast1, /* .. */ Unknown(::awsgen_runtime::UnknownValue) }
/// impl RegionName { pub const VALUES: &[&str]; pub const KNOWN: &[Self]; pub fn as_str(&self) -> &str }
/// impl From<&str>, From<String>, FromStr, Display, AsRef<str>, From<RegionName> for String
/// ```
pub fn emit_enum(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let wire = super::wire::string_enum(&name);
    let docs = doc_attrs(&e.docs);
    let unknown = ident(UNKNOWN_VARIANT);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| lit(&v.value)).collect();
    let variant_defs = e.variants.iter().zip(&variants).map(|(v, ident)| {
        let docs = doc_attrs(&v.docs);
        quote!(#docs #ident,)
    });
    quote! {
        #docs
        #[derive(
            ::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq,
            ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord,
        )]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A value these bindings do not know (the service added it later); kept
            /// exactly as received and sent back unchanged.
            #unknown(::awsgen_runtime::UnknownValue),
        }

        impl #name {
            /// Every known value, in model order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// Every known variant, in model order.
            pub const KNOWN: &'static [Self] = &[#(Self::#variants),*];

            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::#unknown(value) => value.as_str(),
                }
            }

            /// Whether this is a value these bindings do not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::#unknown(_))
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::#unknown(::awsgen_runtime::UnknownValue::new(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::std::convert::From<#name> for ::std::string::String {
            fn from(value: #name) -> Self {
                value.as_str().to_owned()
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        #wire

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// Emits an intEnum: like [`emit_enum`], with `i32` values; an unknown value is
/// kept as its number.
///
/// ```text
/// pub enum Level { Low, High, Unknown(i32) }
/// impl Level { pub const VALUES: &[i32]; pub const KNOWN: &[Self]; pub fn value(&self) -> i32 }
/// ```
pub fn emit_int_enum(e: &crate::ir::IntEnum) -> TokenStream {
    let name = ident(&e.name);
    let wire = super::wire::int_enum(&name);
    let docs = doc_attrs(&e.docs);
    let unknown = ident(UNKNOWN_VARIANT);
    let variants: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<_> = e.variants.iter().map(|v| v.value).collect();
    let variant_defs = e.variants.iter().zip(&variants).map(|(v, ident)| {
        let docs = doc_attrs(&v.docs);
        quote!(#docs #ident,)
    });
    quote! {
        #docs
        #[derive(
            ::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq,
            ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord,
        )]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            /// A value these bindings do not know (the service added it later); kept
            /// exactly as received and sent back unchanged.
            #unknown(i32),
        }

        impl #name {
            /// Every known value, in model order.
            pub const VALUES: &'static [i32] = &[#(#values),*];

            /// Every known variant, in model order.
            pub const KNOWN: &'static [Self] = &[#(Self::#variants),*];

            /// The value on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(Self::#variants => #values,)*
                    Self::#unknown(value) => *value,
                }
            }

            /// Whether this is a value these bindings do not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::#unknown(_))
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::#unknown(other),
                }
            }
        }

        impl ::std::convert::From<#name> for i32 {
            fn from(value: #name) -> Self {
                value.value()
            }
        }

        #wire

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }
    }
}
