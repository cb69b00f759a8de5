//! The awsJson wire format of structures and enums: hand-written `Serialize` and
//! `Deserialize` implementations (no serde derive), so generated crates build
//! without proc-macro crates and every wire rule is visible in the snapshots:
//! member names exactly as in the model, absent members omitted, unknown members
//! ignored, `null` read as absent, model defaults and error correction applied,
//! NaN/Infinity floats and timestamp formats through the runtime's wrappers.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{ident, lit, type_tokens};
use crate::ir::{Field, Location, Presence, Struct, TimestampFormat, Type};
use crate::naming::plain;

/// The runtime wrapper a field's value goes through on the wire, if any.
fn wrapper(f: &Field) -> Option<TokenStream> {
    if f.boxed {
        return None;
    }
    match f.ty {
        Type::Float | Type::Double => Some(quote!(::awsgen_runtime::serde_float::Wire)),
        Type::Timestamp(TimestampFormat::DateTime) => {
            Some(quote!(::awsgen_runtime::timestamp::DateTimeString))
        }
        Type::Timestamp(TimestampFormat::HttpDate) => {
            Some(quote!(::awsgen_runtime::timestamp::HttpDate))
        }
        _ => None,
    }
}

/// Which way a value goes through an adapter.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    Write,
    Read,
}

