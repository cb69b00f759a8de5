//! Retry settings from environment variables, through a lookup closure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

use std::collections::HashMap;

use awsgen_runtime::retry::{RetryConfig, RetryConfigError, RetryMode};

fn env(pairs: &[(&str, &str)]) -> Result<RetryConfig, RetryConfigError> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    RetryConfig::from_env(|name| map.get(name).cloned())
}

#[test]
fn unset_environment_gives_the_defaults() {
    assert_eq!(env(&[]).unwrap(), RetryConfig::standard());
    // Unrelated variables are ignored, empty values count as unset.
    let config = env(&[
        ("AWS_REGION", "us-east-1"),
        ("AWS_MAX_ATTEMPTS", ""),
        ("AWS_RETRY_MODE", "  "),
        ("AWS_NEW_RETRIES_2026", ""),
    ])
    .unwrap();
    assert_eq!(config, RetryConfig::standard());
}

#[test]
fn valid_values() {
    let config = env(&[
        ("AWS_MAX_ATTEMPTS", "5"),
        ("AWS_RETRY_MODE", "standard"),
        ("AWS_NEW_RETRIES_2026", "true"),
    ])
    .unwrap();
    assert_eq!(config.max_attempts, 5);
    assert_eq!(config.mode, RetryMode::Standard);
    assert!(config.new_retries_2026);

    assert_eq!(env(&[("AWS_MAX_ATTEMPTS", "1")]).unwrap().max_attempts, 1);
    assert_eq!(
        env(&[("AWS_MAX_ATTEMPTS", " 12 ")]).unwrap().max_attempts,
        12
    );
    for mode in ["standard", "STANDARD", " Standard ", "adaptive", "Adaptive"] {
        assert_eq!(
            env(&[("AWS_RETRY_MODE", mode)]).unwrap().mode,
            RetryMode::Standard,
            "{mode}"
        );
    }
    for (value, expected) in [
        ("true", true),
        ("TRUE", true),
        ("True", true),
        ("false", false),
        (" False ", false),
    ] {
        assert_eq!(
            env(&[("AWS_NEW_RETRIES_2026", value)])
                .unwrap()
                .new_retries_2026,
            expected,
            "{value}"
        );
    }
}

#[test]
fn bad_attempt_counts_are_typed_errors_naming_variable_and_value() {
    for value in ["0", "-1", "abc", "2.5", "+3", "99999999999", "3 attempts"] {
        let err = env(&[("AWS_MAX_ATTEMPTS", value)]).unwrap_err();
        assert_eq!(
            err,
            RetryConfigError::InvalidMaxAttempts {
                setting: "AWS_MAX_ATTEMPTS",
                value: value.to_owned()
            }
        );
        let message = err.to_string();
        assert!(message.contains("AWS_MAX_ATTEMPTS"), "{message}");
        assert!(message.contains(value), "{message}");
    }
}

#[test]
fn bad_retry_modes() {
    let err = env(&[("AWS_RETRY_MODE", "legacy")]).unwrap_err();
    assert_eq!(
        err,
        RetryConfigError::LegacyRetryModeUnsupported {
            setting: "AWS_RETRY_MODE",
            value: "legacy".to_owned()
        }
    );
    assert!(err.to_string().contains("AWS_RETRY_MODE"));
    assert!(err.to_string().contains("legacy"));
    for value in ["fast", "standard2", "adaptive-v2", "1"] {
        let err = env(&[("AWS_RETRY_MODE", value)]).unwrap_err();
        assert_eq!(
            err,
            RetryConfigError::UnknownRetryMode {
                setting: "AWS_RETRY_MODE",
                value: value.to_owned()
            }
        );
        assert!(err.to_string().contains(value));
    }
}

#[test]
fn bad_flags() {
    for value in ["1", "0", "yes", "on", "truee"] {
        let err = env(&[("AWS_NEW_RETRIES_2026", value)]).unwrap_err();
        assert_eq!(
            err,
            RetryConfigError::InvalidBoolean {
                setting: "AWS_NEW_RETRIES_2026",
                value: value.to_owned()
            }
        );
        let message = err.to_string();
        assert!(
            message.contains("AWS_NEW_RETRIES_2026") && message.contains(value),
            "{message}"
        );
    }
}

#[test]
fn the_first_bad_variable_is_reported_and_code_overrides_environment() {
    // An error in one variable is not hidden by valid others.
    assert!(matches!(
        env(&[("AWS_MAX_ATTEMPTS", "4"), ("AWS_NEW_RETRIES_2026", "maybe")]),
        Err(RetryConfigError::InvalidBoolean { .. })
    ));
    // Explicit settings in code win over the environment.
    let config = env(&[("AWS_MAX_ATTEMPTS", "7")])
        .unwrap()
        .with_max_attempts(2)
        .with_new_retries_2026(true);
    assert_eq!(config.max_attempts, 2);
    assert!(config.new_retries_2026);
}

#[test]
fn lookup_can_be_a_trait_object() {
    let lookup: &dyn Fn(&str) -> Option<String> =
        &|name| (name == "AWS_MAX_ATTEMPTS").then(|| "9".to_owned());
    assert_eq!(RetryConfig::from_env(lookup).unwrap().max_attempts, 9);
}
