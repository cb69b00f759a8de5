//! Credentials from the official AWS SDK for Rust's providers: anything that
//! implements `aws_credential_types::provider::ProvideCredentials` (the
//! `aws-config` default chain with SSO, IMDS, web identity, assumed roles, ...)
//! plugs into this crate's client through [`SdkCredentials`].

use aws_credential_types::provider::ProvideCredentials as SdkProvideCredentials;

use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// Adapts an AWS SDK credentials provider:
///
/// ```text
/// let sdk = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
/// let config = Config::builder()
///     .credentials_provider(SdkCredentials(sdk.credentials_provider().unwrap()))
///     .region("us-east-1")
///     .build()?;
/// ```
#[derive(Debug, Clone)]
pub struct SdkCredentials<P>(pub P);

impl<P: SdkProvideCredentials> ProvideCredentials for SdkCredentials<P> {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let sdk = self.0.provide_credentials().await.map_err(|e| {
                CredentialsError::provider_error(format!(
                    "the AWS SDK credentials provider failed: {e}"
                ))
            })?;
            let mut credentials = Credentials::new(
                sdk.access_key_id(),
                sdk.secret_access_key(),
                sdk.session_token().map(str::to_owned),
            )
            .with_provider_name("aws-sdk");
            if let Some(expiry) = sdk.expiry() {
                credentials = credentials.with_expiry(expiry);
            }
            Ok(credentials)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn sdk_credentials_are_carried_over() {
        let expiry = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        let sdk = aws_credential_types::Credentials::new(
            "AKID",
            "SECRET",
            Some("TOKEN".into()),
            Some(expiry),
            "test",
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let ours = runtime
            .block_on(SdkCredentials(sdk).provide_credentials())
            .unwrap();
        assert_eq!(ours.access_key_id(), "AKID");
        assert_eq!(ours.secret_access_key(), "SECRET");
        assert_eq!(ours.session_token(), Some("TOKEN"));
        assert_eq!(ours.expiry(), Some(expiry));
        assert!(!format!("{ours:?}").contains("SECRET"));
    }
}
