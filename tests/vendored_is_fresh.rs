//! `generated/` (manifest, README and `src/`) must equal, byte for byte, what
//! `awsgen vendor` writes from `model/` now. `UPDATE_GENERATED=1 cargo test
//! --test vendored_is_fresh` rewrites it (as does the command in `REFRESH`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use awsgen_codegen::render::RuntimeDependency;

const REFRESH: &str = "cargo run -p awsgen-codegen --bin awsgen -- vendor --model model/lightsail.json --operation UpdateDistribution --out generated --name awsgen-lightsail-vendored --runtime-path ../runtime";

#[test]
fn vendored_crate_matches_the_generator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = awsgen_codegen::Config::new(root.join("model/lightsail.json"))
        .operation("UpdateDistribution");
    let dir = root.join("generated");
    let package = "awsgen-lightsail-vendored";
    let runtime = RuntimeDependency::Path(PathBuf::from("../runtime"));
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1") {
        let drift = config.write_crate(&dir, package, &runtime).unwrap();
        eprint!("rewrote generated/:\n{drift}");
        return;
    }
    let drift = config.check_crate(&dir, Some(package), &runtime).unwrap();
    assert!(
        drift.is_clean(),
        "generated/ differs from what the generator produces from model/:\n{drift}\
         refresh it with:\n  {REFRESH}\nor:\n  UPDATE_GENERATED=1 cargo test --test vendored_is_fresh"
    );
}
