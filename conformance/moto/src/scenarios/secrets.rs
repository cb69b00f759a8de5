//! Secrets Manager: a secret's versions and stages, binary secrets, typed errors.

use std::time::{SystemTime, UNIX_EPOCH};

use awsgen_runtime::{Blob, DateTime};

use crate::Server;
use crate::check::{Context, ensure, equal, service_error};
use crate::secrets::Client;
use crate::secrets::operation::get_secret_value::GetSecretValueError;
use crate::secrets::types::{
    CreateSecretRequest, DeleteSecretRequest, DescribeSecretRequest, Filter, FilterNameStringType,
    GetSecretValueRequest, ListSecretsRequest, PutSecretValueRequest, UpdateSecretRequest,
};

fn client(server: &Server) -> Result<Client, String> {
    Client::new(server.config()?).context("client")
}

/// The form of the tokens the client fills in: a version 4 UUID.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Fails unless `date` is within five minutes of now.
fn recent(what: &str, date: Option<DateTime>) -> Result<(), String> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs() as i64;
    ensure(date.is_some_and(|d| (d.secs() - now).abs() < 300), || {
        format!("{what}: {date:?} is not a time of this run")
    })
}

/// Create (idempotency token filled in), read, new versions (explicit and
/// filled tokens), stages, list by name, describe, update, delete.
pub async fn secret_lifecycle(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let name = "awsgen/e2e/lifecycle";
    let created = client
        .create_secret(
            CreateSecretRequest::new(name)
                .secret_string("first value")
                .description("made by the scenario"),
        )
        .await
        .context("CreateSecret")?;
    equal("created name", created.name.as_deref(), Some(name))?;
    let first_version = created.version_id.clone().unwrap_or_default();
    ensure(is_uuid(&first_version), || {
        format!("the filled-in token, as the version id: {first_version:?}")
    })?;
    let arn = created.arn.clone().ok_or("CreateSecret: no ARN")?;
    ensure(arn.starts_with("arn:aws:secretsmanager:us-east-1:"), || {
        format!("ARN {arn:?}")
    })?;

    let current = client
        .get_secret_value(GetSecretValueRequest::new(name))
        .await
        .context("GetSecretValue")?;
    equal(
        "value",
        current.secret_string.as_deref(),
        Some("first value"),
    )?;
    equal(
        "version",
        current.version_id.as_deref(),
        Some(first_version.as_str()),
    )?;
    equal(
        "stages",
        current.version_stages.as_deref(),
        Some(&["AWSCURRENT".to_owned()][..]),
    )?;
    recent("created date", current.created_date)?;

    // An explicit token is the version id, and repeating it is idempotent.
    let token = "6a1b6d2f-6b85-4e2b-9c63-2f1e8c3d4b5a";
    for attempt in 0..2 {
        let put = client
            .put_secret_value(
                PutSecretValueRequest::new(name)
                    .secret_string("second value")
                    .client_request_token(token),
            )
            .await
            .context(&format!("PutSecretValue, attempt {attempt}"))?;
        equal(
            "version of an explicit token",
            put.version_id.as_deref(),
            Some(token),
        )?;
    }
    // Filled-in tokens differ from call to call.
    let third = client
        .put_secret_value(PutSecretValueRequest::new(name).secret_string("third value"))
        .await
        .context("PutSecretValue")?;
    let third_version = third.version_id.clone().unwrap_or_default();
    ensure(is_uuid(&third_version) && third_version != token, || {
        format!("a second filled-in token: {third_version:?}")
    })?;

    let previous = client
        .get_secret_value(GetSecretValueRequest::new(name).version_stage("AWSPREVIOUS"))
        .await
        .context("GetSecretValue AWSPREVIOUS")?;
    equal(
        "previous value",
        previous.secret_string.as_deref(),
        Some("second value"),
    )?;
    let by_id = client
        .get_secret_value(GetSecretValueRequest::new(&arn).version_id(&first_version))
        .await
        .context("GetSecretValue by ARN and version id")?;
    equal(
        "first value by id",
        by_id.secret_string.as_deref(),
        Some("first value"),
    )?;

    let listed = client
        .list_secrets(ListSecretsRequest::new().filters(vec![
            Filter::new()
                .key(FilterNameStringType::Name)
                .values(vec!["awsgen/e2e/lifecycle".to_owned()]),
        ]))
        .await
        .context("ListSecrets")?;
    let names: Vec<_> = listed
        .secret_list
        .iter()
        .flatten()
        .filter_map(|s| s.name.as_deref())
        .collect();
    equal("listed", names, vec![name])?;

    client
        .update_secret(UpdateSecretRequest::new(name).description("updated"))
        .await
        .context("UpdateSecret")?;
    let described = client
        .describe_secret(DescribeSecretRequest::new(name))
        .await
        .context("DescribeSecret")?;
    equal(
        "description",
        described.description.as_deref(),
        Some("updated"),
    )?;
    let stages = described.version_ids_to_stages.clone().unwrap_or_default();
    equal(
        "stages of the newest version",
        stages.get(&third_version).map(Vec::as_slice),
        Some(&["AWSCURRENT".to_owned()][..]),
    )?;

    let deleted = client
        .delete_secret(DeleteSecretRequest::new(name).force_delete_without_recovery(true))
        .await
        .context("DeleteSecret")?;
    equal("deleted ARN", deleted.arn.as_deref(), Some(arn.as_str()))?;
    recent("deletion date", deleted.deletion_date)
}

