//! Generates crates into a temporary workspace and proves they compile without
//! warnings under `cargo clippy -D warnings` and document without rustdoc
//! warnings: the whole official Lightsail model (161 operations), DynamoDB,
//! Secrets Manager, SQS and Lambda (restJson1), and the generator's fixture models (which the
//! snapshots show). Then runs the behaviour tests of `tests/behaviour/` inside
//! the generated crates they are named after. Nothing generated here is
//! committed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The crate exactly as the generator writes it (manifest and `src/`).
fn write_crate(workspace: &Path, name: &str, config: awsgen_codegen::Config) {
    let runtime = awsgen_codegen::render::RuntimeDependency::Path(root().join("runtime"));
    config
        .write_crate(&workspace.join(name), name, &runtime)
        .unwrap();
}

/// Runs cargo in the generated workspace with the shared target directory.
fn cargo(workspace: &Path, args: &[&str], rustdocflags: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(args)
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", root().join("target/compile-check"));
    if let Some(flags) = rustdocflags {
        command.env("RUSTDOCFLAGS", flags);
    }
    command.output().unwrap()
}

#[test]
fn generated_crates_compile_without_warnings() {
    let workspace: PathBuf =
        std::env::temp_dir().join(format!("awsgen-compile-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&workspace);
    std::fs::create_dir_all(&workspace).unwrap();
    let mut members = Vec::new();
    let official = |model: &str| root().join(format!("../shared/models/{model}.json"));
    let fixture = |name: &str| root().join(format!("codegen/tests/fixtures/{name}.json"));
    for (name, model) in [
        ("lightsail-all", official("lightsail-2016-11-28")),
        ("dynamodb", official("dynamodb-2012-08-10")),
        ("secrets-manager", official("secrets-manager-2017-10-17")),
        ("sqs", official("sqs-2012-11-05")),
        ("lambda", official("lambda-2015-03-31")),
        ("kitchen-sink", fixture("kitchen_sink")),
        ("legacy-v1", fixture("legacy_v1")),
        ("unseen-models", fixture("unseen_models")),
        ("rest-json", fixture("rest_json")),
    ] {
        // The kitchen sink has every optional part: its behaviour tests drive
        // the dispatch table.
        let config = awsgen_codegen::Config::new(model).dispatch(name == "kitchen-sink");
        write_crate(&workspace, name, config);
        let behaviour = root().join(format!("tests/behaviour/{}.rs", name.replace('-', "_")));
        if behaviour.exists() {
            let tests = workspace.join(name).join("tests");
            std::fs::create_dir_all(&tests).unwrap();
            std::fs::copy(&behaviour, tests.join("behaviour.rs")).unwrap();
        }
        members.push(name.to_owned());
    }
    std::fs::write(
        workspace.join("Cargo.toml"),
        format!("[workspace]\nmembers = {members:?}\nresolver = \"3\"\n"),
    )
    .unwrap();
    // The project's lock file pins the same dependency versions, so no resolution
    // (and no network) is needed.
    std::fs::copy(root().join("Cargo.lock"), workspace.join("Cargo.lock")).unwrap();

    let clippy = [
        "clippy",
        "--offline",
        "--workspace",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ];
    let output = cargo(&workspace, &clippy, None);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "generated crates do not compile cleanly:\n{stderr}"
    );

    // Model documentation renders without rustdoc warnings (no broken links, bare
    // URLs, stray HTML or accidental code blocks).
    let doc = [
        "doc",
        "--offline",
        "--no-deps",
        "--workspace",
        "--all-features",
    ];
    let output = cargo(&workspace, &doc, Some("-D warnings"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "generated docs have rustdoc warnings:\n{stderr}"
    );

    // What the snapshots show, exercised: tests/behaviour/*.rs.
    for (package, tests) in [
        ("kitchen-sink", 10),
        ("unseen-models", 5),
        ("secrets-manager", 2),
    ] {
        let test = [
            "test",
            "--offline",
            "--all-features",
            "-p",
            package,
            "--test",
            "behaviour",
        ];
        let output = cargo(&workspace, &test, None);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{package} behaviour tests failed:\n{stdout}\n{stderr}"
        );
        assert!(
            stdout.contains(&format!("test result: ok. {tests} passed")),
            "{stdout}"
        );
    }

    // Every client method's example (a `no_run` doctest with the required
    // members filled in) compiles.
    let mut doc = vec!["test", "--offline", "--doc"];
    for package in [
        "dynamodb",
        "secrets-manager",
        "sqs",
        "kitchen-sink",
        "unseen-models",
    ] {
        doc.extend(["-p", package]);
    }
    let output = cargo(&workspace, &doc, None);
    assert!(
        output.status.success(),
        "client examples do not compile:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );

    let operations =
        std::fs::read_to_string(workspace.join("lightsail-all/src/operation.rs")).unwrap();
    assert_eq!(
        operations.matches("pub mod ").count(),
        161,
        "every operation has a module"
    );
    let _ = std::fs::remove_dir_all(&workspace);
}
