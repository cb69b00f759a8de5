//! The transport seam ([`HttpClient`]) and its default implementation
//! ([`HyperClient`]).

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::Client as LegacyClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use crate::retry::TimeoutConfig;

/// The future an [`HttpClient`] returns.
pub type HttpFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<Vec<u8>>, TransportError>> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response.
///
/// The client drives retries, signing and the attempt timeout; an
/// implementation only moves bytes. Tests and users plug in their own (an
/// in-memory responder, a proxy-aware client...).
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` (an absolute URI, a `host` header, a signed body) and
    /// returns the response with its body fully read. An HTTP error status is
    /// a response, not an error.
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_>;
}

/// How a request failed before a complete response arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be set up: DNS, refused connection, TLS.
    Connect,
    /// A timeout of the transport fired (such as the connect timeout).
    Timeout,
    /// The connection broke during the exchange.
    Io,
    /// Anything else; not retried.
    Other,
}

impl TransportErrorKind {
    fn describe(self) -> &'static str {
        match self {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "the transport timed out",
            TransportErrorKind::Io => "the connection failed during the exchange",
            TransportErrorKind::Other => "the HTTP transport failed",
        }
    }
}

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// A failure of the transport.
///
/// Its text comes from the transport's own errors, which name addresses and
/// causes but never request headers or bodies, so it holds no secret.
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<BoxError>,
}

impl TransportError {
    /// An error of `kind` caused by `source`.
    pub fn new(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        let source = source.into();
        let message = describe_chain(source.as_ref());
        Self {
            kind,
            message,
            source: Some(source),
        }
    }

    /// An error of `kind` described by `message` alone.
    pub fn message(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }
}

/// The messages of `error` and its sources, joined by `: `, each message
/// only once (wrappers often repeat their cause).
fn describe_chain(error: &(dyn StdError + 'static)) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    // Error chains are short; the bound only guards against a cycle.
    for _ in 0..16 {
        let Some(cause) = next else { break };
        let message = cause.to_string();
        if !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        next = cause.source();
    }
    text
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.kind.describe(), self.message)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// The default transport: hyper 1 with a pooled connection per host
/// (connections are reused), `http` and `https` (rustls with the `ring`
/// provider and the Mozilla root certificates), HTTP/1.1, and the connect
/// and read timeouts of a [`TimeoutConfig`]. Needs a Tokio runtime to send.
#[derive(Clone)]
pub struct HyperClient {
    client: LegacyClient<HttpsConnector<HttpConnector>, Full<Bytes>>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperClient")
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .finish_non_exhaustive()
    }
}

impl HyperClient {
    /// A client with the default connect and read timeouts.
    ///
    /// # Errors
    /// The TLS configuration could not be built.
    pub fn new() -> Result<Self, TransportError> {
        Self::with_timeouts(&TimeoutConfig::default())
    }

    /// A client with the connect and read timeouts of `timeouts` (the
    /// attempt and operation timeouts are applied by the caller).
    ///
    /// # Errors
    /// The TLS configuration could not be built.
    pub fn with_timeouts(timeouts: &TimeoutConfig) -> Result<Self, TransportError> {
        let connect_timeout = timeouts.connect_timeout();
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(connect_timeout);
        let https = HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = LegacyClient::builder(TokioExecutor::new())
            .timer(TokioTimer::new())
            .pool_timer(TokioTimer::new())
            .build(https);
        Ok(Self {
            client,
            connect_timeout,
            read_timeout: timeouts.read_timeout(),
        })
    }

    async fn send_inner(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let request = request.map(|body| Full::new(Bytes::from(body)));
        let response = self
            .reading(self.client.request(request))
            .await?
            .map_err(classify_client_error)?;
        let (parts, mut body) = response.into_parts();
        let mut bytes = Vec::new();
        while let Some(frame) = self.reading(body.frame()).await? {
            let frame = frame.map_err(|e| TransportError::new(TransportErrorKind::Io, e))?;
            if let Some(data) = frame.data_ref() {
                bytes.extend_from_slice(data);
            }
        }
        Ok(http::Response::from_parts(parts, bytes))
    }

    /// Waits for `future` (the response head, or the next piece of the
    /// body) at most the read timeout.
    async fn reading<T>(&self, future: impl Future<Output = T>) -> Result<T, TransportError> {
        match self.read_timeout {
            None => Ok(future.await),
            Some(limit) => tokio::time::timeout(limit, future).await.map_err(|_| {
                TransportError::message(
                    TransportErrorKind::Timeout,
                    format!("no data from the server within the read timeout of {limit:?}"),
                )
            }),
        }
    }
}

/// Sorts an error of hyper's client into a [`TransportErrorKind`].
fn classify_client_error(error: hyper_util::client::legacy::Error) -> TransportError {
    let kind = if error.is_connect() {
        if chain_has_timeout(&error) {
            TransportErrorKind::Timeout
        } else {
            TransportErrorKind::Connect
        }
    } else if chain_has_io_or_hyper(&error) {
        TransportErrorKind::Io
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, error)
}

fn chain_has_timeout(error: &(dyn StdError + 'static)) -> bool {
    let mut next = Some(error);
    for _ in 0..16 {
        let Some(e) = next else { return false };
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::TimedOut
        {
            return true;
        }
        next = e.source();
    }
    false
}

fn chain_has_io_or_hyper(error: &(dyn StdError + 'static)) -> bool {
    let mut next = error.source();
    for _ in 0..16 {
        let Some(e) = next else { return false };
        if e.is::<std::io::Error>() || e.is::<hyper::Error>() {
            return true;
        }
        next = e.source();
    }
    false
}

impl HttpClient for HyperClient {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        Box::pin(self.send_inner(request))
    }
}
