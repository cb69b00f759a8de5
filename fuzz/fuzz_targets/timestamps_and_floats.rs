//! The timestamp parsers (RFC 3339, HTTP date, epoch seconds) and the float
//! reader (numbers, "NaN", "Infinity", "-Infinity"): arbitrary text ends in a
//! value or an error, and every value read writes back to text that reads
//! back as the same value.

#![no_main]

use awsgen_runtime::serde::{Deserialize, Serialize};
use awsgen_runtime::timestamp::{date_time, http_date};
use awsgen_runtime::{DateTime, serde_float};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// `whole_seconds`: the format writes no fraction (HTTP date), so a value read
/// with one comes back truncated to its second.
fn round_trip(
    text: &str,
    read: fn(Value) -> Result<DateTime, serde_json::Error>,
    write: fn(&DateTime) -> Result<Value, serde_json::Error>,
    whole_seconds: bool,
) {
    let Ok(value) = read(Value::String(text.to_owned())) else {
        return;
    };
    let written = write(&value)
        .unwrap_or_else(|e| panic!("{value:?} read from {text:?} does not write: {e}"));
    let again =
        read(written.clone()).unwrap_or_else(|e| panic!("{written} does not read back: {e}"));
    let expected = if whole_seconds {
        DateTime::from_secs(value.secs())
    } else {
        value
    };
    assert_eq!(again, expected, "{text:?} -> {written}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = DateTime::parse_rfc3339(text) {
        assert_eq!(
            DateTime::parse_rfc3339(&value.to_string()),
            Ok(value),
            "{text:?}"
        );
    }
    round_trip(
        text,
        date_time::deserialize,
        |d| date_time::serialize(d, serde_json::value::Serializer),
        false,
    );
    round_trip(
        text,
        http_date::deserialize,
        |d| http_date::serialize(d, serde_json::value::Serializer),
        true,
    );

    // Epoch seconds and floats are JSON numbers (or the three strings).
    let Ok(number) = serde_json::from_str::<Value>(text) else {
        return;
    };
    if let Ok(value) = DateTime::deserialize(number.clone()) {
        let written = value
            .serialize(serde_json::value::Serializer)
            .unwrap_or_else(|e| panic!("{value:?} does not write: {e}"));
        let again = DateTime::deserialize(written.clone())
            .unwrap_or_else(|e| panic!("{written} does not read back: {e}"));
        assert_eq!(again, value, "{text:?} -> {written}");
    }
    if let Ok(value) = serde_float::deserialize::<f64, _>(number) {
        let written = serde_float::serialize(&value, serde_json::value::Serializer)
            .unwrap_or_else(|e| panic!("{value} does not write: {e}"));
        let again: f64 = serde_float::deserialize(written.clone())
            .unwrap_or_else(|e| panic!("{written} does not read back: {e}"));
        assert!(
            again.to_bits() == value.to_bits() || (again.is_nan() && value.is_nan()),
            "{text:?} -> {written}"
        );
    }
});
