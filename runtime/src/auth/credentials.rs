//! AWS credentials and the providers that find them: static values, the
//! environment, the shared profile files, and the default chain of the
//! latter two.

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use super::env::Env;
use super::profile::{LoadedProfiles, Platform, ProfileFileError};

/// What `Debug` prints in place of a secret.
const REDACTED: &str = "** redacted **";

/// An AWS access key pair, with an optional session token.
///
/// `Debug` never prints the secret access key or the session token, and
/// there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    provider_name: Option<String>,
}

impl Credentials {
    /// Credentials from an access key id, a secret access key and, for
    /// temporary credentials, a session token.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
            provider_name: None,
        }
    }

    /// The same credentials, marked as expiring at `expiry`.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The same credentials, labelled with the name of the provider that
    /// produced them (e.g. `environment`, `profile`).
    pub fn with_provider_name(mut self, name: impl Into<String>) -> Self {
        self.provider_name = Some(name.into());
        self
    }

    /// The access key id (not secret).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When the credentials stop being valid, if known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The provider that produced the credentials, if recorded.
    pub fn provider_name(&self) -> Option<&str> {
        self.provider_name.as_deref()
    }

    /// Whether the credentials have an expiry at or before `now`.
    pub fn is_expired_at(&self, now: SystemTime) -> bool {
        self.expiry.is_some_and(|expiry| expiry <= now)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &REDACTED)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| REDACTED),
            )
            .field("expiry", &self.expiry)
            .field("provider_name", &self.provider_name)
            .finish()
    }
}

/// Keys of a profile that select a way of getting credentials this crate
/// does not implement, in the order the AWS SDKs give them precedence over
/// static keys.
const UNSUPPORTED_BEFORE_STATIC_KEYS: &[&str] = &[
    "role_arn",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
];
/// Keys that would apply only when a profile has no static keys.
const UNSUPPORTED_AFTER_STATIC_KEYS: &[&str] = &["credential_process"];

/// Why no credentials could be provided.
///
/// `Display` is one sentence and never contains a secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum CredentialsError {
    /// `AWS_ACCESS_KEY_ID` or `AWS_SECRET_ACCESS_KEY` is unset or empty.
    EnvVarNotSet {
        /// The missing variable.
        missing: &'static str,
    },
    /// Neither shared file exists (or no home directory is known).
    NoProfileFiles {
        /// Where the config file was looked for.
        config: Option<PathBuf>,
        /// Where the credentials file was looked for.
        credentials: Option<PathBuf>,
    },
    /// A shared file could not be read or parsed.
    ProfileFile(ProfileFileError),
    /// The selected profile is not defined in the shared files.
    ProfileNotFound {
        /// The selected profile.
        profile: String,
        /// The files that were read.
        files: Vec<PathBuf>,
    },
    /// The selected profile defines no credentials.
    ProfileHasNoCredentials {
        /// The selected profile.
        profile: String,
    },
    /// The selected profile sets only one half of the key pair.
    ProfileIncomplete {
        /// The selected profile.
        profile: String,
        /// The key that is set.
        present: &'static str,
        /// The key that is missing.
        missing: &'static str,
    },
    /// The selected profile uses a credential source this crate does not
    /// implement (assumed roles, SSO, external processes).
    UnsupportedProfileKey {
        /// The selected profile.
        profile: String,
        /// The unsupported key.
        key: &'static str,
    },
    /// Every link of a chain failed; each entry says what was tried.
    ChainExhausted {
        /// `(link name, its error)` in the order tried.
        attempts: Vec<(&'static str, CredentialsError)>,
    },
    /// An error from a provider outside this crate.
    Other {
        /// One sentence, free of secrets.
        message: String,
        /// Whether a chain should go on to its next link.
        not_loaded: bool,
    },
}

impl std::fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EnvVarNotSet { missing } => {
                write!(f, "environment variable {missing} is not set")
            }
            Self::NoProfileFiles {
                config,
                credentials,
            } => write!(
                f,
                "no shared config or credentials file was found (looked for {})",
                describe_locations(config, credentials)
            ),
            Self::ProfileFile(inner) => std::fmt::Display::fmt(inner, f),
            Self::ProfileNotFound { profile, files } => write!(
                f,
                "profile `{profile}` is not defined in {}",
                describe_paths(files)
            ),
            Self::ProfileHasNoCredentials { profile } => write!(
                f,
                "profile `{profile}` does not set aws_access_key_id and aws_secret_access_key"
            ),
            Self::ProfileIncomplete {
                profile,
                present,
                missing,
            } => write!(f, "profile `{profile}` sets {present} but not {missing}"),
            Self::UnsupportedProfileKey { profile, key } => write!(
                f,
                "profile `{profile}` uses `{key}`, which is not supported; set aws_access_key_id and aws_secret_access_key in the profile or the environment instead"
            ),
            Self::ChainExhausted { attempts } => write!(
                f,
                "no credentials were found: {}",
                describe_attempts(attempts)
            ),
            Self::Other { message, .. } => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for CredentialsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::ProfileFile(source) => Some(source),
            _ => None,
        }
    }
}

