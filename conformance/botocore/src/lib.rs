//! The bindings of all Lightsail operations, generated at build time from the
//! official model (`shared/models/lightsail-2016-11-28.json`), with a dispatch
//! layer that lets a test harness drive any operation by name with JSON.
//!
//! - [`types`] and [`operation`]: the generated bindings, with their
//!   [`dispatch`] table;
//! - [`build_request`]: operation name and input JSON -> the generated request;
//! - [`parse_response`]: an HTTP response -> [`ParsedResponse`];
//! - [`sign_like_a_client`]: host, absolute URI and SigV4, as a client sends it.
//!
//! `parity.py` feeds the `driver` binary cases and compares its answers with
//! what botocore produces for the same cases.

include!(concat!(env!("OUT_DIR"), "/lightsail.rs"));

use std::time::{Duration, SystemTime};

use awsgen_runtime::auth::{Credentials, SigningError};
use awsgen_runtime::dispatch::{DispatchError, Parsed, Strictness};
use serde_json::{Value, json};

/// The host a client in `us-east-1` sends Lightsail requests to.
pub const HOST: &str = "lightsail.us-east-1.amazonaws.com";

/// Wire names of every generated operation, sorted.
pub fn operations() -> Vec<&'static str> {
    dispatch::OPERATIONS.iter().map(|op| op.name()).collect()
}

/// Builds the request of operation `op` from its input as JSON text, read
/// as the protocol reads it.
///
/// # Errors
/// Unknown operation, JSON that is not the input, or a failing builder.
pub fn build_request(op: &str, input_json: &str) -> Result<http::Request<Vec<u8>>, String> {
    let input: Value =
        serde_json::from_str(input_json).map_err(|e| format!("input is not JSON: {e}"))?;
    dispatch::operation(op)
        .and_then(|op| op.build_request(&input, Strictness::Lenient))
        .map_err(|e| e.to_string())
}

/// Parses `response` as an answer to operation `op`.
pub fn parse_response(op: &str, response: &http::Response<Vec<u8>>) -> ParsedResponse {
    match dispatch::operation(op).and_then(|op| op.parse_response(response)) {
        Ok(Parsed::Output(output)) => ParsedResponse::Output(output),
        Ok(Parsed::Error(error)) => ParsedResponse::Error {
            code: error.error_type,
            status: error.status,
            modeled: error.fields.is_some(),
            message: error.message,
            fields: error.fields,
        },
        Err(DispatchError::Malformed(malformed)) => ParsedResponse::Malformed(malformed.reason),
        Err(other) => ParsedResponse::Malformed(other.to_string()),
    }
}

/// What parsing a response produced, in a form that serializes to JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum ParsedResponse {
    /// The operation output, serialized back to JSON with the wire names.
    Output(Value),
    /// An error the service reported.
    Error {
        /// The error type (`NotFoundException`).
        code: String,
        /// The HTTP status.
        status: u16,
        /// Whether the operation models this error.
        modeled: bool,
        /// The error message, if any.
        message: Option<String>,
        /// The modeled error structure serialized back to JSON (`None` if unmodeled).
        fields: Option<Value>,
    },
    /// The response could not be understood.
    Malformed(String),
}

impl ParsedResponse {
    /// `{"output": ..}`, `{"error": {"code", "status", "modeled", "message", "fields"}}`
    /// or `{"malformed": reason}`.
    pub fn to_json(&self) -> Value {
        match self {
            ParsedResponse::Output(v) => json!({ "output": v }),
            ParsedResponse::Error {
                code,
                status,
                modeled,
                message,
                fields,
            } => json!({ "error": {
                "code": code,
                "status": status,
                "modeled": modeled,
                "message": message,
                "fields": fields,
            }}),
            ParsedResponse::Malformed(reason) => json!({ "malformed": reason }),
        }
    }
}

/// Does to a generated request what a client does before sending it: makes the
/// URI absolute for [`HOST`], adds the `host` header, and signs it with SigV4
/// for `lightsail` in `us-east-1` at `epoch_seconds`.
///
/// # Errors
/// The URI cannot be made absolute, or signing fails.
pub fn sign_like_a_client(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    epoch_seconds: u64,
) -> Result<(), String> {
    let path = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    *request.uri_mut() = format!("https://{HOST}{path}")
        .parse()
        .map_err(|e| format!("uri: {e}"))?;
    request
        .headers_mut()
        .insert(http::header::HOST, http::HeaderValue::from_static(HOST));
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(epoch_seconds);
    awsgen_runtime::auth::sign(request, credentials, "us-east-1", "lightsail", time)
        .map_err(|e: SigningError| format!("signing: {e}"))
}

/// Builds an [`http::Response`] from its parts.
///
/// # Errors
/// An invalid status, header name or header value.
pub fn response(
    status: u16,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<http::Response<Vec<u8>>, String> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    builder.body(body).map_err(|e| format!("response: {e}"))
}
