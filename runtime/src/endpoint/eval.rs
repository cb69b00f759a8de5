//! Evaluation of a parsed rule set against bound parameter values.
//!
//! Rules are tried in order. A rule matches when each condition's result is set and
//! not `false`; a condition with `assign` binds its result for the later conditions
//! and the body of that rule only. A matching tree rule is terminal: if none of its
//! sub-rules matches, resolution fails instead of moving on to the next rule.

use std::collections::BTreeMap;

use super::ast::{
    Call, Condition, EndpointTemplate, Expr, PathSegment, Rule, RuleKind, Template, TemplatePart,
};
use super::functions;
use super::value::{Value, describe};
use super::{Endpoint, PartitionOutputs, Partitions, ResolveError};

type Eval<T> = Result<T, ResolveError>;

/// The evaluation state: parameter values (declared order, `None` when unset) and
/// the variables currently assigned, innermost last.
pub(crate) struct Evaluator<'r> {
    params: Vec<(&'r str, Option<Value>)>,
    vars: Vec<(&'r str, Value)>,
    partitions: &'r Partitions,
}

impl<'r> Evaluator<'r> {
    pub(crate) fn new(params: Vec<(&'r str, Option<Value>)>, partitions: &'r Partitions) -> Self {
        Evaluator {
            params,
            vars: Vec::new(),
            partitions,
        }
    }

    /// Resolves `rules` as the top level of a rule set.
    pub(crate) fn resolve(&mut self, rules: &'r [Rule]) -> Eval<Endpoint> {
        self.rules(rules)?.ok_or(ResolveError::NoRuleMatched)
    }

    /// `Ok(None)` when no rule of the list matched.
    fn rules(&mut self, rules: &'r [Rule]) -> Eval<Option<Endpoint>> {
        for rule in rules {
            let mark = self.vars.len();
            let outcome = self.rule(rule);
            self.vars.truncate(mark);
            if let Some(endpoint) = outcome? {
                return Ok(Some(endpoint));
            }
        }
        Ok(None)
    }

    /// `Ok(None)` when the rule's conditions do not hold.
    fn rule(&mut self, rule: &'r Rule) -> Eval<Option<Endpoint>> {
        for condition in &rule.conditions {
            if !self.condition(condition)? {
                return Ok(None);
            }
        }
        match &rule.kind {
            RuleKind::Endpoint(template) => self.endpoint(template).map(Some),
            RuleKind::Error(message) => Err(ResolveError::Rule(
                self.string(message, "an error message")?,
            )),
            RuleKind::Tree(rules) => match self.rules(rules)? {
                Some(endpoint) => Ok(Some(endpoint)),
                None => Err(ResolveError::NoRuleMatched),
            },
        }
    }

    fn condition(&mut self, condition: &'r Condition) -> Eval<bool> {
        match self.call(&condition.call)? {
            None | Some(Value::Bool(false)) => Ok(false),
            Some(value) => {
                if let Some(name) = &condition.assign {
                    self.vars.push((name.as_str(), value));
                }
                Ok(true)
            }
        }
    }

    fn endpoint(&mut self, template: &EndpointTemplate) -> Eval<Endpoint> {
        let url = self.string(&template.url, "an endpoint URL")?;
        let mut headers = BTreeMap::new();
        for (name, exprs) in &template.headers {
            let values = exprs
                .iter()
                .map(|e| self.string(e, "a header value"))
                .collect::<Eval<Vec<_>>>()?;
            headers.insert(name.clone(), values);
        }
        let mut properties = serde_json::Map::new();
        for (name, expr) in &template.properties {
            // Property values are literals: never unset.
            if let Some(value) = self.eval(expr)? {
                properties.insert(name.clone(), value.to_json());
            }
        }
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }

    fn lookup(&self, name: &str) -> Eval<Option<&Value>> {
        if let Some((_, value)) = self.vars.iter().rev().find(|(n, _)| *n == name) {
            return Ok(Some(value));
        }
        match self.params.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => Ok(value.as_ref()),
            None => Err(ResolveError::UndefinedReference(name.to_owned())),
        }
    }

    fn string(&self, expr: &Expr, context: &'static str) -> Eval<String> {
        match self.eval(expr)? {
            Some(Value::String(s)) => Ok(s),
            other => Err(ResolveError::NotAString {
                context,
                found: describe(other.as_ref()),
            }),
        }
    }

    fn eval(&self, expr: &Expr) -> Eval<Option<Value>> {
        Ok(Some(match expr {
            Expr::String(template) => Value::String(self.template(template)?),
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Int(i) => Value::Int(*i),
            Expr::Array(items) => Value::Array(
                items
                    .iter()
                    .filter_map(|item| self.eval(item).transpose())
                    .collect::<Eval<Vec<_>>>()?,
            ),
            Expr::Record(fields) => Value::Record(
                fields
                    .iter()
                    .filter_map(|(k, v)| {
                        self.eval(v).transpose().map(|r| r.map(|v| (k.clone(), v)))
                    })
                    .collect::<Eval<BTreeMap<_, _>>>()?,
            ),
            Expr::Ref(name) => return Ok(self.lookup(name)?.cloned()),
            Expr::Call(call) => return self.call(call),
        }))
    }

    fn template(&self, template: &Template) -> Eval<String> {
        let mut out = String::new();
        for part in &template.parts {
            match part {
                TemplatePart::Literal(text) => out.push_str(text),
                TemplatePart::Ref(name) => match self.lookup(name)? {
                    Some(Value::String(s)) => out.push_str(s),
                    other => {
                        return Err(ResolveError::NotAString {
                            context: "a template placeholder",
                            found: describe(other),
                        });
                    }
                },
                TemplatePart::Attr(name, path) => {
                    match get_attr(self.lookup(name)?, path, "getAttr")? {
                        Some(Value::String(s)) => out.push_str(s),
                        other => {
                            return Err(ResolveError::NotAString {
                                context: "a template placeholder",
                                found: describe(other),
                            });
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    fn call(&self, call: &Call) -> Eval<Option<Value>> {
        let name = call.name();
        let value = match call {
            Call::IsSet(arg) => Value::Bool(self.eval(arg)?.is_some()),
            Call::Not(arg) => Value::Bool(!want_bool(self.eval(arg)?, name, 0)?),
            Call::BooleanEquals(a, b) => Value::Bool(
                want_bool(self.eval(a)?, name, 0)? == want_bool(self.eval(b)?, name, 1)?,
            ),
            Call::StringEquals(a, b) => Value::Bool(
                want_string(self.eval(a)?, name, 0)? == want_string(self.eval(b)?, name, 1)?,
            ),
            Call::GetAttr(target, path) => {
                let target = self.eval(target)?;
                return Ok(get_attr(target.as_ref(), path, name)?.cloned());
            }
            Call::Substring(input, start, stop, reverse) => {
                let input = want_string(self.eval(input)?, name, 0)?;
                let start = want_int(self.eval(start)?, name, 1)?;
                let stop = want_int(self.eval(stop)?, name, 2)?;
                let reverse = want_bool(self.eval(reverse)?, name, 3)?;
                let (Ok(start), Ok(stop)) = (usize::try_from(start), usize::try_from(stop)) else {
                    return Ok(None);
                };
                return Ok(functions::substring(&input, start, stop, reverse)
                    .map(|s| Value::String(s.to_owned())));
            }
            Call::UriEncode(arg) => Value::String(functions::uri_encode(&want_string(
                self.eval(arg)?,
                name,
                0,
            )?)),
            Call::ParseUrl(arg) => {
                let text = want_string(self.eval(arg)?, name, 0)?;
                let Some(url) = functions::parse_url(&text) else {
                    return Ok(None);
                };
                record([
                    ("scheme", Value::String(url.scheme)),
                    ("authority", Value::String(url.authority)),
                    ("path", Value::String(url.path)),
                    ("normalizedPath", Value::String(url.normalized_path)),
                    ("isIp", Value::Bool(url.is_ip)),
                ])
            }
            Call::IsValidHostLabel(value, subdomains) => {
                let value = want_string(self.eval(value)?, name, 0)?;
                let subdomains = want_bool(self.eval(subdomains)?, name, 1)?;
                Value::Bool(functions::is_valid_host_label(&value, subdomains))
            }
            Call::Coalesce(args) => {
                for arg in args {
                    if let Some(value) = self.eval(arg)? {
                        return Ok(Some(value));
                    }
                }
                return Ok(None);
            }
            Call::Ite(cond, then, otherwise) => {
                let branch = if want_bool(self.eval(cond)?, name, 0)? {
                    then
                } else {
                    otherwise
                };
                return self.eval(branch);
            }
            Call::Split(value, delimiter, limit) => {
                let value = want_string(self.eval(value)?, name, 0)?;
                let delimiter = want_string(self.eval(delimiter)?, name, 1)?;
                let limit = want_int(self.eval(limit)?, name, 2)?;
                let limit = usize::try_from(limit).map_err(|_| ResolveError::InvalidArgument {
                    function: name,
                    message: format!("the limit must not be negative, got {limit}"),
                })?;
                let parts = functions::split(&value, &delimiter, limit).ok_or(
                    ResolveError::InvalidArgument {
                        function: name,
                        message: "the delimiter must not be empty".to_owned(),
                    },
                )?;
                Value::Array(
                    parts
                        .into_iter()
                        .map(|p| Value::String(p.to_owned()))
                        .collect(),
                )
            }
            Call::AwsPartition(region) => {
                let region = want_string(self.eval(region)?, name, 0)?;
                return Ok(self.partitions.resolve(&region).map(partition_record));
            }
            Call::AwsParseArn(arg) => {
                let text = want_string(self.eval(arg)?, name, 0)?;
                let Some(arn) = functions::parse_arn(&text) else {
                    return Ok(None);
                };
                record([
                    ("partition", Value::String(arn.partition)),
                    ("service", Value::String(arn.service)),
                    ("region", Value::String(arn.region)),
                    ("accountId", Value::String(arn.account_id)),
                    (
                        "resourceId",
                        Value::Array(arn.resource_id.into_iter().map(Value::String).collect()),
                    ),
                ])
            }
            Call::AwsIsVirtualHostableS3Bucket(value, subdomains) => {
                let value = want_string(self.eval(value)?, name, 0)?;
                let subdomains = want_bool(self.eval(subdomains)?, name, 1)?;
                Value::Bool(functions::is_virtual_hostable_s3_bucket(&value, subdomains))
            }
        };
        Ok(Some(value))
    }
}

fn record<const N: usize>(fields: [(&str, Value); N]) -> Value {
    Value::Record(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn partition_record(outputs: PartitionOutputs) -> Value {
    let mut fields: BTreeMap<String, Value> = [
        ("name", Value::String(outputs.name)),
        ("dnsSuffix", Value::String(outputs.dns_suffix)),
        (
            "dualStackDnsSuffix",
            Value::String(outputs.dual_stack_dns_suffix),
        ),
        ("supportsFIPS", Value::Bool(outputs.supports_fips)),
        (
            "supportsDualStack",
            Value::Bool(outputs.supports_dual_stack),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    if let Some(region) = outputs.implicit_global_region {
        fields.insert("implicitGlobalRegion".to_owned(), Value::String(region));
    }
    Value::Record(fields)
}

/// Follows `path` into records and arrays. A missing key or an index past the end
/// gives an unset value; stepping into a scalar is a type error.
fn get_attr<'v>(
    target: Option<&'v Value>,
    path: &[PathSegment],
    function: &'static str,
) -> Eval<Option<&'v Value>> {
    let mut current = target;
    for segment in path {
        current = match (current, segment) {
            (None, _) => return Ok(None),
            (Some(Value::Record(fields)), PathSegment::Key(key)) => fields.get(key),
            (Some(Value::Array(items)), PathSegment::Index(index)) => items.get(*index),
            (Some(other), PathSegment::Key(_)) => {
                return Err(type_error(function, 0, "a record", Some(other)));
            }
            (Some(other), PathSegment::Index(_)) => {
                return Err(type_error(function, 0, "an array", Some(other)));
            }
        };
    }
    Ok(current)
}

fn type_error(
    function: &'static str,
    index: usize,
    expected: &'static str,
    found: Option<&Value>,
) -> ResolveError {
    ResolveError::ArgumentType {
        function,
        index,
        expected,
        found: describe(found),
    }
}

fn want_bool(value: Option<Value>, function: &'static str, index: usize) -> Eval<bool> {
    match value {
        Some(Value::Bool(b)) => Ok(b),
        other => Err(type_error(function, index, "a boolean", other.as_ref())),
    }
}

fn want_string(value: Option<Value>, function: &'static str, index: usize) -> Eval<String> {
    match value {
        Some(Value::String(s)) => Ok(s),
        other => Err(type_error(function, index, "a string", other.as_ref())),
    }
}

fn want_int(value: Option<Value>, function: &'static str, index: usize) -> Eval<i64> {
    match value {
        Some(Value::Int(i)) => Ok(i),
        other => Err(type_error(function, index, "an integer", other.as_ref())),
    }
}
