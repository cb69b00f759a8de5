//! The SigV4 conformance vectors (`shared/conformance/sigv4/v4`), run through
//! `awsgen_runtime::auth::sign_with_settings`.
//!
//! Each case folder holds a raw HTTP request and the expected results of
//! header signing and (for most cases) query-string presigning. For each, the
//! request is parsed into an `http::Request`, signed, and compared with the
//! expected signed request: the signature, every header, the path and the
//! query parameters. The canonical request and string to sign are internal
//! to the signer; the signature proves them, and in addition the signed
//! header list, credential scope and date we emit are checked against the
//! expected canonical request and string to sign.
//!
//! Settings per case: `normalize`, `sign_body` (adds `x-amz-content-sha256`),
//! `omit_session_token` (token sent but not signed) and
//! `expiration_in_seconds` come from `context.json`. The suite's context has
//! no URI-encoding flag; its expected canonical requests encode the path once
//! (e.g. `/example%20space/`, not `/example%2520space/`), so those cases sign
//! with `double_uri_encode = false`. The two older cases without
//! `context.json` (`double-url-encode`, `double-encode-path`) exist to test
//! double encoding and are signed with the defaults (double encoding on);
//! their key id, date, region and service are read from the expected
//! `Authorization` header and the request's `X-Amz-Date`, and their secret is
//! the published example secret belonging to that key id.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use awsgen_runtime::auth::{Credentials, SignatureLocation, SigningOptions, sign_with_settings};
use http::{HeaderName, HeaderValue, Request};
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/conformance/sigv4/v4"
);
const SKIPS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sigv4_skips.txt");

/// Characters `http::Uri` refuses in a request target, which the raw
/// requests of the suite contain (spaces, UTF-8); they are percent-encoded
/// once, as a client would send them.
const TARGET_ENCODE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Published example key pairs used by the cases without `context.json`.
const EXAMPLE_SECRETS: &[(&str, &str)] = &[
    ("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    ("ANOTREAL", "notrealrnrELgWzOk3IfjzDKtFBhDby"),
];

/// A raw HTTP/1.1 request as written in the suite.
struct RawRequest {
    method: String,
    /// Request target, percent-encoded where `http::Uri` needs it.
    target: String,
    /// Header names and values in file order (folded lines joined by a
    /// space), without `Host`.
    headers: Vec<(String, String)>,
    host: Option<String>,
    body: Vec<u8>,
}

fn parse_raw_request(text: &str) -> Result<RawRequest, String> {
    let (head, body) = match text.split_once("\n\n") {
        Some((head, body)) => (head, body.as_bytes().to_vec()),
        None => (text.trim_end_matches('\n'), Vec::new()),
    };
    let mut lines = head.lines();
    let request_line = lines.next().ok_or("empty request")?;
    let (method, rest) = request_line.split_once(' ').ok_or("no request target")?;
    let target = match rest.rsplit_once(' ') {
        Some((target, version)) if version.starts_with("HTTP/") => target,
        _ => rest,
    };
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            let (_, value) = headers.last_mut().ok_or("continuation before any header")?;
            value.push(' ');
            value.push_str(line.trim_matches([' ', '\t']));
        } else {
            let (name, value) = line.split_once(':').ok_or("header without ':'")?;
            headers.push((name.to_owned(), value.trim_matches([' ', '\t']).to_owned()));
        }
    }
    let host = headers
        .iter()
        .position(|(name, _)| name.eq_ignore_ascii_case("host"))
        .map(|index| headers.remove(index).1);
    Ok(RawRequest {
        method: method.to_owned(),
        target: utf8_percent_encode(target, TARGET_ENCODE).to_string(),
        headers,
        host,
        body,
    })
}

impl RawRequest {
    fn to_http(&self) -> Result<Request<Vec<u8>>, String> {
        let host = self.host.as_deref().ok_or("request has no Host header")?;
        let mut builder = Request::builder()
            .method(self.method.as_str())
            .uri(format!("https://{host}{}", self.target));
        for (name, value) in &self.headers {
            builder = builder.header(
                HeaderName::from_bytes(name.as_bytes()).map_err(|e| e.to_string())?,
                HeaderValue::from_str(value).map_err(|e| e.to_string())?,
            );
        }
        builder.body(self.body.clone()).map_err(|e| e.to_string())
    }
}

