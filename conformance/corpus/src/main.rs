//! The corpus run: does the generator hold on every model a user may bring?
//!
//! ```text
//! cargo run --release -p awsgen-corpus -- [--models DIR] [--protocol P]... [--only NAME]...
//!                                         [--check-every K | --no-check] [--out DIR]
//! ```
//!
//! For every model in `DIR/INDEX.tsv` (default `../shared/models`) whose protocol
//! is one of `--protocol` (default: the supported ones, `awsJson1_0`,
//! `awsJson1_1` and `restJson1`), it generates the whole service as a crate (the generator's own
//! `Config::write_crate`: manifest, README and `src/`, as `awsgen vendor` writes it) into
//! `--out` (default `target/corpus`). Then, for every K-th of them (default every
//! one), in one workspace with one target directory:
//!
//! - `cargo clippy -- -D warnings` (the manifest sets `missing_docs`, so a
//!   missing doc comment fails too): a compile error counts under "compiled",
//!   any lint under "clippy";
//! - `RUSTDOCFLAGS=-D warnings cargo doc --no-deps`.
//!
//! The HTTP bindings of every generated service are counted by kind
//! (`http bindings: ...`).
//!
//! It prints one line per service and closes with `corpus: N passed, M failed`.
//! The exit status is non-zero when anything failed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use awsgen_codegen::render::RuntimeDependency;
use serde_json::Value;

const SUPPORTED: &[&str] = &["awsJson1_0", "awsJson1_1", "restJson1"];
const USAGE: &str = "usage: awsgen-corpus [--models DIR] [--protocol P]... [--only NAME]... \
                     [--check-every K | --no-check] [--out DIR]";

struct Args {
    models: PathBuf,
    protocols: Vec<String>,
    only: Vec<String>,
    check_every: Option<usize>,
    out: PathBuf,
}

fn root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        models: root().join("../shared/models"),
        protocols: Vec::new(),
        only: Vec::new(),
        check_every: Some(1),
        out: root().join("target/corpus"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--models" => args.models = PathBuf::from(value()?),
            "--protocol" => args.protocols.push(value()?),
            "--only" => args.only.push(value()?),
            "--out" => args.out = PathBuf::from(value()?),
            "--no-check" => args.check_every = None,
            "--check-every" => {
                let k = value()?;
                args.check_every = Some(
                    k.parse()
                        .ok()
                        .filter(|k| *k > 0)
                        .ok_or(format!("--check-every takes a positive number, not `{k}`"))?,
                );
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if args.protocols.is_empty() {
        args.protocols = SUPPORTED.iter().map(|p| (*p).to_owned()).collect();
    }
    Ok(args)
}

/// One service of the corpus and what happened to it.
struct Service {
    /// The model's file name without `.json`; also the crate's folder.
    name: String,
    model: PathBuf,
    generated: Result<Generated, String>,
    checked: bool,
    /// First diagnostics of each failed stage, by stage.
    failures: BTreeMap<&'static str, Vec<String>>,
}

struct Generated {
    time: Duration,
    lines: usize,
    omitted: Vec<String>,
    /// Paginated operations, and those of them whose trait names items.
    paginators: (usize, usize),
    /// Waiters, and their acceptors.
    waiters: (usize, usize),
    /// Members bound to HTTP (label, query, header, ...) and greedy labels, by kind.
    bindings: BTreeMap<&'static str, usize>,
}

impl Service {
    fn package(&self) -> String {
        format!("corpus-{}", self.name)
    }

    fn passed(&self) -> bool {
        self.generated.is_ok() && self.failures.is_empty()
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("awsgen-corpus: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("awsgen-corpus: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<bool, String> {
    let index = args.models.join("INDEX.tsv");
    let index = std::fs::read_to_string(&index).map_err(|e| {
        format!(
            "{}: {e} (the corpus lives in ../shared/models)",
            index.display()
        )
    })?;
    let mut services: Vec<Service> = index
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut cols = line.split('\t');
            let (file, _, protocol) = (cols.next()?, cols.next()?, cols.next()?);
            let name = file.strip_suffix(".json")?.to_owned();
            let wanted = args.protocols.iter().any(|p| p == protocol)
                && (args.only.is_empty() || args.only.iter().any(|o| name.starts_with(o)));
            wanted.then(|| Service {
                model: args.models.join(file),
                name,
                generated: Err("not generated".to_owned()),
                checked: false,
                failures: BTreeMap::new(),
            })
        })
        .collect();
    if services.is_empty() {
        return Err("no model matches the protocols and names asked for".to_owned());
    }
    let workspace = args.out.join("crates");
    std::fs::create_dir_all(&workspace).map_err(|e| format!("{}: {e}", workspace.display()))?;

    let started = Instant::now();
    generate_all(&mut services, &workspace);
    let generation = started.elapsed();

    let mut checked = Vec::new();
    if let Some(every) = args.check_every {
        for (i, service) in services.iter_mut().enumerate() {
            if i % every == 0 && service.generated.is_ok() {
                service.checked = true;
                checked.push(service.name.clone());
            }
        }
    }
    let mut check_time = Duration::ZERO;
    if !checked.is_empty() {
        let started = Instant::now();
        check(&mut services, &checked, &workspace, &args.out)?;
        check_time = started.elapsed();
    }

    for service in &services {
        println!("{}", line(service));
        for (stage, messages) in &service.failures {
            for message in messages {
                println!(
                    "    {stage}: {}",
                    message.trim_end().replace('\n', "\n    ")
                );
            }
        }
    }
    let lines: usize = services
        .iter()
        .filter_map(|s| s.generated.as_ref().ok().map(|g| g.lines))
        .sum();
    let omitted: usize = services
        .iter()
        .filter_map(|s| s.generated.as_ref().ok().map(|g| g.omitted.len()))
        .sum();
    let (paginators, with_items) = services
        .iter()
        .filter_map(|s| s.generated.as_ref().ok().map(|g| g.paginators))
        .fold((0, 0), |(p, i), (dp, di)| (p + dp, i + di));
    let (waiters, acceptors) = services
        .iter()
        .filter_map(|s| s.generated.as_ref().ok().map(|g| g.waiters))
        .fold((0, 0), |(w, a), (dw, da)| (w + dw, a + da));
    let mut bindings: BTreeMap<&str, usize> = BTreeMap::new();
    for g in services.iter().filter_map(|s| s.generated.as_ref().ok()) {
        for (kind, n) in &g.bindings {
            *bindings.entry(kind).or_default() += n;
        }
    }
    let bindings: Vec<String> = bindings.iter().map(|(k, n)| format!("{n} {k}")).collect();
    println!("http bindings: {}", bindings.join(", "));
    println!(
        "generation: {} services, {lines} lines, {omitted} operations left out, \
         {paginators} paginators ({with_items} with items), \
         {waiters} waiters ({acceptors} acceptors), {:.1} s; \
         compile, clippy and doc of {}: {:.1} s",
        services.len(),
        generation.as_secs_f64(),
        checked.len(),
        check_time.as_secs_f64()
    );
    let passed = services.iter().filter(|s| s.passed()).count();
    let failed = services.len() - passed;
    let unchecked = services.iter().filter(|s| !s.checked).count();
    if unchecked > 0 {
        println!(
            "corpus: {passed} passed, {failed} failed ({} compiled, linted and documented; {unchecked} generated only)",
            checked.len()
        );
    } else {
        println!("corpus: {passed} passed, {failed} failed");
    }
    Ok(failed == 0)
}

/// Generates every service's crate, on as many threads as the machine has.
fn generate_all(services: &mut [Service], workspace: &Path) {
    let runtime = RuntimeDependency::Path(root().join("runtime"));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = services.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in services.chunks_mut(chunk) {
            let runtime = &runtime;
            scope.spawn(move || {
                for service in part {
                    service.generated = generate(service, workspace, runtime);
                }
            });
        }
    });
}

