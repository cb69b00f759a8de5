//! Endpoint parameter values as a caller supplies them.

use std::collections::BTreeMap;
use std::fmt;

use super::EndpointError;

/// The declared type of an endpoint parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamType {
    /// `string`
    String,
    /// `boolean`
    Boolean,
    /// `stringArray`
    StringArray,
}

impl ParamType {
    /// Reads a rule set's `type` member. Rule sets in the wild spell the names
    /// both `string` and `String`, so the comparison ignores ASCII case.
    pub fn parse(name: &str) -> Option<ParamType> {
        if name.eq_ignore_ascii_case("string") {
            Some(ParamType::String)
        } else if name.eq_ignore_ascii_case("boolean") {
            Some(ParamType::Boolean)
        } else if name.eq_ignore_ascii_case("stringArray") {
            Some(ParamType::StringArray)
        } else {
            None
        }
    }
}

impl fmt::Display for ParamType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParamType::String => "string",
            ParamType::Boolean => "boolean",
            ParamType::StringArray => "stringArray",
        })
    }
}

/// The value of one endpoint parameter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ParamValue {
    /// A `string` parameter value.
    String(String),
    /// A `boolean` parameter value.
    Bool(bool),
    /// A `stringArray` parameter value.
    StringArray(Vec<String>),
}

impl ParamValue {
    /// The type of this value.
    pub fn param_type(&self) -> ParamType {
        match self {
            ParamValue::String(_) => ParamType::String,
            ParamValue::Bool(_) => ParamType::Boolean,
            ParamValue::StringArray(_) => ParamType::StringArray,
        }
    }

    /// Converts a JSON string, boolean or array of strings; `path` names the value in
    /// errors.
    pub(crate) fn from_json_at(
        value: &serde_json::Value,
        path: &str,
    ) -> Result<Self, EndpointError> {
        match value {
            serde_json::Value::String(s) => Ok(ParamValue::String(s.clone())),
            serde_json::Value::Bool(b) => Ok(ParamValue::Bool(*b)),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    serde_json::Value::String(s) => Ok(s.clone()),
                    _ => Err(EndpointError::invalid(
                        format_args!("{path}[{i}]"),
                        "expected a string",
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(ParamValue::StringArray),
            _ => Err(EndpointError::invalid(
                path,
                "expected a string, a boolean or an array of strings",
            )),
        }
    }
}

impl From<&str> for ParamValue {
    fn from(value: &str) -> Self {
        ParamValue::String(value.to_owned())
    }
}

impl From<String> for ParamValue {
    fn from(value: String) -> Self {
        ParamValue::String(value)
    }
}

impl From<bool> for ParamValue {
    fn from(value: bool) -> Self {
        ParamValue::Bool(value)
    }
}

impl From<Vec<String>> for ParamValue {
    fn from(value: Vec<String>) -> Self {
        ParamValue::StringArray(value)
    }
}

/// Endpoint parameter values by parameter name.
///
/// Only the values a caller has are set; [`RuleSet::resolve`](super::RuleSet::resolve)
/// fills in the rule set's defaults, rejects missing required parameters and checks
/// each value against the declared type.
///
/// ```
/// use awsgen_runtime::endpoint::Params;
///
/// let params = Params::new().with("Region", "us-east-1").with("UseFIPS", true);
/// assert_eq!(params.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    values: BTreeMap<String, ParamValue>,
}

impl Params {
    /// No parameter set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value`, builder style.
    #[must_use]
    pub fn with(mut self, name: impl Into<String>, value: impl Into<ParamValue>) -> Self {
        self.insert(name, value);
        self
    }

    /// Sets `name` to `value`, returning the value it replaces.
    pub fn insert(
        &mut self,
        name: impl Into<String>,
        value: impl Into<ParamValue>,
    ) -> Option<ParamValue> {
        self.values.insert(name.into(), value.into())
    }

    /// Unsets `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<ParamValue> {
        self.values.remove(name)
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.values.get(name)
    }

    /// How many parameters are set.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The set parameters in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ParamValue)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Reads a JSON object of parameter values, as endpoint test cases write them:
    /// strings, booleans and arrays of strings; `null` leaves a parameter unset.
    pub fn from_json(value: &serde_json::Value) -> Result<Self, EndpointError> {
        let object = value
            .as_object()
            .ok_or_else(|| EndpointError::invalid("params", "expected an object"))?;
        let mut params = Params::new();
        for (name, value) in object {
            if value.is_null() {
                continue;
            }
            let value = ParamValue::from_json_at(value, &format!("params.{name}"))?;
            params.insert(name.clone(), value);
        }
        Ok(params)
    }
}

impl<K: Into<String>, V: Into<ParamValue>> FromIterator<(K, V)> for Params {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut params = Params::new();
        for (k, v) in iter {
            params.insert(k, v);
        }
        params
    }
}

impl From<BTreeMap<String, ParamValue>> for Params {
    fn from(values: BTreeMap<String, ParamValue>) -> Self {
        Params { values }
    }
}