#[derive(serde::Deserialize)]
struct Context {
    credentials: ContextCredentials,
    expiration_in_seconds: u64,
    normalize: bool,
    region: String,
    service: String,
    sign_body: bool,
    timestamp: String,
    #[serde(default)]
    omit_session_token: bool,
}

#[derive(serde::Deserialize)]
struct ContextCredentials {
    access_key_id: String,
    secret_access_key: String,
    token: Option<String>,
}

/// Everything needed to sign one case.
struct CaseSetup {
    credentials: Credentials,
    region: String,
    service: String,
    time: SystemTime,
    options: SigningOptions,
    /// Whether the case has query-string (presigning) expectations.
    expires_in: Option<Duration>,
}

/// Seconds since the epoch for a UTC civil date and time.
fn epoch_seconds(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> i64 {
    // Days from 1970-01-01 to the date (proleptic Gregorian calendar).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + hour * 3_600 + minute * 60 + second
}

/// Parses `2015-08-30T12:36:00Z` or `20150830T123600Z`.
fn parse_timestamp(text: &str) -> Result<SystemTime, String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 14 || !text.ends_with('Z') {
        return Err(format!("unsupported timestamp {text}"));
    }
    let field = |range: std::ops::Range<usize>| -> Result<i64, String> {
        digits
            .get(range)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad timestamp {text}"))
    };
    let seconds = epoch_seconds(
        field(0..4)?,
        field(4..6)?,
        field(6..8)?,
        field(8..10)?,
        field(10..12)?,
        field(12..14)?,
    );
    let seconds = u64::try_from(seconds).map_err(|e| e.to_string())?;
    Ok(SystemTime::UNIX_EPOCH + Duration::from_secs(seconds))
}

fn read(dir: &Path, name: &str) -> Option<String> {
    fs::read_to_string(dir.join(name))
        .ok()
        .map(|text| text.replace("\r\n", "\n"))
}

/// The value of `key=` inside an `Authorization` header.
fn auth_field<'a>(authorization: &'a str, key: &str) -> Option<&'a str> {
    authorization
        .split([' ', ','])
        .find_map(|part| part.strip_prefix(key)?.strip_prefix('='))
}

fn setup(dir: &Path, request: &RawRequest) -> Result<CaseSetup, String> {
    if let Some(context) = read(dir, "context.json") {
        let context: Context = serde_json::from_str(&context).map_err(|e| e.to_string())?;
        let credentials = Credentials::new(
            context.credentials.access_key_id,
            context.credentials.secret_access_key,
            context.credentials.token,
        );
        let options = SigningOptions {
            double_uri_encode: false,
            normalize_uri_path: context.normalize,
            sign_session_token: !context.omit_session_token,
            content_sha256_header: context.sign_body,
            location: SignatureLocation::Headers,
        };
        return Ok(CaseSetup {
            credentials,
            region: context.region,
            service: context.service,
            time: parse_timestamp(&context.timestamp)?,
            options,
            expires_in: Some(Duration::from_secs(context.expiration_in_seconds)),
        });
    }
    // Older case: take the scope from the expected Authorization header.
    let expected = parse_raw_request(
        &read(dir, "header-signed-request.txt").ok_or("no header-signed-request.txt")?,
    )?;
    let authorization = header_value(&expected.headers, "authorization")
        .ok_or("expected request has no Authorization header")?;
    let credential = auth_field(authorization, "Credential").ok_or("no Credential=")?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key_id, _date, region, service, "aws4_request"] = scope[..] else {
        return Err(format!("unexpected credential {credential}"));
    };
    let secret = EXAMPLE_SECRETS
        .iter()
        .find(|(id, _)| *id == access_key_id)
        .map(|(_, secret)| *secret)
        .ok_or_else(|| format!("no known secret for key id {access_key_id}"))?;
    let date = header_value(&request.headers, "x-amz-date").ok_or("request has no X-Amz-Date")?;
    Ok(CaseSetup {
        credentials: Credentials::new(access_key_id, secret, None),
        region: region.to_owned(),
        service: service.to_owned(),
        time: parse_timestamp(date)?,
        options: SigningOptions::default(),
        expires_in: None,
    })
}

