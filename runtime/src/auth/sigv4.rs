//! AWS Signature Version 4 request signing, through the `aws-sigv4` crate.
//!
//! [`sign`] adds `x-amz-date`, `authorization` and, for temporary
//! credentials, `x-amz-security-token` to a request, which is what
//! awsJson services such as Lightsail expect. [`sign_with_settings`] exposes
//! the variations other services (and the conformance vectors) need.
//!
//! Nothing here logs or prints a secret or a signature; the `authorization`
//! and `x-amz-security-token` headers are marked sensitive so that
//! `http`'s `Debug` hides them.

use std::time::{Duration, SystemTime};

use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest,
    SignatureLocation as SigV4Location, SigningSettings, UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::header::{AUTHORIZATION, HOST};
use http::{HeaderName, HeaderValue, Request, Uri};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::credentials::Credentials;

/// Headers that signing in the `Headers` location writes; stale copies (from
/// an earlier signing of the same request) are removed first.
const X_AMZ_DATE: &str = "x-amz-date";
const X_AMZ_SECURITY_TOKEN: &str = "x-amz-security-token";
const X_AMZ_CONTENT_SHA256: &str = "x-amz-content-sha256";

/// Everything but the RFC 3986 unreserved characters, which is how SigV4
/// encodes query parameters.
const QUERY_ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

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
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SigningError {
    /// The region or service name is empty.
    #[error("the {0} to sign for is empty")]
    EmptyScope(&'static str),
    /// The request names no host (neither in its URI nor in a Host header).
    #[error("the request has no host, so it cannot be signed (use an absolute URI)")]
    MissingHost,
    /// A header value is not UTF-8 text.
    #[error("header `{name}` has a value that is not UTF-8 text, so it cannot be signed")]
    NonUtf8Header {
        /// The header's name.
        name: String,
    },
    /// A signing header could not be built, e.g. because the access key id,
    /// session token, region or service holds characters not allowed in an
    /// HTTP header.
    #[error("the `{name}` header produced by signing is not a valid header value")]
    InvalidSigningHeader {
        /// The header's name.
        name: &'static str,
    },
    /// The presigned URI could not be rebuilt.
    #[error("the presigned URI is not valid")]
    InvalidPresignedUri(#[source] http::Error),
    /// The signer rejected the request or the parameters.
    #[error("the signer rejected the request: {0}")]
    Signer(#[source] Box<dyn std::error::Error + Send + Sync>),
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
    if request.uri().authority().is_none() && !request.headers().contains_key(HOST) {
        return Err(SigningError::MissingHost);
    }
    if options.location == SignatureLocation::Headers {
        let headers = request.headers_mut();
        headers.remove(AUTHORIZATION);
        headers.remove(X_AMZ_DATE);
        headers.remove(X_AMZ_SECURITY_TOKEN);
        if options.content_sha256_header {
            headers.remove(X_AMZ_CONTENT_SHA256);
        }
    }

    let identity: Identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
        None,
        "awsgen",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.percent_encoding_mode = if options.double_uri_encode {
        PercentEncodingMode::Double
    } else {
        PercentEncodingMode::Single
    };
    settings.uri_path_normalization_mode = if options.normalize_uri_path {
        UriPathNormalizationMode::Enabled
    } else {
        UriPathNormalizationMode::Disabled
    };
    settings.session_token_mode = if options.sign_session_token {
        SessionTokenMode::Include
    } else {
        SessionTokenMode::Exclude
    };
    settings.payload_checksum_kind = if options.content_sha256_header {
        PayloadChecksumKind::XAmzSha256
    } else {
        PayloadChecksumKind::NoHeader
    };
    match options.location {
        SignatureLocation::Headers => settings.signature_location = SigV4Location::Headers,
        SignatureLocation::QueryString { expires_in } => {
            settings.signature_location = SigV4Location::QueryParams;
            settings.expires_in = Some(expires_in);
        }
    }
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| SigningError::Signer(Box::new(e)))?
        .into();

    let instructions = {
        let mut headers = Vec::with_capacity(request.headers().len());
        for (name, value) in request.headers() {
            let value =
                std::str::from_utf8(value.as_bytes()).map_err(|_| SigningError::NonUtf8Header {
                    name: name.as_str().to_owned(),
                })?;
            headers.push((name.as_str(), value));
        }
        let signable = SignableRequest::new(
            request.method().as_str(),
            request.uri().to_string(),
            headers.into_iter(),
            SignableBody::Bytes(request.body()),
        )
        .map_err(|e| SigningError::Signer(Box::new(e)))?;
        aws_sigv4::http_request::sign(signable, &params)
            .map_err(|e| SigningError::Signer(Box::new(e)))?
            .into_parts()
            .0
    };

    let (new_headers, new_params) = instructions.into_parts();
    for header in new_headers {
        let name = header.name();
        let invalid = || SigningError::InvalidSigningHeader { name };
        let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
        let mut value = HeaderValue::from_str(header.value()).map_err(|_| invalid())?;
        value.set_sensitive(header.sensitive() || header_name == AUTHORIZATION);
        request.headers_mut().insert(header_name, value);
    }
    if !new_params.is_empty() {
        let uri = request.uri().clone();
        let mut path_and_query = uri.path().to_owned();
        let mut separator = '?';
        if let Some(query) = uri.query() {
            path_and_query.push('?');
            path_and_query.push_str(query);
            separator = '&';
        }
        for (name, value) in new_params {
            path_and_query.push(separator);
            path_and_query.extend(utf8_percent_encode(name, QUERY_ENCODE));
            path_and_query.push('=');
            path_and_query.extend(utf8_percent_encode(&value, QUERY_ENCODE));
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
    }
    Ok(())
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
