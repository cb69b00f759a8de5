//! Client configuration: region, credentials, endpoint, retries, timeouts and
//! transport, set in code or read from the environment.

use std::fmt;
use std::sync::Arc;

use http::Uri;

use super::transport::{HttpClient, TransportError};
use crate::auth::{
    Credentials, DefaultCredentialsChain, Env, LoadedProfiles, ProfileFileError,
    ProvideCredentials, region_from_env, region_of,
};
use crate::aws_json::Service;
use crate::endpoint::EndpointError;
use crate::retry::{RetryConfig, RetryConfigError, TimeoutConfig, parse_bool_setting};

/// Variable that sets the endpoint of every service.
pub const ENV_ENDPOINT_URL: &str = "AWS_ENDPOINT_URL";
/// Variable that, set to `true`, makes the `AWS_ENDPOINT_URL*` variables ignored.
pub const ENV_IGNORE_CONFIGURED_ENDPOINT_URLS: &str = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
/// Variable that selects FIPS endpoints.
pub const ENV_USE_FIPS_ENDPOINT: &str = "AWS_USE_FIPS_ENDPOINT";
/// Variable that selects dual-stack (IPv4 and IPv6) endpoints.
pub const ENV_USE_DUALSTACK_ENDPOINT: &str = "AWS_USE_DUALSTACK_ENDPOINT";

/// The name of the variable that sets the endpoint of one service:
/// `AWS_ENDPOINT_URL_` followed by the SDK id upper-cased, with spaces and
/// dashes turned into `_` (`AWS_ENDPOINT_URL_LIGHTSAIL`).
pub fn service_endpoint_env_var(sdk_id: &str) -> String {
    let mut name = String::with_capacity(ENV_ENDPOINT_URL.len() + 1 + sdk_id.len());
    name.push_str(ENV_ENDPOINT_URL);
    name.push('_');
    name.extend(sdk_id.chars().map(|c| match c {
        ' ' | '-' => '_',
        c => c.to_ascii_uppercase(),
    }));
    name
}

/// The key of a service in a `[services NAME]` section of the shared config
/// file: the SDK id lower-cased, with spaces and dashes turned into `_`
/// (`secrets_manager`).
pub fn service_config_key(sdk_id: &str) -> String {
    sdk_id
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The endpoint URL configured for the service with `sdk_id`, in the order
/// the AWS SDKs define ("Service-specific endpoints" of the AWS SDKs and
/// Tools Reference Guide):
///
/// 1. nothing when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (else the selected
///    profile's `ignore_configured_endpoint_urls`) is true;
/// 2. `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`;
/// 3. `endpoint_url` under the service's key in the `[services NAME]`
///    section the selected profile names with `services = NAME`;
/// 4. the selected profile's own `endpoint_url`.
///
/// # Errors
/// An ignore setting is not `true` or `false`.
pub fn configured_endpoint_url(
    sdk_id: &str,
    env: &Env,
    profiles: &LoadedProfiles,
) -> Result<Option<String>, ConfigError> {
    const PROFILE_IGNORE: &str = "ignore_configured_endpoint_urls";
    let profile = profiles.selected();
    let ignore = match env.get_non_empty(ENV_IGNORE_CONFIGURED_ENDPOINT_URLS) {
        Some(value) => parse_bool_setting(ENV_IGNORE_CONFIGURED_ENDPOINT_URLS, &value)?,
        None => match profile.and_then(|p| p.get(PROFILE_IGNORE)).map(str::trim) {
            Some(value) if !value.is_empty() => parse_bool_setting(PROFILE_IGNORE, value)?,
            _ => false,
        },
    };
    if ignore {
        return Ok(None);
    }
    if let Some(url) = env
        .get_non_empty(&service_endpoint_env_var(sdk_id))
        .or_else(|| env.get_non_empty(ENV_ENDPOINT_URL))
    {
        return Ok(Some(url));
    }
    let Some(profile) = profile else {
        return Ok(None);
    };
    let key = service_config_key(sdk_id);
    let from_services = profile
        .get("services")
        .and_then(|name| profiles.profiles.services(name.trim()))
        .and_then(|section| section.get(&key))
        .and_then(|block| sub_property(block, "endpoint_url"));
    let url = from_services.or_else(|| profile.get("endpoint_url").map(str::trim));
    Ok(url.filter(|u| !u.is_empty()).map(str::to_owned))
}

/// The value of `name` among the sub-properties of a property (`dynamodb =`
/// followed by indented `endpoint_url = ...` lines).
fn sub_property<'a>(block: &'a str, name: &str) -> Option<&'a str> {
    block.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// A client configuration that cannot be used.
