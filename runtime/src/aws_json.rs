//! The awsJson1_0 / awsJson1_1 protocols, without any I/O.
//!
//! [`request`] turns an operation input into an [`http::Request`] and
//! [`parse_response`] turns an [`http::Response`] into the operation output or a
//! typed error. Sending the request (host, signing, transport) is left to the caller.
//!
//! Every request is a `POST /` whose JSON body is the serialized input and whose
//! `X-Amz-Target` header names the operation as `{service shape name}.{operation}`.
//! A 2xx response carries the output as JSON; any other status carries an error,
//! identified by the `X-Amzn-Errortype` header or the `__type` (or, failing that,
//! `code`) member of the JSON body.

use std::fmt;

use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{HeaderMap, Method, StatusCode};

/// The protocol a service speaks.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// awsJson1_0 (`application/x-amz-json-1.0`).
    AwsJson1_0,
    /// awsJson1_1 (`application/x-amz-json-1.1`).
    AwsJson1_1,
    /// restJson1: HTTP bindings and JSON bodies (see [`rest_json`](crate::rest_json)).
    RestJson1,
}

impl Protocol {
    /// The `Content-Type` of awsJson requests (`application/json` for restJson1
    /// bodies, which set their own).
    pub fn content_type(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
            Protocol::RestJson1 => "application/json",
        }
    }

    /// The body members that name an error's type, in the order they are
    /// looked at after the `X-Amzn-Errortype` header. awsJson reads `code`
    /// only when there is no `__type` at all (an error may have a member
    /// `code` of its own); restJson1 the other way round.
    fn error_type_members(self) -> [&'static str; 2] {
        match self {
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => ["__type", "code"],
            Protocol::RestJson1 => ["code", "__type"],
        }
    }
}

/// Facts about a service that requests need, emitted by the generator as a
/// `pub const SERVICE: Service`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Service {
    /// The SDK id, e.g. `"Lightsail"`.
    pub sdk_id: &'static str,
    /// The service shape name used in `X-Amz-Target`, e.g. `"Lightsail_20161128"`.
    pub target_prefix: &'static str,
    /// The API version, e.g. `"2016-11-28"`.
    pub api_version: &'static str,
    /// The protocol.
    pub protocol: Protocol,
    /// The SigV4 signing name, e.g. `"lightsail"`.
    pub signing_name: &'static str,
    /// The endpoint prefix, e.g. `"lightsail"`.
    pub endpoint_prefix: &'static str,
    /// The service's `smithy.rules#endpointRuleSet` as JSON, when the model has one.
    pub endpoint_rule_set: Option<&'static str>,
    /// `aws.protocols#awsQueryCompatible`: the service moved from the awsQuery
    /// protocol; requests say `x-amzn-query-mode: true` and errors may carry their
    /// legacy awsQuery code in `x-amzn-query-error`.
    pub query_compatible: bool,
}

/// One operation of a service; generated code implements it on a unit struct per operation.
pub trait Operation {
    /// The service the operation belongs to.
    const SERVICE: &'static Service;
    /// The operation name, e.g. `"UpdateDistribution"`.
    const NAME: &'static str;
    /// The request payload.
    type Input: serde::Serialize + Clone;
    /// The payload of a successful response.
    type Output: serde::de::DeserializeOwned;
    /// The typed error of the operation.
    type Error: OperationError;

    /// The output or an error of the operation holds `smithy.api#sensitive`
    /// data: a response that cannot be parsed is reported without its body
    /// and without the parser's message, which may quote a value from it
    /// (see [`MalformedResponse`]).
    const SENSITIVE_RESPONSE: bool = false;

    /// `smithy.api#requestCompression` lists `gzip`: bodies of at least
    /// [`MIN_COMPRESSION_SIZE`] bytes are sent gzip-compressed.
    const REQUEST_COMPRESSION: bool = false;

    /// The host prefix of `smithy.api#endpoint`, with its labels filled in from
    /// the input (`foo.{label}.` -> `foo.bar.`, each through [`host_label`]);
    /// `None` when the operation has none.
    ///
    /// # Errors
    /// A label's member is unset, empty, or not valid in a host name.
    fn host_prefix(_input: &Self::Input) -> Result<Option<String>, RequestError> {
        Ok(None)
    }

