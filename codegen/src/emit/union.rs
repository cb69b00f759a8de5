//! Unions: a Rust enum with one variant per member, and hand-written serde that
//! reads awsJson's single-key objects (ignoring `__type` and `null` members) and
//! keeps members added to the model later as `Unknown`.

use proc_macro2::TokenStream;
use quote::quote;

use super::wire::Way;
use super::{doc_attrs, ident, lit, type_tokens};
use crate::ir::Union;
use crate::naming::UNKNOWN_VARIANT;

/// Emits a union.
///
/// ```text
/// pub enum MyUnion { StringValue(String), Greeting, Unknown(String) }
/// impl Serialize for MyUnion { /* {"stringValue": ...} */ }
/// impl<'de> Deserialize<'de> for MyUnion { /* exactly one non-null member */ }
/// ```
pub fn emit_union(u: &Union) -> TokenStream {
    let name = ident(&u.name);
    let docs = doc_attrs(&u.docs);
    let unknown = ident(UNKNOWN_VARIANT);
    let defs = u.variants.iter().map(|v| {
        let docs = doc_attrs(&v.docs);
        let variant = ident(&v.name);
        match &v.ty {
            Some(ty) => {
                let ty = type_tokens(ty);
                let ty = if v.boxed {
                    quote!(::std::boxed::Box<#ty>)
                } else {
                    ty
                };
                quote!(#docs #variant(#ty),)
            }
            None => quote!(#docs #variant,),
        }
    });
    let serialize_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = lit(&v.wire_name);
        match &v.ty {
            Some(ty) => match super::wire::adapter(ty, true, Way::Write).filter(|_| !v.boxed) {
                Some(a) => quote!(Self::#variant(value) => map.serialize_entry(#wire, &::awsgen_runtime::serde_as::Ser::<_, #a>::new(value))?,),
                None => quote!(Self::#variant(value) => map.serialize_entry(#wire, value)?,),
            },
            None => quote!(Self::#variant => map.serialize_entry(#wire, &::awsgen_runtime::aws_json::Empty {})?,),
        }
    });
    let any_value = u.variants.iter().any(|v| v.ty.is_some());
    let value_binding = if any_value { quote!(value) } else { quote!(_) };
    let deserialize_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let wire = lit(&v.wire_name);
        match &v.ty {
            Some(ty) => match super::wire::adapter(ty, true, Way::Read).filter(|_| !v.boxed) {
                Some(a) => {
                    quote! {
                        #wire => Self::#variant(
                            ::awsgen_runtime::serde_json::from_value::<::awsgen_runtime::serde_as::De<_, #a>>(value).map_err(<D::Error as ::awsgen_runtime::serde::de::Error>::custom)?.0,
                        ),
                    }
                }
                None => quote! {
                    #wire => Self::#variant(
                        ::awsgen_runtime::serde_json::from_value(value).map_err(<D::Error as ::awsgen_runtime::serde::de::Error>::custom)?,
                    ),
                },
            },
            None => quote!(#wire => Self::#variant,),
        }
    });
    let type_name = lit(&u.name);
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        #[allow(
            clippy::large_enum_variant,
            reason = "variants hold the modeled shapes by value so they match directly"
        )]
        pub enum #name {
            #(#defs)*
            /// A member these bindings do not know (the service added it later),
            /// by name. It serializes as that name with an empty object (`{"name":{}}`),
            /// so a parsed response can be printed or stored again; the value the
            /// service sent is not kept.
            #unknown(::std::string::String),
        }

        impl ::awsgen_runtime::serde::Serialize for #name {
            fn serialize<S: ::awsgen_runtime::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::awsgen_runtime::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::Some(1))?;
                match self {
                    #(#serialize_arms)*
                    Self::#unknown(member) => map.serialize_entry(member, &::awsgen_runtime::aws_json::Empty {})?,
                }
                map.end()
            }
        }

        impl<'de> ::awsgen_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::awsgen_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let members = <::std::collections::BTreeMap<::std::string::String, ::awsgen_runtime::Document> as ::awsgen_runtime::serde::Deserialize>::deserialize(deserializer)?;
                let mut set = members
                    .into_iter()
                    .filter(|(member, value)| member != "__type" && !value.is_null());
                let (member, #value_binding) = set.next().ok_or_else(|| {
                    <D::Error as ::awsgen_runtime::serde::de::Error>::custom(::std::format_args!("union `{}` has no member set", #type_name))
                })?;
                if set.next().is_some() {
                    return ::std::result::Result::Err(<D::Error as ::awsgen_runtime::serde::de::Error>::custom(
                        ::std::format_args!("union `{}` has more than one member set", #type_name),
                    ));
                }
                ::std::result::Result::Ok(match member.as_str() {
                    #(#deserialize_arms)*
                    _ => Self::#unknown(member),
                })
            }
        }
    }
}
