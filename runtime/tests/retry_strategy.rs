//! The standard retry strategy with a fixed jitter: backoff sequences,
//! attempt limit, quota arithmetic, and the 2026 revision's differences.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

use std::sync::Arc;
use std::time::Duration;

use awsgen_runtime::retry::{
    AttemptOutcome, FixedJitter, RetryConfig, RetryDecision, RetryKind, RetryStrategy, StopReason,
    TokenBucket, TransportFailure,
};

const MS: fn(u64) -> Duration = Duration::from_millis;
const S: fn(u64) -> Duration = Duration::from_secs;

fn strategy(config: RetryConfig, jitter: f64) -> RetryStrategy {
    RetryStrategy::new(config).with_jitter(FixedJitter(jitter))
}

fn transient() -> AttemptOutcome<'static> {
    AttemptOutcome::response(503, None)
}

fn throttled() -> AttemptOutcome<'static> {
    AttemptOutcome::response(400, Some("ThrottlingException"))
}

fn timeout() -> AttemptOutcome<'static> {
    AttemptOutcome::transport(TransportFailure::Timeout)
}

fn client_error() -> AttemptOutcome<'static> {
    AttemptOutcome::response(400, Some("InvalidInputException"))
}

fn retry_delay(decision: RetryDecision) -> Duration {
    match decision {
        RetryDecision::Retry { delay, .. } => delay,
        RetryDecision::Stop { reason } => panic!("expected a retry, got a stop: {reason}"),
    }
}

fn stop_reason(decision: RetryDecision) -> StopReason {
    match decision {
        RetryDecision::Stop { reason } => reason,
        RetryDecision::Retry { .. } => panic!("expected a stop, got {decision:?}"),
    }
}

#[test]
fn defaults() {
    let config = RetryConfig::default();
    assert_eq!(config.max_attempts, 3);
    assert_eq!(config.initial_backoff, S(1));
    assert_eq!(config.max_backoff, S(20));
    assert!(!config.new_retries_2026);
    let strategy = RetryStrategy::default();
    assert_eq!(strategy.token_bucket().capacity(), 500);
    assert_eq!(strategy.token_bucket().available(), 500);
}

#[test]
fn backoff_sequence_with_full_jitter_is_1_2_4_8_16_20_20_seconds() {
    let strategy = strategy(RetryConfig::standard().with_max_attempts(10), 1.0);
    let delays: Vec<Duration> = (1..=7)
        .map(|attempt| retry_delay(strategy.should_retry(attempt, &transient())))
        .collect();
    assert_eq!(delays, [S(1), S(2), S(4), S(8), S(16), S(20), S(20)]);
    // Throttling uses the same base in the original form.
    let throttling: Vec<Duration> = (1..=7)
        .map(|attempt| strategy.delay(attempt, RetryKind::Throttling, None))
        .collect();
    assert_eq!(throttling, delays);
    // Far beyond the cap nothing overflows.
    assert_eq!(strategy.delay(u32::MAX, RetryKind::Transient, None), S(20));
    // Seven retries of cost 5 were taken.
    assert_eq!(strategy.token_bucket().available(), 500 - 7 * 5);
}

#[test]
fn jitter_scales_the_capped_backoff() {
    let half = strategy(RetryConfig::standard(), 0.5);
    assert_eq!(half.delay(1, RetryKind::Transient, None), MS(500));
    assert_eq!(half.delay(3, RetryKind::Transient, None), S(2));
    // The cap applies before jitter: 0.5 * min(32 s, 20 s).
    assert_eq!(half.delay(6, RetryKind::Transient, None), S(10));
    let zero = strategy(RetryConfig::standard(), 0.0);
    assert_eq!(zero.delay(4, RetryKind::Throttling, None), Duration::ZERO);
    // Out-of-range samples are clamped, NaN counts as zero.
    let wild = strategy(RetryConfig::standard(), 7.5);
    assert_eq!(wild.delay(9, RetryKind::Transient, None), S(20));
    let nan = strategy(RetryConfig::standard(), f64::NAN);
    assert_eq!(nan.delay(2, RetryKind::Transient, None), Duration::ZERO);
    // A custom closure is a jitter source too.
    let closure = RetryStrategy::new(RetryConfig::standard()).with_jitter(|| 0.25);
    assert_eq!(closure.delay(3, RetryKind::Transient, None), S(1));
}

#[test]
fn custom_backoff_settings() {
    let config = RetryConfig::standard()
        .with_initial_backoff(MS(100))
        .with_max_backoff(MS(350))
        .with_max_attempts(10);
    let strategy = strategy(config, 1.0);
    let delays: Vec<Duration> = (1..=4)
        .map(|a| strategy.delay(a, RetryKind::Transient, None))
        .collect();
    assert_eq!(delays, [MS(100), MS(200), MS(350), MS(350)]);
}

