//! The standard retry strategy: decision, backoff and the shared quota.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use super::classify::{AttemptOutcome, RetryKind, classify};
use super::config::{NO_RETRY_INCREMENT, RETRY_AFTER_MAX_EXTRA, RETRY_QUOTA_CAPACITY, RetryConfig};

/// The retry quota: a bucket of tokens shared by every operation of a client
/// (or of several clients, through an `Arc`).
///
/// Retries take tokens, successes give some back, never above the capacity.
/// When a retry's cost is not available, the retry is refused, so that a
/// widespread outage fails fast instead of multiplying traffic. First
/// attempts never need tokens. Lock-free, `Send + Sync`.
#[derive(Debug)]
pub struct TokenBucket {
    capacity: u32,
    available: AtomicU32,
}

impl Default for TokenBucket {
    fn default() -> Self {
        Self::new(RETRY_QUOTA_CAPACITY)
    }
}

impl TokenBucket {
    /// A full bucket holding `capacity` tokens.
    #[must_use]
    pub fn new(capacity: u32) -> Self {
        Self {
            capacity,
            available: AtomicU32::new(capacity),
        }
    }

    /// Most tokens the bucket can hold.
    #[must_use]
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Tokens available now.
    #[must_use]
    pub fn available(&self) -> u32 {
        self.available.load(Ordering::Acquire)
    }

    /// Takes `cost` tokens if that many are available; otherwise takes
    /// nothing and returns `false`.
    pub fn try_acquire(&self, cost: u32) -> bool {
        self.available
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(cost)
            })
            .is_ok()
    }

    /// Gives back `amount` tokens, up to the capacity.
    pub fn release(&self, amount: u32) {
        let capacity = self.capacity;
        // The closure always returns `Some`, so the update cannot fail.
        let _ = self
            .available
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                Some(tokens.saturating_add(amount).min(capacity))
            });
    }
}

/// Source of the jitter factor of the backoff.
///
/// [`Jitter::sample`] should return a value in `[0, 1)`; values outside
/// `[0, 1]` are clamped into it and NaN counts as 0, so a faulty source can
/// never produce a delay above the cap. Closures `Fn() -> f64` implement it.
pub trait Jitter: Send + Sync {
    /// Draws one jitter factor.
    fn sample(&self) -> f64;
}

impl<F> Jitter for F
where
    F: Fn() -> f64 + Send + Sync,
{
    fn sample(&self) -> f64 {
        self()
    }
}

/// Uniform jitter in `[0, 1)` from `fastrand`'s thread-local generator.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomJitter;

impl Jitter for RandomJitter {
    fn sample(&self) -> f64 {
        fastrand::f64()
    }
}

/// Always the same factor; for tests and reproducible schedules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedJitter(pub f64);

impl Jitter for FixedJitter {
    fn sample(&self) -> f64 {
        self.0
    }
}

/// Why no further attempt is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// The failure is not of a retryable kind.
    NotRetryable,
    /// The attempt that failed was the last one allowed.
    MaxAttemptsReached {
        /// The configured total number of attempts.
        max_attempts: u32,
    },
    /// The retry quota does not hold the tokens this retry costs.
    QuotaExhausted {
        /// Tokens the retry would have cost.
        cost: u32,
        /// Tokens left in the bucket.
        available: u32,
    },
}

impl std::fmt::Display for StopReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotRetryable => f.write_str("the error is not retryable"),
            Self::MaxAttemptsReached { max_attempts } => {
                write!(f, "the maximum of {max_attempts} attempts was reached")
            }
            Self::QuotaExhausted { cost, available } => write!(
                f,
                "the retry quota is exhausted ({available} tokens left, {cost} needed)"
            ),
        }
    }
}

impl std::error::Error for StopReason {}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait `delay`, then send the next attempt.
    Retry {
        /// How long to wait before the next attempt.
        delay: Duration,
        /// How the failure was classified.
        kind: RetryKind,
        /// Tokens taken from the quota for this retry; give them to
        /// [`RetryStrategy::on_success`] if the next attempt succeeds.
        cost: u32,
    },
    /// Surface the failure.
    Stop {
        /// Why.
        reason: StopReason,
    },
}

impl RetryDecision {
    /// The delay, for a [`RetryDecision::Retry`].
    #[must_use]
    pub fn delay(&self) -> Option<Duration> {
        match self {
            Self::Retry { delay, .. } => Some(*delay),
            Self::Stop { .. } => None,
        }
    }

