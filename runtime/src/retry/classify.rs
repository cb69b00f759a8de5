//! Classification of a failed attempt: throttling, transient, or final.

use std::time::Duration;

/// Error codes that mean "the service throttled this request".
///
/// The list the AWS SDKs share for standard mode (smithy-rs
/// `aws-runtime` `THROTTLING_ERRORS`, botocore `ThrottledRetryableChecker`,
/// and the "Retry behavior" page of the AWS SDKs and Tools Reference Guide).
/// Compared case-sensitively with the normalized code
/// ([`normalize_error_code`]).
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of transient (non-throttling) failures worth retrying.
///
/// `RequestTimeout` and `RequestTimeoutException` are in every SDK's
/// standard-mode list (smithy-rs `TRANSIENT_ERRORS`); `InternalError` and
/// `IDPCommunicationError` are added by the 2026 revision of the cross-SDK
/// "Retry behavior" guide. All four are treated as transient in both forms of
/// standard mode: an `InternalError` is a server-side fault either way.
pub const TRANSIENT_ERROR_CODES: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalError",
    "IDPCommunicationError",
];

/// HTTP statuses that are transient when the response carries no recognized
/// error code (same list in smithy-rs, botocore and the cross-SDK guide).
pub const TRANSIENT_STATUS_CODES: &[u16] = &[500, 502, 503, 504];

/// HTTP "Too Many Requests": a throttling error even without an error code,
/// as the AWS SDK for Java 2.x treats it (`RetryUtils.isThrottlingException`)
/// and as the cross-SDK guide's throttling example shows.
pub const THROTTLING_STATUS_CODE: u16 = 429;

/// Response header in which some services say how long to wait before the
/// next attempt, in milliseconds.
pub const RETRY_AFTER_HEADER: &str = "x-amz-retry-after";

/// How an attempt failed before a complete HTTP response arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportFailure {
    /// The connection could not be set up: DNS resolution, refused
    /// connection, TLS handshake.
    Connect,
    /// A connect, read or attempt timeout fired.
    Timeout,
    /// The connection broke during the exchange (reset, closed early,
    /// truncated or unreadable response).
    Io,
}

/// The Smithy `@retryable` trait of a modeled error, as plain data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RetryableTrait {
    /// `@retryable(throttling: true)`: retry as a throttling error.
    pub throttling: bool,
}

/// What one failed attempt looked like, as the retry policy needs it.
///
/// Built by the client loop from the HTTP response (or the transport error)
/// and the parsed error; every field is optional so that a bare transport
/// failure and a fully modeled service error both fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AttemptOutcome<'a> {
    /// HTTP status of the response, if one arrived.
    pub status: Option<u16>,
    /// Error code of the response (`__type` / `X-Amzn-ErrorType` for
    /// awsJson), raw or already normalized.
    pub error_code: Option<&'a str>,
    /// Set when no complete response arrived.
    pub transport: Option<TransportFailure>,
    /// The error is modeled with `@error("server")` (for Lightsail,
    /// `ServiceException`).
    pub is_modeled_server_fault: bool,
    /// The modeled error carries the `@retryable` trait.
    pub modeled_retryable: Option<RetryableTrait>,
    /// Value of the `x-amz-retry-after` header, see [`parse_retry_after`].
    pub retry_after: Option<Duration>,
}

impl<'a> AttemptOutcome<'a> {
    /// An attempt that got an HTTP response with `status` and, for an error
    /// response, an error code.
    #[must_use]
    pub fn response(status: u16, error_code: Option<&'a str>) -> Self {
        Self {
            status: Some(status),
            error_code,
            ..Self::default()
        }
    }

    /// An attempt that failed in the transport, before a response arrived.
    #[must_use]
    pub fn transport(failure: TransportFailure) -> Self {
        Self {
            transport: Some(failure),
            ..Self::default()
        }
    }

    /// Marks the error as modeled with `@error("server")`.
    #[must_use]
    pub fn with_modeled_server_fault(mut self, is_server_fault: bool) -> Self {
        self.is_modeled_server_fault = is_server_fault;
        self
    }

    /// Records the modeled error's `@retryable` trait.
    #[must_use]
    pub fn with_modeled_retryable(mut self, retryable: RetryableTrait) -> Self {
        self.modeled_retryable = Some(retryable);
        self
    }

    /// Records the server-suggested delay (`x-amz-retry-after`).
    #[must_use]
    pub fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.retry_after = retry_after;
        self
    }
}

/// The class of a failed attempt, which decides whether it is retried, how
/// long the wait is and what the retry costs from the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryKind {
    /// The service throttled the request (throttling error code, HTTP 429 or
    /// `@retryable(throttling: true)`).
    Throttling,
    /// A transient failure: transient error code, HTTP 500/502/503/504,
    /// connection failure, broken connection, or `@retryable`.
    Transient,
    /// The attempt timed out in the transport. Retried like
    /// [`RetryKind::Transient`], but costs more quota in the original standard
    /// mode (10 instead of 5).
    Timeout,
    /// A modeled server fault (`@error("server")`) not recognized by any rule
    /// above. Retried like [`RetryKind::Transient`].
    ServerError,
    /// Anything else: client errors, unknown codes on 4xx responses. Never
    /// retried.
    NotRetryable,
}

