//! Bindings of `aws.protocoltests.restjson.validation#RestJsonValidation` (restJson1), a service of the Smithy protocol test
//! suite, generated at build time with its dispatch table ([`dispatch`]).

include!("../../service_crate.rs");
