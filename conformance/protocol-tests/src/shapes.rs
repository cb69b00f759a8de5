//! Walks the suite's shapes to turn a case's `params` (Smithy node values) into
//! wire-shaped JSON, and to bring wire JSON into a canonical form for comparison.
//!
//! Node values and the JSON wire document differ only for blobs (plain text in params,
//! base64 on the wire) and timestamps (epoch seconds in params, the member's
//! `timestampFormat` on the wire); float members are compared at `f32` precision.

use std::time::{Duration, SystemTime};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
/// Mixins nest only a few levels in practice; deeper means a cycle.
const MAX_MIXIN_DEPTH: usize = 16;

/// What the walk needs to know about a shape.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// A structure or union: an object keyed by member name.
    Aggregate,
    /// A list or set, with its member's target.
    List(String),
    /// A map, with its value's target.
    Map(String),
    Blob,
    Timestamp,
    Float,
    /// Anything that looks the same in params and on the wire.
    Plain,
}

/// Where a walk is.
#[derive(Debug, Clone, Copy)]
struct Walk {
    /// restJson1: `jsonName` keys and located timestamp formats.
    rest: bool,
    /// At the message itself, whose members may be bound to HTTP locations.
    message: bool,
    /// The timestamp format of the member's HTTP location.
    located: Option<&'static str>,
}

/// The timestamp format an HTTP binding implies: `http-date` in a header,
/// `date-time` in a label or the query string.
fn located_format(traits: Option<&Value>) -> Option<&'static str> {
    let traits = traits?;
    if traits.get("smithy.api#httpHeader").is_some() {
        Some("http-date")
    } else if traits.get("smithy.api#httpLabel").is_some()
        || traits.get("smithy.api#httpQuery").is_some()
    {
        Some("date-time")
    } else {
        None
    }
}

/// A member: its target and its own traits.
#[derive(Debug, Clone)]
pub(crate) struct Member<'a> {
    pub(crate) target: &'a str,
    traits: Option<&'a Value>,
}

/// The shapes of a Smithy JSON AST, by shape id.
#[derive(Debug, Clone)]
pub(crate) struct Shapes {
    shapes: Map<String, Value>,
}

impl Shapes {
    pub(crate) fn new(shapes: Map<String, Value>) -> Self {
        Shapes { shapes }
    }

    /// The shape `id`; prelude shapes (`smithy.api#...`) are not in the model.
    pub(crate) fn get(&self, id: &str) -> Option<&Value> {
        self.shapes.get(id)
    }

    /// Every shape, by id.
    pub(crate) fn all(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.shapes.iter()
    }

    fn kind(&self, id: &str) -> Kind {
        if let Some(name) = id.strip_prefix("smithy.api#") {
            return match name {
                "Blob" => Kind::Blob,
                "Timestamp" => Kind::Timestamp,
                "Float" | "PrimitiveFloat" => Kind::Float,
                "Unit" => Kind::Aggregate,
                _ => Kind::Plain,
            };
        }
        let Some(shape) = self.get(id) else {
            return Kind::Plain;
        };
        let target = |key: &str| shape[key]["target"].as_str().unwrap_or_default().to_owned();
        match shape["type"].as_str().unwrap_or_default() {
            "structure" | "union" => Kind::Aggregate,
            "list" | "set" => Kind::List(target("member")),
            "map" => Kind::Map(target("value")),
            "blob" => Kind::Blob,
            "timestamp" => Kind::Timestamp,
            "float" => Kind::Float,
            _ => Kind::Plain,
        }
    }

