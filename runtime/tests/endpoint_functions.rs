//! Edge cases of the rules engine library functions.

#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use awsgen_runtime::endpoint::functions::{
    Arn, Url, is_valid_host_label, is_virtual_hostable_s3_bucket, parse_arn, parse_url, split,
    substring, uri_encode,
};

#[test]
fn host_label_single() {
    for ok in ["a", "abc", "a-b", "123", "A1-b2", &"x".repeat(63)] {
        assert!(is_valid_host_label(ok, false), "{ok:?} should be valid");
    }
    for bad in [
        "",
        "-abc",
        "abc-",
        "a_b",
        "a b",
        "a.b",
        "ü",
        &"x".repeat(64),
    ] {
        assert!(
            !is_valid_host_label(bad, false),
            "{bad:?} should be invalid"
        );
    }
}

#[test]
fn host_label_with_subdomains() {
    for ok in ["a.b", "abc", "my-bucket.s3.x1", "a.b.c.d"] {
        assert!(is_valid_host_label(ok, true), "{ok:?} should be valid");
    }
    for bad in ["", ".a", "a.", "a..b", "a.-b", "a-.b", "a._b"] {
        assert!(!is_valid_host_label(bad, true), "{bad:?} should be invalid");
    }
    // Each label may be up to 63 characters; the whole name may be longer.
    let long = format!("{}.{}", "x".repeat(63), "y".repeat(63));
    assert!(is_valid_host_label(&long, true));
    assert!(!is_valid_host_label(&long, false));
}

fn url(scheme: &str, authority: &str, path: &str, normalized: &str, is_ip: bool) -> Url {
    Url {
        scheme: scheme.into(),
        authority: authority.into(),
        path: path.into(),
        normalized_path: normalized.into(),
        is_ip,
    }
}

#[test]
fn parse_url_hosts_ports_paths() {
    assert_eq!(
        parse_url("https://example.com"),
        Some(url("https", "example.com", "", "/", false))
    );
    assert_eq!(
        parse_url("http://example.com:80/foo/bar"),
        Some(url(
            "http",
            "example.com:80",
            "/foo/bar",
            "/foo/bar/",
            false
        ))
    );
    assert_eq!(
        parse_url("https://example.com:8443/a/b/"),
        Some(url("https", "example.com:8443", "/a/b/", "/a/b/", false))
    );
    assert_eq!(
        parse_url("https://example.com/"),
        Some(url("https", "example.com", "/", "/", false))
    );
}

#[test]
fn parse_url_ip_hosts() {
    assert_eq!(
        parse_url("https://127.0.0.1"),
        Some(url("https", "127.0.0.1", "", "/", true))
    );
    assert_eq!(
        parse_url("http://192.168.0.10:8080/p"),
        Some(url("http", "192.168.0.10:8080", "/p", "/p/", true))
    );
    assert_eq!(
        parse_url("https://[fe80::1]"),
        Some(url("https", "[fe80::1]", "", "/", true))
    );
    assert_eq!(
        parse_url("https://[::1]:4443/x"),
        Some(url("https", "[::1]:4443", "/x", "/x/", true))
    );
    // Digits that do not form an address are a host name.
    assert!(!parse_url("https://999.1.1.1").unwrap().is_ip);
    assert!(!parse_url("https://1.2.3").unwrap().is_ip);
}

#[test]
fn parse_url_rejections() {
    for bad in [
        "https://example.com:8443?foo=bar&faz=baz",
        "https://example.com/path?",
        "https://example.com/#frag",
        "ftp://example.com",
        "example.com",
        "/just/a/path",
        "https://",
        "https://exa mple.com",
        "",
    ] {
        assert_eq!(parse_url(bad), None, "{bad:?} should be rejected");
    }
}

#[test]
fn parse_url_drops_user_info() {
    assert_eq!(
        parse_url("https://user:secret@example.com/x").map(|u| u.authority),
        Some("example.com".to_owned())
    );
}

#[test]
fn uri_encode_reserved_and_unreserved() {
    assert_eq!(uri_encode("AZaz09-_.~"), "AZaz09-_.~");
    assert_eq!(uri_encode("a b"), "a%20b");
    assert_eq!(
        uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
        "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
    );
    // Non-ASCII text is encoded byte by byte, with uppercase hex digits.
    assert_eq!(uri_encode("é"), "%C3%A9");
    assert_eq!(uri_encode("\u{1F600}"), "%F0%9F%98%80");
    assert_eq!(uri_encode(""), "");
}

#[test]
fn substring_forward_and_reverse() {
    assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
    assert_eq!(substring("abcdefg", 2, 5, false), Some("cde"));
    assert_eq!(substring("abcdefg", 0, 7, false), Some("abcdefg"));
    assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
    assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
    assert_eq!(substring("abcdefg", 0, 7, true), Some("abcdefg"));
}

