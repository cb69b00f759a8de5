//! Authentication for AWS requests: credentials and where they come from,
//! the region, the shared config/credentials files, and SigV4 signing.
//!
//! Environment access goes through [`Env`], so callers (and tests) decide
//! whether the process environment is read at all.

mod credentials;
mod env;
mod profile;
mod region;
#[cfg(feature = "sdk-credentials")]
mod sdk;
mod sigv4;

pub use credentials::{
    Credentials, CredentialsError, CredentialsFuture, DefaultCredentialsChain,
    EnvironmentCredentials, ProfileCredentials, ProvideCredentials,
};
pub use env::Env;
pub use profile::{
    LoadedProfiles, Platform, Profile, ProfileFileError, ProfileFileKind, ProfileFileLocations,
    ProfileParseError, ProfileSet, home_dir, selected_profile_name,
};
pub use region::{Region, default_region, region_from_env, region_from_profile, region_of};
#[cfg(feature = "sdk-credentials")]
pub use sdk::SdkCredentials;
pub use sigv4::{SignatureLocation, SigningError, SigningOptions, sign, sign_with_settings};
