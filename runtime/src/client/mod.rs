//! The async client: endpoint resolution, SigV4 signing, retries, timeouts
//! and the HTTP transport around the sans-IO [`aws_json`]
//! protocol.
//!
//! Generated service clients wrap a [`Client`] and call [`Client::call`] once
//! per operation:
//!
//! ```no_run
//! # use awsgen_runtime::aws_json::Operation;
//! # async fn example<O: Operation>(service: &'static awsgen_runtime::aws_json::Service, input: &O::Input)
//! # -> Result<(), Box<dyn std::error::Error>> where O::Input: Sync, O::Error: 'static {
//! use awsgen_runtime::auth::Credentials;
//! use awsgen_runtime::client::{Client, Config};
//!
//! let config = Config::builder()
//!     .region("us-east-1")
//!     .credentials(Credentials::new("AKID", "SECRET", None))
//!     .build()?;
//! let client = Client::new(service, config)?;
//! let response = client.call::<O>(input).await?;
//! println!("request id: {:?}", response.request_id());
//! # Ok(()) }
//! ```
//!
//! One call serializes the input once, then for each attempt signs a fresh
//! copy (new `x-amz-date`), sends it within the attempt timeout, and either
//! returns the parsed output, or classifies the failure
//! ([`retry::classify`](crate::retry::classify)) and waits the backoff before
//! the next attempt, within the operation timeout. Retries draw on a quota
//! shared by all clones of a [`Client`].
//!
//! `tracing` spans: `awsgen_operation` (fields `service`, `operation`) around
//! each call and `awsgen_attempt` (field `attempt`) around each attempt, with
//! events giving the status, request id, error type and retry decision.
//! Credentials, signatures, the `authorization` header and bodies are never
//! logged.
//!
//! Sending needs a Tokio runtime (with its timer enabled) for the default
//! [`HyperClient`], the timeouts and the retry delays.

mod config;
mod connection;
mod credentials_cache;
mod error;
mod paginate;
mod response;
mod transport;
mod wait;

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use ::http::Request;
use ::http::header::{HeaderName, HeaderValue, USER_AGENT};
use tracing::Instrument;

pub use config::{
    Config, ConfigBuilder, ConfigError, ENV_ENDPOINT_URL, ENV_IGNORE_CONFIGURED_ENDPOINT_URLS,
    ENV_USE_DUALSTACK_ENDPOINT, ENV_USE_FIPS_ENDPOINT, configured_endpoint_url, service_config_key,
    service_endpoint_env_var,
};
pub use error::{EndpointResolutionError, Error, TimeoutKind};
pub use paginate::{Items, PageToken, PageTokens, Pages};
pub use response::Response;
pub use transport::{HttpClient, HttpFuture, HyperClient, TransportError, TransportErrorKind};
pub use wait::{
    Acceptor, Acceptors, Attempt, Backoff, WaitError, Waited, Waiter, attempt_error_type,
    attempt_output,
};

use crate::auth::{self, Env};
use crate::aws_json::{self, Operation, OperationError, ResponseError, Service};
use crate::endpoint::{EndpointError, Params, Partitions, RuleSet};
use crate::retry::{
    AttemptOutcome, OperationRetries, RetryDecision, RetryStrategy, TimeoutConfig,
    TransportFailure, retry_after_from_headers,
};
use credentials_cache::CredentialsCache;

const AMZ_SDK_INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
const AMZ_SDK_REQUEST: HeaderName = HeaderName::from_static("amz-sdk-request");
const X_AMZN_REQUESTID: HeaderName = HeaderName::from_static("x-amzn-requestid");

/// A client for one service: holds the configuration, the resolved endpoint,
/// the transport and the retry quota.
///
/// Cloning is cheap; clones share all of it. `Debug` never shows credentials.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    service: &'static Service,
    region: String,
    credentials: CredentialsCache,
    endpoint: Result<Target, EndpointProblem>,
    retry: RetryStrategy,
    timeouts: TimeoutConfig,
    http: Arc<dyn HttpClient>,
    user_agent: HeaderValue,
}

