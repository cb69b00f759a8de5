//! Generates every operation of `shared/models/eks-2017-11-01.json`.

#[path = "../build_service.rs"]
mod build_service;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    build_service::generate("eks-2017-11-01.json")
}
