//! Regenerates the Lightsail bindings from `model/` whenever the model changes,
//! with the async client when this crate's `client` feature is on.

fn main() -> Result<(), awsgen_codegen::Error> {
    awsgen_codegen::Config::new("model/lightsail.json")
        .operation("UpdateDistribution")
        .client(std::env::var_os("CARGO_FEATURE_CLIENT").is_some())
        .write_to_out_dir("lightsail.rs")
}
