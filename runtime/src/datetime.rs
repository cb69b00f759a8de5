//! A UTC instant with nanosecond resolution, as used for Smithy `timestamp` shapes.
//!
//! The awsJson protocols send timestamps as epoch seconds in a JSON number with
//! fractional milliseconds (`1479816991.349`). [`DateTime`] converts such numbers
//! without the usual binary floating point drift: `1479816991.349` becomes exactly
//! 1479816991 s + 349 000 000 ns, and it is written back as `1479816991.349`.
//!
//! The civil-calendar arithmetic (days since the epoch to year/month/day and back) is
//! the classic proleptic Gregorian algorithm in a few lines of integer math. It is
//! written here rather than taken from a date-time crate because the type only needs
//! that conversion plus an RFC 3339 profile with its own precision rules, it must cover
//! the full `i64` range of seconds without panicking, and it keeps the run-time
//! dependency tree small.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const NANOS_PER_SEC: u32 = 1_000_000_000;
const SECS_PER_DAY: i64 = 86_400;

/// Why a [`DateTime`] could not be built, parsed or converted.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DateTimeError {
    /// The number of epoch seconds is NaN or infinite.
    NotFinite(f64),
    /// The instant lies outside the range the target type can represent.
    OutOfRange,
    /// The text is not an RFC 3339 date-time this type accepts.
    Parse {
        /// The rejected text.
        input: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateTimeError::NotFinite(v) => {
                write!(f, "timestamp {v} is not a finite number of seconds")
            }
            DateTimeError::OutOfRange => f.write_str("timestamp is out of the representable range"),
            DateTimeError::Parse { input, reason } => {
                write!(f, "invalid RFC 3339 date-time {input:?}: {reason}")
            }
        }
    }
}

impl std::error::Error for DateTimeError {}

/// A UTC instant: whole seconds since 1970-01-01T00:00:00Z plus a nanosecond part.
///
/// The nanosecond part is always below one second and counts forward in time, so
/// `-0.5` seconds is stored as `secs() == -1`, `subsec_nanos() == 500_000_000`.
/// Ordering is chronological.
///
/// Serialization (serde) writes epoch seconds as a number: an integer when there is
/// no fractional part, else the shortest decimal that reads back as the same `f64`
/// (`1479816991.349`). Deserialization accepts an integer or a floating point number
/// of epoch seconds. `Display` and [`DateTime::parse_rfc3339`] use RFC 3339 in UTC.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    seconds: i64,
    nanos: u32,
}

