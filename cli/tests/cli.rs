//! The `update-distribution` binary end to end, against a server this test starts
//! on 127.0.0.1 (one connection per case, then it stops).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output};
use std::time::Duration;

/// Serves one request with `status`/`headers`/`body`; returns what it received.
fn serve_once(
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let response = {
        let mut text = format!(
            "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n",
            body.len()
        );
        for (name, value) in headers {
            text += &format!("{name}: {value}\r\n");
        }
        text + "\r\n" + body
    };
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut head = String::new();
        let mut length = 0;
        for _ in 0..200 {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
            head += &line;
            if line == "\r\n" || line.is_empty() {
                break;
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        (&stream).write_all(response.as_bytes()).unwrap();
        head + &String::from_utf8(body).unwrap()
    });
    (url, handle)
}

fn run(file_text: &str, endpoint: Option<&str>, region: Option<&str>) -> Output {
    run_with(file_text, endpoint, region, &[], true)
}

/// Runs the binary with the request in a file, passed as `file://FILE` after
/// `args`; `credentials` says whether the environment holds keys.
fn run_with(
    file_text: &str,
    endpoint: Option<&str>,
    region: Option<&str>,
    args: &[&str],
    credentials: bool,
) -> Output {
    let dir = std::env::temp_dir().join(format!(
        "update-distribution-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("request.json");
    std::fs::write(&file, file_text).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_update-distribution"));
    command
        .args(args)
        .arg(format!("file://{}", file.display()))
        .env_clear()
        .env("HOME", &dir)
        .env("AWS_CONFIG_FILE", dir.join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("none"))
        .env("AWS_MAX_ATTEMPTS", "1");
    if credentials {
        command.env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE").env(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        );
    }
    if let Some(endpoint) = endpoint {
        command.env("AWS_ENDPOINT_URL", endpoint);
    }
    if let Some(region) = region {
        command.env("AWS_REGION", region);
    }
    let output = command.output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    output
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

const REQUEST: &str = r#"{"distributionName": "my-cdn", "isEnabled": false,
    "cacheBehaviors": [{"path": "/img/*", "behavior": "dont-cache"}]}"#;

#[test]
fn sends_the_request_and_prints_the_response_like_the_aws_cli() {
    let body = r#"{"operation":{"id":"op-1","resourceName":"my-cdn","createdAt":1479821791.349,"status":"Started","operationType":"UpdateDistribution","location":{"regionName":"us-east-1"}}}"#;
    let (url, server) = serve_once(200, &[("x-amzn-requestid", "req-1")], body);
    let output = run(REQUEST, Some(&url), Some("us-east-1"));
    let received = server.join().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lower = received.to_ascii_lowercase();
    assert!(
        lower.contains("x-amz-target: lightsail_20161128.updatedistribution"),
        "{received}"
    );
    assert!(
        lower.contains("authorization: aws4-hmac-sha256 credential=akidexample/"),
        "{received}"
    );
    assert!(received.ends_with(r#"{"distributionName":"my-cdn","cacheBehaviors":[{"path":"/img/*","behavior":"dont-cache"}],"isEnabled":false}"#), "{received}");
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        printed["operation"]["createdAt"],
        "2016-11-22T13:36:31.349000+00:00"
    );
    assert_eq!(printed["operation"]["location"]["regionName"], "us-east-1");
}

#[test]
fn a_service_error_is_one_line_with_code_message_and_request_id() {
    let body = r#"{"__type":"NotFoundException","code":"NotFound","message":"The distribution does not exist."}"#;
    let (url, server) = serve_once(400, &[("x-amzn-requestid", "req-9")], body);
    let output = run(REQUEST, Some(&url), Some("us-east-1"));
    server.join().unwrap();
    assert_eq!(output.status.code(), Some(254));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "An error occurred (NotFoundException) when calling the UpdateDistribution operation: \
         The distribution does not exist. (request id: req-9)\n"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn bad_input_is_reported_with_its_path_before_anything_is_sent() {
    // No server: the endpoint points at a port nothing listens on, and the input
    // is refused before any connection is tried.
    let cases = [
        (
            "{\"distributionName\": ",
            "invalid input at `.`: not valid JSON",
        ),
        (
            r#"{"distributionName": "d", "origin": {"regoinName": "us-east-1"}}"#,
            "invalid input at `origin.regoinName`: unknown member",
        ),
        (
            r#"{"distributionName": "d", "isEnabled": "no"}"#,
            "invalid input at `isEnabled`: invalid type",
        ),
        (
            r#"{"distributionName": "d", "origin": {"regionName": "us-esat-1"}}"#,
            "invalid input at `origin.regionName`: unknown value \"us-esat-1\"",
        ),
    ];
    for (text, expected) in cases {
        let output = run(text, Some("http://127.0.0.1:9"), Some("us-east-1"));
        assert_eq!(output.status.code(), Some(252), "{text}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.starts_with(&format!("update-distribution: {expected}")),
            "{text}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn a_missing_region_is_a_configuration_error() {
    let output = run(REQUEST, Some("http://127.0.0.1:9"), None);
    assert_eq!(output.status.code(), Some(253));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("region"), "{stderr}");
}

#[test]
fn missing_credentials_are_a_configuration_error() {
    let output = run_with(
        REQUEST,
        Some("http://127.0.0.1:9"),
        Some("us-east-1"),
        &[],
        false,
    );
    assert_eq!(output.status.code(), Some(253));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("credentials"), "{stderr}");
}

/// An HTML 503 from a proxy is a service error with the status as its code,
/// exit 254, the request id printed once.
#[test]
fn an_error_without_a_type_is_a_service_error_with_the_status() {
    let (url, server) = serve_once(
        503,
        &[("x-amzn-requestid", "req-5"), ("content-type", "text/html")],
        "<html><h1>503 Service Unavailable</h1></html>",
    );
    let output = run(REQUEST, Some(&url), Some("us-east-1"));
    server.join().unwrap();
    assert_eq!(output.status.code(), Some(254));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "An error occurred (503) when calling the UpdateDistribution operation: \
         Service Unavailable (request id: req-5)\n"
    );
}

/// A malformed answer names its request id once (the runtime's message has it).
#[test]
fn a_malformed_answer_prints_the_request_id_once() {
    let (url, server) = serve_once(200, &[("x-amzn-requestid", "req-m")], "not json");
    let output = run(REQUEST, Some(&url), Some("us-east-1"));
    server.join().unwrap();
    assert_eq!(output.status.code(), Some(255));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.matches("req-m").count(), 1, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// `--cli-input-json file://FILE` (the AWS CLI's form) and inline JSON, with
/// the AWS CLI's timeout flags.
#[test]
fn takes_cli_input_json_and_timeout_flags() {
    let body = r#"{"operation":{"id":"op-2"}}"#;
    let (url, server) = serve_once(200, &[], body);
    let output = run_with(
        REQUEST,
        Some(&url),
        Some("us-east-1"),
        &[
            "--cli-read-timeout",
            "5",
            "--cli-connect-timeout",
            "0",
            "--cli-input-json",
        ],
        true,
    );
    server.join().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let (url, server) = serve_once(200, &[], body);
    let output = Command::new(env!("CARGO_BIN_EXE_update-distribution"))
        .args(["--cli-input-json", REQUEST])
        .env_clear()
        .env("HOME", std::env::temp_dir())
        .env("AWS_CONFIG_FILE", "/nonexistent/config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials")
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", &url)
        .output()
        .unwrap();
    let received = server.join().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        received.contains(r#""distributionName":"my-cdn""#),
        "{received}"
    );

    let output = run_with(REQUEST, None, None, &["--cli-read-timeout", "soon"], true);
    assert_eq!(output.status.code(), Some(252));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("--cli-read-timeout takes whole seconds"),
        "{stderr}"
    );
}

/// A server that never answers ends the call at `--cli-read-timeout`.
#[test]
fn a_stalled_server_ends_at_the_read_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let holder = std::thread::spawn(move || {
        // Accept and hold the connection without answering until the client
        // gives up (it closes the connection; the read then ends).
        let (mut stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut sink = [0u8; 4096];
        for _ in 0..1000 {
            match stream.read(&mut sink) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    });
    let started = std::time::Instant::now();
    let output = run_with(
        REQUEST,
        Some(&url),
        Some("us-east-1"),
        &["--cli-read-timeout", "1"],
        true,
    );
    let elapsed = started.elapsed();
    holder.join().unwrap();
    assert_eq!(output.status.code(), Some(255));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("read timeout of 1s"), "{stderr}");
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");
}
