//! `Config` settings of the single file a build script writes: the module it
//! is included in, the client, attributes on generated types.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use awsgen_codegen::{Config, Error};

fn fixture() -> Config {
    Config::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kitchen_sink.json"))
}

#[test]
fn module_path_moves_every_self_reference() {
    let code = fixture().generate_single_file().unwrap();
    assert!(code.contains("crate::types::"));
    let moved = fixture()
        .module_path("crate::sink")
        .generate_single_file()
        .unwrap();
    assert!(
        !moved.contains("crate::types::"),
        "a path still names the root"
    );
    assert!(!moved.contains("crate::SERVICE"));
    assert!(moved.contains("crate::sink::types::"));
    assert!(moved.contains("&crate::sink::SERVICE"));
    // Documentation links move too.
    assert!(moved.contains("](crate::sink::operation::put_thing::PutThing)"));
    let error = fixture()
        .module_path("not a path")
        .generate_single_file()
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("`not a path` is not a Rust path"),
        "{error}"
    );
}

#[test]
fn client_is_decided_at_generation_time() {
    let with = fixture().generate_single_file().unwrap();
    assert!(with.contains("pub struct Client"));
    assert!(with.contains("::awsgen_runtime::__require_client_feature!();"));
    assert!(!with.contains("cfg(feature"), "no cfg of the user's crate");
    let without = fixture().client(false).generate_single_file().unwrap();
    assert!(!without.contains("Client"));
    assert!(!without.contains("__require_client_feature"));
    // A vendored crate keeps the client behind its own manifest's feature.
    let lib = fixture().generate_crate_src().unwrap()["client.rs"].clone();
    assert!(lib.contains("#[cfg(feature = \"client\")]"));
}

#[test]
fn type_attributes_go_on_the_selected_types() {
    let code = fixture()
        .type_attribute(".", "#[doc(alias = \"everything\")]")
        .type_attribute("PutThingInput", "#[non_exhaustive]")
        .type_attribute("example.kitchen#Color", "#[derive(Hash)]")
        .generate_single_file()
        .unwrap();
    let before = |item: &str| {
        let at = code.find(item).unwrap_or_else(|| panic!("no {item}"));
        code[..at].rsplit("\n\n").next().unwrap().to_owned()
    };
    let input = before("pub struct PutThingInput {");
    assert!(
        input.contains("#[non_exhaustive]") && input.contains("everything"),
        "{input}"
    );
    let color = before("pub enum Color {");
    assert!(
        color.contains("#[derive(Hash)]") && color.contains("everything"),
        "{color}"
    );
    let plain = fixture().generate_single_file().unwrap();
    assert_eq!(
        code.matches("#[non_exhaustive]").count(),
        plain.matches("#[non_exhaustive]").count() + 1,
        "only the selected type"
    );

    let error = fixture()
        .type_attribute(".", "derive(Hash)")
        .generate_single_file()
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`derive(Hash)` is not a Rust attribute"),
        "{error}"
    );
}
