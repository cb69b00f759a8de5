//! Operations by name, with JSON in and out: the table that bindings generated
//! with `awsgen_codegen::Config::dispatch(true)` carry as `dispatch::OPERATIONS`,
//! for tools that do not know the operation at compile time (a generic command
//! line, replaying recorded calls, test harnesses).
//!
//! JSON here is wire-shaped: member names as on the wire, values as the
//! protocol writes them. [`Dispatch::build_request`] reads the input from it
//! and builds the request with the operation's generated builder;
//! [`Dispatch::parse_response`] parses a response with the generated parser
//! and writes the output (or the service's error) back as JSON.
//!
//! ```
//! use awsgen_runtime::dispatch::{Strictness, from_json};
//!
//! #[derive(Debug, serde::Deserialize)]
//! struct Input {
//!     #[serde(rename = "name")]
//!     _name: String,
//! }
//! let error = from_json::<Input>(&serde_json::json!({"name": "a", "nmae": "b"}), Strictness::Strict)
//!     .unwrap_err();
//! assert_eq!(error.to_string(), "invalid input at `nmae`: unknown member");
//! ```

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::aws_json::{self, MalformedResponse, Operation, RequestError, ResponseError};

/// How input JSON is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// As the protocol reads a message: unknown members are ignored and
    /// unknown enum values kept (a newer peer may send them).
    Lenient,
    /// As a request a person wrote should be read: an unknown member or an
    /// enum value the model does not list is an error at its path (it is
    /// almost surely a typo).
    Strict,
}

/// A request built from JSON, or why not.
type BuildRequest = fn(&Value, Strictness) -> Result<http::Request<Vec<u8>>, DispatchError>;

/// One operation of generated bindings, callable by name.
#[derive(Clone, Copy)]
pub struct Dispatch {
    name: &'static str,
    build_request: BuildRequest,
    parse_response: fn(&http::Response<Vec<u8>>) -> Result<Parsed, DispatchError>,
}

impl Dispatch {
    /// The entry of operation `O` (generated code builds the table with it).
    pub const fn of<O>() -> Self
    where
        O: Operation,
        O::Input: DeserializeOwned,
        O::Output: Serialize,
        O::Error: ErrorFields,
    {
        Dispatch {
            name: O::NAME,
            build_request: build_request::<O>,
            parse_response: parse_response::<O>,
        }
    }

    /// The operation's name on the wire (`UpdateDistribution`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Reads the operation's input from wire-shaped JSON and builds its request
    /// (no host yet: the caller sets the endpoint, signs and sends it).
    ///
    /// # Errors
    /// The JSON is not the input ([`DispatchError::Input`], with its path), or
    /// the builder refuses it ([`DispatchError::Request`]).
    pub fn build_request(
        &self,
        input: &Value,
        strictness: Strictness,
    ) -> Result<http::Request<Vec<u8>>, DispatchError> {
        (self.build_request)(input, strictness)
    }

    /// Parses a response of the operation into its output or the service's
    /// error, as wire-shaped JSON.
    ///
    /// # Errors
    /// The response cannot be understood ([`DispatchError::Malformed`]).
    pub fn parse_response(
        &self,
        response: &http::Response<Vec<u8>>,
    ) -> Result<Parsed, DispatchError> {
        (self.parse_response)(response)
    }
}

impl fmt::Debug for Dispatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Dispatch").field(&self.name).finish()
    }
}

/// The operation called `name` in `table` (sorted by name, as generated).
///
/// # Errors
/// No operation of the table has that name.
pub fn find<'a>(table: &'a [Dispatch], name: &str) -> Result<&'a Dispatch, DispatchError> {
    table
        .binary_search_by(|entry| entry.name.cmp(name))
        .map(|index| &table[index])
        .map_err(|_| DispatchError::UnknownOperation(name.to_owned()))
}

/// The errors of an operation as JSON; generated with the table.
pub trait ErrorFields {
    /// The modeled error structure as wire-shaped JSON; `None` for an error
    /// the operation does not model.
    ///
    /// # Errors
    /// The structure does not serialize.
    fn fields(&self) -> Result<Option<Value>, serde_json::Error>;
}

/// A response, parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// The operation's output.
    Output(Value),
    /// The error the service answered with.
    Error(Box<ParsedError>),
}

/// An error the service answered with.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedError {
    /// The error type (`NotFoundException`).
    pub error_type: String,
    /// The error code: the error type, or for query-compatible services the
    /// awsQuery code the service sent (`AWS.SimpleQueueService.NonExistentQueue`).
    pub code: String,
    /// The HTTP status.
    pub status: u16,
    /// The error's message, if any.
    pub message: Option<String>,
    /// The modeled error structure as wire-shaped JSON; `None` when the
    /// operation does not model this error.
    pub fields: Option<Value>,
    /// The `X-Amzn-RequestId` of the response, if any.
    pub request_id: Option<String>,
}

/// Why a dispatched call could not be built or parsed.
#[derive(Debug)]
#[non_exhaustive]
pub enum DispatchError {
    /// The bindings have no operation of that name.
    UnknownOperation(String),
    /// The input JSON does not fit the operation's input.
    Input(InputError),
    /// The request builder refused the input.
    Request(RequestError),
    /// The response could not be understood.
    Malformed(Box<MalformedResponse>),
    /// A parsed value does not serialize back to JSON.
    Json(serde_json::Error),
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DispatchError::UnknownOperation(name) => {
                write!(f, "the bindings have no operation `{name}`")
            }
            DispatchError::Input(e) => e.fmt(f),
            DispatchError::Request(e) => write!(f, "the request cannot be built: {e}"),
            DispatchError::Malformed(e) => e.fmt(f),
            DispatchError::Json(e) => write!(f, "a parsed value does not serialize: {e}"),
        }
    }
}

