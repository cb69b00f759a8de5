//! The example on each client method of a vendored crate: a call with every
//! required member filled in, compiled as a `no_run` doctest.

use std::collections::BTreeMap;

use crate::ir::{Crate, Operation, Presence, Type, TypeDef};

/// How deep required structures may nest in an example before it is left out.
const MAX_DEPTH: usize = 6;

/// Doc lines of the example calling `op` on `krate_name::Client`, or none
/// when a required value cannot be written (too deep).
pub fn client_example(krate: &Crate, op: &Operation, krate_name: &str) -> Vec<String> {
    let types: BTreeMap<&str, &TypeDef> = krate.types.iter().map(|t| (t.name(), t)).collect();
    let writer = Writer { types, krate_name };
    let mut lines = vec![
        String::new(),
        "# Example".to_owned(),
        String::new(),
        "```no_run".to_owned(),
        format!(
            "# async fn example(client: &{krate_name}::Client) -> Result<(), Box<dyn std::error::Error>> {{"
        ),
    ];
    match &op.input {
        Some(input) => {
            let Some(value) = writer.named(input, 0) else {
                return Vec::new();
            };
            lines.push(format!("let input = {value};"));
            lines.push(format!("let output = client.{}(input).await?;", op.method));
        }
        None => lines.push(format!("let output = client.{}().await?;", op.method)),
    }
    lines.extend(["# let _ = output;", "# Ok(())", "# }", "```"].map(str::to_owned));
    lines
}

struct Writer<'a> {
    types: BTreeMap<&'a str, &'a TypeDef>,
    krate_name: &'a str,
}

impl Writer<'_> {
    fn value(&self, ty: &Type, depth: usize) -> Option<String> {
        Some(match ty {
            Type::String => "\"example\"".to_owned(),
            Type::Bool => "false".to_owned(),
            Type::Byte | Type::Short | Type::Integer | Type::Long => "0".to_owned(),
            Type::Float | Type::Double => "0.0".to_owned(),
            Type::Timestamp(_) => "\"2024-01-01T00:00:00Z\".parse()?".to_owned(),
            Type::Blob => "awsgen_runtime::Blob::from(\"example\")".to_owned(),
            Type::Document => "awsgen_runtime::Document::Null".to_owned(),
            Type::List { .. } => "Vec::new()".to_owned(),
            Type::Map { .. } => "Default::default()".to_owned(),
            Type::Named(name) => return self.named(name, depth),
        })
    }

    fn named(&self, name: &str, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        let path = format!("{}::types::{name}", self.krate_name);
        Some(match self.types.get(name)? {
            TypeDef::Struct(s) => {
                let arguments = s
                    .fields
                    .iter()
                    .filter(|f| f.presence == Presence::Required)
                    .map(|f| self.value(&f.ty, depth + 1))
                    .collect::<Option<Vec<_>>>()?;
                format!("{path}::new({})", arguments.join(", "))
            }
            TypeDef::Enum(e) => match e.variants.first() {
                Some(v) => format!("{path}::{}", v.name),
                None => format!("{path}::from(\"example\")"),
            },
            TypeDef::IntEnum(e) => match e.variants.first() {
                Some(v) => format!("{path}::{}", v.name),
                None => format!("{path}::from(0)"),
            },
            TypeDef::Union(u) => {
                let variant = u.variants.first()?;
                match &variant.ty {
                    None => format!("{path}::{}", variant.name),
                    Some(ty) => {
                        let value = self.value(ty, depth + 1)?;
                        let value = if variant.boxed {
                            format!("Box::new({value})")
                        } else {
                            value
                        };
                        format!("{path}::{}({value})", variant.name)
                    }
                }
            }
        })
    }
}