    /// The input as sent: a copy with its `smithy.api#idempotencyToken` member
    /// filled with a fresh [`idempotency_token`] when the caller left it unset
    /// (as botocore and the AWS SDKs do, so a retried create is applied once);
    /// the input itself otherwise. [`request`] calls it once per call: every
    /// attempt of the call sends the same token.
    fn with_idempotency_token(input: &Self::Input) -> std::borrow::Cow<'_, Self::Input> {
        std::borrow::Cow::Borrowed(input)
    }

    /// The HTTP request of `input`, to be addressed and signed: what the
    /// client and the dispatch table send. The default is the awsJson
    /// protocol's ([`request`]); an operation of another protocol builds its
    /// own from its bindings.
    ///
    /// # Errors
    /// The input cannot make a valid request; the error says why.
    fn build_request(input: &Self::Input) -> Result<http::Request<Vec<u8>>, RequestError>
    where
        Self: Sized,
    {
        request::<Self>(input)
    }

    /// The output or the typed error of an HTTP response. The default is the
    /// awsJson protocol's ([`parse_response`]).
    ///
    /// # Errors
    /// The service reported an error, or the response could not be understood.
    fn parse<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self::Output, ResponseError<Self::Error>>
    where
        Self: Sized,
    {
        parse_response::<Self, B>(response)
    }
}

/// A fresh idempotency token: a random UUID v4
/// (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`).
pub fn idempotency_token() -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bits = fastrand::u128(..);
    // Version 4 in the 13th hex digit, variant `10` in the top bits of the 17th.
    let bits = (bits & !(0xf << 76) & !(0x3 << 62)) | (0x4 << 76) | (0x2 << 62);
    let mut token = *b"00000000-0000-0000-0000-000000000000";
    for (digit, slot) in token.iter_mut().filter(|c| **c != b'-').enumerate() {
        *slot = HEX[((bits >> (124 - 4 * digit)) & 0xf) as usize];
    }
    String::from_utf8(token.to_vec()).unwrap_or_default()
}

/// The smallest body that operations with `smithy.api#requestCompression` compress
/// (the AWS SDKs' default `request_min_compression_size_bytes`).
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

/// The host prefix of a request (see [`Operation::host_prefix`]), carried in the
/// request's extensions until [`apply_endpoint`] puts it in front of the host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostPrefix(pub String);

/// What any error a service answers with tells: its type on the wire, its
/// message and whose fault it is. Generated error structures and
/// [`UnhandledError`] implement it; an operation's error enum hands out the
/// one it holds ([`OperationError::inner`]).
pub trait ErrorInfo: std::error::Error {
    /// The error type on the wire (`NotFoundException`).
    fn error_type(&self) -> &str;

    /// The error message the service sent, if any.
    fn message(&self) -> Option<&str>;

    /// Whether the service, not the request, is at fault (a modeled
    /// `@error("server")`), which makes the error worth retrying.
    fn is_server_fault(&self) -> bool;
}

/// The typed error of one operation (a generated enum with a variant per modeled
/// error plus a catch-all, usually holding an [`UnhandledError`]).
pub trait OperationError: Sized + std::error::Error {
    /// Builds the error for the (already sanitized) error type `code` from
    /// the response (its JSON body, and for restJson1 its headers).
    ///
    /// # Errors
    /// The response does not parse as the error structure `code` names.
    fn from_code(code: &str, reply: &Reply<'_>) -> Result<Self, serde_json::Error>;

    /// The error the variant holds.
    fn inner(&self) -> &dyn ErrorInfo;

    /// The error type on the wire (`NotFoundException`), for logs and retry decisions.
    fn error_type(&self) -> &str {
        self.inner().error_type()
    }

    /// The error message the service sent, if any.
    fn message(&self) -> Option<&str> {
        self.inner().message()
    }

    /// Whether the service, not the request, is at fault (a modeled
    /// `@error("server")`), which makes the error worth retrying.
    fn is_server_fault(&self) -> bool {
        self.inner().is_server_fault()
    }
}

/// The parts of an HTTP response that parsing reads.
#[derive(Debug, Clone, Copy)]
pub struct Reply<'a> {
    /// The status code.
    pub status: StatusCode,
    /// The headers.
    pub headers: &'a HeaderMap,
    /// The body.
    pub body: &'a [u8],
}

