//! serde helpers for `float`/`double` members on the awsJson wire.
//!
//! Finite values travel as JSON numbers; NaN and the infinities travel as the JSON
//! strings `"NaN"`, `"Infinity"` and `"-Infinity"` (serde_json alone would write
//! them as `null`). Use on `f32`/`f64` fields with
//! `#[serde(with = "::awsgen_runtime::serde_float")]` and on optional ones with
//! `#[serde(with = "::awsgen_runtime::serde_float::option", default,
//! skip_serializing_if = "::std::option::Option::is_none")]`.
//!
//! Deserialization accepts any JSON number (integers too) and the three strings;
//! anything else is an error. This crate turns on serde_json's `float_roundtrip`
//! feature, so every finite value written reads back bit for bit.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// The floating point types these helpers handle: `f32` and `f64`.
pub trait Float: sealed::Sealed + Copy {
    /// Converts from `f64`, rounding to the nearest value of `Self`.
    fn from_f64(value: f64) -> Self;
    /// Converts to `f64` (exact for both implementations).
    fn to_f64(self) -> f64;
    /// Serializes a finite value as a number of this width, so that `f32` values
    /// print in their shortest `f32` form (`1.1`, not `1.100000023841858`).
    fn serialize_number<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error>;
}

impl Float for f32 {
    fn from_f64(value: f64) -> Self {
        value as f32
    }

    fn to_f64(self) -> f64 {
        f64::from(self)
    }

    fn serialize_number<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f32(self)
    }
}

impl Float for f64 {
    fn from_f64(value: f64) -> Self {
        value
    }

    fn to_f64(self) -> f64 {
        self
    }

    fn serialize_number<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self)
    }
}

/// Serializes a float: a number when finite, else `"NaN"`, `"Infinity"` or `"-Infinity"`.
pub fn serialize<T: Float, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let v = value.to_f64();
    if v.is_nan() {
        serializer.serialize_str("NaN")
    } else if v == f64::INFINITY {
        serializer.serialize_str("Infinity")
    } else if v == f64::NEG_INFINITY {
        serializer.serialize_str("-Infinity")
    } else {
        value.serialize_number(serializer)
    }
}

/// Deserializes a float from a number or one of `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub fn deserialize<'de, T: Float, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(FloatVisitor(PhantomData))
}

struct FloatVisitor<T>(PhantomData<T>);

impl<T: Float> Visitor<'_> for FloatVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or one of \"NaN\", \"Infinity\", \"-Infinity\"")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Ok(T::from_f64(v))
    }

    fn visit_f32<E: de::Error>(self, v: f32) -> Result<T, E> {
        Ok(T::from_f64(f64::from(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Ok(T::from_f64(v as f64))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Ok(T::from_f64(v as f64))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        match v {
            "NaN" => Ok(T::from_f64(f64::NAN)),
            "Infinity" => Ok(T::from_f64(f64::INFINITY)),
            "-Infinity" => Ok(T::from_f64(f64::NEG_INFINITY)),
            other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
        }
    }
}

/// A float that (de)serializes with the rules of this module; generated
/// `Serialize`/`Deserialize` implementations wrap `float`/`double` members in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wire<T>(pub T);

impl<T: Float> Serialize for Wire<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(&self.0, serializer)
    }
}

impl<'de, T: Float> Deserialize<'de> for Wire<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize(deserializer).map(Wire)
    }
}

/// The same rules for `Option<f32>` / `Option<f64>`; JSON `null` reads as `None`.
pub mod option {
    use super::*;

    /// Serializes `Some` like [`super::serialize`] and `None` as a unit (`null`).
    pub fn serialize<T: Float, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.serialize_some(&Wire(*v)),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes `null` as `None`, else like [`super::deserialize`].
    pub fn deserialize<'de, T: Float, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        Option::<Wire<T>>::deserialize(deserializer).map(|o| o.map(|w| w.0))
    }
}
