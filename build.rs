//! Regenerates the Lightsail bindings from `model/` whenever the model changes.

fn main() -> Result<(), awsgen_codegen::Error> {
    awsgen_codegen::Config::new("model/lightsail.json")
        .operation("UpdateDistribution")
        .write_to_out_dir("lightsail.rs")
}
