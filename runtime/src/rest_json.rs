//! The restJson1 protocol, without any I/O.
//!
//! A request is built from the operation's `@http` route and its input's
//! bindings ([`Request`]): the method and URI pattern, labels in the path,
//! query parameters, headers, and a body that is either the input's unbound
//! members as a JSON object ([`Body`]) or its one `@httpPayload` member. A
//! response is read back the same way ([`FromResponse`]); errors are told
//! apart as [`aws_json::parse_response`](crate::aws_json) tells them, with
//! restJson1's order of places to look for the error type.
//!
//! Generated code lists the bindings, one call each; the encoding rules
//! (percent-encoding, list headers, timestamp formats, empty bodies) live
//! here and in [`http_binding`](crate::http_binding).

use std::collections::BTreeMap;

use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{HeaderMap, Method};

use crate::aws_json::{Operation, Reply, RequestError, ResponseError};
use crate::http_binding::{BindingError, FromText, Query, ToText, join_list, push_label};

/// The members of a structure written as a JSON object: all of them (the
/// structure as a document, what its `Serialize` writes), or only those the
/// HTTP bindings leave in the body. Generated for input, output and error
/// structures with members bound elsewhere.
pub trait Members {
    /// Writes the members as one JSON object.
    ///
    /// # Errors
    /// The serializer fails.
    fn serialize_members<S: serde::Serializer>(
        &self,
        serializer: S,
        body_only: bool,
    ) -> Result<S::Ok, S::Error>;
}

/// Serializes as the members of `T` that belong in the body.
#[derive(Debug, Clone, Copy)]
pub struct Body<'a, T>(pub &'a T);

impl<T: Members> serde::Serialize for Body<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_members(serializer, true)
    }
}

/// An output or error structure read from a whole response: its body members
/// from the JSON body (or its payload from the body), the others from
/// headers and the status code. Generated for every restJson1 output and error.
pub trait FromResponse: Sized {
    /// Reads the structure.
    ///
    /// # Errors
    /// The body or a bound header does not hold a valid value.
    fn from_response(reply: &Reply<'_>) -> Result<Self, serde_json::Error>;
}

impl FromResponse for crate::aws_json::Empty {
    fn from_response(_reply: &Reply<'_>) -> Result<Self, serde_json::Error> {
        Ok(crate::aws_json::Empty {})
    }
}

fn binding_error(member: &'static str, problem: String) -> serde_json::Error {
    serde::de::Error::custom(BindingError::new(member, problem))
}

fn header_text<'a>(
    headers: &'a HeaderMap,
    name: &str,
    member: &'static str,
) -> Result<Option<std::borrow::Cow<'a, str>>, serde_json::Error> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    let text = |value: &'a HeaderValue| {
        value
            .to_str()
            .map_err(|_| binding_error(member, format!("header `{name}` is not text")))
    };
    let mut joined = std::borrow::Cow::Borrowed(text(first)?);
    for value in values {
        let joined = joined.to_mut();
        joined.push_str(", ");
        joined.push_str(text(value)?);
    }
    Ok(Some(joined))
}

/// The value of header `name`, bound to `member`; `None` when absent.
///
/// # Errors
/// The value is not text, or not a value of `T`.
pub fn header<T: FromText>(
    headers: &HeaderMap,
    name: &str,
    member: &'static str,
) -> Result<Option<T>, serde_json::Error> {
    match header_text(headers, name, member)? {
        None => Ok(None),
        Some(text) => T::from_text(&text)
            .map(Some)
            .map_err(|problem| binding_error(member, format!("header `{name}`: {problem}"))),
    }
}

