//! The scenarios, one module per service, in the order they run.

mod dynamodb;
mod secrets;
mod sqs;

use crate::Scenario;

/// Every scenario.
pub const ALL: &[Scenario] = &[
    ("dynamodb: table lifecycle", |s| {
        Box::pin(dynamodb::table_lifecycle(s))
    }),
    (
        "dynamodb: 100 items of every attribute kind, get and query",
        |s| Box::pin(dynamodb::items_of_every_kind(s)),
    ),
    ("dynamodb: conditional put refused", |s| {
        Box::pin(dynamodb::conditional_put_refused(s))
    }),
    ("dynamodb: batch write, paged scan", |s| {
        Box::pin(dynamodb::batch_write_and_scan(s))
    }),
    ("dynamodb: tables listed through the paginators", |s| {
        Box::pin(dynamodb::list_tables_paginated(s))
    }),
    ("dynamodb: table waiters", |s| {
        Box::pin(dynamodb::table_waiters(s))
    }),
    ("secrets manager: secret lifecycle", |s| {
        Box::pin(secrets::secret_lifecycle(s))
    }),
    ("secrets manager: binary secret", |s| {
        Box::pin(secrets::binary_secret(s))
    }),
    ("secrets manager: missing secret", |s| {
        Box::pin(secrets::missing_secret(s))
    }),
    (
        "secrets manager: secrets listed through the paginator",
        |s| Box::pin(secrets::list_secrets_paginated(s)),
    ),
    ("sqs: queue lifecycle and attributes", |s| {
        Box::pin(sqs::queue_lifecycle(s))
    }),
    (
        "sqs: 10 messages with attributes sent, received, deleted",
        |s| Box::pin(sqs::messages_round_trip(s)),
    ),
    ("sqs: missing queue (query-compatible code)", |s| {
        Box::pin(sqs::missing_queue(s))
    }),
];
