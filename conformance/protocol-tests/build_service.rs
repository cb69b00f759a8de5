//! Build-script logic shared by the service crates of the protocol tests: each
//! generates one service of the Smithy protocol test suite, with its dispatch
//! table, into `$OUT_DIR/service.rs`, and what generation did into
//! `$OUT_DIR/outcome.rs`.
//!
//! Generation failures never fail the build. When the whole service does not
//! generate, each operation is tried alone and the ones that generate are kept;
//! the outcome records the service error (`GENERATION_ERROR`) and the error of
//! every operation left out (`FAILED_OPERATIONS`), so the tests report the cases
//! of those operations as failed with that error. The crate is built with
//! `cfg(generated)` when there are bindings at all.

use std::path::{Path, PathBuf};

type BoxError = Box<dyn std::error::Error>;

/// The suite, relative to a service crate's manifest directory.
const SUITE: &str =
    "../../../../shared/conformance/smithy-protocol-tests/smithy-aws-protocol-tests_model.json";

/// Generates `service` (a shape id of the suite) into `$OUT_DIR`.
pub fn generate(service: &str) -> Result<(), BoxError> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let suite = manifest_dir.join(SUITE);
    if !suite.exists() {
        return Err(format!(
            "the protocol tests need the reference suites beside the project: {} is missing \
             (see \"On a fresh machine\" in the README)",
            suite.display()
        )
        .into());
    }
    println!("cargo:rerun-if-changed={}", suite.display());
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../build_service.rs");

    let config = || {
        awsgen_codegen::Config::new(&suite)
            .service(service)
            .client(false)
            .dispatch(true)
    };
    let outcome = match attempt(&config()) {
        Ok(generated) => Outcome {
            generated: Some(generated),
            service_error: None,
            failed: Vec::new(),
        },
        Err(service_error) => per_operation(&suite, service, &config, service_error)?,
    };
    // The bindings carry their dispatch table; `generated` tells the crate
    // whether there are bindings at all.
    println!("cargo::rustc-check-cfg=cfg(generated)");
    let code = match &outcome.generated {
        Some(code) => {
            println!("cargo::rustc-cfg=generated");
            code.as_str()
        }
        None => "",
    };
    write_if_changed(&out_dir.join("service.rs"), code)?;
    write_if_changed(
        &out_dir.join("outcome.rs"),
        &outcome_consts(service, &outcome),
    )?;
    Ok(())
}

struct Outcome {
    /// The generated file, unless nothing generated.
    generated: Option<String>,
    /// Why the whole service did not generate.
    service_error: Option<String>,
    /// Operations left out, with their error.
    failed: Vec<(String, String)>,
}

/// Generates, turning errors (and panics) into text.
fn attempt(config: &awsgen_codegen::Config) -> Result<String, String> {
    let run = || config.generate_single_file();
    match std::panic::catch_unwind(run) {
        Ok(Ok(generated)) => Ok(generated),
        Ok(Err(error)) => Err(error.to_string()),
        Err(payload) => Err(format!(
            "the generator panicked: {}",
            payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)")
        )),
    }
}

/// Keeps the operations that generate on their own.
fn per_operation(
    suite: &Path,
    service: &str,
    config: &dyn Fn() -> awsgen_codegen::Config,
    service_error: String,
) -> Result<Outcome, BoxError> {
    let mut working = Vec::new();
    let mut failed = Vec::new();
    for operation in operations_of(suite, service)? {
        match attempt(&config().operation(&operation)) {
            Ok(_) => working.push(operation),
            Err(error) => failed.push((operation, error)),
        }
    }
    let mut generated = None;
    if !working.is_empty() {
        let together = working
            .iter()
            .fold(config(), |config, operation| config.operation(operation));
        match attempt(&together) {
            Ok(done) => generated = Some(done),
            Err(error) => failed.extend(working.into_iter().map(|op| (op, error.clone()))),
        }
    }
    Ok(Outcome {
        generated,
        service_error: Some(service_error),
        failed,
    })
}

/// Names of the service's operations, read from the suite.
fn operations_of(suite: &Path, service: &str) -> Result<Vec<String>, BoxError> {
    let model: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(suite)?)?;
    let operations = model["shapes"][service]["operations"]
        .as_array()
        .ok_or_else(|| format!("the suite has no service `{service}` with operations"))?;
    Ok(operations
        .iter()
        .filter_map(|op| op["target"].as_str())
        .filter_map(|id| id.rsplit_once('#').map(|(_, name)| name.to_owned()))
        .collect())
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), BoxError> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    std::fs::write(path, text)?;
    Ok(())
}

/// Rust source of the outcome's constants.
fn outcome_consts(service: &str, outcome: &Outcome) -> String {
    let service_error = match &outcome.service_error {
        Some(error) => format!("::std::option::Option::Some({error:?})"),
        None => "::std::option::Option::None".to_owned(),
    };
    let failed: String = outcome
        .failed
        .iter()
        .map(|(operation, error)| format!("    ({operation:?}, {error:?}),\n"))
        .collect();
    format!(
        "/// The shape id of the service.\n\
         pub const SERVICE_ID: &str = {service:?};\n\n\
         /// Why the whole service did not generate (`None`: it did).\n\
         pub const GENERATION_ERROR: ::std::option::Option<&str> = {service_error};\n\n\
         /// Operations left out of the bindings, with the generator's error.\n\
         pub const FAILED_OPERATIONS: &[(&str, &str)] = &[\n{failed}];\n"
    )
}
