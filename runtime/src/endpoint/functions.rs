//! The rules engine's library functions as plain Rust functions.
//!
//! The interpreter calls these after it has checked argument types; they are public
//! so that their edge cases can be tested (and used) directly. `aws.partition` lives
//! on [`Partitions::resolve`](super::Partitions::resolve).

use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// `isValidHostLabel`: whether `value` is an RFC 1123 host label — 1 to 63 ASCII
/// letters, digits and hyphens, starting and ending with a letter or digit. With
/// `allow_subdomains`, `value` may be several such labels joined by `.`.
pub fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        value.split('.').all(is_single_host_label)
    } else {
        is_single_host_label(value)
    }
}

fn is_single_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            bytes.len() <= 63
                && first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

/// `substring`: the characters of `input` from `start` (inclusive) to `stop`
/// (exclusive), counted from the end when `reverse` is set.
///
/// `None` when `start >= stop`, when `input` is shorter than `stop`, or when
/// `input` contains a non-ASCII character.
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<&str> {
    if start >= stop || input.len() < stop || !input.is_ascii() {
        return None;
    }
    if reverse {
        let len = input.len();
        input.get(len - stop..len - start)
    } else {
        input.get(start..stop)
    }
}

/// Everything but the RFC 3986 unreserved characters is encoded.
/// `uriEncode`: RFC 3986 percent-encoding of every byte of the UTF-8 text except
/// the unreserved characters `A-Z a-z 0-9 - _ . ~`, with uppercase hex digits.
pub fn uri_encode(value: &str) -> String {
    crate::percent::encode(value, &crate::percent::Keep::UNRESERVED)
}

/// The result of [`parse_url`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`, without `://`.
    pub scheme: String,
    /// Host and optional port, as written (user information removed).
    pub authority: String,
    /// The path as written; empty when the URL has none.
    pub path: String,
    /// The path with a leading and a trailing `/` ensured.
    pub normalized_path: String,
    /// Whether the host is an IPv4 address or a bracketed IPv6 address.
    pub is_ip: bool,
}

/// `parseURL`: splits an absolute `http`/`https` URL into its parts.
///
/// `None` for text that is not such a URL, and for URLs with a query or a fragment
/// (the rules engine requires rejecting a query; a fragment has no meaning for an
/// endpoint either).
pub fn parse_url(value: &str) -> Option<Url> {
    if value.contains(['?', '#']) {
        return None;
    }
    let uri = http::Uri::from_str(value).ok()?;
    let scheme = uri.scheme_str()?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = uri.authority()?.as_str();
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if authority.is_empty() {
        return None;
    }
    // `http::Uri` reports an absent path as "/"; the rules engine wants it as written.
    let after_authority = value
        .split_once("://")
        .map(|(_, rest)| rest.find('/').map_or("", |i| &rest[i..]))
        .unwrap_or("");
    let path = after_authority.to_owned();
    let mut normalized_path = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(&path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(Url {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path,
        normalized_path,
        is_ip: host_is_ip(authority),
    })
}

fn host_is_ip(authority: &str) -> bool {
    if let Some(rest) = authority.strip_prefix('[') {
        // An IPv6 literal, possibly with a zone id (`%25eth0`) and a port.
        return rest.split_once(']').is_some_and(|(addr, _)| {
            let addr = addr.split_once('%').map_or(addr, |(a, _)| a);
            Ipv6Addr::from_str(addr).is_ok()
        });
    }
    let host = authority.split_once(':').map_or(authority, |(h, _)| h);
    Ipv4Addr::from_str(host).is_ok()
}

/// The result of [`parse_arn`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    /// The partition, such as `aws`.
    pub partition: String,
    /// The service namespace, such as `s3`.
    pub service: String,
    /// The region; empty for resources that are not regional.
    pub region: String,
    /// The account id; empty for resources without one.
    pub account_id: String,
    /// The resource part split on `:` and `/`.
    pub resource_id: Vec<String>,
}

/// `aws.parseArn`: splits `arn:partition:service:region:account:resource`.
///
/// `None` unless the text starts with `arn:`, has all six parts, and its partition,
/// service and resource are non-empty.
pub fn parse_arn(value: &str) -> Option<Arn> {
    let mut parts = value.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account_id = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

/// `aws.isVirtualHostableS3Bucket`: whether `value` can be used as a bucket host
/// label — 3 to 63 characters of lowercase letters, digits and hyphens (and dots
/// with `allow_subdomains`, each dot-separated part a valid host label), not
/// shaped like an IPv4 address.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    (3..=63).contains(&value.len())
        && !value.bytes().any(|b| b.is_ascii_uppercase())
        && is_valid_host_label(value, allow_subdomains)
        && !looks_like_ipv4(value)
}

/// Four dot-separated groups of digits, whether or not each fits in a byte.
fn looks_like_ipv4(value: &str) -> bool {
    let groups: Vec<&str> = value.split('.').collect();
    groups.len() == 4
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
}

/// `split`: `value` split on `delimiter` into at most `limit` parts (`0` means no
/// limit; the last part keeps the rest of the text).
///
/// `None` when `delimiter` is empty.
pub fn split<'a>(value: &'a str, delimiter: &str, limit: usize) -> Option<Vec<&'a str>> {
    if delimiter.is_empty() {
        return None;
    }
    Some(if limit == 0 {
        value.split(delimiter).collect()
    } else {
        value.splitn(limit, delimiter).collect()
    })
}
