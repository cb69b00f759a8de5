//! AWS Signature Version 4 request signing, written for this crate on
//! `ring`'s SHA-256 and HMAC (the crypto library rustls already brings, so
//! the client has one implementation of each).
//!
//! [`sign`] adds `x-amz-date`, `authorization` and, for temporary
//! credentials, `x-amz-security-token` to a request, which is what
//! awsJson services such as Lightsail expect. [`sign_with_settings`] exposes
//! the variations other services (and the conformance vectors) need.
//!
//! The canonical request and the string to sign are written into one
//! buffer reused by every signing on a thread and hashed in one pass each,
//! hex is written into stack buffers, and the derived signing key is cached
//! per thread for the last (secret, date, region, service) it was derived
//! for. The result is the
//! signature `aws-sigv4` (the AWS SDK for Rust's signer) computes: the
//! SigV4 test suite and a differential test over thousands of random
//! requests against `aws-sigv4` check it (`tests/auth_sigv4_*.rs`).
//!
//! Nothing here logs or prints a secret or a signature; the `authorization`
//! and `x-amz-security-token` headers are marked sensitive so that
//! `http`'s `Debug` hides them.

use std::borrow::Cow;
use std::cell::RefCell;
use std::time::{Duration, SystemTime};

use crate::percent::{self, Keep};
use http::header::{AUTHORIZATION, HOST};
use http::{HeaderName, HeaderValue, Request, Uri};
use ring::{digest, hmac};

use super::credentials::Credentials;

/// Headers that signing in the `Headers` location writes; stale copies (from
/// an earlier signing of the same request) are removed first.
const X_AMZ_DATE: HeaderName = HeaderName::from_static("x-amz-date");
const X_AMZ_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-amz-security-token");
const X_AMZ_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-amz-content-sha256");

const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Headers never signed: computed by signing, or changed by proxies and
/// clients on the way (the set the AWS SDKs agree on).
const UNSIGNED_HEADERS: [&str; 4] = [
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
];

/// Headers a presigned URL does not sign either.
const UNSIGNED_WHEN_PRESIGNED: [&str; 2] = ["x-amz-user-agent", "x-amz-checksum-mode"];

/// The reserved characters SigV4 encodes in a canonical query string and
/// path (as the AWS SDKs do), besides controls, space and non-ASCII.
const RESERVED: &[u8] = b"/:,?#[]{}|@!$&'()*+;=%<>\"^`\\";

/// How a canonical query parameter is encoded.
const CANONICAL: Keep = Keep::visible().without(RESERVED);

/// How a path is encoded a second time: [`CANONICAL`], keeping `/`.
const PATH: Keep = CANONICAL.with(b"/");

/// Where the signature goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureLocation {
    /// In the `authorization` header (ordinary requests).
    Headers,
    /// In the query string (a presigned URL), valid for `expires_in`.
    QueryString {
        /// How long the presigned request stays valid.
        expires_in: Duration,
    },
}

/// Variations of SigV4 signing. The default suits awsJson services.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningOptions {
    /// Percent-encode the (already encoded) path once more when building the
    /// canonical request; every service but S3 expects this. Default `true`.
    pub double_uri_encode: bool,
    /// Remove `.` and `..` segments and repeated slashes from the path in
    /// the canonical request. Default `true`.
    pub normalize_uri_path: bool,
    /// Include the session token in the signed content; when `false` it is
    /// still sent but added after signing. Default `true`.
    pub sign_session_token: bool,
    /// Add an `x-amz-content-sha256` header with the body's hash (S3 needs
    /// it; Lightsail does not). Default `false`.
    pub content_sha256_header: bool,
    /// Where the signature goes. Default [`SignatureLocation::Headers`].
    pub location: SignatureLocation,
}

impl Default for SigningOptions {
    fn default() -> Self {
        Self {
            double_uri_encode: true,
            normalize_uri_path: true,
            sign_session_token: true,
            content_sha256_header: false,
            location: SignatureLocation::Headers,
        }
    }
}

