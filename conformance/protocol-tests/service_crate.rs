// The body of each service crate of the protocol tests (see build_service.rs).

#[cfg(generated)]
include!(concat!(env!("OUT_DIR"), "/service.rs"));

/// What generation did: the service, and what was left out and why.
pub mod outcome {
    include!(concat!(env!("OUT_DIR"), "/outcome.rs"));
}

/// Nothing generated: no operations.
#[cfg(not(generated))]
pub mod dispatch {
    /// Empty: the service did not generate (see [`crate::outcome`]).
    pub static OPERATIONS: &[awsgen_runtime::dispatch::Dispatch] = &[];
}