impl RetryKind {
    /// Whether a failure of this kind may be retried.
    #[must_use]
    pub fn is_retryable(self) -> bool {
        !matches!(self, Self::NotRetryable)
    }

    /// Whether this is a throttling failure.
    #[must_use]
    pub fn is_throttling(self) -> bool {
        matches!(self, Self::Throttling)
    }
}

/// Reduces an error code as sent on the wire to its bare shape name.
///
/// Per the awsJson error rules, anything from the first `:` on is dropped
/// and anything up to the first `#` is dropped:
/// `aws.lightsail#ServiceException:http://...` becomes `ServiceException`.
#[must_use]
pub fn normalize_error_code(code: &str) -> &str {
    let code = code.split_once(':').map_or(code, |(head, _)| head);
    let code = code.split_once('#').map_or(code, |(_, tail)| tail);
    code.trim()
}

/// Classifies a failed attempt.
///
/// Rules, first match wins (error code before status, as the cross-SDK guide
/// requires, so that a 5xx with a throttling code counts as throttling):
/// 1. a transport failure: [`TransportFailure::Timeout`] is
///    [`RetryKind::Timeout`], the others [`RetryKind::Transient`];
/// 2. a code in [`THROTTLING_ERROR_CODES`] is [`RetryKind::Throttling`];
/// 3. a code in [`TRANSIENT_ERROR_CODES`] is [`RetryKind::Transient`];
/// 4. the `@retryable` trait: throttling or transient as it says;
/// 5. a modeled server fault is [`RetryKind::ServerError`];
/// 6. HTTP 429 is [`RetryKind::Throttling`];
/// 7. HTTP 500, 502, 503, 504 are [`RetryKind::Transient`];
/// 8. everything else is [`RetryKind::NotRetryable`].
#[must_use]
pub fn classify(outcome: &AttemptOutcome<'_>) -> RetryKind {
    if let Some(failure) = outcome.transport {
        return match failure {
            TransportFailure::Timeout => RetryKind::Timeout,
            TransportFailure::Connect | TransportFailure::Io => RetryKind::Transient,
        };
    }
    if let Some(code) = outcome.error_code.map(normalize_error_code) {
        if THROTTLING_ERROR_CODES.contains(&code) {
            return RetryKind::Throttling;
        }
        if TRANSIENT_ERROR_CODES.contains(&code) {
            return RetryKind::Transient;
        }
    }
    if let Some(retryable) = outcome.modeled_retryable {
        return if retryable.throttling {
            RetryKind::Throttling
        } else {
            RetryKind::Transient
        };
    }
    if outcome.is_modeled_server_fault {
        return RetryKind::ServerError;
    }
    match outcome.status {
        Some(THROTTLING_STATUS_CODE) => RetryKind::Throttling,
        Some(status) if TRANSIENT_STATUS_CODES.contains(&status) => RetryKind::Transient,
        _ => RetryKind::NotRetryable,
    }
}

/// Parses an `x-amz-retry-after` header value: a non-negative whole number
/// of milliseconds, surrounding spaces allowed.
///
/// Anything else (sign, fraction, unit, HTTP date, overflow) gives `None`,
/// and the computed backoff is used instead.
#[must_use]
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse::<u64>().ok().map(Duration::from_millis)
}

/// Reads and parses the `x-amz-retry-after` header of a response.
///
/// The first value counts; a missing, non-text or malformed value gives
/// `None`.
#[must_use]
pub fn retry_after_from_headers(headers: &http::HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER_HEADER)
        .and_then(|value| value.to_str().ok())
        .and_then(parse_retry_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_wire_codes() {
        assert_eq!(
            normalize_error_code("aws.lightsail#ServiceException:http://x/y"),
            "ServiceException"
        );
        assert_eq!(
            normalize_error_code("ThrottlingException"),
            "ThrottlingException"
        );
        assert_eq!(normalize_error_code("Foo:bar#baz"), "Foo");
        assert_eq!(normalize_error_code("ns#SlowDown"), "SlowDown");
    }

    #[test]
    fn namespaced_throttling_code_is_recognized() {
        let outcome = AttemptOutcome::response(400, Some("com.amazonaws#ThrottlingException"));
        assert_eq!(classify(&outcome), RetryKind::Throttling);
    }

    #[test]
    fn retry_after_parsing() {
        assert_eq!(parse_retry_after("1500"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("abc"), None);
        assert_eq!(parse_retry_after("-5"), None);
        assert_eq!(parse_retry_after("+5"), None);
        assert_eq!(parse_retry_after("1.5"), None);
        assert_eq!(parse_retry_after(""), None);
        assert_eq!(parse_retry_after("99999999999999999999999"), None);
    }
}
