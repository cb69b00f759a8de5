//! Bindings of every Amazon API Gateway operation (restJson1), generated at build time from
//! `shared/models/api-gateway-2015-07-09.json`, with their dispatch table ([`dispatch`]).

include!("../../service_crate.rs");