/// Why a request could not be signed. No variant carries a secret.
#[derive(Debug)]
#[non_exhaustive]
pub enum SigningError {
    /// The region or service name is empty.
    EmptyScope(&'static str),
    /// The request names no host (neither in its URI nor in a Host header).
    MissingHost,
    /// A header value is not UTF-8 text.
    NonUtf8Header {
        /// The header's name.
        name: String,
    },
    /// A signing header could not be built, e.g. because the access key id,
    /// session token, region or service holds characters not allowed in an
    /// HTTP header.
    InvalidSigningHeader {
        /// The header's name.
        name: &'static str,
    },
    /// The presigned URI could not be rebuilt.
    InvalidPresignedUri(http::Error),
}

impl std::fmt::Display for SigningError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EmptyScope(inner) => write!(f, "the {inner} to sign for is empty"),
            Self::MissingHost => {
                f.write_str("the request has no host, so it cannot be signed (use an absolute URI)")
            }
            Self::NonUtf8Header { name } => write!(
                f,
                "header `{name}` has a value that is not UTF-8 text, so it cannot be signed"
            ),
            Self::InvalidSigningHeader { name } => write!(
                f,
                "the `{name}` header produced by signing is not a valid header value"
            ),
            Self::InvalidPresignedUri(_) => f.write_str("the presigned URI is not valid"),
        }
    }
}

impl std::error::Error for SigningError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::InvalidPresignedUri(source) => Some(source),
            _ => None,
        }
    }
}

