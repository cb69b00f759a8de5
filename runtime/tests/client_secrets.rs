//! Secrets never show: not in `Debug` or `Display` of the configuration, the
//! client, responses and errors, and not in `tracing` output, which a small
//! layer captures here with every field formatted.
#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

mod client_support;

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use awsgen_runtime::client::{Client, Config};
use client_support::*;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::{Layer, Registry};

/// Records span names, event targets and every field as text.
#[derive(Clone, Default)]
struct Capture {
    text: Arc<Mutex<String>>,
}

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={}", field.name(), value);
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, _: &Id, _: Context<'_, S>) {
        let mut text = self.text.lock().unwrap();
        let _ = write!(text, "span {}:", attrs.metadata().name());
        attrs.record(&mut Fields(&mut text));
        text.push('\n');
    }

    fn on_record(&self, _: &Id, values: &Record<'_>, _: Context<'_, S>) {
        let mut text = self.text.lock().unwrap();
        text.push_str("record:");
        values.record(&mut Fields(&mut text));
        text.push('\n');
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let mut text = self.text.lock().unwrap();
        let scope: Vec<String> = ctx
            .event_scope(event)
            .map(|scope| scope.from_root().map(|s| s.name().to_owned()).collect())
            .unwrap_or_default();
        let _ = write!(
            text,
            "event {} [{}]:",
            event.metadata().target(),
            scope.join(">")
        );
        event.record(&mut Fields(&mut text));
        text.push('\n');
    }
}

fn assert_no_secret(label: &str, text: &str) {
    for secret in [SECRET_KEY, SESSION_TOKEN, "Signature=", "AWS4-HMAC-SHA256"] {
        assert!(!text.contains(secret), "{label} shows {secret:?}:\n{text}");
    }
}

#[tokio::test]
async fn no_secret_in_debug_display_or_traces() {
    let capture = Capture::default();
    let subscriber = Registry::default().with(capture.clone());
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = TestServer::start(vec![
        Reply::error(500, "ServiceException", "try again").request_id("req-a"),
        Reply::ok(r#"{"operation":{"id":"op-1"}}"#).request_id("req-b"),
        Reply::error(404, "NotFoundException", "gone").request_id("req-c"),
        Reply::new(400, "<html>bad</html>").request_id("req-d"),
    ])
    .await;
    let builder = config_for(&server.url());
    assert_no_secret("ConfigBuilder Debug", &format!("{builder:?}"));
    let config = builder.build().unwrap();
    assert_no_secret("Config Debug", &format!("{config:?}"));
    let client = Client::new(&SERVICE, config).unwrap();
    let shown = format!("{client:?}");
    assert!(
        shown.contains("Lightsail") && shown.contains("us-east-1"),
        "{shown}"
    );
    assert_no_secret("Client Debug", &shown);

    let response = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap();
    assert_eq!(response.attempts(), 2);
    assert_no_secret("Response Debug", &format!("{response:?}"));

    for _ in 0..2 {
        let error = client
            .call::<UpdateDistribution>(&sample_input())
            .await
            .unwrap_err();
        assert_no_secret("Error Debug", &format!("{error:?}"));
        assert_no_secret("Error Display", &error.to_string());
    }

    // An error raised before sending, carrying the signer's message.
    let bad_key = awsgen_runtime::auth::Credentials::new(
        "AKID\nX",
        SECRET_KEY,
        Some(SESSION_TOKEN.to_owned()),
    );
    let broken = Client::new(
        &SERVICE,
        config_for(&server.url())
            .credentials(bad_key)
            .build()
            .unwrap(),
    )
    .unwrap();
    let error = broken
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    assert!(
        matches!(error, awsgen_runtime::client::Error::InvalidRequest { .. }),
        "{error:?}"
    );
    assert_no_secret("InvalidRequest Debug", &format!("{error:?}"));
    assert_no_secret("InvalidRequest Display", &error.to_string());

    let traces = capture.text.lock().unwrap().clone();
    // The capture works: spans, fields and decisions are there...
    for expected in [
        "span awsgen_operation: service=Lightsail operation=UpdateDistribution",
        "span awsgen_attempt: attempt=1",
        "span awsgen_attempt: attempt=2",
        "status=500",
        "request_id=req-a",
        "error_type=ServiceException",
        "retrying",
        "delay=",
        "error_type=NotFoundException",
        "not retrying",
        "[awsgen_operation>awsgen_attempt]",
    ] {
        assert!(
            traces.contains(expected),
            "missing {expected:?} in:\n{traces}"
        );
    }
    // ...and no secret, signature or body is.
    assert_no_secret("traces", &traces);
    let signatures: Vec<String> = server
        .requests()
        .iter()
        .map(|r| {
            let authorization = r.header("authorization").unwrap();
            authorization
                .rsplit("Signature=")
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(signatures.len(), 4);
    for signature in signatures {
        assert_eq!(signature.len(), 64);
        assert!(
            !traces.contains(&signature),
            "a signature was logged:\n{traces}"
        );
    }
    assert!(
        !traces.contains("try again"),
        "a body was logged:\n{traces}"
    );
    assert!(
        !traces.contains("my-distribution"),
        "a body was logged:\n{traces}"
    );
}

#[test]
fn config_debug_hides_credentials_but_shows_settings() {
    let config = Config::builder()
        .region("eu-west-1")
        .credentials(credentials())
        .endpoint_url("http://127.0.0.1:1")
        .http_client(RecordingClient::default())
        .build()
        .unwrap();
    let shown = format!("{config:?}");
    assert!(shown.contains("eu-west-1"), "{shown}");
    assert!(shown.contains("http://127.0.0.1:1"), "{shown}");
    assert_no_secret("Config Debug", &shown);
}