/// Where requests go, derived once from the configuration.
#[derive(Debug)]
struct Target {
    endpoint: aws_json::EndpointUrl,
    headers: Vec<(HeaderName, HeaderValue)>,
    signing_region: Option<String>,
    signing_name: Option<String>,
}

/// Why there is no [`Target`]; reported on each call.
#[derive(Debug, Clone)]
enum EndpointProblem {
    Resolution(EndpointResolutionError),
    Invalid(String),
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = &*self.inner;
        let endpoint: &dyn std::fmt::Debug = match &inner.endpoint {
            Ok(target) => &target.endpoint.url(),
            Err(problem) => problem,
        };
        f.debug_struct("Client")
            .field("service", &inner.service.sdk_id)
            .field("region", &inner.region)
            .field("credentials", &"** provider **")
            .field("endpoint", endpoint)
            .field("retry", &inner.retry)
            .field("timeouts", &inner.timeouts)
            .field("http_client", &inner.http)
            .finish()
    }
}

impl Client {
    /// A client for `service` configured by `config`.
    ///
    /// Parses the service's endpoint rule set (once per process: later
    /// clients of the service reuse it) and resolves the endpoint for the
    /// configuration once; a configuration the rules reject makes every call
    /// fail with [`Error::Endpoint`].
    ///
    /// # Errors
    /// The service's rule set does not parse, or the default transport cannot
    /// be set up.
    pub fn new(service: &'static Service, config: Config) -> Result<Client, ConfigError> {
        let rules = service
            .endpoint_rule_set
            .map(parsed_rules)
            .transpose()
            .map_err(|source| ConfigError::EndpointRules {
                service: service.sdk_id,
                source,
            })?;
        let endpoint = resolve_target(service, &config, rules.as_deref());
        let http: Arc<dyn HttpClient> = match config.http_client {
            Some(client) => client,
            None => Arc::new(
                HyperClient::with_timeouts(&config.timeouts).map_err(ConfigError::HttpClient)?,
            ),
        };
        let user_agent = HeaderValue::try_from(format!(
            "awsgen/{} ({})",
            env!("CARGO_PKG_VERSION"),
            service.sdk_id
        ))
        .unwrap_or_else(|_| {
            HeaderValue::from_static(concat!("awsgen/", env!("CARGO_PKG_VERSION")))
        });
        Ok(Client {
            inner: Arc::new(Inner {
                service,
                region: config.region,
                credentials: CredentialsCache::new(config.credentials),
                endpoint,
                retry: RetryStrategy::new(config.retry),
                timeouts: config.timeouts,
                http,
                user_agent,
            }),
        })
    }

    /// A client configured the way the AWS CLI and SDKs are, from the
    /// process environment and the shared config files.
    ///
    /// - region: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the `region`
    ///   of the selected profile (`AWS_PROFILE`, else `default`);
    /// - credentials: `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` /
    ///   `AWS_SESSION_TOKEN`, then the profile files, looked up on each call;
    /// - endpoint: `AWS_ENDPOINT_URL_<SDK_ID>` (the SDK id upper-cased, spaces
    ///   and dashes turned into `_`, e.g. `AWS_ENDPOINT_URL_LIGHTSAIL`), then
    ///   `AWS_ENDPOINT_URL` (both ignored when
    ///   `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), else the service's
    ///   endpoint rules, with `AWS_USE_FIPS_ENDPOINT` and
    ///   `AWS_USE_DUALSTACK_ENDPOINT`;
    /// - retries: [`RetryConfig::from_env`](crate::retry::RetryConfig::from_env)
    ///   (`AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`, ...); default timeouts.
    ///
    /// # Errors
    /// No region is configured, a variable has an unusable value, the config
    /// file cannot be read, or as [`Client::new`].
    pub fn from_env(service: &'static Service) -> Result<Client, ConfigError> {
        Self::from_env_with(service, &Env::real())
    }

