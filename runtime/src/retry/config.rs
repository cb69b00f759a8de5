//! Retry configuration: defaults, constants and the environment variables.

use std::time::Duration;

use super::classify::RetryKind;

/// Default total number of attempts, the first one included (so two retries).
/// AWS SDKs and Tools Reference Guide, "Retry behavior": max attempts 3.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// Base delay of the exponential backoff in the original standard mode, for
/// every retryable error, and for throttling errors in the 2026 revision.
/// Standard-mode specification of the AWS SDKs (`b = 1 s`; AWS SDK for Java
/// 2.x `StandardRetryStrategy`: "base delay of 1 second"), kept at 1,000 ms
/// for throttling by the 2026 revision of the cross-SDK guide.
pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_secs(1);

/// Base delay for non-throttling errors under the 2026 revision: 50 ms
/// (cross-SDK guide, "Retry behavior", 2026; DynamoDB clients use 25 ms,
/// settable through [`RetryConfig::with_transient_backoff`]).
pub const DEFAULT_TRANSIENT_BACKOFF_2026: Duration = Duration::from_millis(50);

/// Cap on the computed backoff before jitter: 20 s (`MAX_BACKOFF` of the
/// standard-mode specification, same in the 2026 revision).
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(20);

/// How far above the computed backoff an `x-amz-retry-after` value may take
/// the delay under the 2026 revision: the value is clamped to
/// `[backoff, backoff + 5 s]` (cross-SDK guide, "Server-directed retry
/// timing"; the same clamp in the AWS SDK for .NET and PHP).
pub const RETRY_AFTER_MAX_EXTRA: Duration = Duration::from_secs(5);

/// Capacity of the retry quota, which starts full: 500 tokens (smithy-rs
/// token bucket `DEFAULT_CAPACITY`; unchanged in the 2026 revision).
pub const RETRY_QUOTA_CAPACITY: u32 = 500;

/// Tokens a retry costs in the original standard mode (smithy-rs
/// `RETRY_COST`, botocore, AWS SDK for C++ and JavaScript: 5).
pub const RETRY_COST: u32 = 5;

/// Tokens a retry after a timeout costs in the original standard mode
/// (`TIMEOUT_RETRY_COST` = 10 in the AWS SDKs; applied to transport
/// timeouts, [`RetryKind::Timeout`]).
pub const TIMEOUT_RETRY_COST: u32 = 10;

/// Tokens a first-attempt success gives back (`NO_RETRY_INCREMENT` = 1, in
/// both forms of standard mode).
pub const NO_RETRY_INCREMENT: u32 = 1;

/// Tokens a non-throttling retry (timeouts included) costs under the 2026
/// revision: 14 (cross-SDK guide; AWS SDK for C++ tests "TransientRetryCost").
pub const TRANSIENT_RETRY_COST_2026: u32 = 14;

/// Tokens a throttling retry costs under the 2026 revision: 5.
pub const THROTTLING_RETRY_COST_2026: u32 = 5;

/// Environment variable for the total number of attempts.
pub const ENV_MAX_ATTEMPTS: &str = "AWS_MAX_ATTEMPTS";
/// Environment variable for the retry mode.
pub const ENV_RETRY_MODE: &str = "AWS_RETRY_MODE";
/// Environment variable that opts into the 2026 revision of standard mode.
pub const ENV_NEW_RETRIES_2026: &str = "AWS_NEW_RETRIES_2026";

/// Retry mode.
///
/// Only standard mode is implemented. The setting value `adaptive` is
/// accepted and runs standard mode: adaptive mode is standard mode plus a
/// client-side rate limiter that may delay first attempts, and without that
/// limiter the classification, backoff and quota are exactly standard mode's.
/// The value `legacy` is refused: legacy behaviour differs from SDK to SDK
/// and is not offered by the AWS SDK for Rust either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum RetryMode {
    /// The AWS SDKs' standard retry mode.
    #[default]
    Standard,
}

impl RetryMode {
    /// Parses a retry-mode setting (`standard`, `adaptive`; ASCII case and
    /// surrounding spaces ignored). `setting` names the variable or key the
    /// value came from, for the error.
    pub fn parse(setting: &'static str, value: &str) -> Result<Self, RetryConfigError> {
        let trimmed = value.trim();
        if trimmed.eq_ignore_ascii_case("standard") || trimmed.eq_ignore_ascii_case("adaptive") {
            Ok(Self::Standard)
        } else if trimmed.eq_ignore_ascii_case("legacy") {
            Err(RetryConfigError::LegacyRetryModeUnsupported {
                setting,
                value: value.to_owned(),
            })
        } else {
            Err(RetryConfigError::UnknownRetryMode {
                setting,
                value: value.to_owned(),
            })
        }
    }
}

