//! Generates `aws.protocoltests.restjson#RestJson` from the Smithy protocol test suite.

#[path = "../build_service.rs"]
mod build_service;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    build_service::generate("aws.protocoltests.restjson#RestJson")
}
