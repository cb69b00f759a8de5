//! `smithy.waiters#waitable`: each waiter's acceptors read, and their
//! JMESPath paths typed against the generated structures, so that emitting
//! them is a direct translation to Rust. A path the generated code could not
//! evaluate the way JMESPath does is an error naming the waiter and the path.

use std::collections::BTreeMap;

use serde_json::Value;

use super::jmespath::{self, Ast};
use crate::docs;
use crate::error::{Error, Result};
use crate::ir::{
    self, Comparator, Comparison, FieldStep, Matcher, Path, PathKind, PathNode, PathValue,
    Presence, Type, TypeDef, WaitAcceptor, WaitState,
};
use crate::naming;
use crate::smithy::{Shape, shape_name};

const TRAIT: &str = "smithy.waiters#waitable";

/// The waiters of `operation`, as the model writes them.
pub(super) fn read(operation: &Shape) -> Option<Value> {
    operation.traits.get(TRAIT).cloned()
}

/// Types each waiter of `op` against the crate's types.
pub(super) fn link(
    op: &ir::Operation,
    waiters: &Value,
    types: &BTreeMap<&str, &TypeDef>,
) -> Result<Vec<ir::Waiter>> {
    let malformed = |problem: String| Error::Malformed {
        origin: format!("shape `{}`", op.id),
        problem: format!("`{TRAIT}` {problem}"),
    };
    let object = waiters
        .as_object()
        .ok_or_else(|| malformed("is not an object".into()))?;
    let mut out = Vec::new();
    for (name, waiter) in object {
        let field = |key: &str| waiter.get(key);
        let delay = |key: &str, default: u64| match field(key) {
            None => Ok(default),
            Some(value) => value
                .as_u64()
                .filter(|d| *d >= 1)
                .ok_or_else(|| malformed(format!("waiter `{name}` has {key} {value}"))),
        };
        let min_delay = delay("minDelay", 2)?;
        let max_delay = delay("maxDelay", 120)?;
        if max_delay < min_delay {
            return Err(malformed(format!(
                "waiter `{name}` has maxDelay {max_delay} below minDelay {min_delay}"
            )));
        }
        let acceptors = field("acceptors")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| malformed(format!("waiter `{name}` has no acceptors")))?;
        let acceptors = acceptors
            .iter()
            .enumerate()
            .map(|(index, acceptor)| {
                acceptor_of(op, types, acceptor).map_err(|problem| Error::UnsupportedTrait {
                    id: op.id.clone(),
                    trait_id: TRAIT.to_owned(),
                    reason: format!("waiter `{name}` acceptor {index}: {problem}"),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let docs = field("documentation")
            .and_then(Value::as_str)
            .map(docs::to_markdown)
            .unwrap_or_default();
        out.push(ir::Waiter {
            name: name.clone(),
            method: naming::field_name(&format!("WaitUntil{name}")),
            function: naming::field_name(name),
            constant: naming::constant_name(name),
            docs,
            min_delay,
            max_delay,
            deprecated: field("deprecated").and_then(Value::as_bool) == Some(true),
            acceptors,
        });
    }
    Ok(out)
}

fn acceptor_of(
    op: &ir::Operation,
    types: &BTreeMap<&str, &TypeDef>,
    acceptor: &Value,
) -> std::result::Result<WaitAcceptor, String> {
    let state = match acceptor.get("state").and_then(Value::as_str) {
        Some("success") => WaitState::Success,
        Some("failure") => WaitState::Failure,
        Some("retry") => WaitState::Retry,
        other => return Err(format!("state {other:?} is not success, failure or retry")),
    };
    let matchers = acceptor
        .get("matcher")
        .and_then(Value::as_object)
        .filter(|m| m.len() == 1)
        .ok_or("the matcher is not an object with one member")?;
    let (kind, matcher) = matchers.iter().next().ok_or("the matcher has no member")?;
    let typer = Typer { types };
    let (matcher, description) = match kind.as_str() {
        "success" => {
            let success = matcher.as_bool().ok_or("`success` is not a boolean")?;
            let description = if success {
                "the call succeeds"
            } else {
                "the call fails"
            };
            (Matcher::Success(success), description.to_owned())
        }
        "errorType" => {
            let error = matcher.as_str().ok_or("`errorType` is not a string")?;
            let error = shape_name(error).to_owned();
            let description = format!("the service answers with the error `{error}`");
            (Matcher::ErrorType(error), description)
        }
        "output" | "inputOutput" => {
            let text = |key: &str| {
                matcher
                    .get(key)
                    .and_then(Value::as_str)
                    .ok_or(format!("`{kind}` has no string `{key}`"))
            };
            let (path_text, expected) = (text("path")?, text("expected")?);
            let comparator = match text("comparator")? {
                "stringEquals" => Comparator::StringEquals,
                "booleanEquals" => Comparator::BooleanEquals,
                "allStringEquals" => Comparator::AllStringEquals,
                "anyStringEquals" => Comparator::AnyStringEquals,
                other => return Err(format!("comparator `{other}` is unknown")),
            };
            let at = |problem: String| format!("path `{path_text}`: {problem}");
            let ast = jmespath::parse(path_text).map_err(at)?;
            let structure = |name: Option<&String>, role: &str| {
                name.map(|n| Type::Named(n.clone()))
                    .ok_or_else(|| at(format!("the operation has no {role}")))
            };
            let root = if kind == "output" {
                one(
                    PathNode::Output,
                    PathKind::Model(structure(op.output.as_ref(), "output")?),
                    false,
                )
            } else {
                one(PathNode::Current, PathKind::InputOutput, false)
            };
            let root = Root {
                input: op.input.clone(),
                output: op.output.clone(),
                path: root,
            };
            let path = typer.compile(&root.path, &ast, &root).map_err(at)?;
            let path = typer.compared(path, comparator, expected).map_err(at)?;
            let description = format!(
                "{} {} {}",
                if kind == "output" {
                    "the output's"
                } else {
                    "the input and output's"
                },
                docs::code(path_text),
                match comparator {
                    Comparator::StringEquals | Comparator::BooleanEquals =>
                        format!("is {}", docs::code(expected)),
                    Comparator::AllStringEquals => format!("are all {}", docs::code(expected)),
                    Comparator::AnyStringEquals => format!("has any {}", docs::code(expected)),
                }
            );
            (
                Matcher::Path {
                    path,
                    comparator,
                    expected: expected.to_owned(),
                },
                description,
            )
        }
        other => return Err(format!("matcher `{other}` is unknown")),
    };
    Ok(WaitAcceptor {
        state,
        matcher,
        description,
    })
}

fn one(node: PathNode, kind: PathKind, nullable: bool) -> Path {
    Path {
        node,
        value: PathValue::One { kind, nullable },
    }
}

/// What a path's root object is.
struct Root {
    input: Option<String>,
    output: Option<String>,
    path: Path,
}

/// What comparisons and conditions can see of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Str,
    Number,
    Bool,
}

struct Typer<'a> {
    types: &'a BTreeMap<&'a str, &'a TypeDef>,
}

impl Typer<'_> {
    fn kind_of(&self, ty: &Type) -> PathKind {
        match ty {
            Type::Named(name)
                if matches!(self.types.get(name.as_str()), Some(TypeDef::Enum(_))) =>
            {
                PathKind::Enum(name.clone())
            }
            other => PathKind::Model(other.clone()),
        }
    }

    fn class(kind: &PathKind) -> Option<Class> {
        match kind {
            PathKind::Model(Type::String) | PathKind::Enum(_) | PathKind::Str => Some(Class::Str),
            PathKind::Model(Type::Bool) | PathKind::Bool => Some(Class::Bool),
            PathKind::Model(
                Type::Byte | Type::Short | Type::Integer | Type::Long | Type::Float | Type::Double,
            )
            | PathKind::Number => Some(Class::Number),
            _ => None,
        }
    }

    /// The comparable class of a single value.
    fn scalar(path: &Path, what: &str) -> std::result::Result<Class, String> {
        match &path.value {
            PathValue::One { kind, .. } => Self::class(kind).ok_or_else(|| {
                format!(
                    "{what} is {}, not a string, number or boolean",
                    describe(kind)
                )
            }),
            _ => Err(format!("{what} is a projection, not a single value")),
        }
    }

    fn compile(&self, current: &Path, ast: &Ast, root: &Root) -> std::result::Result<Path, String> {
        Ok(match ast {
            Ast::Current => current.clone(),
            Ast::Field(name) => self.field(current, name, root)?,
            Ast::Subexpression(left, right) | Ast::Pipe(left, right) => {
                let left = self.compile(current, left, root)?;
                self.compile(&left, right, root)?
            }
            Ast::Index(_, index) => return Err(format!("indexes (`[{index}]`) are not supported")),
            Ast::Flatten(inner) => {
                let inner = self.compile(current, inner, root)?;
                self.elements(inner, true)?
            }
            Ast::Projection(left, right) => {
                let left = self.compile(current, left, root)?;
                let left = self.elements(left, false)?;
                self.project(left, right, root)?
            }
            Ast::ValueProjection(left, right) => {
                let left = self.compile(current, left, root)?;
                let values = match &left.value {
                    PathValue::One {
                        kind: PathKind::Model(Type::Map { value, .. }),
                        ..
                    } => PathValue::Many(self.kind_of(value)),
                    _ => {
                        return Err(format!(
                            "`*` applies to {}, not a map",
                            describe_value(&left.value)
                        ));
                    }
                };
                let left = Path {
                    node: PathNode::Elements(Box::new(left)),
                    value: values,
                };
                self.project(left, right, root)?
            }
            Ast::Filter {
                left,
                right,
                condition,
            } => {
                let left = self.compile(current, left, root)?;
                let left = self.elements(left, false)?;
                let PathValue::Many(kind) = left.value.clone() else {
                    return Err("a filter applies to a list".to_owned());
                };
                let condition = self.compile(&Path::current(&kind), condition, root)?;
                self.condition(&condition)?;
                let filtered = Path {
                    node: PathNode::Filter {
                        of: Box::new(left),
                        condition: Box::new(condition),
                    },
                    value: PathValue::Many(kind),
                };
                self.project(filtered, right, root)?
            }
            Ast::MultiList(items) => {
                let items = items
                    .iter()
                    .map(|item| self.compile(current, item, root))
                    .collect::<std::result::Result<Vec<_>, _>>()?;
                let kinds: Vec<&PathKind> = items
                    .iter()
                    .filter_map(|item| match &item.value {
                        PathValue::One { kind, .. } => Some(kind),
                        _ => None,
                    })
                    .collect();
                match kinds.first() {
                    Some(&first)
                        if kinds.len() == items.len() && kinds.iter().all(|k| *k == first) =>
                    {
                        let kind = first.clone();
                        Path {
                            node: PathNode::List(items),
                            value: PathValue::Many(kind),
                        }
                    }
                    _ => {
                        return Err(
                            "a multiselect list's items are not single values of one type"
                                .to_owned(),
                        );
                    }
                }
            }
            Ast::MultiHash(_) => {
                return Err("multiselect hashes (`{key: value}`) are not supported".to_owned());
            }
            Ast::Function(name, arguments) => match (name.as_str(), arguments.as_slice()) {
                ("length", [value]) => {
                    let value = self.compile(current, value, root)?;
                    let nullable = match &value.value {
                        PathValue::Many(_) => false,
                        PathValue::One {
                            kind:
                                PathKind::Model(Type::List { .. } | Type::Map { .. } | Type::String)
                                | PathKind::Str,
                            nullable,
                        } => *nullable,
                        other => {
                            return Err(format!(
                                "`length` applies to {}, not a list, map or string",
                                describe_value(other)
                            ));
                        }
                    };
                    one(
                        PathNode::Length(Box::new(value)),
                        PathKind::Number,
                        nullable,
                    )
                }
                ("contains", [collection, value]) => {
                    let collection = self.compile(current, collection, root)?;
                    let collection = self.elements(collection, false)?;
                    let value = self.compile(current, value, root)?;
                    let PathValue::Many(kind) = &collection.value else {
                        return Err("`contains` applies to a list".to_owned());
                    };
                    let element = Self::class(kind).ok_or_else(|| {
                        format!("`contains` looks in a list of {}", describe(kind))
                    })?;
                    if Self::scalar(&value, "`contains`'s value")? != element {
                        return Err(
                            "`contains` looks for a value of another type than the list's"
                                .to_owned(),
                        );
                    }
                    one(
                        PathNode::Contains(Box::new(collection), Box::new(value)),
                        PathKind::Bool,
                        false,
                    )
                }
                _ => {
                    return Err(format!(
                        "function `{name}` with {} arguments is not supported",
                        arguments.len()
                    ));
                }
            },
            Ast::Compare(op, left, right) => {
                let left = self.compile(current, left, root)?;
                let right = self.compile(current, right, root)?;
                let class = Self::scalar(&left, "a comparison's left side")?;
                if Self::scalar(&right, "a comparison's right side")? != class {
                    return Err("a comparison's sides have different types".to_owned());
                }
                let ordering = !matches!(op, Comparison::Eq | Comparison::Ne);
                if ordering && class != Class::Number {
                    return Err("`<`, `<=`, `>` and `>=` compare numbers".to_owned());
                }
                let nullable = ordering && (left.nullable() || right.nullable());
                one(
                    PathNode::Compare(*op, Box::new(left), Box::new(right)),
                    PathKind::Bool,
                    nullable,
                )
            }
            Ast::And(left, right) | Ast::Or(left, right) => {
                let left = self.compile(current, left, root)?;
                let right = self.compile(current, right, root)?;
                for side in [&left, &right] {
                    if Self::scalar(side, "a side of `&&` or `||`")? != Class::Bool {
                        return Err("`&&` and `||` join booleans".to_owned());
                    }
                }
                let nullable = left.nullable() || right.nullable();
                let (left, right) = (Box::new(left), Box::new(right));
                let node = if matches!(ast, Ast::And(..)) {
                    PathNode::And(left, right)
                } else {
                    PathNode::Or(left, right)
                };
                one(node, PathKind::Bool, nullable)
            }
            Ast::Not(value) => {
                let value = self.compile(current, value, root)?;
                self.condition(&value)?;
                one(PathNode::Not(Box::new(value)), PathKind::Bool, false)
            }
            Ast::Literal(value) => match value {
                Value::String(text) => one(PathNode::Str(text.clone()), PathKind::Str, false),
                Value::Bool(b) => one(PathNode::Bool(*b), PathKind::Bool, false),
                Value::Number(n) => match n.as_f64() {
                    Some(n) => one(PathNode::Number(n), PathKind::Number, false),
                    None => return Err(format!("the number {n} is out of range")),
                },
                other => return Err(format!("the literal `{other}` is not supported")),
            },
        })
    }

    fn field(&self, of: &Path, name: &str, root: &Root) -> std::result::Result<Path, String> {
        let (kind, nullable) = match &of.value {
            PathValue::One { kind, nullable } => (kind, *nullable),
            other => {
                return Err(format!(
                    "`{name}` is read from {}, not a structure",
                    describe_value(other)
                ));
            }
        };
        if *kind == PathKind::InputOutput {
            let (node, structure) = match name {
                "input" => (PathNode::Input, &root.input),
                "output" => (PathNode::Output, &root.output),
                _ => return Err(format!("`{name}` is neither `input` nor `output`")),
            };
            let structure = structure
                .clone()
                .ok_or_else(|| format!("the operation has no {name}"))?;
            return Ok(one(node, PathKind::Model(Type::Named(structure)), false));
        }
        let structure = match kind {
            PathKind::Model(Type::Named(name)) => match self.types.get(name.as_str()) {
                Some(TypeDef::Struct(s)) => Some(s),
                _ => None,
            },
            _ => None,
        };
        let structure = structure
            .ok_or_else(|| format!("`{name}` is read from {}, not a structure", describe(kind)))?;
        let field = structure
            .fields
            .iter()
            .find(|f| f.member == name)
            .ok_or_else(|| format!("`{name}` is not a member of `{}`", structure.id))?;
        let optional = field.presence == Presence::Optional;
        Ok(one(
            PathNode::Field {
                of: Box::new(of.clone()),
                step: FieldStep {
                    member: name.to_owned(),
                    field: field.name.clone(),
                    optional,
                    boxed: field.boxed,
                },
            },
            self.kind_of(&field.ty),
            nullable || optional,
        ))
    }

    /// `path` as a projection: a list's elements (`a[*]`), the lists of a
    /// projection flattened (`a[]`), or a projection as it is.
    fn elements(&self, path: Path, flatten: bool) -> std::result::Result<Path, String> {
        let value = match &path.value {
            PathValue::One {
                kind: PathKind::Model(Type::List { element, .. }),
                ..
            } => {
                let elements = Path {
                    value: PathValue::Many(self.kind_of(element)),
                    node: PathNode::Elements(Box::new(path)),
                };
                return if flatten {
                    self.elements(elements, true)
                } else {
                    Ok(elements)
                };
            }
            PathValue::Many(PathKind::Model(Type::List { element, .. })) if flatten => {
                PathValue::Many(self.kind_of(element))
            }
            PathValue::Many(_) => return Ok(path),
            PathValue::Nested(kind) if flatten => PathValue::Many(kind.clone()),
            other => return Err(format!("{} is not a list", describe_value(other))),
        };
        Ok(Path {
            node: PathNode::Elements(Box::new(path)),
            value,
        })
    }

    /// `right` applied to each value of the projection `left`.
    fn project(&self, left: Path, right: &Ast, root: &Root) -> std::result::Result<Path, String> {
        if *right == Ast::Current {
            return Ok(left);
        }
        let PathValue::Many(kind) = &left.value else {
            return Err("a projection of a projection is not supported".to_owned());
        };
        let each = self.compile(&Path::current(kind), right, root)?;
        let value = match &each.value {
            PathValue::One { kind, .. } => PathValue::Many(kind.clone()),
            PathValue::Many(kind) => PathValue::Nested(kind.clone()),
            PathValue::Nested(_) => {
                return Err("a projection of a projection is not supported".to_owned());
            }
        };
        Ok(Path {
            node: PathNode::Project {
                of: Box::new(left),
                each: Box::new(each),
            },
            value,
        })
    }

    fn condition(&self, path: &Path) -> std::result::Result<(), String> {
        match &path.value {
            PathValue::One {
                kind:
                    PathKind::Model(Type::Bool | Type::String | Type::List { .. } | Type::Map { .. })
                    | PathKind::Bool
                    | PathKind::Str
                    | PathKind::Enum(_),
                ..
            }
            | PathValue::Many(_) => Ok(()),
            other => Err(format!(
                "a condition is {}, not a boolean, string, list or map",
                describe_value(other)
            )),
        }
    }

    /// Checks that the comparator applies to the path's value; a list the
    /// `all`/`any` comparators look into becomes a projection.
    fn compared(
        &self,
        path: Path,
        comparator: Comparator,
        expected: &str,
    ) -> std::result::Result<Path, String> {
        match comparator {
            Comparator::StringEquals => {
                if Self::scalar(&path, "the value")? != Class::Str {
                    return Err("`stringEquals` compares a string".to_owned());
                }
                Ok(path)
            }
            Comparator::BooleanEquals => {
                if Self::scalar(&path, "the value")? != Class::Bool {
                    return Err("`booleanEquals` compares a boolean".to_owned());
                }
                if !matches!(expected, "true" | "false") {
                    return Err(format!("`booleanEquals` expects `{expected}`"));
                }
                Ok(path)
            }
            Comparator::AllStringEquals | Comparator::AnyStringEquals => {
                let path = self.elements(path, false)?;
                match &path.value {
                    PathValue::Many(kind) if Self::class(kind) == Some(Class::Str) => Ok(path),
                    other => Err(format!(
                        "`allStringEquals` and `anyStringEquals` look into a list of strings, not {}",
                        describe_value(other)
                    )),
                }
            }
        }
    }
}

fn describe(kind: &PathKind) -> String {
    match kind {
        PathKind::Model(Type::Named(name)) | PathKind::Enum(name) => format!("`{name}`"),
        PathKind::Model(Type::List { .. }) => "a list".to_owned(),
        PathKind::Model(Type::Map { .. }) => "a map".to_owned(),
        PathKind::Model(Type::Timestamp(_)) => "a timestamp".to_owned(),
        PathKind::Model(Type::Blob) => "a blob".to_owned(),
        PathKind::Model(Type::Document) => "a document".to_owned(),
        PathKind::Model(Type::String) | PathKind::Str => "a string".to_owned(),
        PathKind::Model(Type::Bool) | PathKind::Bool => "a boolean".to_owned(),
        PathKind::Model(_) | PathKind::Number => "a number".to_owned(),
        PathKind::InputOutput => "the input and output".to_owned(),
    }
}

fn describe_value(value: &PathValue) -> String {
    match value {
        PathValue::One { kind, .. } => describe(kind),
        PathValue::Many(_) | PathValue::Nested(_) => "a projection".to_owned(),
    }
}
