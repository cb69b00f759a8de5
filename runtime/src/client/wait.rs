//! Waiters (`smithy.waiters#waitable`): call an operation until one of its
//! acceptors says the resource reached the wanted state, failed to, or the
//! time ran out.
//!
//! Generated clients compile each waiter's acceptors into a function
//! ([`Waiter::acceptors`]) that looks at one attempt's result; this module
//! polls with the waiters specification's schedule ([`Client::wait`]).

use std::fmt;
use std::time::{Duration, Instant};

use super::{Client, Error, Response};
use crate::aws_json::Operation;

/// The state an acceptor moves the waiter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acceptor {
    /// The resource reached the wanted state: stop and return the output.
    Success,
    /// The resource will never reach it: stop with an error.
    Failure,
    /// Not yet: wait and call again.
    Retry,
}

/// One attempt's result, as acceptors see it.
pub type Attempt<O> = Result<Response<<O as Operation>::Output>, Error<<O as Operation>::Error>>;

/// A waiter of an operation, as generated from the model.
pub struct Waiter<O: Operation> {
    /// The waiter's name in the model (`TableExists`).
    pub name: &'static str,
    /// The shortest delay between attempts (`minDelay`, default 2 s).
    pub min_delay: Duration,
    /// The longest delay between attempts (`maxDelay`, default 120 s).
    pub max_delay: Duration,
    /// The index and state of the first acceptor matching an attempt of
    /// the call with this input.
    pub acceptors: Acceptors<O>,
}

/// A waiter's acceptors: given the input and one attempt, the index and
/// state of the first acceptor that matches, if any.
pub type Acceptors<O> = fn(&<O as Operation>::Input, &Attempt<O>) -> Option<(usize, Acceptor)>;

/// The output of an attempt (an [`Attempt`]) that succeeded.
pub fn attempt_output<T, E>(attempt: &Result<Response<T>, Error<E>>) -> Option<&T> {
    attempt.as_ref().ok().map(Response::output)
}

/// The error type (`ResourceNotFoundException`) of an attempt (an
/// [`Attempt`]) the service answered with an error.
pub fn attempt_error_type<T, E: crate::aws_json::OperationError>(
    attempt: &Result<Response<T>, Error<E>>,
) -> Option<&str> {
    attempt
        .as_ref()
        .err()
        .and_then(Error::service_error)
        .map(crate::aws_json::OperationError::error_type)
}

/// The attempt a success acceptor matched.
pub struct Waited<O: Operation> {
    attempts: u32,
    last: Attempt<O>,
}

impl<O: Operation> Waited<O> {
    /// The calls made, this one included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The output, when the matched attempt was a success of the operation.
    pub fn output(&self) -> Option<&O::Output> {
        self.last.as_ref().ok().map(Response::output)
    }

    /// The matched attempt: an output, or the error a success acceptor
    /// expected (the resource is gone).
    pub fn into_attempt(self) -> Attempt<O> {
        self.last
    }
}

impl<O: Operation> fmt::Debug for Waited<O>
where
    O::Output: fmt::Debug,
    O::Error: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waited")
            .field("attempts", &self.attempts)
            .field("last", &self.last)
            .finish()
    }
}

/// Why a waiter stopped without success. The last attempt's result is kept.
pub enum WaitError<O: Operation> {
    /// A failure acceptor matched (`acceptor` is its index in the model), or
    /// (`acceptor` is `None`) the operation failed in a way no acceptor
    /// expected.
    Failed {
        /// The waiter's name.
        waiter: &'static str,
        /// The index of the failure acceptor that matched, if one did.
        acceptor: Option<usize>,
        /// The last attempt's result.
        last: Box<Attempt<O>>,
    },
    /// The maximum wait ran out before any acceptor said success or failure.
    TimedOut {
        /// The waiter's name.
        waiter: &'static str,
        /// The maximum wait given.
        max_wait: Duration,
        /// The attempts made.
        attempts: u32,
        /// The last attempt's result.
        last: Box<Attempt<O>>,
    },
}

impl<O: Operation> WaitError<O> {
    /// The last attempt's result.
    pub fn last(&self) -> &Attempt<O> {
        match self {
            WaitError::Failed { last, .. } | WaitError::TimedOut { last, .. } => last,
        }
    }
}

impl<O: Operation> fmt::Debug for WaitError<O>
where
    O::Output: fmt::Debug,
    O::Error: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failed {
                waiter,
                acceptor,
                last,
            } => f
                .debug_struct("Failed")
                .field("waiter", waiter)
                .field("acceptor", acceptor)
                .field("last", last)
                .finish(),
            WaitError::TimedOut {
                waiter,
                max_wait,
                attempts,
                last,
            } => f
                .debug_struct("TimedOut")
                .field("waiter", waiter)
                .field("max_wait", max_wait)
                .field("attempts", attempts)
                .field("last", last)
                .finish(),
        }
    }
}