/// A retry setting that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryConfigError {
    /// The attempt count is not a positive integer.
    InvalidMaxAttempts {
        /// Variable or key the value came from.
        setting: &'static str,
        /// The value as given.
        value: String,
    },
    /// The retry mode is not one of the known values.
    UnknownRetryMode {
        /// Variable or key the value came from.
        setting: &'static str,
        /// The value as given.
        value: String,
    },
    /// `legacy` was asked for.
    LegacyRetryModeUnsupported {
        /// Variable or key the value came from.
        setting: &'static str,
        /// The value as given.
        value: String,
    },
    /// A flag is neither `true` nor `false`.
    InvalidBoolean {
        /// Variable or key the value came from.
        setting: &'static str,
        /// The value as given.
        value: String,
    },
}

impl std::fmt::Display for RetryConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::InvalidMaxAttempts { setting, value } => write!(
                f,
                "{setting}={value:?} is not a valid number of attempts: expected a positive integer (1 disables retries)"
            ),
            Self::UnknownRetryMode { setting, value } => write!(
                f,
                "{setting}={value:?} is not a retry mode: expected `standard` or `adaptive`"
            ),
            Self::LegacyRetryModeUnsupported { setting, value } => write!(
                f,
                "{setting}={value:?}: the legacy retry mode differs between AWS SDKs and is not supported; use `standard`"
            ),
            Self::InvalidBoolean { setting, value } => write!(
                f,
                "{setting}={value:?} is not a boolean: expected `true` or `false`"
            ),
        }
    }
}

impl std::error::Error for RetryConfigError {}

/// Parses an attempt-count setting: a positive integer, surrounding spaces
/// allowed. `0`, negative numbers, fractions and words are errors.
pub fn parse_max_attempts(setting: &'static str, value: &str) -> Result<u32, RetryConfigError> {
    match value.trim().parse::<u32>() {
        Ok(n) if n >= 1 && !value.trim().starts_with('+') => Ok(n),
        _ => Err(RetryConfigError::InvalidMaxAttempts {
            setting,
            value: value.to_owned(),
        }),
    }
}

/// Parses a boolean setting: `true` or `false`, ASCII case and surrounding
/// spaces ignored.
pub fn parse_bool_setting(setting: &'static str, value: &str) -> Result<bool, RetryConfigError> {
    let trimmed = value.trim();
    if trimmed.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if trimmed.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(RetryConfigError::InvalidBoolean {
            setting,
            value: value.to_owned(),
        })
    }
}

