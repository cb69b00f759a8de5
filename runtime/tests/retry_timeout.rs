//! Timeout configuration: defaults and builder.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

use std::time::Duration;

use awsgen_runtime::retry::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, TimeoutConfig};

#[test]
fn defaults() {
    let config = TimeoutConfig::default();
    assert_eq!(config, TimeoutConfig::new());
    assert_eq!(config.connect_timeout(), Some(Duration::from_millis(3100)));
    assert_eq!(DEFAULT_CONNECT_TIMEOUT, Duration::from_millis(3100));
    // No call waits forever for data: the AWS CLI's 60 s read timeout.
    assert_eq!(config.read_timeout(), Some(Duration::from_secs(60)));
    assert_eq!(DEFAULT_READ_TIMEOUT, Duration::from_secs(60));
    assert_eq!(config.attempt_timeout(), None);
    assert_eq!(config.operation_timeout(), None);
    assert_eq!(config.remaining(Duration::from_secs(3600)), None);
}

#[test]
fn builder() {
    let config = TimeoutConfig::new()
        .with_connect_timeout(Duration::from_secs(1))
        .with_read_timeout(Duration::from_secs(2))
        .with_attempt_timeout(Duration::from_secs(5))
        .with_operation_timeout(Duration::from_secs(30));
    assert_eq!(config.connect_timeout(), Some(Duration::from_secs(1)));
    assert_eq!(config.read_timeout(), Some(Duration::from_secs(2)));
    assert_eq!(config.attempt_timeout(), Some(Duration::from_secs(5)));
    assert_eq!(config.operation_timeout(), Some(Duration::from_secs(30)));
    assert_eq!(
        config.remaining(Duration::from_secs(28)),
        Some(Duration::from_secs(2))
    );
    assert_eq!(
        config.attempt_limit(Duration::from_secs(28)),
        Some(Duration::from_secs(2))
    );
    let cleared = config
        .with_connect_timeout(None)
        .with_read_timeout(None)
        .with_attempt_timeout(None)
        .with_operation_timeout(None);
    assert_eq!(cleared, TimeoutConfig::disabled());
    assert_eq!(cleared.connect_timeout(), None);
}
