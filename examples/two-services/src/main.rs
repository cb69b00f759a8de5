//! Reads a secret from Secrets Manager and an item from DynamoDB, with the
//! bindings `build.rs` generates for the two services side by side.
//!
//! ```text
//! two-services SECRET_ID TABLE KEY_NAME KEY_VALUE
//! ```
//!
//! Region, credentials and endpoint come from the environment and the shared
//! config files, as for the AWS CLI.

use std::collections::BTreeMap;

mod secrets {
    include!(concat!(env!("OUT_DIR"), "/secrets.rs"));
}

mod dynamodb {
    include!(concat!(env!("OUT_DIR"), "/dynamodb.rs"));
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [secret_id, table, key_name, key_value] = args.as_slice() else {
        return Err("usage: two-services SECRET_ID TABLE KEY_NAME KEY_VALUE".into());
    };

    let secrets = secrets::Client::from_env()?;
    let secret = secrets
        .get_secret_value(secrets::types::GetSecretValueRequest::new(secret_id))
        .await?;
    println!(
        "secret {}: version {}",
        secret.name.as_deref().unwrap_or("?"),
        secret.version_id.as_deref().unwrap_or("?")
    );

    let dynamodb = dynamodb::Client::from_env()?;
    let key = BTreeMap::from([(
        key_name.clone(),
        dynamodb::types::AttributeValue::S(key_value.clone()),
    )]);
    let item = dynamodb
        .get_item(dynamodb::types::GetItemInput::new(table, key))
        .await?;
    let attributes = item.item.as_ref().map_or(0, BTreeMap::len);
    println!("item {key_value} of {table}: {attributes} attributes");
    Ok(())
}
