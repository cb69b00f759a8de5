//! Generates sans-IO bindings with their dispatch tables for the `responses`
//! target: the project's Lightsail model (the bindings this repository ships)
//! and the generator's kitchen-sink fixture (every shape kind and trait the
//! generator supports).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("..");
    for (model, module) in [
        ("model/lightsail.json", "lightsail"),
        ("codegen/tests/fixtures/kitchen_sink.json", "kitchen_sink"),
    ] {
        println!("cargo:rerun-if-changed=../{model}");
        awsgen_codegen::Config::new(root.join(model))
            .client(false)
            .dispatch(true)
            .module_path(format!("crate::{module}"))
            .write_to_out_dir(&format!("{module}.rs"))?;
    }
    Ok(())
}
