//! `DateTime`: exact epoch-seconds conversion, serde, RFC 3339 and `SystemTime`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use awsgen_runtime::{DateTime, DateTimeError};

/// A small deterministic generator (64-bit LCG, Knuth's constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 11
    }
}

/// Epoch seconds used across the tests: around the epoch, present day, far past and future.
const SECONDS: [i64; 12] = [
    0,
    1,
    -1,
    59,
    -86_400,
    1_479_816_991,
    -1_479_816_991,
    1_700_000_000,
    2_147_483_647,
    4_102_444_800,
    -2_208_988_800,
    -62_135_596_800,
];

/// `secs + millis/1000` as the decimal text a service would send.
fn ms_decimal(secs: i64, millis: u32) -> String {
    // The instant is secs + millis/1000 with secs the floor, so negative instants
    // print as -(|secs| - 1).(1000 - millis).
    if secs < 0 && millis > 0 {
        format!("-{}.{:03}", (secs + 1).unsigned_abs(), 1000 - millis)
    } else {
        format!("{secs}.{millis:03}")
    }
}

#[test]
fn every_millisecond_is_exact_through_f64() {
    for secs in SECONDS {
        for millis in 0..1000u32 {
            let text = ms_decimal(secs, millis);
            let value: f64 = text.parse().unwrap();
            let t = DateTime::from_fractional_secs(value).unwrap();
            assert_eq!(
                (t.secs(), t.subsec_nanos()),
                (secs, millis * 1_000_000),
                "{text}"
            );
            // Also through serde_json's own number parser.
            let t: DateTime = serde_json::from_str(&text).unwrap();
            assert_eq!(
                (t.secs(), t.subsec_nanos()),
                (secs, millis * 1_000_000),
                "{text}"
            );
            assert_eq!(t, DateTime::from_millis(secs * 1000 + i64::from(millis)));
        }
    }
}

#[test]
fn known_problem_value() {
    let t = DateTime::from_fractional_secs(1479816991.349).unwrap();
    assert_eq!(t.secs(), 1_479_816_991);
    assert_eq!(t.subsec_nanos(), 349_000_000);
    assert_eq!(t.to_millis(), 1_479_816_991_349);
    assert_eq!(
        serde_json::to_string(&t).unwrap(),
        "1479816991.349",
        "never 1479816991.3489999"
    );
}

#[test]
fn edge_fractions() {
    let cases = [
        (0.001, 0, 1_000_000),
        (0.999, 0, 999_000_000),
        (0.5, 0, 500_000_000),
        (-0.5, -1, 500_000_000),
        (-0.001, -1, 999_000_000),
        (-0.999, -1, 1_000_000),
        (-1.5, -2, 500_000_000),
        (1479816991.001, 1_479_816_991, 1_000_000),
        (1479816991.999, 1_479_816_991, 999_000_000),
        (1479816991.5, 1_479_816_991, 500_000_000),
        (-1479816991.001, -1_479_816_992, 999_000_000),
        (-1479816991.999, -1_479_816_992, 1_000_000),
        (-1479816991.5, -1_479_816_992, 500_000_000),
        // Finer than microseconds, down to the nanosecond.
        (0.999_999_9, 0, 999_999_900),
        (-0.000_000_1, -1, 999_999_900),
        (1e-9, 0, 1),
        (-1e-9, -1, 999_999_999),
        (4e-10, 0, 0),
        (1.5e-9, 0, 2),
        (0.999_999_999_6, 1, 0),
        (-0.999_999_999_6, -1, 0),
        (1e-300, 0, 0),
        // Year 1: an f64 only resolves about 8 microseconds here, milliseconds
        // still come back exactly.
        (-62135596799.999, -62_135_596_800, 1_000_000),
        (-62135596799.001, -62_135_596_800, 999_000_000),
        (1e15, 1_000_000_000_000_000, 0),
    ];
    for (value, secs, nanos) in cases {
        let t = DateTime::from_fractional_secs(value).unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (secs, nanos), "{value}");
    }
}

