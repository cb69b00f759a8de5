//! Bindings of `aws.protocoltests.json#JsonProtocol` (awsJson1_1), a service of the Smithy protocol test
//! suite, generated at build time; [`dispatch`] drives its operations from JSON.

include!(concat!(env!("OUT_DIR"), "/service.rs"));

/// Builds requests from and parses responses into wire-shaped JSON by operation name.
pub mod dispatch {
    include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));
}