/// The items of the list header `name` (repeated headers joined), bound to
/// `member`; `None` when absent.
///
/// # Errors
/// The value is not a well-formed list of `T`.
pub fn header_list<T: FromText>(
    headers: &HeaderMap,
    name: &str,
    member: &'static str,
) -> Result<Option<Vec<T>>, serde_json::Error> {
    let Some(text) = header_text(headers, name, member)? else {
        return Ok(None);
    };
    let items = T::split(member, &text).map_err(serde::de::Error::custom)?;
    items
        .iter()
        .map(|item| {
            T::from_text(item)
                .map_err(|problem| binding_error(member, format!("header `{name}`: {problem}")))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// The headers starting with `prefix`, by the rest of their name; `None`
/// when there are none.
pub fn prefix_headers(headers: &HeaderMap, prefix: &str) -> Option<BTreeMap<String, String>> {
    let found = crate::http_binding::prefix_headers(headers, prefix);
    (!found.is_empty()).then_some(found)
}

/// A JSON payload: `None` for an empty body.
///
/// # Errors
/// The body is not JSON for `T`.
pub fn json_payload<T: serde::de::DeserializeOwned>(
    body: &[u8],
) -> Result<Option<T>, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(None)
    } else {
        serde_json::from_slice(body).map(Some)
    }
}

/// A text payload: `None` for an empty body.
///
/// # Errors
/// The body is not UTF-8.
pub fn text_payload(
    body: &[u8],
    member: &'static str,
) -> Result<Option<String>, serde_json::Error> {
    if body.is_empty() {
        return Ok(None);
    }
    String::from_utf8(body.to_vec())
        .map(Some)
        .map_err(|_| binding_error(member, "the body is not UTF-8 text".to_owned()))
}

/// A blob payload: `None` for an empty body.
pub fn blob_payload(body: &[u8]) -> Option<crate::Blob> {
    (!body.is_empty()).then(|| crate::Blob::new(body))
}

/// A restJson1 request under construction, in the order generated code
/// fills it: path, query, headers, body.
#[derive(Debug)]
pub struct Request {
    method: Method,
    path: String,
    query: Query,
    headers: HeaderMap,
    body: Vec<u8>,
    text: String,
    host_prefix: Option<String>,
    compress: bool,
    content_md5: bool,
    tree_hash: bool,
}

impl Request {
    /// Starts a `method` request whose URI pattern has the literal query
    /// `query` (`""` for none); the path is added part by part.
    pub fn new(method: Method, query: &str) -> Self {
        Request {
            method,
            path: String::with_capacity(64),
            query: Query::new(query),
            headers: HeaderMap::with_capacity(16),
            body: Vec::new(),
            text: String::new(),
            host_prefix: None,
            compress: false,
            content_md5: false,
            tree_hash: false,
        }
    }

    /// Appends literal path text (`/2015-03-31/functions/`).
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends the label `member`, percent-encoded (keeping `/` when `greedy`).
    ///
    /// # Errors
    /// The value is missing or empty: the request would address another resource.
    pub fn label<T: ToText>(
        &mut self,
        member: &'static str,
        value: Option<T>,
        greedy: bool,
    ) -> Result<(), RequestError> {
        let text = value.map(|value| self.text_of(&value));
        push_label(&mut self.path, member, text.as_deref(), greedy)?;
        Ok(())
    }

    fn text_of<T: ToText>(&mut self, value: &T) -> String {
        self.text.clear();
        value.write_text(&mut self.text);
        self.text.clone()
    }

    /// Adds the query parameter `name`.
    pub fn query<T: ToText>(&mut self, name: &str, value: T) {
        self.text.clear();
        value.write_text(&mut self.text);
        self.query.push(name, &self.text);
    }

    /// Adds the query parameter `name` once per item.
    pub fn query_list<T: ToText>(&mut self, name: &str, values: impl IntoIterator<Item = T>) {
        for value in values {
            self.query(name, value);
        }
    }

    /// Adds the entries of an `@httpQueryParams` map, except keys a named
    /// `@httpQuery` member of the input binds (`bound`): that member wins.
    pub fn query_params<V: QueryValues>(&mut self, params: &BTreeMap<String, V>, bound: &[&str]) {
        for (name, values) in params {
            if !bound.contains(&name.as_str()) {
                values.push_to(&mut self.query, name);
            }
        }
    }

    /// Sets header `name`.
    ///
    /// # Errors
    /// The value cannot be a header value (a control character).
    pub fn header<T: ToText>(&mut self, name: &'static str, value: T) -> Result<(), RequestError> {
        self.text.clear();
        value.write_text(&mut self.text);
        let value = header_value(name, &self.text)?;
        self.headers.insert(header_name(name)?, value);
        Ok(())
    }

    /// Sets header `name` to a list: items joined with `, `, quoted where needed.
    ///
    /// # Errors
    /// The value cannot be a header value.
    pub fn header_list<T: ToText>(
        &mut self,
        name: &'static str,
        values: impl IntoIterator<Item = T>,
    ) -> Result<(), RequestError> {
        let items: Vec<String> = values.into_iter().map(crate::http_binding::text).collect();
        let joined = if T::QUOTE_IN_LISTS {
            join_list(&items)
        } else {
            items.join(", ")
        };
        let value = header_value(name, &joined)?;
        self.headers.insert(header_name(name)?, value);
        Ok(())
    }

    /// Sets a header for each entry of an `@httpPrefixHeaders` map: `prefix`
    /// then the key; a header a member binds by name keeps that member's value.
    ///
    /// # Errors
    /// A key makes an invalid header name, or a value an invalid value.
    pub fn prefix_headers(
        &mut self,
        prefix: &'static str,
        map: &BTreeMap<String, String>,
    ) -> Result<(), RequestError> {
        for (key, value) in map {
            let name =
                HeaderName::from_bytes(format!("{prefix}{key}").as_bytes()).map_err(|_| {
                    RequestError::binding(
                        prefix,
                        format!("`{prefix}{key}` is not a valid header name"),
                    )
                })?;
            let value = header_value(prefix, value)?;
            if let http::header::Entry::Vacant(entry) = self.headers.entry(name) {
                entry.insert(value);
            }
        }
        Ok(())
    }

    /// Puts the host prefix of `smithy.api#endpoint` (see
    /// [`Operation::host_prefix`]) on the request, for the endpoint to apply.
    pub fn host_prefix(&mut self, prefix: Option<String>) {
        self.host_prefix = prefix;
    }

    /// The body: `value` as JSON, `application/json`.
    ///
    /// # Errors
    /// The value fails to serialize.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), RequestError> {
        self.body = serde_json::to_vec(value)?;
        self.content_type("application/json");
        Ok(())
    }

    /// The body: `bytes` as they are, with `content_type` unless a bound
    /// header already set one.
    pub fn bytes(&mut self, bytes: &[u8], content_type: &'static str) {
        self.body = bytes.to_vec();
        self.content_type(content_type);
    }

    fn content_type(&mut self, content_type: &'static str) {
        if !self.headers.contains_key(CONTENT_TYPE) {
            self.headers
                .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
    }

    /// `smithy.api#requestCompression` lists `gzip`: a body of at least
    /// [`MIN_COMPRESSION_SIZE`](crate::aws_json::MIN_COMPRESSION_SIZE) bytes
    /// is sent gzip-compressed, `gzip` appended to any `Content-Encoding`.
    pub fn compress(&mut self) {
        self.compress = true;
    }

    /// `smithy.api#httpChecksumRequired`: the request carries the
    /// `Content-MD5` of its body.
    pub fn content_md5(&mut self) {
        self.content_md5 = true;
    }

    /// The request carries the SHA-256 of its body (`X-Amz-Content-Sha256`)
    /// and its SHA-256 tree hash (`X-Amz-Sha256-Tree-Hash`), as Glacier
    /// requires of uploads.
    pub fn sha256_tree_hash(&mut self) {
        self.tree_hash = true;
    }

    /// The request, with `Content-Length` when it has a body.
    ///
    /// # Errors
    /// The path and query make no valid URI, or compressing the body failed.
    pub fn finish(mut self) -> Result<http::Request<Vec<u8>>, RequestError> {
        if self.compress && self.body.len() >= crate::aws_json::MIN_COMPRESSION_SIZE {
            self.body = crate::aws_json::gzip(&self.body).map_err(RequestError::compress)?;
            let encoding = match self.headers.get(CONTENT_ENCODING) {
                Some(existing) => {
                    let mut value = existing.as_bytes().to_vec();
                    value.extend_from_slice(b", gzip");
                    HeaderValue::from_bytes(&value)
                        .map_err(|source| RequestError::header("content-encoding", source))?
                }
                None => HeaderValue::from_static("gzip"),
            };
            self.headers.insert(CONTENT_ENCODING, encoding);
        }
        if self.content_md5 {
            use base64::Engine as _;
            use md5::Digest as _;
            let digest = md5::Md5::digest(&self.body);
            let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
            self.headers.insert(
                HeaderName::from_static("content-md5"),
                header_value("content-md5", &encoded)?,
            );
        }
        if self.tree_hash {
            let (linear, tree) = crate::tree_hash::sha256_and_tree_hash(&self.body);
            for (name, value) in [
                ("x-amz-content-sha256", linear),
                ("x-amz-sha256-tree-hash", tree),
            ] {
                self.headers
                    .insert(HeaderName::from_static(name), header_value(name, &value)?);
            }
        }
        // One allocation of the exact size, which the URI then owns as it is.
        let mut uri = String::with_capacity(self.path.len() + self.query.len() + 1);
        uri.push_str(&self.path);
        self.query.finish(&mut uri);
        if !self.body.is_empty() {
            self.headers
                .insert(CONTENT_LENGTH, HeaderValue::from(self.body.len()));
        }
        let uri = http::Uri::try_from(uri)
            .map_err(|e| RequestError::binding("", format!("the request URI is invalid: {e}")))?;
        let mut request = http::Request::new(self.body);
        *request.method_mut() = self.method;
        *request.uri_mut() = uri;
        *request.headers_mut() = self.headers;
        if let Some(prefix) = self.host_prefix {
            request
                .extensions_mut()
                .insert(crate::aws_json::HostPrefix(prefix));
        }
        Ok(request)
    }
}

fn header_value(name: &'static str, text: &str) -> Result<HeaderValue, RequestError> {
    HeaderValue::from_str(text).map_err(|source| RequestError::header(name, source))
}

/// A header name of the model (any case; `http` keeps it lower-case).
/// A lower-case name (as generated code writes them) is used as it is,
/// without a copy.
fn header_name(name: &'static str) -> Result<HeaderName, RequestError> {
    let lower_token = |b: u8| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.');
    if !name.is_empty() && name.bytes().all(lower_token) {
        // Checked above: every byte is valid in a lower-case header name.
        return Ok(HeaderName::from_static(name));
    }
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| RequestError::binding(name, format!("`{name}` is not a valid header name")))
}