/// Signs `request` for `service` in `region` at `time` with the default
/// [`SigningOptions`]: adds `x-amz-date`, `authorization` and (when the
/// credentials have a session token) `x-amz-security-token`.
pub fn sign(
    request: &mut Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<(), SigningError> {
    sign_with_settings(
        request,
        credentials,
        region,
        service,
        time,
        &SigningOptions::default(),
    )
}

/// Signs `request` like [`sign`], with explicit `options`.
///
/// With [`SignatureLocation::Headers`] the signing headers replace any
/// earlier copies; with [`SignatureLocation::QueryString`] the `X-Amz-*`
/// parameters are appended to the URI's query.
pub fn sign_with_settings(
    request: &mut Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
    options: &SigningOptions,
) -> Result<(), SigningError> {
    if region.is_empty() {
        return Err(SigningError::EmptyScope("region"));
    }
    if service.is_empty() {
        return Err(SigningError::EmptyScope("service"));
    }
    let needs_host = !request.headers().contains_key(HOST);
    if needs_host && request.uri().authority().is_none() {
        return Err(SigningError::MissingHost);
    }
    let date_time = amz_date(time);
    let date_time = as_str(&date_time);
    let date = &date_time[..8];
    let payload_hash = hex(&sha256(request.body()));
    let payload_hash = as_str(&payload_hash);
    let token = credentials.session_token();
    let signed_token = token.filter(|_| options.sign_session_token);
    let presigned = match options.location {
        SignatureLocation::Headers => None,
        SignatureLocation::QueryString { expires_in } => Some(expires_in),
    };

    if presigned.is_none() {
        let invalid = |name| move |_| SigningError::InvalidSigningHeader { name };
        let headers = request.headers_mut();
        // `insert` replaces what an earlier signing of the request wrote (the
        // `authorization` header is replaced last); a token it wrote and the
        // credentials now lack is removed.
        if token.is_none() {
            headers.remove(X_AMZ_SECURITY_TOKEN);
        }
        headers.insert(
            X_AMZ_DATE,
            HeaderValue::from_str(date_time).map_err(invalid("x-amz-date"))?,
        );
        if let Some(token) = token {
            let mut value =
                HeaderValue::from_str(token).map_err(invalid("x-amz-security-token"))?;
            value.set_sensitive(true);
            headers.insert(X_AMZ_SECURITY_TOKEN, value);
        }
        if options.content_sha256_header {
            headers.insert(
                X_AMZ_CONTENT_SHA256,
                HeaderValue::from_str(payload_hash).map_err(invalid("x-amz-content-sha256"))?,
            );
        }
    }

    // The headers to sign, by name (a stable sort keeps repeated values in
    // order), in a stack array unless there are many.
    let most = request.headers().len() + 1;
    let mut on_stack = [("", ""); 24];
    let mut on_heap = Vec::new();
    let slots: &mut [(&str, &str)] = if most <= on_stack.len() {
        &mut on_stack[..most]
    } else {
        on_heap.resize(most, ("", ""));
        &mut on_heap
    };
    let mut count = 0;
    let mut push = |header| {
        slots[count] = header;
        count += 1;
    };
    for (name, value) in request.headers() {
        let name = name.as_str();
        let skip = UNSIGNED_HEADERS.contains(&name)
            || (name == X_AMZ_SECURITY_TOKEN && !options.sign_session_token)
            || (presigned.is_some() && UNSIGNED_WHEN_PRESIGNED.contains(&name));
        if skip {
            continue;
        }
        let value =
            std::str::from_utf8(value.as_bytes()).map_err(|_| SigningError::NonUtf8Header {
                name: name.to_owned(),
            })?;
        push((name, value));
    }
    if needs_host {
        push((
            "host",
            host_of(request.uri()).ok_or(SigningError::MissingHost)?,
        ));
    }
    let headers = &mut slots[..count];
    headers.sort_by(|a, b| a.0.cmp(b.0));
    let headers = &*headers;
    // Each name once (repeated headers are adjacent once sorted).
    let names = || {
        headers
            .iter()
            .enumerate()
            .filter(|(i, (name, _))| *i == 0 || headers[i - 1].0 != *name)
            .map(|(_, (name, _))| *name)
    };
    let signed_headers_len = names()
        .map(|n| n.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    let write_signed_headers = |out: &mut String| {
        for (i, name) in names().enumerate() {
            if i > 0 {
                out.push(';');
            }
            out.push_str(name);
        }
    };

    let scope = Scope {
        date,
        region,
        service,
    };
    let access_key_id = credentials.access_key_id();
    // Headers: the `authorization` value, written once, exactly as long as it
    // must be (the header value then takes it over without copying); its
    // signed-headers part is hashed from there. Presigned: the query
    // parameters the canonical query includes.
    let mut authorization = String::new();
    let mut presign_params = None;
    let signed_headers = match presigned {
        None => {
            authorization.reserve_exact(
                ALGORITHM.len()
                    + " Credential=".len()
                    + access_key_id.len()
                    + 1
                    + scope.len()
                    + ", SignedHeaders=".len()
                    + signed_headers_len
                    + ", Signature=".len()
                    + 64,
            );
            authorization.push_str(ALGORITHM);
            authorization.push_str(" Credential=");
            authorization.push_str(access_key_id);
            authorization.push('/');
            scope.write(&mut authorization);
            authorization.push_str(", SignedHeaders=");
            let start = authorization.len();
            write_signed_headers(&mut authorization);
            start..authorization.len()
        }
        Some(expires_in) => {
            let mut credential = String::new();
            credential.push_str(access_key_id);
            credential.push('/');
            scope.write(&mut credential);
            let mut signed_headers = String::with_capacity(signed_headers_len);
            write_signed_headers(&mut signed_headers);
            presign_params = Some(PresignParams {
                credential,
                date_time: date_time.to_owned(),
                expires: expires_in.as_secs().to_string(),
                signed_headers,
            });
            0..0
        }
    };
    let signed_headers = match &presign_params {
        Some(params) => params.signed_headers.as_str(),
        None => &authorization[signed_headers],
    };

    let mut text = TEXT
        .with(|text| text.try_borrow_mut().map(|mut t| std::mem::take(&mut *t)))
        .unwrap_or_default();
    text.clear();
    let hasher = &mut Text(&mut text);
    hasher.update(request.method().as_str());
    hasher.update(b"\n");
    canonical_path(hasher, request.uri().path(), options);
    hasher.update(b"\n");
    canonical_query(
        hasher,
        request.uri().query().unwrap_or_default(),
        presign_params.as_ref().map(|p| (p, signed_token)),
    );
    hasher.update(b"\n");
    let mut i = 0;
    while i < headers.len() {
        let name = headers[i].0;
        hasher.update(name);
        hasher.update(b":");
        let mut first = true;
        while i < headers.len() && headers[i].0 == name {
            if !first {
                hasher.update(b",");
            }
            first = false;
            update_trimmed(hasher, headers[i].1);
            i += 1;
        }
        hasher.update(b"\n");
    }
    hasher.update(b"\n");
    hasher.update(signed_headers);
    hasher.update(b"\n");
    hasher.update(payload_hash);
    let canonical_hash = hex(&sha256(&text));

    text.clear();
    for piece in [
        ALGORITHM, "\n", date_time, "\n", date, "/", region, "/", service,
    ] {
        text.extend_from_slice(piece.as_bytes());
    }
    text.extend_from_slice(b"/aws4_request\n");
    text.extend_from_slice(&canonical_hash);
    let signature = with_signing_key(credentials.secret_access_key(), &scope, |key| {
        hex(&bytes32(hmac::sign(key, &text).as_ref()))
    });
    let signature = as_str(&signature);
    // Kept for the next signing on this thread: it holds nothing the request
    // itself does not carry.
    TEXT.with(|cell| {
        if let Ok(mut kept) = cell.try_borrow_mut() {
            *kept = text;
        }
    });

    match presign_params {
        None => {
            authorization.push_str(", Signature=");
            authorization.push_str(signature);
            let mut value = HeaderValue::try_from(authorization).map_err(|_| {
                SigningError::InvalidSigningHeader {
                    name: "authorization",
                }
            })?;
            value.set_sensitive(true);
            request.headers_mut().insert(AUTHORIZATION, value);
            Ok(())
        }
        Some(params) => {
            let mut added = vec![
                ("X-Amz-Algorithm", ALGORITHM),
                ("X-Amz-Credential", params.credential.as_str()),
                ("X-Amz-Date", params.date_time.as_str()),
                ("X-Amz-Expires", params.expires.as_str()),
                ("X-Amz-SignedHeaders", params.signed_headers.as_str()),
                ("X-Amz-Signature", signature),
            ];
            if let Some(token) = token {
                added.push(("X-Amz-Security-Token", token));
            }
            append_query(request, &added)
        }
    }
}

/// The credential scope: `20150830/us-east-1/lightsail/aws4_request`.
struct Scope<'a> {
    date: &'a str,
    region: &'a str,
    service: &'a str,
}

impl Scope<'_> {
    fn len(&self) -> usize {
        self.date.len() + 1 + self.region.len() + 1 + self.service.len() + "/aws4_request".len()
    }

    fn write(&self, out: &mut String) {
        out.push_str(self.date);
        out.push('/');
        out.push_str(self.region);
        out.push('/');
        out.push_str(self.service);
        out.push_str("/aws4_request");
    }
}

