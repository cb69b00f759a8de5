//! Every response parser of the generated Lightsail bindings and of the
//! kitchen-sink fixture (every shape kind the generator supports), through
//! their dispatch tables, and the awsJson error-type rules.
//!
//! The input is a response in text form, so that seeds are readable:
//!
//! ```text
//! OperationName
//! 400
//! x-amzn-errortype: NotFoundException
//!
//! {"message": "..."}
//! ```
//!
//! An operation name in neither table picks one by its length. Whatever the
//! status, headers and body, parsing ends in an output, a service error or a
//! `Malformed` error: never a panic.

#![no_main]

use awsgen_runtime::dispatch::{DispatchError, Parsed};
use libfuzzer_sys::fuzz_target;

#[allow(dead_code, missing_docs, clippy::all)]
mod lightsail {
    include!(concat!(env!("OUT_DIR"), "/lightsail.rs"));
}

#[allow(dead_code, missing_docs, clippy::all)]
mod kitchen_sink {
    include!(concat!(env!("OUT_DIR"), "/kitchen_sink.rs"));
}

fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}

fuzz_target!(|data: &[u8]| {
    let table = lightsail::dispatch::OPERATIONS;
    let (name, rest) = split_line(data);
    let name = String::from_utf8_lossy(name);
    let operation =
        lightsail::dispatch::operation(&name).unwrap_or(&table[name.len() % table.len()]);
    let (status, mut rest) = split_line(rest);
    let status = std::str::from_utf8(status)
        .ok()
        .and_then(|s| s.trim().parse::<u16>().ok())
        .and_then(|s| http::StatusCode::from_u16(s).ok())
        .unwrap_or(http::StatusCode::OK);
    let mut response = http::Response::builder().status(status);
    loop {
        let (line, after) = split_line(rest);
        rest = after;
        if line.is_empty() {
            break;
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let name = http::HeaderName::from_bytes(&line[..colon]);
        let value = http::HeaderValue::from_bytes(line[colon + 1..].trim_ascii());
        if let (Ok(name), Ok(value)) = (name, value) {
            response = response.header(name, value);
        }
    }
    let Ok(response) = response.body(rest.to_vec()) else {
        return;
    };
    for protocol in [
        awsgen_runtime::aws_json::Protocol::AwsJson1_1,
        awsgen_runtime::aws_json::Protocol::RestJson1,
    ] {
        let _ = awsgen_runtime::aws_json::error_code(protocol, response.headers(), response.body());
    }
    match operation.parse_response(&response) {
        Ok(Parsed::Output(output)) => assert!(status.is_success() && output.is_object()),
        Ok(Parsed::Error(error)) => assert!(!status.is_success() && !error.error_type.is_empty()),
        Err(DispatchError::Malformed(_)) => {}
        Err(other) => panic!("parsing a response failed with {other:?}"),
    }
});