impl DateTime {
    /// 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: DateTime = DateTime {
        seconds: 0,
        nanos: 0,
    };
    /// The earliest representable instant.
    pub const MIN: DateTime = DateTime {
        seconds: i64::MIN,
        nanos: 0,
    };
    /// The latest representable instant.
    pub const MAX: DateTime = DateTime {
        seconds: i64::MAX,
        nanos: NANOS_PER_SEC - 1,
    };

    /// The instant `secs` whole seconds after (or before, if negative) the epoch.
    pub const fn from_secs(secs: i64) -> Self {
        DateTime {
            seconds: secs,
            nanos: 0,
        }
    }

    /// The instant `secs` seconds plus `nanos` nanoseconds after the epoch.
    ///
    /// `nanos` of one second or more is normalised: the whole seconds in it are
    /// carried into `secs`. Should that carry overflow `i64`, the result saturates
    /// at [`DateTime::MAX`].
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        let carry = (nanos / NANOS_PER_SEC) as i64;
        match secs.checked_add(carry) {
            Some(seconds) => DateTime {
                seconds,
                nanos: nanos % NANOS_PER_SEC,
            },
            None => DateTime::MAX,
        }
    }

    /// The instant `millis` milliseconds after (or before, if negative) the epoch.
    pub const fn from_millis(millis: i64) -> Self {
        DateTime {
            seconds: millis.div_euclid(1000),
            // rem_euclid is in 0..1000, so the cast is lossless.
            nanos: millis.rem_euclid(1000) as u32 * 1_000_000,
        }
    }

    /// Builds the instant from a floating point number of epoch seconds.
    ///
    /// The number is read as the shortest decimal that converts back to the same
    /// `f64` (the text a JSON encoder writes for it), rounded to the nearest
    /// nanosecond. So `1479816991.349` yields exactly 349 ms, not the 348.999 ms
    /// of the binary value's exact expansion; any decimal the `f64` can tell apart
    /// from its neighbours comes back digit for digit. Present-day timestamps keep
    /// about seven fractional digits this way; finer detail is not kept.
    ///
    /// # Errors
    /// [`DateTimeError::NotFinite`] for NaN and infinities,
    /// [`DateTimeError::OutOfRange`] when the seconds do not fit in an `i64`.
    pub fn from_fractional_secs(value: f64) -> Result<Self, DateTimeError> {
        if !value.is_finite() {
            return Err(DateTimeError::NotFinite(value));
        }
        // -2^63 and 2^63 are both exactly representable as f64; anything outside
        // cannot have whole seconds that fit in an i64.
        const LOW: f64 = -9_223_372_036_854_775_808.0;
        const HIGH: f64 = 9_223_372_036_854_775_808.0;
        if !(LOW..HIGH).contains(&value.floor()) {
            return Err(DateTimeError::OutOfRange);
        }
        // From 2^53 on every f64 is a whole number, and its shortest decimal may
        // end in zeros that differ from the exact value: take it exactly instead.
        if value.abs() >= 9_007_199_254_740_992.0 {
            // In range (checked above) and whole, so the conversion is exact.
            return Ok(DateTime::from_secs(value as i64));
        }
        // `Display` for f64 writes the shortest round-trip decimal, never in
        // exponent notation.
        let text = value.to_string();
        from_decimal(&text).ok_or(DateTimeError::OutOfRange)
    }

    /// Whole seconds since the epoch (rounded towards the past).
    pub const fn secs(self) -> i64 {
        self.seconds
    }

    /// The nanoseconds past [`DateTime::secs`], always below 1 000 000 000.
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Milliseconds since the epoch, rounded towards the past (floor).
    ///
    /// Saturates at `i64::MIN`/`i64::MAX` for instants beyond about ±292 million years.
    pub fn to_millis(self) -> i64 {
        let millis = i128::from(self.seconds) * 1000 + i128::from(self.nanos / 1_000_000);
        i64::try_from(millis).unwrap_or(if millis < 0 { i64::MIN } else { i64::MAX })
    }

    /// Epoch seconds as the `f64` nearest to the exact decimal value.
    ///
    /// `1479816991 s + 349 ms` gives the same `f64` as the literal `1479816991.349`,
    /// so printing it with a shortest round-trip formatter shows `1479816991.349`.
    pub fn to_fractional_secs(self) -> f64 {
        if self.nanos == 0 {
            return self.seconds as f64;
        }
        let decimal = self.epoch_seconds_decimal();
        decimal
            .parse::<f64>()
            .unwrap_or(self.seconds as f64 + f64::from(self.nanos) / 1e9)
    }

    /// The exact epoch seconds as a decimal string without trailing zeros.
    fn epoch_seconds_decimal(self) -> String {
        if self.nanos == 0 {
            return self.seconds.to_string();
        }
        let (sign, whole, frac) = if self.seconds < 0 {
            // secs + nanos = -((-secs - 1) + (1e9 - nanos) / 1e9)
            let whole = (self.seconds + 1).unsigned_abs();
            ("-", whole, NANOS_PER_SEC - self.nanos)
        } else {
            ("", self.seconds.unsigned_abs(), self.nanos)
        };
        let digits = format!("{frac:09}");
        format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
    }

    /// Parses an RFC 3339 date-time such as `2016-11-22T12:16:31.349Z` or
    /// `2016-11-22T13:16:31+01:00`.
    ///
    /// Accepted: a four-digit year, `T`, `t` or a space between date and time, an
    /// optional fraction of any length (digits past nanoseconds are truncated), and
    /// `Z`, `z` or a `±HH:MM` offset. Leap seconds (`:60`) are rejected.
    ///
    /// # Errors
    /// [`DateTimeError::Parse`] naming the first problem found.
    pub fn parse_rfc3339(input: &str) -> Result<Self, DateTimeError> {
        parse_rfc3339(input.as_bytes()).map_err(|reason| DateTimeError::Parse {
            input: input.to_owned(),
            reason,
        })
    }
}

