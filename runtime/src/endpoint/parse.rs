//! JSON rule set document to [`RuleSet`].
//!
//! Input: the `smithy.rules#endpointRuleSet` document as a `serde_json::Value`.
//! Output: the parameters and the rule tree of [`super::ast`], or an
//! [`EndpointError`] naming the JSON path of the first problem.

use std::fmt;

use serde_json::{Map, Value as Json};

use super::ast::{
    Call, Condition, EndpointTemplate, Expr, PathSegment, Rule, RuleKind, Template, TemplatePart,
};
use super::{EndpointError, ParamType, ParamValue, Parameter, RuleSet};

/// A position in the JSON document, rendered only when an error needs it.
#[derive(Clone, Copy)]
enum Loc<'a> {
    Root(&'static str),
    Key(&'a Loc<'a>, &'a str),
    Index(&'a Loc<'a>, usize),
}

impl<'a> Loc<'a> {
    fn key(&'a self, key: &'a str) -> Loc<'a> {
        Loc::Key(self, key)
    }

    fn index(&'a self, index: usize) -> Loc<'a> {
        Loc::Index(self, index)
    }
}

impl fmt::Display for Loc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::Root(name) => f.write_str(name),
            Loc::Key(parent, key) => write!(f, "{parent}.{key}"),
            Loc::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

fn invalid(loc: &Loc<'_>, message: impl Into<String>) -> EndpointError {
    EndpointError::invalid(loc, message)
}

fn object<'j>(value: &'j Json, loc: &Loc<'_>) -> Result<&'j Map<String, Json>, EndpointError> {
    value
        .as_object()
        .ok_or_else(|| invalid(loc, "expected an object"))
}

fn array<'j>(value: &'j Json, loc: &Loc<'_>) -> Result<&'j Vec<Json>, EndpointError> {
    value
        .as_array()
        .ok_or_else(|| invalid(loc, "expected an array"))
}

fn string<'j>(value: &'j Json, loc: &Loc<'_>) -> Result<&'j str, EndpointError> {
    value
        .as_str()
        .ok_or_else(|| invalid(loc, "expected a string"))
}

fn member<'j>(
    obj: &'j Map<String, Json>,
    name: &str,
    loc: &Loc<'_>,
) -> Result<&'j Json, EndpointError> {
    obj.get(name)
        .ok_or_else(|| invalid(loc, format!("missing member `{name}`")))
}

