//! `generated/src` must equal, byte for byte, what the generator produces from
//! `model/` now. `UPDATE_GENERATED=1 cargo test --test vendored_is_fresh`
//! rewrites it (as does `cargo run -p awsgen-codegen -- vendor ...`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

const REFRESH: &str = "cargo run -p awsgen-codegen --bin awsgen -- vendor --model model/lightsail.json --operation UpdateDistribution --out generated/src";

#[test]
fn vendored_crate_matches_the_generator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = awsgen_codegen::Config::new(root.join("model/lightsail.json"))
        .operation("UpdateDistribution");
    let src = root.join("generated/src");
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1") {
        let drift = config.write_crate_src(&src).unwrap();
        eprint!("rewrote generated/src:\n{drift}");
        return;
    }
    let drift = config.check_crate_src(&src).unwrap();
    assert!(
        drift.is_clean(),
        "generated/src differs from what the generator produces from model/:\n{drift}\
         refresh it with:\n  {REFRESH}\nor:\n  UPDATE_GENERATED=1 cargo test --test vendored_is_fresh"
    );
}