    /// [`Client::from_env`] reading the variables (and locating the shared
    /// files) through `env` instead of the process environment.
    ///
    /// # Errors
    /// As [`Client::from_env`].
    pub fn from_env_with(service: &'static Service, env: &Env) -> Result<Client, ConfigError> {
        Self::new(service, ConfigBuilder::from_env(service, env)?.build()?)
    }

    /// The service this client calls.
    pub fn service(&self) -> &'static Service {
        self.inner.service
    }

    /// The region requests are signed for.
    pub fn region(&self) -> &str {
        &self.inner.region
    }

    /// The endpoint URL requests go to, when one could be resolved.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.inner.endpoint.as_ref().ok().map(|t| t.endpoint.url())
    }

    /// Calls operation `O` with `input`, retrying as configured.
    ///
    /// # Errors
    /// See [`Error`]: the request could not be built, credentials or the
    /// endpoint are missing, the transport failed, a timeout expired, the
    /// response was malformed, or the service answered with an error (after
    /// the retries it allows).
    pub async fn call<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<Response<O::Output>, Error<O::Error>>
    where
        O::Input: Sync,
    {
        let span = tracing::info_span!(
            "awsgen_operation",
            service = self.inner.service.sdk_id,
            operation = O::NAME
        );
        self.inner.invoke::<O>(input).instrument(span).await
    }
}

impl Inner {
    async fn invoke<O: Operation>(
        &self,
        input: &O::Input,
    ) -> Result<Response<O::Output>, Error<O::Error>>
    where
        O::Input: Sync,
    {
        let started = Instant::now();
        if !same_service(self.service, O::SERVICE) {
            return Err(Error::invalid_request(
                format!(
                    "operation {} belongs to {}, but this client is for {}",
                    O::NAME,
                    O::SERVICE.sdk_id,
                    self.service.sdk_id
                ),
                None,
            ));
        }
        // The idempotency token, if the operation has one and the caller left
        // it unset, is filled once: every attempt sends the same.
        let input = O::with_idempotency_token(input);
        let invocation_id = HeaderValue::try_from(invocation_id()).map_err(|e| {
            Error::invalid_request(
                "the invocation id is not a valid header value",
                Some(Box::new(e) as _),
            )
        })?;
        // The first attempt sends the request built here; a retry builds it
        // again (cheaper than copying every request for a rare retry).
        let mut first = Some(self.build_request::<O>(&input, &invocation_id)?);
        let now = SystemTime::now();
        // Cached credentials are at hand; asking the provider (rare) is a
        // future of its own, boxed so that every call's future stays small.
        let credentials = match self.credentials.fresh(now) {
            Some(credentials) => credentials,
            None => {
                let provided = Box::pin(self.credentials.get(now));
                match self.timeouts.operation_timeout() {
                    Some(limit) => tokio::time::timeout(limit, provided)
                        .await
                        .map_err(|_| self.operation_timeout(0))?,
                    None => provided.await,
                }
                .map_err(Error::Credentials)?
            }
        };
        let (signing_region, signing_name) = match &self.endpoint {
            Ok(target) => (
                target.signing_region.as_deref().unwrap_or(&self.region),
                target
                    .signing_name
                    .as_deref()
                    .unwrap_or(self.service.signing_name),
            ),
            Err(_) => (self.region.as_str(), self.service.signing_name),
        };

        let mut retries = self.retry.begin();
        let max_attempts = retries.max_attempts();
        // Each pass is one attempt; `OperationRetries` stops at `max_attempts`,
        // and the bound is a second guard.
        for _ in 0..max_attempts {
            let attempt = retries.attempt();
            let elapsed = started.elapsed();
            let remaining = self.timeouts.remaining(elapsed);
            if remaining == Some(Duration::ZERO) {
                return Err(self.operation_timeout(attempt - 1));
            }
            let limit = self.timeouts.attempt_limit(elapsed);
            // Whether running out of `limit` means the operation timed out.
            let limited_by_operation = match (remaining, self.timeouts.attempt_timeout()) {
                (Some(left), Some(per_attempt)) => left <= per_attempt,
                (Some(_), None) => true,
                (None, _) => false,
            };

            let mut request = match first.take() {
                Some(request) => request,
                None => self.build_request::<O>(&input, &invocation_id)?,
            };
            if let Some(value) = attempt_progress(attempt, max_attempts) {
                request.headers_mut().insert(AMZ_SDK_REQUEST, value);
            }
            let span = tracing::debug_span!("awsgen_attempt", attempt);
            span.in_scope(|| {
                auth::sign(
                    &mut request,
                    &credentials,
                    signing_region,
                    signing_name,
                    SystemTime::now(),
                )
            })
            .map_err(|e| {
                Error::invalid_request(
                    format!("the request could not be signed: {e}"),
                    Some(Box::new(e) as _),
                )
            })?;

            let sent = send_within(self.http.as_ref(), request, limit)
                .instrument(span.clone())
                .await;

            let judged = self.judge::<O>(sent, &span, attempt, limited_by_operation, &mut retries);
            let (decision, error) = match judged {
                Judged::Done(result) => {
                    if result.is_ok() {
                        retries.on_success();
                    }
                    return result;
                }
                Judged::Failed(decision, error) => (decision, error),
            };

            match decision {
                RetryDecision::Retry { delay, kind, .. } => {
                    if !self.timeouts.allows_retry_after(started.elapsed(), delay) {
                        tracing::debug!(
                            parent: &span,
                            delay = ?delay,
                            "no time left in the operation for a retry"
                        );
                        return Err(self.operation_timeout(attempt));
                    }
                    tracing::debug!(
                        parent: &span,
                        retry_kind = ?kind,
                        delay = ?delay,
                        "retrying"
                    );
                    drop(error);
                    if !delay.is_zero() {
                        tokio::time::sleep(delay).await;
                    }
                }
                RetryDecision::Stop { reason } => {
                    tracing::debug!(parent: &span, reason = %reason, "not retrying");
                    return Err(error);
                }
            }
        }
        // Not reached: the strategy stops at `max_attempts`, so the last pass
        // returns.
        Err(self.operation_timeout(max_attempts))
    }