    /// Whether this decision is to retry.
    #[must_use]
    pub fn is_retry(&self) -> bool {
        matches!(self, Self::Retry { .. })
    }
}

/// The standard retry strategy, shared by all operations of a client.
///
/// Cloning is cheap and shares the [`TokenBucket`] and the jitter source.
#[derive(Clone)]
pub struct RetryStrategy {
    config: RetryConfig,
    bucket: Arc<TokenBucket>,
    jitter: Arc<dyn Jitter>,
}

impl fmt::Debug for RetryStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryStrategy")
            .field("config", &self.config)
            .field("bucket", &self.bucket)
            .finish_non_exhaustive()
    }
}

impl Default for RetryStrategy {
    fn default() -> Self {
        Self::new(RetryConfig::default())
    }
}

impl RetryStrategy {
    /// A strategy with its own full quota ([`RETRY_QUOTA_CAPACITY`]
    /// tokens) and random jitter.
    #[must_use]
    pub fn new(config: RetryConfig) -> Self {
        Self {
            config,
            bucket: Arc::new(TokenBucket::default()),
            jitter: Arc::new(RandomJitter),
        }
    }

    /// Replaces the jitter source (for instance [`FixedJitter`] in tests).
    #[must_use]
    pub fn with_jitter(mut self, jitter: impl Jitter + 'static) -> Self {
        self.jitter = Arc::new(jitter);
        self
    }

    /// Uses `bucket` as the quota, to share one quota between strategies.
    #[must_use]
    pub fn with_token_bucket(mut self, bucket: Arc<TokenBucket>) -> Self {
        self.bucket = bucket;
        self
    }

    /// The settings in use.
    #[must_use]
    pub fn config(&self) -> &RetryConfig {
        &self.config
    }

    /// The quota.
    #[must_use]
    pub fn token_bucket(&self) -> &Arc<TokenBucket> {
        &self.bucket
    }

    /// Starts the bookkeeping of one operation.
    #[must_use]
    pub fn begin(&self) -> OperationRetries<'_> {
        OperationRetries {
            strategy: self,
            attempt: 1,
            last_retry_cost: None,
        }
    }

    /// Decides what follows the failure of attempt number `attempt`
    /// (1 for the first attempt; 0 is read as 1).
    ///
    /// Order: a failure that is not retryable stops; then the attempt limit;
    /// then the quota, whose tokens are taken only when the retry goes ahead.
    pub fn should_retry(&self, attempt: u32, outcome: &AttemptOutcome<'_>) -> RetryDecision {
        let attempt = attempt.max(1);
        let kind = classify(outcome);
        if !kind.is_retryable() {
            return RetryDecision::Stop {
                reason: StopReason::NotRetryable,
            };
        }
        let max_attempts = self.config.effective_max_attempts();
        if attempt >= max_attempts {
            return RetryDecision::Stop {
                reason: StopReason::MaxAttemptsReached { max_attempts },
            };
        }
        let cost = self.config.retry_cost(kind);
        if !self.bucket.try_acquire(cost) {
            return RetryDecision::Stop {
                reason: StopReason::QuotaExhausted {
                    cost,
                    available: self.bucket.available(),
                },
            };
        }
        RetryDecision::Retry {
            delay: self.delay(attempt, kind, outcome.retry_after),
            kind,
            cost,
        }
    }

    /// Records a successful attempt. `last_retry_cost` is the `cost` of the
    /// [`RetryDecision::Retry`] that led to it, or `None` when the first
    /// attempt succeeded; that many tokens ([`NO_RETRY_INCREMENT`] for
    /// `None`) go back to the quota, up to its capacity.
    pub fn on_success(&self, last_retry_cost: Option<u32>) {
        self.bucket
            .release(last_retry_cost.unwrap_or(NO_RETRY_INCREMENT));
    }

    /// The delay before the attempt following the failed attempt `attempt`
    /// (1-based), without touching the quota.
    ///
    /// `jitter * min(base * 2^(attempt - 1), max_backoff)`, the base chosen by
    /// [`RetryConfig::base_delay`]. Under the 2026 revision a `retry_after`
    /// replaces it, clamped to `[delay, delay + 5 s]` with no further jitter.
    #[must_use]
    pub fn delay(&self, attempt: u32, kind: RetryKind, retry_after: Option<Duration>) -> Duration {
        let retry_index = attempt.max(1) - 1;
        let capped = exponential_backoff(
            self.config.base_delay(kind),
            retry_index,
            self.config.max_backoff,
        );
        let backoff = scale(capped, sanitize_jitter(self.jitter.sample()));
        match retry_after {
            Some(suggested) if self.config.new_retries_2026 => suggested
                .max(backoff)
                .min(backoff.saturating_add(RETRY_AFTER_MAX_EXTRA)),
            _ => backoff,
        }
    }
}

