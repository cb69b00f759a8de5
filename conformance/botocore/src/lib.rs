//! The bindings of all Lightsail operations, generated at build time from the
//! official model (`shared/models/lightsail-2016-11-28.json`), with a dispatch
//! layer that lets a test harness drive any operation by name with JSON.
//!
//! - [`types`] and [`operation`]: the generated bindings;
//! - [`dispatch::build_request`]: input JSON -> the generated request;
//! - [`dispatch::parse_response`]: an HTTP response -> [`ParsedResponse`];
//! - [`sign_like_a_client`]: host, absolute URI and SigV4, as a client sends it.
//!
//! `parity.py` feeds the `driver` binary cases and compares its answers with
//! what botocore produces for the same cases.

include!(concat!(env!("OUT_DIR"), "/lightsail.rs"));

/// Name-based dispatch over the generated operations (written by `build.rs`).
pub mod dispatch {
    include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));
}

use std::time::{Duration, SystemTime};

use awsgen_runtime::auth::{Credentials, SigningError};
use awsgen_runtime::aws_json::UnhandledError;
use serde_json::{Value, json};

/// The host a client in `us-east-1` sends Lightsail requests to.
pub const HOST: &str = "lightsail.us-east-1.amazonaws.com";

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
    /// The output `value` serialized back to JSON.
    pub fn output<T: serde::Serialize>(value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(v) => ParsedResponse::Output(v),
            Err(e) => ParsedResponse::Malformed(format!("output does not serialize: {e}")),
        }
    }

    /// A modeled error of type `code`; `message_member` names its message member.
    pub fn modeled<T: serde::Serialize>(
        code: &str,
        status: u16,
        error: &T,
        message_member: Option<&str>,
    ) -> Self {
        match serde_json::to_value(error) {
            Ok(fields) => ParsedResponse::Error {
                code: code.to_owned(),
                status,
                modeled: true,
                message: message_member
                    .and_then(|m| fields.get(m))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                fields: Some(fields),
            },
            Err(e) => ParsedResponse::Malformed(format!("error does not serialize: {e}")),
        }
    }

    /// An error the operation does not model.
    pub fn unhandled(status: u16, error: &UnhandledError) -> Self {
        ParsedResponse::Error {
            code: error.code().to_owned(),
            status,
            modeled: false,
            message: error.message().map(str::to_owned),
            fields: None,
        }
    }

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
