//! The bindings of every operation of a few services, each generated at build
//! time from its official model by a crate of `services/`, with a dispatch
//! layer that lets a test harness drive any operation by name with JSON.
//!
//! - [`SERVICES`]: the services, by the name botocore gives them;
//! - [`Target::build_request`]: operation name and input JSON -> the generated request;
//! - [`Target::parse_response`]: an HTTP response -> [`ParsedResponse`];
//! - [`Target::sign_like_a_client`]: host, absolute URI and SigV4, as a client sends it.
//!
//! `parity.py` feeds the `driver` binary cases and compares its answers with
//! what botocore produces for the same cases.

use std::time::{Duration, SystemTime};

use awsgen_runtime::auth::{Credentials, SigningError};
use awsgen_runtime::aws_json::Service;
use awsgen_runtime::dispatch::{self, Dispatch, DispatchError, Parsed, Strictness};
use serde_json::{Value, json};

/// The region every case is sent to.
pub const REGION: &str = "us-east-1";

/// One service under test: its generated description and dispatch table.
pub struct Target {
    /// The name botocore knows the service by (`lambda`).
    pub name: &'static str,
    /// The generated service description (signing name, endpoint prefix, protocol).
    pub service: &'static Service,
    /// The generated dispatch table.
    pub operations: &'static [Dispatch],
    /// The file of `shared/models` the bindings were generated from.
    pub model_file: &'static str,
}

/// The [`Target`] of a service crate of `services/`, by botocore's name.
macro_rules! target {
    ($name:literal, $krate:ident) => {
        Target {
            name: $name,
            service: &$krate::SERVICE,
            operations: $krate::dispatch::OPERATIONS,
            model_file: $krate::MODEL_FILE,
        }
    };
}

/// Every service of the suite.
pub static SERVICES: &[Target] = &[
    target!("lightsail", awsgen_botocore_lightsail),
    target!("lambda", awsgen_botocore_lambda),
    target!("apigateway", awsgen_botocore_apigateway),
    target!("eks", awsgen_botocore_eks),
    target!("efs", awsgen_botocore_efs),
];

/// The service botocore calls `name`.
///
/// # Errors
/// No such service in [`SERVICES`].
pub fn target(name: &str) -> Result<&'static Target, String> {
    SERVICES
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| format!("no service `{name}` in the suite"))
}

impl Target {
    /// The host a client in [`REGION`] sends requests to.
    pub fn host(&self) -> String {
        format!("{}.{REGION}.amazonaws.com", self.service.endpoint_prefix)
    }

    /// Wire names of every generated operation, sorted.
    pub fn operation_names(&self) -> Vec<&'static str> {
        self.operations.iter().map(Dispatch::name).collect()
    }

    /// Builds the request of operation `op` from its input as JSON text, read
    /// as the protocol reads it.
    ///
    /// # Errors
    /// Unknown operation, JSON that is not the input, or a failing builder.
    pub fn build_request(
        &self,
        op: &str,
        input_json: &str,
    ) -> Result<http::Request<Vec<u8>>, String> {
        let input: Value =
            serde_json::from_str(input_json).map_err(|e| format!("input is not JSON: {e}"))?;
        dispatch::find(self.operations, op)
            .and_then(|op| op.build_request(&input, Strictness::Lenient))
            .map_err(|e| e.to_string())
    }

    /// Parses `response` as an answer to operation `op`.
    pub fn parse_response(&self, op: &str, response: &http::Response<Vec<u8>>) -> ParsedResponse {
        match dispatch::find(self.operations, op).and_then(|op| op.parse_response(response)) {
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

    /// Does to a generated request what a client does before sending it: makes the
    /// URI absolute for [`Target::host`], adds the `host` header, and signs it with
    /// SigV4 for the service's signing name in [`REGION`] at `epoch_seconds`.
    ///
    /// # Errors
    /// The URI cannot be made absolute, or signing fails.
    pub fn sign_like_a_client(
        &self,
        request: &mut http::Request<Vec<u8>>,
        credentials: &Credentials,
        epoch_seconds: u64,
    ) -> Result<(), String> {
        let path = request
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        let host = self.host();
        *request.uri_mut() = format!("https://{host}{path}")
            .parse()
            .map_err(|e| format!("uri: {e}"))?;
        request.headers_mut().insert(
            http::header::HOST,
            host.parse().map_err(|e| format!("host: {e}"))?,
        );
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(epoch_seconds);
        awsgen_runtime::auth::sign(
            request,
            credentials,
            REGION,
            self.service.signing_name,
            time,
        )
        .map_err(|e: SigningError| format!("signing: {e}"))
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
