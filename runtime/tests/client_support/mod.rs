//! Shared pieces of the client tests: an UpdateDistribution-shaped test
//! operation, a scripted HTTP/1.1 server on 127.0.0.1, an in-memory
//! transport that records requests, and the Lightsail rule set read from the
//! official model.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use awsgen_runtime::UnknownValue;
use awsgen_runtime::auth::Credentials;
use awsgen_runtime::aws_json::{
    self, Operation, OperationError, Protocol, Service, UnhandledError,
};
use awsgen_runtime::client::{ConfigBuilder, HttpClient, HttpFuture};
use awsgen_runtime::retry::RetryConfig;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

pub const ACCESS_KEY: &str = "AKID";
pub const SECRET_KEY: &str = "SECRETKEY-s3cr3t-value-never-shown";
pub const SESSION_TOKEN: &str = "SESSIONTOKEN-t0ken-value-never-shown";

/// The test service; its rule set is absent so the constant stays a
/// constant. [`lightsail_with_rules`] is the same service with the official
/// rule set.
pub const SERVICE: Service = Service {
    sdk_id: "Lightsail",
    target_prefix: "Lightsail_20161128",
    api_version: "2016-11-28",
    protocol: Protocol::AwsJson1_1,
    signing_name: "lightsail",
    endpoint_prefix: "lightsail",
    endpoint_rule_set: None,
    query_compatible: false,
};

const OFFICIAL_MODEL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/models/lightsail-2016-11-28.json"
);

/// [`SERVICE`] with the rule set of the official Lightsail model.
pub fn lightsail_with_rules() -> &'static Service {
    static CELL: OnceLock<&'static Service> = OnceLock::new();
    CELL.get_or_init(|| {
        let text = std::fs::read_to_string(OFFICIAL_MODEL).unwrap();
        let model: serde_json::Value = serde_json::from_str(&text).unwrap();
        let rules = &model["shapes"]["com.amazonaws.lightsail#Lightsail_20161128"]["traits"]
            ["smithy.rules#endpointRuleSet"];
        assert!(rules.is_object(), "the model has no endpoint rule set");
        let rules: &'static str = Box::leak(rules.to_string().into_boxed_str());
        Box::leak(Box::new(Service {
            endpoint_rule_set: Some(rules),
            ..SERVICE
        }))
    })
}

// ---- the operation -------------------------------------------------------

#[derive(Serialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInput {
    pub distribution_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_behaviors: Option<Vec<CacheBehavior>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<bool>,
}

#[derive(Serialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub struct Origin {
    pub name: String,
    pub region_name: String,
    pub protocol_policy: String,
}

#[derive(Serialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub struct CacheBehavior {
    pub path: String,
    pub behavior: String,
}

pub fn sample_input() -> UpdateInput {
    UpdateInput {
        distribution_name: "my-distribution".to_owned(),
        origin: Some(Origin {
            name: "my-bucket".to_owned(),
            region_name: "us-east-1".to_owned(),
            protocol_policy: "https-only".to_owned(),
        }),
        cache_behaviors: Some(vec![CacheBehavior {
            path: "/images/*".to_owned(),
            behavior: "cache".to_owned(),
        }]),
        is_enabled: Some(true),
    }
}

#[derive(Deserialize, Debug, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct UpdateOutput {
    #[serde(default)]
    pub operation: Option<OperationRecord>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OperationRecord {
    pub id: String,
    #[serde(default)]
    pub status: Option<OperationStatus>,
}

/// An enum as generated: known values plus a catch-all.
#[derive(Deserialize, Debug, PartialEq, Clone)]
#[serde(from = "String")]
pub enum OperationStatus {
    Started,
    Succeeded,
    Unknown(UnknownValue),
}

impl From<String> for OperationStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "Started" => Self::Started,
            "Succeeded" => Self::Succeeded,
            _ => Self::Unknown(UnknownValue::new(value)),
        }
    }
}

#[derive(Deserialize, Debug, PartialEq, Clone)]
pub struct ExceptionBody {
    pub code: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, PartialEq, Clone)]
