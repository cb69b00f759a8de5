//! HTTP bindings of the REST protocols (restJson1, restXml): members bound to
//! the URI path (`@httpLabel`), the query string (`@httpQuery`,
//! `@httpQueryParams`) and headers (`@httpHeader`, `@httpPrefixHeaders`),
//! written and read with Smithy's encoding rules.
//!
//! Generated code decides where each member goes; these functions write and
//! read one binding each:
//! - labels and query values are percent-encoded, every byte outside RFC
//!   3986's unreserved set (`A-Z a-z 0-9 - . _ ~`) as `%XX`; a greedy label
//!   (`{Key+}`) keeps its `/`;
//! - a list in a header is one comma-separated value; a string holding a
//!   comma or a double quote (or spaces at its ends) is quoted, with `"` and
//!   `\` escaped; HTTP dates, which hold commas themselves, are not;
//! - floats in headers and query strings spell `NaN`, `Infinity` and
//!   `-Infinity` out.

use std::collections::BTreeMap;
use std::fmt;

use http::HeaderMap;

use crate::percent::{Keep, encode_into};

/// A binding the input or the response cannot satisfy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingError {
    member: &'static str,
    problem: String,
}

impl BindingError {
    /// An error about `member` (its name in the model).
    pub fn new(member: &'static str, problem: impl Into<String>) -> Self {
        BindingError {
            member,
            problem: problem.into(),
        }
    }

    /// The member the binding belongs to.
    pub fn member(&self) -> &'static str {
        self.member
    }
}

impl fmt::Display for BindingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "member `{}`: {}", self.member, self.problem)
    }
}

impl std::error::Error for BindingError {}

/// RFC 3986 unreserved characters and, for greedy labels, `/`.
const LABEL: Keep = Keep::UNRESERVED;
const GREEDY_LABEL: Keep = Keep::UNRESERVED.with(b"/");

/// Appends the value of `member`, an `@httpLabel`, to `path`: percent-encoded,
/// keeping `/` when the label is greedy (`{Key+}`).
///
/// # Errors
/// The value is missing or empty: such a request would address another
/// resource, so it is refused before anything is sent.
pub fn push_label(
    path: &mut String,
    member: &'static str,
    value: Option<&str>,
    greedy: bool,
) -> Result<(), BindingError> {
    match value {
        None => Err(BindingError::new(
            member,
            "is bound to the URI path and must be set",
        )),
        Some("") => Err(BindingError::new(
            member,
            "is bound to the URI path and must not be empty",
        )),
        Some(value) => {
            encode_into(path, value, if greedy { &GREEDY_LABEL } else { &LABEL });
            Ok(())
        }
    }
}

/// A query string under construction: `?a=1&b=2`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    text: String,
}

impl Query {
    /// Starts with the literal query of the URI pattern (`/things?type=big&x`,
    /// whose `type=big&x` is kept as written); empty when it has none.
    pub fn new(literal: &str) -> Self {
        Query {
            text: literal.to_owned(),
        }
    }

    /// Appends `name=value`, both percent-encoded.
    pub fn push(&mut self, name: &str, value: &str) {
        // At most one growth per parameter: the longest it can encode to.
        self.text.reserve(3 * (name.len() + value.len()) + 2);
        if !self.text.is_empty() {
            self.text.push('&');
        }
        encode_into(&mut self.text, name, &LABEL);
        self.text.push('=');
        encode_into(&mut self.text, value, &LABEL);
    }

    /// Appends `name=value` for each value of a list: the key repeats.
    pub fn push_list<S: AsRef<str>>(&mut self, name: &str, values: &[S]) {
        for value in values {
            self.push(name, value.as_ref());
        }
    }

    /// Appends the entries of an `@httpQueryParams` map whose keys no
    /// `@httpQuery` member of the same input binds (`bound`): a named member
    /// takes precedence over the map.
    pub fn push_params<'a, V: AsRef<str> + 'a>(
        &mut self,
        params: impl IntoIterator<Item = (&'a String, &'a Vec<V>)>,
        bound: &[&str],
    ) {
        for (name, values) in params {
            if !bound.contains(&name.as_str()) {
                self.push_list(name, values);
            }
        }
    }

