//! JSON comparison for expected and actual values: numbers compare by value
//! (`1` equals `1.0`), everything else structurally; the first difference is
//! reported with its path.

use serde_json::Value;

/// The first difference between `expected` and `actual`, as
/// `at $.a[0]: expected X, got Y`; `None` when they are equal.
pub fn json_diff(expected: &Value, actual: &Value) -> Option<String> {
    diff_at("$", expected, actual)
}

fn numbers_equal(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
        return x == y;
    }
    if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
        return x == y;
    }
    matches!((a.as_f64(), b.as_f64()), (Some(x), Some(y)) if x == y)
}

fn diff_at(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    let mismatch = || {
        Some(format!(
            "at {path}: expected {}, got {}",
            brief(expected),
            brief(actual)
        ))
    };
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) if numbers_equal(a, b) => None,
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Some(format!(
                    "at {path}: expected {} elements, got {}",
                    a.len(),
                    b.len()
                ));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| diff_at(&format!("{path}[{i}]"), x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            if let Some(key) = a.keys().find(|k| !b.contains_key(*k)) {
                return Some(format!("at {path}: missing member `{key}`"));
            }
            if let Some(key) = b.keys().find(|k| !a.contains_key(*k)) {
                return Some(format!("at {path}: unexpected member `{key}`"));
            }
            a.iter()
                .find_map(|(key, x)| diff_at(&format!("{path}.{key}"), x, &b[key]))
        }
        (a, b) if a == b => None,
        _ => mismatch(),
    }
}

/// A value's JSON text, cut to a readable length.
fn brief(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(json_diff(&json!(1), &json!(1.0)), None);
        assert_eq!(json_diff(&json!([1.5, "NaN"]), &json!([1.5, "NaN"])), None);
        assert_eq!(
            json_diff(&json!({"a": [1, 2]}), &json!({"a": [1, 3]})).as_deref(),
            Some("at $.a[1]: expected 2, got 3")
        );
        assert!(json_diff(&json!(u64::MAX), &json!(u64::MAX - 1)).is_some());
    }

    #[test]
    fn members_must_match_exactly() {
        assert_eq!(
            json_diff(&json!({"a": 1}), &json!({})).as_deref(),
            Some("at $: missing member `a`")
        );
        assert_eq!(
            json_diff(&json!({}), &json!({"b": null})).as_deref(),
            Some("at $: unexpected member `b`")
        );
        assert!(json_diff(&json!("1"), &json!(1)).is_some());
        assert!(json_diff(&json!([1]), &json!([1, 1])).is_some());
    }
}