pub enum UpdateError {
    NotFound(ExceptionBody),
    InvalidInput(ExceptionBody),
    /// Modeled `@error("server")`.
    Service(ExceptionBody),
    Unhandled(UnhandledError),
}

impl fmt::Display for UpdateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, body) = match self {
            UpdateError::NotFound(b) => ("NotFoundException", b),
            UpdateError::InvalidInput(b) => ("InvalidInputException", b),
            UpdateError::Service(b) => ("ServiceException", b),
            UpdateError::Unhandled(e) => return e.fmt(f),
        };
        write!(f, "{name}: {}", body.message.as_deref().unwrap_or(""))
    }
}

impl std::error::Error for UpdateError {}

impl OperationError for UpdateError {
    fn from_code(code: &str, reply: &aws_json::Reply<'_>) -> Result<Self, serde_json::Error> {
        let body = reply.body;
        Ok(match code {
            "NotFoundException" => UpdateError::NotFound(aws_json::from_body(body)?),
            "InvalidInputException" => UpdateError::InvalidInput(aws_json::from_body(body)?),
            "ServiceException" => UpdateError::Service(aws_json::from_body(body)?),
            other => UpdateError::Unhandled(UnhandledError::new(other, body)),
        })
    }

    fn inner(&self) -> &dyn aws_json::ErrorInfo {
        self
    }
}

/// The enum answers for its variants itself.
impl aws_json::ErrorInfo for UpdateError {
    fn error_type(&self) -> &str {
        match self {
            UpdateError::NotFound(_) => "NotFoundException",
            UpdateError::InvalidInput(_) => "InvalidInputException",
            UpdateError::Service(_) => "ServiceException",
            UpdateError::Unhandled(e) => e.code(),
        }
    }

    fn is_server_fault(&self) -> bool {
        matches!(self, UpdateError::Service(_))
    }

    fn message(&self) -> Option<&str> {
        match self {
            UpdateError::NotFound(b) | UpdateError::InvalidInput(b) | UpdateError::Service(b) => {
                b.message.as_deref()
            }
            UpdateError::Unhandled(e) => e.message(),
        }
    }
}

pub struct UpdateDistribution;

impl Operation for UpdateDistribution {
    const SERVICE: &'static Service = &SERVICE;
    const NAME: &'static str = "UpdateDistribution";
    type Input = UpdateInput;
    type Output = UpdateOutput;
    type Error = UpdateError;
}

// ---- configuration -------------------------------------------------------

pub fn credentials() -> Credentials {
    Credentials::new(ACCESS_KEY, SECRET_KEY, Some(SESSION_TOKEN.to_owned()))
}

/// Retries with millisecond backoffs, so tests stay fast.
pub fn fast_retry(max_attempts: u32) -> RetryConfig {
    RetryConfig::standard()
        .with_max_attempts(max_attempts)
        .with_initial_backoff(Duration::from_millis(2))
        .with_max_backoff(Duration::from_millis(10))
}

/// Region us-east-1, the test credentials, `endpoint` and fast retries.
pub fn config_for(endpoint: &str) -> ConfigBuilder {
    awsgen_runtime::client::Config::builder()
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url(endpoint)
        .retry(fast_retry(3))
}

