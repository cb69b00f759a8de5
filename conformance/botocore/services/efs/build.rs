//! Generates every operation of `shared/models/efs-2015-02-01.json`.

#[path = "../build_service.rs"]
mod build_service;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    build_service::generate("efs-2015-02-01.json")
}
