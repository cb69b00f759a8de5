//! Why a call failed.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use http::StatusCode;

use super::transport::{TransportError, TransportErrorKind};
use crate::auth::CredentialsError;
use crate::aws_json::{MalformedResponse, ServiceError};
use crate::endpoint::ResolveError;

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// Which timeout expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// One attempt took longer than the attempt timeout, and no retry was left.
    Attempt,
    /// The whole operation, retries included, took longer than the operation timeout.
    Operation,
}

impl fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeoutKind::Attempt => "attempt",
            TimeoutKind::Operation => "operation",
        })
    }
}

/// No endpoint could be found for the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndpointResolutionError {
    /// The service has no endpoint rule set and no endpoint URL was configured.
    NoRules {
        /// The service's SDK id.
        service: &'static str,
    },
    /// The service's endpoint rules reject the configuration (for instance
    /// FIPS together with a custom endpoint); the message is the rule's.
    Rules(ResolveError),
}

impl std::fmt::Display for EndpointResolutionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoRules { service } => write!(
                f,
                "{service} has no endpoint rules, so an endpoint URL must be configured (`Config::builder().endpoint_url(..)` or AWS_ENDPOINT_URL)"
            ),
            Self::Rules(inner) => std::fmt::Display::fmt(inner, f),
        }
    }
}

impl std::error::Error for EndpointResolutionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Rules(source) => Some(source),
            _ => None,
        }
    }
}

impl From<ResolveError> for EndpointResolutionError {
    fn from(source: ResolveError) -> Self {
        Self::Rules(source)
    }
}

/// Why a call failed.
///
/// `Display` is one sentence that includes the message of the error it
/// wraps; `source()` continues with that error's own source. Nothing here
/// holds or prints credentials or signatures.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request could not be built, before anything was sent (input
    /// serialization, an unusable endpoint URL or header, signing).
    InvalidRequest {
        /// What is wrong, as one sentence (including the underlying error's message).
        message: String,
        /// The underlying error, if any (`source()` skips to its own source).
        source: Option<BoxError>,
    },
    /// No credentials could be obtained.
    Credentials(CredentialsError),
    /// No endpoint could be resolved.
    Endpoint(EndpointResolutionError),
    /// The request did not get a response, retries included.
    Transport {
        /// The failure of the last attempt.
        source: TransportError,
        /// Attempts made.
        attempts: u32,
    },
    /// A timeout expired.
    Timeout {
        /// Which timeout.
        kind: TimeoutKind,
        /// Its configured duration.
        duration: Duration,
        /// Attempts made (the one cut short included).
        attempts: u32,
    },
    /// The response could not be understood; the status, raw body and request
    /// id are kept.
    Malformed(Box<MalformedResponse>),
    /// The service answered with an error.
    Service(Box<ServiceError<E>>),
    /// A paginator stopped: the service answered a page with the token it
    /// was sent, and would have been asked for the same page forever.
    RepeatedToken {
        /// The operation's name.
        operation: &'static str,
        /// Pages received, the last one included.
        pages: u32,
    },
}

impl<E> Error<E> {
    pub(crate) fn invalid_request(
        message: impl Into<String>,
        source: impl Into<Option<BoxError>>,
    ) -> Self {
        Error::InvalidRequest {
            message: message.into(),
            source: source.into(),
        }
    }

    /// The operation error, when the service reported one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            Error::Service(e) => Some(&e.error),
            _ => None,
        }
    }

    /// The operation error by value, when the service reported one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Error::Service(e) => Some(e.error),
            _ => None,
        }
    }

    /// The HTTP status of the response, when one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Service(e) => Some(e.status),
            Error::Malformed(m) => Some(m.status),
            _ => None,
        }
    }

    /// The request id the service assigned (`x-amzn-RequestId`), when a
    /// response carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.request_id.as_deref(),
            Error::Malformed(m) => m.request_id.as_deref(),
            _ => None,
        }
    }

    /// The kind of transport failure, for [`Error::Transport`].
    pub fn transport_kind(&self) -> Option<TransportErrorKind> {
        match self {
            Error::Transport { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest { message, .. } => {
                write!(f, "invalid request, nothing was sent: {message}")
            }
            Error::Credentials(e) => write!(f, "could not obtain credentials: {e}"),
            Error::Endpoint(e) => write!(f, "could not resolve the endpoint: {e}"),
            Error::Transport { source, attempts } => write!(
                f,
                "no response after {attempts} attempt{}: {source}",
                plural(*attempts)
            ),
            Error::Timeout {
                kind,
                duration,
                attempts,
            } => write!(
                f,
                "the {kind} timeout of {duration:?} expired after {attempts} attempt{}",
                plural(*attempts)
            ),
            Error::Malformed(m) => m.fmt(f),
            Error::Service(e) => e.fmt(f),
            Error::RepeatedToken { operation, pages } => write!(
                f,
                "{operation} answered page {pages} with the pagination token it was sent; \
                 the pages stop there rather than repeat forever"
            ),
        }
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl<E: StdError + 'static> StdError for Error<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Error::InvalidRequest { source, .. } => source.as_deref().and_then(|e| e.source()),
            Error::Credentials(e) => e.source(),
            Error::Endpoint(e) => e.source(),
            Error::Transport { source, .. } => source.source(),
            Error::Timeout { .. } | Error::RepeatedToken { .. } => None,
            Error::Malformed(m) => m.source(),
            Error::Service(e) => e.source(),
        }
    }
}
