//! Generates every operation of `shared/models/lambda-2015-03-31.json`.

#[path = "../build_service.rs"]
mod build_service;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    build_service::generate("lambda-2015-03-31.json")
}