#[test]
fn max_attempts_are_respected() {
    let strategy = strategy(RetryConfig::standard(), 1.0);
    let mut op = strategy.begin();
    assert_eq!(op.attempt(), 1);
    assert_eq!(op.max_attempts(), 3);
    let mut decisions = Vec::new();
    for _ in 0..10 {
        let decision = op.on_failure(&transient());
        decisions.push(decision);
        if !decision.is_retry() {
            break;
        }
    }
    assert_eq!(decisions.len(), 3, "{decisions:?}");
    assert!(decisions[0].is_retry() && decisions[1].is_retry());
    assert_eq!(
        stop_reason(decisions[2]),
        StopReason::MaxAttemptsReached { max_attempts: 3 }
    );
    assert_eq!(op.attempt(), 3);
    // Only the two retries took tokens.
    assert_eq!(strategy.token_bucket().available(), 490);

    // One attempt: no retry at all, no tokens.
    let single = strategy_with_attempts(1);
    assert_eq!(
        stop_reason(single.should_retry(1, &throttled())),
        StopReason::MaxAttemptsReached { max_attempts: 1 }
    );
    assert_eq!(single.token_bucket().available(), 500);
    // Zero is read as one.
    let mut config = RetryConfig::standard();
    config.max_attempts = 0;
    let zero = RetryStrategy::new(config);
    assert!(!zero.should_retry(1, &throttled()).is_retry());
    assert_eq!(RetryConfig::standard().with_max_attempts(0).max_attempts, 1);
    assert_eq!(RetryConfig::disabled().max_attempts, 1);

    let five = strategy_with_attempts(5);
    assert!(five.should_retry(4, &transient()).is_retry());
    assert!(!five.should_retry(5, &transient()).is_retry());
    assert!(!five.should_retry(6, &transient()).is_retry());
}

fn strategy_with_attempts(max_attempts: u32) -> RetryStrategy {
    strategy(RetryConfig::standard().with_max_attempts(max_attempts), 1.0)
}

#[test]
fn non_retryable_errors_stop_without_tokens() {
    let strategy = strategy(RetryConfig::standard(), 1.0);
    assert_eq!(
        stop_reason(strategy.should_retry(1, &client_error())),
        StopReason::NotRetryable
    );
    assert_eq!(
        stop_reason(strategy.should_retry(1, &AttemptOutcome::response(404, None))),
        StopReason::NotRetryable
    );
    assert_eq!(strategy.token_bucket().available(), 500);
}

