//! Bindings for two services, only the operations this program calls.

fn main() -> Result<(), awsgen_codegen::Error> {
    let models = std::env::var("AWSGEN_MODELS").unwrap_or_else(|_| "../../../shared/models".into());
    awsgen_codegen::Config::new(format!("{models}/secrets-manager-2017-10-17.json"))
        .operation("GetSecretValue")
        .module_path("crate::secrets")
        .write_to_out_dir("secrets.rs")?;
    awsgen_codegen::Config::new(format!("{models}/dynamodb-2012-08-10.json"))
        .operation("GetItem")
        .module_path("crate::dynamodb")
        .write_to_out_dir("dynamodb.rs")
}
