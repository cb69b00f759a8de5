//! Generates every operation of `shared/models/api-gateway-2015-07-09.json`.

#[path = "../build_service.rs"]
mod build_service;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    build_service::generate("api-gateway-2015-07-09.json")
}
