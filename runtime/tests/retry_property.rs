//! Property-style check with a seeded generator and a bounded loop: random
//! outcomes, attempt numbers and successes against a shadow model of the
//! quota. Invariants: tokens stay within `[0, capacity]` and follow the
//! documented arithmetic exactly; delays never exceed the cap (plus the
//! `x-amz-retry-after` allowance under the 2026 revision); decisions respect
//! the attempt limit and the classification.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use awsgen_runtime::retry::{
    AttemptOutcome, RETRY_AFTER_MAX_EXTRA, RetryConfig, RetryDecision, RetryStrategy, StopReason,
    TransportFailure, classify,
};

const SEEDS: u64 = 16;
const STEPS: usize = 3_000;

const CODES: &[Option<&str>] = &[
    None,
    Some("ThrottlingException"),
    Some("SlowDown"),
    Some("RequestTimeout"),
    Some("InternalError"),
    Some("InvalidInputException"),
    Some("NotFoundException"),
    Some("ServiceException"),
    Some("ns#ProvisionedThroughputExceededException:x"),
];
const STATUSES: &[u16] = &[200, 400, 403, 404, 429, 500, 501, 502, 503, 504];

fn random_outcome(rng: &mut fastrand::Rng) -> AttemptOutcome<'static> {
    let mut outcome = if rng.u8(0..8) == 0 {
        AttemptOutcome::transport(
            [
                TransportFailure::Connect,
                TransportFailure::Timeout,
                TransportFailure::Io,
            ][rng.usize(0..3)],
        )
    } else {
        AttemptOutcome::response(
            STATUSES[rng.usize(0..STATUSES.len())],
            CODES[rng.usize(0..CODES.len())],
        )
    };
    outcome.is_modeled_server_fault = rng.u8(0..6) == 0;
    if rng.bool() {
        // From 0 up to a minute, sometimes far beyond.
        let ms = if rng.u8(0..10) == 0 {
            rng.u64(..)
        } else {
            rng.u64(0..60_000)
        };
        outcome.retry_after = Some(Duration::from_millis(ms));
    }
    outcome
}

#[test]
fn invariants_hold_over_random_runs() {
    let mut retries_seen = 0_usize;
    let mut exhaustions_seen = 0_usize;
    for seed in 0..SEEDS {
        let mut rng = fastrand::Rng::with_seed(seed);
        let new_retries = seed % 2 == 1;
        let config = RetryConfig::standard()
            .with_new_retries_2026(new_retries)
            .with_max_attempts(rng.u32(1..8));
        let jitter_rng = Arc::new(Mutex::new(fastrand::Rng::with_seed(seed ^ 0x5eed)));
        let strategy = RetryStrategy::new(config.clone()).with_jitter(move || {
            // Mostly in [0, 1), sometimes out of range or NaN.
            let mut r = jitter_rng.lock().unwrap();
            match r.u8(0..50) {
                0 => f64::NAN,
                1 => -r.f64(),
                2 => 1.0 + r.f64() * 10.0,
                _ => r.f64(),
            }
        });
        let bucket = Arc::clone(strategy.token_bucket());
        let capacity = bucket.capacity();
        let mut shadow = capacity;
        let mut last_costs: Vec<Option<u32>> = vec![None];

        for _ in 0..STEPS {
            if rng.u8(0..4) == 0 {
                let last = last_costs[rng.usize(0..last_costs.len())];
                strategy.on_success(last);
                shadow = (shadow + last.unwrap_or(1)).min(capacity);
            } else {
                let attempt = rng.u32(0..10);
                let outcome = random_outcome(&mut rng);
                let kind = classify(&outcome);
                let before = bucket.available();
                let decision = strategy.should_retry(attempt, &outcome);
                match decision {
                    RetryDecision::Retry {
                        delay,
                        kind: k,
                        cost,
                    } => {
                        retries_seen += 1;
                        assert_eq!(k, kind);
                        assert!(kind.is_retryable());
                        assert!(attempt.max(1) < config.max_attempts);
                        assert_eq!(cost, config.retry_cost(kind));
                        assert!(cost <= before);
                        shadow -= cost;
                        let limit = if new_retries && outcome.retry_after.is_some() {
                            config.max_backoff + RETRY_AFTER_MAX_EXTRA
                        } else {
                            config.max_backoff
                        };
                        assert!(delay <= limit, "delay {delay:?} above {limit:?}");
                        last_costs.push(Some(cost));
                    }
                    RetryDecision::Stop { reason } => {
                        match reason {
                            StopReason::NotRetryable => assert!(!kind.is_retryable()),
                            StopReason::MaxAttemptsReached { max_attempts } => {
                                assert!(kind.is_retryable());
                                assert_eq!(max_attempts, config.max_attempts);
                                assert!(attempt.max(1) >= max_attempts);
                            }
                            StopReason::QuotaExhausted { cost, available } => {
                                exhaustions_seen += 1;
                                assert!(kind.is_retryable());
                                assert_eq!(available, before);
                                assert!(available < cost);
                            }
                            other => panic!("unexpected {other:?}"),
                        }
                        assert_eq!(bucket.available(), before, "a stop took tokens");
                    }
                }
            }
            let available = bucket.available();
            assert!(available <= capacity);
            assert_eq!(available, shadow, "seed {seed}");
        }
    }
    // The run exercised both outcomes, so the checks above did bite.
    assert!(retries_seen > 1_000, "{retries_seen}");
    assert!(exhaustions_seen > 0);
}

#[test]
fn backoff_is_bounded_for_every_attempt_and_jitter() {
    let mut rng = fastrand::Rng::with_seed(42);
    for new_retries in [false, true] {
        let config = RetryConfig::standard().with_new_retries_2026(new_retries);
        for _ in 0..2_000 {
            let jitter = rng.f64();
            let strategy = RetryStrategy::new(config.clone()).with_jitter(move || jitter);
            let attempt = if rng.bool() {
                rng.u32(..)
            } else {
                rng.u32(0..40)
            };
            let outcome = random_outcome(&mut rng);
            let kind = classify(&outcome);
            let delay = strategy.delay(attempt, kind, None);
            let base = config.base_delay(kind);
            let exponent = attempt.max(1) - 1;
            let uncapped_secs =
                base.as_secs_f64() * 2f64.powi(i32::try_from(exponent.min(64)).unwrap());
            let expected = uncapped_secs.min(config.max_backoff.as_secs_f64()) * jitter;
            assert!(
                (delay.as_secs_f64() - expected).abs() < 1e-6,
                "attempt {attempt}, jitter {jitter}: {delay:?} vs {expected}"
            );
            assert!(delay <= config.max_backoff);
        }
    }
}
