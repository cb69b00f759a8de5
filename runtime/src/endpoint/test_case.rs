//! Endpoint test cases (`smithy.rules#endpointTests`) and checking a rule set
//! against them.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value as Json;

use super::{Endpoint, EndpointError, Params, Partitions, ResolveError, RuleSet};

/// What a test case expects resolution to produce.
#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    /// This endpoint (absent headers and properties are empty).
    Endpoint(Endpoint),
    /// An error with this message.
    Error(String),
}

/// One endpoint test case: parameter values and the expected outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    /// The case's description.
    pub documentation: Option<String>,
    /// The parameter values (an absent `params` member means none).
    pub params: Params,
    /// The expected outcome.
    pub expect: Expectation,
}

/// How a test case's outcome differed from its expectation.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// The expectation.
    pub expected: Expectation,
    /// What resolution produced.
    pub actual: Result<Endpoint, ResolveError>,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.expected {
            Expectation::Endpoint(e) => write!(f, "expected endpoint {}", show_endpoint(e))?,
            Expectation::Error(m) => write!(f, "expected error {m:?}")?,
        }
        match &self.actual {
            Ok(e) => write!(f, ", got endpoint {}", show_endpoint(e)),
            Err(err) => write!(f, ", got error {:?}", err.to_string()),
        }
    }
}

fn show_endpoint(e: &Endpoint) -> String {
    let mut text = e.url.clone();
    if !e.headers.is_empty() {
        text.push_str(&format!(" headers {:?}", e.headers));
    }
    if !e.properties.is_empty() {
        text.push_str(&format!(
            " properties {}",
            Json::Object(e.properties.clone())
        ));
    }
    text
}

impl TestCase {
    /// Reads one test case object: `{documentation?, params?, expect: {endpoint:
    /// {url, headers?, properties?}} | {error}}`. Other members (such as
    /// `operationInputs`) are ignored.
    pub fn from_json(value: &Json) -> Result<Self, EndpointError> {
        let obj = value
            .as_object()
            .ok_or_else(|| EndpointError::invalid("testCase", "expected an object"))?;
        let documentation = obj
            .get("documentation")
            .and_then(Json::as_str)
            .map(str::to_owned);
        let params = match obj.get("params") {
            None => Params::new(),
            Some(p) => Params::from_json(p)?,
        };
        let expect = obj
            .get("expect")
            .and_then(Json::as_object)
            .ok_or_else(|| EndpointError::invalid("testCase", "missing object member `expect`"))?;
        let expect = if let Some(message) = expect.get("error") {
            let message = message.as_str().ok_or_else(|| {
                EndpointError::invalid("testCase.expect.error", "expected a string")
            })?;
            Expectation::Error(message.to_owned())
        } else if let Some(endpoint) = expect.get("endpoint") {
            Expectation::Endpoint(expected_endpoint(endpoint)?)
        } else {
            return Err(EndpointError::invalid(
                "testCase.expect",
                "expected an `endpoint` or an `error` member",
            ));
        };
        Ok(TestCase {
            documentation,
            params,
            expect,
        })
    }

    /// Reads the test cases of an endpoint tests document (`{"version", "testCases":
    /// [...]}`, the value of the `smithy.rules#endpointTests` trait).
    pub fn list_from_json(doc: &Json) -> Result<Vec<Self>, EndpointError> {
        doc.get("testCases")
            .and_then(Json::as_array)
            .ok_or_else(|| {
                EndpointError::invalid("endpointTests", "missing array member `testCases`")
            })?
            .iter()
            .map(TestCase::from_json)
            .collect()
    }

    /// Resolves the case's parameters and compares the outcome with the expectation:
    /// the same URL, headers and properties, or an error with the same message.
    pub fn check(&self, rules: &RuleSet, partitions: &Partitions) -> Result<(), Box<Mismatch>> {
        let actual = rules.resolve(&self.params, partitions);
        let matches = match (&self.expect, &actual) {
            (Expectation::Endpoint(expected), Ok(endpoint)) => expected == endpoint,
            (Expectation::Error(message), Err(err)) => *message == err.to_string(),
            _ => false,
        };
        if matches {
            Ok(())
        } else {
            Err(Box::new(Mismatch {
                expected: self.expect.clone(),
                actual,
            }))
        }
    }
}

fn expected_endpoint(value: &Json) -> Result<Endpoint, EndpointError> {
    let path = "testCase.expect.endpoint";
    let obj = value
        .as_object()
        .ok_or_else(|| EndpointError::invalid(path, "expected an object"))?;
    let url = obj
        .get("url")
        .and_then(Json::as_str)
        .ok_or_else(|| EndpointError::invalid(path, "missing string member `url`"))?;
    let mut headers = BTreeMap::new();
    if let Some(h) = obj.get("headers") {
        let h = h.as_object().ok_or_else(|| {
            EndpointError::invalid(format!("{path}.headers"), "expected an object")
        })?;
        for (name, values) in h {
            let values = values
                .as_array()
                .and_then(|vs| {
                    vs.iter()
                        .map(|v| v.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or_else(|| {
                    EndpointError::invalid(
                        format!("{path}.headers.{name}"),
                        "expected an array of strings",
                    )
                })?;
            headers.insert(name.clone(), values);
        }
    }
    let properties = match obj.get("properties") {
        None => serde_json::Map::new(),
        Some(p) => p.as_object().cloned().ok_or_else(|| {
            EndpointError::invalid(format!("{path}.properties"), "expected an object")
        })?,
    };
    Ok(Endpoint {
        url: url.to_owned(),
        headers,
        properties,
    })
}
