//! Build-script logic shared by the service crates of the parity suite: each
//! generates every operation of one official model of `shared/models`, with its
//! dispatch table (operations by name, JSON in and out), into
//! `$OUT_DIR/service.rs`.

use std::path::PathBuf;

/// Generates the model `file` of `shared/models` into `$OUT_DIR/service.rs`.
pub fn generate(file: &str) -> Result<(), Box<dyn std::error::Error>> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let model = manifest_dir.join("../../../../../shared/models").join(file);
    if !model.exists() {
        return Err(format!(
            "the botocore parity suite needs the reference models beside the project: {} is missing \
             (see \"On a fresh machine\" in the README)",
            model.display()
        )
        .into());
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../build_service.rs");
    println!("cargo:rustc-env=AWSGEN_MODEL_FILE={file}");
    awsgen_codegen::Config::new(&model)
        .client(false)
        .dispatch(true)
        .write_to_out_dir("service.rs")?;
    Ok(())
}
