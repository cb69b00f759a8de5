//! Every Rust name the generator emits is decided here and only here.
//!
//! Casing comes from `heck` behind [`type_name`] / [`field_name`] /
//! [`variant_name`], so a smarter word splitter can replace it in one place.
//! Keywords become raw identifiers (`r#type`); the few that cannot be raw
//! (`self`, `Self`, `super`, `crate`) get a trailing underscore. Names the
//! generated code itself uses inside a scope are reserved per scope (the enum
//! catch-all `Unknown`, the error catch-all `Unhandled`, the constructor `new`)
//! and a model name that lands on one is renamed visibly (the docs say so).

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict and reserved, all editions).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The name of the enum variant that holds values the bindings do not know.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The name of the operation-error variant for error codes the model does not list.
pub const UNHANDLED_VARIANT: &str = "Unhandled";

/// Method names every generated structure defines itself.
const STRUCT_METHODS: &[&str] = &["new"];

/// A Rust type name (structure, enum, error) for a shape name.
pub fn type_name(shape_name: &str) -> String {
    escape(&shape_name.to_upper_camel_case())
}

/// A Rust field (and setter) name for a member name.
pub fn field_name(member_name: &str) -> String {
    escape(&member_name.to_snake_case())
}

/// A Rust constant name (`TABLE_EXISTS`) for a name in the model.
pub fn constant_name(name: &str) -> String {
    escape(&name.to_shouty_snake_case())
}

/// A Rust module name (file name) for a shape or operation name.
pub fn module_name(shape_name: &str) -> String {
    escape(&shape_name.to_snake_case())
}

/// A Rust enum variant name for an enum member name, and whether it had to be
/// renamed because the generated code reserves the natural one.
pub fn variant_name(member_name: &str) -> (String, bool) {
    let cased = member_name.to_upper_camel_case();
    // Enum values can start with a digit (`2xx`), which no identifier may.
    let natural = if cased.starts_with(|c: char| c.is_ascii_digit()) {
        escape(&format!("V{cased}"))
    } else {
        escape(&cased)
    };
    if natural == UNKNOWN_VARIANT {
        (format!("{natural}Value"), true)
    } else {
        (natural, false)
    }
}

/// The variant of an operation error enum for an error shape's Rust type name.
pub fn error_variant_name(type_name: &str) -> (String, bool) {
    if type_name == UNHANDLED_VARIANT {
        (format!("{type_name}Error"), true)
    } else {
        (type_name.to_owned(), false)
    }
}

/// The setter name of a field: the field name unless a generated method has it.
pub fn setter_name(field: &str) -> String {
    if STRUCT_METHODS.contains(&field) {
        format!("set_{field}")
    } else {
        field.to_owned()
    }
}

/// The operation error enum of an operation (`UpdateDistribution` -> `UpdateDistributionError`).
pub fn operation_error_name(operation_type: &str) -> String {
    format!("{operation_type}Error")
}

/// Makes any identifier-like text a valid Rust identifier.
fn escape(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        out.push('_');
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) && !name.is_empty() {
        out.insert(0, '_');
    }
    if NOT_RAW.contains(&out.as_str()) {
        out.push('_');
    } else if KEYWORDS.contains(&out.as_str()) {
        out.insert_str(0, "r#");
    }
    out
}

/// The identifier without a raw prefix, for messages and docs.
pub fn plain(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The default package name of a generated crate: the SDK id in kebab-case
/// (`Secrets Manager` -> `secrets-manager`).
pub fn package_name(sdk_id: &str) -> String {
    sdk_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing_table() {
        let cases = [
            (
                type_name("UpdateDistributionRequest"),
                "UpdateDistributionRequest",
            ),
            (type_name("string"), "String"),
            (field_name("distributionName"), "distribution_name"),
            (field_name("type"), "r#type"),
            (field_name("match"), "r#match"),
            (field_name("self"), "self_"),
            (field_name("ARNs"), "ar_ns"),
            (
                module_name("CacheBehaviorPerPath"),
                "cache_behavior_per_path",
            ),
            (variant_name("US_EAST_1").0, "UsEast1"),
            (variant_name("ACCEPT_CHARSET").0, "AcceptCharset"),
            (variant_name("Self").0, "Self_"),
            (variant_name("Unknown").0, "UnknownValue"),
            (variant_name("2xx").0, "V2xx"),
            (error_variant_name("Unhandled").0, "UnhandledError"),
            (setter_name("new"), "set_new"),
            (setter_name("origin"), "origin"),
            (package_name("Secrets Manager"), "secrets-manager"),
            (
                package_name("IoT 1Click Devices Service"),
                "iot-1click-devices-service",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }

    #[test]
    fn every_produced_name_parses_as_an_identifier() {
        for raw in [
            "type", "Self", "self", "crate", "", "1abc", "a-b", "über", "async",
        ] {
            for name in [type_name(raw), field_name(raw), variant_name(raw).0] {
                assert!(
                    syn::parse_str::<syn::Ident>(&name).is_ok(),
                    "{raw:?} -> {name:?}"
                );
            }
        }
    }
}
