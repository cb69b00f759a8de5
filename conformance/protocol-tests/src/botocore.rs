//! botocore's own protocol tests (`shared/conformance/botocore-protocol-tests/`),
//! read as cases of the Smithy suite: botocore derives its restJson1 cases from
//! the Smithy protocol tests (same ids, same operations), writing them in its
//! own format with its own expectations. Each botocore case becomes a [`Case`]
//! of the Smithy service with the same operation, so the bindings generated
//! from the Smithy suite answer it through the same checks.

use serde_json::{Map, Value, json};

use crate::{Case, CaseKind};

/// The cases of a botocore protocol-test file (`input/*.json`: requests;
/// `output/*.json`: outputs and errors) as cases of `service`, a service shape
/// id of the Smithy suite whose operations they name.
///
/// # Errors
/// The text is not a botocore protocol-test file.
pub fn cases(text: &str, service: &str) -> Result<Vec<Case>, String> {
    let suites: Value =
        serde_json::from_str(text).map_err(|e| format!("not a botocore test file: {e}"))?;
    let namespace = service.split_once('#').map_or("", |(ns, _)| ns);
    let mut cases = Vec::new();
    for suite in suites
        .as_array()
        .ok_or("not a botocore test file: no suites")?
    {
        for case in suite["cases"].as_array().into_iter().flatten() {
            let id = case["id"].as_str().ok_or("a botocore case without an id")?;
            let operation = case["given"]["name"]
                .as_str()
                .ok_or_else(|| format!("{id}: no operation name"))?;
            let (kind, test) = if let Some(serialized) = case.get("serialized") {
                let endpoint = suite["clientEndpoint"].as_str();
                (
                    CaseKind::Request,
                    request_test(id, case, serialized, endpoint)?,
                )
            } else if let Some(code) = case["errorCode"].as_str() {
                // The error shape: the one whose code this is (a query-compatible
                // error has a code of its own), else the shape named so.
                let shape = suite["shapes"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .find(|(_, shape)| shape["error"]["code"] == code)
                    .map_or(code, |(name, _)| name.as_str());
                let test = response_test(case, &case["error"]);
                (CaseKind::Error(format!("{namespace}#{shape}")), test)
            } else {
                (CaseKind::Response, response_test(case, &case["result"]))
            };
            cases.push(Case {
                id: id.to_owned(),
                service: service.to_owned(),
                operation: format!("{namespace}#{operation}"),
                kind,
                test,
            });
        }
    }
    Ok(cases)
}

/// A Smithy `httpRequestTests` case from botocore's `serialized` request: the
/// URI split into path and query parameters, the suite's client endpoint as
/// `host` and botocore's expected host as `resolvedHost`, a JSON body
/// compared as JSON.
fn request_test(
    id: &str,
    case: &Value,
    serialized: &Value,
    endpoint: Option<&str>,
) -> Result<Value, String> {
    let uri = serialized["uri"]
        .as_str()
        .ok_or_else(|| format!("{id}: no serialized uri"))?;
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let query_params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let mut test = Map::new();
    test.insert("id".to_owned(), json!(id));
    test.insert("method".to_owned(), serialized["method"].clone());
    test.insert("uri".to_owned(), json!(path));
    test.insert("queryParams".to_owned(), json!(query_params));
    test.insert("params".to_owned(), case["params"].clone());
    for key in ["headers", "forbidHeaders", "requireHeaders"] {
        if let Some(value) = serialized.get(key) {
            test.insert(key.to_owned(), value.clone());
        }
    }
    if let Some(resolved) = serialized.get("host") {
        let endpoint = endpoint
            .map(|e| e.split_once("://").map_or(e, |(_, host)| host))
            .ok_or_else(|| format!("{id}: an expected host without a client endpoint"))?;
        test.insert("host".to_owned(), json!(endpoint));
        // botocore writes the expected host with the endpoint's path, if any.
        let resolved = resolved.as_str().unwrap_or_default();
        let resolved = resolved.split('/').next().unwrap_or(resolved);
        test.insert("resolvedHost".to_owned(), json!(resolved));
    }
    if let Some(body) = serialized["body"].as_str() {
        test.insert("body".to_owned(), json!(body));
        // JSON when botocore says so, or says nothing and the body is an object.
        let content_type = serialized["headers"]
            .as_object()
            .into_iter()
            .flatten()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
            .map(|(_, value)| value.as_str().unwrap_or_default());
        let json_body = match content_type {
            Some(content_type) => {
                content_type == "application/json"
                    || content_type.starts_with("application/x-amz-json-")
            }
            None => serde_json::from_str::<Value>(body).is_ok_and(|v| v.is_object()),
        };
        if json_body {
            test.insert("bodyMediaType".to_owned(), json!("application/json"));
        }
    }
    Ok(Value::Object(test))
}

/// A Smithy `httpResponseTests` case from botocore's `response` and the
/// expected members (`result` of an output, `error` of an error).
fn response_test(case: &Value, params: &Value) -> Value {
    let response = &case["response"];
    json!({
        "id": case["id"],
        "code": response["status_code"],
        "headers": response.get("headers").cloned().unwrap_or_else(|| json!({})),
        "body": response.get("body").cloned().unwrap_or_else(|| json!("")),
        "params": params,
    })
}