/// The input or output of an operation that has none: `{}` on the wire, and any
/// JSON object (or an empty body) when parsed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Empty {}

impl serde::Serialize for Empty {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        serializer.serialize_map(Some(0))?.end()
    }
}

/// Reads like a structure without members: every member is unknown and
/// skipped (so a strict reader sees each of them), and `null` reads too.
impl<'de> serde::Deserialize<'de> for Empty {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EmptyVisitor;
        impl<'de> serde::de::Visitor<'de> for EmptyVisitor {
            type Value = Empty;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Empty, A::Error> {
                while map
                    .next_entry::<crate::text::Text<'de>, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Empty {})
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Empty, E> {
                Ok(Empty {})
            }
        }
        deserializer.deserialize_map(EmptyVisitor)
    }
}

/// The input could not be turned into a request.
#[derive(Debug)]
pub struct RequestError {
    kind: RequestErrorKind,
}

#[derive(Debug)]
enum RequestErrorKind {
    Serialize(serde_json::Error),
    Header {
        name: &'static str,
        source: http::header::InvalidHeaderValue,
    },
    Compress(std::io::Error),
    Endpoint(String),
    HostLabel {
        member: &'static str,
        problem: &'static str,
    },
    Binding(crate::http_binding::BindingError),
}

impl RequestError {
    /// The serialization error, when serializing the input is what failed.
    pub fn serde_error(&self) -> Option<&serde_json::Error> {
        match &self.kind {
            RequestErrorKind::Serialize(e) => Some(e),
            _ => None,
        }
    }
}

impl RequestError {
    /// A member's HTTP binding cannot be written (`member` is its name in the model).
    pub(crate) fn binding(member: &'static str, problem: String) -> Self {
        crate::http_binding::BindingError::new(member, problem).into()
    }

    /// Compressing the body failed.
    pub(crate) fn compress(e: std::io::Error) -> Self {
        RequestError {
            kind: RequestErrorKind::Compress(e),
        }
    }

    /// A header value is invalid.
    pub(crate) fn header(name: &'static str, source: http::header::InvalidHeaderValue) -> Self {
        RequestError {
            kind: RequestErrorKind::Header { name, source },
        }
    }
}

impl From<crate::http_binding::BindingError> for RequestError {
    fn from(e: crate::http_binding::BindingError) -> Self {
        RequestError {
            kind: RequestErrorKind::Binding(e),
        }
    }
}

impl From<serde_json::Error> for RequestError {
    fn from(e: serde_json::Error) -> Self {
        RequestError {
            kind: RequestErrorKind::Serialize(e),
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            RequestErrorKind::Serialize(_) => f.write_str("failed to serialize the request input"),
            RequestErrorKind::Header { name, .. } => {
                write!(f, "invalid value for the request header {name}")
            }
            RequestErrorKind::Compress(_) => f.write_str("failed to gzip the request body"),
            RequestErrorKind::Endpoint(reason) => write!(f, "invalid endpoint: {reason}"),
            RequestErrorKind::HostLabel { member, problem } => {
                write!(f, "the host label member `{member}` {problem}")
            }
            RequestErrorKind::Binding(e) => write!(f, "invalid input: {e}"),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            RequestErrorKind::Serialize(e) => Some(e),
            RequestErrorKind::Header { source, .. } => Some(source),
            RequestErrorKind::Compress(e) => Some(e),
            RequestErrorKind::Endpoint(_)
            | RequestErrorKind::HostLabel { .. }
            | RequestErrorKind::Binding(_) => None,
        }
    }
}

const X_AMZ_TARGET: HeaderName = HeaderName::from_static("x-amz-target");
const X_AMZN_QUERY_MODE: HeaderName = HeaderName::from_static("x-amzn-query-mode");
const X_AMZN_QUERY_ERROR: &str = "x-amzn-query-error";
const X_AMZN_ERRORTYPE: &str = "x-amzn-errortype";
const X_AMZN_REQUESTID: &str = "x-amzn-requestid";

