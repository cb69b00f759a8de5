//! Waiters: each one a runtime `Waiter` whose acceptors are a function
//! compiled from the model's matchers, and a `wait_until_*` client method.
//! Paths arrive typed (`ir::Path`); this module translates each node to the
//! Rust expression of the value shape resolve decided for it.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Gate, doc_attrs, ident};
use crate::docs::paragraph;
use crate::ir::{
    Comparator, Comparison, Crate, FieldStep, Matcher, Operation, Path, PathKind, PathNode,
    PathValue, Type, WaitState, Waiter,
};

/// Whether the crate has any waiter (and so a `waiters` module).
pub fn has_waiters(krate: &Crate) -> bool {
    krate.operations.iter().any(|op| !op.waiters.is_empty())
}

/// Emits the items of the `waiters` module:
///
/// ```text
/// pub const TABLE_EXISTS: Waiter<DescribeTable> = Waiter { name: "TableExists", .., acceptors: table_exists };
/// fn table_exists(input: &DescribeTableInput, attempt: &Attempt<DescribeTable>) -> Option<(usize, Acceptor)>;
/// ```
pub fn emit_waiters(krate: &Crate, client: &Gate) -> TokenStream {
    let cfg = match client {
        Gate::Feature(feature) => Some(quote!(#[cfg(feature = #feature)])),
        Gate::Always | Gate::Never => None,
    };
    let cfg = cfg.as_ref();
    let items = krate.operations.iter().flat_map(|op| {
        op.waiters
            .iter()
            .map(move |waiter| emit_waiter(op, waiter, cfg))
    });
    quote!(#(#items)*)
}

fn operation_path(op: &Operation) -> TokenStream {
    let module = ident(&op.module);
    let marker = ident(&op.name);
    quote!(crate::operation::#module::#marker)
}

fn emit_waiter(op: &Operation, waiter: &Waiter, cfg: Option<&TokenStream>) -> TokenStream {
    let operation = operation_path(op);
    let input_type = match &op.input {
        Some(input) => {
            let input = ident(input);
            quote!(crate::types::#input)
        }
        None => quote!(::awsgen_runtime::aws_json::Empty),
    };
    let constant = ident(&waiter.constant);
    let function = ident(&waiter.function);
    let name = &waiter.name;
    let (min, max) = (waiter.min_delay, waiter.max_delay);
    let mut uses_input = false;
    let mut uses_output = false;
    let mut uses_error = false;
    let checks = waiter.acceptors.iter().enumerate().map(|(index, acceptor)| {
        let state = match acceptor.state {
            WaitState::Success => quote!(Success),
            WaitState::Failure => quote!(Failure),
            WaitState::Retry => quote!(Retry),
        };
        let condition = match &acceptor.matcher {
            Matcher::Success(true) => quote!(attempt.is_ok()),
            Matcher::Success(false) => quote!(attempt.is_err()),
            Matcher::ErrorType(code) => {
                uses_error = true;
                quote!(error == ::std::option::Option::Some(#code))
            }
            Matcher::Path {
                path,
                comparator,
                expected,
            } => {
                uses_output = true;
                uses_input |= mentions(path, &PathNode::Input);
                let matched = compared(path, *comparator, expected);
                if mentions(path, &PathNode::Output) {
                    quote!(output.is_some_and(|output| #matched))
                } else {
                    quote!(output.is_some() && #matched)
                }
            }
        };
        quote! {
            if #condition {
                return ::std::option::Option::Some((#index, ::awsgen_runtime::client::Acceptor::#state));
            }
        }
    });
    let checks: Vec<TokenStream> = checks.collect();
    let input_param = if uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    let output = uses_output
        .then(|| quote!(let output = ::awsgen_runtime::client::attempt_output(attempt);));
    let error = uses_error
        .then(|| quote!(let error = ::awsgen_runtime::client::attempt_error_type(attempt);));
    let const_doc = doc_attrs(&[format!(
        "The `{name}` waiter of `{}`: see `Client::{}`.",
        op.wire_name, waiter.method
    )]);
    let function_doc = doc_attrs(&[format!(
        "The first of `{name}`'s acceptors that matches `attempt`, and its state."
    )]);
    quote! {
        #const_doc
        #cfg
        pub const #constant: ::awsgen_runtime::client::Waiter<#operation> = ::awsgen_runtime::client::Waiter {
            name: #name,
            min_delay: ::std::time::Duration::from_secs(#min),
            max_delay: ::std::time::Duration::from_secs(#max),
            acceptors: #function,
        };

        #function_doc
        #cfg
        fn #function(
            #input_param: &#input_type,
            attempt: &::awsgen_runtime::client::Attempt<#operation>,
        ) -> ::std::option::Option<(usize, ::awsgen_runtime::client::Acceptor)> {
            #output
            #error
            #(#checks)*
            ::std::option::Option::None
        }
    }
}

/// The client's `wait_until_*` methods of `op`.
pub fn waiter_methods(op: &Operation) -> TokenStream {
    let operation = operation_path(op);
    let (param, input) = match &op.input {
        Some(input) => {
            let input = ident(input);
            (quote!(input: crate::types::#input,), quote!(&input))
        }
        None => (quote!(), quote!(&::awsgen_runtime::aws_json::Empty {})),
    };
    let methods = op.waiters.iter().map(|waiter| {
        let method = ident(&waiter.method);
        let constant = ident(&waiter.constant);
        let mut docs = waiter.docs.clone();
        if !docs.is_empty() {
            docs.push(String::new());
        }
        docs.extend(paragraph(&format!(
            "The `{}` waiter: calls [`{call}`](Self::{call}) until the first of these \
             that matches a call's result decides:",
            waiter.name,
            call = op.method,
        )));
        docs.push(String::new());
        for acceptor in &waiter.acceptors {
            let state = match acceptor.state {
                WaitState::Success => "success, returned",
                WaitState::Failure => "failure, returned as an error",
                WaitState::Retry => "retry",
            };
            docs.push(format!("- {state} when {};", acceptor.description));
        }
        docs.push("- otherwise an error stops the waiter and an output is retried.".to_owned());
        docs.push(String::new());
        docs.extend(paragraph(&format!(
            "Calls are {} to {} seconds apart, growing exponentially with jitter, for at most \
             `max_wait` in all.",
            waiter.min_delay, waiter.max_delay
        )));
        docs.push(String::new());
        docs.push("# Errors".to_owned());
        docs.extend(paragraph(
            "[`WaitError::Failed`](::awsgen_runtime::client::WaitError::Failed) when a failure \
             acceptor matches or the call fails otherwise, \
             [`WaitError::TimedOut`](::awsgen_runtime::client::WaitError::TimedOut) when \
             `max_wait` runs out; each keeps the last call's result.",
        ));
        let docs = doc_attrs(&docs);
        let deprecated = waiter.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #docs
            #deprecated
            pub async fn #method(
                &self,
                #param
                max_wait: ::std::time::Duration,
            ) -> ::std::result::Result<
                ::awsgen_runtime::client::Waited<#operation>,
                ::awsgen_runtime::client::WaitError<#operation>,
            > {
                self.inner.wait(#input, &crate::waiters::#constant, max_wait).await
            }
        }
    });
    quote!(#(#methods)*)
}

/// Whether `node` occurs in `path`.
fn mentions(path: &Path, node: &PathNode) -> bool {
    if path.node == *node {
        return true;
    }
    match &path.node {
        PathNode::Field { of, .. }
        | PathNode::Elements(of)
        | PathNode::Length(of)
        | PathNode::Not(of) => mentions(of, node),
        PathNode::Project { of, each: other }
        | PathNode::Filter {
            of,
            condition: other,
        }
        | PathNode::Contains(of, other)
        | PathNode::Compare(_, of, other)
        | PathNode::And(of, other)
        | PathNode::Or(of, other) => mentions(of, node) || mentions(other, node),
        PathNode::List(items) => items.iter().any(|item| mentions(item, node)),
        PathNode::Input
        | PathNode::Output
        | PathNode::Current
        | PathNode::Str(_)
        | PathNode::Number(_)
        | PathNode::Bool(_) => false,
    }
}

/// The matcher's test of the path's value.
fn compared(path: &Path, comparator: Comparator, expected: &str) -> TokenStream {
    match comparator {
        Comparator::StringEquals => {
            let (value, nullable) = scalar(path);
            if nullable {
                quote!(#value == ::std::option::Option::Some(#expected))
            } else {
                quote!(#value == #expected)
            }
        }
        Comparator::BooleanEquals => {
            let expected = expected == "true";
            if let PathNode::Not(of) = &path.node {
                let test = truthy(of);
                return if expected { quote!(!(#test)) } else { test };
            }
            let (value, nullable) = scalar(path);
            match (nullable, expected) {
                (true, _) => quote!(#value == ::std::option::Option::Some(#expected)),
                (false, true) => value,
                (false, false) => quote!(!#value),
            }
        }
        Comparator::AllStringEquals | Comparator::AnyStringEquals => {
            let values = value(path);
            let PathValue::Many(kind) = &path.value else {
                return quote!(false);
            };
            let (element, _) = scalar(&Path::current(kind));
            if comparator == Comparator::AnyStringEquals {
                quote!(#values.any(|x| #element == #expected))
            } else {
                quote! {{
                    let mut values = #values.peekable();
                    values.peek().is_some() && values.all(|x| #element == #expected)
                }}
            }
        }
    }
}

/// A place of type `T` for a value that is never null (`x.a.b`), and
/// whether the place is a reference (`output`, `x`) rather than a field.
fn place(path: &Path) -> Option<(TokenStream, bool)> {
    match &path.node {
        PathNode::Input => Some((quote!(input), true)),
        PathNode::Output => Some((quote!(output), true)),
        PathNode::Current => Some((quote!(x), true)),
        PathNode::Field { of, step } if !step.optional && !of.nullable() => {
            let (of, _) = place(of)?;
            let field = ident(&step.field);
            if step.boxed {
                Some((quote!(#of.#field), true))
            } else {
                Some((quote!(#of.#field), false))
            }
        }
        _ => None,
    }
}

/// The place of a value that is never null, usable as a method receiver.
fn receiver(path: &Path) -> TokenStream {
    match place(path) {
        Some((place, _)) => place,
        None => {
            let value = value(path);
            quote!((#value))
        }
    }
}

/// The expression of `path`, in the representation its [`PathValue`] says.
fn value(path: &Path) -> TokenStream {
    match &path.node {
        PathNode::Input => quote!(input),
        PathNode::Output => quote!(output),
        PathNode::Current => quote!(x),
        PathNode::Field { of, step } => field(of, step, false),
        PathNode::Elements(of) => elements(of),
        PathNode::Project { of, each } => {
            let of = value(of);
            let body = value(each);
            if each.nullable() {
                quote!(#of.filter_map(|x| #body))
            } else {
                quote!(#of.map(|x| #body))
            }
        }
        PathNode::Filter { of, condition } => {
            let of = value(of);
            let keep = truthy(condition);
            quote!(#of.filter(|&x| #keep))
        }
        PathNode::List(items) => {
            if items.iter().any(Path::nullable) {
                let items = items.iter().map(|item| {
                    let value = value(item);
                    if item.nullable() {
                        value
                    } else {
                        quote!(::std::option::Option::Some(#value))
                    }
                });
                quote!([#(#items),*].into_iter().flatten())
            } else {
                let items = items.iter().map(value);
                quote!([#(#items),*].into_iter())
            }
        }
        PathNode::Length(of) => {
            let length = |kind: &PathKind| match kind {
                PathKind::Model(Type::String) | PathKind::Str => quote!(chars().count()),
                _ => quote!(len()),
            };
            match &of.value {
                PathValue::One {
                    kind,
                    nullable: true,
                } => {
                    let of = value(of);
                    let length = length(kind);
                    quote!(#of.map(|x| x.#length as f64))
                }
                PathValue::One { kind, .. } => {
                    let of = receiver(of);
                    let length = length(kind);
                    quote!(#of.#length as f64)
                }
                PathValue::Many(_) | PathValue::Nested(_) => {
                    let of = value(of);
                    quote!(#of.count() as f64)
                }
            }
        }
        PathNode::Contains(collection, wanted) => {
            let PathValue::Many(kind) = &collection.value else {
                return quote!(false);
            };
            let collection = value(collection);
            let test = equality(&Path::current(kind), wanted, false);
            quote!(#collection.any(|x| #test))
        }
        PathNode::Compare(op, left, right) => match op {
            Comparison::Eq => equality(left, right, false),
            Comparison::Ne => equality(left, right, true),
            _ => {
                let operator = match op {
                    Comparison::Lt => quote!(<),
                    Comparison::Le => quote!(<=),
                    Comparison::Gt => quote!(>),
                    _ => quote!(>=),
                };
                match (operand(left), operand(right)) {
                    ((l, true), (r, true)) => quote!(#l.zip(#r).map(|(l, r)| l #operator r)),
                    ((l, true), (r, false)) => quote!(#l.map(|l| l #operator #r)),
                    ((l, false), (r, true)) => quote!(#r.map(|r| #l #operator r)),
                    ((l, false), (r, false)) => quote!(#l #operator #r),
                }
            }
        },
        PathNode::And(left, right) | PathNode::Or(left, right) => {
            let and = matches!(path.node, PathNode::And(..));
            if path.nullable() {
                let (l, r) = (optional_scalar(left), optional_scalar(right));
                if and && !right.nullable() {
                    let (r, _) = scalar(right);
                    quote!(#l.map(|l| l && #r))
                } else if and {
                    quote!(#l.and_then(|l| if l { #r } else { ::std::option::Option::Some(false) }))
                } else {
                    quote!(#l.filter(|l| *l).or_else(|| #r))
                }
            } else {
                let ((l, _), (r, _)) = (scalar(left), scalar(right));
                if and {
                    quote!(#l && #r)
                } else {
                    quote!(#l || #r)
                }
            }
        }
        PathNode::Not(of) => {
            let test = truthy(of);
            quote!(!(#test))
        }
        PathNode::Str(text) => quote!(#text),
        PathNode::Number(n) => quote!(#n),
        PathNode::Bool(b) => quote!(#b),
    }
}

/// The member `step` of `of`: `Option<&T>` when optional (or when `of` may
/// be null), `&T` otherwise; a string member as `&str` when `as_str`.
fn field(of: &Path, step: &FieldStep, as_str: bool) -> TokenStream {
    let name = ident(&step.field);
    let access = |x: TokenStream| match (step.optional, as_str || step.boxed) {
        (true, true) => quote!(#x.#name.as_deref()),
        (true, false) => quote!(#x.#name.as_ref()),
        (false, _) if as_str => quote!(#x.#name.as_str()),
        (false, true) => quote!(&*#x.#name),
        (false, false) => quote!(&#x.#name),
    };
    if of.nullable() {
        let of = value(of);
        let access = access(quote!(x));
        if step.optional {
            quote!(#of.and_then(|x| #access))
        } else {
            quote!(#of.map(|x| #access))
        }
    } else {
        access(receiver(of))
    }
}

/// A projection of the elements of `of`: a list's, a map's values, or the
/// lists of a projection flattened.
fn elements(of: &Path) -> TokenStream {
    let (kind, nullable) = match &of.value {
        PathValue::One { kind, nullable } => (kind, *nullable),
        PathValue::Many(kind) => (kind, true),
        PathValue::Nested(_) => {
            // A nested projection only comes from a projection whose each is one.
            if let PathNode::Project { of, each } = &of.node {
                let (of, each) = (value(of), value(each));
                return quote!(#of.flat_map(|x| #each));
            }
            let of = value(of);
            return quote!(#of.flatten());
        }
    };
    let (sparse, map) = match kind {
        PathKind::Model(Type::List { sparse, .. }) => (*sparse, false),
        PathKind::Model(Type::Map { sparse, .. }) => (*sparse, true),
        _ => (false, false),
    };
    let sparse = sparse.then(|| quote!(.flatten()));
    let iterate = match (nullable, map) {
        (false, false) => {
            let of = receiver(of);
            quote!(#of.iter())
        }
        (false, true) => {
            let of = receiver(of);
            quote!(#of.values())
        }
        (true, false) => {
            let of = value(of);
            quote!(#of.into_iter().flatten())
        }
        (true, true) => {
            let of = value(of);
            quote!(#of.into_iter().flat_map(|x| x.values()))
        }
    };
    quote!(#iterate #sparse)
}

/// A single value as a string (`&str`), number (`f64`) or boolean, and
/// whether it is an `Option` of one.
fn scalar(path: &Path) -> (TokenStream, bool) {
    let PathValue::One { kind, nullable } = &path.value else {
        return (value(path), false);
    };
    let convert = |x: TokenStream, is_ref: bool| -> TokenStream {
        let copied = if is_ref { quote!(*#x) } else { x.clone() };
        match kind {
            PathKind::Model(Type::String) | PathKind::Enum(_) => quote!(#x.as_str()),
            PathKind::Model(Type::Long) => quote!(#copied as f64),
            PathKind::Model(Type::Double | Type::Bool) => copied,
            PathKind::Model(_) => quote!(f64::from(#copied)),
            _ => x,
        }
    };
    let computed = matches!(kind, PathKind::Number | PathKind::Bool | PathKind::Str);
    if computed {
        return (value(path), *nullable);
    }
    if *nullable {
        if let (PathKind::Model(Type::String), PathNode::Field { of, step }) = (kind, &path.node) {
            return (field(of, step, true), true);
        }
        let of = value(path);
        if matches!(kind, PathKind::Model(Type::Double | Type::Bool)) {
            return (quote!(#of.copied()), true);
        }
        let conversion = convert(quote!(x), true);
        (quote!(#of.map(|x| #conversion)), true)
    } else {
        match place(path) {
            Some((place, is_ref)) => (convert(place, is_ref), false),
            None => (convert(value(path), true), false),
        }
    }
}

/// [`scalar`], parenthesized when it is a cast (`(x.len() as f64) < y`
/// would otherwise read as generics).
fn operand(path: &Path) -> (TokenStream, bool) {
    match (scalar(path), &path.node) {
        ((value, false), PathNode::Length(_)) => (quote!((#value)), false),
        (scalar, _) => scalar,
    }
}

/// A single value as an `Option` of a string, number or boolean.
fn optional_scalar(path: &Path) -> TokenStream {
    match scalar(path) {
        (value, true) => value,
        (value, false) => quote!(::std::option::Option::Some(#value)),
    }
}

/// `left == right` (or `!=`), null equal to null; a boolean literal side
/// becomes the other side or its negation.
fn equality(left: &Path, right: &Path, negate: bool) -> TokenStream {
    let literal = |path: &Path| match path.node {
        PathNode::Bool(b) => Some(b),
        _ => None,
    };
    let (l, l_nullable) = scalar(left);
    let (r, r_nullable) = scalar(right);
    let boolean = match (literal(left), literal(right)) {
        (_, Some(b)) if !l_nullable => Some((l.clone(), b)),
        (Some(b), _) if !r_nullable => Some((r.clone(), b)),
        _ => None,
    };
    if let Some((value, b)) = boolean {
        return if b != negate { value } else { quote!(!#value) };
    }
    let (l, r) = match (l_nullable, r_nullable) {
        (true, false) => (l, quote!(::std::option::Option::Some(#r))),
        (false, true) => (quote!(::std::option::Option::Some(#l)), r),
        _ => (l, r),
    };
    if negate {
        quote!(#l != #r)
    } else {
        quote!(#l == #r)
    }
}

/// Whether a value is true as JMESPath sees it: not null, false, or empty.
fn truthy(path: &Path) -> TokenStream {
    match &path.value {
        PathValue::Many(_) | PathValue::Nested(_) => {
            let of = value(path);
            quote!(#of.next().is_some())
        }
        PathValue::One { kind, nullable } => match kind {
            PathKind::Model(Type::Bool) | PathKind::Bool => match scalar(path) {
                (value, true) => quote!(#value == ::std::option::Option::Some(true)),
                (value, false) => value,
            },
            PathKind::Model(Type::String) | PathKind::Enum(_) | PathKind::Str => match scalar(path)
            {
                (value, true) => quote!(#value.is_some_and(|x| !x.is_empty())),
                (value, false) => quote!(!#value.is_empty()),
            },
            _ if *nullable => {
                let of = value(path);
                quote!(#of.is_some_and(|x| !x.is_empty()))
            }
            _ => {
                let of = receiver(path);
                quote!(!#of.is_empty())
            }
        },
    }
}
