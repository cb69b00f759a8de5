// The body of each service crate of the parity suite (see build_service.rs).

include!(concat!(env!("OUT_DIR"), "/service.rs"));

/// The file of `shared/models` these bindings were generated from.
pub const MODEL_FILE: &str = env!("AWSGEN_MODEL_FILE");
