//! Generates the bindings of every Lightsail operation from the official model
//! into `$OUT_DIR/lightsail.rs`, with their dispatch table (operations by name,
//! JSON in and out).

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let model = manifest_dir.join("../../../shared/models/lightsail-2016-11-28.json");
    if !model.exists() {
        return Err(format!(
            "the botocore parity suite needs the reference models beside the project: {} is missing \
             (see \"On a fresh machine\" in the README)",
            model.display()
        )
        .into());
    }
    println!("cargo:rerun-if-changed=build.rs");
    awsgen_codegen::Config::new(&model)
        .client(false)
        .dispatch(true)
        .write_to_out_dir("lightsail.rs")?;
    Ok(())
}