#[test]
fn substring_out_of_range_and_non_ascii() {
    assert_eq!(substring("abc", 0, 4, false), None);
    assert_eq!(substring("abc", 0, 4, true), None);
    assert_eq!(substring("abc", 2, 2, false), None);
    assert_eq!(substring("abc", 2, 1, false), None);
    assert_eq!(substring("", 0, 1, false), None);
    // Any non-ASCII character anywhere makes the result unset, even when the
    // requested range is ASCII.
    assert_eq!(substring("abcé", 0, 1, false), None);
    assert_eq!(substring("éabc", 0, 1, true), None);
}

fn arn(partition: &str, service: &str, region: &str, account: &str, resource: &[&str]) -> Arn {
    Arn {
        partition: partition.into(),
        service: service.into(),
        region: region.into(),
        account_id: account.into(),
        resource_id: resource.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[test]
fn parse_arn_valid() {
    assert_eq!(
        parse_arn("arn:aws:sns:us-west-2:012345678910:topic-name"),
        Some(arn(
            "aws",
            "sns",
            "us-west-2",
            "012345678910",
            &["topic-name"]
        ))
    );
    assert_eq!(
        parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e98"),
        Some(arn(
            "aws",
            "ec2",
            "us-east-1",
            "012345678910",
            &["vpc", "vpc-0e98"]
        ))
    );
    assert_eq!(
        parse_arn("arn:aws:iam::012345678910:user/johndoe"),
        Some(arn("aws", "iam", "", "012345678910", &["user", "johndoe"]))
    );
    assert_eq!(
        parse_arn("arn:aws:s3:::bucket_name"),
        Some(arn("aws", "s3", "", "", &["bucket_name"]))
    );
    // The resource keeps any further `:` and splits on both `:` and `/`.
    assert_eq!(
        parse_arn("arn:aws-cn:s3:cn-north-1:123:accesspoint:ap/x:y"),
        Some(arn(
            "aws-cn",
            "s3",
            "cn-north-1",
            "123",
            &["accesspoint", "ap", "x", "y"]
        ))
    );
    assert_eq!(
        parse_arn("arn:aws:s3:us-east-1:123:a//b"),
        Some(arn("aws", "s3", "us-east-1", "123", &["a", "", "b"]))
    );
}

#[test]
fn parse_arn_malformed() {
    for bad in [
        "11111111-2222-3333-4444-555555555555",
        "",
        "arn",
        "arn:",
        "arn:aws:sns",
        "arn:aws:sns:us-west-2:123",
        "arn::sns:us-west-2:123:topic",
        "arn:aws::us-west-2:123:topic",
        "arn:aws:sns:us-west-2:123:",
        "ARN:aws:sns:us-west-2:123:topic",
        " arn:aws:sns:us-west-2:123:topic",
    ] {
        assert_eq!(parse_arn(bad), None, "{bad:?} should be rejected");
    }
}

#[test]
fn virtual_hostable_bucket() {
    for ok in ["bucket", "abc", "my-bucket-1", "a--b", &"b".repeat(63)] {
        assert!(is_virtual_hostable_s3_bucket(ok, false), "{ok:?}");
    }
    for bad in [
        "ab",
        "Bucket",
        "my_bucket",
        "-bucket",
        "bucket-",
        "my.bucket",
        &"b".repeat(64),
    ] {
        assert!(!is_virtual_hostable_s3_bucket(bad, false), "{bad:?}");
    }
    for ok in ["my.bucket", "a.b.c", "bucket"] {
        assert!(is_virtual_hostable_s3_bucket(ok, true), "{ok:?} with dots");
    }
    for bad in [
        "192.168.1.1",
        "my..bucket",
        "my-.bucket",
        "my.-bucket",
        ".bucket",
        "bucket.",
        "My.bucket",
    ] {
        assert!(
            !is_virtual_hostable_s3_bucket(bad, true),
            "{bad:?} with dots"
        );
    }
}

#[test]
fn split_limits() {
    assert_eq!(split("a--b--c", "--", 0), Some(vec!["a", "b", "c"]));
    assert_eq!(split("a--b--c", "--", 2), Some(vec!["a", "b--c"]));
    assert_eq!(split("a--b--c", "--", 1), Some(vec!["a--b--c"]));
    assert_eq!(split("a--b--c", "--", 9), Some(vec!["a", "b", "c"]));
    assert_eq!(split("--mid--", "--", 0), Some(vec!["", "mid", ""]));
    assert_eq!(split("", "--", 0), Some(vec![""]));
    assert_eq!(split("plain", "--", 0), Some(vec!["plain"]));
    assert_eq!(split("abc", "", 0), None);
}
