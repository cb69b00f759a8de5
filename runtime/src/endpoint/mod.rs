//! Endpoint resolution: an interpreter for Smithy endpoint rule sets.
//!
//! A service model carries its endpoint logic as a `smithy.rules#endpointRuleSet`
//! document: parameters (region, FIPS and dual-stack switches, a custom endpoint,
//! ...) and a tree of rules whose conditions call a small library of functions.
//! Generated bindings embed that document as text, parse it once with
//! [`RuleSet::from_json`], and call [`RuleSet::resolve`] per request:
//!
//! ```
//! use awsgen_runtime::endpoint::{Params, Partitions, RuleSet};
//!
//! let rules = RuleSet::from_json(r#"{
//!     "version": "1.0",
//!     "parameters": {
//!         "Region": {"type": "string", "builtIn": "AWS::Region", "required": true}
//!     },
//!     "rules": [{
//!         "conditions": [
//!             {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}
//!         ],
//!         "endpoint": {"url": "https://example.{Region}.{p#dnsSuffix}"},
//!         "type": "endpoint"
//!     }]
//! }"#)?;
//! let params = Params::new().with("Region", "eu-west-1");
//! let endpoint = rules.resolve(&params, Partitions::builtin())?;
//! assert_eq!(endpoint.url, "https://example.eu-west-1.amazonaws.com");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Stages: `parse` turns the JSON into the `ast` (checking function names,
//! arities, templates and references), [`RuleSet::resolve`] binds parameter values
//! (defaults, required, types) and `eval` walks the rules. The library functions
//! are plain Rust in [`functions`]; `aws.partition` uses [`Partitions`].
//!
//! Semantics follow the Smithy rules engine specification (version 1.x): tree rules
//! are terminal, an unset value or `false` fails a condition, variables assigned by
//! a condition are visible to the rest of that rule.

use std::collections::BTreeMap;

mod ast;
mod error;
mod eval;
pub mod functions;
mod params;
mod parse;
mod partition;
mod test_case;
mod value;

pub use error::{EndpointError, ResolveError};
pub use params::{ParamType, ParamValue, Params};
pub use partition::{Partition, PartitionOutputs, Partitions, RegionOverride};
pub use test_case::{Expectation, Mismatch, TestCase};

use value::Value;

/// A resolved endpoint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Endpoint {
    /// The endpoint URL, such as `https://lightsail.us-east-1.amazonaws.com`.
    pub url: String,
    /// Headers to add to the request, by name.
    pub headers: BTreeMap<String, Vec<String>>,
    /// Additional properties, such as `authSchemes`, as JSON.
    pub properties: serde_json::Map<String, serde_json::Value>,
}

/// A parameter declared by a rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Parameter {
    /// The parameter name, such as `Region`.
    pub name: String,
    /// The declared type.
    pub param_type: ParamType,
    /// The built-in value the caller should supply, such as `AWS::Region`.
    pub built_in: Option<String>,
    /// Whether resolution needs a value (given or default).
    pub required: bool,
    /// The value used when none is given.
    pub default: Option<ParamValue>,
    /// The rule set's description of the parameter.
    pub documentation: Option<String>,
    /// Whether the rule set marks the parameter deprecated.
    pub deprecated: bool,
}

/// A parsed endpoint rule set, ready to resolve endpoints.
#[derive(Debug, Clone)]
pub struct RuleSet {
    version: String,
    parameters: Vec<Parameter>,
    rules: Vec<ast::Rule>,
}

impl RuleSet {
    /// Parses a `smithy.rules#endpointRuleSet` document from JSON text.
    pub fn from_json(json: &str) -> Result<Self, EndpointError> {
        let doc: serde_json::Value = serde_json::from_str(json)?;
        Self::from_value(&doc)
    }

    /// Parses a `smithy.rules#endpointRuleSet` document already read as JSON, such
    /// as the trait value taken from a model.
    pub fn from_value(doc: &serde_json::Value) -> Result<Self, EndpointError> {
        parse::rule_set(doc)
    }

    /// The rules engine version the rule set declares.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The declared parameters.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// The declared parameter called `name`.
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }

    /// The parameter bound to the built-in `built_in` (such as `AWS::Region`).
    pub fn parameter_for_built_in(&self, built_in: &str) -> Option<&Parameter> {
        self.parameters
            .iter()
            .find(|p| p.built_in.as_deref() == Some(built_in))
    }

    /// Resolves the endpoint for `params`, using `partitions` for `aws.partition`.
    ///
    /// Parameters not given take the rule set's default. A missing required
    /// parameter, an undeclared one, or a value of the wrong type is an error before
    /// any rule runs. An error rule yields [`ResolveError::Rule`] with its message.
    pub fn resolve(
        &self,
        params: &Params,
        partitions: &Partitions,
    ) -> Result<Endpoint, ResolveError> {
        if let Some((name, _)) = params
            .iter()
            .find(|(name, _)| self.parameter(name).is_none())
        {
            return Err(ResolveError::UnknownParameter(name.to_owned()));
        }
        let mut bound = Vec::with_capacity(self.parameters.len());
        for p in &self.parameters {
            let value = params.get(&p.name).or(p.default.as_ref());
            match value {
                Some(v) if v.param_type() != p.param_type => {
                    return Err(ResolveError::ParameterType {
                        name: p.name.clone(),
                        expected: p.param_type,
                        found: v.param_type(),
                    });
                }
                None if p.required => return Err(ResolveError::MissingParameter(p.name.clone())),
                _ => {}
            }
            bound.push((p.name.as_str(), value.map(Value::from)));
        }
        eval::Evaluator::new(bound, partitions).resolve(&self.rules)
    }
}
