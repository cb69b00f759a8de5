//! DynamoDB: tables, items of every attribute kind, conditions, batches, scans,
//! paginators and waiters.

use std::collections::BTreeMap;
use std::time::Duration;

use awsgen_runtime::Blob;
use awsgen_runtime::client::WaitError;

use crate::Server;
use crate::check::{Context, ensure, equal, service_error};
use crate::dynamodb::Client;
use crate::dynamodb::operation::describe_table::DescribeTableError;
use crate::dynamodb::operation::put_item::PutItemError;
use crate::dynamodb::types::{
    AttributeDefinition, AttributeValue, BatchWriteItemInput, BillingMode, CreateTableInput,
    DeleteRequest, DeleteTableInput, DescribeTableInput, GetItemInput, KeySchemaElement, KeyType,
    ListTablesInput, PutItemInput, PutRequest, QueryInput, ScalarAttributeType, ScanInput,
    TableStatus, WriteRequest,
};

type Item = BTreeMap<String, AttributeValue>;

fn client(server: &Server) -> Result<Client, String> {
    Client::new(server.config()?).context("client")
}

/// Creates `name` with a string hash key `pk` and a number range key `sk`.
async fn create_table(client: &Client, name: &str) -> Result<(), String> {
    let input = CreateTableInput::new(
        vec![
            AttributeDefinition::new("pk", ScalarAttributeType::S),
            AttributeDefinition::new("sk", ScalarAttributeType::N),
        ],
        name,
        vec![
            KeySchemaElement::new("pk", KeyType::Hash),
            KeySchemaElement::new("sk", KeyType::Range),
        ],
    )
    .billing_mode(BillingMode::PayPerRequest);
    let created = client.create_table(input).await.context("CreateTable")?;
    let table = created
        .table_description
        .as_ref()
        .ok_or("CreateTable: no TableDescription")?;
    equal(
        "created table name",
        table.table_name.as_deref(),
        Some(name),
    )?;
    let keys = table.key_schema.as_deref().unwrap_or_default();
    equal(
        "created key schema",
        keys.iter()
            .map(|k| (k.attribute_name.as_str(), k.key_type.as_str()))
            .collect::<Vec<_>>(),
        vec![("pk", "HASH"), ("sk", "RANGE")],
    )
}

async fn delete_table(client: &Client, name: &str) -> Result<(), String> {
    client
        .delete_table(DeleteTableInput::new(name))
        .await
        .context("DeleteTable")
        .map(drop)
}

fn key(pk: &str, sk: u32) -> Item {
    BTreeMap::from([
        ("pk".to_owned(), AttributeValue::S(pk.to_owned())),
        ("sk".to_owned(), AttributeValue::N(sk.to_string())),
    ])
}

/// Item `i`: its key, and one attribute of each of the ten kinds.
fn item(i: u32) -> Item {
    let mut item = key(&format!("user#{}", i % 4), i);
    let mut put = |name: &str, value| item.insert(name.to_owned(), value);
    put(
        "s",
        AttributeValue::S(format!("item {i}: ünïcödé \"quoted\"")),
    );
    put("n", AttributeValue::N(format!("{}.5", i * 3)));
    put(
        "b",
        AttributeValue::B(Blob::new(vec![0, 1, 2, 255, i as u8])),
    );
    put(
        "ss",
        AttributeValue::Ss(vec![format!("a{i}"), format!("b{i}")]),
    );
    put(
        "ns",
        AttributeValue::Ns(vec![i.to_string(), (i + 1000).to_string()]),
    );
    put(
        "bs",
        AttributeValue::Bs(vec![Blob::new(vec![i as u8]), Blob::new(b"xyz".to_vec())]),
    );
    put(
        "m",
        AttributeValue::M(BTreeMap::from([
            ("nested".to_owned(), AttributeValue::S("yes".to_owned())),
            (
                "depth".to_owned(),
                AttributeValue::L(vec![AttributeValue::N("2".to_owned())]),
            ),
        ])),
    );
    put(
        "l",
        AttributeValue::L(vec![
            AttributeValue::S("first".to_owned()),
            AttributeValue::Bool(i.is_multiple_of(2)),
            AttributeValue::Null(true),
        ]),
    );
    put("null", AttributeValue::Null(true));
    put("bool", AttributeValue::Bool(i.is_multiple_of(3)));
    item
}

