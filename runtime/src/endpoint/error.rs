//! The two error types of the rules engine: one for loading data (rule sets,
//! partition tables, parameter documents) and one for resolving an endpoint.

use super::ParamType;

/// A rule set, partition table or parameter document could not be loaded.
///
/// `path` fields locate the offending value inside the JSON document, written like
/// `rules[2].conditions[0].argv[1]`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EndpointError {
    /// The text is not well-formed JSON.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
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
    #[error("{path}: {message}")]
    Invalid {
        /// Where the value is.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// The rule set declares a rules engine version this engine does not implement.
    #[error("unsupported rules engine version {version:?} (only 1.x is supported)")]
    UnsupportedVersion {
        /// The declared version.
        version: String,
    },
    /// A function object names a function this engine does not provide.
    #[error("{path}: unknown function `{name}`")]
    UnknownFunction {
        /// Where the function object is.
        path: String,
        /// The function name.
        name: String,
    },
    /// A function object has the wrong number of arguments.
    #[error("{path}: function `{name}` takes {expected} argument(s), got {found}")]
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
    #[error("{path}: reference to undefined name `{name}`")]
    UndefinedReference {
        /// Where the reference is.
        path: String,
        /// The undefined name.
        name: String,
    },
    /// A condition assigns a name that is already a parameter or a variable in scope.
    #[error("{path}: `{name}` is already defined in this scope")]
    Shadowing {
        /// Where the condition is.
        path: String,
        /// The name assigned twice.
        name: String,
    },
    /// A partition's `regionRegex` is not a valid regular expression.
    #[error("partition `{partition}`: invalid regionRegex: {message}")]
    Regex {
        /// The partition id.
        partition: String,
        /// What the regular expression compiler reported.
        message: String,
    },
}

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
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// An error rule matched; this is its message.
    #[error("{0}")]
    Rule(String),
    /// No rule matched (the rule list, or a tree rule's sub-rules, ran out).
    #[error("no endpoint rule matched the given parameters")]
    NoRuleMatched,
    /// A required parameter without a default was not given.
    #[error("missing required endpoint parameter `{0}`")]
    MissingParameter(String),
    /// A parameter was given that the rule set does not declare.
    #[error("unknown endpoint parameter `{0}`")]
    UnknownParameter(String),
    /// A parameter was given a value of another type than the rule set declares.
    #[error("endpoint parameter `{name}` is declared {expected}, but a {found} value was given")]
    ParameterType {
        /// The parameter name.
        name: String,
        /// The declared type.
        expected: ParamType,
        /// The type of the given value.
        found: ParamType,
    },
    /// A reference names neither a parameter nor a variable in scope.
    #[error("reference to undefined name `{0}`")]
    UndefinedReference(String),
    /// A function received an argument of the wrong type, or an unset value where it
    /// needs one.
    #[error("function `{function}`, argument {index}: expected {expected}, got {found}")]
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
    #[error("function `{function}`: {message}")]
    InvalidArgument {
        /// The function name.
        function: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A template placeholder, endpoint URL, header value or error message did not
    /// evaluate to a string.
    #[error("{context} must evaluate to a string, got {found}")]
    NotAString {
        /// What was being evaluated.
        context: &'static str,
        /// A description of the value received.
        found: String,
    },
}