    /// What one attempt's result means: the call's result, or a failure with
    /// the retry decision taken on it (and the error to return if none follows).
    fn judge<O: Operation>(
        &self,
        sent: Sent,
        span: &tracing::Span,
        attempt: u32,
        limited_by_operation: bool,
        retries: &mut OperationRetries<'_>,
    ) -> Judged<O> {
        match sent {
            Sent::Response(response) => {
                let status = response.status();
                // The fields are read only when a subscriber listens.
                tracing::debug!(
                    parent: span,
                    status = status.as_u16(),
                    request_id = response
                        .headers()
                        .get(X_AMZN_REQUESTID)
                        .and_then(|v| v.to_str().ok()),
                    "response received"
                );
                match O::parse(&response) {
                    Ok(output) => {
                        let (parts, _) = response.into_parts();
                        Judged::Done(Ok(Response::new(output, status, parts.headers, attempt)))
                    }
                    Err(ResponseError::Service(service_error)) => {
                        let error = &service_error.error;
                        let outcome =
                            AttemptOutcome::response(status.as_u16(), Some(error.error_type()))
                                .with_modeled_server_fault(error.is_server_fault())
                                .with_retry_after(retry_after_from_headers(response.headers()));
                        tracing::debug!(parent: span, error_type = error.error_type(), "service error");
                        Judged::Failed(retries.on_failure(&outcome), Error::Service(service_error))
                    }
                    Err(ResponseError::Malformed(malformed)) => {
                        let outcome = AttemptOutcome::response(status.as_u16(), None)
                            .with_retry_after(retry_after_from_headers(response.headers()));
                        tracing::debug!(parent: span, reason = malformed.reason.as_str(), "malformed response");
                        Judged::Failed(retries.on_failure(&outcome), Error::Malformed(malformed))
                    }
                }
            }
            Sent::Failed(failure) => {
                let outcome = match failure.kind() {
                    TransportErrorKind::Connect => {
                        AttemptOutcome::transport(TransportFailure::Connect)
                    }
                    TransportErrorKind::Timeout => {
                        AttemptOutcome::transport(TransportFailure::Timeout)
                    }
                    TransportErrorKind::Io => AttemptOutcome::transport(TransportFailure::Io),
                    _ => AttemptOutcome::default(),
                };
                tracing::debug!(parent: span, kind = ?failure.kind(), error = %failure, "transport failure");
                Judged::Failed(
                    retries.on_failure(&outcome),
                    Error::Transport {
                        source: failure,
                        attempts: attempt,
                    },
                )
            }
            Sent::TimedOut(duration) => {
                if limited_by_operation {
                    tracing::debug!(parent: span, "operation timeout expired");
                    return Judged::Done(Err(self.operation_timeout(attempt)));
                }
                tracing::debug!(parent: span, timeout = ?duration, "attempt timeout expired");
                Judged::Failed(
                    retries.on_failure(&AttemptOutcome::transport(TransportFailure::Timeout)),
                    Error::Timeout {
                        kind: TimeoutKind::Attempt,
                        duration: self.timeouts.attempt_timeout().unwrap_or(duration),
                        attempts: attempt,
                    },
                )
            }
        }
    }

