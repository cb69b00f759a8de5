//! Serde adapters for values whose wire form is not their Rust type's own, at
//! any depth of lists and maps: floats (`NaN` and the infinities as strings, see
//! [`crate::serde_float`]), timestamps written as `date-time` or `http-date`
//! strings (see [`crate::timestamp`]), and dense maps, which drop an entry whose
//! value is `null` (Smithy: clients tolerate it and drop the pair).
//!
//! A generated structure whose member is a `Vec<f64>` writes it through
//! `Ser::<_, Items<FloatAs>>::new(&value)` and reads it as
//! `De<Vec<f64>, Items<FloatAs>>`; serde's own impls (which write `NaN` as
//! `null` and read timestamps as epoch seconds) never see those values.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::ser::{SerializeMap as _, SerializeSeq as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::DateTime;
use crate::serde_float::Float;
use crate::timestamp::{DateTimeString, HttpDate};

/// How values of `T` are written and read.
pub trait Adapter<T> {
    /// Writes `value`.
    ///
    /// # Errors
    /// The serializer's.
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads a value.
    ///
    /// # Errors
    /// The deserializer's, or a value this wire form does not allow.
    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// A value written and read by its own `Serialize` and `Deserialize`.
#[derive(Debug)]
pub enum Plain {}

impl<T: Serialize + DeserializeOwned> Adapter<T> for Plain {
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// `f32`/`f64`: a number when finite, else `"NaN"`, `"Infinity"` or `"-Infinity"`.
#[derive(Debug)]
pub enum FloatAs {}

impl<T: Float> Adapter<T> for FloatAs {
    fn serialize<S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        crate::serde_float::serialize(value, serializer)
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        crate::serde_float::deserialize(deserializer)
    }
}

/// A timestamp as an RFC 3339 `date-time` string.
#[derive(Debug)]
pub enum DateTimeAs {}

impl Adapter<DateTime> for DateTimeAs {
    fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        DateTimeString(*value).serialize(serializer)
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        DateTimeString::deserialize(deserializer).map(|t| t.0)
    }
}

/// A timestamp as an IMF-fixdate `http-date` string.
#[derive(Debug)]
pub enum HttpDateAs {}

impl Adapter<DateTime> for HttpDateAs {
    fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        HttpDate(*value).serialize(serializer)
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        HttpDate::deserialize(deserializer).map(|t| t.0)
    }
}

/// A list whose items go through `A`.
#[derive(Debug)]
pub struct Items<A>(PhantomData<A>);

impl<T, A: Adapter<T>> Adapter<Vec<T>> for Items<A> {
    fn serialize<S: Serializer>(value: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(value.len()))?;
        for item in value {
            seq.serialize_element(&Ser::<T, A>::new(item))?;
        }
        seq.end()
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        let items = Vec::<De<T, A>>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|item| item.0).collect())
    }
}

/// A sparse item or value (`null` is `None`) that goes through `A` when set.
#[derive(Debug)]
pub struct Sparse<A>(PhantomData<A>);

impl<T, A: Adapter<T>> Adapter<Option<T>> for Sparse<A> {
    fn serialize<S: Serializer>(value: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&Ser::<T, A>::new(value)),
            None => serializer.serialize_none(),
        }
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        Ok(Option::<De<T, A>>::deserialize(deserializer)?.map(|value| value.0))
    }
}

/// A dense map whose values go through `A` (keys as they are); an entry whose
/// value is `null` is dropped when read.
#[derive(Debug)]
pub struct Values<A>(PhantomData<A>);

impl<K, T, A> Adapter<BTreeMap<K, T>> for Values<A>
where
    K: Serialize + for<'de> Deserialize<'de> + Ord,
    A: Adapter<T>,
{
    fn serialize<S: Serializer>(value: &BTreeMap<K, T>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(value.len()))?;
        for (key, value) in value {
            map.serialize_entry(key, &Ser::<T, A>::new(value))?;
        }
        map.end()
    }

    fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<K, T>, D::Error> {
        let map = BTreeMap::<K, Option<De<T, A>>>::deserialize(deserializer)?;
        Ok(map
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?.0)))
            .collect())
    }
}

/// A sparse map (`null` values read as `None`) whose set values go through `A`.
#[derive(Debug)]
pub struct SparseValues<A>(PhantomData<A>);

