//! Bindings of `aws.protocoltests.json10#QueryCompatibleJsonRpc10` (awsJson1_0, awsQueryCompatible), a service of the Smithy protocol test
//! suite, generated at build time with its dispatch table ([`dispatch`]).

include!("../../service_crate.rs");
