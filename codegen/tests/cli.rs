//! The `awsgen` command: help, vendoring a whole crate that builds, the
//! freshness check, and never touching a file it did not write.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn awsgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_awsgen"))
        .args(args)
        .output()
        .unwrap()
}

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/kitchen_sink.json")
        .display()
        .to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsgen-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn help_exits_zero_and_names_every_command() {
    for args in [&["--help"][..], &["-h"], &["help"], &["vendor", "--help"]] {
        let output = awsgen(args);
        assert!(output.status.success(), "{args:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        for command in ["awsgen vendor", "awsgen check", "awsgen single", "--force"] {
            assert!(text.contains(command), "{args:?}: {text}");
        }
    }
    let output = awsgen(&["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown command `frobnicate`"));
}

#[test]
fn vendor_writes_a_crate_check_finds_drift_and_foreign_files_are_safe() {
    let dir = scratch("vendor");
    let out = dir.display().to_string();
    let model = fixture();
    let args = |command: &'static str| {
        vec![
            command,
            "--model",
            &model,
            "--out",
            &out,
            "--name",
            "sink",
            "--runtime-version",
            "0.1",
        ]
    };

    // A first run writes the crate and says so, without calling its files "missing".
    let first = awsgen(&args("vendor"));
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let said = String::from_utf8(first.stderr).unwrap();
    assert!(said.contains(" written, 0 updated, 0 removed"), "{said}");
    assert!(!said.contains("missing"), "{said}");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"sink\""), "{manifest}");
    assert!(manifest.contains("awsgen-runtime = \"0.1\""), "{manifest}");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    assert!(
        readme.contains("`kitchen_sink.json`") && readme.contains("- `PutThing`"),
        "{readme}"
    );
    assert!(awsgen(&args("check")).status.success());

    // A hand edit is drift; vendor puts it right.
    let lib = dir.join("src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, format!("{text}// edited\n")).unwrap();
    let check = awsgen(&args("check"));
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("stale: src/lib.rs"));

    // A file of the user's in src/: refused without --force, left alone with it.
    std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
    let refused = awsgen(&args("vendor"));
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8(refused.stderr).unwrap();
    assert!(
        said.contains("holds files awsgen did not write: src/main.rs"),
        "{said}"
    );
    assert!(
        std::fs::read_to_string(&lib)
            .unwrap()
            .ends_with("// edited\n"),
        "nothing written"
    );
    let mut forced = args("vendor");
    forced.push("--force");
    let forced = awsgen(&forced);
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("src/main.rs")).unwrap(),
        "fn main() {}\n"
    );
    assert_eq!(std::fs::read_to_string(&lib).unwrap(), text);
    assert!(
        awsgen(&args("check")).status.success(),
        "a foreign file is not drift"
    );

    // A manifest of the user's is never overwritten.
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    let mut forced = args("vendor");
    forced.push("--force");
    let refused = awsgen(&forced);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("was not written by awsgen"), "{said}");
    assert_eq!(
        std::fs::read_to_string(dir.join("Cargo.toml")).unwrap(),
        "[package]\nname = \"mine\"\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn vendor_dispatch_adds_the_table_behind_a_feature() {
    let dir = scratch("dispatch");
    let out = dir.display().to_string();
    let model = fixture();
    // Without `--name`, the package is named after the SDK id.
    let mut args = vec!["vendor", "--model", &model, "--out", &out];
    assert!(awsgen(&args).status.success());
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"kitchen-sink\""), "{manifest}");
    assert!(!manifest.contains("dispatch"), "{manifest}");
    assert!(!dir.join("src/dispatch.rs").exists());
    args.push("--dispatch");
    assert!(awsgen(&args).status.success());
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("dispatch = [\"awsgen-runtime/dispatch\"]"),
        "{manifest}"
    );
    let table = std::fs::read_to_string(dir.join("src/dispatch.rs")).unwrap();
    assert!(table.contains("#[cfg(feature = \"dispatch\")]\npub static OPERATIONS"));
    // The single file has it unconditionally, and requires the runtime feature.
    let single = dir.join("single.rs").display().to_string();
    let output = awsgen(&["single", "--model", &model, "--out", &single, "--dispatch"]);
    assert!(output.status.success());
    let text = std::fs::read_to_string(&single).unwrap();
    assert!(text.contains("::awsgen_runtime::__require_dispatch_feature!();"));
    std::fs::remove_dir_all(&dir).unwrap();
}
