//! The transport seam ([`HttpClient`]) and its default implementation
//! ([`HyperClient`]).

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};

use super::connection::Connections;
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

/// The default transport: hyper 1's HTTP/1.1 client connections, pooled
/// per scheme, host and port (an idle connection is reused for 90 s),
/// `http` and `https` (rustls with the `ring` provider and the Mozilla root
/// certificates), and the connect and read timeouts of a
/// [`TimeoutConfig`]. Needs a Tokio runtime to send.
#[derive(Clone)]
pub struct HyperClient {
    connections: Arc<Connections>,
    read_timeout: Option<Duration>,
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperClient")
            .field("connect_timeout", &self.connections.connect_timeout())
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
        Ok(Self {
            connections: Arc::new(Connections::new(timeouts.connect_timeout())?),
            read_timeout: timeouts.read_timeout(),
        })
    }

    async fn send_inner(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let (mut parts, body) = request.into_parts();
        let (destination, mut sender, reused) = self.connections.get(&parts.uri).await?;
        // On the connection, the target is the path and query (origin form),
        // and the host is a header.
        if let Some(authority) = parts.uri.authority()
            && !parts.headers.contains_key(http::header::HOST)
        {
            let host = http::HeaderValue::from_str(authority.as_str())
                .map_err(|e| TransportError::new(TransportErrorKind::Other, e))?;
            parts.headers.insert(http::header::HOST, host);
        }
        if let Some(target) = parts.uri.path_and_query() {
            parts.uri = http::Uri::from(target.clone());
        }
        let request = http::Request::from_parts(parts, Full::new(Bytes::from(body)));
        let response = match self.reading(sender.try_send_request(request)).await? {
            Ok(response) => response,
            Err(mut error) => match (reused, error.take_message()) {
                // A pooled connection the server closed while it was idle:
                // the request never left, so it goes out on a new connection.
                (true, Some(request)) => {
                    sender = self.connections.open(&destination).await?;
                    self.reading(sender.send_request(request))
                        .await?
                        .map_err(classify_send_error)?
                }
                _ => return Err(classify_send_error(error.into_error())),
            },
        };
        let (parts, mut body) = response.into_parts();
        let mut bytes = Vec::new();
        while let Some(frame) = self.reading(body.frame()).await? {
            let frame = frame.map_err(|e| TransportError::new(TransportErrorKind::Io, e))?;
            if let Some(data) = frame.data_ref() {
                bytes.extend_from_slice(data);
            }
        }
        self.connections.put_back(destination, sender);
        Ok(http::Response::from_parts(parts, bytes))
    }

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

/// Sorts an error of an exchange on an open connection: I/O and protocol
/// failures are [`TransportErrorKind::Io`].
fn classify_send_error(error: hyper::Error) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_closed()
        || error.is_incomplete_message()
        || error.is_canceled()
        || error.is_parse()
        || error.is_body_write_aborted()
        || StdError::source(&error).is_some_and(|e| e.is::<std::io::Error>())
    {
        TransportErrorKind::Io
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, error)
}

impl HttpClient for HyperClient {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        Box::pin(self.send_inner(request))
    }
}