// ---- a scripted HTTP/1.1 server on 127.0.0.1 --------------------------------

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
    /// Send the head and half the body, then stall this long.
    pub stall_mid_body: Option<Duration>,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            headers: vec![(
                "content-type".to_owned(),
                "application/x-amz-json-1.1".to_owned(),
            )],
            body: body.into(),
            delay: Duration::ZERO,
            stall_mid_body: None,
        }
    }

    pub fn ok(body: &str) -> Self {
        Reply::new(200, body)
    }

    /// An awsJson error with `__type` and a message.
    pub fn error(status: u16, error_type: &str, message: &str) -> Self {
        let body = serde_json::json!({"__type": error_type, "message": message});
        Reply::new(status, body.to_string())
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn request_id(self, id: &str) -> Self {
        self.header("x-amzn-RequestId", id)
    }

    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn stalled_mid_body(mut self, stall: Duration) -> Self {
        self.stall_mid_body = Some(stall);
        self
    }
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

const MAX_CONNECTIONS: usize = 64;
const MAX_REQUESTS_PER_CONNECTION: usize = 64;
const MAX_HEADER_LINES: usize = 100;
const MAX_BODY: usize = 1 << 20;

/// Answers the n-th request with the n-th reply (the last reply repeats).
/// Stops when dropped; handles a bounded number of connections and requests.
pub struct TestServer {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    connections: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl TestServer {
    pub async fn start(replies: Vec<Reply>) -> TestServer {
        assert!(!replies.is_empty());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let replies = Arc::new(replies);
        let task = {
            let requests = Arc::clone(&requests);
            let connections = Arc::clone(&connections);
            tokio::spawn(async move {
                // Dropping the set (when the task is aborted) stops every connection.
                let mut set = JoinSet::new();
                for _ in 0..MAX_CONNECTIONS {
                    let Ok((stream, _)) = listener.accept().await else {
                        break;
                    };
                    connections.fetch_add(1, Ordering::SeqCst);
                    set.spawn(serve_connection(
                        stream,
                        Arc::clone(&requests),
                        Arc::clone(&replies),
                    ));
                }
                while set.join_next().await.is_some() {}
            })
        };
        TestServer {
            addr,
            requests,
            connections,
            task,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn request_count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    pub fn connection_count(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    requests: Arc<Mutex<Vec<Recorded>>>,
    replies: Arc<Vec<Reply>>,
) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    for _ in 0..MAX_REQUESTS_PER_CONNECTION {
        let mut line = String::new();
        match reader.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let target = parts.next().unwrap_or_default().to_owned();
        let mut headers = Vec::new();
        for _ in 0..MAX_HEADER_LINES {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        let length = headers
            .iter()
            .find(|(n, _)| n == "content-length")
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(0)
            .min(MAX_BODY);
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let reply = {
            let mut requests = requests.lock().unwrap();
            let index = requests.len().min(replies.len() - 1);
            requests.push(Recorded {
                method,
                target,
                headers,
                body,
            });
            replies[index].clone()
        };
        if !reply.delay.is_zero() {
            tokio::time::sleep(reply.delay).await;
        }
        let reason = http::StatusCode::from_u16(reply.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Unknown");
        let mut head = format!(
            "HTTP/1.1 {} {reason}\r\ncontent-length: {}\r\n",
            reply.status,
            reply.body.len()
        );
        for (name, value) in &reply.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        if let Some(stall) = reply.stall_mid_body {
            let half = reply.body.len() / 2;
            if write.write_all(head.as_bytes()).await.is_err()
                || write.write_all(&reply.body[..half]).await.is_err()
                || write.flush().await.is_err()
            {
                return;
            }
            tokio::time::sleep(stall).await;
            return;
        }
        if write.write_all(head.as_bytes()).await.is_err()
            || write.write_all(&reply.body).await.is_err()
            || write.flush().await.is_err()
        {
            return;
        }
    }
}

// ---- an in-memory transport ----------------------------------------------

/// Answers every request at once with 200 `{}` and records it; sends nothing
/// anywhere.
#[derive(Debug, Clone, Default)]
pub struct RecordingClient {
    requests: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
}

impl RecordingClient {
    pub fn uris(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .map(|r| r.uri().to_string())
            .collect()
    }

    pub fn last_header(&self, name: &str) -> Option<String> {
        self.requests
            .lock()
            .unwrap()
            .last()
            .and_then(|r| r.headers().get(name))
            .map(|v| v.to_str().unwrap().to_owned())
    }
}

impl HttpClient for RecordingClient {
    fn send(&self, request: http::Request<Vec<u8>>) -> HttpFuture<'_> {
        self.requests.lock().unwrap().push(request);
        let response = http::Response::builder()
            .status(200)
            .header("x-amzn-RequestId", "in-memory")
            .body(b"{}".to_vec())
            .unwrap();
        Box::pin(std::future::ready(Ok(response)))
    }
}
