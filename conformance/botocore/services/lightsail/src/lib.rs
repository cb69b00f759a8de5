//! Bindings of every Amazon Lightsail operation (awsJson1_1), generated at build time from
//! `shared/models/lightsail-2016-11-28.json`, with their dispatch table ([`dispatch`]).

include!("../../service_crate.rs");