#[test]
fn quota_arithmetic_original_form() {
    let strategy = strategy(RetryConfig::standard(), 1.0);
    let bucket = strategy.token_bucket();
    // 500 -> 5 per transient or throttling retry, 10 per timeout retry.
    for n in 1..=10 {
        assert!(strategy.should_retry(1, &transient()).is_retry());
        assert_eq!(bucket.available(), 500 - 5 * n);
    }
    assert!(strategy.should_retry(1, &throttled()).is_retry());
    assert_eq!(bucket.available(), 445);
    match strategy.should_retry(1, &timeout()) {
        RetryDecision::Retry { kind, cost, .. } => {
            assert_eq!(kind, RetryKind::Timeout);
            assert_eq!(cost, 10);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(bucket.available(), 435);
    // Success after a retry refunds that retry's cost; a first-attempt
    // success refunds 1.
    strategy.on_success(Some(10));
    assert_eq!(bucket.available(), 445);
    strategy.on_success(Some(5));
    assert_eq!(bucket.available(), 450);
    strategy.on_success(None);
    assert_eq!(bucket.available(), 451);
}

#[test]
fn quota_sequence_of_the_sdk_tests() {
    // 500 -5 -10 = 485; drain 478 -> 7; a timeout (10) is refused while a
    // transient retry (5) still goes; refunds 5, 10, 1; capped at 500.
    let strategy = strategy(RetryConfig::standard(), 1.0);
    let bucket = strategy.token_bucket();
    assert!(
        strategy
            .should_retry(1, &AttemptOutcome::transport(TransportFailure::Connect))
            .is_retry()
    );
    assert_eq!(bucket.available(), 495);
    assert!(strategy.should_retry(1, &timeout()).is_retry());
    assert_eq!(bucket.available(), 485);
    assert!(bucket.try_acquire(478));
    assert_eq!(bucket.available(), 7);
    assert_eq!(
        stop_reason(strategy.should_retry(1, &timeout())),
        StopReason::QuotaExhausted {
            cost: 10,
            available: 7
        }
    );
    assert_eq!(bucket.available(), 7);
    assert!(strategy.should_retry(1, &transient()).is_retry());
    assert_eq!(bucket.available(), 2);
    strategy.on_success(Some(5));
    assert_eq!(bucket.available(), 7);
    strategy.on_success(Some(10));
    assert_eq!(bucket.available(), 17);
    strategy.on_success(None);
    assert_eq!(bucket.available(), 18);
    bucket.release(480);
    assert_eq!(bucket.available(), 498);
    strategy.on_success(Some(5));
    assert_eq!(bucket.available(), 500);
    strategy.on_success(Some(10));
    strategy.on_success(None);
    assert_eq!(bucket.available(), 500);
}

#[test]
fn exhausted_quota_stops_retries_until_successes_refill_it() {
    let strategy = strategy(RetryConfig::standard(), 1.0);
    let mut retries = 0;
    for _ in 0..1000 {
        match strategy.should_retry(1, &transient()) {
            RetryDecision::Retry { .. } => retries += 1,
            RetryDecision::Stop { reason } => {
                assert_eq!(
                    reason,
                    StopReason::QuotaExhausted {
                        cost: 5,
                        available: 0
                    }
                );
                break;
            }
        }
    }
    assert_eq!(retries, 100);
    assert_eq!(strategy.token_bucket().available(), 0);
    // Still exhausted: every retryable failure stops, first attempts unaffected.
    assert!(!strategy.should_retry(1, &throttled()).is_retry());
    // Four first-attempt successes give 4 tokens: still short of 5.
    for _ in 0..4 {
        strategy.on_success(None);
    }
    assert!(!strategy.should_retry(1, &transient()).is_retry());
    strategy.on_success(None);
    assert!(strategy.should_retry(1, &transient()).is_retry());
    assert_eq!(strategy.token_bucket().available(), 0);
}

#[test]
fn operation_bookkeeping_refunds_the_last_retry_cost() {
    let strategy = strategy(RetryConfig::standard().with_new_retries_2026(true), 1.0);
    let mut op = strategy.begin();
    assert!(op.on_failure(&throttled()).is_retry()); // 5
    assert!(op.on_failure(&transient()).is_retry()); // 14
    assert_eq!(op.attempt(), 3);
    assert_eq!(strategy.token_bucket().available(), 500 - 5 - 14);
    op.on_success();
    assert_eq!(strategy.token_bucket().available(), 500 - 5);

    let first = strategy.begin();
    first.on_success();
    assert_eq!(strategy.token_bucket().available(), 496);
}

#[test]
fn the_quota_is_shared_by_clones_and_threads() {
    let strategy = strategy(RetryConfig::standard(), 0.0);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let strategy = strategy.clone();
            std::thread::spawn(move || {
                (0..25)
                    .filter(|_| strategy.should_retry(1, &transient()).is_retry())
                    .count()
            })
        })
        .collect();
    let granted: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
    assert_eq!(granted, 100);
    assert_eq!(strategy.token_bucket().available(), 0);
    assert!(!strategy.should_retry(1, &transient()).is_retry());

    // Two strategies given the same bucket share it.
    let bucket = Arc::new(TokenBucket::new(20));
    let a = RetryStrategy::new(RetryConfig::standard()).with_token_bucket(Arc::clone(&bucket));
    let b = RetryStrategy::new(RetryConfig::standard()).with_token_bucket(Arc::clone(&bucket));
    assert!(a.should_retry(1, &timeout()).is_retry());
    assert!(b.should_retry(1, &timeout()).is_retry());
    assert!(!a.should_retry(1, &transient()).is_retry());
    b.on_success(Some(10));
    assert_eq!(a.token_bucket().available(), 10);
}

#[test]
fn revision_2026_base_delays() {
    let config = RetryConfig::standard()
        .with_new_retries_2026(true)
        .with_max_attempts(12);
    let strategy = strategy(config, 1.0);
    let transient: Vec<Duration> = (1..=11)
        .map(|a| strategy.delay(a, RetryKind::Transient, None))
        .collect();
    assert_eq!(
        transient,
        [
            MS(50),
            MS(100),
            MS(200),
            MS(400),
            MS(800),
            MS(1600),
            MS(3200),
            MS(6400),
            MS(12800),
            S(20),
            S(20)
        ]
    );
    // Timeouts and server faults are non-throttling: same 50 ms base.
    assert_eq!(strategy.delay(1, RetryKind::Timeout, None), MS(50));
    assert_eq!(strategy.delay(2, RetryKind::ServerError, None), MS(100));
    // Throttling keeps 1 s.
    let throttling: Vec<Duration> = (1..=7)
        .map(|a| strategy.delay(a, RetryKind::Throttling, None))
        .collect();
    assert_eq!(throttling, [S(1), S(2), S(4), S(8), S(16), S(20), S(20)]);
    // DynamoDB's 25 ms base.
    let dynamo = self::strategy(
        RetryConfig::standard()
            .with_new_retries_2026(true)
            .with_transient_backoff(MS(25))
            .with_max_attempts(4),
        1.0,
    );
    assert_eq!(dynamo.delay(3, RetryKind::Transient, None), MS(100));
    assert_eq!(dynamo.delay(1, RetryKind::Throttling, None), S(1));
}

