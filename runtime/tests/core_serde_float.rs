//! `serde_float`: awsJson floats, including NaN and the infinities as strings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Serialize, Deserialize, Debug, Default)]
struct Floats {
    #[serde(with = "::awsgen_runtime::serde_float")]
    double: f64,
    #[serde(with = "::awsgen_runtime::serde_float")]
    float: f32,
    #[serde(
        with = "::awsgen_runtime::serde_float::option",
        default,
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    opt_double: Option<f64>,
    #[serde(
        with = "::awsgen_runtime::serde_float::option",
        default,
        skip_serializing_if = "::std::option::Option::is_none"
    )]
    opt_float: Option<f32>,
}

fn to_value(f: &Floats) -> serde_json::Value {
    serde_json::from_slice(&serde_json::to_vec(f).unwrap()).unwrap()
}

#[test]
fn finite_values_are_numbers() {
    let f = Floats {
        double: 1.5,
        float: 1.1,
        opt_double: Some(-0.25),
        opt_float: Some(3.0),
    };
    assert_eq!(
        serde_json::to_string(&f).unwrap(),
        r#"{"double":1.5,"float":1.1,"opt_double":-0.25,"opt_float":3.0}"#
    );
    let back: Floats = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
    assert_eq!(back.double, 1.5);
    assert_eq!(back.float, 1.1f32);
    assert_eq!(back.opt_double, Some(-0.25));
    assert_eq!(back.opt_float, Some(3.0));
}

#[test]
fn special_values_are_strings() {
    let f = Floats {
        double: f64::NAN,
        float: f32::INFINITY,
        opt_double: Some(f64::NEG_INFINITY),
        opt_float: Some(f32::NAN),
    };
    assert_eq!(
        to_value(&f),
        json!({"double": "NaN", "float": "Infinity", "opt_double": "-Infinity", "opt_float": "NaN"})
    );
    let back: Floats = serde_json::from_value(to_value(&f)).unwrap();
    assert!(back.double.is_nan());
    assert_eq!(back.float, f32::INFINITY);
    assert_eq!(back.opt_double, Some(f64::NEG_INFINITY));
    assert!(back.opt_float.unwrap().is_nan());

    let f = Floats {
        double: f64::NEG_INFINITY,
        float: f32::NEG_INFINITY,
        opt_double: Some(f64::INFINITY),
        opt_float: None,
    };
    assert_eq!(
        to_value(&f),
        json!({"double": "-Infinity", "float": "-Infinity", "opt_double": "Infinity"})
    );
}

#[test]
fn none_is_skipped_and_missing_or_null_is_none() {
    let f = Floats::default();
    assert_eq!(
        serde_json::to_string(&f).unwrap(),
        r#"{"double":0.0,"float":0.0}"#
    );
    let back: Floats = serde_json::from_str(r#"{"double":0,"float":0}"#).unwrap();
    assert_eq!(back.opt_double, None);
    assert_eq!(back.opt_float, None);
    let back: Floats =
        serde_json::from_str(r#"{"double":0,"float":0,"opt_double":null,"opt_float":null}"#)
            .unwrap();
    assert_eq!(back.opt_double, None);
    assert_eq!(back.opt_float, None);
}

#[test]
fn integers_are_accepted() {
    let back: Floats = serde_json::from_str(
        r#"{"double":-7,"float":16777216,"opt_double":18446744073709551615,"opt_float":2}"#,
    )
    .unwrap();
    assert_eq!(back.double, -7.0);
    assert_eq!(back.float, 16_777_216.0);
    assert_eq!(back.opt_double, Some(18_446_744_073_709_551_615.0));
    assert_eq!(back.opt_float, Some(2.0));
}

#[test]
fn other_values_are_errors() {
    let bad = [
        r#"{"double":"nan","float":0}"#,
        r#"{"double":"inf","float":0}"#,
        r#"{"double":"1.5","float":0}"#,
        r#"{"double":"","float":0}"#,
        r#"{"double":null,"float":0}"#,
        r#"{"double":true,"float":0}"#,
        r#"{"double":[1],"float":0}"#,
        r#"{"double":{},"float":0}"#,
        r#"{"double":0,"float":0,"opt_double":"Inf"}"#,
        r#"{"double":0,"float":0,"opt_float":false}"#,
    ];
    for text in bad {
        assert!(serde_json::from_str::<Floats>(text).is_err(), "{text}");
    }
}

#[test]
fn finite_values_round_trip_exactly() {
    // A deterministic spread of bit patterns (64-bit LCG).
    let mut state = 7u64;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state
    };
    let mut checked = 0;
    for _ in 0..5_000 {
        let d = f64::from_bits(next());
        let s = f32::from_bits((next() >> 32) as u32);
        if !d.is_finite() || !s.is_finite() {
            continue;
        }
        let f = Floats {
            double: d,
            float: s,
            opt_double: Some(d),
            opt_float: Some(s),
        };
        let back: Floats = serde_json::from_slice(&serde_json::to_vec(&f).unwrap()).unwrap();
        assert_eq!(back.double.to_bits(), d.to_bits());
        assert_eq!(back.float.to_bits(), s.to_bits());
        assert_eq!(back.opt_double.map(f64::to_bits), Some(d.to_bits()));
        assert_eq!(back.opt_float.map(f32::to_bits), Some(s.to_bits()));
        checked += 1;
    }
    assert!(checked > 4_000);
}
