//! Bindings of every Amazon EKS operation (restJson1), generated at build time from
//! `shared/models/eks-2017-11-01.json`, with their dispatch table ([`dispatch`]).

include!("../../service_crate.rs");
