//! Generates `com.amazonaws.apigateway#BackplaneControlService` from the Smithy protocol test suite.

#[path = "../build_service.rs"]
mod build_service;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    build_service::generate("com.amazonaws.apigateway#BackplaneControlService")
}
