//! Build-script logic shared by the service crates of the protocol tests: each
//! generates one service of the Smithy protocol test suite into
//! `$OUT_DIR/service.rs` and a JSON dispatch over its operations into
//! `$OUT_DIR/dispatch.rs`.
//!
//! Generation failures never fail the build. When the whole service does not
//! generate, each operation is tried alone and the ones that generate are kept;
//! the dispatch records the service error (`GENERATION_ERROR`) and the error of
//! every operation left out (`FAILED_OPERATIONS`), so the tests report the cases
//! of those operations as failed with that error.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use awsgen_codegen::ir;

type BoxError = Box<dyn std::error::Error>;

/// The suite, relative to a service crate's manifest directory.
const SUITE: &str =
    "../../../../shared/conformance/smithy-protocol-tests/smithy-aws-protocol-tests_model.json";

/// Generates `service` (a shape id of the suite) into `$OUT_DIR`.
pub fn generate(service: &str) -> Result<(), BoxError> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let suite = manifest_dir.join(SUITE);
    println!("cargo:rerun-if-changed={}", suite.display());
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=../build_service.rs");

    let config = || {
        awsgen_codegen::Config::new(&suite)
            .service(service)
            .client(false)
    };
    let outcome = match attempt(&config()) {
        Ok(generated) => Outcome {
            generated: Some(generated),
            service_error: None,
            failed: Vec::new(),
        },
        Err(service_error) => per_operation(&suite, service, &config, service_error)?,
    };
    let (code, dispatch) = match &outcome.generated {
        Some((code, krate)) => (code.as_str(), dispatch(service, Some(krate), &outcome)?),
        None => ("", dispatch(service, None, &outcome)?),
    };
    write_if_changed(&out_dir.join("service.rs"), code)?;
    write_if_changed(&out_dir.join("dispatch.rs"), &dispatch)?;
    Ok(())
}

struct Outcome {
    /// The generated file and its IR, unless nothing generated.
    generated: Option<(String, ir::Crate)>,
    /// Why the whole service did not generate.
    service_error: Option<String>,
    /// Operations left out, with their error.
    failed: Vec<(String, String)>,
}