/// Sets are unordered: sorts their members so items compare by value.
fn normalized(mut item: Item) -> Item {
    for value in item.values_mut() {
        match value {
            AttributeValue::Ss(values) | AttributeValue::Ns(values) => values.sort(),
            AttributeValue::Bs(values) => values.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes())),
            _ => {}
        }
    }
    item
}

fn sort_key(item: &Item) -> Option<u32> {
    match item.get("sk") {
        Some(AttributeValue::N(n)) => n.parse().ok(),
        _ => None,
    }
}

/// Create, describe, delete; a deleted table is a typed `ResourceNotFoundException`.
pub async fn table_lifecycle(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let name = "awsgen-lifecycle";
    create_table(&client, name).await?;
    let described = client
        .describe_table(DescribeTableInput::new(name))
        .await
        .context("DescribeTable")?;
    let table = described.table.as_ref().ok_or("DescribeTable: no Table")?;
    equal(
        "status",
        table.table_status.as_ref(),
        Some(&TableStatus::Active),
    )?;
    equal("item count", table.item_count, Some(0))?;
    ensure(
        table
            .table_arn
            .as_deref()
            .is_some_and(|arn| arn.ends_with(&format!(":table/{name}"))),
        || format!("table ARN {:?} does not name the table", table.table_arn),
    )?;
    delete_table(&client, name).await?;
    let gone = service_error(
        "DescribeTable of a deleted table",
        client.describe_table(DescribeTableInput::new(name)).await,
    )?;
    ensure(
        matches!(gone.error, DescribeTableError::ResourceNotFoundException(_)),
        || format!("expected ResourceNotFoundException, got {:?}", gone.error),
    )?;
    equal("status of the error", gone.status.as_u16(), 400)?;
    equal(
        "error code",
        gone.code.as_str(),
        "ResourceNotFoundException",
    )
}

/// 100 items with every attribute kind put, one read back whole, and a
/// key-condition query in both directions.
pub async fn items_of_every_kind(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let name = "awsgen-items";
    create_table(&client, name).await?;
    for i in 0..100 {
        client
            .put_item(PutItemInput::new(name, item(i)))
            .await
            .context(&format!("PutItem {i}"))?;
    }
    let got = client
        .get_item(GetItemInput::new(name, key("user#1", 37)).consistent_read(true))
        .await
        .context("GetItem")?;
    let got = got.into_output().item.ok_or("GetItem: no item")?;
    equal("item 37 read back", normalized(got), normalized(item(37)))?;

    let missing = client
        .get_item(GetItemInput::new(name, key("user#1", 1000)))
        .await
        .context("GetItem of a missing key")?;
    equal("missing item", missing.item.as_ref(), None)?;

    // user#2 holds 2, 6, 10, ..., 98; between 10 and 30: 10, 14, ..., 30.
    let values = BTreeMap::from([
        (":pk".to_owned(), AttributeValue::S("user#2".to_owned())),
        (":lo".to_owned(), AttributeValue::N("10".to_owned())),
        (":hi".to_owned(), AttributeValue::N("30".to_owned())),
    ]);
    let query = QueryInput::new(name)
        .key_condition_expression("pk = :pk AND sk BETWEEN :lo AND :hi")
        .expression_attribute_values(values);
    let expected: Vec<u32> = (10..=30).step_by(4).collect();
    let ascending = client.query(query.clone()).await.context("Query")?;
    equal("query count", ascending.count, expected.len() as i32)?;
    let keys: Vec<_> = ascending
        .items
        .iter()
        .flatten()
        .filter_map(sort_key)
        .collect();
    equal("query sort keys", keys, expected.clone())?;
    let descending = client
        .query(query.scan_index_forward(false).limit(3))
        .await
        .context("Query, descending")?;
    let keys: Vec<_> = descending
        .items
        .iter()
        .flatten()
        .filter_map(sort_key)
        .collect();
    equal("descending first page", keys, vec![30, 26, 22])?;
    ensure(descending.last_evaluated_key.is_some(), || {
        "a limited query returned no LastEvaluatedKey".to_owned()
    })?;
    delete_table(&client, name).await
}

