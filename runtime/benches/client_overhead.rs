//! Per-call overhead of `Client::call` for an UpdateDistribution-shaped
//! request, against an in-memory transport that answers at once, compared
//! with its parts measured alone: serializing the request, serializing and
//! signing it, and parsing the response.
//!
//! Run with `cargo bench -p awsgen-runtime --features client --bench client_overhead`.
//! Prints the median time per call of each measurement (over `SAMPLES`
//! samples of `BATCH` calls), the allocations of one call, and the call's
//! ratio to two floors: (b) one serialization plus one SigV4 signature with
//! the derived key cached (what any signed call does), and the stricter (f),
//! one serialization plus only the SHA-256 and HMAC work SigV4 cannot avoid
//! (hashing the body and a canonical request of typical length, one HMAC
//! with a cached key); then the time to build a client (parsing the
//! Lightsail rule set the first time, reusing it after).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::alloc::System;
use std::fmt;
use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use awsgen_runtime::auth::{self, Credentials};
use awsgen_runtime::aws_json::{
    self, Operation, OperationError, Protocol, Service, UnhandledError,
};
use awsgen_runtime::client::{Client, Config, HttpClient, HttpFuture};
use awsgen_runtime::endpoint::RuleSet;
use awsgen_runtime::rest_json;
use awsgen_runtime::retry::RetryConfig;
use serde::{Deserialize, Serialize};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

/// Counts allocations, to report them per call.
#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations and bytes allocated while `run` runs.
fn allocations(run: impl FnOnce()) -> (u64, u64) {
    let region = Region::new(GLOBAL);
    run();
    let stats = region.change();
    let count = stats.allocations + stats.reallocations;
    (
        count as u64,
        (stats.bytes_allocated + stats.bytes_reallocated.max(0) as usize) as u64,
    )
}

const SAMPLES: usize = 41;
const BATCH: u32 = 200;

const SERVICE: Service = Service {
    sdk_id: "Lightsail",
    target_prefix: "Lightsail_20161128",
    api_version: "2016-11-28",
    protocol: Protocol::AwsJson1_1,
    signing_name: "lightsail",
    endpoint_prefix: "lightsail",
    endpoint_rule_set: None,
    query_compatible: false,
};