fn header_value<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Headers as a sorted multiset of (lower-case name, value), without Host.
fn header_multiset<'a>(
    headers: impl Iterator<Item = (String, String)> + 'a,
) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = headers
        .map(|(n, v)| (n.to_ascii_lowercase(), v))
        .filter(|(n, _)| n != "host")
        .collect();
    all.sort();
    all
}

/// Query parameters as a sorted multiset of decoded (name, value).
fn query_multiset(query: Option<&str>) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| percent_decode_str(s).decode_utf8_lossy().into_owned();
            (decode(name), decode(value))
        })
        .collect();
    all.sort();
    all
}

/// Signs the case's request for one location and compares with the
/// expectations; returns what differs.
fn run_location(dir: &Path, case: &CaseSetup, raw: &RawRequest, query: bool) -> Result<(), String> {
    let prefix = if query { "query" } else { "header" };
    let expected_text =
        read(dir, &format!("{prefix}-signed-request.txt")).ok_or("no expected signed request")?;
    let expected = parse_raw_request(&expected_text)?;
    let expected_uri: http::Uri = format!(
        "https://{}{}",
        expected.host.as_deref().unwrap_or_default(),
        expected.target
    )
    .parse()
    .map_err(|e: http::uri::InvalidUri| e.to_string())?;

    let mut options = case.options.clone();
    if query {
        options.location = SignatureLocation::QueryString {
            expires_in: case.expires_in.ok_or("query case without expiry")?,
        };
    }
    let mut request = raw.to_http()?;
    sign_with_settings(
        &mut request,
        &case.credentials,
        &case.region,
        &case.service,
        case.time,
        &options,
    )
    .map_err(|e| format!("signing failed: {e}"))?;

    let mut problems = Vec::new();

    // Signature, signed header list, scope and date.
    let actual_query = query_multiset(request.uri().query());
    let param = |name: &str| {
        actual_query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let actual_authorization = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (signature, signed_headers, credential, date) = if query {
        (
            param("X-Amz-Signature"),
            param("X-Amz-SignedHeaders"),
            param("X-Amz-Credential"),
            param("X-Amz-Date"),
        )
    } else {
        let auth = actual_authorization.clone().unwrap_or_default();
        (
            auth_field(&auth, "Signature").map(str::to_owned),
            auth_field(&auth, "SignedHeaders").map(str::to_owned),
            auth_field(&auth, "Credential").map(str::to_owned),
            request
                .headers()
                .get("x-amz-date")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        )
    };
    let expected_signature = match read(dir, &format!("{prefix}-signature.txt")) {
        Some(text) => Some(text.trim().to_owned()),
        None if query => query_multiset(expected_uri.query())
            .into_iter()
            .find(|(n, _)| n == "X-Amz-Signature")
            .map(|(_, v)| v),
        None => header_value(&expected.headers, "authorization")
            .and_then(|auth| auth_field(auth, "Signature"))
            .map(str::to_owned),
    };
    if expected_signature.is_none() || signature != expected_signature {
        problems.push(format!(
            "signature differs: expected {expected_signature:?}, got {signature:?}"
        ));
    }
    if let Some(creq) = read(dir, &format!("{prefix}-canonical-request.txt")) {
        let lines: Vec<&str> = creq.trim_end().lines().collect();
        let expected_signed = lines
            .len()
            .checked_sub(2)
            .and_then(|i| lines.get(i))
            .copied();
        if signed_headers.as_deref() != expected_signed {
            problems.push(format!(
                "signed headers differ from the canonical request: expected {expected_signed:?}, got {signed_headers:?}"
            ));
        }
    }
    if let Some(sts) = read(dir, &format!("{prefix}-string-to-sign.txt")) {
        let lines: Vec<&str> = sts.trim_end().lines().collect();
        let expected_date = lines.get(1).copied();
        let expected_scope = lines.get(2).copied();
        let actual_scope = credential
            .as_deref()
            .and_then(|c| c.split_once('/'))
            .map(|(_, scope)| scope);
        if date.as_deref() != expected_date || actual_scope != expected_scope {
            problems.push(format!(
                "date/scope differ from the string to sign: expected {expected_date:?} {expected_scope:?}, got {date:?} {actual_scope:?}"
            ));
        }
    }

    // The whole signed request.
    if request.method().as_str() != expected.method {
        problems.push(format!(
            "method {} != {}",
            request.method(),
            expected.method
        ));
    }
    if request.uri().authority() != expected_uri.authority() {
        problems.push(format!(
            "host {:?} != {:?}",
            request.uri().authority(),
            expected_uri.authority()
        ));
    }
    if request.uri().path() != expected_uri.path() {
        problems.push(format!(
            "path {} != {}",
            request.uri().path(),
            expected_uri.path()
        ));
    }
    let expected_query = query_multiset(expected_uri.query());
    if actual_query != expected_query {
        problems.push(format!(
            "query parameters differ:\n  expected {expected_query:?}\n  got      {actual_query:?}"
        ));
    }
    let actual_headers = header_multiset(request.headers().iter().map(|(n, v)| {
        (
            n.as_str().to_owned(),
            String::from_utf8_lossy(v.as_bytes()).into_owned(),
        )
    }));
    let expected_headers = header_multiset(expected.headers.iter().cloned());
    if actual_headers != expected_headers {
        problems.push(format!(
            "headers differ:\n  expected {expected_headers:?}\n  got      {actual_headers:?}"
        ));
    }
    if request.body() != &expected.body {
        problems.push("body differs".to_owned());
    }

    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{prefix} signing: {}", problems.join("; ")))
    }
}

