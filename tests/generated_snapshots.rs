//! One insta snapshot per file generated from `model/`: a change to the model or
//! the generator shows up as a diff of exactly the Rust that changed. Review with
//! `cargo insta review`; stale snapshots fail the test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

#[test]
fn generated_files_match_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = awsgen_codegen::Config::new(root.join("model/lightsail.json"))
        .operation("UpdateDistribution")
        .generate_crate_src()
        .unwrap();
    let names: Vec<String> = files
        .keys()
        .map(|p| p.trim_end_matches(".rs").replace('/', "__"))
        .collect();
    insta::with_settings!({ snapshot_path => "snapshots/lightsail", prepend_module_to_snapshot => false }, {
        for ((_, text), name) in files.iter().zip(&names) {
            insta::assert_snapshot!(name.as_str(), text);
        }
    });
    let folder = root.join("tests/snapshots/lightsail");
    let stale: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|f| f.strip_suffix(".snap").map(str::to_owned))
        .filter(|f| !names.contains(f))
        .collect();
    assert!(
        stale.is_empty(),
        "stale snapshots in {}: {stale:?}; delete them",
        folder.display()
    );
}
