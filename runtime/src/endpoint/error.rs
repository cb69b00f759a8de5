//! The two error types of the rules engine: one for loading data (rule sets,
//! partition tables, parameter documents) and one for resolving an endpoint.

use super::ParamType;

/// A rule set, partition table or parameter document could not be loaded.
///
/// `path` fields locate the offending value inside the JSON document, written like
/// `rules[2].conditions[0].argv[1]`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointError {
    /// The text is not well-formed JSON.
    Json {
        /// What the JSON parser reported.
        message: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// A value has the wrong shape: a missing member, a wrong JSON type, a malformed
    /// template or attribute path, a default that does not match its parameter type.
    Invalid {
        /// Where the value is.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// The rule set declares a rules engine version this engine does not implement.
    UnsupportedVersion {
        /// The declared version.
        version: String,
    },
    /// A function object names a function this engine does not provide.
    UnknownFunction {
        /// Where the function object is.
        path: String,
        /// The function name.
        name: String,
    },
    /// A function object has the wrong number of arguments.
    Arity {
        /// Where the function object is.
        path: String,
        /// The function name.
        name: String,
        /// How many arguments the function takes (`"2"`, `"at least 2"`).
        expected: String,
        /// How many arguments were given.
        found: usize,
    },
    /// A reference or template names neither a parameter nor a variable assigned by
    /// an enclosing condition.
    UndefinedReference {
        /// Where the reference is.
        path: String,
        /// The undefined name.
        name: String,
    },
    /// A condition assigns a name that is already a parameter or a variable in scope.
    Shadowing {
        /// Where the condition is.
        path: String,
        /// The name assigned twice.
        name: String,
    },
    /// A partition's `regionRegex` is not a valid regular expression.
    Regex {
        /// The partition id.
        partition: String,
        /// What the regular expression compiler reported.
        message: String,
    },
}

impl std::fmt::Display for EndpointError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Json {
                message,
                line,
                column,
            } => write!(f, "invalid JSON at line {line}, column {column}: {message}"),
            Self::Invalid { path, message } => write!(f, "{path}: {message}"),
            Self::UnsupportedVersion { version } => write!(
                f,
                "unsupported rules engine version {version:?} (only 1.x is supported)"
            ),
            Self::UnknownFunction { path, name } => write!(f, "{path}: unknown function `{name}`"),
            Self::Arity {
                path,
                name,
                expected,
                found,
            } => write!(
                f,
                "{path}: function `{name}` takes {expected} argument(s), got {found}"
            ),
            Self::UndefinedReference { path, name } => {
                write!(f, "{path}: reference to undefined name `{name}`")
            }
            Self::Shadowing { path, name } => {
                write!(f, "{path}: `{name}` is already defined in this scope")
            }
            Self::Regex { partition, message } => {
                write!(f, "partition `{partition}`: invalid regionRegex: {message}")
            }
        }
    }
}

impl std::error::Error for EndpointError {}

impl EndpointError {
    pub(crate) fn invalid(path: impl ToString, message: impl Into<String>) -> Self {
        EndpointError::Invalid {
            path: path.to_string(),
            message: message.into(),
        }
    }
}

impl From<serde_json::Error> for EndpointError {
    fn from(err: serde_json::Error) -> Self {
        EndpointError::Json {
            message: err.to_string(),
            line: err.line(),
            column: err.column(),
        }
    }
}

/// Endpoint resolution failed.
///
/// [`ResolveError::Rule`] is the normal outcome of an error rule in the rule set: its
/// `Display` is exactly the message the rule set wrote. The other variants report
/// parameters that do not fit the rule set, or a rule set that is inconsistent at
/// run time (for example a function applied to a value of the wrong type).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveError {
    /// An error rule matched; this is its message.
    Rule(String),
    /// No rule matched (the rule list, or a tree rule's sub-rules, ran out).
    NoRuleMatched,
    /// A required parameter without a default was not given.
    MissingParameter(String),
    /// A parameter was given that the rule set does not declare.
    UnknownParameter(String),
    /// A parameter was given a value of another type than the rule set declares.
    ParameterType {
        /// The parameter name.
        name: String,
        /// The declared type.
        expected: ParamType,
        /// The type of the given value.
        found: ParamType,
    },
    /// A reference names neither a parameter nor a variable in scope.
    UndefinedReference(String),
    /// A function received an argument of the wrong type, or an unset value where it
    /// needs one.
    ArgumentType {
        /// The function name.
        function: &'static str,
        /// 0-based argument position.
        index: usize,
        /// The expected type.
        expected: &'static str,
        /// A description of the value received.
        found: String,
    },
    /// A function received an argument of the right type but an unusable value (an
    /// empty `split` delimiter, a negative limit).
    InvalidArgument {
        /// The function name.
        function: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A template placeholder, endpoint URL, header value or error message did not
    /// evaluate to a string.
    NotAString {
        /// What was being evaluated.
        context: &'static str,
        /// A description of the value received.
        found: String,
    },
}

impl std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Rule(inner) => std::fmt::Display::fmt(inner, f),
            Self::NoRuleMatched => f.write_str("no endpoint rule matched the given parameters"),
            Self::MissingParameter(inner) => {
                write!(f, "missing required endpoint parameter `{inner}`")
            }
            Self::UnknownParameter(inner) => write!(f, "unknown endpoint parameter `{inner}`"),
            Self::ParameterType {
                name,
                expected,
                found,
            } => write!(
                f,
                "endpoint parameter `{name}` is declared {expected}, but a {found} value was given"
            ),
            Self::UndefinedReference(inner) => write!(f, "reference to undefined name `{inner}`"),
            Self::ArgumentType {
                function,
                index,
                expected,
                found,
            } => write!(
                f,
                "function `{function}`, argument {index}: expected {expected}, got {found}"
            ),
            Self::InvalidArgument { function, message } => {
                write!(f, "function `{function}`: {message}")
            }
            Self::NotAString { context, found } => {
                write!(f, "{context} must evaluate to a string, got {found}")
            }
        }
    }
}

impl std::error::Error for ResolveError {}
