//! One insta snapshot per generated file of each fixture model, plus a naming
//! dump, so a change to an emitter shows up as a diff of exactly the Rust that
//! changed. Review with `cargo insta review`; stale snapshots fail the test.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use awsgen_codegen::{Config, ir};

fn fixture(name: &str) -> Config {
    Config::new(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{name}.json")))
}

/// Snapshots every file of `config`'s crate under `snapshots/<dir>/` and fails on
/// snapshot files no generated file accounts for.
fn snapshot_crate(dir: &str, config: &Config) {
    let files = config.generate_crate_src().unwrap();
    let names: Vec<String> = files.keys().map(|p| snapshot_name(p)).collect();
    insta::with_settings!({ snapshot_path => format!("snapshots/{dir}"), prepend_module_to_snapshot => false }, {
        for ((_, text), name) in files.iter().zip(&names) {
            insta::assert_snapshot!(name.as_str(), text);
        }
    });
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(dir);
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

fn snapshot_name(path: &str) -> String {
    path.trim_end_matches(".rs").replace('/', "__")
}

/// With the dispatch table (`dispatch.rs`), which the other fixtures leave out.
#[test]
fn kitchen_sink_files() {
    snapshot_crate("kitchen_sink", &fixture("kitchen_sink").dispatch(true));
}

/// Rules found on unseen models: keyword shape names (`type.rs`), odd
/// documentation HTML, large union members, an optional host label, error
/// messages under other names, and an event-stream operation left out.
#[test]
fn unseen_models_files() {
    snapshot_crate("unseen_models", &fixture("unseen_models"));
}

/// restJson1: labels (greedy too), query, headers, prefix headers, payloads,
/// a response code and an error bound to a header.
#[test]
fn rest_json_files() {
    snapshot_crate("rest_json", &fixture("rest_json"));
}

#[test]
fn legacy_v1_files() {
    snapshot_crate("legacy_v1", &fixture("legacy_v1"));
}

/// The naming decisions of the kitchen-sink model, one line per name: reads like
/// a naming review.
#[test]
fn kitchen_sink_naming() {
    let krate = fixture("kitchen_sink").resolve().unwrap();
    let mut out = String::new();
    for t in &krate.types {
        match t {
            ir::TypeDef::Struct(s) => {
                out += &format!("struct {} -> {} (types/{}.rs)\n", s.id, s.name, s.module);
                for f in &s.fields {
                    let flags = [
                        (f.presence == ir::Presence::Required, "required"),
                        (matches!(f.presence, ir::Presence::Default(_)), "default"),
                        (f.error_correct, "error-correct"),
                        (f.boxed, "boxed"),
                        (f.sensitive, "sensitive"),
                    ]
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, label)| *label)
                    .collect::<Vec<_>>()
                    .join(", ");
                    out += &format!(
                        "  {} -> {} / setter {} : {:?} [{flags}]\n",
                        f.wire_name, f.name, f.setter, f.ty
                    );
                }
            }
            ir::TypeDef::Enum(e) => {
                out += &format!("enum {} -> {} (types/{}.rs)\n", e.id, e.name, e.module);
                for v in &e.variants {
                    out += &format!("  {:?} -> {}\n", v.value, v.name);
                }
            }
            ir::TypeDef::IntEnum(e) => {
                out += &format!("intEnum {} -> {} (types/{}.rs)\n", e.id, e.name, e.module);
                for v in &e.variants {
                    out += &format!("  {} -> {}\n", v.value, v.name);
                }
            }
            ir::TypeDef::Union(u) => {
                out += &format!("union {} -> {} (types/{}.rs)\n", u.id, u.name, u.module);
                for v in &u.variants {
                    out += &format!(
                        "  {} -> {} : {:?}{}\n",
                        v.wire_name,
                        v.name,
                        v.ty,
                        if v.boxed { " [boxed]" } else { "" }
                    );
                }
            }
        }
    }
    for op in &krate.operations {
        out += &format!(
            "operation {} -> {} (operation/{}.rs), method {}, input {:?}, output {:?}, error {}\n",
            op.id, op.name, op.module, op.method, op.input, op.output, op.error_name
        );
        for e in &op.errors {
            out += &format!("  error {} -> {}({})\n", e.code, e.variant, e.type_name);
        }
    }
    insta::assert_snapshot!(out);
}