/// A put whose condition fails is a typed `ConditionalCheckFailedException`
/// with the service's message; the item stays as it was.
pub async fn conditional_put_refused(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let name = "awsgen-conditions";
    create_table(&client, name).await?;
    client
        .put_item(PutItemInput::new(name, item(1)))
        .await
        .context("PutItem")?;
    let mut replacement = key("user#1", 1);
    replacement.insert("s".to_owned(), AttributeValue::S("replaced".to_owned()));
    let refused = service_error(
        "PutItem with attribute_not_exists(pk)",
        client
            .put_item(
                PutItemInput::new(name, replacement)
                    .condition_expression("attribute_not_exists(pk)"),
            )
            .await,
    )?;
    let PutItemError::ConditionalCheckFailedException(exception) = &refused.error else {
        return Err(format!(
            "expected ConditionalCheckFailedException, got {:?}",
            refused.error
        ));
    };
    ensure(
        exception
            .message
            .as_deref()
            .is_some_and(|m| m.contains("conditional request failed")),
        || format!("message {:?}", exception.message),
    )?;
    equal(
        "error message",
        refused.error.message(),
        exception.message.as_deref(),
    )?;
    equal("status", refused.status.as_u16(), 400)?;
    let kept = client
        .get_item(GetItemInput::new(name, key("user#1", 1)))
        .await
        .context("GetItem")?;
    equal(
        "item after the refused put",
        kept.into_output().item.map(normalized),
        Some(normalized(item(1))),
    )?;
    delete_table(&client, name).await
}

/// Batches of 25 puts and some deletes, then a scan paged by its
/// `LastEvaluatedKey` (through the generated paginator) that sees every
/// remaining item once.
pub async fn batch_write_and_scan(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let name = "awsgen-batches";
    create_table(&client, name).await?;
    for batch in 0..4u32 {
        let writes = (batch * 25..(batch + 1) * 25)
            .map(|i| WriteRequest::new().put_request(PutRequest::new(item(i))))
            .collect();
        let written = client
            .batch_write_item(BatchWriteItemInput::new(BTreeMap::from([(
                name.to_owned(),
                writes,
            )])))
            .await
            .context(&format!("BatchWriteItem {batch}"))?;
        ensure(
            written
                .unprocessed_items
                .as_ref()
                .is_none_or(BTreeMap::is_empty),
            || format!("unprocessed items: {:?}", written.unprocessed_items),
        )?;
    }
    // Deletes of every tenth item.
    let deletes = (0..100)
        .step_by(10)
        .map(|i| {
            WriteRequest::new()
                .delete_request(DeleteRequest::new(key(&format!("user#{}", i % 4), i)))
        })
        .collect();
    client
        .batch_write_item(BatchWriteItemInput::new(BTreeMap::from([(
            name.to_owned(),
            deletes,
        )])))
        .await
        .context("BatchWriteItem of deletes")?;

    // The generated paginator carries the map token `LastEvaluatedKey`.
    let mut seen = Vec::new();
    let mut pages = client.scan_pages(ScanInput::new(name)).page_size(40);
    while let Some(page) = pages.next().await {
        let n = pages.pages();
        ensure(n <= 10, || {
            "the scan did not end within 10 pages".to_owned()
        })?;
        let output = page.context(&format!("Scan page {n}"))?.into_output();
        let items = output.items.unwrap_or_default();
        ensure(
            output.count as usize == items.len() && items.len() <= 40,
            || {
                format!(
                    "page {n}: Count {} and {} items (page size 40)",
                    output.count,
                    items.len()
                )
            },
        )?;
        for found in items {
            let i = sort_key(&found).ok_or("a scanned item without its sort key")?;
            equal("scanned item", normalized(found), normalized(item(i)))?;
            seen.push(i);
        }
    }
    equal("scan pages", pages.pages(), 3)?;
    seen.sort_unstable();
    let expected: Vec<u32> = (0..100).filter(|i| i % 10 != 0).collect();
    equal("items scanned", seen, expected)?;

    let filtered = client
        .scan(
            ScanInput::new(name)
                .filter_expression("#b = :t")
                .expression_attribute_names(BTreeMap::from([("#b".to_owned(), "bool".to_owned())]))
                .expression_attribute_values(BTreeMap::from([(
                    ":t".to_owned(),
                    AttributeValue::Bool(true),
                )])),
        )
        .await
        .context("Scan with a filter")?;
    let expected = (0..100).filter(|i| i % 10 != 0 && i % 3 == 0).count();
    equal("filtered count", filtered.count as usize, expected)?;
    delete_table(&client, name).await
}

