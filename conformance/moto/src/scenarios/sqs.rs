//! SQS (awsJson 1.0, query-compatible): queues, attributes, messages, the
//! legacy awsQuery error codes.

use std::collections::BTreeMap;

use awsgen_runtime::Blob;

use crate::Server;
use crate::check::{Context, ensure, equal, service_error};
use crate::sqs::Client;
use crate::sqs::operation::get_queue_url::GetQueueUrlError;
use crate::sqs::types::{
    CreateQueueRequest, DeleteMessageRequest, DeleteQueueRequest, GetQueueAttributesRequest,
    GetQueueUrlRequest, MessageAttributeValue, MessageSystemAttributeName, QueueAttributeName,
    ReceiveMessageRequest, SendMessageBatchRequest, SendMessageBatchRequestEntry,
    SendMessageRequest,
};

fn client(server: &Server) -> Result<Client, String> {
    Client::new(server.config()?).context("client")
}

async fn create_queue(
    client: &Client,
    name: &str,
    attributes: BTreeMap<QueueAttributeName, String>,
) -> Result<String, String> {
    let created = client
        .create_queue(CreateQueueRequest::new(name).attributes(attributes))
        .await
        .context("CreateQueue")?;
    let url = created
        .into_output()
        .queue_url
        .ok_or("CreateQueue: no QueueUrl")?;
    ensure(url.ends_with(&format!("/{name}")), || {
        format!("queue URL {url:?}")
    })?;
    Ok(url)
}

async fn attributes(
    client: &Client,
    url: &str,
) -> Result<BTreeMap<QueueAttributeName, String>, String> {
    Ok(client
        .get_queue_attributes(
            GetQueueAttributesRequest::new(url).attribute_names(vec![QueueAttributeName::All]),
        )
        .await
        .context("GetQueueAttributes")?
        .into_output()
        .attributes
        .unwrap_or_default())
}

/// Create with attributes, find by name, read the attributes back, delete.
pub async fn queue_lifecycle(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let name = "awsgen-lifecycle";
    let url = create_queue(
        &client,
        name,
        BTreeMap::from([
            (QueueAttributeName::VisibilityTimeout, "45".to_owned()),
            (
                QueueAttributeName::MessageRetentionPeriod,
                "3600".to_owned(),
            ),
        ]),
    )
    .await?;
    let found = client
        .get_queue_url(GetQueueUrlRequest::new(name))
        .await
        .context("GetQueueUrl")?;
    equal(
        "URL by name",
        found.queue_url.as_deref(),
        Some(url.as_str()),
    )?;
    let read = attributes(&client, &url).await?;
    let get = |name| read.get(&name).map(String::as_str);
    equal(
        "VisibilityTimeout",
        get(QueueAttributeName::VisibilityTimeout),
        Some("45"),
    )?;
    equal(
        "MessageRetentionPeriod",
        get(QueueAttributeName::MessageRetentionPeriod),
        Some("3600"),
    )?;
    equal(
        "ApproximateNumberOfMessages",
        get(QueueAttributeName::ApproximateNumberOfMessages),
        Some("0"),
    )?;
    ensure(
        get(QueueAttributeName::QueueArn).is_some_and(|arn| arn.ends_with(&format!(":{name}"))),
        || format!("QueueArn {:?}", get(QueueAttributeName::QueueArn)),
    )?;
    client
        .delete_queue(DeleteQueueRequest::new(&url))
        .await
        .context("DeleteQueue")
        .map(drop)
}

fn attribute_string(value: &str) -> MessageAttributeValue {
    MessageAttributeValue::new("String").string_value(value)
}