/// Retry settings of a client.
///
/// Precedence, as in the AWS SDKs: start from [`RetryConfig::from_env`]
/// (defaults overlaid with the environment), then apply what the code sets
/// with the `with_*` methods.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryConfig {
    /// Total attempts, the first one included; 1 disables retries. A 0 is
    /// treated as 1.
    pub max_attempts: u32,
    /// Retry mode.
    pub mode: RetryMode,
    /// Use the 2026 revision of standard mode (`AWS_NEW_RETRIES_2026=true`):
    /// [`RetryConfig::transient_backoff`] as base for non-throttling errors,
    /// retry costs 14/5, `x-amz-retry-after` honoured.
    pub new_retries_2026: bool,
    /// Base delay of the backoff: for every retryable error in the original
    /// standard mode, for throttling errors in the 2026 revision.
    pub initial_backoff: Duration,
    /// Base delay for non-throttling errors in the 2026 revision (unused
    /// otherwise).
    pub transient_backoff: Duration,
    /// Cap on the computed backoff, applied before jitter.
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryConfig {
    /// Standard mode with the SDK defaults: 3 attempts, 1 s base, 20 s cap,
    /// original (pre-2026) form.
    #[must_use]
    pub fn standard() -> Self {
        Self {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            mode: RetryMode::Standard,
            new_retries_2026: false,
            initial_backoff: DEFAULT_INITIAL_BACKOFF,
            transient_backoff: DEFAULT_TRANSIENT_BACKOFF_2026,
            max_backoff: DEFAULT_MAX_BACKOFF,
        }
    }

    /// A single attempt, no retries.
    #[must_use]
    pub fn disabled() -> Self {
        Self::standard().with_max_attempts(1)
    }

    /// The defaults overlaid with `AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE` and
    /// `AWS_NEW_RETRIES_2026` as returned by `lookup` (which returns `None`
    /// for an unset variable). A variable set to an empty or all-space value
    /// counts as unset.
    ///
    /// # Errors
    /// A [`RetryConfigError`] naming the variable and its value when a value
    /// is malformed: an attempt count that is not a positive integer, an
    /// unknown or `legacy` retry mode, a flag other than `true`/`false`.
    pub fn from_env<F>(lookup: F) -> Result<Self, RetryConfigError>
    where
        F: Fn(&str) -> Option<String>,
    {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let mut config = Self::standard();
        if let Some(value) = get(ENV_MAX_ATTEMPTS) {
            config.max_attempts = parse_max_attempts(ENV_MAX_ATTEMPTS, &value)?;
        }
        if let Some(value) = get(ENV_RETRY_MODE) {
            config.mode = RetryMode::parse(ENV_RETRY_MODE, &value)?;
        }
        if let Some(value) = get(ENV_NEW_RETRIES_2026) {
            config.new_retries_2026 = parse_bool_setting(ENV_NEW_RETRIES_2026, &value)?;
        }
        Ok(config)
    }

    /// [`RetryConfig::from_env`] over the process environment. A variable
    /// whose value is not valid Unicode counts as unset.
    ///
    /// # Errors
    /// As [`RetryConfig::from_env`].
    pub fn from_process_env() -> Result<Self, RetryConfigError> {
        Self::from_env(|name| std::env::var(name).ok())
    }

    /// Sets the total number of attempts; 0 is stored as 1.
    #[must_use]
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// Sets the retry mode.
    #[must_use]
    pub fn with_mode(mut self, mode: RetryMode) -> Self {
        self.mode = mode;
        self
    }

    /// Switches the 2026 revision on or off.
    #[must_use]
    pub fn with_new_retries_2026(mut self, enabled: bool) -> Self {
        self.new_retries_2026 = enabled;
        self
    }

    /// Sets the base delay (all errors originally, throttling under 2026).
    #[must_use]
    pub fn with_initial_backoff(mut self, base: Duration) -> Self {
        self.initial_backoff = base;
        self
    }

    /// Sets the base delay for non-throttling errors under the 2026
    /// revision (25 ms for DynamoDB, 50 ms otherwise).
    #[must_use]
    pub fn with_transient_backoff(mut self, base: Duration) -> Self {
        self.transient_backoff = base;
        self
    }

    /// Sets the cap on the computed backoff.
    #[must_use]
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Total attempts, never below 1.
    #[must_use]
    pub fn effective_max_attempts(&self) -> u32 {
        self.max_attempts.max(1)
    }

    /// Base delay of the backoff for a failure of `kind`.
    #[must_use]
    pub fn base_delay(&self, kind: RetryKind) -> Duration {
        if self.new_retries_2026 && !kind.is_throttling() {
            self.transient_backoff
        } else {
            self.initial_backoff
        }
    }

    /// Tokens a retry after a failure of `kind` takes from the quota (0 for
    /// a failure that is not retried).
    #[must_use]
    pub fn retry_cost(&self, kind: RetryKind) -> u32 {
        match (kind, self.new_retries_2026) {
            (RetryKind::NotRetryable, _) => 0,
            (RetryKind::Throttling, true) => THROTTLING_RETRY_COST_2026,
            (_, true) => TRANSIENT_RETRY_COST_2026,
            (RetryKind::Timeout, false) => TIMEOUT_RETRY_COST,
            (_, false) => RETRY_COST,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn max_attempts_rejects_plus_sign_and_zero() {
        assert!(parse_max_attempts("X", "+3").is_err());
        assert!(parse_max_attempts("X", "0").is_err());
        assert_eq!(parse_max_attempts("X", " 7 ").unwrap(), 7);
    }

    #[test]
    fn costs_per_revision() {
        let old = RetryConfig::standard();
        let new = RetryConfig::standard().with_new_retries_2026(true);
        assert_eq!(old.retry_cost(RetryKind::Throttling), 5);
        assert_eq!(old.retry_cost(RetryKind::Transient), 5);
        assert_eq!(old.retry_cost(RetryKind::ServerError), 5);
        assert_eq!(old.retry_cost(RetryKind::Timeout), 10);
        assert_eq!(new.retry_cost(RetryKind::Throttling), 5);
        assert_eq!(new.retry_cost(RetryKind::Transient), 14);
        assert_eq!(new.retry_cost(RetryKind::Timeout), 14);
        assert_eq!(new.retry_cost(RetryKind::NotRetryable), 0);
    }
}
