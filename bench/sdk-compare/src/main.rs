//! The same signed UpdateDistribution call, full input, through awsgen's
//! vendored bindings and through aws-sdk-lightsail, both against an
//! in-memory transport that answers at once with the same response; then
//! building a client on both sides. Measurements are interleaved (one batch
//! of each per round) and reported as medians with their ratio, with the
//! allocations of one call or one client.
//!
//! Before measuring, both request bodies are compared as JSON: the two sides
//! send the same input.

use std::alloc::System;
use std::hint::black_box;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use awsgen_lightsail_vendored as awsgen;
use aws_sdk_lightsail as sdk;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const SAMPLES: usize = 31;
const BATCH: u32 = 200;

const RESPONSE: &str = r#"{"operation":{"id":"5b6a3c1e-3f0a-4a8e-9a57-2b3f1d0c9e11","resourceName":"my-distribution","resourceType":"Distribution","createdAt":1.7316e9,"location":{"availabilityZone":"all","regionName":"us-east-1"},"isTerminal":false,"operationDetails":"","operationType":"UpdateDistribution","status":"Started","statusChangedAt":1.7316e9}}"#;

/// The input, as JSON on the wire: every member of UpdateDistribution set.
fn wire_input() -> serde_json::Value {
    serde_json::json!({
        "distributionName": "my-distribution",
        "origin": {"name": "my-bucket", "regionName": "us-east-1", "protocolPolicy": "https-only", "responseTimeout": 30},
        "defaultCacheBehavior": {"behavior": "cache"},
        "cacheBehaviorSettings": {
            "defaultTTL": 86400, "minimumTTL": 0, "maximumTTL": 31536000,
            "allowedHTTPMethods": "GET,HEAD,OPTIONS", "cachedHTTPMethods": "GET,HEAD",
            "forwardedCookies": {"option": "allow-list", "cookiesAllowList": ["session", "theme"]},
            "forwardedHeaders": {"option": "allow-list", "headersAllowList": ["Accept", "Host", "Origin"]},
            "forwardedQueryStrings": {"option": true, "queryStringsAllowList": ["page", "size"]}
        },
        "cacheBehaviors": [
            {"path": "/images/*", "behavior": "cache"},
            {"path": "/api/*", "behavior": "dont-cache"}
        ],
        "isEnabled": true,
        "viewerMinimumTlsProtocolVersion": "TLSv1.2_2021",
        "certificateName": "my-certificate",
        "useDefaultCertificate": false
    })
}

fn awsgen_input() -> awsgen::types::UpdateDistributionRequest {
    use awsgen_runtime::dispatch::{Strictness, from_json};
    match from_json(&wire_input(), Strictness::Strict) {
        Ok(input) => input,
        Err(e) => panic!("the input does not read: {e}"),
    }
}

fn sdk_call(client: &sdk::Client) -> sdk::operation::update_distribution::builders::UpdateDistributionFluentBuilder {
    use sdk::types::*;
    client
        .update_distribution()
        .distribution_name("my-distribution")
        .origin(
            InputOrigin::builder()
                .name("my-bucket")
                .region_name(RegionName::UsEast1)
                .protocol_policy(OriginProtocolPolicyEnum::HttpsOnly)
                .response_timeout(30)
                .build(),
        )
        .default_cache_behavior(CacheBehavior::builder().behavior(BehaviorEnum::CacheSetting).build())
        .cache_behavior_settings(
            CacheSettings::builder()
                .default_ttl(86400)
                .minimum_ttl(0)
                .maximum_ttl(31536000)
                .allowed_http_methods("GET,HEAD,OPTIONS")
                .cached_http_methods("GET,HEAD")
                .forwarded_cookies(
                    CookieObject::builder()
                        .option(ForwardValues::AllowList)
                        .cookies_allow_list("session")
                        .cookies_allow_list("theme")
                        .build(),
                )
                .forwarded_headers(
                    HeaderObject::builder()
                        .option(ForwardValues::AllowList)
                        .headers_allow_list(HeaderEnum::Accept)
                        .headers_allow_list(HeaderEnum::Host)
                        .headers_allow_list(HeaderEnum::Origin)
                        .build(),
                )
                .forwarded_query_strings(
                    QueryStringObject::builder()
                        .option(true)
                        .query_strings_allow_list("page")
                        .query_strings_allow_list("size")
                        .build(),
                )
                .build(),
        )
        .cache_behaviors(CacheBehaviorPerPath::builder().path("/images/*").behavior(BehaviorEnum::CacheSetting).build())
        .cache_behaviors(CacheBehaviorPerPath::builder().path("/api/*").behavior(BehaviorEnum::DontCacheSetting).build())
        .is_enabled(true)
        .viewer_minimum_tls_protocol_version(ViewerMinimumTlsProtocolVersionEnum::TlSv122021)
        .certificate_name("my-certificate")
        .use_default_certificate(false)
}