/// More tables than a page holds, listed through the generated paginators:
/// every page within the page size, every table once.
pub async fn list_tables_paginated(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let names: Vec<String> = (0..5).map(|i| format!("awsgen-listed-{i}")).collect();
    for name in &names {
        create_table(&client, name).await?;
    }
    let mut pages = client
        .list_tables_pages(ListTablesInput::new())
        .page_size(2);
    let mut listed = Vec::new();
    while let Some(page) = pages.next().await {
        let n = pages.pages();
        ensure(n <= 20, || {
            "ListTables did not end within 20 pages".to_owned()
        })?;
        let page = page.context(&format!("ListTables page {n}"))?.into_output();
        let tables = page.table_names.unwrap_or_default();
        ensure(tables.len() <= 2, || {
            format!("page {n} holds {} tables (page size 2)", tables.len())
        })?;
        listed.extend(tables);
    }
    ensure(pages.pages() >= 3, || {
        format!("5 tables came in {} pages of 2", pages.pages())
    })?;
    let mut ours: Vec<String> = listed
        .into_iter()
        .filter(|t| t.starts_with("awsgen-listed-"))
        .collect();
    ours.sort();
    equal("tables listed page by page", &ours, &names)?;

    let mut items = client
        .list_tables_items(ListTablesInput::new())
        .page_size(2);
    let mut all = Vec::new();
    while let Some(table) = items.next().await {
        ensure(all.len() < 1000, || {
            "ListTables items did not end".to_owned()
        })?;
        all.push(table.context("ListTables item")?);
    }
    let mut ours: Vec<String> = all
        .into_iter()
        .filter(|t| t.starts_with("awsgen-listed-"))
        .collect();
    ours.sort();
    equal("tables listed item by item", &ours, &names)?;
    for name in &names {
        delete_table(&client, name).await?;
    }
    Ok(())
}

/// `TableExists` after a create, `TableNotExists` after a delete (success
/// on the `ResourceNotFoundException` error type), and `TableExists` of a
/// missing table running out of time: its retry acceptor matched, and no
/// second call fits in a `max_wait` shorter than `minDelay` (20 s).
pub async fn table_waiters(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let name = "awsgen-waited";
    create_table(&client, name).await?;
    let waited = client
        .wait_until_table_exists(DescribeTableInput::new(name), Duration::from_secs(60))
        .await
        .map_err(|e| format!("TableExists: {e}"))?;
    equal("TableExists calls", waited.attempts(), 1)?;
    equal(
        "waited table status",
        waited
            .output()
            .and_then(|o| o.table.as_ref())
            .and_then(|t| t.table_status.as_ref()),
        Some(&TableStatus::Active),
    )?;
    delete_table(&client, name).await?;
    let gone = client
        .wait_until_table_not_exists(DescribeTableInput::new(name), Duration::from_secs(60))
        .await
        .map_err(|e| format!("TableNotExists: {e}"))?;
    equal("TableNotExists calls", gone.attempts(), 1)?;
    ensure(
        matches!(
            gone.into_attempt().map_err(|e| e.service_error().map(|e| e.error_type().to_owned())),
            Err(Some(code)) if code == "ResourceNotFoundException"
        ),
        || "TableNotExists succeeded on something else than ResourceNotFoundException".to_owned(),
    )?;
    match client
        .wait_until_table_exists(DescribeTableInput::new(name), Duration::from_secs(5))
        .await
    {
        Err(WaitError::TimedOut {
            waiter, attempts, ..
        }) => {
            equal("timed out waiter", waiter, "TableExists")?;
            equal("calls before timing out", attempts, 1)
        }
        other => Err(format!("TableExists of a missing table: {other:?}")),
    }
}