/// Builds the HTTP request of operation `O` for `input`.
///
/// `POST /` with `Content-Type` of the service's JSON version, `X-Amz-Target:
/// {target_prefix}.{NAME}` and the input as JSON body (`{}` when the input
/// serializes to `null`). No `Host` header: the caller adds it with the endpoint.
///
/// # Errors
/// The input fails to serialize, or the service constants make an invalid header.
pub fn request<O: Operation>(input: &O::Input) -> Result<http::Request<Vec<u8>>, RequestError> {
    let input = O::with_idempotency_token(input);
    // Most request bodies fit: the buffer grows at most rarely.
    let mut body = Vec::with_capacity(1024);
    serde_json::to_writer(&mut body, &*input)?;
    if body == b"null" {
        body.clear();
        body.extend_from_slice(b"{}");
    }
    // Exactly as long as its text, so the header value takes it over without
    // copying.
    let prefix = O::SERVICE.target_prefix;
    let mut target = Vec::with_capacity(prefix.len() + 1 + O::NAME.len());
    target.extend_from_slice(prefix.as_bytes());
    target.push(b'.');
    target.extend_from_slice(O::NAME.as_bytes());
    let target = HeaderValue::try_from(target).map_err(|source| RequestError {
        kind: RequestErrorKind::Header {
            name: "x-amz-target",
            source,
        },
    })?;
    let compress = O::REQUEST_COMPRESSION && body.len() >= MIN_COMPRESSION_SIZE;
    if compress {
        body = gzip(&body).map_err(|e| RequestError {
            kind: RequestErrorKind::Compress(e),
        })?;
    }
    let length = HeaderValue::from(body.len());
    let mut req = http::Request::new(body);
    *req.method_mut() = Method::POST;
    // Room for what a client and signing add, so the map is allocated once.
    *req.headers_mut() = HeaderMap::with_capacity(16);
    // The default URI of a new request is already `/`.
    let headers = req.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(O::SERVICE.protocol.content_type()),
    );
    headers.insert(X_AMZ_TARGET, target);
    headers.insert(CONTENT_LENGTH, length);
    if compress {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    if O::SERVICE.query_compatible {
        headers.insert(X_AMZN_QUERY_MODE, HeaderValue::from_static("true"));
    }
    if let Some(prefix) = O::host_prefix(&input)? {
        req.extensions_mut().insert(HostPrefix(prefix));
    }
    Ok(req)
}

/// The value of the `smithy.api#hostLabel` member `member` for a host
/// prefix: it must be set, non-empty, and made of letters, digits, `-` and
/// `.` only, or the request would go to another host than meant.
///
/// # Errors
/// The value is missing, empty or has other characters; the error names the member.
pub fn host_label<'a>(
    member: &'static str,
    value: Option<&'a str>,
) -> Result<&'a str, RequestError> {
    let problem = match value {
        None => "is not set",
        Some("") => "is empty",
        Some(v)
            if !v
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') =>
        {
            "has characters a host name cannot hold (only letters, digits, `-` and `.`)"
        }
        Some(v) => return Ok(v),
    };
    Err(RequestError {
        kind: RequestErrorKind::HostLabel { member, problem },
    })
}

pub(crate) fn gzip(body: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4),
        flate2::Compression::default(),
    );
    encoder.write_all(body)?;
    encoder.finish()
}

/// Points a request built by [`request`] at an endpoint (see [`EndpointUrl::apply`]).
///
/// # Errors
/// The endpoint is not an absolute `http`/`https` URL, or the prefixed host is invalid.
pub fn apply_endpoint<B>(
    request: &mut http::Request<B>,
    endpoint: &str,
) -> Result<(), RequestError> {
    EndpointUrl::parse(endpoint)?.apply(request)
}

/// An endpoint URL parsed once, to address any number of requests.
#[derive(Clone, Debug)]
pub struct EndpointUrl {
    url: String,
    scheme: http::uri::Scheme,
    authority: http::uri::Authority,
    /// The endpoint's path without its trailing `/` (empty for the root).
    base_path: String,
    /// The URI of the request path `/`.
    root: http::Uri,
    host: HeaderValue,
}