/// The `X-Amz-*` parameters of a presigned URL that are signed.
struct PresignParams {
    credential: String,
    date_time: String,
    expires: String,
    signed_headers: String,
}

/// The host a client sends: the URI's authority, without the scheme's default port.
fn host_of(uri: &Uri) -> Option<&str> {
    let authority = uri.authority()?;
    let default_port = matches!(
        (uri.scheme_str(), uri.port_u16()),
        (Some("http"), Some(80)) | (Some("https"), Some(443))
    );
    Some(if default_port {
        authority.host()
    } else {
        authority.as_str()
    })
}

/// The canonical URI: the path with dot segments and empty segments removed
/// (if normalizing), its `%` and reserved characters encoded once more (if
/// double encoding).
fn canonical_path(hasher: &mut Text<'_>, path: &str, options: &SigningOptions) {
    let mut normalized = String::new();
    let path = if options.normalize_uri_path {
        normalize_path(path, &mut normalized)
    } else {
        path
    };
    if options.double_uri_encode && !PATH.keeps_all(path) {
        hasher.update(percent::encode(path, &PATH));
    } else {
        hasher.update(path);
    }
}

/// RFC 3986 section 5.2.4 (remove dot segments), also dropping empty
/// segments, as the AWS SDKs normalize paths; borrows when nothing changes.
fn normalize_path<'a>(path: &'a str, out: &'a mut String) -> &'a str {
    if path.is_empty() {
        return "/";
    }
    if path.starts_with('/') && !path.contains('.') && !path.contains("//") {
        return path;
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    out.push('/');
    out.push_str(&segments.join("/"));
    let ends_with_slash = ["/", "/.", "/./", "/..", "/../"]
        .iter()
        .any(|end| path.ends_with(end));
    if ends_with_slash && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The canonical query string: each parameter decoded (as a form, `+` for a
/// space) and encoded again, the presigning parameters added, sorted.
fn canonical_query(
    hasher: &mut Text<'_>,
    query: &str,
    presign: Option<(&PresignParams, Option<&str>)>,
) {
    if query.is_empty() && presign.is_none() {
        return;
    }
    let mut params: Vec<(Cow<'_, str>, Cow<'_, str>)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (canonical_part(name), canonical_part(value))
        })
        .collect();
    if let Some((p, token)) = presign {
        for (name, value) in [
            ("X-Amz-Date", p.date_time.as_str()),
            ("X-Amz-Expires", p.expires.as_str()),
            ("X-Amz-Algorithm", ALGORITHM),
            ("X-Amz-Credential", p.credential.as_str()),
            ("X-Amz-SignedHeaders", p.signed_headers.as_str()),
        ]
        .into_iter()
        .chain(token.map(|token| ("X-Amz-Security-Token", token)))
        {
            params.push((Cow::Owned(encode(name)), Cow::Owned(encode(value))));
        }
    }
    params.sort();
    for (i, (name, value)) in params.iter().enumerate() {
        if i > 0 {
            hasher.update(b"&");
        }
        hasher.update(name.as_bytes());
        hasher.update(b"=");
        hasher.update(value.as_bytes());
    }
}

fn encode(text: &str) -> String {
    percent::encode(text, &CANONICAL)
}

/// A name or value of the query string in canonical form: decoded as a form
/// and encoded again; borrowed when it already is canonical, as the query
/// strings the generated requests build are.
fn canonical_part(part: &str) -> Cow<'_, str> {
    if percent::is_encoded(part, &CANONICAL) {
        Cow::Borrowed(part)
    } else {
        Cow::Owned(encode(&form_decode(part)))
    }
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a
/// byte; invalid UTF-8 becomes U+FFFD.
fn form_decode(text: &str) -> String {
    let plus_as_space = text.replace('+', " ");
    String::from_utf8_lossy(&percent::decode(&plus_as_space)).into_owned()
}

/// A header value with leading and trailing spaces removed and runs of
/// spaces collapsed to one (other whitespace is kept, as S3 requires).
fn update_trimmed(hasher: &mut Text<'_>, value: &str) {
    let value = value.trim_matches(' ');
    // The common case, checked with a fast substring search: nothing to collapse.
    if !value.contains("  ") {
        hasher.update(value);
        return;
    }
    let mut start = 0;
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ') {
            hasher.update(&bytes[start..=i]);
            while bytes.get(i + 1) == Some(&b' ') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    hasher.update(&bytes[start..]);
}

/// Appends `params` to the URI's query (a presigned URL).
fn append_query(
    request: &mut Request<Vec<u8>>,
    params: &[(&str, &str)],
) -> Result<(), SigningError> {
    let uri = request.uri().clone();
    let mut path_and_query = uri.path().to_owned();
    let mut separator = '?';
    if let Some(query) = uri.query() {
        path_and_query.push('?');
        path_and_query.push_str(query);
        separator = '&';
    }
    for (name, value) in params {
        path_and_query.push(separator);
        percent::encode_into(&mut path_and_query, name, &Keep::UNRESERVED);
        path_and_query.push('=');
        percent::encode_into(&mut path_and_query, value, &Keep::UNRESERVED);
        separator = '&';
    }
    let mut parts = uri.into_parts();
    parts.path_and_query = Some(
        path_and_query
            .parse()
            .map_err(|e: http::uri::InvalidUri| SigningError::InvalidPresignedUri(e.into()))?,
    );
    *request.uri_mut() =
        Uri::from_parts(parts).map_err(|e| SigningError::InvalidPresignedUri(e.into()))?;
    Ok(())
}

/// `YYYYMMDDTHHMMSSZ` in UTC (times before 1970 sign as 1970-01-01).
fn amz_date(time: SystemTime) -> [u8; 16] {
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(i64::MAX / 86_400);
    let (year, month, day) = crate::datetime::civil_from_days(days);
    let second_of_day = seconds % 86_400;
    let mut out = *b"00000000T000000Z";
    let year = u64::try_from(year.clamp(0, 9999)).unwrap_or(0);
    let digits = |out: &mut [u8], mut value: u64| {
        for slot in out.iter_mut().rev() {
            *slot = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    digits(&mut out[0..4], year);
    digits(&mut out[4..6], u64::from(month));
    digits(&mut out[6..8], u64::from(day));
    digits(&mut out[9..11], second_of_day / 3600);
    digits(&mut out[11..13], second_of_day / 60 % 60);
    digits(&mut out[13..15], second_of_day % 60);
    out
}

/// Lower-case hex of a 32-byte digest.
fn hex(bytes: &[u8; 32]) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0; 64];
    for (i, byte) in bytes.iter().enumerate() {
        out[2 * i] = DIGITS[usize::from(byte >> 4)];
        out[2 * i + 1] = DIGITS[usize::from(byte & 0xf)];
    }
    out
}

/// ASCII bytes this module produced as text.
fn as_str(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Text being written to be hashed (the canonical request), fed text or bytes.
struct Text<'a>(&'a mut Vec<u8>);

impl Text<'_> {
    fn update(&mut self, data: impl AsRef<[u8]>) {
        self.0.extend_from_slice(data.as_ref());
    }
}

