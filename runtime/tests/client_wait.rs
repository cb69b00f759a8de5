//! Waiters against a scripted server on 127.0.0.1: success on the third
//! poll, a failure acceptor, an error type as success, an error no acceptor
//! expects, the time running out; and the delays of the waiters
//! specification with the jitter seeded.
#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_support;

use std::time::{Duration, Instant};

use awsgen_runtime::aws_json::Operation;
use awsgen_runtime::client::{
    Acceptor, Attempt, Backoff, Client, WaitError, Waiter, attempt_error_type, attempt_output,
};
use client_support::{
    OperationStatus, Reply, SERVICE, TestServer, UpdateDistribution, UpdateError, config_for,
    sample_input,
};

fn status(attempt: &Attempt<UpdateDistribution>) -> Option<&str> {
    let status = attempt_output(attempt)?
        .operation
        .as_ref()?
        .status
        .as_ref()?;
    Some(match status {
        OperationStatus::Started => "Started",
        OperationStatus::Succeeded => "Succeeded",
        OperationStatus::Unknown(value) => value.as_str(),
    })
}

/// Acceptors as generated code writes them: `status == "Succeeded"` is
/// success, `status == "Failed"` is failure, `Started` is retry.
fn until_succeeded(
    _input: &<UpdateDistribution as Operation>::Input,
    attempt: &Attempt<UpdateDistribution>,
) -> Option<(usize, Acceptor)> {
    match status(attempt) {
        Some("Succeeded") => Some((0, Acceptor::Success)),
        Some("Failed") => Some((1, Acceptor::Failure)),
        Some("Started") => Some((2, Acceptor::Retry)),
        _ => None,
    }
}

const FAST: Waiter<UpdateDistribution> = Waiter {
    name: "DistributionUpdated",
    min_delay: Duration::from_millis(10),
    max_delay: Duration::from_millis(40),
    acceptors: until_succeeded,
};