impl EndpointUrl {
    /// Parses an absolute `http`/`https` URL with a host and no query; a path
    /// (`https://example.com/custom`) is kept in front of request paths.
    ///
    /// # Errors
    /// The URL is not usable as an endpoint; the error says why.
    pub fn parse(url: &str) -> Result<Self, RequestError> {
        let invalid = |reason: &str| RequestError {
            kind: RequestErrorKind::Endpoint(format!("`{url}` {reason}")),
        };
        let uri: http::Uri = url
            .parse()
            .map_err(|_| invalid("does not parse as a URL"))?;
        let scheme = match uri.scheme_str() {
            Some("http") => http::uri::Scheme::HTTP,
            Some("https") => http::uri::Scheme::HTTPS,
            _ => return Err(invalid("is not an http or https URL")),
        };
        let authority = uri
            .authority()
            .filter(|a| !a.host().is_empty())
            .cloned()
            .ok_or_else(|| invalid("has no host"))?;
        if uri.query().is_some() {
            return Err(invalid("has a query string"));
        }
        let base_path = uri.path().trim_end_matches('/').to_owned();
        let root = http::Uri::builder()
            .scheme(scheme.clone())
            .authority(authority.clone())
            .path_and_query(format!("{base_path}/"))
            .build()
            .map_err(|_| invalid("has an invalid path"))?;
        let host = HeaderValue::from_str(authority.as_str())
            .map_err(|_| invalid("has an invalid host"))?;
        Ok(EndpointUrl {
            url: url.to_owned(),
            scheme,
            authority,
            base_path,
            root,
            host,
        })
    }

    /// The URL as given.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Makes the request's URI absolute at this endpoint and sets its `host`
    /// header: the endpoint's path goes in front of the request's path, and the
    /// request's [`HostPrefix`] (if any) in front of the host.
    ///
    /// # Errors
    /// The prefixed host or the joined URI is invalid.
    pub fn apply<B>(&self, request: &mut http::Request<B>) -> Result<(), RequestError> {
        let uri = std::mem::take(request.uri_mut());
        let prefix = request
            .extensions()
            .get::<HostPrefix>()
            .map_or("", |p| p.0.as_str());
        let (uri, host) = self.address(uri, prefix)?;
        *request.uri_mut() = uri;
        request.headers_mut().insert(http::header::HOST, host);
        Ok(())
    }

    /// The absolute URI of a request for `uri` (its path and query), and its host.
    fn address(
        &self,
        uri: http::Uri,
        prefix: &str,
    ) -> Result<(http::Uri, HeaderValue), RequestError> {
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        // The common case: a request for `/` with no host prefix reuses the parts.
        if path == "/" && prefix.is_empty() {
            return Ok((self.root.clone(), self.host.clone()));
        }
        let invalid = |reason: String| RequestError {
            kind: RequestErrorKind::Endpoint(reason),
        };
        let (authority, host) = if prefix.is_empty() {
            (self.authority.clone(), self.host.clone())
        } else {
            let bad_prefix = || {
                invalid(format!(
                    "the host prefix {prefix:?} does not make a valid host"
                ))
            };
            let authority = http::uri::Authority::try_from(format!("{prefix}{}", self.authority))
                .map_err(|_| bad_prefix())?;
            let host = HeaderValue::from_str(authority.as_str()).map_err(|_| bad_prefix())?;
            (authority, host)
        };
        // The request's path and query move into the URI as they are, unless
        // the endpoint has a path of its own to put in front.
        let joined = (!self.base_path.is_empty()).then(|| format!("{}{path}", self.base_path));
        let mut parts = uri.into_parts();
        if let Some(joined) = joined {
            parts.path_and_query = Some(
                http::uri::PathAndQuery::try_from(joined)
                    .map_err(|e| invalid(format!("the request URI could not be built: {e}")))?,
            );
        } else if parts.path_and_query.is_none() {
            parts.path_and_query = Some(http::uri::PathAndQuery::from_static("/"));
        }
        parts.scheme = Some(self.scheme.clone());
        parts.authority = Some(authority);
        let uri = http::Uri::from_parts(parts)
            .map_err(|e| invalid(format!("the request URI could not be built: {e}")))?;
        Ok((uri, host))
    }
}

/// Parses a JSON body; an empty or whitespace-only body parses as `{}`.
///
/// # Errors
/// The body is not valid JSON for `T`.
pub fn from_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    if body
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        serde_json::from_slice(b"{}")
    } else {
        serde_json::from_slice(body)
    }
}