    /// The length of the query, without its `?`.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether the query has no parameters.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends `?` and the query to `uri`, or nothing when it is empty.
    pub fn finish(self, uri: &mut String) {
        if !self.text.is_empty() {
            uri.push('?');
            uri.push_str(&self.text);
        }
    }
}

/// A list as one header value: `a, "b,c", "\"d\""`.
pub fn join_list<S: AsRef<str>>(values: &[S]) -> String {
    let mut out = String::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let value = value.as_ref();
        let quote = value.contains([',', '"'])
            || value.starts_with(char::is_whitespace)
            || value.ends_with(char::is_whitespace);
        if quote {
            out.push('"');
            for c in value.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(value);
        }
    }
    out
}

/// The items of a list header value ([`join_list`]'s inverse): split at
/// commas outside quotes, each item trimmed, quoted items unescaped.
///
/// # Errors
/// A quoted item is not closed, or text follows its closing quote.
pub fn split_list(member: &'static str, value: &str) -> Result<Vec<String>, BindingError> {
    let mut items = Vec::new();
    let mut rest = value.trim_start();
    if rest.is_empty() {
        return Ok(items);
    }
    loop {
        let (item, after) = match rest.strip_prefix('"') {
            Some(quoted) => {
                let mut item = String::new();
                let mut chars = quoted.char_indices();
                let end = loop {
                    match chars.next() {
                        Some((_, '\\')) => match chars.next() {
                            Some((_, c)) => item.push(c),
                            None => break None,
                        },
                        Some((i, '"')) => break Some(i),
                        Some((_, c)) => item.push(c),
                        None => break None,
                    }
                };
                let end = end.ok_or_else(|| {
                    BindingError::new(member, format!("unclosed quote in header value {value:?}"))
                })?;
                let after = quoted[end + 1..].trim_start();
                if !(after.is_empty() || after.starts_with(',')) {
                    return Err(BindingError::new(
                        member,
                        format!("text after a quoted item in header value {value:?}"),
                    ));
                }
                (item, after)
            }
            None => {
                let end = rest.find(',').unwrap_or(rest.len());
                (rest[..end].trim_end().to_owned(), &rest[end..])
            }
        };
        items.push(item);
        match after.strip_prefix(',') {
            Some(next) => rest = next.trim_start(),
            None => return Ok(items),
        }
    }
}

/// The HTTP dates of a list header value: `Mon, 16 Dec 2019 23:48:18 GMT, Tue,
/// ...` splits at every second comma.
pub fn split_http_dates(value: &str) -> Vec<&str> {
    let mut dates = Vec::new();
    let mut start = 0;
    let mut commas = 0;
    for (i, c) in value.char_indices() {
        if c == ',' {
            commas += 1;
            if commas % 2 == 0 {
                dates.push(value[start..i].trim());
                start = i + 1;
            }
        }
    }
    let last = value[start..].trim();
    if !last.is_empty() {
        dates.push(last);
    }
    dates
}

