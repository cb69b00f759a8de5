//! Amazon Lightsail bindings, generated from `model/lightsail.json` by `build.rs`
//! on every build where the model changed.
//!
//! - [`types`]: the structures and enums of the API;
//! - [`operation`]: each operation's request builder, response parser and error enum;
//! - [`SERVICE`]: the facts a client needs to send requests.
//!
//! ```
//! use awsgen_lightsail::operation::update_distribution::UpdateDistribution;
//! use awsgen_lightsail::types::{CacheBehavior, BehaviorEnum, UpdateDistributionRequest};
//!
//! let input = UpdateDistributionRequest::new("my-distribution")
//!     .default_cache_behavior(CacheBehavior::new().behavior(BehaviorEnum::CacheSetting));
//! let request = UpdateDistribution::request(&input)?;
//! assert_eq!(request.headers()["x-amz-target"], "Lightsail_20161128.UpdateDistribution");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! With the default `client` feature, [`Client`] signs, sends and retries:
//!
//! ```no_run
//! use awsgen_lightsail::Client;
//! use awsgen_lightsail::types::{BehaviorEnum, CacheBehavior, UpdateDistributionRequest};
//!
//! async fn enable(name: &str) -> Result<(), Box<dyn std::error::Error>> {
//!     let client = Client::from_env()?; // region, credentials, endpoint, retries from the environment
//!     let input = UpdateDistributionRequest::new(name) // the required member: no way to forget it
//!         .default_cache_behavior(CacheBehavior::new().behavior(BehaviorEnum::CacheSetting))
//!         .is_enabled(true);
//!     let response = client.update_distribution(input).await?;
//!     println!("{:?} (request id {:?})", response.operation, response.request_id());
//!     Ok(())
//! }
//! ```

include!(concat!(env!("OUT_DIR"), "/lightsail.rs"));