    /// The member `name` of structure or union `id`, mixins included.
    pub(crate) fn member(&self, id: &str, name: &str) -> Option<Member<'_>> {
        self.member_at_depth(id, name, 0)
    }

    fn member_at_depth(&self, id: &str, name: &str, depth: usize) -> Option<Member<'_>> {
        if depth > MAX_MIXIN_DEPTH {
            return None;
        }
        let shape = self.get(id)?;
        if let Some(member) = shape["members"].get(name) {
            return Some(Member {
                target: member["target"].as_str()?,
                traits: member.get("traits"),
            });
        }
        shape["mixins"]
            .as_array()?
            .iter()
            .filter_map(|mixin| mixin["target"].as_str())
            .find_map(|mixin| self.member_at_depth(mixin, name, depth + 1))
    }

    /// The timestamp format of a member: its own trait, else its target's, else
    /// its location's under restJson1 (`http-date` in a header, `date-time` in
    /// a label or the query string), else epoch seconds.
    fn timestamp_format<'a>(
        &'a self,
        target: &str,
        traits: Option<&'a Value>,
        located: Option<&'static str>,
    ) -> &'a str {
        traits
            .and_then(|t| t[TIMESTAMP_FORMAT].as_str())
            .or_else(|| self.get(target)?["traits"][TIMESTAMP_FORMAT].as_str())
            .or(located)
            .unwrap_or("epoch-seconds")
    }

    /// Converts `value`, a node value of shape `target` (reached through a member
    /// with `traits`), to its wire form: the JSON document the bindings read
    /// and write. Under restJson1 (`rest`) members are keyed by their
    /// `jsonName` and the members of `target` itself, a whole message, take
    /// their location's timestamp format.
    pub(crate) fn to_wire(
        &self,
        target: &str,
        traits: Option<&Value>,
        value: &Value,
        rest: bool,
    ) -> Result<Value, String> {
        let walk = Walk {
            rest,
            message: true,
            located: None,
        };
        self.map_value(
            walk,
            target,
            traits,
            value,
            &|kind, format, value| match kind {
                Kind::Blob => match value {
                    Value::String(text) => Ok(Value::String(STANDARD.encode(text))),
                    other => Ok(other.clone()),
                },
                Kind::Timestamp => match value {
                    Value::Number(n) => {
                        let seconds = n
                            .as_f64()
                            .ok_or_else(|| format!("timestamp {n} is not a number"))?;
                        format_timestamp(seconds, format)
                    }
                    other => Ok(other.clone()),
                },
                _ => Ok(value.clone()),
            },
        )
    }

    /// Brings wire JSON of shape `target` into a canonical form: timestamps become
    /// epoch milliseconds whatever their format, float members are rounded to
    /// `f32`.
    pub(crate) fn canonical(
        &self,
        target: &str,
        traits: Option<&Value>,
        value: &Value,
        rest: bool,
    ) -> Result<Value, String> {
        let walk = Walk {
            rest,
            message: true,
            located: None,
        };
        self.map_value(walk, target, traits, value, &|kind, _, value| {
            Ok(match (kind, value) {
                (Kind::Timestamp, value) => timestamp_millis(value)
                    .map(Value::from)
                    .unwrap_or_else(|| value.clone()),
                (Kind::Float, Value::Number(n)) => n
                    .as_f64()
                    .and_then(|f| serde_json::Number::from_f64(f64::from(f as f32)))
                    .map_or_else(|| value.clone(), Value::Number),
                (_, value) => value.clone(),
            })
        })
    }

    /// Rebuilds `value` through the shape tree, applying `leaf` to every value
    /// that is not an aggregate, list or map (nulls are kept as they are).
    fn map_value(
        &self,
        walk: Walk,
        target: &str,
        traits: Option<&Value>,
        value: &Value,
        leaf: &dyn Fn(&Kind, &str, &Value) -> Result<Value, String>,
    ) -> Result<Value, String> {
        if value.is_null() {
            return Ok(Value::Null);
        }
        let nested = Walk {
            message: false,
            located: None,
            ..walk
        };
        match (self.kind(target), value) {
            (Kind::Aggregate, Value::Object(object)) => {
                let mut out = Map::new();
                // A member set to null is absent.
                for (name, member_value) in object.iter().filter(|(_, v)| !v.is_null()) {
                    let (key, converted) = match self.member(target, name) {
                        Some(member) => {
                            let key = member
                                .traits
                                .and_then(|t| t["smithy.api#jsonName"].as_str())
                                .filter(|_| walk.rest)
                                .unwrap_or(name);
                            let member_walk = Walk {
                                located: located_format(member.traits)
                                    .filter(|_| walk.rest && walk.message),
                                ..nested
                            };
                            let value = self.map_value(
                                member_walk,
                                member.target,
                                member.traits,
                                member_value,
                                leaf,
                            )?;
                            (key.to_owned(), value)
                        }
                        None => (name.clone(), member_value.clone()),
                    };
                    out.insert(key, converted);
                }
                Ok(Value::Object(out))
            }
            (Kind::List(element), Value::Array(items)) => items
                .iter()
                // Items of a bound list take its location's format, as the
                // member's type does in the bindings.
                .map(|item| {
                    let item_walk = Walk {
                        located: walk.located,
                        ..nested
                    };
                    self.map_value(item_walk, &element, None, item, leaf)
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            (Kind::Map(element), Value::Object(object)) => {
                let mut out = Map::new();
                for (key, item) in object {
                    out.insert(
                        key.clone(),
                        self.map_value(nested, &element, None, item, leaf)?,
                    );
                }
                Ok(Value::Object(out))
            }
            (kind, value) => leaf(
                &kind,
                self.timestamp_format(target, traits, walk.located),
                value,
            ),
        }
    }
}

/// Formats epoch `seconds` in a `timestampFormat`.
pub(crate) fn format_timestamp(seconds: f64, format: &str) -> Result<Value, String> {
    let millis = (seconds * 1000.0).round();
    match format {
        "epoch-seconds" => serde_json::Number::from_f64(seconds)
            .map(|n| match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
                _ => Value::Number(n),
            })
            .ok_or_else(|| format!("timestamp {seconds} is not finite")),
        "date-time" => {
            let nanos = i128::from(millis as i64) * 1_000_000;
            OffsetDateTime::from_unix_timestamp_nanos(nanos)
                .map_err(|e| format!("timestamp {seconds} out of range: {e}"))?
                .format(&Rfc3339)
                .map(Value::String)
                .map_err(|e| format!("timestamp {seconds} does not format: {e}"))
        }
        "http-date" => {
            if millis < 0.0 {
                return Err(format!("http-date timestamp {seconds} is before 1970"));
            }
            let time = SystemTime::UNIX_EPOCH + Duration::from_millis(millis as u64);
            Ok(Value::String(httpdate::fmt_http_date(time)))
        }
        other => Err(format!("unknown timestampFormat `{other}`")),
    }
}