/// A label's value, or `default` when it is unset or empty (a service
/// customization: Glacier's account id `-`).
pub fn or_default<'a>(value: Option<&'a str>, default: &'a str) -> &'a str {
    value.filter(|v| !v.is_empty()).unwrap_or(default)
}

/// A string header with a `smithy.api#mediaType`, sent in base64.
#[derive(Debug, Clone, Copy)]
pub struct Base64<'a>(pub &'a str);

impl ToText for Base64<'_> {
    fn write_text(&self, out: &mut String) {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD.encode_string(self.0, out);
    }
}

/// A string header with a `smithy.api#mediaType`, read from base64.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromBase64(pub String);

impl FromText for FromBase64 {
    fn from_text(text: &str) -> Result<Self, String> {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .map_err(|e| format!("not base64: {e}"))?;
        String::from_utf8(bytes)
            .map(FromBase64)
            .map_err(|_| "base64 of something other than UTF-8 text".to_owned())
    }
}

/// The values of an `@httpQueryParams` map: one string or a list of them.
pub trait QueryValues {
    /// Adds `name=value` for each value.
    fn push_to(&self, query: &mut Query, name: &str);
}

impl QueryValues for String {
    fn push_to(&self, query: &mut Query, name: &str) {
        query.push(name, self);
    }
}

impl QueryValues for Vec<String> {
    fn push_to(&self, query: &mut Query, name: &str) {
        query.push_list(name, self);
    }
}

/// The output or the typed error of a restJson1 response (see
/// [`aws_json::parse_with`](crate::aws_json::parse_with)).
///
/// # Errors
/// The service reported an error, or the response could not be understood.
pub fn parse_response<O, B>(
    response: &http::Response<B>,
) -> Result<O::Output, ResponseError<O::Error>>
where
    O: Operation,
    O::Output: FromResponse,
    B: AsRef<[u8]>,
{
    crate::aws_json::parse_with::<O, B>(response, O::Output::from_response)
}
