//! The payload of the catch-all variant of generated enums, and the strict
//! reading that refuses values the enum does not know.

use std::cell::Cell;
use std::fmt;

/// An enum value sent by the service that the generated enum does not know.
///
/// Generated enums are forward compatible: besides one variant per modeled value
/// they have `Unknown(UnknownValue)`, which keeps whatever string the service sent.
/// The type is opaque so that code outside the bindings cannot build an `Unknown`
/// holding a value the enum does know; read it with [`UnknownValue::as_str`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a value the generated enum does not know. For generated code only.
    #[doc(hidden)]
    pub fn new(value: impl Into<String>) -> Self {
        UnknownValue(value.into())
    }

    /// The value exactly as the service sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

thread_local! {
    /// Whether deserialization on this thread refuses unknown enum values.
    static STRICT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read` with unknown enum values refused (see [`admit_unknown`]), on
/// this thread only; the previous mode is restored even if `read` panics.
#[cfg(any(feature = "dispatch", test))]
pub(crate) fn strictly<T>(read: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            STRICT.with(|strict| strict.set(self.0));
        }
    }
    let _restore = Restore(STRICT.with(|strict| strict.replace(true)));
    read()
}

/// Called by a generated enum's `Deserialize` when it reads a value it does
/// not know: keeps it (`Ok`), unless the value is read strictly (a request a
/// person wrote, see `dispatch::Strictness`), where it is an error listing
/// the `known` values.
///
/// # Errors
/// Strict reading is on.
#[doc(hidden)]
pub fn admit_unknown<E: serde::de::Error>(value: &str, known: &[&str]) -> Result<(), E> {
    if STRICT.with(Cell::get) {
        return Err(E::custom(format_args!(
            "unknown value {value:?}; expected one of: {}",
            known.join(", ")
        )));
    }
    Ok(())
}

/// [`admit_unknown`] for intEnums.
///
/// # Errors
/// Strict reading is on.
#[doc(hidden)]
pub fn admit_unknown_int<E: serde::de::Error>(value: i32, known: &[i32]) -> Result<(), E> {
    if STRICT.with(Cell::get) {
        let known: Vec<String> = known.iter().map(i32::to_string).collect();
        return Err(E::custom(format_args!(
            "unknown value {value}; expected one of: {}",
            known.join(", ")
        )));
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_refused_only_when_reading_strictly() {
        type E = serde_json::Error;
        assert!(admit_unknown::<E>("x", &["a", "b"]).is_ok());
        assert!(admit_unknown_int::<E>(3, &[1, 2]).is_ok());
        let error = strictly(|| admit_unknown::<E>("x", &["a", "b"])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown value \"x\"; expected one of: a, b"
        );
        let error = strictly(|| admit_unknown_int::<E>(3, &[1, 2])).unwrap_err();
        assert_eq!(error.to_string(), "unknown value 3; expected one of: 1, 2");
        assert!(
            admit_unknown::<E>("x", &["a"]).is_ok(),
            "the mode is restored"
        );
        let panicked = std::panic::catch_unwind(|| strictly(|| panic!("inside")));
        assert!(panicked.is_err());
        assert!(
            admit_unknown::<E>("x", &["a"]).is_ok(),
            "restored after a panic"
        );
    }

    #[test]
    fn keeps_the_value() {
        let v = UnknownValue::new("eu-west-9");
        assert_eq!(v.as_str(), "eu-west-9");
        assert_eq!(v.to_string(), "eu-west-9");
        assert_eq!(v, UnknownValue::new(String::from("eu-west-9")));
        assert!(UnknownValue::new("a") < UnknownValue::new("b"));
    }
}