/// awsgen's in-memory transport: answers at once, keeps the last body.
#[derive(Debug, Default, Clone)]
struct Canned(Arc<Mutex<Option<Vec<u8>>>>);

impl awsgen_runtime::client::HttpClient for Canned {
    fn send(&self, request: http::Request<Vec<u8>>) -> awsgen_runtime::client::HttpFuture<'_> {
        if let Ok(mut last) = self.0.lock() {
            if last.is_none() {
                *last = Some(request.body().clone());
            }
        }
        black_box(request);
        let response = http::Response::builder()
            .status(200)
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amzn-requestid", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
            .body(RESPONSE.as_bytes().to_vec())
            .unwrap_or_else(|e| panic!("{e}"));
        Box::pin(std::future::ready(Ok(response)))
    }
}

fn awsgen_client(canned: Canned) -> awsgen::Client {
    let config = awsgen_runtime::client::Config::builder()
        .region("us-east-1")
        .credentials(awsgen_runtime::auth::Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Some("token".to_owned())))
        .http_client(canned)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    awsgen::Client::new(config).unwrap_or_else(|e| panic!("{e}"))
}

fn sdk_client(seen: Arc<Mutex<Option<Vec<u8>>>>) -> sdk::Client {
    use aws_smithy_http_client::test_util::infallible_client_fn;
    let http_client = infallible_client_fn(move |request: http::Request<aws_smithy_types::body::SdkBody>| {
        if let Ok(mut last) = seen.lock() {
            if last.is_none() {
                *last = request.body().bytes().map(<[u8]>::to_vec);
            }
        }
        http::Response::builder()
            .status(200)
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amzn-requestid", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
            .body(aws_smithy_types::body::SdkBody::from(RESPONSE))
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let config = sdk::Config::builder()
        .behavior_version(sdk::config::BehaviorVersion::latest())
        .region(sdk::config::Region::new("us-east-1"))
        .credentials_provider(aws_credential_types::Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Some("token".to_owned()), None, "bench"))
        .http_client(http_client)
        .build();
    sdk::Client::from_conf(config)
}

fn allocations(run: impl FnOnce()) -> u64 {
    let region = Region::new(GLOBAL);
    run();
    let stats = region.change();
    (stats.allocations + stats.reallocations) as u64
}

fn interleaved<const N: usize>(mut runs: [&mut dyn FnMut() -> Duration; N]) -> [Duration; N] {
    for run in runs.iter_mut() {
        run();
    }
    let mut samples = vec![Vec::with_capacity(SAMPLES); N];
    for _ in 0..SAMPLES {
        for (run, samples) in runs.iter_mut().zip(&mut samples) {
            samples.push(run() / BATCH);
        }
    }
    std::array::from_fn(|i| {
        samples[i].sort();
        samples[i][SAMPLES / 2]
    })
}

fn batch(mut one: impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..BATCH {
        one();
    }
    started.elapsed()
}

fn us(d: Duration) -> String {
    format!("{:.2} µs", d.as_secs_f64() * 1e6)
}

/// One fresh process's first client and first call, in nanoseconds: what a
/// one-call program pays. Run as `sdk-compare --first awsgen|sdk`.
fn first_in_process(side: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let (client, call) = match side {
        "awsgen" => {
            let input = awsgen_input();
            let started = Instant::now();
            let client = black_box(awsgen_client(Canned::default()));
            let client_done = started.elapsed();
            runtime.block_on(async { black_box(client.update_distribution(input).await.is_ok()) });
            (client_done, started.elapsed())
        }
        _ => {
            let started = Instant::now();
            let client = black_box(sdk_client(Arc::default()));
            let client_done = started.elapsed();
            runtime.block_on(async { black_box(sdk_call(&client).send().await.is_ok()) });
            (client_done, started.elapsed())
        }
    };
    black_box(started);
    println!("{} {}", client.as_nanos(), call.as_nanos());
}

/// Medians over `runs` fresh processes per side, alternated: the first
/// client's build, and the first client plus its first call.
fn first_in_processes(runs: usize) -> [[Duration; 2]; 2] {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut samples = [[Vec::new(), Vec::new()], [Vec::new(), Vec::new()]];
    for _ in 0..runs {
        for (side, samples) in ["awsgen", "sdk"].iter().zip(samples.iter_mut()) {
            let output = std::process::Command::new(&exe)
                .args(["--first", side])
                .output()
                .unwrap_or_else(|e| panic!("{e}"));
            let text = String::from_utf8_lossy(&output.stdout);
            let mut numbers = text.split_whitespace().map(|n| n.parse::<u64>().unwrap_or_else(|e| panic!("{e}: {text}")));
            for sample in samples.iter_mut() {
                sample.push(Duration::from_nanos(numbers.next().unwrap_or_else(|| panic!("no figure: {text}"))));
            }
        }
    }
    samples.map(|side| {
        side.map(|mut sample| {
            sample.sort();
            sample[sample.len() / 2]
        })
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, side] = &args[..] {
        if flag == "--first" {
            return first_in_process(side);
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let canned = Canned::default();
    let ours = awsgen_client(canned.clone());
    let seen = Arc::new(Mutex::new(None));
    let theirs = sdk_client(Arc::clone(&seen));
    let input = awsgen_input();

    // Both sides send the same input.
    runtime.block_on(async {
        ours.update_distribution(input.clone()).await.unwrap_or_else(|e| panic!("{e}"));
        sdk_call(&theirs).send().await.unwrap_or_else(|e| panic!("{e:?}"));
    });
    let body = |bytes: Option<Vec<u8>>| -> serde_json::Value {
        serde_json::from_slice(&bytes.unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"))
    };
    let ours_body = canned.0.lock().map(|b| b.clone()).unwrap_or_default();
    let theirs_body = seen.lock().map(|b| b.clone()).unwrap_or_default();
    let bytes = ours_body.as_ref().map_or(0, Vec::len);
    assert_eq!(body(ours_body), body(theirs_body), "the two sides send different inputs");
    assert_eq!(body(Some(serde_json::to_vec(&wire_input()).unwrap_or_default())), body(canned.0.lock().ok().and_then(|b| b.clone())));

    let mut awsgen_call = || {
        runtime.block_on(async {
            batch_async(|| async {
                black_box(ours.update_distribution(black_box(input.clone())).await.is_ok());
            })
            .await
        })
    };
    let mut sdk_call_timed = || {
        runtime.block_on(async {
            batch_async(|| async {
                black_box(sdk_call(&theirs).send().await.is_ok());
            })
            .await
        })
    };
    let mut awsgen_build = || batch(|| { black_box(awsgen_client(canned.clone())); });
    let mut sdk_build = || batch(|| { black_box(sdk_client(Arc::clone(&seen))); });
    let [ours_call, theirs_call, ours_build, theirs_build] =
        interleaved([&mut awsgen_call, &mut sdk_call_timed, &mut awsgen_build, &mut sdk_build]);

    let ours_allocations = allocations(|| {
        runtime.block_on(async { black_box(ours.update_distribution(input.clone()).await.is_ok()) });
    });
    let theirs_allocations = allocations(|| {
        runtime.block_on(async { black_box(sdk_call(&theirs).send().await.is_ok()) });
    });
    let ours_input_allocations = allocations(|| { black_box(input.clone()); });
    let theirs_input_allocations = allocations(|| { black_box(sdk_call(&theirs)); });
    let ours_client_allocations = allocations(|| { black_box(awsgen_client(canned.clone())); });
    let theirs_client_allocations = allocations(|| { black_box(sdk_client(Arc::clone(&seen))); });

    println!("UpdateDistribution, full input ({bytes} bytes of JSON), in-memory transport;");
    println!("medians of {SAMPLES} interleaved samples of {BATCH} each\n");
    println!("| figure | awsgen | aws-sdk-lightsail | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| signed call | {} | {} | {:.2} |",
        us(ours_call),
        us(theirs_call),
        ours_call.as_secs_f64() / theirs_call.as_secs_f64()
    );
    println!(
        "| allocations per call | {ours_allocations} | {theirs_allocations} | {:.2} |",
        ours_allocations as f64 / theirs_allocations as f64
    );
    let (ours_sent, theirs_sent) = (ours_allocations - ours_input_allocations, theirs_allocations - theirs_input_allocations);
    println!(
        "| of which building the input | {ours_input_allocations} | {theirs_input_allocations} | {:.2} |",
        ours_input_allocations as f64 / theirs_input_allocations as f64
    );
    println!(
        "| of which the call itself | {ours_sent} | {theirs_sent} | {:.2} |",
        ours_sent as f64 / theirs_sent as f64
    );
    println!(
        "| building a client | {} | {} | {:.2} |",
        us(ours_build),
        us(theirs_build),
        ours_build.as_secs_f64() / theirs_build.as_secs_f64()
    );
    println!(
        "| allocations per client | {ours_client_allocations} | {theirs_client_allocations} | {:.2} |",
        ours_client_allocations as f64 / theirs_client_allocations as f64
    );
    const PROCESSES: usize = 21;
    let [[ours_first, ours_first_call], [theirs_first, theirs_first_call]] = first_in_processes(PROCESSES);
    println!(
        "| first client of a fresh process ({PROCESSES} processes each) | {} | {} | {:.2} |",
        us(ours_first),
        us(theirs_first),
        ours_first.as_secs_f64() / theirs_first.as_secs_f64()
    );
    println!(
        "| first client and its first call | {} | {} | {:.2} |",
        us(ours_first_call),
        us(theirs_first_call),
        ours_first_call.as_secs_f64() / theirs_first_call.as_secs_f64()
    );
}

async fn batch_async<F: std::future::Future<Output = ()>>(mut one: impl FnMut() -> F) -> Duration {
    let started = Instant::now();
    for _ in 0..BATCH {
        one().await;
    }
    started.elapsed()
}
