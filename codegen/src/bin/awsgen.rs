//! `awsgen`: vendors generated bindings.
//!
//! ```text
//! awsgen vendor --model model/lightsail.json --out generated/src [--operation NAME]... [--exclude NAME]... [--service NAME] [--check]
//! awsgen single --model model/lightsail.json --out bindings.rs [--operation NAME]... [--exclude NAME]...
//! ```
//!
//! Without `--operation`, every operation the generator supports is generated;
//! the others are named in a warning on standard error (and in the crate docs).
//! A file the generator did not write is never overwritten or removed.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  awsgen vendor --model FILE --out SRC_DIR [--operation NAME]... [--exclude NAME]... [--service NAME] [--check]
  awsgen single --model FILE --out FILE.rs [--operation NAME]... [--exclude NAME]... [--service NAME]";

struct Args {
    command: String,
    model: PathBuf,
    out: PathBuf,
    operations: Vec<String>,
    exclude: Vec<String>,
    service: Option<String>,
    check: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let command = args.next().ok_or("missing command")?;
    let (mut model, mut out, mut operations, mut exclude, mut service, mut check) =
        (None, None, Vec::new(), Vec::new(), None, false);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--model" => model = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--operation" => operations.push(value()?),
            "--exclude" => exclude.push(value()?),
            "--service" => service = Some(value()?),
            "--check" => check = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        command,
        model: model.ok_or("missing --model")?,
        out: out.ok_or("missing --out")?,
        operations,
        exclude,
        service,
        check,
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("awsgen: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut config = awsgen_codegen::Config::new(&args.model);
    if let Some(service) = &args.service {
        config = config.service(service);
    }
    for op in &args.operations {
        config = config.operation(op);
    }
    for op in &args.exclude {
        config = config.exclude_operation(op);
    }
    let warn = |omitted: &[awsgen_codegen::ir::OmittedOperation]| {
        for op in omitted {
            eprintln!("awsgen: warning: {op}");
        }
    };
    let result = match args.command.as_str() {
        "vendor" if args.check => config.check_crate_src(&args.out).map(|drift| {
            warn(&drift.omitted);
            if drift.is_clean() {
                true
            } else {
                eprint!(
                    "awsgen: {} differs from the model:\n{drift}",
                    args.out.display()
                );
                false
            }
        }),
        "vendor" => config.write_crate_src(&args.out).map(|drift| {
            warn(&drift.omitted);
            let updated = drift.missing.len() + drift.stale.len() + drift.extra.len();
            if updated > 0 {
                eprintln!(
                    "awsgen: {}: {} written, {} updated, {} removed",
                    args.out.display(),
                    drift.missing.len(),
                    drift.stale.len(),
                    drift.extra.len()
                );
            }
            for file in &drift.foreign {
                eprintln!("awsgen: left alone (not written by awsgen): {file}");
            }
            true
        }),
        "single" => config.write_single_file(&args.out).map(|omitted| {
            warn(&omitted);
            true
        }),
        other => {
            eprintln!("awsgen: unknown command `{other}`\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("awsgen: {error}");
            ExitCode::FAILURE
        }
    }
}