impl From<ProfileFileError> for CredentialsError {
    fn from(source: ProfileFileError) -> Self {
        Self::ProfileFile(source)
    }
}

impl CredentialsError {
    /// An error for a provider that simply has nothing to offer, so a chain
    /// goes on to its next link. `message` must not contain secrets.
    pub fn not_loaded(message: impl Into<String>) -> Self {
        CredentialsError::Other {
            message: message.into(),
            not_loaded: true,
        }
    }

    /// An error for a provider whose source is broken, which stops a chain.
    /// `message` must not contain secrets.
    pub fn provider_error(message: impl Into<String>) -> Self {
        CredentialsError::Other {
            message: message.into(),
            not_loaded: false,
        }
    }

    /// Whether the provider found no credentials at all (rather than
    /// finding a broken or unsupported configuration); a chain goes on to its
    /// next link only after such an error.
    pub fn is_not_loaded(&self) -> bool {
        match self {
            CredentialsError::EnvVarNotSet { .. }
            | CredentialsError::NoProfileFiles { .. }
            | CredentialsError::ProfileNotFound { .. }
            | CredentialsError::ProfileHasNoCredentials { .. }
            | CredentialsError::ChainExhausted { .. } => true,
            CredentialsError::Other { not_loaded, .. } => *not_loaded,
            CredentialsError::ProfileFile(_)
            | CredentialsError::ProfileIncomplete { .. }
            | CredentialsError::UnsupportedProfileKey { .. } => false,
        }
    }
}

fn describe_locations(config: &Option<PathBuf>, credentials: &Option<PathBuf>) -> String {
    let paths: Vec<PathBuf> = config.iter().chain(credentials).cloned().collect();
    if paths.is_empty() {
        "no location, because no home directory is set and neither AWS_CONFIG_FILE nor AWS_SHARED_CREDENTIALS_FILE is".to_owned()
    } else {
        describe_paths(&paths)
    }
}

fn describe_paths(paths: &[PathBuf]) -> String {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    shown.join(" and ")
}

