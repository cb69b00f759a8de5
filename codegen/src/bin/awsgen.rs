//! `awsgen`: writes generated bindings to disk, and checks they are fresh.
//!
//! ```text
//! awsgen vendor --model FILE --out DIR [options]     a whole crate: Cargo.toml, README.md, src/
//! awsgen check  --model FILE --out DIR [options]     exit 1 when DIR differs from what vendor writes
//! awsgen single --model FILE --out FILE.rs [options] one file of inline modules, for include!
//! ```
//!
//! Without `--operation`, every operation the generator supports is generated;
//! the others are named in a warning on standard error (and in the crate docs).
//! A file the generator did not write is never overwritten or removed.

use std::path::PathBuf;
use std::process::ExitCode;

use awsgen_codegen::render::RuntimeDependency;
use awsgen_codegen::{Config, Drift};

const USAGE: &str = "\
usage:
  awsgen vendor --model FILE --out DIR [options]      write a whole crate: Cargo.toml, README.md, src/
  awsgen check  --model FILE --out DIR [options]      exit 1 when DIR differs from what `vendor` writes
  awsgen single --model FILE --out FILE.rs [options]  write one file of inline modules, for include!

options:
  --operation NAME       generate this operation (repeatable; default: every supported one)
  --exclude NAME         leave this operation out (repeatable)
  --service NAME         the service, when the model has several
  --name NAME            vendor/check: the package name (default: the service's SDK id, kebab-case)
  --runtime-version V    vendor/check: depend on awsgen-runtime V from crates.io (default: this awsgen's)
  --runtime-path PATH    vendor/check: depend on awsgen-runtime at PATH (relative to DIR) instead
  --force                vendor: go on when DIR/src holds files awsgen did not write (they are left alone)
  --module-path PATH     single: the module the file is included in (default: crate)
  --no-client            single: sans-IO bindings, without the async client
  --dispatch             add the dispatch table: operations by wire name, JSON in and out
                         (single: needs awsgen-runtime's `dispatch` feature; vendor: a
                         `dispatch` feature of the crate)
  -h, --help             this text";

struct Args {
    command: String,
    model: PathBuf,
    out: PathBuf,
    operations: Vec<String>,
    exclude: Vec<String>,
    service: Option<String>,
    name: Option<String>,
    runtime: Option<RuntimeDependency>,
    force: bool,
    module_path: Option<String>,
    client: bool,
    dispatch: bool,
}

enum Parsed {
    Help,
    Run(Box<Args>),
}

fn parse_args() -> Result<Parsed, String> {
    let mut args = std::env::args().skip(1);
    let command = match args.next() {
        None => return Err("missing command".to_owned()),
        Some(c) if matches!(c.as_str(), "-h" | "--help" | "help") => return Ok(Parsed::Help),
        Some(c) => c,
    };
    if !matches!(command.as_str(), "vendor" | "check" | "single") {
        return Err(format!("unknown command `{command}`"));
    }
    let (mut model, mut out) = (None, None);
    let mut parsed = Args {
        command,
        model: PathBuf::new(),
        out: PathBuf::new(),
        operations: Vec::new(),
        exclude: Vec::new(),
        service: None,
        name: None,
        runtime: None,
        force: false,
        module_path: None,
        client: true,
        dispatch: false,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--model" => model = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--operation" => parsed.operations.push(value()?),
            "--exclude" => parsed.exclude.push(value()?),
            "--service" => parsed.service = Some(value()?),
            "--name" => parsed.name = Some(value()?),
            "--runtime-version" => parsed.runtime = Some(RuntimeDependency::Version(value()?)),
            "--runtime-path" => {
                parsed.runtime = Some(RuntimeDependency::Path(PathBuf::from(value()?)))
            }
            "--force" => parsed.force = true,
            "--module-path" => parsed.module_path = Some(value()?),
            "--no-client" => parsed.client = false,
            "--dispatch" => parsed.dispatch = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    parsed.model = model.ok_or("missing --model")?;
    parsed.out = out.ok_or("missing --out")?;
    Ok(Parsed::Run(Box::new(parsed)))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Parsed::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Parsed::Run(args)) => args,
        Err(message) => {
            eprintln!("awsgen: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("awsgen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<bool, String> {
    let mut config = Config::new(&args.model)
        .client(args.client)
        .dispatch(args.dispatch);
    if let Some(service) = &args.service {
        config = config.service(service);
    }
    if let Some(path) = &args.module_path {
        config = config.module_path(path);
    }
    for op in &args.operations {
        config = config.operation(op);
    }
    for op in &args.exclude {
        config = config.exclude_operation(op);
    }
    let text = |e: awsgen_codegen::Error| e.to_string();
    if args.command == "single" {
        let omitted = config.write_single_file(&args.out).map_err(text)?;
        warn(&omitted);
        return Ok(true);
    }
    let package = args.name.as_deref();
    let runtime = args.runtime.clone().unwrap_or_else(|| {
        // The runtime of the same release: `0.1` for awsgen 0.1.x.
        let version = env!("CARGO_PKG_VERSION");
        let minor = version.splitn(3, '.').take(2).collect::<Vec<_>>().join(".");
        RuntimeDependency::Version(minor)
    });
    if args.command == "check" {
        let drift = config
            .check_crate(&args.out, package, &runtime)
            .map_err(text)?;
        warn(&drift.omitted);
        if drift.is_clean() {
            return Ok(true);
        }
        eprint!(
            "awsgen: {} differs from what `awsgen vendor` writes:\n{drift}",
            args.out.display()
        );
        return Ok(false);
    }
    let drift = config
        .vendor_crate(&args.out, package, &runtime, args.force)
        .map_err(text)?;
    warn(&drift.omitted);
    report(args, &drift);
    Ok(true)
}

fn warn(omitted: &[awsgen_codegen::ir::OmittedOperation]) {
    for op in omitted {
        eprintln!("awsgen: warning: {op}");
    }
}

fn report(args: &Args, drift: &Drift) {
    if !drift.is_clean() {
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
}
