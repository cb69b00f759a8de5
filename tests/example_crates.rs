//! The README's way of using awsgen, proven: `examples/two-services` (a crate
//! with one build-dependency, one dependency and tokio, whose `build.rs`
//! generates Secrets Manager and DynamoDB bindings into two modules) is
//! copied to a temporary directory, built there as a stranger's crate, and
//! its program run against a server this test starts on 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the files of `from` (not `target/`) to `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

/// Answers each request by its `X-Amz-Target` from `answers`; returns the
/// targets and bodies it received. Stops after `answers.len()` requests.
fn serve(
    answers: Vec<(&'static str, &'static str)>,
) -> (String, std::thread::JoinHandle<Vec<(String, String)>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut received = Vec::new();
        for _ in 0..answers.len() {
            let (stream, _) = listener.accept().unwrap();
            stream
                .set_read_timeout(Some(Duration::from_secs(30)))
                .unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut target, mut length) = (String::new(), 0);
            for _ in 0..200 {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let lower = line.to_ascii_lowercase();
                if let Some(value) = lower.strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap();
                }
                if lower.starts_with("x-amz-target:") {
                    target = line["x-amz-target:".len()..].trim().to_owned();
                }
                if line == "\r\n" || line.is_empty() {
                    break;
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let answer = answers
                .iter()
                .find(|(t, _)| *t == target)
                .map_or(r#"{"__type":"UnknownOperationException"}"#, |(_, a)| a);
            let status = if answer.contains("__type") { 400 } else { 200 };
            let response = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
                answer.len()
            );
            (&stream).write_all(response.as_bytes()).unwrap();
            received.push((target, String::from_utf8(body).unwrap()));
        }
        received
    });
    (url, handle)
}

#[test]
fn two_services_in_one_crate_built_the_readme_way() {
    let dir = std::env::temp_dir().join(format!("awsgen-example-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(&root().join("examples/two-services"), &dir);
    // The path dependencies point at this checkout (a user names versions).
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))
        .unwrap()
        .replace(
            "../../runtime",
            &root().join("runtime").display().to_string(),
        )
        .replace(
            "../../codegen",
            &root().join("codegen").display().to_string(),
        );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    // The project's lock file pins the same versions: no network needed.
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let models: PathBuf = root().join("../shared/models");
    let target = root().join("target/compile-check");

    let build = || {
        Command::new(env!("CARGO"))
            .args(["build", "--offline", "--quiet"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target)
            .env("AWSGEN_MODELS", &models)
            .output()
            .unwrap()
    };
    let built = build();
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(
        built.status.success(),
        "the example does not build:\n{stderr}"
    );
    // Bindings a program calls only some of must not warn about the rest.
    assert!(
        !stderr.contains("warning"),
        "the example builds with warnings:\n{stderr}"
    );

    let (url, server) = serve(vec![
        (
            "secretsmanager.GetSecretValue",
            r#"{"Name":"db-password","VersionId":"v7","SecretString":"s3cret"}"#,
        ),
        (
            "DynamoDB_20120810.GetItem",
            r#"{"Item":{"id":{"S":"42"},"size":{"N":"7"},"tags":{"SS":["a","b"]}}}"#,
        ),
    ]);
    let run = Command::new(target.join("debug/two-services"))
        .args(["db-password", "things", "id", "42"])
        .env_clear()
        .env("HOME", &dir)
        .env("AWS_CONFIG_FILE", dir.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", dir.join("no-credentials"))
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_ENDPOINT_URL", &url)
        .output()
        .unwrap();
    let received = server.join().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        String::from_utf8(run.stdout).unwrap(),
        "secret db-password: version v7\nitem 42 of things: 3 attributes\n"
    );
    assert_eq!(received[0].0, "secretsmanager.GetSecretValue");
    assert_eq!(received[0].1, r#"{"SecretId":"db-password"}"#);
    assert_eq!(received[1].0, "DynamoDB_20120810.GetItem");
    assert_eq!(
        received[1].1,
        r#"{"TableName":"things","Key":{"id":{"S":"42"}}}"#
    );

    // Bindings with the client need the runtime's `client` feature: without
    // it, the build fails with a message that says so.
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        manifest.replace(", features = [\"client\"]", ""),
    )
    .unwrap();
    let refused = build();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("enable the `client` feature of awsgen-runtime"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
