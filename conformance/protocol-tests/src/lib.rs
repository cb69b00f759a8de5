//! Runs the official Smithy protocol compliance tests for awsJson1_0,
//! awsJson1_1 and restJson1 (client side) against generated bindings.
//!
//! The suite is one Smithy JSON AST ([`Suite`]); its cases live in the
//! `smithy.test#httpRequestTests` and `smithy.test#httpResponseTests` traits of
//! operations and error structures ([`Case`]). Each service's bindings are driven
//! through a JSON dispatch ([`Bindings`]):
//!
//! - request cases turn `params` into wire JSON, deserialize it into the input
//!   type, build the request and compare method, URI, host, headers and body;
//! - response cases build the HTTP response, parse it into the output or error,
//!   serialize that back to wire JSON and compare it with `params`.
//!
//! [`run_all`] runs every case of every awsJson and restJson1 service in the suite, leaving out
//! the ones [`Skips`] lists.

pub mod botocore;
mod compare;
mod shapes;

use std::collections::{BTreeMap, BTreeSet};

use awsgen_runtime::dispatch::{self, Dispatch, Parsed, Strictness};
use serde_json::Value;

pub use compare::json_diff;
use shapes::Shapes;

const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
const PROTOCOLS: [&str; 3] = [
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restJson1",
];
const REST_JSON: &str = "aws.protocols#restJson1";
const UNIT: &str = "smithy.api#Unit";

/// The [`Bindings`] of a service crate of the protocol tests.
#[macro_export]
macro_rules! bindings {
    ($krate:ident) => {
        $crate::Bindings {
            service_id: $krate::outcome::SERVICE_ID,
            generation_error: $krate::outcome::GENERATION_ERROR,
            failed_operations: $krate::outcome::FAILED_OPERATIONS,
            operations: $krate::dispatch::OPERATIONS,
        }
    };
}

/// The generated bindings of one service, as the tests drive them.
#[derive(Debug, Clone, Copy)]
pub struct Bindings {
    /// The service shape id.
    pub service_id: &'static str,
    /// Why the whole service did not generate (`None`: it did).
    pub generation_error: Option<&'static str>,
    /// Operations that did not generate, with the error.
    pub failed_operations: &'static [(&'static str, &'static str)],
    /// The generated dispatch table.
    pub operations: &'static [Dispatch],
}

impl Bindings {
    /// The generated operation, or why it cannot be tested.
    fn operation(&self, operation: &str) -> Result<&'static Dispatch, String> {
        if let Ok(found) = dispatch::find(self.operations, operation) {
            return Ok(found);
        }
        if let Some((_, error)) = self
            .failed_operations
            .iter()
            .find(|(op, _)| *op == operation)
        {
            return Err(format!("generation failed: {error}"));
        }
        Err(match self.generation_error {
            Some(error) => format!("generation failed: {error}"),
            None => format!("operation {operation} was not generated"),
        })
    }
}

/// What a case checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseKind {
    /// An `httpRequestTests` case of the operation.
    Request,
    /// An `httpResponseTests` case of the operation: its output.
    Response,
    /// An `httpResponseTests` case of an error structure (by shape id), run
    /// through an operation that binds it.
    Error(String),
}

/// One client-side test case.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case id.
    pub id: String,
    /// The service shape id.
    pub service: String,
    /// The operation shape id.
    pub operation: String,
    /// What it checks.
    pub kind: CaseKind,
    /// The case as written in the suite.
    pub test: Value,
}

impl Case {
    /// The operation's wire name.
    pub fn operation_name(&self) -> &str {
        shape_name(&self.operation)
    }

    fn text(&self, key: &str) -> Option<&str> {
        self.test[key].as_str()
    }
}

fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

/// The suite: a Smithy JSON AST with test traits.
#[derive(Debug, Clone)]
pub struct Suite {
    shapes: Shapes,
}