fn sha256(data: &[u8]) -> [u8; 32] {
    bytes32(digest::digest(&digest::SHA256, data).as_ref())
}

/// A SHA-256 digest or HMAC-SHA256 tag (always 32 bytes) as an array.
fn bytes32(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0; 32];
    let n = out.len().min(bytes.len());
    out[..n].copy_from_slice(&bytes[..n]);
    out
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    bytes32(hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data).as_ref())
}

thread_local! {
    /// The last signing key derived on this thread, with what it was derived from.
    static SIGNING_KEY: RefCell<Option<CachedKey>> = const { RefCell::new(None) };
    /// The buffer the canonical request and the string to sign are written to.
    static TEXT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

struct CachedKey {
    secret: String,
    date: String,
    region: String,
    service: String,
    /// The derived key, with HMAC's inner and outer pads already hashed.
    key: hmac::Key,
}

/// Runs `sign` with the derived signing key (four HMACs), reused while the
/// secret, date, region and service stay the same.
fn with_signing_key<T>(secret: &str, scope: &Scope<'_>, sign: impl FnOnce(&hmac::Key) -> T) -> T {
    SIGNING_KEY.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return sign(&derive_key(secret, scope));
        };
        let stale = cache.as_ref().is_some_and(|c| {
            c.secret != secret
                || c.date != scope.date
                || c.region != scope.region
                || c.service != scope.service
        });
        if stale {
            *cache = None;
        }
        let cached = cache.get_or_insert_with(|| CachedKey {
            secret: secret.to_owned(),
            date: scope.date.to_owned(),
            region: scope.region.to_owned(),
            service: scope.service.to_owned(),
            key: derive_key(secret, scope),
        });
        sign(&cached.key)
    })
}

