//! Answers parity cases: reads one JSON object per line on stdin and writes one
//! JSON object per line on stdout, in the same order.
//!
//! Every case names its `service` (botocore's name for it, see
//! [`awsgen_botocore_parity::SERVICES`]). Bodies travel base64-encoded, since a
//! payload may be any bytes.
//!
//! Request case:
//! `{"id", "kind": "request", "service", "op", "input_json": "<input as JSON text>",
//!   "credentials": {"access_key_id", "secret_access_key", "session_token"?}?, "time": <epoch s>?,
//!   "extra_headers": [[name, value], ..]?}`
//! answered by `{"id", "method", "path", "headers": [[name, value], ..], "body_base64"}`
//! (`path` with its query string)
//! (the extra headers added and the request signed like a client when `credentials`
//! is given) or `{"id", "failure": reason}`.
//!
//! Response case:
//! `{"id", "kind": "response", "service", "op", "status", "headers": [[name, value], ..], "body_base64"}`
//! answered by `{"id", "result": {"output": ..} | {"error": ..} | {"malformed": ..}}`.
//!
//! `driver --services` prints the services as a JSON array of
//! `{"name", "model_file", "protocol", "operations": [..]}`.

use std::io::{BufRead, Write};

use awsgen_botocore_parity::{SERVICES, response, target};
use awsgen_runtime::auth::Credentials;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Value, json};

fn main() -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if std::env::args().nth(1).as_deref() == Some("--services") {
        let services: Vec<Value> = SERVICES
            .iter()
            .map(|t| {
                json!({
                    "name": t.name,
                    "model_file": t.model_file,
                    "protocol": format!("{:?}", t.service.protocol),
                    "operations": t.operation_names(),
                })
            })
            .collect();
        writeln!(out, "{}", json!(services))?;
        return out.flush();
    }
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Value>(&line) {
            Ok(case) => answer(&case),
            Err(e) => json!({ "id": null, "failure": format!("case is not JSON: {e}") }),
        };
        writeln!(out, "{answer}")?;
    }
    out.flush()
}

fn answer(case: &Value) -> Value {
    let id = case.get("id").cloned().unwrap_or(Value::Null);
    let result = match case.get("kind").and_then(Value::as_str) {
        Some("request") => request_case(case),
        Some("response") => response_case(case),
        other => Err(format!("unknown case kind {other:?}")),
    };
    match result {
        Ok(Value::Object(mut fields)) => {
            fields.insert("id".to_owned(), id);
            Value::Object(fields)
        }
        Ok(other) => json!({ "id": id, "result": other }),
        Err(reason) => json!({ "id": id, "failure": reason }),
    }
}

fn str_field<'a>(case: &'a Value, name: &str) -> Result<&'a str, String> {
    case.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("case has no string `{name}`"))
}

fn request_case(case: &Value) -> Result<Value, String> {
    let target = target(str_field(case, "service")?)?;
    let op = str_field(case, "op")?;
    let mut request = target.build_request(op, str_field(case, "input_json")?)?;
    let path = request.uri().to_string();
    for (name, value) in header_pairs(case, "extra_headers")? {
        let name = http::HeaderName::from_bytes(name.as_bytes())
            .map_err(|e| format!("header name: {e}"))?;
        let value =
            http::HeaderValue::from_str(&value).map_err(|e| format!("header value: {e}"))?;
        request.headers_mut().insert(name, value);
    }
    if let Some(creds) = case.get("credentials").filter(|c| !c.is_null()) {
        let credentials = Credentials::new(
            str_field(creds, "access_key_id")?,
            str_field(creds, "secret_access_key")?,
            creds
                .get("session_token")
                .and_then(Value::as_str)
                .map(str::to_owned),
        );
        let time = case
            .get("time")
            .and_then(Value::as_u64)
            .ok_or("case has credentials but no `time` (epoch seconds)")?;
        target.sign_like_a_client(&mut request, &credentials, time)?;
    }
    let headers: Vec<Value> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            json!([
                name.as_str(),
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            ])
        })
        .collect();
    Ok(json!({
        "method": request.method().as_str(),
        "path": path,
        "headers": headers,
        "body_base64": BASE64.encode(request.body()),
    }))
}

fn response_case(case: &Value) -> Result<Value, String> {
    let target = target(str_field(case, "service")?)?;
    let op = str_field(case, "op")?;
    let status = case
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .ok_or("case has no `status`")?;
    let headers = header_pairs(case, "headers")?;
    let body = BASE64
        .decode(str_field(case, "body_base64")?)
        .map_err(|e| format!("body_base64: {e}"))?;
    let response = response(status, &headers, body)?;
    Ok(json!({ "result": target.parse_response(op, &response).to_json() }))
}

/// The `[[name, value], ..]` array `field` of `case` (absent: none).
fn header_pairs(case: &Value, field: &str) -> Result<Vec<(String, String)>, String> {
    let mut headers = Vec::new();
    for pair in case
        .get(field)
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        match pair.as_array().map(Vec::as_slice) {
            Some([Value::String(name), Value::String(value)]) => {
                headers.push((name.clone(), value.clone()));
            }
            _ => {
                return Err(format!(
                    "`{field}` item is not a [name, value] pair: {pair}"
                ));
            }
        }
    }
    Ok(headers)
}