impl<O: Operation> fmt::Display for WaitError<O>
where
    O::Error: fmt::Display,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Failed {
                waiter,
                acceptor: Some(index),
                ..
            } => write!(
                f,
                "waiter {waiter} failed: its failure acceptor {index} matched {}",
                O::NAME
            ),
            WaitError::Failed { waiter, last, .. } => match last.as_ref() {
                Err(error) => write!(f, "waiter {waiter} failed: {error}"),
                Ok(_) => write!(f, "waiter {waiter} failed"),
            },
            WaitError::TimedOut {
                waiter,
                max_wait,
                attempts,
                ..
            } => write!(
                f,
                "waiter {waiter} gave up after {max_wait:?} and {attempts} calls of {}",
                O::NAME
            ),
        }
    }
}

impl<O: Operation> std::error::Error for WaitError<O>
where
    O::Output: fmt::Debug,
    O::Error: fmt::Debug + fmt::Display + std::error::Error + 'static,
{
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self.last() {
            Err(error) => Some(error),
            Ok(_) => None,
        }
    }
}

/// The delays between attempts, as the Smithy waiters specification sets
/// them (`attemptCeiling`, `random(minDelay, delay)`, the last delay cut so
/// that one more attempt fits before the maximum wait).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    min_delay: Duration,
    max_delay: Duration,
    max_wait: Duration,
}

impl Backoff {
    /// The schedule of a waiter given `max_wait` in all. A `max_delay`
    /// shorter than `min_delay` is taken as `min_delay`.
    pub fn new(min_delay: Duration, max_delay: Duration, max_wait: Duration) -> Self {
        Backoff {
            min_delay,
            max_delay: max_delay.max(min_delay),
            max_wait,
        }
    }

    /// The delay before attempt `attempt + 1`, after `attempt` attempts
    /// (from 1) and `elapsed` time; `None` when no attempt fits in the time
    /// left. `random` picks a fraction in `[0, 1)` (seeded in tests).
    pub fn delay(
        &self,
        attempt: u32,
        elapsed: Duration,
        random: &mut impl FnMut() -> f64,
    ) -> Option<Duration> {
        let remaining = self.max_wait.checked_sub(elapsed)?;
        if remaining <= self.min_delay {
            return None;
        }
        let (min, max) = (self.min_delay.as_secs_f64(), self.max_delay.as_secs_f64());
        // attemptCeiling = log2(maxDelay / minDelay) + 1, as an integer.
        let ceiling = if min > 0.0 {
            ((max / min).log2() + 1.0).floor()
        } else {
            f64::INFINITY
        };
        let exponential = if f64::from(attempt) > ceiling {
            max
        } else {
            (min * 2f64.powi(i32::try_from(attempt.saturating_sub(1)).unwrap_or(i32::MAX))).min(max)
        };
        let mut delay = Duration::from_secs_f64(min + random() * (exponential - min));
        if remaining.saturating_sub(delay) <= self.min_delay {
            delay = remaining - self.min_delay;
        }
        Some(delay)
    }
}

impl Client {
    /// Calls `O` with `input` until `waiter`'s acceptors say success or
    /// failure, or `max_wait` runs out:
    /// - the first attempt is made at once;
    /// - the first acceptor that matches decides: success returns the
    ///   attempt, failure stops with [`WaitError::Failed`], retry waits and
    ///   tries again;
    /// - when none matches, an error response stops the waiter
    ///   ([`WaitError::Failed`] without an acceptor) and an output is retried;
    /// - between attempts, [`Backoff::delay`]: exponential from `min_delay`,
    ///   capped at `max_delay`, with jitter, and never past `max_wait`.
    ///
    /// Success is the attempt a success acceptor matched: usually an
    /// output, but an error for waiters such as "until it no longer exists".
    ///
    /// # Errors
    /// [`WaitError`]: a failure acceptor matched, an error no acceptor
    /// expected, or the time ran out; each with the last result.
    pub async fn wait<O: Operation>(
        &self,
        input: &O::Input,
        waiter: &Waiter<O>,
        max_wait: Duration,
    ) -> Result<Waited<O>, WaitError<O>>
    where
        O::Input: Sync,
    {
        let backoff = Backoff::new(waiter.min_delay, waiter.max_delay, max_wait);
        let started = Instant::now();
        let mut random = || fastrand::f64();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let attempt = self.call::<O>(input).await;
            match (waiter.acceptors)(input, &attempt) {
                Some((_, Acceptor::Success)) => {
                    return Ok(Waited {
                        attempts,
                        last: attempt,
                    });
                }
                Some((index, Acceptor::Failure)) => {
                    return Err(WaitError::Failed {
                        waiter: waiter.name,
                        acceptor: Some(index),
                        last: Box::new(attempt),
                    });
                }
                None if attempt.is_err() => {
                    return Err(WaitError::Failed {
                        waiter: waiter.name,
                        acceptor: None,
                        last: Box::new(attempt),
                    });
                }
                Some((_, Acceptor::Retry)) | None => {}
            }
            let Some(delay) = backoff.delay(attempts, started.elapsed(), &mut random) else {
                return Err(WaitError::TimedOut {
                    waiter: waiter.name,
                    max_wait,
                    attempts,
                    last: Box::new(attempt),
                });
            };
            tokio::time::sleep(delay).await;
        }
    }
}
