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

include!(concat!(env!("OUT_DIR"), "/lightsail.rs"));