/// `min(base * 2^retry_index, max)`, without overflow.
fn exponential_backoff(base: Duration, retry_index: u32, max: Duration) -> Duration {
    2u32.checked_pow(retry_index)
        .and_then(|factor| base.checked_mul(factor))
        .map_or(max, |delay| delay.min(max))
}

/// Clamps a jitter sample into `[0, 1]`; NaN becomes 0.
fn sanitize_jitter(sample: f64) -> f64 {
    if sample.is_nan() {
        0.0
    } else {
        sample.clamp(0.0, 1.0)
    }
}

/// `duration * factor` for `factor` in `[0, 1]`, never above `duration`.
fn scale(duration: Duration, factor: f64) -> Duration {
    if factor >= 1.0 {
        return duration;
    }
    Duration::try_from_secs_f64(duration.as_secs_f64() * factor)
        .map_or(duration, |scaled| scaled.min(duration))
}

/// Bookkeeping of one operation's attempts against a [`RetryStrategy`].
///
/// Tracks the attempt number and the cost of the last retry, so the client
/// loop only reports outcomes.
#[derive(Debug)]
pub struct OperationRetries<'a> {
    strategy: &'a RetryStrategy,
    attempt: u32,
    last_retry_cost: Option<u32>,
}

impl OperationRetries<'_> {
    /// Number of the attempt being made, starting at 1.
    #[must_use]
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Total attempts allowed.
    #[must_use]
    pub fn max_attempts(&self) -> u32 {
        self.strategy.config().effective_max_attempts()
    }

    /// Reports that the current attempt failed; on
    /// [`RetryDecision::Retry`] the attempt number moves on.
    pub fn on_failure(&mut self, outcome: &AttemptOutcome<'_>) -> RetryDecision {
        let decision = self.strategy.should_retry(self.attempt, outcome);
        if let RetryDecision::Retry { cost, .. } = decision {
            self.attempt = self.attempt.saturating_add(1);
            self.last_retry_cost = Some(cost);
        }
        decision
    }

    /// Reports that the current attempt succeeded, refilling the quota.
    pub fn on_success(self) {
        self.strategy.on_success(self.last_retry_cost);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponential_backoff_saturates() {
        let second = Duration::from_secs(1);
        let cap = Duration::from_secs(20);
        assert_eq!(exponential_backoff(second, 0, cap), second);
        assert_eq!(exponential_backoff(second, 4, cap), Duration::from_secs(16));
        assert_eq!(exponential_backoff(second, 5, cap), cap);
        assert_eq!(exponential_backoff(second, 31, cap), cap);
        assert_eq!(exponential_backoff(second, 32, cap), cap);
        assert_eq!(exponential_backoff(second, u32::MAX, cap), cap);
        assert_eq!(exponential_backoff(Duration::MAX, 1, cap), cap);
    }

    #[test]
    fn jitter_is_sanitized() {
        assert!((sanitize_jitter(f64::NAN)).abs() < f64::EPSILON);
        assert!((sanitize_jitter(-3.0)).abs() < f64::EPSILON);
        assert!((sanitize_jitter(7.0) - 1.0).abs() < f64::EPSILON);
        assert_eq!(scale(Duration::from_secs(2), 0.5), Duration::from_secs(1));
        assert_eq!(scale(Duration::MAX, 1.0), Duration::MAX);
        assert!(scale(Duration::MAX, 0.999_999) <= Duration::MAX);
    }

    #[test]
    fn bucket_never_exceeds_capacity_or_underflows() {
        let bucket = TokenBucket::new(10);
        assert!(!bucket.try_acquire(11));
        assert_eq!(bucket.available(), 10);
        assert!(bucket.try_acquire(10));
        assert!(!bucket.try_acquire(1));
        bucket.release(u32::MAX);
        assert_eq!(bucket.available(), 10);
    }
}