impl Suite {
    /// Parses the suite from JSON AST text.
    ///
    /// # Errors
    /// The text is not JSON or has no `shapes` object.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let model: Value =
            serde_json::from_str(text).map_err(|e| format!("the suite is not JSON: {e}"))?;
        match model.get("shapes") {
            Some(Value::Object(shapes)) => Ok(Suite {
                shapes: Shapes::new(shapes.clone()),
            }),
            _ => Err("the suite has no `shapes` object".to_owned()),
        }
    }

    /// Reads and parses the suite at `path`.
    ///
    /// # Errors
    /// The file cannot be read or parsed.
    pub fn load(path: &std::path::Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Self::from_json(&text)
    }

    /// Services with a protocol the bindings speak, with that protocol, sorted by id.
    pub fn services(&self) -> Vec<(String, String)> {
        let mut services: Vec<_> = self
            .shapes
            .all()
            .filter(|(_, shape)| shape["type"] == "service")
            .filter_map(|(id, shape)| {
                let protocol = PROTOCOLS
                    .iter()
                    .find(|p| shape["traits"].get(**p).is_some())?;
                Some((id.clone(), (*protocol).to_owned()))
            })
            .collect();
        services.sort();
        services
    }

    /// The client-side cases of `service` for its protocol: those of its
    /// operations, then those of the errors each operation binds (each error
    /// once, through the first operation that binds it).
    ///
    /// # Errors
    /// The service is not in the suite or speaks none of those protocols.
    pub fn cases(&self, service: &str) -> Result<Vec<Case>, String> {
        let shape = self
            .shapes
            .get(service)
            .ok_or_else(|| format!("the suite has no service {service}"))?;
        let protocol = PROTOCOLS
            .iter()
            .find(|p| shape["traits"].get(**p).is_some())
            .ok_or_else(|| format!("{service} speaks no protocol the bindings do"))?;
        let targets = |value: &Value| -> Vec<String> {
            value
                .as_array()
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|item| item["target"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let service_errors = targets(&shape["errors"]);
        let mut seen_errors = BTreeSet::new();
        let mut cases = Vec::new();
        for operation in targets(&shape["operations"]) {
            let Some(op) = self.shapes.get(&operation) else {
                return Err(format!(
                    "{service} lists {operation}, which the suite lacks"
                ));
            };
            let client_cases = |holder: &Value, trait_id: &str| -> Vec<Value> {
                holder["traits"][trait_id]
                    .as_array()
                    .map(|cases| {
                        cases
                            .iter()
                            .filter(|c| c["protocol"] == *protocol && c["appliesTo"] != "server")
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let mut add = |test: Value, kind: CaseKind| {
                cases.push(Case {
                    id: test["id"].as_str().unwrap_or_default().to_owned(),
                    service: service.to_owned(),
                    operation: operation.clone(),
                    kind,
                    test,
                });
            };
            for test in client_cases(op, REQUEST_TESTS) {
                add(test, CaseKind::Request);
            }
            for test in client_cases(op, RESPONSE_TESTS) {
                add(test, CaseKind::Response);
            }
            for error in targets(&op["errors"])
                .into_iter()
                .chain(service_errors.clone())
            {
                if !seen_errors.insert(error.clone()) {
                    continue;
                }
                let Some(error_shape) = self.shapes.get(&error) else {
                    return Err(format!("{operation} binds {error}, which the suite lacks"));
                };
                for test in client_cases(error_shape, RESPONSE_TESTS) {
                    add(test, CaseKind::Error(error.clone()));
                }
            }
        }
        Ok(cases)
    }

    /// Runs one case against `bindings`.
    ///
    /// # Errors
    /// Why the case fails.
    pub fn run(&self, bindings: &Bindings, case: &Case) -> Result<(), String> {
        let operation = bindings.operation(case.operation_name())?;
        match &case.kind {
            CaseKind::Request => self.run_request(operation, case),
            CaseKind::Response | CaseKind::Error(_) => self.run_response(operation, case),
        }
    }

    /// Whether the case's service speaks restJson1.
    fn is_rest(&self, case: &Case) -> bool {
        self.shapes
            .get(&case.service)
            .is_some_and(|service| service["traits"].get(REST_JSON).is_some())
    }

    /// The input or output target of an operation.
    fn io_target(&self, operation: &str, key: &str) -> String {
        self.shapes
            .get(operation)
            .and_then(|op| op[key]["target"].as_str())
            .unwrap_or(UNIT)
            .to_owned()
    }

    fn run_request(&self, operation: &Dispatch, case: &Case) -> Result<(), String> {
        let input = self.io_target(&case.operation, "input");
        let params = case
            .test
            .get("params")
            .cloned()
            .unwrap_or(Value::Object(Default::default()));
        let wire = self
            .shapes
            .to_wire(&input, None, &params, self.is_rest(case))?;
        // Strictly: a member the harness got wrong must not be dropped unseen.
        let mut request = operation
            .build_request(&wire, Strictness::Strict)
            .map_err(|e| e.to_string())?;
        // Send it where a client would: to the case's endpoint (which may carry a
        // path), with the operation's host prefix applied.
        if let Some(host) = case.text("host") {
            awsgen_runtime::aws_json::apply_endpoint(&mut request, &format!("https://{host}"))
                .map_err(|e| format!("apply_endpoint: {e}"))?;
        }

        let mut problems = Vec::new();
        if let Some(method) = case.text("method")
            && request.method().as_str() != method
        {
            problems.push(format!(
                "method: expected {method}, got {}",
                request.method()
            ));
        }
        if let Some(uri) = case.text("uri") {
            let actual = request.uri().path();
            if actual != uri {
                problems.push(format!("uri: expected {uri}, got {actual}"));
            }
        }
        if let Err(problem) = check_query(case, request.uri().query().unwrap_or_default()) {
            problems.push(problem);
        }
        let headers = request.headers();
        let checks = [
            check_host(case, &request),
            check_headers(case, headers),
            check_present(case, headers),
            case.text("body").map_or(Ok(()), |expected| {
                compare_body(case.text("bodyMediaType"), expected, request.body())
            }),
        ];
        problems.extend(checks.into_iter().filter_map(Result::err));
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    }

    fn run_response(&self, operation: &Dispatch, case: &Case) -> Result<(), String> {
        let status = case.test["code"]
            .as_u64()
            .and_then(|code| u16::try_from(code).ok())
            .ok_or("the case has no valid `code`")?;
        let mut response = http::Response::builder().status(status);
        for (name, value) in case.test["headers"].as_object().into_iter().flatten() {
            response = response.header(name.as_str(), value.as_str().unwrap_or_default());
        }
        let body = case.text("body").unwrap_or_default().as_bytes().to_vec();
        let response = response
            .body(body)
            .map_err(|e| format!("the case's response is not valid HTTP: {e}"))?;
        let parsed = operation
            .parse_response(&response)
            .map_err(|e| format!("parse: {e}"))?;
        let (shape, actual) = match (&case.kind, parsed) {
            (CaseKind::Error(error), Parsed::Error(parsed)) => {
                let expected = shape_name(error);
                let code = parsed.error_type;
                if code != expected {
                    return Err(format!("expected error {expected}, got error {code}"));
                }
                let fields = parsed.fields.ok_or_else(|| {
                    format!("error {code} parsed as unmodeled, not as its modeled variant")
                })?;
                (error.clone(), fields)
            }
            (CaseKind::Error(error), Parsed::Output(_)) => {
                return Err(format!(
                    "expected error {}, got the output",
                    shape_name(error)
                ));
            }
            (_, Parsed::Error(parsed)) => {
                return Err(format!(
                    "expected the output, got error {}",
                    parsed.error_type
                ));
            }
            (_, Parsed::Output(output)) => (self.io_target(&case.operation, "output"), output),
        };
        let params = case
            .test
            .get("params")
            .cloned()
            .unwrap_or(Value::Object(Default::default()));
        let rest = self.is_rest(case);
        let expected = self.shapes.to_wire(&shape, None, &params, rest)?;
        let expected = self.shapes.canonical(&shape, None, &expected, rest)?;
        let actual = self.shapes.canonical(&shape, None, &actual, rest)?;
        match json_diff(&expected, &actual) {
            Some(difference) => Err(format!("parsed value differs {difference}")),
            None => Ok(()),
        }
    }
}

fn string_list(value: &Value) -> impl Iterator<Item = &str> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// `queryParams` must all be present (as a multiset, encoded as sent; no other
/// parameter is allowed when the case lists them), `requireQueryParams`
/// present by name and `forbidQueryParams` absent.
fn check_query(case: &Case, query: &str) -> Result<(), String> {
    let mut actual: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let name = |pair: &str| pair.split('=').next().unwrap_or_default().to_owned();
    let names: BTreeSet<String> = actual.iter().map(|p| name(p)).collect();
    let expected: Vec<&str> = string_list(&case.test["queryParams"]).collect();
    for pair in &expected {
        match actual.iter().position(|p| same_pair(pair, p)) {
            Some(at) => {
                actual.remove(at);
            }
            None => return Err(format!("query: missing {pair} in {query:?}")),
        }
    }
    if !expected.is_empty() && !actual.is_empty() {
        return Err(format!(
            "query: unexpected {} in {query:?}",
            actual.join("&")
        ));
    }
    if let Some(missing) =
        string_list(&case.test["requireQueryParams"]).find(|n| !names.contains(*n))
    {
        return Err(format!("query: missing parameter {missing} in {query:?}"));
    }
    if let Some(present) = string_list(&case.test["forbidQueryParams"]).find(|n| names.contains(*n))
    {
        return Err(format!("query: forbidden parameter {present} in {query:?}"));
    }
    Ok(())
}

/// The token the suite writes for an idempotency token the client fills in.
const TEST_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// Whether query pair `actual` is `expected`; where the suite expects its
/// fixed idempotency token, any fresh UUID v4 of the same shape is.
fn same_pair(expected: &str, actual: &str) -> bool {
    if expected == actual {
        return true;
    }
    match (expected.split_once('='), actual.split_once('=')) {
        (Some((name, TEST_TOKEN)), Some((actual_name, token))) => {
            name == actual_name && is_uuid_v4(token)
        }
        _ => false,
    }
}

fn is_uuid_v4(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            14 => *b == b'4',
            19 => matches!(b, b'8' | b'9' | b'a' | b'b'),
            _ => b.is_ascii_hexdigit(),
        })
}

/// `requireHeaders` must be present and `forbidHeaders` absent.
fn check_present(case: &Case, headers: &http::HeaderMap) -> Result<(), String> {
    let missing: Vec<_> = string_list(&case.test["requireHeaders"])
        .filter(|name| !headers.contains_key(*name))
        .collect();
    if !missing.is_empty() {
        return Err(format!("missing required header {}", missing.join(", ")));
    }
    let forbidden: Vec<_> = string_list(&case.test["forbidHeaders"])
        .filter(|name| headers.contains_key(*name))
        .collect();
    if !forbidden.is_empty() {
        return Err(format!(
            "forbidden header {} is present",
            forbidden.join(", ")
        ));
    }
    Ok(())
}

/// A sans-IO request carries no host: the caller sends it to its endpoint as is.
/// So the request reaches the case's `host` unless the request names its own.
fn check_host(case: &Case, request: &http::Request<Vec<u8>>) -> Result<(), String> {
    let Some(endpoint) = case.text("host") else {
        return Ok(());
    };
    let endpoint_host = endpoint.split('/').next().unwrap_or(endpoint);
    let expected = case.text("resolvedHost").unwrap_or(endpoint_host);
    let own = request
        .uri()
        .authority()
        .map(|a| a.as_str().to_owned())
        .or_else(|| {
            let host = request.headers().get(http::header::HOST)?;
            host.to_str().ok().map(str::to_owned)
        });
    let actual = own.as_deref().unwrap_or(endpoint_host);
    if actual != expected {
        let note = if own.is_none() {
            " (the request names no host of its own, so no host prefix was applied)"
        } else {
            ""
        };
        return Err(format!("host: expected {expected}, got {actual}{note}"));
    }
    Ok(())
}

/// Every header of the case must be present with exactly that value (repeated
/// headers joined with `, `); names are case-insensitive.
fn check_headers(case: &Case, headers: &http::HeaderMap) -> Result<(), String> {
    for (name, expected) in case.test["headers"].as_object().into_iter().flatten() {
        let expected = expected.as_str().unwrap_or_default();
        let values: Vec<_> = headers
            .get_all(name.as_str())
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        if values.is_empty() {
            return Err(format!("missing header {name}: {expected}"));
        }
        let actual = values.join(", ");
        if actual != expected {
            return Err(format!(
                "header {name}: expected {expected:?}, got {actual:?}"
            ));
        }
    }
    Ok(())
}

/// Compares a request body: as JSON for `application/json`, else byte for byte;
/// an empty expected body accepts only an empty one.
fn compare_body(media_type: Option<&str>, expected: &str, actual: &[u8]) -> Result<(), String> {
    let shown = || String::from_utf8_lossy(actual).into_owned();
    if expected.trim().is_empty() {
        return if actual.is_empty() {
            Ok(())
        } else {
            Err(format!("body: expected none, got {:?}", shown()))
        };
    }
    if media_type == Some("application/json") {
        let expected: Value = serde_json::from_str(expected)
            .map_err(|e| format!("the case's body is not JSON: {e}"))?;
        let actual: Value = serde_json::from_slice(actual)
            .map_err(|e| format!("body is not JSON ({e}): {:?}", shown()))?;
        return match json_diff(&expected, &actual) {
            Some(difference) => Err(format!("body differs {difference}")),
            None => Ok(()),
        };
    }
    if actual != expected.as_bytes() {
        return Err(format!("body: expected {expected:?}, got {:?}", shown()));
    }
    Ok(())
}

/// Cases left out on purpose: `<case id>: <reason>` per line; blank lines and
/// lines starting with `#` are ignored.
#[derive(Debug, Clone, Default)]
pub struct Skips {
    reasons: BTreeMap<String, String>,
}

impl Skips {
    /// Parses `skips.txt`.
    ///
    /// # Errors
    /// A line without a reason, or an id listed twice.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut reasons = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (id, reason) = line
                .split_once(':')
                .map(|(id, reason)| (id.trim(), reason.trim()))
                .filter(|(id, reason)| !id.is_empty() && !reason.is_empty())
                .ok_or_else(|| format!("line {}: expected `<case id>: <reason>`", number + 1))?;
            if reasons.insert(id.to_owned(), reason.to_owned()).is_some() {
                return Err(format!("line {}: {id} is listed twice", number + 1));
            }
        }
        Ok(Skips { reasons })
    }

    /// Why case `id` is skipped, if it is.
    pub fn reason(&self, id: &str) -> Option<&str> {
        self.reasons.get(id).map(String::as_str)
    }
}

