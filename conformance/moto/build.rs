//! Generates the bindings the scenarios call, only those operations, from the
//! official models beside the project.

use std::path::PathBuf;

const SERVICES: &[(&str, &str, &[&str])] = &[
    (
        "dynamodb-2012-08-10",
        "dynamodb.rs",
        &[
            "CreateTable",
            "DescribeTable",
            "PutItem",
            "GetItem",
            "Query",
            "Scan",
            "BatchWriteItem",
            "DeleteTable",
            "ListTables",
        ],
    ),
    (
        "secrets-manager-2017-10-17",
        "secrets.rs",
        &[
            "CreateSecret",
            "GetSecretValue",
            "PutSecretValue",
            "ListSecrets",
            "UpdateSecret",
            "DescribeSecret",
            "DeleteSecret",
        ],
    ),
    (
        "sqs-2012-11-05",
        "sqs.rs",
        &[
            "CreateQueue",
            "GetQueueUrl",
            "SendMessage",
            "SendMessageBatch",
            "ReceiveMessage",
            "DeleteMessage",
            "GetQueueAttributes",
            "DeleteQueue",
        ],
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let models = manifest_dir.join("../../../shared/models");
    println!("cargo:rerun-if-changed=build.rs");
    for (model, file, operations) in SERVICES {
        let model = models.join(format!("{model}.json"));
        if !model.exists() {
            return Err(format!(
                "the moto scenarios need the reference models beside the project: {} is missing \
                 (see \"On a fresh machine\" in the README)",
                model.display()
            )
            .into());
        }
        let module = file.trim_end_matches(".rs");
        operations
            .iter()
            .fold(awsgen_codegen::Config::new(&model), |config, name| {
                config.operation(*name)
            })
            .module_path(format!("crate::{module}"))
            .write_to_out_dir(file)?;
    }
    Ok(())
}