#[test]
fn six_fractional_digits_are_exact() {
    let mut rng = Lcg(0x5eed);
    for _ in 0..20_000 {
        let secs = (rng.next() % 8_000_000_000) as i64 - 4_000_000_000;
        let micros = (rng.next() % 1_000_000) as u32;
        let text = if secs < 0 && micros > 0 {
            format!("-{}.{:06}", (secs + 1).unsigned_abs(), 1_000_000 - micros)
        } else {
            format!("{secs}.{micros:06}")
        };
        let t: DateTime = serde_json::from_str(&text).unwrap();
        assert_eq!(
            (t.secs(), t.subsec_nanos()),
            (secs, micros * 1000),
            "{text}"
        );
        // Writing it back gives the same number.
        let back = serde_json::to_string(&t).unwrap();
        let reread: DateTime = serde_json::from_str(&back).unwrap();
        assert_eq!(reread, t, "{text} -> {back}");
    }
}

#[test]
fn serialize_shortest_decimal() {
    let cases = [
        (DateTime::from_secs(1_479_816_991), "1479816991"),
        (DateTime::from_secs(-5), "-5"),
        (DateTime::from_secs(0), "0"),
        (DateTime::from_millis(1_479_816_991_349), "1479816991.349"),
        (DateTime::from_millis(1_479_816_991_001), "1479816991.001"),
        (DateTime::from_millis(1_479_816_991_999), "1479816991.999"),
        (DateTime::from_millis(1_479_816_991_500), "1479816991.5"),
        (DateTime::from_millis(1_479_816_991_100), "1479816991.1"),
        (DateTime::from_millis(-1), "-0.001"),
        (DateTime::from_millis(-1_500), "-1.5"),
        (DateTime::from_millis(-1_479_816_991_349), "-1479816991.349"),
        (DateTime::from_secs_and_nanos(1, 123_456_000), "1.123456"),
    ];
    for (t, want) in cases {
        assert_eq!(serde_json::to_string(&t).unwrap(), want);
        assert_eq!(t.to_fractional_secs().to_string(), want);
    }
}

#[test]
fn every_millisecond_round_trips_through_json_bytes() {
    for secs in SECONDS {
        for millis in 0..1000u32 {
            let t = DateTime::from_secs_and_nanos(secs, millis * 1_000_000);
            let bytes = serde_json::to_vec(&t).unwrap();
            let text = std::str::from_utf8(&bytes).unwrap();
            let expected = if millis == 0 {
                secs.to_string()
            } else {
                ms_decimal(secs, millis).trim_end_matches('0').to_owned()
            };
            assert_eq!(text, expected);
            let back: DateTime = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(back, t, "{text}");
        }
    }
}