fn body(status: &str) -> String {
    format!(r#"{{"operation":{{"id":"op-1","status":"{status}"}}}}"#)
}

async fn client(server: &TestServer) -> Client {
    Client::new(&SERVICE, config_for(&server.url()).build().unwrap()).unwrap()
}

#[tokio::test]
async fn succeeds_on_the_third_poll() {
    let server = TestServer::start(vec![
        Reply::ok(&body("Started")),
        Reply::ok(&body("Started")),
        Reply::ok(&body("Succeeded")),
        Reply::ok(&body("Failed")),
    ])
    .await;
    let started = Instant::now();
    let waited = client(&server)
        .await
        .wait(&sample_input(), &FAST, Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(waited.attempts(), 3);
    assert_eq!(
        waited
            .output()
            .and_then(|o| o.operation.as_ref())
            .map(|o| o.id.as_str()),
        Some("op-1")
    );
    assert_eq!(server.request_count(), 3);
    // Two delays of at least min_delay each.
    assert!(started.elapsed() >= Duration::from_millis(20));
}

#[tokio::test]
async fn a_failure_acceptor_stops_with_its_index_and_the_last_output() {
    let server = TestServer::start(vec![
        Reply::ok(&body("Started")),
        Reply::ok(&body("Failed")),
    ])
    .await;
    let error = client(&server)
        .await
        .wait(&sample_input(), &FAST, Duration::from_secs(10))
        .await
        .unwrap_err();
    match &error {
        WaitError::Failed {
            waiter, acceptor, ..
        } => assert_eq!((*waiter, *acceptor), ("DistributionUpdated", Some(1))),
        other => panic!("expected a failure, got {other:?}"),
    }
    assert_eq!(status(error.last()), Some("Failed"));
    assert_eq!(
        error.to_string(),
        "waiter DistributionUpdated failed: its failure acceptor 1 matched UpdateDistribution"
    );
    assert_eq!(server.request_count(), 2);
}

/// `TableNotExists`-like: the error type is what success looks like.
fn until_gone(
    _input: &<UpdateDistribution as Operation>::Input,
    attempt: &Attempt<UpdateDistribution>,
) -> Option<(usize, Acceptor)> {
    (attempt_error_type(attempt) == Some("NotFoundException")).then_some((0, Acceptor::Success))
}

#[tokio::test]
async fn an_error_type_can_be_the_success() {
    let server = TestServer::start(vec![
        Reply::ok(&body("Started")),
        Reply::error(400, "NotFoundException", "gone"),
    ])
    .await;
    let waiter = Waiter {
        acceptors: until_gone,
        name: "DistributionDeleted",
        ..FAST
    };
    let waited = client(&server)
        .await
        .wait(&sample_input(), &waiter, Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(waited.attempts(), 2);
    assert!(waited.output().is_none());
    let error = waited.into_attempt().unwrap_err();
    assert!(matches!(
        error.service_error(),
        Some(UpdateError::NotFound(_))
    ));
}

#[tokio::test]
async fn an_error_no_acceptor_expects_stops_the_waiter() {
    let server = TestServer::start(vec![Reply::error(400, "InvalidInputException", "bad")]).await;
    let error = client(&server)
        .await
        .wait(&sample_input(), &FAST, Duration::from_secs(10))
        .await
        .unwrap_err();
    assert!(
        matches!(error, WaitError::Failed { acceptor: None, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("waiter DistributionUpdated failed: "),
        "{error}"
    );
    assert_eq!(server.request_count(), 1);
}

#[tokio::test]
async fn the_time_runs_out_with_the_last_answer_kept() {
    let server = TestServer::start(vec![Reply::ok(&body("Started"))]).await;
    let max_wait = Duration::from_millis(150);
    let started = Instant::now();
    let error = client(&server)
        .await
        .wait(&sample_input(), &FAST, max_wait)
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    let WaitError::TimedOut { attempts, .. } = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    // At least one poll per max_delay, at most one per min_delay.
    assert!((3..=16).contains(attempts), "{attempts} attempts");
    assert_eq!(server.request_count(), *attempts as usize);
    assert!(elapsed >= max_wait - FAST.min_delay, "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(status(error.last()), Some("Started"));
    assert!(
        error
            .to_string()
            .starts_with("waiter DistributionUpdated gave up after 150ms and "),
        "{error}"
    );
}

// ---- the schedule ------------------------------------------------------------

/// A seeded source of fractions in [0, 1), as the waiter's jitter.
fn seeded(seed: u64) -> impl FnMut() -> f64 {
    let mut rng = fastrand::Rng::with_seed(seed);
    move || rng.f64()
}

#[test]
fn delays_grow_exponentially_from_min_to_max_with_jitter() {
    // minDelay 2 s, maxDelay 120 s: attemptCeiling = floor(log2(60) + 1) = 6.
    let backoff = Backoff::new(
        Duration::from_secs(2),
        Duration::from_secs(120),
        Duration::from_secs(3600),
    );
    for seed in 0..200 {
        let mut random = seeded(seed);
        for attempt in 1..=10u32 {
            let delay = backoff.delay(attempt, Duration::ZERO, &mut random).unwrap();
            let ceiling = if attempt > 6 {
                120.0
            } else {
                2.0 * 2f64.powi(attempt as i32 - 1)
            };
            let secs = delay.as_secs_f64();
            assert!(
                (2.0..=ceiling).contains(&secs),
                "attempt {attempt}: {secs} s"
            );
        }
    }
    // The jitter is drawn between min_delay and the exponential delay.
    let mut always_top = || 1.0 - f64::EPSILON;
    let top: Vec<u64> = (1..=8)
        .map(|a| {
            backoff
                .delay(a, Duration::ZERO, &mut always_top)
                .unwrap()
                .as_secs_f64()
                .round() as u64
        })
        .collect();
    assert_eq!(top, [2, 4, 8, 16, 32, 64, 120, 120]);
    let mut always_bottom = || 0.0;
    assert_eq!(
        backoff.delay(5, Duration::ZERO, &mut always_bottom),
        Some(Duration::from_secs(2))
    );
}

#[test]
fn the_last_delay_leaves_room_for_one_more_attempt_then_the_waiter_stops() {
    let backoff = Backoff::new(
        Duration::from_secs(2),
        Duration::from_secs(120),
        Duration::from_secs(300),
    );
    let mut top = || 1.0 - f64::EPSILON;
    // 250 s elapsed, 50 s left: a 120 s delay is cut to 50 - 2 = 48 s.
    assert_eq!(
        backoff.delay(9, Duration::from_secs(250), &mut top),
        Some(Duration::from_secs(48))
    );
    // 2 s or less left: no attempt fits.
    assert_eq!(backoff.delay(9, Duration::from_secs(298), &mut top), None);
    assert_eq!(backoff.delay(9, Duration::from_secs(400), &mut top), None);
    // A max_delay under min_delay is min_delay.
    let flat = Backoff::new(
        Duration::from_secs(5),
        Duration::from_secs(1),
        Duration::from_secs(60),
    );
    assert_eq!(
        flat.delay(3, Duration::ZERO, &mut top).map(|d| d.as_secs()),
        Some(5)
    );
}
