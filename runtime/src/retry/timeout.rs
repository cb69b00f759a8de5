//! Timeout settings of a client; plain data. No AWS SDK reads timeouts from
//! the environment or the shared config files, so neither does this.

use std::time::Duration;

/// Default connect timeout: 3.1 s, the AWS SDK for Rust default
/// (smithy-rs `aws-smithy-runtime` default timeout configuration).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// Default read timeout: 60 s, the AWS CLI's `--cli-read-timeout` default
/// (botocore's `read_timeout`).
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);

/// Timeouts of a client.
///
/// - `connect`: setting up one connection (DNS, TCP, TLS). Default
///   [`DEFAULT_CONNECT_TIMEOUT`]; a connection that hangs would otherwise
///   block an attempt for the operating system's own timeout.
/// - `read`: the longest wait for data from the server: for the response
///   head after the request is sent, and between two pieces of the body.
///   Default [`DEFAULT_READ_TIMEOUT`], so that a stalled server never hangs a
///   call; a slow but live response is not cut off.
/// - `attempt`: one attempt, from sending the request to reading the whole
///   response. Default none: a slow but live response is not cut off.
/// - `operation`: the whole operation, all attempts and retry delays
///   included. Default none, as in the AWS SDKs.
///
/// A timed-out attempt is a [`TransportFailure::Timeout`](super::TransportFailure::Timeout)
/// and is retried; an expired operation timeout ends the operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeoutConfig {
    connect: Option<Duration>,
    read: Option<Duration>,
    attempt: Option<Duration>,
    operation: Option<Duration>,
}

impl Default for TimeoutConfig {
    fn default() -> Self {
        Self {
            connect: Some(DEFAULT_CONNECT_TIMEOUT),
            read: Some(DEFAULT_READ_TIMEOUT),
            attempt: None,
            operation: None,
        }
    }
}

impl TimeoutConfig {
    /// The defaults: 3.1 s to connect, 60 s to read, no attempt or operation limit.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// No timeout at all.
    #[must_use]
    pub fn disabled() -> Self {
        Self {
            connect: None,
            read: None,
            attempt: None,
            operation: None,
        }
    }

    /// Sets the connect timeout; `None` removes it.
    #[must_use]
    pub fn with_connect_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.connect = timeout.into();
        self
    }

    /// Sets the read timeout; `None` removes it.
    #[must_use]
    pub fn with_read_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.read = timeout.into();
        self
    }

    /// Sets the per-attempt timeout; `None` removes it.
    #[must_use]
    pub fn with_attempt_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.attempt = timeout.into();
        self
    }

    /// Sets the whole-operation timeout; `None` removes it.
    #[must_use]
    pub fn with_operation_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.operation = timeout.into();
        self
    }

    /// The connect timeout.
    #[must_use]
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect
    }

    /// The read timeout.
    #[must_use]
    pub fn read_timeout(&self) -> Option<Duration> {
        self.read
    }

    /// The per-attempt timeout.
    #[must_use]
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt
    }

    /// The whole-operation timeout.
    #[must_use]
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation
    }

    /// Time left in the operation after `elapsed` since it started, or
    /// `None` without an operation timeout. `Some(ZERO)` once it expired.
    #[must_use]
    pub fn remaining(&self, elapsed: Duration) -> Option<Duration> {
        self.operation.map(|limit| limit.saturating_sub(elapsed))
    }

    /// Time limit for an attempt starting `elapsed` after the operation
    /// started: the shorter of the attempt timeout and the time left in the
    /// operation; `None` when neither is set.
    #[must_use]
    pub fn attempt_limit(&self, elapsed: Duration) -> Option<Duration> {
        match (self.attempt, self.remaining(elapsed)) {
            (Some(attempt), Some(left)) => Some(attempt.min(left)),
            (attempt, left) => attempt.or(left),
        }
    }

    /// Whether waiting `delay` at `elapsed` into the operation still leaves
    /// time for another attempt (always true without an operation timeout).
    #[must_use]
    pub fn allows_retry_after(&self, elapsed: Duration, delay: Duration) -> bool {
        self.remaining(elapsed).is_none_or(|left| delay < left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_limit_combines_both_timeouts() {
        let s = Duration::from_secs;
        let config = TimeoutConfig::disabled();
        assert_eq!(config.attempt_limit(s(5)), None);
        let config = config.with_attempt_timeout(s(2));
        assert_eq!(config.attempt_limit(s(5)), Some(s(2)));
        let config = config.with_operation_timeout(s(10));
        assert_eq!(config.attempt_limit(s(0)), Some(s(2)));
        assert_eq!(config.attempt_limit(s(9)), Some(s(1)));
        assert_eq!(config.attempt_limit(s(11)), Some(Duration::ZERO));
        let config = config.with_attempt_timeout(None);
        assert_eq!(config.attempt_limit(s(4)), Some(s(6)));
    }

    #[test]
    fn retry_allowed_only_within_operation_budget() {
        let s = Duration::from_secs;
        assert!(TimeoutConfig::new().allows_retry_after(s(1000), s(20)));
        let config = TimeoutConfig::new().with_operation_timeout(s(10));
        assert!(config.allows_retry_after(s(5), s(4)));
        assert!(!config.allows_retry_after(s(5), s(5)));
        assert!(!config.allows_retry_after(s(12), Duration::ZERO));
    }
}