/// One single message and a batch of nine, each with string, number and
/// binary attributes; received with their attributes, deleted, and the
/// queue empty afterwards.
pub async fn messages_round_trip(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let url = create_queue(&client, "awsgen-messages", BTreeMap::new()).await?;
    let attributes_of = |i: usize| {
        BTreeMap::from([
            (
                "index".to_owned(),
                MessageAttributeValue::new("Number").string_value(i.to_string()),
            ),
            (
                "kind".to_owned(),
                attribute_string(if i.is_multiple_of(2) { "even" } else { "odd" }),
            ),
            (
                "raw".to_owned(),
                MessageAttributeValue::new("Binary").binary_value(Blob::new(vec![i as u8, 0, 255])),
            ),
        ])
    };
    let body = |i: usize| format!("message {i}: {{\"json\": [1, 2]}} & <xml/> ✓");

    let single = client
        .send_message(SendMessageRequest::new(&url, body(0)).message_attributes(attributes_of(0)))
        .await
        .context("SendMessage")?;
    ensure(single.message_id.is_some(), || {
        "SendMessage: no MessageId".to_owned()
    })?;
    let entries = (1..10)
        .map(|i| {
            SendMessageBatchRequestEntry::new(format!("m{i}"), body(i))
                .message_attributes(attributes_of(i))
        })
        .collect();
    let batch = client
        .send_message_batch(SendMessageBatchRequest::new(&url, entries))
        .await
        .context("SendMessageBatch")?;
    equal("batch failures", batch.failed.len(), 0)?;
    let mut ids: Vec<_> = batch.successful.iter().map(|e| e.id.clone()).collect();
    ids.sort_unstable();
    let sent: Vec<_> = (1..10).map(|i| format!("m{i}")).collect();
    equal("batch entries", ids, sent)?;

    let mut received = BTreeMap::new();
    for poll in 0..20 {
        if received.len() == 10 {
            break;
        }
        ensure(poll < 19, || {
            format!("only {} of 10 messages after 20 polls", received.len())
        })?;
        let output = client
            .receive_message(
                ReceiveMessageRequest::new(&url)
                    .max_number_of_messages(10)
                    .message_attribute_names(vec!["All".to_owned()])
                    .message_system_attribute_names(vec![MessageSystemAttributeName::All]),
            )
            .await
            .context("ReceiveMessage")?;
        for message in output.into_output().messages.into_iter().flatten() {
            let text = message.body.clone().ok_or("a message without a body")?;
            received.insert(text, message);
        }
    }
    for i in 0..10 {
        let message = received
            .get(&body(i))
            .ok_or_else(|| format!("message {i} was not received"))?;
        equal(
            &format!("attributes of message {i}"),
            message.message_attributes.as_ref(),
            Some(&attributes_of(i)),
        )?;
        ensure(
            message
                .attributes
                .as_ref()
                .is_some_and(|a| a.contains_key(&MessageSystemAttributeName::SentTimestamp)),
            || format!("message {i} has no SentTimestamp: {:?}", message.attributes),
        )?;
        let handle = message
            .receipt_handle
            .as_deref()
            .ok_or("no receipt handle")?;
        client
            .delete_message(DeleteMessageRequest::new(&url, handle))
            .await
            .context(&format!("DeleteMessage {i}"))?;
    }
    let after = attributes(&client, &url).await?;
    for counter in [
        QueueAttributeName::ApproximateNumberOfMessages,
        QueueAttributeName::ApproximateNumberOfMessagesNotVisible,
    ] {
        equal(
            counter.as_str(),
            after.get(&counter).map(String::as_str),
            Some("0"),
        )?;
    }
    client
        .delete_queue(DeleteQueueRequest::new(&url))
        .await
        .context("DeleteQueue")
        .map(drop)
}

/// A queue that does not exist: the modeled `QueueDoesNotExist`, with the
/// legacy awsQuery code the service sends in `x-amzn-query-error`.
pub async fn missing_queue(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let missing = service_error(
        "GetQueueUrl of a missing queue",
        client
            .get_queue_url(GetQueueUrlRequest::new("awsgen-never-created"))
            .await,
    )?;
    ensure(
        matches!(missing.error, GetQueueUrlError::QueueDoesNotExist(_)),
        || format!("expected QueueDoesNotExist, got {:?}", missing.error),
    )?;
    equal(
        "code",
        missing.code.as_str(),
        "AWS.SimpleQueueService.NonExistentQueue",
    )?;
    equal("status", missing.status.as_u16(), 400)
}