fn describe_attempts(attempts: &[(&'static str, CredentialsError)]) -> String {
    let shown: Vec<String> = attempts
        .iter()
        .map(|(name, error)| format!("{name}: {error}"))
        .collect();
    shown.join("; ")
}

/// The future returned by [`ProvideCredentials::provide_credentials`].
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials.
///
/// The trait is object safe and does not depend on any async runtime; the
/// providers of this crate complete on the first poll.
pub trait ProvideCredentials: Send + Sync {
    /// Finds credentials.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Arc<T> {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        (**self).provide_credentials()
    }
}

impl<T: ProvideCredentials + ?Sized> ProvideCredentials for Box<T> {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        (**self).provide_credentials()
    }
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the
/// optional `AWS_SESSION_TOKEN`.
#[derive(Clone, Debug)]
pub struct EnvironmentCredentials {
    env: Env,
}

impl EnvironmentCredentials {
    /// A provider reading `env`.
    pub fn new(env: Env) -> Self {
        Self { env }
    }

    /// Reads the variables now.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let access_key_id =
            self.env
                .get_non_empty("AWS_ACCESS_KEY_ID")
                .ok_or(CredentialsError::EnvVarNotSet {
                    missing: "AWS_ACCESS_KEY_ID",
                })?;
        let secret_access_key = self.env.get_non_empty("AWS_SECRET_ACCESS_KEY").ok_or(
            CredentialsError::EnvVarNotSet {
                missing: "AWS_SECRET_ACCESS_KEY",
            },
        )?;
        let session_token = self.env.get_non_empty("AWS_SESSION_TOKEN");
        Ok(
            Credentials::new(access_key_id, secret_access_key, session_token)
                .with_provider_name("environment"),
        )
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// Static credentials (`aws_access_key_id`, `aws_secret_access_key`,
/// optional `aws_session_token`) of a profile in the shared config and
/// credentials files.
///
/// The files are located as [`crate::auth::ProfileFileLocations`] describes
/// and read with blocking file I/O each time credentials are requested (they
/// are small). The profile is `AWS_PROFILE`, else `default`, unless set with
/// [`ProfileCredentials::with_profile_name`]. Profiles that assume a role,
/// use SSO or run a credential process are reported as unsupported.
#[derive(Clone, Debug)]
pub struct ProfileCredentials {
    env: Env,
    profile_name: Option<String>,
    platform: Platform,
}

impl ProfileCredentials {
    /// A provider locating the files and the profile through `env`.
    pub fn new(env: Env) -> Self {
        Self {
            env,
            profile_name: None,
            platform: Platform::current(),
        }
    }

    /// Uses profile `name` instead of `AWS_PROFILE` / `default`.
    pub fn with_profile_name(mut self, name: impl Into<String>) -> Self {
        self.profile_name = Some(name.into());
        self
    }

    /// Reads the files now.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let loaded = LoadedProfiles::load_for_platform(&self.env, self.platform)?;
        if loaded.files_read.is_empty() {
            return Err(CredentialsError::NoProfileFiles {
                config: loaded.locations.config,
                credentials: loaded.locations.credentials,
            });
        }
        let name = self
            .profile_name
            .clone()
            .unwrap_or_else(|| loaded.selected_profile.clone());
        let Some(profile) = loaded.profiles.profile(&name) else {
            return Err(CredentialsError::ProfileNotFound {
                profile: name,
                files: loaded.files_read,
            });
        };
        let non_empty = |key: &str| profile.get(key).map(str::trim).filter(|v| !v.is_empty());
        if let Some(key) = UNSUPPORTED_BEFORE_STATIC_KEYS
            .iter()
            .find(|key| non_empty(key).is_some())
        {
            return Err(CredentialsError::UnsupportedProfileKey { profile: name, key });
        }
        const AKID: &str = "aws_access_key_id";
        const SECRET: &str = "aws_secret_access_key";
        match (non_empty(AKID), non_empty(SECRET)) {
            (Some(access_key_id), Some(secret)) => {
                let token = non_empty("aws_session_token").map(str::to_owned);
                Ok(Credentials::new(access_key_id, secret, token).with_provider_name("profile"))
            }
            (Some(_), None) => Err(CredentialsError::ProfileIncomplete {
                profile: name,
                present: AKID,
                missing: SECRET,
            }),
            (None, Some(_)) => Err(CredentialsError::ProfileIncomplete {
                profile: name,
                present: SECRET,
                missing: AKID,
            }),
            (None, None) => match UNSUPPORTED_AFTER_STATIC_KEYS
                .iter()
                .find(|key| non_empty(key).is_some())
            {
                Some(key) => Err(CredentialsError::UnsupportedProfileKey { profile: name, key }),
                None => Err(CredentialsError::ProfileHasNoCredentials { profile: name }),
            },
        }
    }
}

impl ProvideCredentials for ProfileCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(self.load()))
    }
}

/// The environment variables, then the shared profile files.
///
/// A link that finds nothing ([`CredentialsError::is_not_loaded`]) passes on
/// to the next; a link that finds a broken or unsupported configuration
/// stops the chain with its error. When every link finds nothing, the error
/// lists what each tried.
#[derive(Clone, Debug)]
pub struct DefaultCredentialsChain {
    environment: EnvironmentCredentials,
    profile: ProfileCredentials,
}

impl DefaultCredentialsChain {
    /// The chain reading `env` (and the files it locates).
    pub fn new(env: Env) -> Self {
        Self {
            environment: EnvironmentCredentials::new(env.clone()),
            profile: ProfileCredentials::new(env),
        }
    }

    /// Uses profile `name` instead of `AWS_PROFILE` / `default`.
    pub fn with_profile_name(mut self, name: impl Into<String>) -> Self {
        self.profile = self.profile.with_profile_name(name);
        self
    }

    async fn resolve(&self) -> Result<Credentials, CredentialsError> {
        let links: [(&'static str, &dyn ProvideCredentials); 2] = [
            ("environment", &self.environment),
            ("profile", &self.profile),
        ];
        let mut attempts = Vec::with_capacity(links.len());
        for (name, provider) in links {
            match provider.provide_credentials().await {
                Ok(credentials) => return Ok(credentials),
                Err(error) if error.is_not_loaded() => attempts.push((name, error)),
                Err(error) => return Err(error),
            }
        }
        Err(CredentialsError::ChainExhausted { attempts })
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.resolve())
    }
}