#[test]
fn revision_2026_costs() {
    let strategy = strategy(RetryConfig::standard().with_new_retries_2026(true), 1.0);
    let bucket = strategy.token_bucket();
    assert!(
        strategy
            .should_retry(1, &AttemptOutcome::transport(TransportFailure::Connect))
            .is_retry()
    );
    assert_eq!(bucket.available(), 486);
    assert!(strategy.should_retry(2, &timeout()).is_retry());
    assert_eq!(bucket.available(), 472);
    assert!(strategy.should_retry(1, &throttled()).is_retry());
    assert_eq!(bucket.available(), 467);
    // Success after a 14-token retry gives back 14.
    strategy.on_success(Some(14));
    assert_eq!(bucket.available(), 481);
    // Drained to 10: a transient retry (14) is refused, a throttling one (5) is not.
    assert!(bucket.try_acquire(471));
    assert_eq!(bucket.available(), 10);
    assert_eq!(
        stop_reason(strategy.should_retry(1, &transient())),
        StopReason::QuotaExhausted {
            cost: 14,
            available: 10
        }
    );
    assert!(strategy.should_retry(1, &throttled()).is_retry());
    assert_eq!(bucket.available(), 5);
    // 35 transient retries empty a full quota in the 2026 form
    // (500 / 14), 100 in the original form (500 / 5).
    for (revision, expected) in [(true, 35), (false, 100)] {
        let s = self::strategy(RetryConfig::standard().with_new_retries_2026(revision), 1.0);
        let granted = (0..200)
            .take_while(|_| {
                s.should_retry(1, &AttemptOutcome::response(500, None))
                    .is_retry()
            })
            .count();
        assert_eq!(granted, expected, "2026 revision: {revision}");
    }
}

#[test]
fn revision_2026_honours_retry_after_within_bounds() {
    let new = strategy(RetryConfig::standard().with_new_retries_2026(true), 1.0);
    let outcome = |ms: u64| transient().with_retry_after(Some(MS(ms)));
    // Within [50 ms, 5.05 s]: taken as is.
    assert_eq!(retry_delay(new.should_retry(1, &outcome(1500))), MS(1500));
    // Below the computed backoff: raised to it.
    assert_eq!(retry_delay(new.should_retry(1, &outcome(0))), MS(50));
    // Above backoff + 5 s: lowered to it.
    assert_eq!(retry_delay(new.should_retry(1, &outcome(10_000))), MS(5050));
    // With a 20 s backoff the ceiling is 25 s.
    assert_eq!(new.delay(12, RetryKind::Transient, Some(S(60))), S(25));
    // Throttling: floor is the 1 s backoff.
    assert_eq!(new.delay(1, RetryKind::Throttling, Some(MS(200))), S(1));
    // No jitter on the server value, but the clamp uses the jittered backoff.
    let half = strategy(RetryConfig::standard().with_new_retries_2026(true), 0.5);
    assert_eq!(
        half.delay(1, RetryKind::Transient, Some(MS(10_000))),
        MS(5025)
    );
    assert_eq!(half.delay(1, RetryKind::Transient, Some(MS(777))), MS(777));

    // The original form ignores the header.
    let old = strategy(RetryConfig::standard(), 1.0);
    assert_eq!(retry_delay(old.should_retry(1, &outcome(1500))), S(1));
    assert_eq!(old.delay(1, RetryKind::Transient, Some(MS(10))), S(1));
    // A non-retryable error stays final whatever the header says.
    assert!(
        !new.should_retry(1, &client_error().with_retry_after(Some(MS(10))))
            .is_retry()
    );
}

#[test]
fn stop_reasons_explain_themselves() {
    assert_eq!(
        StopReason::NotRetryable.to_string(),
        "the error is not retryable"
    );
    assert!(
        StopReason::MaxAttemptsReached { max_attempts: 3 }
            .to_string()
            .contains('3')
    );
    let quota = StopReason::QuotaExhausted {
        cost: 14,
        available: 10,
    }
    .to_string();
    assert!(quota.contains("14") && quota.contains("10"), "{quota}");
    let decision = RetryDecision::Stop {
        reason: StopReason::NotRetryable,
    };
    assert_eq!(decision.delay(), None);
    assert!(!decision.is_retry());
}