/// Finds and sanitizes the error type of an error response.
///
/// Looks at the `X-Amzn-Errortype` header, else the body's `__type` member, else
/// the body's `code` member, but only when the body has no `__type` at all (error
/// structures may have a member of their own named `code`). The value is cut at
/// the first `:` and then only what follows the last `#` is kept, so
/// `aws.protocoltests.json#FooError:http://internal.amazon.com/...` gives `FooError`.
/// Returns `None` when no non-empty error type is found.
pub fn error_code(protocol: Protocol, headers: &HeaderMap, body: &[u8]) -> Option<String> {
    if let Some(value) = headers.get(X_AMZN_ERRORTYPE)
        && let Ok(text) = value.to_str()
        && let Some(code) = sanitize_error_code(text)
    {
        return Some(code);
    }
    let object = serde_json::from_slice::<serde_json::Value>(body).ok()?;
    let object = object.as_object()?;
    let [first, second] = protocol.error_type_members();
    let raw = match object.get(first) {
        Some(value) => value.as_str()?,
        None => object.get(second)?.as_str()?,
    };
    sanitize_error_code(raw)
}

fn sanitize_error_code(raw: &str) -> Option<String> {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let name = before_colon
        .rsplit('#')
        .next()
        .unwrap_or(before_colon)
        .trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// Reads the human-readable message of a JSON error body, if any: the
/// string member named `message`, else `errorMessage`, in any case.
fn error_message(body: &[u8]) -> Option<String> {
    let value = serde_json::from_slice::<serde_json::Value>(body).ok()?;
    let object = value.as_object()?;
    ["message", "errormessage"]
        .iter()
        .find_map(|wanted| {
            object
                .iter()
                .find(|(key, v)| key.eq_ignore_ascii_case(wanted) && v.is_string())
                .and_then(|(_, v)| v.as_str())
        })
        .map(str::to_owned)
}

/// An error the operation does not model (the catch-all of generated error enums).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnhandledError {
    code: String,
    message: Option<String>,
}

impl UnhandledError {
    /// Builds the error for type `code`, taking the message from the `message`,
    /// `Message` or `errorMessage` member when `body` is a JSON object.
    pub fn new(code: impl Into<String>, body: &[u8]) -> Self {
        UnhandledError {
            code: code.into(),
            message: error_message(body),
        }
    }

    /// The error type the service reported.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message the service sent, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(message) => write!(f, "{}: {message}", self.code),
            None => f.write_str(&self.code),
        }
    }
}

impl std::error::Error for UnhandledError {}

/// Never a server fault: the model says nothing about an error it does not list.
impl ErrorInfo for UnhandledError {
    fn error_type(&self) -> &str {
        &self.code
    }

    fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    fn is_server_fault(&self) -> bool {
        false
    }
}

/// Why a call failed after a response arrived.
///
/// Both payloads are boxed: error paths are rare, and a small `Err` keeps every
/// `Result` that carries this type cheap to move on the success path.
#[derive(Debug)]
pub enum ResponseError<E> {
    /// The service answered with an error it reports (modeled or not).
    Service(Box<ServiceError<E>>),
    /// The response could not be understood; the status and raw body are kept.
    Malformed(Box<MalformedResponse>),
}

impl<E> ResponseError<E> {
    /// The operation error, when the service reported one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            ResponseError::Service(e) => Some(&e.error),
            ResponseError::Malformed(_) => None,
        }
    }

    /// The operation error by value, when the service reported one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            ResponseError::Service(e) => Some(e.error),
            ResponseError::Malformed(_) => None,
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        match self {
            ResponseError::Service(e) => e.status,
            ResponseError::Malformed(m) => m.status,
        }
    }

    /// The request id the service assigned, if the response had one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            ResponseError::Service(e) => e.request_id.as_deref(),
            ResponseError::Malformed(m) => m.request_id.as_deref(),
        }
    }
}

impl<E: fmt::Display> fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Service(e) => e.fmt(f),
            ResponseError::Malformed(m) => m.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ResponseError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Service(e) => e.source(),
            ResponseError::Malformed(m) => m.source(),
        }
    }
}

/// An error the service reported, with the facts of the response around it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceError<E> {
    /// The typed operation error.
    pub error: E,
    /// The error code: the error type (`NotFoundException`), or for
    /// query-compatible services the legacy awsQuery code the service sent in
    /// `x-amzn-query-error` (`AWS.SimpleQueueService.NonExistentQueue`).
    pub code: String,
    /// The HTTP status of the response.
    pub status: StatusCode,
    /// The `X-Amzn-RequestId` of the response, if any.
    pub request_id: Option<String>,
}