pub(crate) fn rule_set(doc: &Json) -> Result<RuleSet, EndpointError> {
    let root = Loc::Root("ruleSet");
    let obj = object(doc, &root)?;
    let version = string(member(obj, "version", &root)?, &root.key("version"))?;
    if version.split('.').next() != Some("1") {
        return Err(EndpointError::UnsupportedVersion {
            version: version.to_owned(),
        });
    }
    let params_loc = root.key("parameters");
    let params_obj = object(member(obj, "parameters", &root)?, &params_loc)?;
    let parameters = params_obj
        .iter()
        .map(|(name, value)| parameter(name, value, &params_loc.key(name)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut parser = Parser {
        scope: parameters.iter().map(|p| p.name.clone()).collect(),
    };
    let rules_loc = root.key("rules");
    let rules = parser.rules(member(obj, "rules", &root)?, &rules_loc)?;
    Ok(RuleSet {
        version: version.to_owned(),
        parameters,
        rules,
    })
}

fn parameter(name: &str, value: &Json, loc: &Loc<'_>) -> Result<Parameter, EndpointError> {
    let obj = object(value, loc)?;
    let type_name = string(member(obj, "type", loc)?, &loc.key("type"))?;
    let param_type = ParamType::parse(type_name).ok_or_else(|| {
        invalid(
            &loc.key("type"),
            format!("unknown parameter type {type_name:?}"),
        )
    })?;
    let optional_string = |key: &'static str| -> Result<Option<String>, EndpointError> {
        obj.get(key)
            .map(|v| string(v, &loc.key(key)).map(str::to_owned))
            .transpose()
    };
    let required = match obj.get("required") {
        None => false,
        Some(v) => v
            .as_bool()
            .ok_or_else(|| invalid(&loc.key("required"), "expected a boolean"))?,
    };
    let default = match obj.get("default") {
        None | Some(Json::Null) => None,
        Some(v) => {
            let default_loc = loc.key("default");
            let value = ParamValue::from_json_at(v, &default_loc.to_string())?;
            if value.param_type() != param_type {
                return Err(invalid(
                    &default_loc,
                    format!(
                        "default is a {}, the parameter is a {param_type}",
                        value.param_type()
                    ),
                ));
            }
            Some(value)
        }
    };
    Ok(Parameter {
        name: name.to_owned(),
        param_type,
        built_in: optional_string("builtIn")?,
        required,
        default,
        documentation: optional_string("documentation")?,
        deprecated: obj.contains_key("deprecated"),
    })
}

/// Walks the rules keeping the names in scope: parameters, then the variables that
/// conditions of enclosing rules assigned.
struct Parser {
    scope: Vec<String>,
}

impl Parser {
    fn rules(&mut self, value: &Json, loc: &Loc<'_>) -> Result<Vec<Rule>, EndpointError> {
        array(value, loc)?
            .iter()
            .enumerate()
            .map(|(i, rule)| self.rule(rule, &loc.index(i)))
            .collect()
    }

    fn rule(&mut self, value: &Json, loc: &Loc<'_>) -> Result<Rule, EndpointError> {
        let obj = object(value, loc)?;
        let mark = self.scope.len();
        let result = self.rule_inner(obj, loc);
        self.scope.truncate(mark);
        result
    }

    fn rule_inner(
        &mut self,
        obj: &Map<String, Json>,
        loc: &Loc<'_>,
    ) -> Result<Rule, EndpointError> {
        let conditions = match obj.get("conditions") {
            None => Vec::new(),
            Some(v) => {
                let cond_loc = loc.key("conditions");
                array(v, &cond_loc)?
                    .iter()
                    .enumerate()
                    .map(|(i, c)| self.condition(c, &cond_loc.index(i)))
                    .collect::<Result<Vec<_>, _>>()?
            }
        };
        let kind_name = string(member(obj, "type", loc)?, &loc.key("type"))?;
        let kind = match kind_name {
            "endpoint" => {
                let ep_loc = loc.key("endpoint");
                RuleKind::Endpoint(self.endpoint(member(obj, "endpoint", loc)?, &ep_loc)?)
            }
            "error" => RuleKind::Error(self.expr(member(obj, "error", loc)?, &loc.key("error"))?),
            "tree" => RuleKind::Tree(self.rules(member(obj, "rules", loc)?, &loc.key("rules"))?),
            other => {
                return Err(invalid(
                    &loc.key("type"),
                    format!("unknown rule type {other:?}"),
                ));
            }
        };
        Ok(Rule { conditions, kind })
    }

    fn condition(&mut self, value: &Json, loc: &Loc<'_>) -> Result<Condition, EndpointError> {
        let obj = object(value, loc)?;
        let call = self.call(obj, loc)?;
        let assign = match obj.get("assign") {
            None => None,
            Some(v) => {
                let name = string(v, &loc.key("assign"))?;
                if self.scope.iter().any(|n| n == name) {
                    return Err(EndpointError::Shadowing {
                        path: loc.to_string(),
                        name: name.to_owned(),
                    });
                }
                self.scope.push(name.to_owned());
                Some(name.to_owned())
            }
        };
        Ok(Condition { call, assign })
    }

    fn endpoint(&mut self, value: &Json, loc: &Loc<'_>) -> Result<EndpointTemplate, EndpointError> {
        let obj = object(value, loc)?;
        let url = self.expr(member(obj, "url", loc)?, &loc.key("url"))?;
        let mut headers = Vec::new();
        if let Some(v) = obj.get("headers") {
            let h_loc = loc.key("headers");
            for (name, values) in object(v, &h_loc)? {
                let name_loc = h_loc.key(name);
                let exprs = array(values, &name_loc)?
                    .iter()
                    .enumerate()
                    .map(|(i, e)| self.expr(e, &name_loc.index(i)))
                    .collect::<Result<Vec<_>, _>>()?;
                headers.push((name.clone(), exprs));
            }
        }
        let mut properties = Vec::new();
        if let Some(v) = obj.get("properties") {
            let p_loc = loc.key("properties");
            for (name, value) in object(v, &p_loc)? {
                properties.push((name.clone(), self.literal(value, &p_loc.key(name))?));
            }
        }
        Ok(EndpointTemplate {
            url,
            headers,
            properties,
        })
    }

    /// An expression: a literal, a reference or a function call.
    fn expr(&self, value: &Json, loc: &Loc<'_>) -> Result<Expr, EndpointError> {
        match value {
            Json::String(s) => Ok(Expr::String(self.template(s, loc)?)),
            Json::Bool(b) => Ok(Expr::Bool(*b)),
            Json::Number(_) => integer(value, loc).map(Expr::Int),
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| self.expr(item, &loc.index(i)))
                .collect::<Result<Vec<_>, _>>()
                .map(Expr::Array),
            Json::Object(obj) => {
                if let Some(name) = obj.get("ref") {
                    let name = string(name, &loc.key("ref"))?;
                    self.check_defined(name, loc)?;
                    Ok(Expr::Ref(name.to_owned()))
                } else if obj.contains_key("fn") {
                    Ok(Expr::Call(Box::new(self.call(obj, loc)?)))
                } else {
                    Err(invalid(
                        loc,
                        "expected a reference (`ref`) or a function (`fn`) object",
                    ))
                }
            }
            Json::Null => Err(invalid(loc, "unexpected null")),
        }
    }

    /// An endpoint property value: strings (templates), booleans, integers, and
    /// arrays and objects of those.
    fn literal(&self, value: &Json, loc: &Loc<'_>) -> Result<Expr, EndpointError> {
        match value {
            Json::Object(obj) => obj
                .iter()
                .map(|(k, v)| Ok((k.clone(), self.literal(v, &loc.key(k))?)))
                .collect::<Result<Vec<_>, EndpointError>>()
                .map(Expr::Record),
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| self.literal(item, &loc.index(i)))
                .collect::<Result<Vec<_>, _>>()
                .map(Expr::Array),
            _ => self.expr(value, loc),
        }
    }

    fn check_defined(&self, name: &str, loc: &Loc<'_>) -> Result<(), EndpointError> {
        if self.scope.iter().any(|n| n == name) {
            Ok(())
        } else {
            Err(EndpointError::UndefinedReference {
                path: loc.to_string(),
                name: name.to_owned(),
            })
        }
    }

    fn call(&self, obj: &Map<String, Json>, loc: &Loc<'_>) -> Result<Call, EndpointError> {
        let name = string(member(obj, "fn", loc)?, &loc.key("fn"))?;
        let argv_loc = loc.key("argv");
        let argv = array(member(obj, "argv", loc)?, &argv_loc)?;
        let arity = |expected: usize| -> Result<(), EndpointError> {
            if argv.len() == expected {
                Ok(())
            } else {
                Err(EndpointError::Arity {
                    path: loc.to_string(),
                    name: name.to_owned(),
                    expected: expected.to_string(),
                    found: argv.len(),
                })
            }
        };
        let arg = |i: usize| -> Result<Expr, EndpointError> {
            match argv.get(i) {
                Some(v) => self.expr(v, &argv_loc.index(i)),
                None => Err(invalid(&argv_loc, format!("missing argument {i}"))),
            }
        };
        let call = match name {
            "isSet" => {
                arity(1)?;
                Call::IsSet(arg(0)?)
            }
            "not" => {
                arity(1)?;
                Call::Not(arg(0)?)
            }
            "booleanEquals" => {
                arity(2)?;
                Call::BooleanEquals(arg(0)?, arg(1)?)
            }
            "stringEquals" => {
                arity(2)?;
                Call::StringEquals(arg(0)?, arg(1)?)
            }
            "getAttr" => {
                arity(2)?;
                let path_loc = argv_loc.index(1);
                let path = match argv.get(1) {
                    Some(Json::String(p)) => attr_path(p, &path_loc)?,
                    _ => return Err(invalid(&path_loc, "the path must be a string literal")),
                };
                Call::GetAttr(arg(0)?, path)
            }
            "substring" => {
                arity(4)?;
                Call::Substring(arg(0)?, arg(1)?, arg(2)?, arg(3)?)
            }
            "uriEncode" => {
                arity(1)?;
                Call::UriEncode(arg(0)?)
            }
            "parseURL" => {
                arity(1)?;
                Call::ParseUrl(arg(0)?)
            }
            "isValidHostLabel" => {
                arity(2)?;
                Call::IsValidHostLabel(arg(0)?, arg(1)?)
            }
            "coalesce" => {
                if argv.len() < 2 {
                    return Err(EndpointError::Arity {
                        path: loc.to_string(),
                        name: name.to_owned(),
                        expected: "at least 2".to_owned(),
                        found: argv.len(),
                    });
                }
                Call::Coalesce((0..argv.len()).map(arg).collect::<Result<Vec<_>, _>>()?)
            }
            "ite" => {
                arity(3)?;
                Call::Ite(arg(0)?, arg(1)?, arg(2)?)
            }
            "split" => {
                arity(3)?;
                Call::Split(arg(0)?, arg(1)?, arg(2)?)
            }
            "aws.partition" => {
                arity(1)?;
                Call::AwsPartition(arg(0)?)
            }
            "aws.parseArn" => {
                arity(1)?;
                Call::AwsParseArn(arg(0)?)
            }
            "aws.isVirtualHostableS3Bucket" => {
                arity(2)?;
                Call::AwsIsVirtualHostableS3Bucket(arg(0)?, arg(1)?)
            }
            _ => {
                return Err(EndpointError::UnknownFunction {
                    path: loc.key("fn").to_string(),
                    name: name.to_owned(),
                });
            }
        };
        Ok(call)
    }

    /// Splits `{name}` / `{name#path}` placeholders from literal text; `{{` and `}}`
    /// stand for literal braces.
    fn template(&self, text: &str, loc: &Loc<'_>) -> Result<Template, EndpointError> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(pos) = rest.find(['{', '}']) {
            literal.push_str(&rest[..pos]);
            let brace = &rest[pos..];
            if let Some(after) = brace.strip_prefix("{{") {
                literal.push('{');
                rest = after;
            } else if let Some(after) = brace.strip_prefix("}}") {
                literal.push('}');
                rest = after;
            } else if let Some(after) = brace.strip_prefix('{') {
                let end = after
                    .find('}')
                    .ok_or_else(|| invalid(loc, format!("unclosed `{{` in template {text:?}")))?;
                let placeholder = &after[..end];
                if !literal.is_empty() {
                    parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                }
                parts.push(self.placeholder(placeholder, text, loc)?);
                rest = &after[end + 1..];
            } else {
                return Err(invalid(loc, format!("unmatched `}}` in template {text:?}")));
            }
        }
        literal.push_str(rest);
        if !literal.is_empty() || parts.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        Ok(Template { parts })
    }

    fn placeholder(
        &self,
        inner: &str,
        text: &str,
        loc: &Loc<'_>,
    ) -> Result<TemplatePart, EndpointError> {
        let (name, path) = match inner.split_once('#') {
            Some((name, path)) => (name, Some(path)),
            None => (inner, None),
        };
        if name.is_empty() || name.contains(['{', ' ']) {
            return Err(invalid(
                loc,
                format!("invalid placeholder `{{{inner}}}` in template {text:?}"),
            ));
        }
        self.check_defined(name, loc)?;
        Ok(match path {
            None => TemplatePart::Ref(name.to_owned()),
            Some(path) => TemplatePart::Attr(name.to_owned(), attr_path(path, loc)?),
        })
    }
}