/// Reads a plain decimal (`-?digits(.digits)?`) of epoch seconds, rounding to the
/// nearest nanosecond (halves away from zero). `None` if malformed or out of range.
fn from_decimal(text: &str) -> Option<DateTime> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Magnitudes up to 2^63 are all that can fit; longer digit strings cannot.
    let mut whole: u64 = whole.parse().ok()?;
    let digits = fraction.as_bytes();
    let mut nanos = 0u32;
    for i in 0..9 {
        let d = digits.get(i).map_or(0, |b| u32::from(b - b'0'));
        nanos = nanos * 10 + d;
    }
    if digits.get(9).is_some_and(|b| *b >= b'5') {
        nanos += 1;
        if nanos == NANOS_PER_SEC {
            nanos = 0;
            whole = whole.checked_add(1)?;
        }
    }
    if !negative {
        return Some(DateTime {
            seconds: i64::try_from(whole).ok()?,
            nanos,
        });
    }
    // -(whole + nanos) = (-whole - 1) + (1e9 - nanos)
    let seconds = 0i64.checked_sub_unsigned(whole)?;
    if nanos == 0 {
        Some(DateTime::from_secs(seconds))
    } else {
        Some(DateTime {
            seconds: seconds.checked_sub(1)?,
            nanos: NANOS_PER_SEC - nanos,
        })
    }
}

fn parse_rfc3339(s: &[u8]) -> Result<DateTime, &'static str> {
    let mut cur = Cursor { s, pos: 0 };
    let year = cur.digits(4, "expected a four-digit year")?;
    cur.expect(b'-', "expected '-' after the year")?;
    let month = cur.digits(2, "expected a two-digit month")?;
    cur.expect(b'-', "expected '-' after the month")?;
    let day = cur.digits(2, "expected a two-digit day")?;
    match cur.next() {
        Some(b'T' | b't' | b' ') => {}
        _ => return Err("expected 'T' between date and time"),
    }
    let hour = cur.digits(2, "expected a two-digit hour")?;
    cur.expect(b':', "expected ':' after the hour")?;
    let minute = cur.digits(2, "expected two-digit minutes")?;
    cur.expect(b':', "expected ':' after the minutes")?;
    let second = cur.digits(2, "expected two-digit seconds")?;
    let mut nanos = 0u32;
    if cur.peek() == Some(b'.') {
        cur.pos += 1;
        let mut count = 0usize;
        while let Some(c @ b'0'..=b'9') = cur.peek() {
            if count < 9 {
                nanos = nanos * 10 + u32::from(c - b'0');
            }
            count += 1;
            cur.pos += 1;
        }
        if count == 0 {
            return Err("expected digits after '.'");
        }
        for _ in count..9 {
            nanos *= 10;
        }
    }
    let offset_secs: i64 = match cur.next() {
        Some(b'Z' | b'z') => 0,
        Some(sign @ (b'+' | b'-')) => {
            let oh = cur.digits(2, "expected a two-digit offset hour")?;
            cur.expect(b':', "expected ':' in the offset")?;
            let om = cur.digits(2, "expected two-digit offset minutes")?;
            if oh > 23 || om > 59 {
                return Err("offset out of range");
            }
            let offset = oh * 3600 + om * 60;
            if sign == b'-' { -offset } else { offset }
        }
        _ => return Err("expected 'Z' or a numeric offset"),
    };
    if cur.pos != s.len() {
        return Err("unexpected characters after the offset");
    }
    if !(1..=12).contains(&month) {
        return Err("month out of range");
    }
    // month is 1..=12 here.
    let month = month as u32;
    if day < 1 || day > i64::from(days_in_month(year, month)) {
        return Err("day out of range for the month");
    }
    if hour > 23 {
        return Err("hour out of range");
    }
    if minute > 59 {
        return Err("minute out of range");
    }
    if second == 60 {
        return Err("leap seconds are not supported");
    }
    if second > 59 {
        return Err("second out of range");
    }
    // day is 1..=31 here.
    let days = days_from_civil(year, month, day as u32);
    // Four-digit years keep all of this far from i64 limits.
    let secs = days * SECS_PER_DAY + hour * 3600 + minute * 60 + second - offset_secs;
    Ok(DateTime {
        seconds: secs,
        nanos,
    })
}

struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn expect(&mut self, want: u8, reason: &'static str) -> Result<(), &'static str> {
        if self.next() == Some(want) {
            Ok(())
        } else {
            Err(reason)
        }
    }

    /// Exactly `n` (at most 4) ASCII digits as a number.
    fn digits(&mut self, n: usize, reason: &'static str) -> Result<i64, &'static str> {
        let mut value = 0i64;
        for _ in 0..n {
            match self.next() {
                Some(c @ b'0'..=b'9') => value = value * 10 + i64::from(c - b'0'),
                _ => return Err(reason),
            }
        }
        Ok(value)
    }
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (`month` 1..=12, `day` 1..=31).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // [0, 399]
    let mp = i64::from((month + 9) % 12); // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01.
///
/// Valid for every day count derived from an `i64` of seconds.
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl fmt::Display for DateTime {
    /// RFC 3339 in UTC: `2016-11-22T12:16:31Z`, `2016-11-22T12:16:31.349Z`.
    ///
    /// The fraction is left out when zero, has three digits when the nanoseconds are
    /// whole milliseconds, six when whole microseconds, else nine. Years outside
    /// 0000–9999 are written with a sign and as many digits as needed (ISO 8601
    /// expanded form), which [`DateTime::parse_rfc3339`] does not read back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.seconds.div_euclid(SECS_PER_DAY);
        let sod = self.seconds.rem_euclid(SECS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        if (0..=9999).contains(&year) {
            write!(f, "{year:04}")?;
        } else if year > 9999 {
            write!(f, "+{year}")?;
        } else {
            write!(f, "-{:04}", year.unsigned_abs())?;
        }
        write!(
            f,
            "-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            sod / 3600,
            sod / 60 % 60,
            sod % 60
        )?;
        let n = self.nanos;
        if n == 0 {
        } else if n.is_multiple_of(1_000_000) {
            write!(f, ".{:03}", n / 1_000_000)?;
        } else if n.is_multiple_of(1000) {
            write!(f, ".{:06}", n / 1000)?;
        } else {
            write!(f, ".{n:09}")?;
        }
        f.write_str("Z")
    }
}

impl FromStr for DateTime {
    type Err = DateTimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateTime::parse_rfc3339(s)
    }
}

impl TryFrom<SystemTime> for DateTime {
    type Error = DateTimeError;

    fn try_from(time: SystemTime) -> Result<Self, Self::Error> {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => {
                let secs = i64::try_from(after.as_secs()).map_err(|_| DateTimeError::OutOfRange)?;
                Ok(DateTime {
                    seconds: secs,
                    nanos: after.subsec_nanos(),
                })
            }
            Err(before) => {
                let before = before.duration();
                let secs = 0i64
                    .checked_sub_unsigned(before.as_secs())
                    .ok_or(DateTimeError::OutOfRange)?;
                match before.subsec_nanos() {
                    0 => Ok(DateTime::from_secs(secs)),
                    n => Ok(DateTime {
                        seconds: secs.checked_sub(1).ok_or(DateTimeError::OutOfRange)?,
                        nanos: NANOS_PER_SEC - n,
                    }),
                }
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = DateTimeError;

    fn try_from(time: DateTime) -> Result<Self, Self::Error> {
        let result = if time.seconds >= 0 {
            UNIX_EPOCH.checked_add(Duration::new(time.seconds.unsigned_abs(), time.nanos))
        } else {
            // secs + nanos = -(|secs| - nanos/1e9)
            Duration::new(time.seconds.unsigned_abs(), 0)
                .checked_sub(Duration::from_nanos(u64::from(time.nanos)))
                .and_then(|back| UNIX_EPOCH.checked_sub(back))
        };
        result.ok_or(DateTimeError::OutOfRange)
    }
}

/// The Unix epoch: the zero value used when a response omits a required timestamp.
impl Default for DateTime {
    fn default() -> Self {
        DateTime::from_secs(0)
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.nanos == 0 {
            serializer.serialize_i64(self.seconds)
        } else {
            serializer.serialize_f64(self.to_fractional_secs())
        }
    }
}

impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EpochSecondsVisitor)
    }
}