    /// The request of `O` for `input`, addressed to the endpoint, with every
    /// header but the per-attempt ones and the signature.
    fn build_request<O: Operation>(
        &self,
        input: &O::Input,
        invocation_id: &HeaderValue,
    ) -> Result<Request<Vec<u8>>, Error<O::Error>> {
        let target = match &self.endpoint {
            Ok(target) => target,
            Err(EndpointProblem::Resolution(e)) => return Err(Error::Endpoint(e.clone())),
            Err(EndpointProblem::Invalid(message)) => {
                return Err(Error::invalid_request(message.clone(), None));
            }
        };
        let mut request = O::build_request(input).map_err(|e| {
            Error::invalid_request(
                format!("the {} request could not be built: {e}", O::NAME),
                Some(Box::new(e) as _),
            )
        })?;
        target
            .endpoint
            .apply(&mut request)
            .map_err(|e| Error::invalid_request(e.to_string(), Some(Box::new(e) as _)))?;
        // `content-length` is set by the protocol with the body.
        let headers = request.headers_mut();
        headers.insert(USER_AGENT, self.user_agent.clone());
        headers.insert(AMZ_SDK_INVOCATION_ID, invocation_id.clone());
        for (name, value) in &target.headers {
            headers.append(name.clone(), value.clone());
        }
        Ok(request)
    }

    fn operation_timeout<E>(&self, attempts: u32) -> Error<E> {
        Error::Timeout {
            kind: TimeoutKind::Operation,
            duration: self.timeouts.operation_timeout().unwrap_or_default(),
            attempts,
        }
    }
}

/// What an attempt came to (see `Inner::judge`).
enum Judged<O: Operation> {
    /// The call is over: the output, or an error that no retry follows.
    Done(Result<Response<O::Output>, Error<O::Error>>),
    /// The attempt failed: whether to retry, and the error if no retry follows.
    Failed(RetryDecision, Error<O::Error>),
}

/// What one attempt's exchange gave.
enum Sent {
    Response(::http::Response<Vec<u8>>),
    Failed(TransportError),
    TimedOut(Duration),
}