/// The signing key of `scope`: HMACs of the date, region, service and
/// `aws4_request` chained from the secret.
fn derive_key(secret: &str, scope: &Scope<'_>) -> hmac::Key {
    let mut first = String::with_capacity(4 + secret.len());
    first.push_str("AWS4");
    first.push_str(secret);
    let key = hmac(first.as_bytes(), scope.date.as_bytes());
    let key = hmac(&key, scope.region.as_bytes());
    let key = hmac(&key, scope.service.as_bytes());
    hmac::Key::new(hmac::HMAC_SHA256, &hmac(&key, b"aws4_request"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn credentials(token: Option<&str>) -> Credentials {
        Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token.map(str::to_owned),
        )
    }

    fn time() -> SystemTime {
        // 2015-08-30T12:36:00Z
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160)
    }

    fn lightsail_request() -> Request<Vec<u8>> {
        Request::post("https://lightsail.us-east-1.amazonaws.com/")
            .header("content-type", "application/x-amz-json-1.1")
            .header("x-amz-target", "Lightsail_20161128.UpdateDistribution")
            .body(br#"{"distributionName":"d"}"#.to_vec())
            .unwrap()
    }

    #[test]
    fn sign_adds_date_and_authorization_only() {
        let mut request = lightsail_request();
        sign(
            &mut request,
            &credentials(None),
            "us-east-1",
            "lightsail",
            time(),
        )
        .unwrap();
        let headers = request.headers();
        assert_eq!(headers["x-amz-date"], "20150830T123600Z");
        let auth = headers["authorization"].to_str().unwrap();
        assert!(auth.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/lightsail/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
        ));
        assert!(headers["authorization"].is_sensitive());
        assert!(!headers.contains_key("x-amz-security-token"));
        assert!(!headers.contains_key("x-amz-content-sha256"));
        assert!(!format!("{request:?}").contains("Signature="));
    }

    #[test]
    fn session_token_is_signed_and_hidden() {
        let mut request = lightsail_request();
        sign(
            &mut request,
            &credentials(Some("TOKEN123")),
            "us-east-1",
            "lightsail",
            time(),
        )
        .unwrap();
        let headers = request.headers();
        assert_eq!(headers["x-amz-security-token"], "TOKEN123");
        assert!(headers["x-amz-security-token"].is_sensitive());
        assert!(headers["authorization"].to_str().unwrap().contains(
            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,"
        ));
        assert!(!format!("{request:?}").contains("TOKEN123"));
    }

    #[test]
    fn re_signing_replaces_earlier_headers() {
        let mut request = lightsail_request();
        sign(
            &mut request,
            &credentials(Some("OLD")),
            "us-east-1",
            "lightsail",
            time(),
        )
        .unwrap();
        let later = time() + Duration::from_secs(60);
        sign(
            &mut request,
            &credentials(None),
            "us-east-1",
            "lightsail",
            later,
        )
        .unwrap();
        let headers = request.headers();
        assert_eq!(headers.get_all("authorization").iter().count(), 1);
        assert_eq!(headers["x-amz-date"], "20150830T123700Z");
        assert!(!headers.contains_key("x-amz-security-token"));
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let mut relative = Request::post("/").body(Vec::new()).unwrap();
        assert!(matches!(
            sign(
                &mut relative,
                &credentials(None),
                "us-east-1",
                "lightsail",
                time()
            ),
            Err(SigningError::MissingHost)
        ));
        let mut request = lightsail_request();
        assert!(matches!(
            sign(&mut request, &credentials(None), "", "lightsail", time()),
            Err(SigningError::EmptyScope("region"))
        ));
        let bad_key = Credentials::new("AKID\nEVIL", "secret", None);
        let err = sign(&mut request, &bad_key, "us-east-1", "lightsail", time()).unwrap_err();
        assert!(matches!(
            err,
            SigningError::InvalidSigningHeader {
                name: "authorization"
            }
        ));
        let bad_token = Credentials::new("AKID", "secret", Some("tok\nen".to_owned()));
        assert!(sign(&mut request, &bad_token, "us-east-1", "lightsail", time()).is_err());
        let mut non_utf8 = lightsail_request();
        non_utf8
            .headers_mut()
            .insert("x-odd", HeaderValue::from_bytes(&[0xff, 0xfe]).unwrap());
        assert!(matches!(
            sign(
                &mut non_utf8,
                &credentials(None),
                "us-east-1",
                "lightsail",
                time()
            ),
            Err(SigningError::NonUtf8Header { .. })
        ));
    }

    #[test]
    fn content_sha256_header_on_request() {
        let mut request = lightsail_request();
        let options = SigningOptions {
            content_sha256_header: true,
            ..SigningOptions::default()
        };
        sign_with_settings(
            &mut request,
            &credentials(None),
            "us-east-1",
            "s3",
            time(),
            &options,
        )
        .unwrap();
        assert_eq!(request.headers()["x-amz-content-sha256"].len(), 64);
    }
}