fn run_case(dir: &Path) -> Result<usize, String> {
    let raw = parse_raw_request(&read(dir, "request.txt").ok_or("no request.txt")?)?;
    let case = setup(dir, &raw)?;
    let mut locations = 0;
    let mut failures = Vec::new();
    for query in [false, true] {
        let prefix = if query { "query" } else { "header" };
        if !dir.join(format!("{prefix}-signed-request.txt")).exists() {
            continue;
        }
        locations += 1;
        if let Err(e) = run_location(dir, &case, &raw, query) {
            failures.push(e);
        }
    }
    if locations == 0 {
        return Err("no expected signed request".to_owned());
    }
    if failures.is_empty() {
        Ok(locations)
    } else {
        Err(failures.join("\n"))
    }
}

fn skips() -> BTreeMap<String, String> {
    fs::read_to_string(SKIPS)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (name, reason) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            (name.to_owned(), reason.trim().to_owned())
        })
        .collect()
}

#[test]
fn sigv4_conformance_vectors() {
    let mut dirs: Vec<PathBuf> = fs::read_dir(SUITE)
        .unwrap_or_else(|e| panic!("cannot read {SUITE}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    assert_eq!(dirs.len(), 40, "the suite should hold 40 cases");
    let skips = skips();
    let (mut passed, mut failed, mut skipped, mut signings) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(reason) = skips.get(&name) {
            println!("skip {name}: {reason}");
            skipped += 1;
            continue;
        }
        match run_case(dir) {
            Ok(locations) => {
                passed += 1;
                signings += locations;
            }
            Err(e) => {
                failed += 1;
                report.push(format!("FAIL {name}:\n{e}"));
            }
        }
    }
    for line in &report {
        println!("{line}");
    }
    println!(
        "sigv4 vectors: {passed} passed, {failed} failed, {skipped} skipped ({signings} signings compared)"
    );
    assert_eq!(failed, 0, "{}", report.join("\n"));
    assert!(passed > 0);
}

#[test]
fn request_parser_handles_the_suite_quirks() {
    let raw = parse_raw_request("GET /a b/ሴ?x=ሴ HTTP/1.1\nHost:h\nMy-H:v1\n  v2\n     v3\n\nbody")
        .unwrap();
    assert_eq!(raw.target, "/a%20b/%E1%88%B4?x=%E1%88%B4");
    assert_eq!(raw.host.as_deref(), Some("h"));
    assert_eq!(
        raw.headers,
        vec![("My-H".to_owned(), "v1 v2 v3".to_owned())]
    );
    assert_eq!(raw.body, b"body");
    assert_eq!(
        parse_timestamp("2015-08-30T12:36:00Z").unwrap(),
        parse_timestamp("20150830T123600Z").unwrap()
    );
    assert_eq!(
        parse_timestamp("2015-08-30T12:36:00Z").unwrap(),
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160)
    );
}