struct EpochSecondsVisitor;

impl serde::de::Visitor<'_> for EpochSecondsVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number of epoch seconds")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateTime, E> {
        Ok(DateTime::from_secs(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateTime, E> {
        i64::try_from(v)
            .map(DateTime::from_secs)
            .map_err(|_| E::custom(DateTimeError::OutOfRange))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<DateTime, E> {
        DateTime::from_fractional_secs(v).map_err(E::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_many_days() {
        // Every day over ±800 years around the epoch, plus far-away stretches.
        let ranges = [
            -292_000..292_000i64,
            -3_000_000_000..-2_999_000_000,
            3_000_000_000..3_001_000_000,
        ];
        for range in ranges {
            let mut prev: Option<(i64, u32, u32)> = None;
            for days in range {
                let (y, m, d) = civil_from_days(days);
                assert!((1..=12).contains(&m));
                assert!(d >= 1 && d <= days_in_month(y, m));
                assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
                if let Some((py, pm, pd)) = prev {
                    // Consecutive days advance the date by exactly one.
                    let next = if pd < days_in_month(py, pm) {
                        (py, pm, pd + 1)
                    } else if pm < 12 {
                        (py, pm + 1, 1)
                    } else {
                        (py + 1, 1, 1)
                    };
                    assert_eq!((y, m, d), next);
                }
                prev = Some((y, m, d));
            }
        }
    }

    #[test]
    fn civil_anchors() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2000, 2, 29), 11_016);
        assert_eq!(days_from_civil(0, 1, 1), -719_528);
        assert_eq!(days_from_civil(9999, 12, 31), 2_932_896);
        assert!(!is_leap_year(1900));
        assert!(is_leap_year(2000));
        assert!(is_leap_year(2024));
        assert!(!is_leap_year(2023));
    }

    #[test]
    fn civil_extremes_do_not_overflow() {
        for secs in [i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1] {
            let days = secs.div_euclid(SECS_PER_DAY);
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn reads_decimals() {
        let ok = [
            ("0", 0, 0),
            ("-0", 0, 0),
            ("12", 12, 0),
            ("12.5", 12, 500_000_000),
            ("-12.5", -13, 500_000_000),
            ("0.0000000005", 0, 1),
            ("0.0000000004999", 0, 0),
            ("-0.0000000005", -1, 999_999_999),
            ("0.9999999995", 1, 0),
            ("9223372036854775807.9999999994", i64::MAX, 999_999_999),
            ("-9223372036854775808", i64::MIN, 0),
        ];
        for (text, secs, nanos) in ok {
            let t = from_decimal(text).unwrap();
            assert_eq!((t.seconds, t.nanos), (secs, nanos), "{text}");
        }
        let bad = [
            "",
            "-",
            ".5",
            "1.",
            "1e5",
            "+1",
            "1.2.3",
            "1.-2",
            "9223372036854775808",
            "9223372036854775807.9999999995",
            "-9223372036854775808.1",
            "99999999999999999999999",
        ];
        for text in bad {
            if text == "1." {
                // An empty fraction is harmless and reads as zero.
                assert_eq!(from_decimal(text), Some(DateTime::from_secs(1)));
                continue;
            }
            assert_eq!(from_decimal(text), None, "{text}");
        }
    }

    #[test]
    fn decimal_string_of_negative_instants() {
        let t = DateTime::from_secs_and_nanos(-1, 500_000_000);
        assert_eq!(t.epoch_seconds_decimal(), "-0.5");
        let t = DateTime::from_secs_and_nanos(-2, 1_000_000);
        assert_eq!(t.epoch_seconds_decimal(), "-1.999");
        let t = DateTime::from_secs_and_nanos(i64::MIN, 1);
        assert_eq!(t.epoch_seconds_decimal(), "-9223372036854775807.999999999");
    }
}