fn integer(value: &Json, loc: &Loc<'_>) -> Result<i64, EndpointError> {
    value
        .as_i64()
        .ok_or_else(|| invalid(loc, "expected an integer"))
}

/// Parses a `getAttr` path: keys separated by `.`, each optionally followed by
/// `[index]` (`resourceId[2]`, `a.b`, `[0]`).
pub(crate) fn attr_path_segments(path: &str) -> Result<Vec<PathSegment>, String> {
    if path.is_empty() {
        return Err("empty attribute path".to_owned());
    }
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            None => (part, None),
            Some((key, rest)) => {
                let digits = rest
                    .strip_suffix(']')
                    .ok_or_else(|| format!("attribute path {path:?}: missing `]`"))?;
                let index = digits
                    .parse::<usize>()
                    .map_err(|_| format!("attribute path {path:?}: invalid index {digits:?}"))?;
                (key, Some(index))
            }
        };
        if !key.is_empty() {
            segments.push(PathSegment::Key(key.to_owned()));
        } else if index.is_none() {
            return Err(format!("attribute path {path:?}: empty key"));
        }
        if let Some(index) = index {
            segments.push(PathSegment::Index(index));
        }
    }
    Ok(segments)
}

fn attr_path(path: &str, loc: &Loc<'_>) -> Result<Vec<PathSegment>, EndpointError> {
    attr_path_segments(path).map_err(|message| invalid(loc, message))
}
