//! A successful call's output and the facts of its response.

use std::ops::Deref;

use http::{HeaderMap, StatusCode};

/// The output of a successful call, with the facts of the response.
///
/// Dereferences to the output, so its fields read directly.
#[derive(Debug, Clone)]
pub struct Response<T> {
    output: T,
    status: StatusCode,
    headers: HeaderMap,
    attempts: u32,
}

impl<T> Response<T> {
    pub(crate) fn new(output: T, status: StatusCode, headers: HeaderMap, attempts: u32) -> Self {
        Self {
            output,
            status,
            headers,
            attempts,
        }
    }

    /// The response of a call answered with `output`: status 200, no
    /// headers, one attempt. For testing code that reads responses, such as
    /// a waiter's acceptors.
    pub fn ok(output: T) -> Self {
        Self::new(output, StatusCode::OK, HeaderMap::new(), 1)
    }

    /// The output.
    pub fn output(&self) -> &T {
        &self.output
    }

    /// The output by value.
    pub fn into_output(self) -> T {
        self.output
    }

    /// The request id the service assigned (`x-amzn-RequestId`), if any.
    pub fn request_id(&self) -> Option<&str> {
        self.headers
            .get(super::X_AMZN_REQUESTID)
            .and_then(|value| value.to_str().ok())
    }

    /// How many attempts the call took (1 without retries).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers of the response.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.output
    }
}
