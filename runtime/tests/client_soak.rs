//! A bounded soak: 20,000 calls over 64 concurrent tasks through one client to
//! a server on 127.0.0.1 that answers with a mix of successes, throttles, 500s
//! and dropped connections; then an outage, where the retry quota must stop
//! the retries. Prints throughput and latency percentiles (`--nocapture`);
//! asserts that every call ends, connections are reused, memory returns to
//! its level after warm-up, and the quota holds.

#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use awsgen_runtime::client::{Client, Error};
use awsgen_runtime::retry::RETRY_QUOTA_CAPACITY;
use client_support::*;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinSet;

const CALLS: usize = 20_000;
const WARM_UP: usize = 5_000;
const CONCURRENCY: usize = 64;
/// The whole test's bound: a hang fails it instead of blocking CI.
const BOUND: Duration = Duration::from_secs(300);

/// What the server does with its n-th request.
#[derive(Clone, Copy, PartialEq)]
enum Answer {
    Ok,
    Throttle,
    ServerError,
    Drop,
}

/// 80% success, 10% throttled, 5% 500, 5% connection closed unanswered.
fn mixed(n: usize) -> Answer {
    match n % 20 {
        0..=15 => Answer::Ok,
        16 | 17 => Answer::Throttle,
        18 => Answer::ServerError,
        _ => Answer::Drop,
    }
}

fn outage(_: usize) -> Answer {
    Answer::ServerError
}

#[derive(Default)]
struct Counts {
    requests: AtomicUsize,
    connections: AtomicUsize,
    dropped: AtomicUsize,
}

/// Serves until dropped (the accept loop runs in a task aborted with it).
struct SoakServer {
    url: String,
    counts: Arc<Counts>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SoakServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start(answer: fn(usize) -> Answer) -> SoakServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let counts = Arc::new(Counts::default());
    let task = {
        let counts = Arc::clone(&counts);
        tokio::spawn(async move {
            let mut connections = JoinSet::new();
            // Bounded: no more connections than calls and their retries.
            for _ in 0..CALLS * 3 {
                let Ok((stream, _)) = listener.accept().await else {
                    break;
                };
                counts.connections.fetch_add(1, Ordering::SeqCst);
                let _ = stream.set_nodelay(true);
                connections.spawn(serve(stream, Arc::clone(&counts), answer));
                while connections.try_join_next().is_some() {}
            }
        })
    };
    SoakServer { url, counts, task }
}