///
/// `Display` is one sentence, free of secrets.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// No region was configured anywhere.
    MissingRegion,
    /// The configured endpoint URL is not an absolute `http` or `https` URL.
    InvalidEndpointUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The service's endpoint rule set could not be parsed.
    EndpointRules {
        /// The service's SDK id.
        service: &'static str,
        /// Why the rule set could not be loaded.
        source: EndpointError,
    },
    /// An environment setting has a value that cannot be used.
    Setting(RetryConfigError),
    /// The shared config or credentials file could not be read or parsed.
    ProfileFile(ProfileFileError),
    /// The default HTTP transport could not be set up.
    HttpClient(TransportError),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MissingRegion => f.write_str("no AWS region is configured: set one with `Config::builder().region(..)`, the AWS_REGION environment variable, or `region` in the selected profile of the shared config file"),
            Self::InvalidEndpointUrl { url, reason } => write!(f, "the endpoint URL {url:?} is not usable: {reason}"),
            Self::EndpointRules { service, source } => write!(f, "the endpoint rule set of {service} could not be loaded: {source}"),
            Self::Setting(inner) => std::fmt::Display::fmt(inner, f),
            Self::ProfileFile(inner) => std::fmt::Display::fmt(inner, f),
            Self::HttpClient(inner) => write!(f, "the HTTP client could not be set up: {inner}"),
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::EndpointRules { source, .. } => Some(source),
            Self::Setting(source) => Some(source),
            Self::ProfileFile(source) => Some(source),
            Self::HttpClient(source) => Some(source),
            _ => None,
        }
    }
}

impl From<RetryConfigError> for ConfigError {
    fn from(source: RetryConfigError) -> Self {
        Self::Setting(source)
    }
}

impl From<ProfileFileError> for ConfigError {
    fn from(source: ProfileFileError) -> Self {
        Self::ProfileFile(source)
    }
}

/// Everything a [`Client`](super::Client) needs besides the service.
///
/// Built with [`Config::builder`]. `Debug` never shows credentials.
#[derive(Clone)]
pub struct Config {
    pub(crate) region: String,
    pub(crate) credentials: Arc<dyn ProvideCredentials>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) retry: RetryConfig,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) http_client: Option<Arc<dyn HttpClient>>,
}

impl Config {
    /// A builder with nothing set: the region is required, everything else
    /// has a default.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint URL set explicitly, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Whether FIPS endpoints are selected.
    pub fn use_fips(&self) -> bool {
        self.use_fips
    }

    /// Whether dual-stack endpoints are selected.
    pub fn use_dual_stack(&self) -> bool {
        self.use_dual_stack
    }

    /// The retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The timeouts.
    pub fn timeouts(&self) -> &TimeoutConfig {
        &self.timeouts
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &"** provider **")
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("http_client", &self.http_client)
            .finish()
    }
}

/// Builds a [`Config`].
///
/// Defaults: credentials from the environment then the shared files
/// ([`DefaultCredentialsChain`] over the process environment), the endpoint
/// from the service's rule set, standard retries ([`RetryConfig::default`]),
/// [`TimeoutConfig::default`], and a [`HyperClient`](super::HyperClient)
/// transport.
#[derive(Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    retry: Option<RetryConfig>,
    timeouts: Option<TimeoutConfig>,
    http_client: Option<Arc<dyn HttpClient>>,
}

impl fmt::Debug for ConfigBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfigBuilder")
            .field("region", &self.region)
            .field(
                "credentials",
                &self.credentials.as_ref().map(|_| "** provider **"),
            )
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("http_client", &self.http_client)
            .finish()
    }
}

impl ConfigBuilder {
    /// Sets the region, such as `us-east-1`.
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets where credentials come from; asked once per operation.
    #[must_use]
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Sets fixed credentials.
    #[must_use]
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Sends requests to `url` (such as `http://127.0.0.1:4566`) instead of
    /// the endpoint the service's rules derive from the region.
    #[must_use]
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Selects FIPS endpoints.
    #[must_use]
    pub fn use_fips(mut self, enabled: bool) -> Self {
        self.use_fips = enabled;
        self
    }

    /// Selects dual-stack (IPv4 and IPv6) endpoints.
    #[must_use]
    pub fn use_dual_stack(mut self, enabled: bool) -> Self {
        self.use_dual_stack = enabled;
        self
    }

