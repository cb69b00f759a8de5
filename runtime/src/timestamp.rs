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

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats as an IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`); sub-second
/// precision is dropped, as the format has none.
///
/// # Errors
/// The year is outside 0..=9999, which the format cannot write.
pub(crate) fn format_http_date(value: &DateTime) -> Result<String, crate::DateTimeError> {
    let secs = value.secs();
    let days = secs.div_euclid(86_400);
    let second_of_day = secs.rem_euclid(86_400);
    let (year, month, day) = crate::datetime::civil_from_days(days);
    if !(0..=9999).contains(&year) {
        return Err(crate::DateTimeError::OutOfRange);
    }
    let weekday = WEEKDAYS[usize::try_from((days + 4).rem_euclid(7)).unwrap_or(0)];
    let month = MONTHS[usize::try_from(month.saturating_sub(1)).unwrap_or(0)];
    Ok(format!(
        "{weekday}, {day:02} {month} {year:04} {:02}:{:02}:{:02} GMT",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60
    ))
}

/// Parses an IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`), also with a
/// fraction of a second (`18:30:38.123`), which some services send.
pub(crate) fn parse_http_date(text: &str) -> Result<DateTime, String> {
    let invalid = |why: &str| format!("invalid http-date `{text}`: {why}");
    let rest = text
        .get(..5)
        .filter(|head| head.ends_with(", ") && WEEKDAYS.contains(&&head[..3]))
        .map(|_| &text[5..])
        .ok_or_else(|| invalid("expected a day name and a comma (`Tue, `)"))?;
    let rest = rest
        .strip_suffix(" GMT")
        .ok_or_else(|| invalid("expected ` GMT` at the end"))?;
    let mut parts = rest.split(' ');
    let (Some(day), Some(month), Some(year), Some(time), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(invalid("expected `DD Mon YYYY HH:MM:SS`"));
    };
    let number = |digits: &str, count: usize, what: &str| -> Result<u32, String> {
        if digits.len() != count || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(&format!("the {what} is not {count} digits")));
        }
        digits.parse().map_err(|_| invalid(what))
    };
    let day = number(day, 2, "day")?;
    let month = MONTHS
        .iter()
        .position(|m| *m == month)
        .ok_or_else(|| invalid("unknown month"))?;
    let month = u32::try_from(month).map_err(|_| invalid("month"))? + 1;
    let year = number(year, 4, "year")?;
    let (clock, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut clock = clock.split(':');
    let (Some(hour), Some(minute), Some(second), None) =
        (clock.next(), clock.next(), clock.next(), clock.next())
    else {
        return Err(invalid("expected `HH:MM:SS`"));
    };
    let (hour, minute, second) = (
        number(hour, 2, "hour")?,
        number(minute, 2, "minute")?,
        number(second, 2, "second")?,
    );
    let days_in_month = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day == 0 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return Err(invalid("a field is out of range"));
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) || (time.contains('.') && fraction.is_empty())
    {
        return Err(invalid("the fraction of a second is not digits"));
    }
    let nanos = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    let days = crate::datetime::days_from_civil(i64::from(year), month, day);
    let secs =
        days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second.min(59));
    Ok(DateTime::from_secs_and_nanos(secs, nanos))
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

    #[test]
    fn http_dates_are_imf_fixdates() {
        use super::{format_http_date, parse_http_date};
        for (secs, text) in [
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
            (253_402_300_799, "Fri, 31 Dec 9999 23:59:59 GMT"),
        ] {
            let time = DateTime::from_secs(secs);
            assert_eq!(format_http_date(&time).unwrap(), text);
            assert_eq!(parse_http_date(text).unwrap(), time);
        }
        assert!(format_http_date(&DateTime::from_secs(253_402_300_800)).is_err());
        assert_eq!(
            parse_http_date("Tue, 29 Apr 2014 18:30:38.123 GMT").unwrap(),
            DateTime::from_millis(1_398_796_238_123)
        );
        for bad in [
            "",
            "Tue, 29 Apr 2014 18:30:38",
            "Tue 29 Apr 2014 18:30:38 GMT",
            "Tue, 29 Foo 2014 18:30:38 GMT",
            "Tue, 31 Apr 2014 18:30:38 GMT",
            "Tue, 29 Feb 2014 18:30:38 GMT",
            "Tue, 29 Apr 2014 24:30:38 GMT",
            "Tue, 9 Apr 2014 18:30:38 GMT",
            "Tue, 29 Apr 2014 18:30:38. GMT",
            "Tue, 29 Apr 2014 18:30:38.1x GMT",
            "Tue, 29 Apr 14 18:30:38 GMT",
            "Tuesday, 29-Apr-14 18:30:38 GMT",
            "Tue, 29 Apr 2014 18:30 GMT",
            "Tue, +9 Apr 2014 18:30:38 GMT",
        ] {
            assert!(parse_http_date(bad).is_err(), "{bad}");
        }
    }
}
