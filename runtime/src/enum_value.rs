//! The payload of the catch-all variant of generated enums.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_value() {
        let v = UnknownValue::new("eu-west-9");
        assert_eq!(v.as_str(), "eu-west-9");
        assert_eq!(v.to_string(), "eu-west-9");
        assert_eq!(v, UnknownValue::new(String::from("eu-west-9")));
        assert!(UnknownValue::new("a") < UnknownValue::new("b"));
    }
}