// ---- an UpdateDistribution-shaped input (9 top-level members) ----

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct UpdateDistributionRequest {
    distribution_name: String,
    origin: InputOrigin,
    default_cache_behavior: CacheBehavior,
    cache_behavior_settings: CacheSettings,
    cache_behaviors: Vec<CacheBehaviorPerPath>,
    is_enabled: bool,
    viewer_minimum_tls_protocol_version: String,
    certificate_name: String,
    use_default_certificate: bool,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct InputOrigin {
    name: String,
    region_name: String,
    protocol_policy: String,
    response_timeout: i32,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct CacheBehavior {
    behavior: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct CacheBehaviorPerPath {
    path: String,
    behavior: String,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct CacheSettings {
    #[serde(rename = "defaultTTL")]
    default_ttl: i64,
    #[serde(rename = "minimumTTL")]
    minimum_ttl: i64,
    #[serde(rename = "maximumTTL")]
    maximum_ttl: i64,
    #[serde(rename = "allowedHTTPMethods")]
    allowed_http_methods: String,
    #[serde(rename = "cachedHTTPMethods")]
    cached_http_methods: String,
    forwarded_cookies: CookieObject,
    forwarded_headers: HeaderObject,
    forwarded_query_strings: QueryStringObject,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct CookieObject {
    option: String,
    cookies_allow_list: Vec<String>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct HeaderObject {
    option: String,
    headers_allow_list: Vec<String>,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct QueryStringObject {
    option: bool,
    query_strings_allow_list: Vec<String>,
}

fn input() -> UpdateDistributionRequest {
    let strings = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect();
    UpdateDistributionRequest {
        distribution_name: "my-distribution".to_owned(),
        origin: InputOrigin {
            name: "my-bucket-origin".to_owned(),
            region_name: "us-east-1".to_owned(),
            protocol_policy: "https-only".to_owned(),
            response_timeout: 30,
        },
        default_cache_behavior: CacheBehavior {
            behavior: "cache".to_owned(),
        },
        cache_behavior_settings: CacheSettings {
            default_ttl: 86_400,
            minimum_ttl: 0,
            maximum_ttl: 31_536_000,
            allowed_http_methods: "GET,HEAD,OPTIONS".to_owned(),
            cached_http_methods: "GET,HEAD".to_owned(),
            forwarded_cookies: CookieObject {
                option: "allow-list".to_owned(),
                cookies_allow_list: strings(&["session", "locale", "theme"]),
            },
            forwarded_headers: HeaderObject {
                option: "allow-list".to_owned(),
                headers_allow_list: strings(&["Accept", "Accept-Language", "Origin"]),
            },
            forwarded_query_strings: QueryStringObject {
                option: true,
                query_strings_allow_list: strings(&["page", "size", "q"]),
            },
        },
        cache_behaviors: vec![
            CacheBehaviorPerPath {
                path: "/images/*".to_owned(),
                behavior: "cache".to_owned(),
            },
            CacheBehaviorPerPath {
                path: "/api/*".to_owned(),
                behavior: "dont-cache".to_owned(),
            },
            CacheBehaviorPerPath {
                path: "/static/*.css".to_owned(),
                behavior: "cache".to_owned(),
            },
        ],
        is_enabled: true,
        viewer_minimum_tls_protocol_version: "TLSv1.2_2021".to_owned(),
        certificate_name: "my-certificate".to_owned(),
        use_default_certificate: false,
    }
}

// ---- the output and the operation ----

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct UpdateDistributionResult {
    operation: Option<OperationRecord>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct OperationRecord {
    id: Option<String>,
    resource_name: Option<String>,
    resource_type: Option<String>,
    created_at: Option<f64>,
    location: Option<ResourceLocation>,
    is_terminal: Option<bool>,
    operation_details: Option<String>,
    operation_type: Option<String>,
    status: Option<String>,
    status_changed_at: Option<f64>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct ResourceLocation {
    availability_zone: Option<String>,
    region_name: Option<String>,
}

const RESPONSE_BODY: &str = r#"{"operation":{"id":"5b6a3c1e-3f0a-4a8e-9a57-2b3f1d0c9e11","resourceName":"my-distribution","resourceType":"Distribution","createdAt":1.7316e9,"location":{"availabilityZone":"all","regionName":"us-east-1"},"isTerminal":false,"operationDetails":"","operationType":"UpdateDistribution","status":"Started","statusChangedAt":1.7316e9}}"#;

#[derive(Debug)]
struct BenchError(UnhandledError);

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for BenchError {}

impl OperationError for BenchError {
    fn from_code(code: &str, reply: &aws_json::Reply<'_>) -> Result<Self, serde_json::Error> {
        let body = reply.body;
        Ok(BenchError(UnhandledError::new(code, body)))
    }

    fn inner(&self) -> &dyn aws_json::ErrorInfo {
        &self.0
    }
}

struct UpdateDistribution;

impl Operation for UpdateDistribution {
    const SERVICE: &'static Service = &SERVICE;
    const NAME: &'static str = "UpdateDistribution";
    type Input = UpdateDistributionRequest;
    type Output = UpdateDistributionResult;
    type Error = BenchError;
}

// ---- the same call over restJson1: a label, query parameters, a header and
// a JSON body in; a header and a JSON body out ----

const REST_SERVICE: Service = Service {
    protocol: Protocol::RestJson1,
    ..SERVICE
};

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)]
struct UpdateDistributionRestResult {
    operation: Option<OperationRecord>,
    #[serde(skip)]
    request_id: Option<String>,
}

impl rest_json::FromResponse for UpdateDistributionRestResult {
    fn from_response(reply: &aws_json::Reply<'_>) -> Result<Self, serde_json::Error> {
        let mut value: Self = aws_json::from_body(reply.body)?;
        value.request_id = rest_json::header(reply.headers, "x-amzn-requestid", "RequestId")?;
        Ok(value)
    }
}

struct UpdateDistributionRest;

impl Operation for UpdateDistributionRest {
    const SERVICE: &'static Service = &REST_SERVICE;
    const NAME: &'static str = "UpdateDistribution";
    type Input = UpdateDistributionRequest;
    type Output = UpdateDistributionRestResult;
    type Error = BenchError;

    fn build_request(
        input: &UpdateDistributionRequest,
    ) -> Result<http::Request<Vec<u8>>, aws_json::RequestError> {
        let mut request = rest_json::Request::new(http::Method::PUT, "");
        request.path("/distributions/");
        request.label("distributionName", Some(&input.distribution_name), false)?;
        request.query("certificateName", &input.certificate_name);
        request.query("isEnabled", input.is_enabled);
        request.header(
            "x-amz-tls-version",
            &input.viewer_minimum_tls_protocol_version,
        )?;
        request.json(input)?;
        request.finish()
    }

    fn parse<B: AsRef<[u8]>>(
        response: &http::Response<B>,
    ) -> Result<Self::Output, aws_json::ResponseError<Self::Error>> {
        rest_json::parse_response::<Self, B>(response)
    }
}

/// The response the in-memory transport answers with, built the cheapest way
/// (static header names and values, one copy of the body), so that the call
/// measures the client rather than the transport.
fn canned_response() -> http::Response<Vec<u8>> {
    use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
    let mut response = http::Response::new(RESPONSE_BODY.as_bytes().to_vec());
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    headers.insert(
        HeaderName::from_static("x-amzn-requestid"),
        HeaderValue::from_static("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
    );
    response
}

/// Answers every request at once with the canned response.
#[derive(Debug)]
struct Canned;

impl HttpClient for Canned {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        black_box(request);
        Box::pin(std::future::ready(Ok(canned_response())))
    }
}

// ---- measurement ----

/// A measurement: runs `BATCH` iterations and returns their time.
fn measurement(run: impl FnMut() -> Duration) -> impl FnMut() -> Duration {
    run
}

/// Median time per iteration of each measurement, the measurements taken in
/// turn (one batch of each per round, `SAMPLES` rounds), so that a slower
/// moment of the machine weighs on all of them alike.
fn interleaved<const N: usize>(mut runs: [&mut dyn FnMut() -> Duration; N]) -> [Duration; N] {
    for run in runs.iter_mut() {
        run(); // warm-up
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

fn time_batch(mut one: impl FnMut()) -> Duration {
    let started = Instant::now();
    for _ in 0..BATCH {
        one();
    }
    started.elapsed()
}

fn show(label: &str, d: Duration) {
    println!(
        "{label:<40} {:>10.2} µs  ({} ns)",
        d.as_secs_f64() * 1e6,
        d.as_nanos()
    );
}

fn main() {
    let input = input();
    let credentials = Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        Some("session-token-example".to_owned()),
    );
    let response = canned_response();
    let body_len = aws_json::request::<UpdateDistribution>(&input)
        .unwrap()
        .body()
        .len();
    println!(
        "UpdateDistribution request body: {body_len} bytes; response body: {} bytes",
        RESPONSE_BODY.len()
    );
    println!("median of {SAMPLES} samples of {BATCH} calls each, measurements interleaved\n");

    let mut serialize = measurement(|| {
        time_batch(|| {
            black_box(aws_json::request::<UpdateDistribution>(black_box(&input)).unwrap());
        })
    });

    let mut sign = measurement(|| {
        time_batch(|| {
            let mut request = aws_json::request::<UpdateDistribution>(black_box(&input)).unwrap();
            *request.uri_mut() =
                http::Uri::from_static("https://lightsail.us-east-1.amazonaws.com/");
            auth::sign(
                &mut request,
                &credentials,
                "us-east-1",
                "lightsail",
                SystemTime::now(),
            )
            .unwrap();
            black_box(request);
        })
    });

    let mut parse = measurement(|| {
        time_batch(|| {
            black_box(
                aws_json::parse_response::<UpdateDistribution, _>(black_box(&response)).unwrap(),
            );
        })
    });

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let config = Config::builder()
        .region("us-east-1")
        .credentials(credentials.clone())
        .endpoint_url("https://lightsail.us-east-1.amazonaws.com")
        .retry(RetryConfig::standard())
        .http_client(Canned)
        .build()
        .unwrap();
    let client = Client::new(&SERVICE, config).unwrap();
    let mut full = measurement(|| {
        runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..BATCH {
                let response = client
                    .call::<UpdateDistribution>(black_box(&input))
                    .await
                    .unwrap();
                black_box(response);
            }
            started.elapsed()
        })
    });

    let (serialize_allocations, _) = allocations(|| {
        black_box(aws_json::request::<UpdateDistribution>(&input).unwrap());
    });
    let mut request = aws_json::request::<UpdateDistribution>(&input).unwrap();
    *request.uri_mut() = http::Uri::from_static("https://lightsail.us-east-1.amazonaws.com/");
    let now = SystemTime::now();
    auth::sign(&mut request, &credentials, "us-east-1", "lightsail", now).unwrap();
    let (sign_allocations, _) = allocations(|| {
        auth::sign(&mut request, &credentials, "us-east-1", "lightsail", now).unwrap();
    });
    let (parse_allocations, _) = allocations(|| {
        black_box(aws_json::parse_response::<UpdateDistribution, _>(&response).unwrap());
    });
    let (calls, bytes) = allocations(|| {
        runtime.block_on(async {
            for _ in 0..BATCH {
                black_box(client.call::<UpdateDistribution>(&input).await.unwrap());
            }
        });
    });
    let (rest_build_allocations, _) = allocations(|| {
        black_box(aws_json::request::<UpdateDistributionRest>(&input).unwrap());
    });
    let mut rest_request = aws_json::request::<UpdateDistributionRest>(&input).unwrap();
    let endpoint =
        aws_json::EndpointUrl::parse("https://lightsail.us-east-1.amazonaws.com").unwrap();
    let (rest_endpoint_allocations, _) = allocations(|| {
        endpoint.apply(&mut rest_request).unwrap();
    });
    auth::sign(
        &mut rest_request,
        &credentials,
        "us-east-1",
        "lightsail",
        now,
    )
    .unwrap();
    let (rest_sign_allocations, _) = allocations(|| {
        auth::sign(
            &mut rest_request,
            &credentials,
            "us-east-1",
            "lightsail",
            now,
        )
        .unwrap();
    });
    let (rest_parse_allocations, _) = allocations(|| {
        black_box(rest_json::parse_response::<UpdateDistributionRest, _>(&response).unwrap());
    });
    let (rest_calls, rest_bytes) = allocations(|| {
        runtime.block_on(async {
            for _ in 0..BATCH {
                black_box(client.call::<UpdateDistributionRest>(&input).await.unwrap());
            }
        });
    });

    // The floor: what no signed call can skip.
    let mut floor = measurement(|| {
        use ring::{digest, hmac};
        let key = hmac::Key::new(hmac::HMAC_SHA256, &[7u8; 32]);
        let canonical = [b'c'; 420];
        time_batch(|| {
            let request = aws_json::request::<UpdateDistribution>(black_box(&input)).unwrap();
            let body = digest::digest(&digest::SHA256, request.body());
            let canonical = digest::digest(&digest::SHA256, black_box(&canonical[..]));
            let mut mac = hmac::Context::with_key(&key);
            mac.update(&[b's'; 140]);
            mac.update(canonical.as_ref());
            black_box((body, mac.sign(), request));
        })
    });

    // Building a client: the first one parses the rule set, later ones reuse it.
    let rules = lightsail_rules();
    let service: &'static Service = Box::leak(Box::new(Service {
        endpoint_rule_set: Some(rules),
        ..SERVICE
    }));
    let build = || {
        let config = Config::builder()
            .region("us-east-1")
            .credentials(credentials.clone())
            .http_client(Canned)
            .build()
            .unwrap();
        Client::new(service, config).unwrap()
    };
    let started = Instant::now();
    black_box(build());
    let first_client = started.elapsed();
    let mut client_build = measurement(|| {
        time_batch(|| {
            black_box(build());
        })
    });
    let (client_allocations, _) = allocations(|| {
        black_box(build());
    });
    // What the first client of a process pays once, warm: parsing the rule set.
    let mut rules_parse = measurement(|| {
        time_batch(|| {
            black_box(RuleSet::from_json(black_box(rules)).unwrap());
        })
    });

    // The same call over restJson1.
    let mut full_rest = measurement(|| {
        runtime.block_on(async {
            let started = Instant::now();
            for _ in 0..BATCH {
                let response = client
                    .call::<UpdateDistributionRest>(black_box(&input))
                    .await
                    .unwrap();
                black_box(response);
            }
            started.elapsed()
        })
    });

    // The client's spans (one per call, one per attempt) when no subscriber
    // listens, alone; then a whole call with a subscriber listening.
    let mut spans = measurement(|| {
        time_batch(|| {
            let span = tracing::info_span!(
                "awsgen_operation",
                service = black_box(SERVICE.sdk_id),
                operation = "UpdateDistribution"
            );
            let attempt =
                tracing::debug_span!(parent: &span, "awsgen_attempt", attempt = black_box(1u32));
            attempt.in_scope(|| black_box(&span));
        })
    });
    let listening = tracing::Dispatch::new(tracing_subscriber::registry());
    let mut full_listening = measurement(|| {
        tracing::dispatcher::with_default(&listening, || {
            runtime.block_on(async {
                let started = Instant::now();
                for _ in 0..BATCH {
                    black_box(
                        client
                            .call::<UpdateDistribution>(black_box(&input))
                            .await
                            .unwrap(),
                    );
                }
                started.elapsed()
            })
        })
    });

    let [
        serialize,
        sign,
        parse,
        floor,
        full,
        client_build,
        rules_parse,
        spans,
        full_listening,
        full_rest,
    ] = interleaved([
        &mut serialize,
        &mut sign,
        &mut parse,
        &mut floor,
        &mut full,
        &mut client_build,
        &mut rules_parse,
        &mut spans,
        &mut full_listening,
        &mut full_rest,
    ]);
    show("(a) serialize request", serialize);
    show("(b) serialize + sign", sign);
    show("(c) parse response", parse);
    show("(f) floor: serialize + SigV4 hashing", floor);
    show("Client::call (in-memory transport)", full);
    show(
        "Client::call, restJson1 (label, query, header, body)",
        full_rest,
    );
    println!(
        "restJson1 call / awsJson call: {:.2}x",
        full_rest.as_secs_f64() / full.as_secs_f64()
    );
    println!(
        "\nfull call / (b), one serialization and one signature: {:.2}x\n\
         full call / (f), the hashing floor: {:.2}x\n\
         full call - (b) - (c): {:.2} µs",
        full.as_secs_f64() / sign.as_secs_f64(),
        full.as_secs_f64() / floor.as_secs_f64(),
        (full.as_secs_f64() - sign.as_secs_f64() - parse.as_secs_f64()) * 1e6
    );
    println!(
        "allocations per call: {} ({} bytes); of which serialize {serialize_allocations}, \
         sign {sign_allocations}, parse {parse_allocations}",
        calls / u64::from(BATCH),
        bytes / u64::from(BATCH)
    );
    println!(
        "restJson1 allocations per call: {} ({} bytes); of which build {rest_build_allocations}, \
         endpoint {rest_endpoint_allocations}, sign {rest_sign_allocations}, parse {rest_parse_allocations}",
        rest_calls / u64::from(BATCH),
        rest_bytes / u64::from(BATCH)
    );
    show("spans of one call, no subscriber", spans);
    show("Client::call, a subscriber listening", full_listening);
    println!(
        "spans without a subscriber: {:.2}% of a call",
        100.0 * spans.as_secs_f64() / full.as_secs_f64()
    );
    println!();
    show("first Client::new (parses the rule set)", first_client);
    show("parsing the rule set (warm)", rules_parse);
    show("later Client::new (rule set reused)", client_build);
    println!("allocations per later Client::new: {client_allocations}");
}

/// The endpoint rule set of the official Lightsail model.
fn lightsail_rules() -> &'static str {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/models/lightsail-2016-11-28.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rules = &model["shapes"]["com.amazonaws.lightsail#Lightsail_20161128"]["traits"]["smithy.rules#endpointRuleSet"];
    Box::leak(rules.to_string().into_boxed_str())
}