fn generate(
    service: &Service,
    workspace: &Path,
    runtime: &RuntimeDependency,
) -> Result<Generated, String> {
    let dir = workspace.join(&service.name);
    let started = Instant::now();
    let drift = awsgen_codegen::Config::new(&service.model)
        .write_crate(&dir, &service.package(), runtime)
        .map_err(|e| e.to_string())?;
    let time = started.elapsed();
    let krate = awsgen_codegen::Config::new(&service.model)
        .resolve()
        .map_err(|e| e.to_string())?;
    let paginators = krate.operations.iter().filter_map(|o| o.paginator.as_ref());
    let bindings = count_bindings(&krate);
    Ok(Generated {
        bindings,
        time,
        lines: count_lines(&dir.join("src")),
        omitted: drift.omitted.iter().map(|o| o.name.clone()).collect(),
        paginators: (
            paginators.clone().count(),
            paginators.filter(|p| p.items.is_some()).count(),
        ),
        waiters: (
            krate.operations.iter().map(|o| o.waiters.len()).sum(),
            krate
                .operations
                .iter()
                .flat_map(|o| &o.waiters)
                .map(|w| w.acceptors.len())
                .sum(),
        ),
    })
}

/// Members of whole messages bound to a part of the HTTP message other than
/// the body, and greedy labels, by kind.
fn count_bindings(krate: &awsgen_codegen::ir::Crate) -> BTreeMap<&'static str, usize> {
    use awsgen_codegen::ir::{Location, PathPart, TypeDef};
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    let greedy = krate
        .operations
        .iter()
        .flat_map(|op| op.http.iter().flat_map(|r| &r.path))
        .filter(|p| matches!(p, PathPart::Label { greedy: true, .. }))
        .count();
    if greedy > 0 {
        counts.insert("greedy labels", greedy);
    }
    for t in &krate.types {
        let TypeDef::Struct(s) = t else {
            continue;
        };
        for f in &s.fields {
            let key = match f.location {
                Location::Body => continue,
                Location::Label => "labels",
                Location::Query(_) => "query",
                Location::QueryParams => "query maps",
                Location::Header(_) => "headers",
                Location::PrefixHeaders(_) => "prefix headers",
                Location::Payload => "payloads",
                Location::ResponseCode => "response codes",
            };
            *counts.entry(key).or_default() += 1;
        }
    }
    counts
}

