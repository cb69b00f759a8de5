//! The AWS region a client talks to, and where it is configured.

use std::fmt;

use super::env::Env;
use super::profile::{LoadedProfiles, ProfileFileError};

/// An AWS region name such as `us-east-1`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region(String);

impl Region {
    /// A region with the given name (not validated here; endpoint
    /// resolution rejects unusable names).
    pub fn new(name: impl Into<String>) -> Self {
        Self(name.into())
    }

    /// The region name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Region {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Region {
    fn from(name: &str) -> Self {
        Self::new(name)
    }
}

impl From<String> for Region {
    fn from(name: String) -> Self {
        Self(name)
    }
}

/// The region from `AWS_REGION`, else `AWS_DEFAULT_REGION` (empty values
/// count as unset).
pub fn region_from_env(env: &Env) -> Option<Region> {
    env.get_non_empty("AWS_REGION")
        .or_else(|| env.get_non_empty("AWS_DEFAULT_REGION"))
        .map(Region)
}

/// The `region` property of the selected profile (`AWS_PROFILE`, else
/// `default`) in the shared files located through `env`; `Ok(None)` when the
/// files, the profile or the property do not exist.
pub fn region_from_profile(env: &Env) -> Result<Option<Region>, ProfileFileError> {
    let loaded = LoadedProfiles::load(env)?;
    Ok(region_of(&loaded))
}

/// The region from the environment, else from the selected profile.
pub fn default_region(env: &Env) -> Result<Option<Region>, ProfileFileError> {
    match region_from_env(env) {
        Some(region) => Ok(Some(region)),
        None => region_from_profile(env),
    }
}

/// The `region` property of the selected profile of files already loaded.
pub fn region_of(loaded: &LoadedProfiles) -> Option<Region> {
    loaded
        .selected()?
        .get("region")
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(Region::new)
}
