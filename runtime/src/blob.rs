//! `blob` members: bytes in memory, base64 on the awsJson wire.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// Binary data of a `blob` member. Serializes as a base64 string (awsJson).
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, by value.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// Decodes base64 text (the wire form, and the form of model defaults).
    ///
    /// # Errors
    /// The text is not valid base64.
    pub fn from_base64(text: &str) -> Result<Self, base64::DecodeError> {
        STANDARD.decode(text.as_bytes()).map(Blob)
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob(bytes.to_vec())
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Blob(text.as_bytes().to_vec())
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

// Blobs can be large or secret-ish: show the size and a short prefix only.
impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl serde::Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(&self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        STANDARD
            .decode(text.as_bytes())
            .map(Blob)
            .map_err(|e| serde::de::Error::custom(format!("invalid base64 blob: {e}")))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Blob;

    #[test]
    fn base64_round_trip_and_errors() {
        let blob = Blob::from("hello");
        assert_eq!(serde_json::to_string(&blob).unwrap(), r#""aGVsbG8=""#);
        assert_eq!(serde_json::from_str::<Blob>(r#""aGVsbG8=""#).unwrap(), blob);
        assert!(serde_json::from_str::<Blob>(r#""not base64!""#).is_err());
        assert!(serde_json::from_str::<Blob>("1").is_err());
        assert_eq!(format!("{blob:?}"), "Blob(5 bytes)");
    }
}