/// Generates and resolves, turning errors (and panics) into text.
fn attempt(config: &awsgen_codegen::Config) -> Result<(String, ir::Crate), String> {
    let run = || -> awsgen_codegen::Result<(String, ir::Crate)> {
        Ok((config.generate_single_file()?, config.resolve()?))
    };
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

/// The dispatch's answer for an operation that was not generated.
const NOT_GENERATED: &str =
    "::std::result::Result::Err(format!(\"operation `{operation}` was not generated\"))";

/// Rust source of the dispatch module's items.
fn dispatch(
    service: &str,
    krate: Option<&ir::Crate>,
    outcome: &Outcome,
) -> Result<String, BoxError> {
    let mut out = String::new();
    writeln!(out, "/// The shape id of the service.")?;
    writeln!(out, "pub const SERVICE_ID: &str = {service:?};\n")?;
    writeln!(
        out,
        "/// Why the whole service did not generate (`None`: it did)."
    )?;
    let service_error = match &outcome.service_error {
        Some(error) => format!("::std::option::Option::Some({error:?})"),
        None => "::std::option::Option::None".to_owned(),
    };
    writeln!(
        out,
        "pub const GENERATION_ERROR: ::std::option::Option<&str> = {service_error};\n"
    )?;
    writeln!(
        out,
        "/// Operations left out of the bindings, with the generator's error."
    )?;
    writeln!(out, "pub const FAILED_OPERATIONS: &[(&str, &str)] = &[")?;
    for (operation, error) in &outcome.failed {
        writeln!(out, "    ({operation:?}, {error:?}),")?;
    }
    writeln!(out, "];\n")?;
    let operations = krate.map_or(&[][..], |k| &k.operations[..]);
    writeln!(out, "/// Wire names of the generated operations.")?;
    writeln!(out, "pub const OPERATIONS: &[&str] = &[")?;
    for op in operations {
        writeln!(out, "    {:?},", op.wire_name)?;
    }
    writeln!(out, "];\n")?;

    out.push_str(
        "/// Deserializes `input` (wire-shaped JSON) into the input of `operation` and\n\
         /// builds the request with the generated `request` function.\n\
         ///\n\
         /// # Errors\n\
         /// The operation was not generated, the input does not deserialize, or the\n\
         /// builder fails.\n\
         pub fn build_request(\n\
         \x20   operation: &str,\n\
         \x20   input: ::serde_json::Value,\n\
         ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, ::std::string::String> {\n",
    );
    if operations.is_empty() {
        writeln!(out, "    let _ = input;\n    {NOT_GENERATED}\n}}\n")?;
    } else {
        out.push_str("    match operation {\n");
        for op in operations {
            let input = match &op.input {
                Some(name) => format!("crate::types::{name}"),
                None => "::awsgen_runtime::aws_json::Empty".to_owned(),
            };
            writeln!(
                out,
                "        {wire:?} => {{\n\
                 \x20           let input: {input} = ::serde_json::from_value(input)\n\
                 \x20               .map_err(|e| format!(\"the params do not deserialize into {input}: {{e}}\"))?;\n\
                 \x20           crate::operation::{module}::{name}::request(&input).map_err(|e| format!(\"request: {{e}}\"))\n\
                 \x20       }}",
                wire = op.wire_name,
                module = op.module,
                name = op.name,
            )?;
        }
        writeln!(out, "        _ => {NOT_GENERATED},\n    }}\n}}\n")?;
    }

    out.push_str(
        "/// A parsed response: the output as wire-shaped JSON, or the error type with the\n\
         /// error's fields (`None` when the error is not modeled for the operation).\n\
         pub type Parsed = ::std::result::Result<\n\
         \x20   ::serde_json::Value,\n\
         \x20   (::std::string::String, ::std::option::Option<::serde_json::Value>),\n\
         >;\n\n\
         /// Parses `response` with the generated `parse_response` of `operation`.\n\
         ///\n\
         /// # Errors\n\
         /// The operation was not generated, the response is malformed, or the parsed\n\
         /// value does not serialize.\n\
         pub fn parse_response(\n\
         \x20   operation: &str,\n\
         \x20   response: &::http::Response<::std::vec::Vec<u8>>,\n\
         ) -> ::std::result::Result<Parsed, ::std::string::String> {\n",
    );
    if operations.is_empty() {
        writeln!(out, "    let _ = response;\n    {NOT_GENERATED}\n}}")?;
        return Ok(out);
    }
    out.push_str("    match operation {\n");
    for op in operations {
        writeln!(
            out,
            "        {wire:?} => match crate::operation::{module}::{name}::parse_response(response) {{\n\
             \x20           ::std::result::Result::Ok(output) => to_json(&output).map(::std::result::Result::Ok),\n\
             \x20           ::std::result::Result::Err(error) => {{\n\
             \x20               let text = error.to_string();\n\
             \x20               match error.into_service_error() {{",
            wire = op.wire_name,
            module = op.module,
            name = op.name,
        )?;
        for case in &op.errors {
            writeln!(
                out,
                "                    ::std::option::Option::Some(crate::operation::{module}::{error}::{variant}(inner)) => {{\n\
                 \x20                       ::std::result::Result::Ok(::std::result::Result::Err(({code:?}.to_owned(), ::std::option::Option::Some(to_json(&inner)?))))\n\
                 \x20                   }}",
                module = op.module,
                error = op.error_name,
                variant = case.variant,
                code = case.code,
            )?;
        }
        out.push_str(
            "                    ::std::option::Option::Some(other) => {\n\
             \x20                       ::std::result::Result::Ok(::std::result::Result::Err((other.error_type().to_owned(), ::std::option::Option::None)))\n\
             \x20                   }\n\
             \x20                   ::std::option::Option::None => ::std::result::Result::Err(text),\n\
             \x20               }\n\
             \x20           }\n\
             \x20       },\n",
        );
    }
    writeln!(out, "        _ => {NOT_GENERATED},\n    }}\n}}\n")?;
    out.push_str(
        "fn to_json<T: ::serde::Serialize>(value: &T) -> ::std::result::Result<::serde_json::Value, ::std::string::String> {\n\
         \x20   ::serde_json::to_value(value).map_err(|e| format!(\"the parsed value does not serialize: {e}\"))\n\
         }\n",
    );
    Ok(out)
}
