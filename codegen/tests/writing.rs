//! Writing a crate never loses a user's file: files without the generator's
//! header are neither overwritten nor removed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use awsgen_codegen::{Config, Error, render};

fn fixture() -> Config {
    Config::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kitchen_sink.json"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("awsgen-writing-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    dir
}

#[test]
fn foreign_files_are_left_alone_and_old_generated_ones_removed() {
    let dir = scratch("alone");
    let src = dir.join("src");
    std::fs::write(src.join("main.rs"), "fn main() {}\n").unwrap();
    std::fs::create_dir_all(src.join("mine")).unwrap();
    std::fs::write(src.join("mine/util.rs"), "// mine\n").unwrap();
    let old = format!("{}pub struct Gone;\n", render::HEADER);
    std::fs::write(src.join("gone.rs"), &old).unwrap();

    let drift = fixture().write_crate_src(&src).unwrap();
    assert_eq!(drift.foreign, ["main.rs", "mine/util.rs"], "{drift:?}");
    assert_eq!(drift.extra, ["gone.rs"], "{drift:?}");
    assert_eq!(
        std::fs::read_to_string(src.join("main.rs")).unwrap(),
        "fn main() {}\n"
    );
    assert_eq!(
        std::fs::read_to_string(src.join("mine/util.rs")).unwrap(),
        "// mine\n"
    );
    assert!(
        !src.join("gone.rs").exists(),
        "a file awsgen wrote and no longer produces"
    );
    assert!(src.join("lib.rs").exists());
    // A first run reports its new files as missing from before, not stale.
    assert!(drift.stale.is_empty(), "{drift:?}");
    let again = fixture().check_crate_src(&src).unwrap();
    assert!(again.is_clean(), "{again:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_foreign_file_in_the_way_is_an_error_and_nothing_is_written() {
    let dir = scratch("in-the-way");
    let src = dir.join("src");
    std::fs::write(src.join("lib.rs"), "//! my own crate\n").unwrap();

    let error = fixture().write_crate_src(&src).unwrap_err();
    match &error {
        Error::NotGenerated { path } => assert_eq!(path, &src.join("lib.rs")),
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        error.to_string().contains("was not written by awsgen"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(src.join("lib.rs")).unwrap(),
        "//! my own crate\n"
    );
    assert!(!src.join("types.rs").exists(), "nothing was written");

    // The same for a manifest: `write_crate` refuses a Cargo.toml of the user's.
    std::fs::remove_file(src.join("lib.rs")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"mine\"\n").unwrap();
    let runtime = render::RuntimeDependency::Path(PathBuf::from("/nowhere"));
    let error = fixture().write_crate(&dir, "mine", &runtime).unwrap_err();
    assert!(matches!(error, Error::NotGenerated { .. }), "{error:?}");
    assert_eq!(
        std::fs::read_to_string(dir.join("Cargo.toml")).unwrap(),
        "[package]\nname = \"mine\"\n"
    );
    // And `write_single_file` a file of the user's.
    let single = dir.join("bindings.rs");
    std::fs::write(&single, "// notes\n").unwrap();
    let error = fixture().write_single_file(&single).unwrap_err();
    assert!(matches!(error, Error::NotGenerated { .. }), "{error:?}");
    assert_eq!(std::fs::read_to_string(&single).unwrap(), "// notes\n");
    std::fs::remove_dir_all(&dir).unwrap();
}
