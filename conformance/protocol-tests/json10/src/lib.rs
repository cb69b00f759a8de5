//! Bindings of `aws.protocoltests.json10#JsonRpc10` (awsJson1_0), a service of the Smithy protocol test
//! suite, generated at build time with its dispatch table ([`dispatch`]).

include!("../../service_crate.rs");