impl std::error::Error for DispatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DispatchError::UnknownOperation(_) => None,
            DispatchError::Input(e) => Some(e),
            DispatchError::Request(e) => Some(e),
            DispatchError::Malformed(e) => Some(e),
            DispatchError::Json(e) => Some(e),
        }
    }
}

/// JSON that does not fit the type it is read as, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The JSON path (`origin.regionName`, `cacheBehaviors[1].behavior`);
    /// `.` for the whole value.
    pub path: String,
    /// What is wrong there.
    pub problem: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid input at `{}`: {}", self.path, self.problem)
    }
}

impl std::error::Error for InputError {}

/// Reads `T` from wire-shaped JSON; strictly, an unknown member or enum value
/// is an error too. Problems carry their JSON path.
///
/// # Errors
/// The JSON does not fit `T`.
pub fn from_json<T: DeserializeOwned>(
    value: &Value,
    strictness: Strictness,
) -> Result<T, InputError> {
    let mut track = serde_path_to_error::Track::new();
    let problem = |track: serde_path_to_error::Track, e: serde_json::Error| InputError {
        path: json_path(&track.path().to_string()),
        problem: e.to_string(),
    };
    match strictness {
        Strictness::Lenient => {
            let deserializer = serde_path_to_error::Deserializer::new(value, &mut track);
            T::deserialize(deserializer).map_err(|e| problem(track, e))
        }
        Strictness::Strict => {
            let mut unknown = None;
            let read = crate::enum_value::strictly(|| {
                let deserializer = serde_path_to_error::Deserializer::new(value, &mut track);
                serde_ignored::deserialize(deserializer, |path| {
                    unknown.get_or_insert_with(|| path.to_string());
                })
            });
            let read = read.map_err(|e| problem(track, e))?;
            match unknown {
                Some(path) => Err(InputError {
                    path: json_path(&path),
                    problem: "unknown member".to_owned(),
                }),
                None => Ok(read),
            }
        }
    }
}

/// A path as serde_path_to_error (`origin.regionName`, `list[0].x`) or
/// serde_ignored (`origin.?.name` with `?` for an `Option`, `list.0.x`) write
/// it, as `origin.regionName` and `list[0].x`; `.` for the root.
fn json_path(path: &str) -> String {
    let mut out = String::new();
    for segment in path.split('.').filter(|s| *s != "?" && !s.is_empty()) {
        if segment.chars().all(|c| c.is_ascii_digit()) {
            out.push('[');
            out.push_str(segment);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(segment);
        }
    }
    if out.is_empty() { ".".to_owned() } else { out }
}

fn build_request<O>(
    input: &Value,
    strictness: Strictness,
) -> Result<http::Request<Vec<u8>>, DispatchError>
where
    O: Operation,
    O::Input: DeserializeOwned,
{
    let input: O::Input = from_json(input, strictness).map_err(DispatchError::Input)?;
    O::build_request(&input).map_err(DispatchError::Request)
}

fn parse_response<O>(response: &http::Response<Vec<u8>>) -> Result<Parsed, DispatchError>
where
    O: Operation,
    O::Output: Serialize,
    O::Error: ErrorFields,
{
    match O::parse(response) {
        Ok(output) => serde_json::to_value(&output)
            .map(Parsed::Output)
            .map_err(DispatchError::Json),
        Err(ResponseError::Malformed(malformed)) => Err(DispatchError::Malformed(malformed)),
        Err(ResponseError::Service(error)) => {
            use aws_json::OperationError as _;
            let fields = error.error.fields().map_err(DispatchError::Json)?;
            Ok(Parsed::Error(Box::new(ParsedError {
                error_type: error.error.error_type().to_owned(),
                code: error.code.clone(),
                status: error.status.as_u16(),
                message: error.error.message().map(str::to_owned),
                fields,
                request_id: error.request_id.clone(),
            })))
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_json_paths() {
        assert_eq!(json_path(""), ".");
        assert_eq!(json_path("origin.?.name"), "origin.name");
        assert_eq!(json_path("list.0.x"), "list[0].x");
        assert_eq!(json_path("list[0].x"), "list[0].x");
        assert_eq!(json_path("a.?.0.?.1"), "a[0][1]");
        assert_eq!(json_path("0.x"), "[0].x");
    }

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct Item {
        name: String,
        size: Option<i64>,
    }

    #[test]
    fn problems_carry_their_path() {
        let json = serde_json::json!([{"name": "a"}, {"name": "b", "size": "big"}]);
        for strictness in [Strictness::Lenient, Strictness::Strict] {
            let error = from_json::<Vec<Item>>(&json, strictness).unwrap_err();
            assert_eq!(error.path, "[1].size");
            assert!(error.problem.contains("expected i64"), "{error}");
        }
        let json = serde_json::json!({"size": 1});
        let error = from_json::<Item>(&json, Strictness::Lenient).unwrap_err();
        assert_eq!(
            (error.path.as_str(), error.problem.as_str()),
            (".", "missing field `name`")
        );
    }

    #[test]
    fn unknown_members_are_errors_only_strictly() {
        let json = serde_json::json!([{"name": "a", "sise": 1}]);
        let lenient = from_json::<Vec<Item>>(&json, Strictness::Lenient).unwrap();
        assert_eq!(
            lenient,
            [Item {
                name: "a".to_owned(),
                size: None
            }]
        );
        let error = from_json::<Vec<Item>>(&json, Strictness::Strict).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid input at `[0].sise`: unknown member"
        );
    }

    #[test]
    fn lookup_is_by_wire_name() {
        let error = find(&[], "Nope").unwrap_err();
        assert_eq!(error.to_string(), "the bindings have no operation `Nope`");
    }
}
