//! Generates every operation of `shared/models/lightsail-2016-11-28.json`.

#[path = "../build_service.rs"]
mod build_service;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    build_service::generate("lightsail-2016-11-28.json")
}
