#![doc = include_str!("../README.md")]
//!
//! ## Modules
//!
//! - [`aws_json`]: the awsJson1_0 / awsJson1_1 protocol (request building and
//!   response parsing, without I/O);
//! - [`http_binding`]: members bound to the URI path, the query string and
//!   headers, as the REST protocols (restJson1, restXml) write and read them;
//! - `dispatch` (feature `dispatch`): operations by name, with JSON in and
//!   out, for bindings generated with a dispatch table;
//! - [`DateTime`]: timestamps, exact to the millisecond on the wire;
//! - [`UnknownValue`]: the payload of the catch-all variant of generated enums;
//! - [`serde_as`]: the same wire forms for floats and timestamps inside lists and maps;
//! - [`serde_float`]: `float`/`double` members, including NaN and the infinities;
//! - [`Blob`], [`Document`] and [`timestamp`]: `blob`, `document` and
//!   `@timestampFormat` members.

#[cfg(feature = "client")]
pub mod auth;
pub mod aws_json;
pub mod blob;
#[cfg(feature = "client")]
pub mod client;
pub mod datetime;
#[cfg(feature = "dispatch")]
pub mod dispatch;
#[cfg(feature = "client")]
pub mod endpoint;
pub mod enum_value;
pub mod http_binding;
pub mod rest_json;
// Signing and endpoint rules use the parts the bindings do not.
#[cfg_attr(not(feature = "client"), allow(dead_code))]
mod percent;
#[cfg(feature = "client")]
pub mod retry;
pub mod serde_as;
pub mod serde_float;
pub mod text;
pub mod timestamp;
mod tree_hash;

pub use blob::Blob;
pub use datetime::{DateTime, DateTimeError};
pub use enum_value::UnknownValue;
/// Re-exported: generated code names `http`, `serde` and `serde_json` through
/// this crate, so a crate of generated bindings needs no dependency on them
/// of its own (and always agrees with the runtime on their versions).
pub use http;
pub use serde;
pub use serde_json;

/// A `document` member: untyped JSON, as on the wire.
pub type Document = serde_json::Value;

/// Generated code with an async client starts with this: nothing when the
/// `client` feature is on, a compile error naming the fix when it is off.
#[cfg(feature = "client")]
#[doc(hidden)]
#[macro_export]
macro_rules! __require_client_feature {
    () => {};
}

/// Generated code with an async client starts with this: nothing when the
/// `client` feature is on, a compile error naming the fix when it is off.
#[cfg(not(feature = "client"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __require_client_feature {
    () => {
        ::core::compile_error!(
            "these bindings were generated with the async client (awsgen_codegen::Config::client(true), the default): enable the `client` feature of awsgen-runtime (awsgen-runtime = { version = \"..\", features = [\"client\"] }), or generate sans-IO bindings with Config::client(false)"
        );
    };
}

/// Generated code with a dispatch table starts with this: nothing when the
/// `dispatch` feature is on, a compile error naming the fix when it is off.
#[cfg(feature = "dispatch")]
#[doc(hidden)]
#[macro_export]
macro_rules! __require_dispatch_feature {
    () => {};
}

/// Generated code with a dispatch table starts with this: nothing when the
/// `dispatch` feature is on, a compile error naming the fix when it is off.
#[cfg(not(feature = "dispatch"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __require_dispatch_feature {
    () => {
        ::core::compile_error!(
            "these bindings were generated with a dispatch table (awsgen_codegen::Config::dispatch(true)): enable the `dispatch` feature of awsgen-runtime (awsgen-runtime = { version = \"..\", features = [\"dispatch\"] })"
        );
    };
}
