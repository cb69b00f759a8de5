//! Paginators against a scripted server on 127.0.0.1: tokens carried from
//! page to page, the page size sent on every call, empty pages, the end on an
//! absent or empty token, a service that repeats its token, an error in the
//! middle, map tokens.
#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod client_support;

use std::collections::BTreeMap;

use awsgen_runtime::aws_json::{Operation, Service};
use awsgen_runtime::client::{Client, Error, PageTokens, Pages};
use client_support::{Reply, SERVICE, TestServer, UpdateError, config_for};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Clone, Default)]
#[serde(rename_all = "camelCase")]
struct ListThingsInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_results: Option<i32>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
struct ListThingsOutput {
    things: Option<Vec<String>>,
    next_token: Option<String>,
}

struct ListThings;

impl Operation for ListThings {
    const SERVICE: &'static Service = &SERVICE;
    const NAME: &'static str = "ListThings";
    type Input = ListThingsInput;
    type Output = ListThingsOutput;
    type Error = UpdateError;
}

/// What generated code passes for `@paginated(inputToken: "nextToken",
/// outputToken: "nextToken", items: "things", pageSize: "maxResults")`.
const TOKENS: PageTokens<ListThings, String> = PageTokens {
    input: |input| input.next_token.as_ref(),
    set_input: |input, token| input.next_token = Some(token),
    output: |output| output.next_token.as_ref(),
    set_page_size: Some(|input, size| input.max_results = Some(size)),
};

fn things(output: ListThingsOutput) -> Vec<String> {
    output.things.unwrap_or_default()
}

async fn client(server: &TestServer) -> Client {
    Client::new(&SERVICE, config_for(&server.url()).build().unwrap()).unwrap()
}