async fn serve(stream: tokio::net::TcpStream, counts: Arc<Counts>, answer: fn(usize) -> Answer) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    for _ in 0..CALLS * 3 {
        let mut length = 0;
        let mut line = String::new();
        for header in 0..100 {
            line.clear();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            if header > 0 && line.trim_end().is_empty() {
                break;
            }
            if let Some(value) = line
                .to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().to_owned())
            {
                length = value.parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let n = counts.requests.fetch_add(1, Ordering::SeqCst);
        let (status, body) = match answer(n) {
            Answer::Ok => (200, r#"{"operation":{"id":"op-1","status":"Started"}}"#),
            Answer::Throttle => (
                400,
                r#"{"__type":"ThrottlingException","message":"slow down"}"#,
            ),
            Answer::ServerError => (500, r#"{"__type":"ServiceException","message":"oops"}"#),
            Answer::Drop => {
                counts.dropped.fetch_add(1, Ordering::SeqCst);
                return;
            }
        };
        // One write: head and body in separate segments would meet the
        // client's delayed ACK (40 ms a response) through Nagle's algorithm.
        let answer = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if write.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}

#[derive(Default, Debug)]
struct Outcomes {
    ok: usize,
    throttled: usize,
    server_error: usize,
    transport: usize,
}

/// Latencies of one run, in storage sized and touched before the warm-up, so
/// that measuring does not move the memory figures.
type Latencies = Arc<Mutex<Vec<Duration>>>;

/// `calls` calls over `CONCURRENCY` tasks; every call's outcome is counted,
/// its latency recorded in `latencies`.
async fn run(client: &Client, calls: usize, latencies: &Latencies) -> Outcomes {
    latencies.lock().unwrap().clear();
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..CONCURRENCY {
        let (client, next, latencies) = (client.clone(), Arc::clone(&next), Arc::clone(latencies));
        tasks.spawn(async move {
            let mut outcomes = Outcomes::default();
            let input = sample_input();
            while next.fetch_add(1, Ordering::SeqCst) < calls {
                let started = Instant::now();
                let result = client.call::<UpdateDistribution>(&input).await;
                latencies.lock().unwrap().push(started.elapsed());
                match result {
                    Ok(response) => {
                        assert_eq!(response.operation.as_ref().unwrap().id, "op-1");
                        outcomes.ok += 1;
                    }
                    Err(Error::Service(e)) if e.code == "ThrottlingException" => {
                        outcomes.throttled += 1
                    }
                    Err(Error::Service(e)) if e.status == 500 => outcomes.server_error += 1,
                    Err(Error::Transport { .. }) => outcomes.transport += 1,
                    Err(other) => panic!("unexpected outcome: {other}"),
                }
            }
            outcomes
        });
    }
    let mut all = Outcomes::default();
    while let Some(done) = tasks.join_next().await {
        let o = done.unwrap();
        all.ok += o.ok;
        all.throttled += o.throttled;
        all.server_error += o.server_error;
        all.transport += o.transport;
    }
    all
}

/// The resident set size of this process, from /proc.
fn rss_kib() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test]
async fn soak_mixed_answers_then_an_outage() {
    tokio::time::timeout(BOUND, soak())
        .await
        .expect("the soak ended in time");
}

async fn soak() {
    let server = start(mixed).await;
    let client = Client::new(&SERVICE, config_for(&server.url).build().unwrap()).unwrap();

    let latencies: Latencies = Arc::new(Mutex::new(vec![Duration::ZERO; CALLS]));
    run(&client, WARM_UP, &latencies).await;
    assert_eq!(latencies.lock().unwrap().len(), WARM_UP);
    let rss_warm = rss_kib();

    let started = Instant::now();
    let outcomes = run(&client, CALLS, &latencies).await;
    let elapsed = started.elapsed();
    let rss_after = rss_kib();

    // Every call ended, in one of the four expected ways.
    let mut latencies = std::mem::take(&mut *latencies.lock().unwrap());
    assert_eq!(latencies.len(), CALLS);
    assert_eq!(
        outcomes.ok + outcomes.throttled + outcomes.server_error + outcomes.transport,
        CALLS
    );
    // One in five attempts fails; three attempts leave about one call in 125
    // failed, unless the quota ran dry.
    assert!(outcomes.ok >= CALLS * 9 / 10, "{outcomes:?}");
    let requests = server.counts.requests.load(Ordering::SeqCst);
    let connections = server.counts.connections.load(Ordering::SeqCst);
    let dropped = server.counts.dropped.load(Ordering::SeqCst);
    // Each closed connection is replaced; otherwise connections are reused.
    assert!(
        connections <= 2 * CONCURRENCY + dropped,
        "{connections} connections for {requests} requests, {dropped} dropped"
    );
    // Memory returns to within 10% of its level after warm-up.
    assert!(
        rss_after <= rss_warm + rss_warm / 10,
        "RSS {rss_warm} KiB after warm-up, {rss_after} KiB after the soak"
    );

    latencies.sort_unstable();
    let percentile = |p: usize| latencies[(CALLS - 1) * p / 100];
    println!(
        "soak: {CALLS} calls over {CONCURRENCY} tasks in {:.2} s ({:.0} calls/s); \
         latency p50 {:.2} ms, p99 {:.2} ms; {} ok, {} throttled, {} 500s, {} transport errors; \
         {requests} requests (incl. warm-up), {connections} connections, {dropped} dropped; \
         RSS {rss_warm} KiB after warm-up, {rss_after} KiB after",
        elapsed.as_secs_f64(),
        CALLS as f64 / elapsed.as_secs_f64(),
        percentile(50).as_secs_f64() * 1e3,
        percentile(99).as_secs_f64() * 1e3,
        outcomes.ok,
        outcomes.throttled,
        outcomes.server_error,
        outcomes.transport,
    );

    // An outage: every answer is a 500. A fresh client's quota pays for
    // exactly capacity / cost retries, then calls fail at their first attempt.
    let server = start(outage).await;
    let client = Client::new(&SERVICE, config_for(&server.url).build().unwrap()).unwrap();
    let calls = 1_000;
    let outcomes = run(&client, calls, &Arc::default()).await;
    assert_eq!(outcomes.server_error, calls);
    let retries = server.counts.requests.load(Ordering::SeqCst) - calls;
    assert_eq!(
        retries,
        (RETRY_QUOTA_CAPACITY / 5) as usize,
        "no retry storm"
    );
    println!("outage: {calls} calls, {retries} retries (quota {RETRY_QUOTA_CAPACITY}, 5 a retry)");
}
