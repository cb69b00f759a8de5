//! Run-time values of rule evaluation and the conversions around them.
//!
//! An unset value (an optional parameter without a value, a failed `parseURL`) is
//! `None` of `Option<Value>`; `Value` itself is always present.

use std::collections::BTreeMap;
use std::fmt;

use super::ParamValue;

/// A value produced while evaluating a rule set.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    String(String),
    Bool(bool),
    Int(i64),
    Array(Vec<Value>),
    /// A structure such as the result of `aws.partition` or `parseURL`.
    Record(BTreeMap<String, Value>),
}

impl Value {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Array(_) => "array",
            Value::Record(_) => "record",
        }
    }

    pub(crate) fn to_json(&self) -> serde_json::Value {
        match self {
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Int(i) => serde_json::Value::from(*i),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Value::to_json).collect())
            }
            Value::Record(fields) => serde_json::Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

impl From<&ParamValue> for Value {
    fn from(value: &ParamValue) -> Self {
        match value {
            ParamValue::String(s) => Value::String(s.clone()),
            ParamValue::Bool(b) => Value::Bool(*b),
            ParamValue::StringArray(items) => {
                Value::Array(items.iter().cloned().map(Value::String).collect())
            }
        }
    }
}

/// Describes a possibly unset value for error messages: its type and a short excerpt.
pub(crate) struct Describe<'a>(pub(crate) Option<&'a Value>);

impl fmt::Display for Describe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            None => f.write_str("an unset value"),
            Some(Value::String(s)) => write!(f, "string {s:?}"),
            Some(Value::Bool(b)) => write!(f, "boolean {b}"),
            Some(Value::Int(i)) => write!(f, "integer {i}"),
            Some(v) => write!(f, "{}", v.kind()),
        }
    }
}

pub(crate) fn describe(value: Option<&Value>) -> String {
    Describe(value).to_string()
}