/// The `awsgen_runtime::serde_as` adapter of a value that needs one: a list or
/// map whose items or values have a wire form of their own (floats, date-time
/// and http-date timestamps), at any depth, or, when read, a dense map (a
/// `null` value drops its entry); with `scalars`, such a scalar too.
pub(super) fn adapter(ty: &Type, scalars: bool, way: Way) -> Option<TokenStream> {
    let rt = quote!(::awsgen_runtime::serde_as);
    match ty {
        Type::Float | Type::Double if scalars => Some(quote!(#rt::FloatAs)),
        Type::Timestamp(TimestampFormat::DateTime) if scalars => Some(quote!(#rt::DateTimeAs)),
        Type::Timestamp(TimestampFormat::HttpDate) if scalars => Some(quote!(#rt::HttpDateAs)),
        Type::List { element, sparse } => adapter(element, true, way).map(|a| {
            if *sparse {
                quote!(#rt::Items<#rt::Sparse<#a>>)
            } else {
                quote!(#rt::Items<#a>)
            }
        }),
        Type::Map {
            value,
            sparse: true,
            ..
        } => adapter(value, true, way).map(|a| quote!(#rt::SparseValues<#a>)),
        Type::Map { value, .. } => match adapter(value, true, way) {
            Some(a) => Some(quote!(#rt::Values<#a>)),
            None if way == Way::Read => Some(quote!(#rt::Values<#rt::Plain>)),
            None => None,
        },
        _ => None,
    }
}

/// The local variable holding a member while it is read (`name_`: locals end
/// with `_`, so they never collide with `map` or `member`).
fn local(f: &Field) -> Ident {
    format_ident!("{}_", plain(&f.name))
}

/// `impl Serialize`: one `serialize_entry` per member, optional ones only when set.
///
/// ```text
/// let mut map = serializer.serialize_map(None)?;
/// map.serialize_entry("distributionName", &self.distribution_name)?;
/// if let Some(value) = &self.origin { map.serialize_entry("origin", value)?; }
/// map.end()
/// ```
pub fn serialize_struct(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    // `guard`: written only when the document, not the body, is written.
    let entry = |f: &Field, guard: bool| {
        let field = ident(&f.name);
        let wire = lit(&f.wire_name);
        // `reference` is the value by reference, `copy` the same value by copy
        // (wrapped types are `Copy`).
        let value = |reference: TokenStream, copy: TokenStream| match wrapper(f) {
            Some(w) => quote!(&#w(#copy)),
            None => match adapter(&f.ty, false, Way::Write) {
                Some(a) => quote!(&::awsgen_runtime::serde_as::Ser::<_, #a>::new(#reference)),
                None => reference,
            },
        };
        if f.presence == Presence::Optional {
            let value = value(quote!(value), quote!(*value));
            let set = if guard {
                quote!(self.#field.as_ref().filter(|_| !body_only))
            } else {
                quote!(&self.#field)
            };
            quote! {
                if let ::std::option::Option::Some(value) = #set {
                    map.serialize_entry(#wire, #value)?;
                }
            }
        } else {
            let value = value(quote!(&self.#field), quote!(self.#field));
            if guard {
                quote! {
                    if !body_only {
                        map.serialize_entry(#wire, #value)?;
                    }
                }
            } else {
                quote!(map.serialize_entry(#wire, #value)?;)
            }
        }
    };
    let map = if s.fields.is_empty() {
        quote!(map)
    } else {
        quote!(mut map)
    };
    if super::rest::splits_body(s) {
        // The document has every member; the HTTP body only the unbound ones.
        let entries = s
            .fields
            .iter()
            .map(|f| entry(f, f.location != Location::Body));
        return quote! {
            impl ::awsgen_runtime::serde::Serialize for #name {
                fn serialize<S: ::awsgen_runtime::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    ::awsgen_runtime::rest_json::Members::serialize_members(self, serializer, false)
                }
            }

            impl ::awsgen_runtime::rest_json::Members for #name {
                fn serialize_members<S: ::awsgen_runtime::serde::Serializer>(&self, serializer: S, body_only: bool) -> ::std::result::Result<S::Ok, S::Error> {
                    use ::awsgen_runtime::serde::ser::SerializeMap as _;
                    let #map = serializer.serialize_map(::std::option::Option::None)?;
                    #(#entries)*
                    map.end()
                }
            }
        };
    }
    let entries = s.fields.iter().map(|f| entry(f, false));
    quote! {
        impl ::awsgen_runtime::serde::Serialize for #name {
            fn serialize<S: ::awsgen_runtime::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::awsgen_runtime::serde::ser::SerializeMap as _;
                let #map = serializer.serialize_map(::std::option::Option::None)?;
                #(#entries)*
                map.end()
            }
        }
    }
}

/// `impl Deserialize`: a map visitor that reads known members (a `null` counts as
/// absent), skips unknown ones, then applies required/default/error-correction rules.
///
/// ```text
/// while let Some(member) = map.next_key::<Text>()? {
///     match member.as_str() {
///         "distributionName" => distribution_name_ = map.next_value()?,
///         _ => { map.next_value::<IgnoredAny>()?; }
///     }
/// }
/// Ok(UpdateDistributionRequest { distribution_name: distribution_name_.ok_or_else(|| missing_field("distributionName"))?, .. })
/// ```
pub fn deserialize_struct(s: &Struct) -> TokenStream {
    let name = ident(&s.name);
    let expecting = format!("a `{}` structure", s.name);
    let locals = s.fields.iter().map(|f| {
        let local = local(f);
        let ty = value_type(f);
        quote!(let mut #local: ::std::option::Option<#ty> = ::std::option::Option::None;)
    });
    let arms = s.fields.iter().map(|f| {
        let local = local(f);
        let wire = lit(&f.wire_name);
        let read = match wrapper(f) {
            Some(w) => {
                let w = match f.ty {
                    Type::Float | Type::Double => {
                        let inner = type_tokens(&f.ty);
                        quote!(#w<#inner>)
                    }
                    _ => w,
                };
                quote!(map.next_value::<::std::option::Option<#w>>()?.map(|value| value.0))
            }
            None => match adapter(&f.ty, false, Way::Read) {
                Some(a) => {
                    quote!(map.next_value::<::std::option::Option<::awsgen_runtime::serde_as::De<_, #a>>>()?.map(|value| value.0))
                }
                None => quote!(map.next_value()?),
            },
        };
        // Other names the member is read under (an error's message): only
        // while the member's own name has not been seen.
        let aliases = (!f.read_aliases.is_empty()).then(|| {
            let names = f.read_aliases.iter().map(|a| lit(a));
            quote!(#(#names)|* if #local.is_none() => #local = #read,)
        });
        quote!(#wire => #local = #read, #aliases)
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let local = local(f);
        let wire = lit(&f.wire_name);
        match &f.presence {
            Presence::Optional => quote!(#field: #local,),
            Presence::Default(_) => {
                let default = format_ident!("default_{}", plain(&f.name));
                quote!(#field: #local.unwrap_or_else(#default),)
            }
            Presence::Required if f.error_correct => quote!(#field: #local.unwrap_or_default(),),
            Presence::Required => quote! {
                #field: #local.ok_or_else(|| <A::Error as ::awsgen_runtime::serde::de::Error>::missing_field(#wire))?,
            },
        }
    });
    let read = if s.fields.is_empty() {
        quote! {
            while map.next_entry::<::awsgen_runtime::serde::de::IgnoredAny, ::awsgen_runtime::serde::de::IgnoredAny>()?.is_some() {}
        }
    } else {
        quote! {
            #(#locals)*
            while let ::std::option::Option::Some(member) = map.next_key::<::awsgen_runtime::text::Text<'de>>()? {
                match member.as_str() {
                    #(#arms)*
                    _ => {
                        map.next_value::<::awsgen_runtime::serde::de::IgnoredAny>()?;
                    }
                }
            }
        }
    };
    quote! {
        impl<'de> ::awsgen_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::awsgen_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;

                impl<'de> ::awsgen_runtime::serde::de::Visitor<'de> for Visitor {
                    type Value = crate::types::#name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: ::awsgen_runtime::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error> {
                        #read
                        ::std::result::Result::Ok(crate::types::#name {
                            #(#inits)*
                        })
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

/// The type a member is read as (its field type without `Option`).
fn value_type(f: &Field) -> TokenStream {
    let ty = type_tokens(&f.ty);
    if f.boxed {
        quote!(::std::boxed::Box<#ty>)
    } else {
        ty
    }
}

/// String enums on the wire: their value as a JSON string; any string reads,
/// except an unknown one when reading strictly (`dispatch::Strictness::Strict`).
pub fn string_enum(name: &Ident) -> TokenStream {
    quote! {
        impl ::awsgen_runtime::serde::Serialize for #name {
            fn serialize<S: ::awsgen_runtime::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::awsgen_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::awsgen_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::awsgen_runtime::text::Text<'de> as ::awsgen_runtime::serde::Deserialize>::deserialize(deserializer)?;
                let parsed = Self::from(value.as_str());
                if parsed.is_unknown() {
                    ::awsgen_runtime::enum_value::admit_unknown(value.as_str(), Self::VALUES)?;
                }
                ::std::result::Result::Ok(parsed)
            }
        }
    }
}

/// intEnums on the wire: their value as a JSON number; any `i32` reads,
/// except an unknown one when reading strictly.
pub fn int_enum(name: &Ident) -> TokenStream {
    quote! {
        impl ::awsgen_runtime::serde::Serialize for #name {
            fn serialize<S: ::awsgen_runtime::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.value())
            }
        }

        impl<'de> ::awsgen_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::awsgen_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let parsed = Self::from(<i32 as ::awsgen_runtime::serde::Deserialize>::deserialize(deserializer)?);
                if parsed.is_unknown() {
                    ::awsgen_runtime::enum_value::admit_unknown_int(parsed.value(), Self::VALUES)?;
                }
                ::std::result::Result::Ok(parsed)
            }
        }
    }
}