impl<K, T, A> Adapter<BTreeMap<K, Option<T>>> for SparseValues<A>
where
    K: Serialize + for<'de> Deserialize<'de> + Ord,
    A: Adapter<T>,
{
    fn serialize<S: Serializer>(
        value: &BTreeMap<K, Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        Values::<Sparse<A>>::serialize(value, serializer)
    }

    fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<K, Option<T>>, D::Error> {
        let map = BTreeMap::<K, De<Option<T>, Sparse<A>>>::deserialize(deserializer)?;
        Ok(map.into_iter().map(|(key, value)| (key, value.0)).collect())
    }
}

/// Serializes a borrowed `T` through `A`.
#[derive(Debug)]
pub struct Ser<'a, T, A>(&'a T, PhantomData<A>);

impl<'a, T, A> Ser<'a, T, A> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        Ser(value, PhantomData)
    }
}

impl<T, A: Adapter<T>> Serialize for Ser<'_, T, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize(self.0, serializer)
    }
}

/// Deserializes a `T` through `A`; the value is `.0`.
#[derive(Debug)]
pub struct De<T, A>(pub T, PhantomData<A>);

impl<'de, T, A: Adapter<T>> Deserialize<'de> for De<T, A> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        A::deserialize(deserializer).map(|value| De(value, PhantomData))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn write<T, A: Adapter<T>>(value: &T) -> String {
        serde_json::to_string(&Ser::<T, A>::new(value)).unwrap()
    }

    fn read<T, A: Adapter<T>>(json: &str) -> T {
        serde_json::from_str::<De<T, A>>(json).unwrap().0
    }

    #[test]
    fn floats_in_lists_and_maps_keep_nan_and_the_infinities() {
        let list = vec![1.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
        let json = write::<_, Items<FloatAs>>(&list);
        assert_eq!(json, r#"[1.5,"NaN","Infinity","-Infinity"]"#);
        let back: Vec<f64> = read::<_, Items<FloatAs>>(&json);
        assert_eq!(back[0], 1.5);
        assert!(back[1].is_nan());
        assert_eq!(back[2..], [f64::INFINITY, f64::NEG_INFINITY]);

        let map = BTreeMap::from([("a".to_owned(), f32::NAN), ("b".to_owned(), 0.25)]);
        let json = write::<_, Values<FloatAs>>(&map);
        assert_eq!(json, r#"{"a":"NaN","b":0.25}"#);
        let back: BTreeMap<String, f32> = read::<_, Values<FloatAs>>(&json);
        assert!(back["a"].is_nan());
        assert_eq!(back["b"], 0.25);
    }

    #[test]
    fn nested_and_sparse_collections_and_timestamps() {
        let value = vec![BTreeMap::from([("k".to_owned(), vec![Some(2.0), None])])];
        let json = write::<_, Items<Values<Items<Sparse<FloatAs>>>>>(&value);
        assert_eq!(json, r#"[{"k":[2.0,null]}]"#);
        assert_eq!(
            read::<_, Items<Values<Items<Sparse<FloatAs>>>>>(&json),
            value
        );

        let times = vec![DateTime::from_secs(1_479_816_991)];
        let json = write::<_, Items<DateTimeAs>>(&times);
        assert_eq!(json, r#"["2016-11-22T12:16:31Z"]"#);
        assert_eq!(read::<_, Items<DateTimeAs>>(&json), times);
        let json = write::<_, Items<HttpDateAs>>(&times);
        assert_eq!(json, r#"["Tue, 22 Nov 2016 12:16:31 GMT"]"#);
        assert_eq!(read::<_, Items<HttpDateAs>>(&json), times);
    }

    #[test]
    fn dense_maps_drop_null_values_and_sparse_maps_keep_them() {
        let dense: BTreeMap<String, Vec<String>> =
            read::<_, Values<Plain>>(r#"{"x":[],"y":["a"],"z":null}"#);
        assert_eq!(
            dense,
            BTreeMap::from([
                ("x".to_owned(), vec![]),
                ("y".to_owned(), vec!["a".to_owned()])
            ])
        );
        let sparse: BTreeMap<String, Option<f64>> =
            read::<_, SparseValues<FloatAs>>(r#"{"a":"NaN","b":null}"#);
        assert!(sparse["a"].is_some_and(f64::is_nan));
        assert_eq!(sparse["b"], None);
        assert_eq!(
            write::<_, SparseValues<FloatAs>>(&sparse),
            r#"{"a":"NaN","b":null}"#
        );
    }

    #[test]
    fn a_bad_item_is_an_error() {
        assert!(serde_json::from_str::<De<Vec<f64>, Items<FloatAs>>>(r#"["nan"]"#).is_err());
        assert!(serde_json::from_str::<De<Vec<DateTime>, Items<DateTimeAs>>>("[1]").is_err());
    }
}