    /// Sets the retry settings.
    #[must_use]
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Sets the timeouts.
    #[must_use]
    pub fn timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// Sets the HTTP transport (a [`HyperClient`](super::HyperClient) by default).
    #[must_use]
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http_client = Some(Arc::new(client));
        self
    }

    /// Checks and assembles the configuration.
    ///
    /// # Errors
    /// [`ConfigError::MissingRegion`] without a (non-blank) region;
    /// [`ConfigError::InvalidEndpointUrl`] when the endpoint URL is not an
    /// absolute `http` or `https` URL.
    pub fn build(self) -> Result<Config, ConfigError> {
        let region = self
            .region
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty())
            .ok_or(ConfigError::MissingRegion)?;
        if let Some(url) = &self.endpoint_url {
            check_endpoint_url(url)?;
        }
        let credentials = match self.credentials {
            Some(provider) => provider,
            None => Arc::new(DefaultCredentialsChain::new(Env::real())),
        };
        Ok(Config {
            region,
            credentials,
            endpoint_url: self.endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            retry: self.retry.unwrap_or_default(),
            timeouts: self.timeouts.unwrap_or_default(),
            http_client: self.http_client,
        })
    }
}

/// Whether `url` is an absolute `http`/`https` URL with a host.
fn check_endpoint_url(url: &str) -> Result<(), ConfigError> {
    let invalid = |reason| ConfigError::InvalidEndpointUrl {
        url: url.to_owned(),
        reason,
    };
    let uri: Uri = url
        .parse()
        .map_err(|_| invalid("it does not parse as a URL"))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        Some(_) => return Err(invalid("its scheme is neither http nor https")),
        None => return Err(invalid("it has no scheme (expected http:// or https://)")),
    }
    match uri.host() {
        Some(host) if !host.is_empty() => Ok(()),
        _ => Err(invalid("it has no host")),
    }
}

impl ConfigBuilder {
    /// A builder holding the settings the AWS CLI and SDKs would use for
    /// `service`, read through `env` (see [`Client::from_env`](super::Client::from_env)),
    /// to adjust before [`ConfigBuilder::build`] (for instance to plug in
    /// another [`HttpClient`]).
    ///
    /// The region is left unset when none is configured, so that `build`
    /// reports it.
    ///
    /// # Errors
    /// A variable has an unusable value, or the shared config file cannot be
    /// read.
    pub fn from_env(service: &Service, env: &Env) -> Result<ConfigBuilder, ConfigError> {
        let profiles = LoadedProfiles::load(env)?;
        let mut builder = Config::builder()
            .credentials_provider(DefaultCredentialsChain::new(env.clone()))
            .retry(RetryConfig::from_env(|name| env.get(name))?);
        if let Some(region) = region_from_env(env).or_else(|| region_of(&profiles)) {
            builder = builder.region(region.as_str());
        }
        if let Some(url) = configured_endpoint_url(service.sdk_id, env, &profiles)? {
            builder = builder.endpoint_url(url);
        }
        if let Some(value) = env.get_non_empty(ENV_USE_FIPS_ENDPOINT) {
            builder = builder.use_fips(parse_bool_setting(ENV_USE_FIPS_ENDPOINT, &value)?);
        }
        if let Some(value) = env.get_non_empty(ENV_USE_DUALSTACK_ENDPOINT) {
            builder =
                builder.use_dual_stack(parse_bool_setting(ENV_USE_DUALSTACK_ENDPOINT, &value)?);
        }
        Ok(builder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_variable_names() {
        assert_eq!(
            service_endpoint_env_var("Lightsail"),
            "AWS_ENDPOINT_URL_LIGHTSAIL"
        );
        assert_eq!(
            service_endpoint_env_var("Secrets Manager"),
            "AWS_ENDPOINT_URL_SECRETS_MANAGER"
        );
        assert_eq!(
            service_endpoint_env_var("api-gateway"),
            "AWS_ENDPOINT_URL_API_GATEWAY"
        );
    }

    #[test]
    fn endpoint_urls_are_checked() {
        assert!(check_endpoint_url("http://127.0.0.1:8080").is_ok());
        assert!(check_endpoint_url("https://example.com/prefix").is_ok());
        for bad in [
            "example.com",
            "ftp://example.com",
            "/path",
            "http://",
            "not a url",
        ] {
            assert!(check_endpoint_url(bad).is_err(), "{bad}");
        }
    }
}