async fn send_within(
    http: &dyn HttpClient,
    request: Request<Vec<u8>>,
    limit: Option<Duration>,
) -> Sent {
    let exchange = http.send(request);
    let result = match limit {
        Some(limit) => match tokio::time::timeout(limit, exchange).await {
            Ok(result) => result,
            Err(_) => return Sent::TimedOut(limit),
        },
        None => exchange.await,
    };
    match result {
        Ok(response) => Sent::Response(response),
        Err(e) => Sent::Failed(e),
    }
}

fn same_service(a: &'static Service, b: &'static Service) -> bool {
    std::ptr::eq(a, b)
        || (a.sdk_id == b.sdk_id
            && a.target_prefix == b.target_prefix
            && a.signing_name == b.signing_name)
}

/// A copy of `request` (method, URI, version, headers, body).
/// The service's endpoint rule set, parsed once per process: generated code
/// holds it as `&'static str`, so its address identifies it.
fn parsed_rules(text: &'static str) -> Result<Arc<RuleSet>, EndpointError> {
    type Parsed = Vec<((usize, usize), Arc<RuleSet>)>;
    static PARSED: OnceLock<Mutex<Parsed>> = OnceLock::new();
    let key = (text.as_ptr().addr(), text.len());
    let parsed = PARSED.get_or_init(Mutex::default);
    let known = |parsed: &Parsed| {
        parsed
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, rules)| Arc::clone(rules))
    };
    if let Some(rules) = parsed.lock().ok().and_then(|p| known(&p)) {
        return Ok(rules);
    }
    let rules = Arc::new(RuleSet::from_json(text)?);
    if let Ok(mut parsed) = parsed.lock() {
        match known(&parsed) {
            Some(first) => return Ok(first),
            None => parsed.push((key, Arc::clone(&rules))),
        }
    }
    Ok(rules)
}

/// A random (version 4) UUID, for `amz-sdk-invocation-id`.
/// `attempt=2; max=3`, written without a temporary string.
fn attempt_progress(attempt: u32, max_attempts: u32) -> Option<HeaderValue> {
    // `attempt=4294967295; max=4294967295` at most: 34 bytes.
    let mut text = [0u8; 34];
    let mut length = 0;
    let mut push = |bytes: &[u8]| {
        for &byte in bytes {
            text[length] = byte;
            length += 1;
        }
    };
    push(b"attempt=");
    push(decimal(attempt, &mut [0; 10]));
    push(b"; max=");
    push(decimal(max_attempts, &mut [0; 10]));
    HeaderValue::from_bytes(&text[..length]).ok()
}

/// `value` in decimal digits, written at the end of `digits`.
fn decimal(mut value: u32, digits: &mut [u8; 10]) -> &[u8] {
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            return &digits[start..];
        }
    }
}

/// The `amz-sdk-invocation-id` of a call: a random UUID v4, the same for
/// all its attempts.
fn invocation_id() -> String {
    aws_json::idempotency_token()
}

impl Target {
    fn from_endpoint(endpoint: crate::endpoint::Endpoint) -> Result<Target, String> {
        let url = aws_json::EndpointUrl::parse(&endpoint.url)
            .map_err(|e| format!("the endpoint URL is not usable: {e}"))?;
        let mut headers = Vec::new();
        for (name, values) in &endpoint.headers {
            let name = HeaderName::try_from(name.as_str())
                .map_err(|_| format!("the endpoint header name {name:?} is not valid"))?;
            for value in values {
                let value = HeaderValue::try_from(value.as_str())
                    .map_err(|_| format!("the endpoint header {name} has an invalid value"))?;
                headers.push((name.clone(), value));
            }
        }
        let (signing_region, signing_name) = sigv4_scheme(&endpoint.properties);
        Ok(Target {
            endpoint: url,
            headers,
            signing_region,
            signing_name,
        })
    }
}