/// Epoch milliseconds of a wire timestamp: a number of seconds, an RFC 3339
/// `date-time` (any offset) or an `http-date`.
pub(crate) fn timestamp_millis(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => Some((n.as_f64()? * 1000.0).round() as i64),
        Value::String(text) => {
            if let Ok(time) = OffsetDateTime::parse(text, &Rfc3339) {
                return i64::try_from(time.unix_timestamp_nanos() / 1_000_000).ok();
            }
            let time = httpdate::parse_http_date(text).ok()?;
            let since = time.duration_since(SystemTime::UNIX_EPOCH).ok()?;
            i64::try_from(since.as_millis()).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shapes() -> Shapes {
        let model = json!({
            "ns#S": {"type": "structure", "mixins": [{"target": "ns#Mixin"}], "members": {
                "blob": {"target": "smithy.api#Blob"},
                "iso": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "date-time"}},
                "http": {"target": "ns#HttpDate"},
                "list": {"target": "ns#Blobs"},
                "map": {"target": "ns#Floats"},
                "u": {"target": "ns#U"}
            }},
            "ns#Mixin": {"type": "structure", "members": {"epoch": {"target": "smithy.api#Timestamp"}}},
            "ns#HttpDate": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "http-date"}},
            "ns#Blobs": {"type": "list", "member": {"target": "smithy.api#Blob"}},
            "ns#Floats": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Float"}},
            "ns#U": {"type": "union", "members": {"b": {"target": "smithy.api#Blob"}}}
        });
        let Value::Object(map) = model else { panic!() };
        Shapes::new(map)
    }

    #[test]
    fn params_become_wire_json() {
        let params = json!({
            "blob": "foo", "iso": 946845296.123, "http": 946845296, "epoch": 946845296,
            "list": ["a", null], "map": {"k": 1.5}, "u": {"b": "bar"}, "unknown": "x"
        });
        let wire = shapes().to_wire("ns#S", None, &params, false).unwrap();
        assert_eq!(
            wire,
            json!({
                "blob": "Zm9v", "iso": "2000-01-02T20:34:56.123Z",
                "http": "Sun, 02 Jan 2000 20:34:56 GMT", "epoch": 946845296,
                "list": ["YQ==", null], "map": {"k": 1.5}, "u": {"b": "YmFy"}, "unknown": "x"
            })
        );
    }

    #[test]
    fn canonical_form_ignores_timestamp_format_and_float_noise() {
        let s = shapes();
        let a = json!({"iso": "2019-12-16T22:48:18-01:00", "map": {"k": 1.100000023841858}});
        let b = json!({"iso": 1576540098, "map": {"k": 1.1}});
        assert_eq!(
            s.canonical("ns#S", None, &a, false).unwrap(),
            s.canonical("ns#S", None, &b, false).unwrap()
        );
        let c = json!({"iso": 1576540099});
        assert_ne!(
            s.canonical("ns#S", None, &a, false).unwrap()["iso"],
            s.canonical("ns#S", None, &c, false).unwrap()["iso"]
        );
    }

    #[test]
    fn timestamps() {
        assert_eq!(
            format_timestamp(946845296.0, "date-time").unwrap(),
            json!("2000-01-02T20:34:56Z")
        );
        assert_eq!(
            format_timestamp(946845296.5, "epoch-seconds").unwrap(),
            json!(946845296.5)
        );
        assert!(format_timestamp(-1.0, "http-date").is_err());
        assert!(format_timestamp(1.0, "iso").is_err());
        assert_eq!(
            timestamp_millis(&json!("Sun, 02 Jan 2000 20:34:56 GMT")),
            Some(946_845_296_000)
        );
        assert_eq!(timestamp_millis(&json!("not a date")), None);
    }
}
