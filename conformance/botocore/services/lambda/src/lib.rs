//! Bindings of every AWS Lambda operation (restJson1), generated at build time from
//! `shared/models/lambda-2015-03-31.json`, with their dispatch table ([`dispatch`]).

include!("../../service_crate.rs");
