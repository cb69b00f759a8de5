//! The opt-in dispatch table: every operation by its wire name, with JSON in
//! and out, for tools that choose the operation at run time.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Gate, ident};
use crate::ir::Crate;
use crate::naming::UNHANDLED_VARIANT;

/// Emits the items of the `dispatch` module:
///
/// ```text
/// pub static OPERATIONS: &[Dispatch] = &[Dispatch::of::<crate::operation::x::X>(), ..]; // sorted
/// pub fn operation(name: &str) -> Result<&'static Dispatch, DispatchError>;
/// impl ErrorFields for crate::operation::x::XError { .. }
/// ```
pub fn emit_dispatch(krate: &Crate, gate: &Gate) -> TokenStream {
    let (require, cfg) = match gate {
        Gate::Feature(feature) => (None, Some(quote!(#[cfg(feature = #feature)]))),
        Gate::Always | Gate::Never => (
            Some(quote!(::awsgen_runtime::__require_dispatch_feature!();)),
            None,
        ),
    };
    let mut operations: Vec<_> = krate.operations.iter().collect();
    operations.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
    let entries = operations.iter().map(|op| {
        let module = ident(&op.module);
        let name = ident(&op.name);
        quote!(::awsgen_runtime::dispatch::Dispatch::of::<crate::operation::#module::#name>(),)
    });
    let unhandled = ident(UNHANDLED_VARIANT);
    let error_fields = operations.iter().map(|op| {
        let module = ident(&op.module);
        let error = ident(&op.error_name);
        let variants = op.errors.iter().map(|e| ident(&e.variant));
        quote! {
            #cfg
            impl ::awsgen_runtime::dispatch::ErrorFields for crate::operation::#module::#error {
                fn fields(&self) -> ::std::result::Result<::std::option::Option<::awsgen_runtime::serde_json::Value>, ::awsgen_runtime::serde_json::Error> {
                    match self {
                        #(Self::#variants(error) => ::awsgen_runtime::serde_json::to_value(error).map(::std::option::Option::Some),)*
                        Self::#unhandled(_) => ::std::result::Result::Ok(::std::option::Option::None),
                    }
                }
            }
        }
    });
    quote! {
        #require

        /// Every operation of these bindings, sorted by wire name.
        #cfg
        pub static OPERATIONS: &[::awsgen_runtime::dispatch::Dispatch] = &[#(#entries)*];

        /// The operation called `name` on the wire (`ListTables`).
        ///
        /// # Errors
        /// These bindings have no operation of that name.
        #cfg
        pub fn operation(name: &str) -> ::std::result::Result<&'static ::awsgen_runtime::dispatch::Dispatch, ::awsgen_runtime::dispatch::DispatchError> {
            ::awsgen_runtime::dispatch::find(OPERATIONS, name)
        }

        #(#error_fields)*
    }
}