#[test]
fn deserialize_accepts_integers_and_floats_only() {
    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Holder {
        at: DateTime,
    }
    let h: Holder = serde_json::from_str(r#"{"at": 1479816991}"#).unwrap();
    assert_eq!(h.at, DateTime::from_secs(1_479_816_991));
    let h: Holder = serde_json::from_str(r#"{"at": -3}"#).unwrap();
    assert_eq!(h.at, DateTime::from_secs(-3));
    let h: Holder = serde_json::from_str(r#"{"at": 1.479816991349e9}"#).unwrap();
    assert_eq!(h.at, DateTime::from_millis(1_479_816_991_349));
    assert_eq!(
        serde_json::to_string(&h).unwrap(),
        r#"{"at":1479816991.349}"#
    );
    for bad in [
        r#"{"at": "1479816991"}"#,
        r#"{"at": "2016-11-22T12:16:31Z"}"#,
        r#"{"at": null}"#,
        r#"{"at": true}"#,
        r#"{"at": [1]}"#,
        r#"{"at": 18446744073709551615}"#,
        r#"{"at": 1e30}"#,
        r#"{"at": -1e30}"#,
    ] {
        assert!(serde_json::from_str::<Holder>(bad).is_err(), "{bad}");
    }
}

#[test]
fn from_fractional_secs_rejects_bad_values() {
    assert!(matches!(
        DateTime::from_fractional_secs(f64::NAN),
        Err(DateTimeError::NotFinite(_))
    ));
    assert_eq!(
        DateTime::from_fractional_secs(f64::INFINITY),
        Err(DateTimeError::NotFinite(f64::INFINITY))
    );
    assert_eq!(
        DateTime::from_fractional_secs(f64::NEG_INFINITY),
        Err(DateTimeError::NotFinite(f64::NEG_INFINITY))
    );
    assert_eq!(
        DateTime::from_fractional_secs(9.3e18),
        Err(DateTimeError::OutOfRange)
    );
    assert_eq!(
        DateTime::from_fractional_secs(9_223_372_036_854_775_808.0),
        Err(DateTimeError::OutOfRange)
    );
    assert_eq!(
        DateTime::from_fractional_secs(-9.3e18),
        Err(DateTimeError::OutOfRange)
    );
    // Large whole numbers are taken exactly.
    assert_eq!(
        DateTime::from_fractional_secs(9_223_372_036_854_774_784.0),
        Ok(DateTime::from_secs(9_223_372_036_854_774_784))
    );
    assert_eq!(
        DateTime::from_fractional_secs(9_007_199_254_740_993.0),
        Ok(DateTime::from_secs(9_007_199_254_740_992))
    );
    assert_eq!(
        DateTime::from_fractional_secs(-4_503_599_627_370_495.5),
        Ok(DateTime::from_secs_and_nanos(
            -4_503_599_627_370_496,
            500_000_000
        ))
    );
    // -2^63 itself is representable.
    assert_eq!(
        DateTime::from_fractional_secs(-9_223_372_036_854_775_808.0),
        Ok(DateTime::from_secs(i64::MIN))
    );
}

#[test]
fn constructors_and_accessors() {
    let t = DateTime::from_secs_and_nanos(10, 2_500_000_000);
    assert_eq!((t.secs(), t.subsec_nanos()), (12, 500_000_000));
    assert_eq!(
        DateTime::from_secs_and_nanos(i64::MAX, u32::MAX),
        DateTime::MAX
    );
    assert_eq!(
        DateTime::from_secs_and_nanos(i64::MAX - 1, 999_999_999),
        DateTime::from_secs_and_nanos(i64::MAX - 1, 999_999_999)
    );
    let t = DateTime::from_millis(-1);
    assert_eq!((t.secs(), t.subsec_nanos()), (-1, 999_000_000));
    assert_eq!(t.to_millis(), -1);
    assert_eq!(
        DateTime::from_secs_and_nanos(-1, 999_999_999).to_millis(),
        -1
    );
    assert_eq!(DateTime::from_secs_and_nanos(0, 999_999).to_millis(), 0);
    assert_eq!(DateTime::from_secs_and_nanos(0, 1_999_999).to_millis(), 1);
    assert_eq!(DateTime::MAX.to_millis(), i64::MAX);
    assert_eq!(DateTime::MIN.to_millis(), i64::MIN);
    for millis in [0, 1, -1, 999, -999, 1_479_816_991_349, i64::MAX, i64::MIN] {
        assert_eq!(DateTime::from_millis(millis).to_millis(), millis);
    }
    assert!(DateTime::from_millis(-1) < DateTime::UNIX_EPOCH);
    assert!(DateTime::from_millis(1) > DateTime::UNIX_EPOCH);
    assert!(DateTime::from_secs_and_nanos(5, 1) > DateTime::from_secs(5));
}

#[test]
fn display_rfc3339() {
    let cases = [
        (DateTime::UNIX_EPOCH, "1970-01-01T00:00:00Z"),
        (DateTime::from_secs(1_479_816_991), "2016-11-22T12:16:31Z"),
        (
            DateTime::from_millis(1_479_816_991_349),
            "2016-11-22T12:16:31.349Z",
        ),
        (
            DateTime::from_millis(1_479_816_991_500),
            "2016-11-22T12:16:31.500Z",
        ),
        (
            DateTime::from_secs_and_nanos(1_479_816_991, 349_100_000),
            "2016-11-22T12:16:31.349100Z",
        ),
        (
            DateTime::from_secs_and_nanos(1_479_816_991, 1_000),
            "2016-11-22T12:16:31.000001Z",
        ),
        (
            DateTime::from_secs_and_nanos(1_479_816_991, 1),
            "2016-11-22T12:16:31.000000001Z",
        ),
        (DateTime::from_millis(-1), "1969-12-31T23:59:59.999Z"),
        (DateTime::from_secs(951_782_400), "2000-02-29T00:00:00Z"),
        (DateTime::from_secs(253_402_300_799), "9999-12-31T23:59:59Z"),
        (
            DateTime::from_secs(253_402_300_800),
            "+10000-01-01T00:00:00Z",
        ),
        (DateTime::from_secs(-62_167_219_200), "0000-01-01T00:00:00Z"),
        (
            DateTime::from_secs(-62_167_219_201),
            "-0001-12-31T23:59:59Z",
        ),
    ];
    for (t, want) in cases {
        assert_eq!(t.to_string(), want);
    }
    // The extremes format without overflow.
    assert!(DateTime::MAX.to_string().starts_with('+'));
    assert!(DateTime::MIN.to_string().starts_with('-'));
}

#[test]
fn parse_rfc3339_accepts_the_profile() {
    let base = DateTime::from_millis(1_479_816_991_349);
    let same = [
        "2016-11-22T12:16:31.349Z",
        "2016-11-22t12:16:31.349z",
        "2016-11-22 12:16:31.349Z",
        "2016-11-22T12:16:31.349000Z",
        "2016-11-22T12:16:31.3490000009Z",
        "2016-11-22T13:16:31.349+01:00",
        "2016-11-22T07:46:31.349-04:30",
        "2016-11-22T12:16:31.349+00:00",
        "2016-11-22T12:16:31.349-00:00",
        "2016-11-23T00:16:31.349+12:00",
    ];
    for text in same {
        assert_eq!(DateTime::parse_rfc3339(text), Ok(base), "{text}");
        assert_eq!(text.parse::<DateTime>(), Ok(base), "{text}");
    }
    assert_eq!(
        DateTime::parse_rfc3339("1970-01-01T00:00:00Z"),
        Ok(DateTime::UNIX_EPOCH)
    );
    assert_eq!(
        DateTime::parse_rfc3339("1969-12-31T23:59:59.5Z"),
        Ok(DateTime::from_millis(-500))
    );
    assert_eq!(
        DateTime::parse_rfc3339("2024-02-29T00:00:00Z"),
        Ok(DateTime::from_secs(1_709_164_800))
    );
}

#[test]
fn parse_rfc3339_rejects_bad_text() {
    let bad = [
        "",
        "2016-11-22",
        "2016-11-22T12:16:31",
        "2016-11-22T12:16:31.Z",
        "2016-11-22T12:16:31.349",
        "2016-11-22T12:16:31.349Zjunk",
        "2016-11-22X12:16:31Z",
        "16-11-22T12:16:31Z",
        "2016-1-22T12:16:31Z",
        "2016-13-22T12:16:31Z",
        "2016-00-22T12:16:31Z",
        "2016-11-00T12:16:31Z",
        "2016-11-31T12:16:31Z",
        "2023-02-29T12:16:31Z",
        "1900-02-29T12:16:31Z",
        "2016-11-22T24:00:00Z",
        "2016-11-22T12:60:00Z",
        "2016-11-22T12:16:61Z",
        "2016-12-31T23:59:60Z",
        "2016-11-22T12:16:31+1:00",
        "2016-11-22T12:16:31+24:00",
        "2016-11-22T12:16:31+01:60",
        "2016-11-22T12:16:31+0100",
        "2016-11-22T12:16:31.3é9Z",
        "２016-11-22T12:16:31Z",
        "+2016-11-22T12:16:31Z",
        "1479816991",
    ];
    for text in bad {
        let err = DateTime::parse_rfc3339(text).unwrap_err();
        match &err {
            DateTimeError::Parse { input, reason } => {
                assert_eq!(input, text);
                assert!(!reason.is_empty());
            }
            other => panic!("{text}: unexpected error {other:?}"),
        }
        assert!(err.to_string().contains("RFC 3339"));
    }
}

#[test]
fn display_and_parse_round_trip() {
    let mut rng = Lcg(42);
    // Years 0000..=9999.
    let span = 253_402_300_800u64 + 62_167_219_200;
    for i in 0..20_000 {
        let secs = (rng.next() % span) as i64 - 62_167_219_200;
        let nanos = match i % 4 {
            0 => 0,
            1 => (rng.next() % 1000) as u32 * 1_000_000,
            2 => (rng.next() % 1_000_000) as u32 * 1000,
            _ => (rng.next() % 1_000_000_000) as u32,
        };
        let t = DateTime::from_secs_and_nanos(secs, nanos);
        let text = t.to_string();
        assert_eq!(DateTime::parse_rfc3339(&text), Ok(t), "{text}");
    }
}

#[test]
fn system_time_conversions() {
    let cases = [
        (UNIX_EPOCH, DateTime::UNIX_EPOCH),
        (
            UNIX_EPOCH + Duration::from_millis(1_479_816_991_349),
            DateTime::from_millis(1_479_816_991_349),
        ),
        (
            UNIX_EPOCH - Duration::from_millis(1),
            DateTime::from_millis(-1),
        ),
        (
            UNIX_EPOCH - Duration::from_secs(86_400),
            DateTime::from_secs(-86_400),
        ),
        (
            UNIX_EPOCH - Duration::new(1, 1),
            DateTime::from_secs_and_nanos(-2, 999_999_999),
        ),
    ];
    for (system, ours) in cases {
        assert_eq!(DateTime::try_from(system), Ok(ours));
        assert_eq!(SystemTime::try_from(ours), Ok(system));
    }
    let now = SystemTime::now();
    let ours = DateTime::try_from(now).unwrap();
    assert!(ours.secs() > 1_700_000_000);
    assert_eq!(SystemTime::try_from(ours), Ok(now));
    // The far ends do not fit a SystemTime on common platforms; this must be an
    // error, not a panic.
    for t in [DateTime::MAX, DateTime::MIN] {
        if let Ok(system) = SystemTime::try_from(t) {
            assert_eq!(DateTime::try_from(system), Ok(t));
        }
    }
}

/// Found by the `timestamps_and_floats` fuzz target: an HTTP date read with a
/// fraction of a second (the reader is lenient) writes back in whole seconds
/// (the format has none), and reads back as that second. The reader does not
/// check the day of the week (21 April 2818 is a Saturday); the writer writes
/// the right one.
#[test]
fn http_date_with_a_fraction_writes_back_whole_seconds() {
    use awsgen_runtime::timestamp::http_date;
    let text = "Tue, 21 Apr 2818 18:30:38.9 GMT";
    let read = http_date::deserialize(serde_json::Value::String(text.to_owned())).unwrap();
    assert_eq!(read.subsec_nanos(), 900_000_000);
    let written = http_date::serialize(&read, serde_json::value::Serializer).unwrap();
    assert_eq!(written, "Sat, 21 Apr 2818 18:30:38 GMT");
    let again = http_date::deserialize(written).unwrap();
    assert_eq!(again, DateTime::from_secs(read.secs()));
}
