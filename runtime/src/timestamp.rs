//! Timestamp wire formats other than the awsJson default (epoch seconds, which
//! [`DateTime`]'s own serde implementation writes), for members with the
//! `smithy.api#timestampFormat` trait:
//!
//! ```text
//! #[serde(with = "::awsgen_runtime::timestamp::date_time")]        // DateTime
//! #[serde(with = "::awsgen_runtime::timestamp::http_date::option")] // Option<DateTime>
//! ```

use crate::DateTime;

macro_rules! format_module {
    ($name:ident, $doc:literal, $format:path, $parse:path) => {
        #[doc = $doc]
        pub mod $name {
            use crate::DateTime;

            /// Serializes a timestamp in this format.
            pub fn serialize<S: serde::Serializer>(
                value: &DateTime,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&$format(value).map_err(serde::ser::Error::custom)?)
            }

            /// Deserializes a timestamp in this format.
            pub fn deserialize<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<DateTime, D::Error> {
                let text =
                    <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                $parse(&text).map_err(serde::de::Error::custom)
            }

            /// The same for `Option<DateTime>` (with `default` and `skip_serializing_if`).
            pub mod option {
                use crate::DateTime;

                /// Serializes an optional timestamp (absent ones are skipped by the caller).
                pub fn serialize<S: serde::Serializer>(
                    value: &Option<DateTime>,
                    serializer: S,
                ) -> Result<S::Ok, S::Error> {
                    match value {
                        Some(value) => super::serialize(value, serializer),
                        None => serializer.serialize_none(),
                    }
                }

                /// Deserializes an optional timestamp; `null` is `None`.
                pub fn deserialize<'de, D: serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> Result<Option<DateTime>, D::Error> {
                    let text =
                        <Option<std::borrow::Cow<'de, str>> as serde::Deserialize>::deserialize(
                            deserializer,
                        )?;
                    text.map(|text| $parse(&text).map_err(serde::de::Error::custom))
                        .transpose()
                }
            }
        }
    };
}

format_module!(
    date_time,
    "RFC 3339 `date-time` strings (`2014-04-29T18:30:38.123Z`).",
    crate::timestamp::format_date_time,
    crate::DateTime::parse_rfc3339
);
format_module!(
    http_date,
    "IMF-fixdate `http-date` strings (`Tue, 29 Apr 2014 18:30:38 GMT`).",
    crate::timestamp::format_http_date,
    crate::timestamp::parse_http_date
);

/// A timestamp (de)serialized as an RFC 3339 `date-time` string; generated
/// implementations wrap members with `@timestampFormat("date-time")` in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTimeString(pub DateTime);

impl serde::Serialize for DateTimeString {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        date_time::serialize(&self.0, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for DateTimeString {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        date_time::deserialize(deserializer).map(DateTimeString)
    }
}

/// A timestamp (de)serialized as an IMF-fixdate `http-date` string; generated
/// implementations wrap members with `@timestampFormat("http-date")` in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpDate(pub DateTime);

impl serde::Serialize for HttpDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        http_date::serialize(&self.0, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for HttpDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        http_date::deserialize(deserializer).map(HttpDate)
    }
}

pub(crate) fn format_date_time(value: &DateTime) -> Result<String, crate::DateTimeError> {
    Ok(value.to_string())
}

/// Formats as an IMF-fixdate; sub-second precision is dropped, as the format has none.
pub(crate) fn format_http_date(value: &DateTime) -> Result<String, crate::DateTimeError> {
    let time = std::time::SystemTime::try_from(DateTime::from_secs(value.secs()))?;
    Ok(httpdate::fmt_http_date(time))
}

pub(crate) fn parse_http_date(text: &str) -> Result<DateTime, String> {
    let time =
        httpdate::parse_http_date(text).map_err(|e| format!("invalid http-date `{text}`: {e}"))?;
    DateTime::try_from(time).map_err(|e| e.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::DateTime;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct T {
        #[serde(with = "super::date_time")]
        a: DateTime,
        #[serde(
            with = "super::http_date::option",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        b: Option<DateTime>,
    }

    #[test]
    fn formats_round_trip() {
        let t = T {
            a: DateTime::from_millis(1_398_796_238_123),
            b: Some(DateTime::from_secs(1_398_796_238)),
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"a":"2014-04-29T18:30:38.123Z","b":"Tue, 29 Apr 2014 18:30:38 GMT"}"#
        );
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), t);
        let t2: T = serde_json::from_str(r#"{"a":"2014-04-29T18:30:38Z"}"#).unwrap();
        assert_eq!(t2.b, None);
        assert!(serde_json::from_str::<T>(r#"{"a":"yesterday"}"#).is_err());
        assert!(
            serde_json::from_str::<T>(r#"{"a":"2014-04-29T18:30:38Z","b":"Tue, 99 Apr"}"#).is_err()
        );
    }
}
