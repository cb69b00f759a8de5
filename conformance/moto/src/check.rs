//! The assertions of the scenarios: each failure is one sentence naming what
//! was checked, what came back and what was expected.

use std::fmt::{Debug, Display};

use awsgen_runtime::aws_json::ServiceError;
use awsgen_runtime::client::{Error, Response};

/// Fails with `what` unless `condition` holds.
pub fn ensure(condition: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if condition { Ok(()) } else { Err(what()) }
}

/// Fails unless `actual` equals `expected`.
pub fn equal<T: PartialEq + Debug>(what: &str, actual: T, expected: T) -> Result<(), String> {
    ensure(actual == expected, || {
        format!("{what}: got {actual:?}, expected {expected:?}")
    })
}

/// Names the call a failure came from.
pub trait Context<T> {
    /// `Err(e)` becomes `"{what}: {e}"`.
    fn context(self, what: &str) -> Result<T, String>;
}

impl<T, E: Display> Context<T> for Result<T, E> {
    fn context(self, what: &str) -> Result<T, String> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

/// The error the service answered a call with; fails when the call
/// succeeded or failed some other way.
pub fn service_error<O: Debug, E: Debug>(
    what: &str,
    result: Result<Response<O>, Error<E>>,
) -> Result<ServiceError<E>, String> {
    match result {
        Err(Error::Service(error)) => Ok(*error),
        Err(other) => Err(format!("{what}: expected a service error, got {other:?}")),
        Ok(response) => Err(format!(
            "{what}: expected a service error, got {:?}",
            response.output()
        )),
    }
}