fn count_lines(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| {
            let path = entry.path();
            if path.is_dir() {
                count_lines(&path)
            } else {
                std::fs::read_to_string(&path).map_or(0, |text| text.lines().count())
            }
        })
        .sum()
}

/// Runs clippy and rustdoc over the checked crates in one workspace and files
/// each diagnostic under its crate.
fn check(
    services: &mut [Service],
    members: &[String],
    workspace: &Path,
    out: &Path,
) -> Result<(), String> {
    let manifest = format!("[workspace]\nmembers = {members:?}\nresolver = \"3\"\n");
    let write = |path: PathBuf, text: &[u8]| {
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(workspace.join("Cargo.toml"), manifest.as_bytes())?;
    // The project's lock file pins every dependency the generated crates have,
    // so nothing is resolved and nothing is downloaded.
    let lock = std::fs::read(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    write(workspace.join("Cargo.lock"), &lock)?;
    let target = out.join("target");

    let by_dir: BTreeMap<PathBuf, usize> = services
        .iter()
        .enumerate()
        .map(|(i, s)| (workspace.join(&s.name), i))
        .collect();
    let clippy = cargo(
        workspace,
        &target,
        &["clippy", "--lib", "--", "-D", "warnings"],
        None,
    )?;
    file_diagnostics(services, &by_dir, &clippy, |code| {
        if code.is_some_and(|c| !c.starts_with('E')) {
            "clippy"
        } else {
            "compiled"
        }
    });
    let doc = cargo(
        workspace,
        &target,
        &["doc", "--no-deps"],
        Some("-D warnings"),
    )?;
    file_diagnostics(services, &by_dir, &doc, |_| "doc");
    Ok(())
}

/// `cargo <args> --offline --workspace --keep-going --message-format json`: the
/// compiler messages, each with the directory of the crate it is about.
fn cargo(
    workspace: &Path,
    target: &Path,
    args: &[&str],
    rustdocflags: Option<&str>,
) -> Result<Vec<(PathBuf, Value)>, String> {
    let (command, rest) = args.split_first().ok_or("no cargo command")?;
    let split = rest.iter().position(|a| *a == "--").unwrap_or(rest.len());
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    cmd.arg(command)
        .args(&rest[..split])
        .args([
            "--offline",
            "--workspace",
            "--keep-going",
            "--message-format",
            "json",
        ])
        .args(&rest[split..])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS");
    match rustdocflags {
        Some(flags) => cmd.env("RUSTDOCFLAGS", flags),
        None => cmd.env_remove("RUSTDOCFLAGS"),
    };
    eprintln!(
        "awsgen-corpus: cargo {} in {}",
        args.join(" "),
        workspace.display()
    );
    let output = cmd.output().map_err(|e| format!("cargo: {e}"))?;
    let messages: Vec<(PathBuf, Value)> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-message")
        .filter_map(|m| {
            let dir = Path::new(m["manifest_path"].as_str()?).parent()?.to_owned();
            Some((dir, m))
        })
        .collect();
    if !output.status.success() && messages.is_empty() {
        // Cargo itself failed (a manifest, the lock file): nothing to file.
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(messages)
}

/// Files every error-level diagnostic under its service, in the stage `stage`
/// picks from the diagnostic's code; keeps the first few of each.
fn file_diagnostics(
    services: &mut [Service],
    by_dir: &BTreeMap<PathBuf, usize>,
    messages: &[(PathBuf, Value)],
    stage: impl Fn(Option<&str>) -> &'static str,
) {
    for (dir, message) in messages {
        let message = &message["message"];
        if message["level"] != "error" {
            continue;
        }
        let Some(&i) = by_dir.get(dir) else {
            continue;
        };
        let code = message["code"]["code"].as_str();
        let rendered = message["rendered"].as_str().unwrap_or_default();
        if rendered.starts_with("error: aborting") {
            continue;
        }
        let list = services[i].failures.entry(stage(code)).or_default();
        if list.len() < 3 {
            list.push(rendered.to_owned());
        }
    }
}

fn line(service: &Service) -> String {
    let stage = |name: &str| {
        if !service.checked {
            "-"
        } else if service.failures.contains_key(name) {
            "FAILED"
        } else {
            "ok"
        }
    };
    match &service.generated {
        Err(message) => format!("{:<44} generated FAILED: {message}", service.name),
        Ok(g) => {
            let mut line = format!(
                "{:<44} generated ok {:>6.2} s {:>7} lines  compiled {:<6} clippy {:<6} doc {:<6}",
                service.name,
                g.time.as_secs_f64(),
                g.lines,
                // A compile error stops clippy and rustdoc from judging the crate.
                stage("compiled"),
                stage("clippy"),
                stage("doc"),
            );
            if !g.omitted.is_empty() {
                line.push_str(&format!(" left out: {}", g.omitted.join(", ")));
            }
            line.trim_end().to_owned()
        }
    }
}