/// The `signingRegion` and `signingName` of the endpoint's `sigv4` auth
/// scheme, if it names them.
fn sigv4_scheme(
    properties: &serde_json::Map<String, serde_json::Value>,
) -> (Option<String>, Option<String>) {
    let scheme = properties
        .get("authSchemes")
        .and_then(|v| v.as_array())
        .and_then(|schemes| {
            schemes
                .iter()
                .find(|s| s.get("name").and_then(|n| n.as_str()) == Some("sigv4"))
        });
    let text = |key: &str| {
        scheme
            .and_then(|s| s.get(key))
            .and_then(|v| v.as_str())
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    (text("signingRegion"), text("signingName"))
}

/// Resolves the endpoint of `config` with `rules`: the built-in parameters
/// `AWS::Region`, `AWS::UseFIPS`, `AWS::UseDualStack` and `SDK::Endpoint`
/// come from the configuration. Without rules, the configured endpoint URL
/// is used as is.
fn resolve_target(
    service: &'static Service,
    config: &Config,
    rules: Option<&RuleSet>,
) -> Result<Target, EndpointProblem> {
    let endpoint = match rules {
        Some(rules) => {
            let mut params = Params::new();
            let mut set = |built_in: &str, value: crate::endpoint::ParamValue| {
                if let Some(p) = rules.parameter_for_built_in(built_in) {
                    params.insert(p.name.clone(), value);
                }
            };
            set("AWS::Region", config.region.clone().into());
            set("AWS::UseFIPS", config.use_fips.into());
            set("AWS::UseDualStack", config.use_dual_stack.into());
            if let Some(url) = &config.endpoint_url {
                set("SDK::Endpoint", url.clone().into());
            }
            match (
                &config.endpoint_url,
                rules.parameter_for_built_in("SDK::Endpoint"),
            ) {
                // Rules that cannot take an override: the override wins.
                (Some(url), None) => crate::endpoint::Endpoint {
                    url: url.clone(),
                    ..Default::default()
                },
                _ => rules
                    .resolve(&params, Partitions::builtin())
                    .map_err(|e| EndpointProblem::Resolution(e.into()))?,
            }
        }
        None => match &config.endpoint_url {
            Some(url) => crate::endpoint::Endpoint {
                url: url.clone(),
                ..Default::default()
            },
            None => {
                return Err(EndpointProblem::Resolution(
                    EndpointResolutionError::NoRules {
                        service: service.sdk_id,
                    },
                ));
            }
        },
    };
    Target::from_endpoint(endpoint).map_err(EndpointProblem::Invalid)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn attempt_progress_counts_attempts() {
        let text = |a, m| attempt_progress(a, m).unwrap().to_str().unwrap().to_owned();
        assert_eq!(text(1, 3), "attempt=1; max=3");
        assert_eq!(text(10, 0), "attempt=10; max=0");
        assert_eq!(
            text(u32::MAX, u32::MAX),
            "attempt=4294967295; max=4294967295"
        );
    }

    #[test]
    fn invocation_ids_are_version_4_uuids() {
        let a = invocation_id();
        let b = invocation_id();
        assert_ne!(a, b);
        let groups: Vec<&str> = a.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('4'), "{a}");
        assert!(matches!(&groups[3][..1], "8" | "9" | "a" | "b"), "{a}");
    }

    #[test]
    fn unusable_endpoints_are_reported() {
        for url in ["ftp://x", "nothing", "https://h/?q=1"] {
            let result = Target::from_endpoint(crate::endpoint::Endpoint {
                url: url.to_owned(),
                ..Default::default()
            });
            assert!(result.is_err(), "{url}");
        }
    }

    #[test]
    fn auth_scheme_overrides_signing_scope() {
        let properties = serde_json::json!({
            "authSchemes": [
                {"name": "sigv4a", "signingName": "nope"},
                {"name": "sigv4", "signingRegion": "us-west-2", "signingName": "svc"}
            ]
        });
        let (region, name) = sigv4_scheme(properties.as_object().unwrap());
        assert_eq!(region.as_deref(), Some("us-west-2"));
        assert_eq!(name.as_deref(), Some("svc"));
        assert_eq!(sigv4_scheme(&serde_json::Map::new()), (None, None));
    }
}
