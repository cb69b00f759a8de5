//! Same model bytes give the same output bytes, and the order of shapes or
//! members' keys in the JSON does not matter (only member order does).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_codegen::Config;
use serde_json::{Map, Value};

const LIGHTSAIL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/models/lightsail-2016-11-28.json"
);

fn reversed_shapes(text: &str) -> String {
    let mut root: Value = serde_json::from_str(text).unwrap();
    let shapes = root["shapes"].as_object().unwrap();
    let reversed: Map<String, Value> = shapes
        .iter()
        .rev()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    root["shapes"] = Value::Object(reversed);
    serde_json::to_string(&root).unwrap()
}

#[test]
fn same_model_same_bytes_and_shape_order_does_not_matter() {
    let text = std::fs::read_to_string(LIGHTSAIL).unwrap();
    let first = Config::from_json(text.clone(), "lightsail")
        .generate_crate_src()
        .unwrap();
    let second = Config::from_json(text.clone(), "lightsail")
        .generate_crate_src()
        .unwrap();
    assert_eq!(first, second);
    let reordered = Config::from_json(reversed_shapes(&text), "reordered")
        .generate_crate_src()
        .unwrap();
    assert_eq!(first.len(), reordered.len());
    for (path, code) in &first {
        assert!(
            reordered.get(path) == Some(code),
            "{path} changed when shapes were reordered"
        );
    }
}

#[test]
fn whole_lightsail_model_resolves_every_operation() {
    let krate = Config::new(LIGHTSAIL).resolve().unwrap();
    assert_eq!(krate.operations.len(), 161);
    let single = Config::new(LIGHTSAIL).generate_single_file().unwrap();
    assert!(single.contains("pub struct UpdateDistribution;"));
}