/// Writes ` (HTTP 404, request id abc)` or ` (HTTP 404)`.
fn fmt_response_facts(
    f: &mut fmt::Formatter<'_>,
    status: StatusCode,
    request_id: Option<&str>,
) -> fmt::Result {
    write!(f, " (HTTP {}", status.as_u16())?;
    if let Some(id) = request_id {
        write!(f, ", request id {id}")?;
    }
    f.write_str(")")
}

impl<E: fmt::Display> fmt::Display for ServiceError<E> {
    /// `service error (HTTP 404, request id abc): NotFoundException: ...`, the
    /// part after the colon being the operation error's own `Display`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("service error")?;
        fmt_response_facts(f, self.status, self.request_id.as_deref())?;
        write!(f, ": {}", self.error)
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ServiceError<E> {
    /// The operation error's own source: its message is already part of `Display`.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source()
    }
}

/// A response that could not be understood.
///
/// The raw body is kept for the caller. When the operation's response may
/// hold secrets ([`Operation::SENSITIVE_RESPONSE`]), `Debug` shows only the
/// body's length and `reason` says where parsing failed without quoting the
/// parser's message (which can contain a value from the body), so printing
/// the error (`fn main() -> Result<(), Box<dyn Error>>`, a log line) leaks
/// nothing.
#[derive(Clone, PartialEq, Eq)]
pub struct MalformedResponse {
    /// The HTTP status of the response.
    pub status: StatusCode,
    /// The `X-Amzn-RequestId` of the response, if any.
    pub request_id: Option<String>,
    /// The raw response body.
    pub body: Vec<u8>,
    /// What could not be understood.
    pub reason: String,
    /// The response may hold secrets: `Debug` leaves the body out.
    pub sensitive: bool,
}

impl fmt::Debug for MalformedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("MalformedResponse");
        s.field("status", &self.status)
            .field("request_id", &self.request_id);
        if self.sensitive {
            s.field(
                "body",
                &format_args!("<{} bytes, sensitive>", self.body.len()),
            );
        } else {
            s.field("body", &String::from_utf8_lossy(&self.body));
        }
        s.field("reason", &self.reason).finish()
    }
}

impl fmt::Display for MalformedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("malformed response")?;
        fmt_response_facts(f, self.status, self.request_id.as_deref())?;
        write!(f, ": {}", self.reason)
    }
}

/// Why `body` did not parse, in words safe for a response holding secrets:
/// serde_json's messages quote the offending value (`invalid type: string
/// "hunter2"`), so only the kind of problem and its place are kept.
fn parse_failure(error: &serde_json::Error, sensitive: bool) -> String {
    if !sensitive {
        return error.to_string();
    }
    let kind = match error.classify() {
        serde_json::error::Category::Io => "an I/O error",
        serde_json::error::Category::Syntax => "invalid JSON",
        serde_json::error::Category::Data => "a value that does not fit the model",
        serde_json::error::Category::Eof => "a body that ends early",
    };
    format!(
        "{kind} at line {} column {} (details withheld: the response may hold sensitive data)",
        error.line(),
        error.column()
    )
}

impl std::error::Error for MalformedResponse {}

/// Parses the HTTP response of operation `O`.
///
/// A 2xx status yields the output parsed from the body (an empty body reads as
/// `{}`, unknown members are ignored). Any other status yields
/// The output or the typed error of an awsJson response (see [`parse_with`]).
///
/// # Errors
/// The service reported an error, or the response could not be understood.
pub fn parse_response<O: Operation, B: AsRef<[u8]>>(
    response: &http::Response<B>,
) -> Result<O::Output, ResponseError<O::Error>> {
    parse_with::<O, B>(response, |reply| from_body::<O::Output>(reply.body))
}