/// A failed case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The case id.
    pub id: String,
    /// Why it failed.
    pub reason: String,
}

/// The results of one service.
#[derive(Debug, Clone, Default)]
pub struct ServiceReport {
    /// The service shape id.
    pub service: String,
    /// Its protocol trait.
    pub protocol: String,
    /// Cases that passed.
    pub passed: usize,
    /// Cases skipped through [`Skips`].
    pub skipped: usize,
    /// Cases that failed.
    pub failures: Vec<Failure>,
}

/// The results of a whole run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// One entry per awsJson or restJson1 service of the suite, sorted by id.
    pub services: Vec<ServiceReport>,
    /// Skipped ids that match no case of the suite.
    pub unknown_skips: Vec<String>,
}

impl Report {
    /// Passed, failed and skipped cases over all services.
    pub fn totals(&self) -> (usize, usize, usize) {
        self.services.iter().fold((0, 0, 0), |(p, f, s), r| {
            (p + r.passed, f + r.failures.len(), s + r.skipped)
        })
    }
}

/// Runs every client-side case of every awsJson and restJson1 service of the suite. A service
/// without bindings fails all its cases that are not skipped.
///
/// # Errors
/// The suite's cases cannot be listed.
pub fn run_all(suite: &Suite, bindings: &[Bindings], skips: &Skips) -> Result<Report, String> {
    let mut report = Report::default();
    let mut used = BTreeSet::new();
    for (service, protocol) in suite.services() {
        let binding = bindings.iter().find(|b| b.service_id == service);
        let mut result = ServiceReport {
            service: service.clone(),
            protocol: shape_name(&protocol).to_owned(),
            ..ServiceReport::default()
        };
        for case in suite.cases(&service)? {
            if skips.reason(&case.id).is_some() {
                used.insert(case.id.clone());
                result.skipped += 1;
                continue;
            }
            let outcome = match binding {
                Some(binding) => suite.run(binding, &case),
                None => Err(format!("no generated bindings for {service}")),
            };
            match outcome {
                Ok(()) => result.passed += 1,
                Err(reason) => result.failures.push(Failure {
                    id: case.id.clone(),
                    reason,
                }),
            }
        }
        report.services.push(result);
    }
    report.unknown_skips = skips
        .reasons
        .keys()
        .filter(|id| !used.contains(*id))
        .cloned()
        .collect();
    Ok(report)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn skips_need_a_reason() {
        let skips = Skips::parse("# comment\n\nA: why\nB : because: detail\n").unwrap();
        assert_eq!(skips.reason("A"), Some("why"));
        assert_eq!(skips.reason("B"), Some("because: detail"));
        assert_eq!(skips.reason("C"), None);
        assert!(Skips::parse("A\n").is_err());
        assert!(Skips::parse("A:\n").is_err());
        assert!(Skips::parse("A: x\nA: y\n").is_err());
    }

    #[test]
    fn bodies() {
        let json = Some("application/json");
        assert!(compare_body(json, r#"{"a": 1.0}"#, br#"{"a":1}"#).is_ok());
        assert!(compare_body(json, r#"{"a": 1}"#, br#"{"a":2}"#).is_err());
        assert!(compare_body(json, "", b"").is_ok());
        assert!(compare_body(json, "", b"{}").is_err());
        assert!(compare_body(None, "{}", b"{}").is_ok());
        assert!(compare_body(None, "{}", b"{ }").is_err());
    }

    #[test]
    fn unavailable_operations_carry_the_generator_error() {
        let bindings = Bindings {
            service_id: "ns#S",
            generation_error: Some("unions unsupported"),
            failed_operations: &[("B", "blobs unsupported")],
            operations: &[],
        };
        assert_eq!(
            bindings.operation("B").unwrap_err(),
            "generation failed: blobs unsupported"
        );
        assert_eq!(
            bindings.operation("C").unwrap_err(),
            "generation failed: unions unsupported"
        );
        let generated = Bindings {
            generation_error: None,
            ..bindings
        };
        assert_eq!(
            generated.operation("C").unwrap_err(),
            "operation C was not generated"
        );
    }

    fn request_case(test: Value) -> Case {
        Case {
            id: "t".to_owned(),
            service: "ns#S".to_owned(),
            operation: "ns#Op".to_owned(),
            kind: CaseKind::Request,
            test,
        }
    }

    #[test]
    fn hosts_and_headers() {
        let request = http::Request::builder()
            .header("X-Amz-Target", "S.Op")
            .header("x-multi", "a")
            .header("x-multi", "b")
            .body(Vec::new())
            .unwrap();
        let case = request_case(serde_json::json!({
            "host": "example.com",
            "headers": {"x-amz-target": "S.Op", "X-Multi": "a, b"}
        }));
        assert!(check_host(&case, &request).is_ok());
        assert!(check_headers(&case, request.headers()).is_ok());
        let prefixed = request_case(serde_json::json!({
            "host": "example.com", "resolvedHost": "foo.example.com",
            "headers": {"X-Amz-Target": "S.Other"}
        }));
        assert!(check_host(&prefixed, &request).is_err());
        assert!(check_headers(&prefixed, request.headers()).is_err());
    }
}
