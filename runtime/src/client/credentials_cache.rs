//! Credentials kept between calls: a provider (environment, shared files, a
//! user's own) is asked once, and again only when what it gave is about to expire,
//! instead of on every call (the profile provider reads files).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use crate::auth::{Credentials, CredentialsError, ProvideCredentials};

/// Credentials expiring within this margin are refreshed before use, so a
/// signed request does not expire in flight (the AWS SDKs use five minutes).
const REFRESH_MARGIN: Duration = Duration::from_secs(5 * 60);

/// A provider with its last answer.
pub(crate) struct CredentialsCache {
    provider: Arc<dyn ProvideCredentials>,
    /// Shared with the calls signing with it, so a call takes no copy.
    cached: Mutex<Option<Arc<Credentials>>>,
}

impl CredentialsCache {
    pub(crate) fn new(provider: Arc<dyn ProvideCredentials>) -> Self {
        CredentialsCache {
            provider,
            cached: Mutex::new(None),
        }
    }

    /// The cached credentials when still fresh at `now`, else the provider's new ones.
    pub(crate) async fn get(&self, now: SystemTime) -> Result<Arc<Credentials>, CredentialsError> {
        if let Some(credentials) = self.fresh(now) {
            return Ok(credentials);
        }
        let credentials = Arc::new(self.provider.provide_credentials().await?);
        *self.cached.lock().unwrap_or_else(PoisonError::into_inner) = Some(credentials.clone());
        Ok(credentials)
    }

    /// The cached credentials when still fresh at `now`.
    pub(crate) fn fresh(&self, now: SystemTime) -> Option<Arc<Credentials>> {
        let cached = self.cached.lock().unwrap_or_else(PoisonError::into_inner);
        cached
            .as_ref()
            .filter(|c| !c.is_expired_at(now + REFRESH_MARGIN))
            .cloned()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::auth::CredentialsFuture;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[derive(Debug)]
    struct Counting {
        calls: AtomicU32,
        expiry: Option<SystemTime>,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> CredentialsFuture<'_> {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let mut credentials = Credentials::new("AKID", "SECRET", None);
            if let Some(expiry) = self.expiry {
                credentials = credentials.with_expiry(expiry);
            }
            Box::pin(async move { Ok(credentials) })
        }
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn asks_the_provider_once_until_expiry_nears() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let lasting = Arc::new(Counting {
            calls: AtomicU32::new(0),
            expiry: None,
        });
        let cache = CredentialsCache::new(lasting.clone());
        for _ in 0..3 {
            block_on(cache.get(now)).unwrap();
        }
        assert_eq!(lasting.calls.load(Ordering::SeqCst), 1);

        let expiring = Arc::new(Counting {
            calls: AtomicU32::new(0),
            expiry: Some(now + Duration::from_secs(600)),
        });
        let cache = CredentialsCache::new(expiring.clone());
        block_on(cache.get(now)).unwrap();
        block_on(cache.get(now + Duration::from_secs(60))).unwrap();
        assert_eq!(
            expiring.calls.load(Ordering::SeqCst),
            1,
            "still fresh 9 minutes before expiry"
        );
        block_on(cache.get(now + Duration::from_secs(400))).unwrap();
        assert_eq!(
            expiring.calls.load(Ordering::SeqCst),
            2,
            "refreshed within 5 minutes of expiry"
        );
    }
}