/// Arbitrary bytes as `SecretBinary`, base64 on the wire, back unchanged.
pub async fn binary_secret(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let name = "awsgen/e2e/binary";
    let bytes: Vec<u8> = (0..=255).collect();
    client
        .create_secret(CreateSecretRequest::new(name).secret_binary(Blob::new(bytes.clone())))
        .await
        .context("CreateSecret")?;
    let value = client
        .get_secret_value(GetSecretValueRequest::new(name))
        .await
        .context("GetSecretValue")?;
    equal(
        "binary value",
        value.secret_binary.as_ref().map(Blob::as_bytes),
        Some(&bytes[..]),
    )?;
    equal("no string value", value.secret_string.as_deref(), None)?;
    client
        .delete_secret(DeleteSecretRequest::new(name).force_delete_without_recovery(true))
        .await
        .context("DeleteSecret")
        .map(drop)
}

/// A secret that does not exist: a typed `ResourceNotFoundException` with
/// the service's message, status and request id.
pub async fn missing_secret(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let missing = service_error(
        "GetSecretValue of a missing secret",
        client
            .get_secret_value(GetSecretValueRequest::new("awsgen/e2e/never-created"))
            .await,
    )?;
    let GetSecretValueError::ResourceNotFoundException(exception) = &missing.error else {
        return Err(format!(
            "expected ResourceNotFoundException, got {:?}",
            missing.error
        ));
    };
    ensure(
        exception
            .message
            .as_deref()
            .is_some_and(|m| m.contains("can't find")),
        || format!("message {:?}", exception.message),
    )?;
    // AWS answers 400, moto 404: the type comes from the body either way.
    ensure(missing.status.is_client_error(), || {
        format!("status {}", missing.status)
    })?;
    equal("code", missing.code.as_str(), "ResourceNotFoundException")
}

/// More secrets than a page holds, listed through the generated paginator
/// (the model names no items for ListSecrets, so there are only pages).
pub async fn list_secrets_paginated(server: &Server) -> Result<(), String> {
    let client = client(server)?;
    let names: Vec<String> = (0..5).map(|i| format!("awsgen/e2e/listed-{i}")).collect();
    for name in &names {
        client
            .create_secret(CreateSecretRequest::new(name).secret_string("listed"))
            .await
            .context("CreateSecret")?;
    }
    let only_ours = || {
        ListSecretsRequest::new().filters(vec![
            Filter::new()
                .key(FilterNameStringType::Name)
                .values(vec!["awsgen/e2e/listed-".to_owned()]),
        ])
    };
    let mut pages = client.list_secrets_pages(only_ours()).page_size(2);
    let mut listed = Vec::new();
    while let Some(page) = pages.next().await {
        let n = pages.pages();
        ensure(n <= 20, || {
            "ListSecrets did not end within 20 pages".to_owned()
        })?;
        let page = page
            .context(&format!("ListSecrets page {n}"))?
            .into_output();
        let secrets = page.secret_list.unwrap_or_default();
        ensure(secrets.len() <= 2, || {
            format!("page {n} holds {} secrets (page size 2)", secrets.len())
        })?;
        listed.extend(secrets.into_iter().filter_map(|s| s.name));
    }
    ensure(pages.pages() >= 3, || {
        format!("5 secrets came in {} pages of 2", pages.pages())
    })?;
    listed.sort();
    equal("secrets listed page by page", &listed, &names)?;

    for name in &names {
        client
            .delete_secret(DeleteSecretRequest::new(name).force_delete_without_recovery(true))
            .await
            .context("DeleteSecret")?;
    }
    Ok(())
}