/// A float as headers and query strings write it: `NaN`, `Infinity` and
/// `-Infinity` spelled out, other values as the shortest text that reads
/// back the same, in exponent form when very large or very small (`1e300`).
pub fn format_float(value: f64) -> String {
    let magnitude = value.abs();
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else if magnitude >= 1e16 || (magnitude < 1e-7 && magnitude > 0.0) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

/// The headers starting with `prefix` (`@httpPrefixHeaders`), by the rest of
/// their lowercase name; a header given several times is joined with `, `.
pub fn prefix_headers(headers: &HeaderMap, prefix: &str) -> BTreeMap<String, String> {
    let prefix = prefix.to_ascii_lowercase();
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in headers {
        let Some(rest) = name.as_str().strip_prefix(&prefix) else {
            continue;
        };
        let value = String::from_utf8_lossy(value.as_bytes());
        found
            .entry(rest.to_owned())
            .and_modify(|joined| {
                joined.push_str(", ");
                joined.push_str(&value);
            })
            .or_insert_with(|| value.into_owned());
    }
    found
}

/// A value bound to a label, a query parameter or a header, written as text:
/// numbers as Rust prints them (floats through [`format_float`]), booleans
/// as `true`/`false`, blobs in base64, timestamps in their location's format
/// (a bare [`DateTime`](crate::DateTime) as epoch seconds, the wrappers of
/// [`timestamp`](crate::timestamp) as theirs).
pub trait ToText {
    /// Appends the value's text to `out`.
    fn write_text(&self, out: &mut String);

    /// Whether an item of a header list that needs quotes gets them (see
    /// [`join_list`]); HTTP dates hold commas of their own and are never quoted.
    const QUOTE_IN_LISTS: bool = true;
}

impl<T: ToText + ?Sized> ToText for &T {
    fn write_text(&self, out: &mut String) {
        (**self).write_text(out);
    }
    const QUOTE_IN_LISTS: bool = T::QUOTE_IN_LISTS;
}

impl ToText for str {
    fn write_text(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl ToText for String {
    fn write_text(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl ToText for bool {
    fn write_text(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

macro_rules! integer_text {
    ($($ty:ty),*) => {$(
        impl ToText for $ty {
            fn write_text(&self, out: &mut String) {
                use fmt::Write as _;
                let _ = write!(out, "{self}");
            }
        }

        impl FromText for $ty {
            fn from_text(text: &str) -> Result<Self, String> {
                text.trim().parse().map_err(|_| format!("{text:?} is not an integer"))
            }
        }
    )*};
}
integer_text!(i8, i16, i32, i64);

impl ToText for f64 {
    fn write_text(&self, out: &mut String) {
        out.push_str(&format_float(*self));
    }
}

impl ToText for f32 {
    fn write_text(&self, out: &mut String) {
        // Printed as an `f32`, so `1.1` stays `1.1` (not `1.100000023841858`).
        if self.is_finite() {
            let magnitude = self.abs();
            if magnitude >= 1e16 || (magnitude < 1e-7 && magnitude > 0.0) {
                out.push_str(&format!("{self:e}"));
            } else {
                out.push_str(&self.to_string());
            }
        } else {
            out.push_str(&format_float(f64::from(*self)));
        }
    }
}

impl ToText for crate::Blob {
    fn write_text(&self, out: &mut String) {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode_string(self.as_bytes(), out);
    }
}

impl ToText for crate::DateTime {
    fn write_text(&self, out: &mut String) {
        use fmt::Write as _;
        let (secs, nanos) = (self.secs(), self.subsec_nanos());
        if nanos == 0 {
            let _ = write!(out, "{secs}");
        } else {
            let _ = write!(out, "{}", self.to_fractional_secs());
        }
    }
}

impl ToText for crate::timestamp::DateTimeString {
    fn write_text(&self, out: &mut String) {
        use fmt::Write as _;
        let _ = write!(out, "{}", self.0);
    }
}

impl ToText for crate::timestamp::HttpDate {
    fn write_text(&self, out: &mut String) {
        // Years outside 0..=9999 have no http-date; they are written as
        // RFC 3339 rather than dropped.
        match crate::timestamp::format_http_date(&self.0) {
            Ok(text) => out.push_str(&text),
            Err(_) => crate::timestamp::DateTimeString(self.0).write_text(out),
        }
    }
    const QUOTE_IN_LISTS: bool = false;
}

/// A value read back from a header (or a label or query parameter): the
/// inverse of [`ToText`].
pub trait FromText: Sized {
    /// Parses the value.
    ///
    /// # Errors
    /// The text is not a value of this type; the message says why.
    fn from_text(text: &str) -> Result<Self, String>;

    /// The items of a header list of this type (see [`split_list`]).
    ///
    /// # Errors
    /// The value is not a well-formed list.
    fn split(member: &'static str, value: &str) -> Result<Vec<String>, BindingError> {
        split_list(member, value)
    }
}

impl FromText for String {
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl FromText for bool {
    fn from_text(text: &str) -> Result<Self, String> {
        match text.trim() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("{text:?} is not `true` or `false`")),
        }
    }
}

/// Floats read as [`format_float`] writes them: a finite number, or `NaN`,
/// `Infinity`, `-Infinity` spelled out (not Rust's `inf` nor an overflowing `1e400`).
macro_rules! float_from_text {
    ($($float:ty),*) => {$(
        impl FromText for $float {
            fn from_text(text: &str) -> Result<Self, String> {
                match text.trim() {
                    "NaN" => Ok(<$float>::NAN),
                    "Infinity" => Ok(<$float>::INFINITY),
                    "-Infinity" => Ok(<$float>::NEG_INFINITY),
                    number => number
                        .parse::<$float>()
                        .ok()
                        .filter(|n| n.is_finite())
                        .ok_or_else(|| format!("{text:?} is not a number")),
                }
            }
        }
    )*};
}

float_from_text!(f32, f64);

impl FromText for crate::Blob {
    fn from_text(text: &str) -> Result<Self, String> {
        crate::Blob::from_base64(text.trim()).map_err(|e| format!("not base64: {e}"))
    }
}

impl FromText for crate::DateTime {
    fn from_text(text: &str) -> Result<Self, String> {
        let secs: f64 = text
            .trim()
            .parse()
            .map_err(|_| format!("{text:?} is not epoch seconds"))?;
        crate::DateTime::from_fractional_secs(secs).map_err(|e| e.to_string())
    }
}

impl FromText for crate::timestamp::DateTimeString {
    fn from_text(text: &str) -> Result<Self, String> {
        crate::DateTime::parse_rfc3339(text.trim())
            .map(crate::timestamp::DateTimeString)
            .map_err(|e| e.to_string())
    }
}

impl FromText for crate::timestamp::HttpDate {
    fn from_text(text: &str) -> Result<Self, String> {
        crate::timestamp::parse_http_date(text.trim())
            .map(crate::timestamp::HttpDate)
            .map_err(|e| e.to_string())
    }

    fn split(_member: &'static str, value: &str) -> Result<Vec<String>, BindingError> {
        Ok(split_http_dates(value)
            .into_iter()
            .map(str::to_owned)
            .collect())
    }
}

/// The text of one value ([`ToText`]).
pub fn text<T: ToText>(value: T) -> String {
    let mut out = String::new();
    value.write_text(&mut out);
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const HOSTILE: &str = " %:/?#[]@!$&'()*+,;=😹";
    const HOSTILE_ENCODED: &str =
        "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9";

    #[test]
    fn labels_are_encoded_and_greedy_labels_keep_slashes() {
        // RestJsonHttpRequestLabelEscaping.
        let mut path = String::from("/HttpRequestWithLabels/");
        push_label(&mut path, "string", Some(HOSTILE), false).unwrap();
        assert_eq!(path, format!("/HttpRequestWithLabels/{HOSTILE_ENCODED}"));
        let mut path = String::from("/objects/");
        push_label(&mut path, "Key", Some("photos/2024/a b.jpg"), true).unwrap();
        assert_eq!(path, "/objects/photos/2024/a%20b.jpg");
        let mut path = String::from("/objects/");
        push_label(&mut path, "Key", Some("a/b"), false).unwrap();
        assert_eq!(path, "/objects/a%2Fb");
    }

    #[test]
    fn missing_or_empty_labels_are_refused_naming_the_member() {
        let mut path = String::new();
        let missing = push_label(&mut path, "FunctionName", None, false).unwrap_err();
        assert_eq!(missing.member(), "FunctionName");
        assert_eq!(
            missing.to_string(),
            "member `FunctionName`: is bound to the URI path and must be set"
        );
        let empty = push_label(&mut path, "Key", Some(""), true).unwrap_err();
        assert_eq!(
            empty.to_string(),
            "member `Key`: is bound to the URI path and must not be empty"
        );
        assert!(path.is_empty());
    }

    #[test]
    fn query_strings_encode_repeat_lists_and_yield_to_named_members() {
        let finish = |query: Query| {
            let mut uri = "/p".to_owned();
            query.finish(&mut uri);
            uri
        };
        // RestJsonQueryStringEscaping.
        let mut query = Query::new("");
        query.push("String", HOSTILE);
        assert_eq!(finish(query), format!("/p?String={HOSTILE_ENCODED}"));
        let mut query = Query::new("type=big&flag");
        query.push_list("id", &["1", "2"]);
        let params = BTreeMap::from([
            ("id".to_owned(), vec!["ignored".to_owned()]),
            ("extra".to_owned(), vec!["a b".to_owned(), "c".to_owned()]),
        ]);
        query.push_params(&params, &["id"]);
        assert_eq!(
            finish(query),
            "/p?type=big&flag&id=1&id=2&extra=a%20b&extra=c"
        );
        assert_eq!(finish(Query::new("")), "/p");
    }

    #[test]
    fn header_lists_quote_what_needs_it_and_split_back() {
        // RestJsonInputAndOutputWithQuotedStringHeaders.
        let values = ["b,c", "\"def\"", "a"];
        let joined = join_list(&values);
        assert_eq!(joined, r#""b,c", "\"def\"", a"#);
        assert_eq!(split_list("headerStringList", &joined).unwrap(), values);
        for values in [
            vec![],
            vec![""],
            vec!["plain", " padded ", "back\\slash", "\"", ","],
            vec!["a", "", "c"],
        ] {
            let joined = join_list(&values);
            let back = split_list("m", &joined).unwrap();
            if values == [""] {
                // One empty item and no item write the same header value.
                assert!(back.is_empty());
            } else {
                assert_eq!(back, values, "{joined}");
            }
        }
        assert_eq!(split_list("m", "a,b , c").unwrap(), ["a", "b", "c"]);
        let unclosed = split_list("m", r#""a, b"#).unwrap_err();
        assert!(
            unclosed.to_string().contains("unclosed quote"),
            "{unclosed}"
        );
        let trailing = split_list("m", r#""a" b, c"#).unwrap_err();
        assert!(trailing.to_string().contains("text after"), "{trailing}");
    }

    #[test]
    fn http_date_lists_split_at_every_second_comma() {
        // RestJsonInputAndOutputWithTimestampHeaders.
        let value = "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT";
        assert_eq!(
            split_http_dates(value),
            [
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Mon, 16 Dec 2019 23:48:18 GMT"
            ]
        );
        assert_eq!(
            split_http_dates("Tue, 17 Dec 2019 00:00:00 GMT"),
            ["Tue, 17 Dec 2019 00:00:00 GMT"]
        );
        assert!(split_http_dates("").is_empty());
    }

    #[test]
    fn floats_spell_out_nan_and_infinities() {
        for (value, text) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (4.1, "4.1"),
            (-0.0, "-0"),
            (1e300, "1e300"),
            (-1.5e-8, "-1.5e-8"),
            (123456.789, "123456.789"),
        ] {
            assert_eq!(format_float(value), text);
            let back = f64::from_text(text).unwrap();
            assert!(back.to_bits() == value.to_bits() || (back.is_nan() && value.is_nan()));
        }
        for bad in ["1e400", "inf", "infinity", "nan", "big"] {
            assert!(f64::from_text(bad).is_err(), "{bad}");
            assert!(f32::from_text(bad).is_err(), "{bad}");
        }
        assert!(f32::from_text("1e39").is_err());
        assert_eq!(f32::from_text(" 0.25 "), Ok(0.25));
        assert_eq!(
            f64::from_text("big").unwrap_err(),
            "\"big\" is not a number"
        );
    }

    #[test]
    fn prefix_headers_are_found_by_the_rest_of_their_name() {
        // RestJsonHttpPrefixHeadersArePresent and the empty prefix.
        let mut headers = HeaderMap::new();
        headers.insert("x-foo", "Foo".parse().unwrap());
        headers.insert("x-foo-abc", "Abc value".parse().unwrap());
        headers.append("x-foo-def", "Def value".parse().unwrap());
        headers.append("x-foo-def", "again".parse().unwrap());
        headers.insert("hello", "There".parse().unwrap());
        let found = prefix_headers(&headers, "X-Foo-");
        assert_eq!(
            found,
            BTreeMap::from([
                ("abc".to_owned(), "Abc value".to_owned()),
                ("def".to_owned(), "Def value, again".to_owned()),
            ])
        );
        assert_eq!(prefix_headers(&headers, "").len(), 4);
        assert!(prefix_headers(&headers, "x-bar-").is_empty());
    }
}
