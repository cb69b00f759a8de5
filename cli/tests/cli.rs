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
        .arg(format!("file://{}", file.display()))
        .env_clear()
        .env("HOME", &dir)
        .env("AWS_CONFIG_FILE", dir.join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("none"))
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env(
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        )
        .env("AWS_MAX_ATTEMPTS", "1");
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
            "invalid request at `.`: not valid JSON",
        ),
        (
            r#"{"distributionName": "d", "origin": {"regoinName": "us-east-1"}}"#,
            "invalid request at `origin.regoinName`: unknown member",
        ),
        (
            r#"{"distributionName": "d", "isEnabled": "no"}"#,
            "invalid request at `isEnabled`: invalid type",
        ),
        (
            r#"{"distributionName": "d", "origin": {"regionName": "us-esat-1"}}"#,
            "invalid request at `origin.regionName`: unknown value \"us-esat-1\"",
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