/// The JSON bodies the server received.
fn bodies(server: &TestServer) -> Vec<serde_json::Value> {
    server
        .requests()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

#[tokio::test]
async fn three_pages_carry_each_token_and_the_page_size() {
    let server = TestServer::start(vec![
        Reply::ok(r#"{"things":["a","b"],"nextToken":"t1"}"#),
        Reply::ok(r#"{"things":["c"],"nextToken":"t2"}"#),
        Reply::ok(r#"{"things":["d"]}"#),
    ])
    .await;
    let mut items = Pages::new(client(&server).await, ListThingsInput::default(), TOKENS)
        .page_size(2)
        .items(things);
    let mut seen = Vec::new();
    while let Some(item) = items.next().await {
        seen.push(item.unwrap());
    }
    assert_eq!(seen, ["a", "b", "c", "d"]);
    assert_eq!(items.pages(), 3);
    assert!(items.next().await.is_none(), "the items end for good");
    assert_eq!(
        bodies(&server),
        [
            serde_json::json!({"maxResults": 2}),
            serde_json::json!({"maxResults": 2, "nextToken": "t1"}),
            serde_json::json!({"maxResults": 2, "nextToken": "t2"}),
        ]
    );
}

#[tokio::test]
async fn empty_pages_are_skipped_and_an_empty_token_ends_the_pages() {
    let server = TestServer::start(vec![
        Reply::ok(r#"{"things":["a"],"nextToken":"t1"}"#),
        Reply::ok(r#"{"things":[],"nextToken":"t2"}"#),
        Reply::ok(r#"{"nextToken":"t3"}"#),
        Reply::ok(r#"{"things":["b"],"nextToken":""}"#),
        Reply::ok(r#"{"things":["never asked for"]}"#),
    ])
    .await;
    let mut items =
        Pages::new(client(&server).await, ListThingsInput::default(), TOKENS).items(things);
    let mut seen = Vec::new();
    while let Some(item) = items.next().await {
        seen.push(item.unwrap());
    }
    assert_eq!(seen, ["a", "b"]);
    assert_eq!(server.request_count(), 4);
    // Without `page_size`, no page size is sent.
    assert_eq!(bodies(&server)[0], serde_json::json!({}));
}

#[tokio::test]
async fn a_repeated_token_yields_its_page_then_an_error_then_nothing() {
    let server = TestServer::start(vec![
        Reply::ok(r#"{"things":["a"],"nextToken":"t1"}"#),
        Reply::ok(r#"{"things":["b"],"nextToken":"t1"}"#),
        Reply::ok(r#"{"things":["c"]}"#),
    ])
    .await;
    let mut pages = Pages::new(client(&server).await, ListThingsInput::default(), TOKENS);
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(
        first.output().things.as_deref(),
        Some(&["a".to_owned()][..])
    );
    let second = pages.next().await.unwrap().unwrap();
    assert_eq!(
        second.output().things.as_deref(),
        Some(&["b".to_owned()][..])
    );
    match pages.next().await {
        Some(Err(error @ Error::RepeatedToken { operation, pages })) => {
            assert_eq!((operation, pages), ("ListThings", 2));
            assert_eq!(
                error.to_string(),
                "ListThings answered page 2 with the pagination token it was sent; \
                 the pages stop there rather than repeat forever"
            );
        }
        other => panic!("expected RepeatedToken, got {other:?}"),
    }
    assert!(pages.next().await.is_none());
    assert_eq!(server.request_count(), 2);
}

#[tokio::test]
async fn a_token_set_by_the_caller_starts_the_pages_and_its_echo_is_caught() {
    let server = TestServer::start(vec![
        Reply::ok(r#"{"things":["a"],"nextToken":"start"}"#),
        Reply::ok(r#"{"things":["b"]}"#),
    ])
    .await;
    let input = ListThingsInput {
        next_token: Some("start".to_owned()),
        max_results: Some(7),
    };
    let mut pages = Pages::new(client(&server).await, input, TOKENS);
    assert!(pages.next().await.unwrap().is_ok());
    assert!(matches!(
        pages.next().await,
        Some(Err(Error::RepeatedToken { pages: 1, .. }))
    ));
    assert!(pages.next().await.is_none());
    assert_eq!(
        bodies(&server),
        [serde_json::json!({"maxResults": 7, "nextToken": "start"})]
    );
}

#[tokio::test]
async fn an_error_ends_the_pages() {
    let server = TestServer::start(vec![
        Reply::ok(r#"{"things":["a"],"nextToken":"t1"}"#),
        Reply::error(400, "NotFoundException", "gone"),
        Reply::ok(r#"{"things":["b"]}"#),
    ])
    .await;
    let mut items =
        Pages::new(client(&server).await, ListThingsInput::default(), TOKENS).items(things);
    assert_eq!(items.next().await.unwrap().unwrap(), "a");
    match items.next().await {
        Some(Err(error)) => assert!(
            matches!(error.service_error(), Some(UpdateError::NotFound(_))),
            "{error:?}"
        ),
        other => panic!("expected the service error, got {other:?}"),
    }
    assert!(items.next().await.is_none());
    assert_eq!(server.request_count(), 2);
}

// ---- a map token, as DynamoDB's Scan and Query have ------------------------

#[derive(Serialize, Clone, Default)]
#[serde(rename_all = "PascalCase")]
struct ScanInput {
    #[serde(skip_serializing_if = "Option::is_none")]
    exclusive_start_key: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "PascalCase")]
struct ScanOutput {
    items: Option<Vec<String>>,
    last_evaluated_key: Option<BTreeMap<String, String>>,
}

struct Scan;

impl Operation for Scan {
    const SERVICE: &'static Service = &SERVICE;
    const NAME: &'static str = "Scan";
    type Input = ScanInput;
    type Output = ScanOutput;
    type Error = UpdateError;
}

#[tokio::test]
async fn map_tokens_carry_over_and_an_empty_map_ends_the_pages() {
    let server = TestServer::start(vec![
        Reply::ok(r#"{"Items":["a"],"LastEvaluatedKey":{"id":"a"}}"#),
        Reply::ok(r#"{"Items":["b"],"LastEvaluatedKey":{}}"#),
    ])
    .await;
    let tokens = PageTokens::<Scan, BTreeMap<String, String>> {
        input: |input| input.exclusive_start_key.as_ref(),
        set_input: |input, token| input.exclusive_start_key = Some(token),
        output: |output| output.last_evaluated_key.as_ref(),
        set_page_size: None,
    };
    let mut items = Pages::new(client(&server).await, ScanInput::default(), tokens)
        .page_size(10)
        .items(|output| output.items.unwrap_or_default());
    let mut seen = Vec::new();
    while let Some(item) = items.next().await {
        seen.push(item.unwrap());
    }
    assert_eq!(seen, ["a", "b"]);
    assert_eq!(
        bodies(&server),
        [
            serde_json::json!({}),
            serde_json::json!({"ExclusiveStartKey": {"id": "a"}}),
        ]
    );
}
