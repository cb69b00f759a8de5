//! Bindings of every Amazon EFS operation (restJson1), generated at build time from
//! `shared/models/efs-2015-02-01.json`, with their dispatch table ([`dispatch`]).

include!("../../service_crate.rs");
