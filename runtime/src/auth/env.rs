//! Read-only access to environment variables.
//!
//! Everything in [`crate::auth`] that consults the environment does so through
//! [`Env`], so that tests can supply a fixed map instead of mutating the
//! process environment, and so that a test never sees the real `HOME` (and
//! therefore never reads the real `~/.aws` files).

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// A source of environment variables: the real process environment, or a
/// fixed map.
///
/// `Debug` lists variable names only, never values, because values such as
/// `AWS_SECRET_ACCESS_KEY` are secrets.
#[derive(Clone)]
pub struct Env {
    source: Source,
}

#[derive(Clone)]
enum Source {
    Real,
    Map(Arc<HashMap<String, String>>),
}

impl Env {
    /// The process environment (`std::env::var`).
    pub fn real() -> Self {
        Self {
            source: Source::Real,
        }
    }

    /// A fixed set of variables; nothing else is visible through it.
    pub fn from_map<I, K, V>(vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let map = vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        Self {
            source: Source::Map(Arc::new(map)),
        }
    }

    /// The value of `name`, or `None` when it is unset or not valid Unicode.
    pub fn get(&self, name: &str) -> Option<String> {
        match &self.source {
            Source::Real => std::env::var(name).ok(),
            Source::Map(map) => map.get(name).cloned(),
        }
    }

    /// The value of `name`, or `None` when it is unset, not valid Unicode, or
    /// empty after trimming surrounding whitespace (which AWS tools treat as
    /// unset). The returned value is trimmed.
    pub fn get_non_empty(&self, name: &str) -> Option<String> {
        self.get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Source::Real => f.write_str("Env::real()"),
            Source::Map(map) => {
                let mut names: Vec<&str> = map.keys().map(String::as_str).collect();
                names.sort_unstable();
                f.debug_struct("Env::from_map")
                    .field("names", &names)
                    .finish()
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn map_env_sees_only_its_own_variables() {
        let env = Env::from_map([("AWS_REGION", "eu-west-1"), ("EMPTY", "  ")]);
        assert_eq!(env.get("AWS_REGION").as_deref(), Some("eu-west-1"));
        assert_eq!(env.get("PATH"), None);
        assert_eq!(env.get("EMPTY").as_deref(), Some("  "));
        assert_eq!(env.get_non_empty("EMPTY"), None);
    }

    #[test]
    fn debug_shows_names_not_values() {
        let env = Env::from_map([("AWS_SECRET_ACCESS_KEY", "very-secret-value")]);
        let shown = format!("{env:?}");
        assert!(shown.contains("AWS_SECRET_ACCESS_KEY"));
        assert!(!shown.contains("very-secret-value"));
    }
}
