//! Retry policy and timeout configuration, without I/O.
//!
//! The client loop drives these types; nothing here sleeps, spawns or reads a
//! clock. One operation goes like this:
//!
//! 1. Send attempt `n` (starting at 1), bounded by the [`TimeoutConfig`].
//! 2. On success, call [`RetryStrategy::on_success`] (or
//!    [`OperationRetries::on_success`]) so the shared retry quota refills.
//! 3. On failure, describe what happened as an [`AttemptOutcome`] and ask
//!    [`RetryStrategy::should_retry`]. It classifies the failure
//!    ([`classify`]), checks the attempt limit, takes tokens from the shared
//!    [`TokenBucket`] and computes the delay; the answer is a
//!    [`RetryDecision`]: wait `delay` and send attempt `n + 1`, or stop and
//!    surface the error.
//!
//! # Behaviour
//!
//! This is the "standard" retry mode of the AWS SDKs, in its original form
//! and, when [`RetryConfig::new_retries_2026`] is set (environment variable
//! `AWS_NEW_RETRIES_2026=true`), in its 2026 revision. The numbers come from
//! the AWS SDKs and Tools Reference Guide, page "Retry behavior"
//! (<https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html>),
//! and from the AWS SDK for Rust (smithy-rs `aws-runtime` retry classifiers
//! and `aws-smithy-runtime` token bucket) for the original form.
//!
//! | | standard | standard, 2026 revision |
//! | --- | --- | --- |
//! | max attempts | 3 | 3 |
//! | base delay, throttling | 1 s | 1 s |
//! | base delay, other retryable errors | 1 s | 50 ms |
//! | delay | `jitter * min(base * 2^i, 20 s)` | same |
//! | quota capacity | 500 | 500 |
//! | cost, throttling retry | 5 | 5 |
//! | cost, timeout retry | 10 | 14 |
//! | cost, other retry | 5 | 14 |
//! | refund, success after a retry | that retry's cost | same |
//! | refund, success at first attempt | 1 | 1 |
//! | `x-amz-retry-after` | ignored | clamped to `[delay, delay + 5 s]` |
//!
//! `i` is the retry index: 0 for the first retry (after attempt 1 failed),
//! `jitter` is drawn uniformly from `[0, 1)`.

mod classify;
mod config;
mod strategy;
mod timeout;

pub use classify::{
    AttemptOutcome, RETRY_AFTER_HEADER, RetryKind, RetryableTrait, THROTTLING_ERROR_CODES,
    THROTTLING_STATUS_CODE, TRANSIENT_ERROR_CODES, TRANSIENT_STATUS_CODES, TransportFailure,
    classify, normalize_error_code, parse_retry_after, retry_after_from_headers,
};
pub use config::{
    DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_BACKOFF,
    DEFAULT_TRANSIENT_BACKOFF_2026, ENV_MAX_ATTEMPTS, ENV_NEW_RETRIES_2026, ENV_RETRY_MODE,
    NO_RETRY_INCREMENT, RETRY_AFTER_MAX_EXTRA, RETRY_COST, RETRY_QUOTA_CAPACITY, RetryConfig,
    RetryConfigError, RetryMode, THROTTLING_RETRY_COST_2026, TIMEOUT_RETRY_COST,
    TRANSIENT_RETRY_COST_2026, parse_bool_setting, parse_max_attempts,
};
pub use strategy::{
    FixedJitter, Jitter, OperationRetries, RandomJitter, RetryDecision, RetryStrategy, StopReason,
    TokenBucket,
};
pub use timeout::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, TimeoutConfig};