/// A 2xx response is read by `output`; any other is an error:
/// [`ResponseError::Service`] when an error type is found (see [`error_code`])
/// and the response parses as that error, or when no error type is found at
/// all (the code is then the status, `503`, and the error unmodeled), else
/// [`ResponseError::Malformed`].
///
/// # Errors
/// The service reported an error, or the response could not be understood.
pub fn parse_with<O: Operation, B: AsRef<[u8]>>(
    response: &http::Response<B>,
    output: impl FnOnce(&Reply<'_>) -> Result<O::Output, serde_json::Error>,
) -> Result<O::Output, ResponseError<O::Error>> {
    let status = response.status();
    let headers = response.headers();
    let body = response.body().as_ref();
    let request_id = || {
        headers
            .get(X_AMZN_REQUESTID)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let malformed = |reason: String| {
        ResponseError::Malformed(Box::new(MalformedResponse {
            status,
            request_id: request_id(),
            body: body.to_vec(),
            reason,
            sensitive: O::SENSITIVE_RESPONSE,
        }))
    };
    if status.is_success() {
        return output(&Reply {
            status,
            headers,
            body,
        })
        .map_err(|e| {
            let why = parse_failure(&e, O::SENSITIVE_RESPONSE);
            malformed(format!("could not parse the {} output: {why}", O::NAME))
        });
    }
    // No error type (an HTML 503 from a proxy, an empty 404): the status is
    // the code, as botocore and the AWS CLI make it, and the message is the
    // body's if it has one, else the status's reason phrase.
    let reason;
    let (code, body) = match error_code(O::SERVICE.protocol, headers, body) {
        Some(code) => (code, body),
        None => {
            reason = error_message(body).is_none().then(|| {
                let phrase = status.canonical_reason().unwrap_or("Unknown");
                serde_json::json!({ "message": phrase }).to_string()
            });
            let body = reason.as_deref().map_or(body, str::as_bytes);
            (status.as_str().to_owned(), body)
        }
    };
    let reply = Reply {
        status,
        headers,
        body,
    };
    match O::Error::from_code(&code, &reply) {
        Ok(error) => Err(ResponseError::Service(Box::new(ServiceError {
            code: query_error_code::<O>(headers).unwrap_or(code),
            error,
            status,
            request_id: request_id(),
        }))),
        Err(e) => {
            let why = parse_failure(&e, O::SENSITIVE_RESPONSE);
            Err(malformed(format!(
                "could not parse the {code} error: {why}"
            )))
        }
    }
}

/// The awsQuery code of `x-amzn-query-error: Code;Sender` for query-compatible services.
fn query_error_code<O: Operation>(headers: &HeaderMap) -> Option<String> {
    if !O::SERVICE.query_compatible {
        return None;
    }
    let value = headers.get(X_AMZN_QUERY_ERROR)?.to_str().ok()?;
    let code = value.split(';').next()?.trim();
    (!code.is_empty()).then(|| code.to_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes_error_types() {
        let cases = [
            ("FooError", Some("FooError")),
            (
                "FooError:http://internal.amazon.com/coral/",
                Some("FooError"),
            ),
            (
                "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                Some("FooError"),
            ),
            (
                "com.amazonaws.lightsail#NotFoundException",
                Some("NotFoundException"),
            ),
            ("a#b#C", Some("C")),
            ("", None),
            (":x", None),
            ("ns#", None),
            (" Foo ", Some("Foo")),
        ];
        for (raw, want) in cases {
            assert_eq!(sanitize_error_code(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn message_members() {
        assert_eq!(error_message(br#"{"message":"a"}"#).as_deref(), Some("a"));
        assert_eq!(error_message(br#"{"Message":"b"}"#).as_deref(), Some("b"));
        assert_eq!(
            error_message(br#"{"errorMessage":"c"}"#).as_deref(),
            Some("c")
        );
        assert_eq!(
            error_message(br#"{"ErrorMessage":"d","Code":"x"}"#).as_deref(),
            Some("d")
        );
        assert_eq!(
            error_message(br#"{"MESSAGE":"e","errorMessage":"f"}"#).as_deref(),
            Some("e")
        );
        assert_eq!(error_message(br#"{"message":3}"#), None);
        assert_eq!(error_message(b"<html>"), None);
        assert_eq!(error_message(b""), None);
    }

    #[test]
    fn header_value_must_be_text() {
        let mut headers = HeaderMap::new();
        headers.insert(
            X_AMZN_ERRORTYPE,
            HeaderValue::from_bytes(b"Foo\xff").unwrap(),
        );
        // Not UTF-8: fall back to the body.
        assert_eq!(
            error_code(Protocol::AwsJson1_1, &headers, br#"{"__type":"Bar"}"#).as_deref(),
            Some("Bar")
        );
    }
}
