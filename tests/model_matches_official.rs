//! Checks the project's Smithy model (`model/lightsail.json`) against the
//! official Amazon Lightsail model.
//!
//! * Every fact of the API (shape ids and types, members and their order,
//!   targets, traits, enum values) must equal the official model; only the
//!   documentation may differ.
//! * The project model must be closed: every shape reachable from the service
//!   is present, and no shape is unreachable.
//! * Every shape and member carries documentation written for the project,
//!   which must not repeat the official documentation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};

use serde_json::{Map, Value};

/// Shape id of the service shape both models describe.
const SERVICE_ID: &str = "com.amazonaws.lightsail#Lightsail_20161128";
/// Documentation trait, the only trait allowed to differ.
const DOC: &str = "smithy.api#documentation";
/// Namespace of the Smithy prelude; its shapes are never part of a model file.
const PRELUDE: &str = "smithy.api#";
/// Service traits the project model does not have to share with the official one.
const SERVICE_IGNORED_TRAITS: [&str; 3] = [
    DOC,
    "smithy.rules#endpointRuleSet",
    "smithy.rules#endpointTests",
];
/// Service properties the project model does not have to share with the official one
/// (`operations` is checked separately: it must be a subset).
const SERVICE_IGNORED_KEYS: [&str; 3] = ["operations", "resources", "traits"];
/// Number of consecutive words a project doc string may not share with the
/// official doc string of the same shape or member.
const MAX_SHARED_RUN: usize = 8;

fn project_model() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/model/lightsail.json");
    load(path)
}

fn official_model() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/models/lightsail-2016-11-28.json"
    );
    load(path)
}

fn load(path: &str) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not valid JSON: {e}"))
}

fn shapes(model: &Value) -> &Map<String, Value> {
    model
        .get("shapes")
        .and_then(Value::as_object)
        .expect("model has no `shapes` object")
}

fn fail_on(problems: &[String], what: &str) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s)\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

// ---------------------------------------------------------------------------
// API facts
// ---------------------------------------------------------------------------

/// A copy of `traits` without the keys in `ignored`; `None` when nothing is left.
fn traits_without(traits: Option<&Value>, ignored: &[&str]) -> Option<Value> {
    let mut map = traits
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    map.retain(|k, _| !ignored.contains(&k.as_str()));
    (!map.is_empty()).then_some(Value::Object(map))
}

/// Sets or removes `key` of `object` depending on `value`.
fn put(object: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    match value {
        Some(v) => {
            object.insert(key.to_owned(), v);
        }
        None => {
            object.remove(key);
        }
    }
}

/// A copy of a shape without documentation on the shape or on its members
/// (and without `traits` objects that end up empty).
fn without_docs(shape: &Value) -> Value {
    let mut shape = shape.clone();
    if let Some(obj) = shape.as_object_mut() {
        let traits = traits_without(obj.get("traits"), &[DOC]);
        put(obj, "traits", traits);
        if let Some(members) = obj.get_mut("members").and_then(Value::as_object_mut) {
            for member in members.values_mut() {
                strip_member_docs(member);
            }
        }
        for key in ["member", "key", "value"] {
            if let Some(member) = obj.get_mut(key) {
                strip_member_docs(member);
            }
        }
    }
    shape
}

fn strip_member_docs(member: &mut Value) {
    if let Some(m) = member.as_object_mut() {
        let traits = traits_without(m.get("traits"), &[DOC]);
        put(m, "traits", traits);
    }
}

/// Records every place where `project` and `official` differ, naming it by `path`.
fn diff_values(path: &str, project: &Value, official: &Value, out: &mut Vec<String>) {
    match (project, official) {
        (Value::Object(p), Value::Object(o)) => {
            for (k, pv) in p {
                match o.get(k) {
                    Some(ov) => diff_values(&format!("{path}/{k}"), pv, ov, out),
                    None => out.push(format!(
                        "{path}/{k}: not in the official model (project: {pv})"
                    )),
                }
            }
            for (k, ov) in o {
                if !p.contains_key(k) {
                    out.push(format!("{path}/{k}: missing (official: {ov})"));
                }
            }
        }
        (Value::Array(p), Value::Array(o)) if p.len() == o.len() => {
            for (i, (pv, ov)) in p.iter().zip(o).enumerate() {
                diff_values(&format!("{path}[{i}]"), pv, ov, out);
            }
        }
        _ => {
            if project != official {
                out.push(format!("{path}: project {project} != official {official}"));
            }
        }
    }
}

fn member_names(shape: &Value) -> Vec<&str> {
    shape
        .get("members")
        .and_then(Value::as_object)
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Every way in which the project model states the API differently from the
/// official model (documentation excluded).
fn api_differences(project: &Value, official: &Value) -> Vec<String> {
    let official_shapes = shapes(official);
    let mut out = Vec::new();
    for (id, shape) in shapes(project) {
        let Some(official_shape) = official_shapes.get(id) else {
            out.push(format!("{id}: shape not in the official model"));
            continue;
        };
        if shape.get("type").and_then(Value::as_str) == Some("service") {
            service_differences(id, shape, official_shape, &mut out);
            continue;
        }
        let (names, official_names) = (member_names(shape), member_names(official_shape));
        if names != official_names {
            out.push(format!(
                "{id}: member names/order differ: project {names:?}, official {official_names:?}"
            ));
        }
        diff_values(
            id,
            &without_docs(shape),
            &without_docs(official_shape),
            &mut out,
        );
    }
    out
}

fn service_differences(id: &str, shape: &Value, official: &Value, out: &mut Vec<String>) {
    let (Some(p), Some(o)) = (shape.as_object(), official.as_object()) else {
        out.push(format!("{id}: shape is not a JSON object"));
        return;
    };
    let official_ops: HashSet<&str> = targets_of(o.get("operations")).collect();
    for op in targets_of(p.get("operations")) {
        if !official_ops.contains(op) {
            out.push(format!(
                "{id}/operations: {op} is not an operation of the official service"
            ));
        }
    }
    let mut rest_p = p.clone();
    let mut rest_o = o.clone();
    for key in SERVICE_IGNORED_KEYS {
        rest_p.remove(key);
        rest_o.remove(key);
    }
    diff_values(id, &Value::Object(rest_p), &Value::Object(rest_o), out);
    let traits_p = traits_without(p.get("traits"), &SERVICE_IGNORED_TRAITS).unwrap_or_default();
    let traits_o = traits_without(o.get("traits"), &SERVICE_IGNORED_TRAITS).unwrap_or_default();
    diff_values(&format!("{id}/traits"), &traits_p, &traits_o, out);
}

/// The `target`s of a list of shape references such as `operations` or `errors`.
fn targets_of(list: Option<&Value>) -> impl Iterator<Item = &str> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| r.get("target").and_then(Value::as_str))
}

// ---------------------------------------------------------------------------
// Closure
// ---------------------------------------------------------------------------

/// Shapes a shape refers to: operation input/output/errors, service
/// operations/resources/errors, collection and structure members.
fn references(shape: &Value) -> Vec<&str> {
    let mut out = Vec::new();
    for key in ["input", "output", "member", "key", "value"] {
        if let Some(t) = shape
            .get(key)
            .and_then(|r| r.get("target"))
            .and_then(Value::as_str)
        {
            out.push(t);
        }
    }
    for key in ["errors", "operations", "resources"] {
        out.extend(targets_of(shape.get(key)));
    }
    if let Some(members) = shape.get("members").and_then(Value::as_object) {
        out.extend(
            members
                .values()
                .filter_map(|m| m.get("target").and_then(Value::as_str)),
        );
    }
    out
}

/// Missing and dead shapes of the project model, walking from its service.
fn closure_problems(project: &Value) -> Vec<String> {
    let all = shapes(project);
    let mut out = Vec::new();
    let services: Vec<&String> = all
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("service"))
        .map(|(id, _)| id)
        .collect();
    if services.len() != 1 || services[0] != SERVICE_ID {
        out.push(format!(
            "expected exactly one service shape {SERVICE_ID}, found {services:?}"
        ));
    }
    let Some(service) = all.get(SERVICE_ID) else {
        return out;
    };
    let mut reached: BTreeSet<&str> = BTreeSet::from([SERVICE_ID]);
    let mut missing: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut queue: VecDeque<(&str, &Value)> = VecDeque::from([(SERVICE_ID, service)]);
    // Each shape enters the queue at most once, so this ends after at most
    // `all.len()` rounds.
    while let Some((from, shape)) = queue.pop_front() {
        for target in references(shape) {
            if target.starts_with(PRELUDE) || reached.contains(target) {
                continue;
            }
            match all.get_key_value(target) {
                Some((id, s)) => {
                    reached.insert(id.as_str());
                    queue.push_back((id.as_str(), s));
                }
                None => {
                    missing.entry(target).or_default().insert(from);
                }
            }
        }
    }
    for (target, from) in missing {
        let from: Vec<&str> = from.into_iter().collect();
        out.push(format!(
            "{target}: referenced from {} but not in the project model",
            from.join(", ")
        ));
    }
    for id in all.keys() {
        if !reached.contains(id.as_str()) {
            out.push(format!("{id}: dead shape, not reachable from {SERVICE_ID}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Documentation
// ---------------------------------------------------------------------------

fn doc_of(node: Option<&Value>) -> Option<&str> {
    node?.get("traits")?.get(DOC)?.as_str()
}

/// Lower-cased words of a doc string with HTML tags removed and punctuation
/// trimmed from word ends.
fn words(doc: &str) -> Vec<String> {
    let mut text = String::with_capacity(doc.len());
    let mut in_tag = false;
    for c in doc.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.extend(c.to_lowercase()),
            _ => {}
        }
    }
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The first run of `MAX_SHARED_RUN` consecutive words of `project` that also
/// occurs in `official`.
fn shared_run(project: &[String], official: &[String]) -> Option<String> {
    let official_runs: HashSet<&[String]> = official.windows(MAX_SHARED_RUN).collect();
    project
        .windows(MAX_SHARED_RUN)
        .find(|w| official_runs.contains(w))
        .map(|w| w.join(" "))
}

/// Checks one doc string: present, with words, not a copy of the official one.
fn check_doc(place: &str, doc: Option<&str>, official: Option<&str>, out: &mut Vec<String>) {
    let Some(doc) = doc else {
        out.push(format!("{place}: no {DOC}"));
        return;
    };
    let project_words = words(doc);
    if project_words.is_empty() {
        out.push(format!("{place}: documentation is empty"));
        return;
    }
    let Some(official) = official else {
        return;
    };
    let official_words = words(official);
    if project_words == official_words {
        out.push(format!("{place}: documentation equals the official text"));
    } else if let Some(run) = shared_run(&project_words, &official_words) {
        out.push(format!(
            "{place}: documentation repeats {MAX_SHARED_RUN} words of the official text: \"{run}\""
        ));
    }
}

/// Missing, empty or copied documentation on shapes and their members.
fn doc_problems(project: &Value, official: &Value) -> Vec<String> {
    let official_shapes = shapes(official);
    let mut out = Vec::new();
    for (id, shape) in shapes(project) {
        let official_shape = official_shapes.get(id);
        check_doc(id, doc_of(Some(shape)), doc_of(official_shape), &mut out);
        let Some(members) = shape.get("members").and_then(Value::as_object) else {
            continue;
        };
        for (name, member) in members {
            let official_member = official_shape
                .and_then(|s| s.get("members"))
                .and_then(|m| m.get(name));
            check_doc(
                &format!("{id}${name}"),
                doc_of(Some(member)),
                doc_of(official_member),
                &mut out,
            );
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Checks of the committed model
// ---------------------------------------------------------------------------

#[test]
fn json_maps_keep_document_order() {
    // Member order is compared through the order of JSON object keys, which
    // needs serde_json's `preserve_order` feature.
    let v: Value = serde_json::from_str(r#"{"b": 1, "a": 2}"#).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["b", "a"],
        "serde_json sorts object keys; enable `preserve_order`"
    );
}

#[test]
fn project_model_is_smithy_2_with_the_lightsail_service() {
    let project = project_model();
    assert_eq!(project.get("smithy").and_then(Value::as_str), Some("2.0"));
    let service = shapes(&project)
        .get(SERVICE_ID)
        .expect("service shape missing");
    assert_eq!(
        service.get("version").and_then(Value::as_str),
        Some("2016-11-28")
    );
    let ops: Vec<&str> = targets_of(service.get("operations")).collect();
    assert_eq!(ops, ["com.amazonaws.lightsail#UpdateDistribution"]);
    let traits = service
        .get("traits")
        .and_then(Value::as_object)
        .expect("service traits");
    for trait_id in [
        "aws.protocols#awsJson1_1",
        "aws.auth#sigv4",
        "aws.api#service",
        "smithy.api#title",
    ] {
        assert!(traits.contains_key(trait_id), "service lacks {trait_id}");
    }
}

#[test]
fn project_model_states_the_api_like_the_official_model() {
    fail_on(
        &api_differences(&project_model(), &official_model()),
        "project model differs from the official model",
    );
}

#[test]
fn project_model_is_closed_and_has_no_dead_shapes() {
    fail_on(
        &closure_problems(&project_model()),
        "project model is not closed",
    );
}

#[test]
fn project_model_holds_the_official_closure_of_its_operations() {
    // Walking the official model from the project's operations reaches
    // exactly the shapes of the project model.
    let project = project_model();
    let official = official_model();
    let official_shapes = shapes(&official);
    let mut reached: BTreeSet<&str> = BTreeSet::from([SERVICE_ID]);
    let mut queue: VecDeque<&str> =
        targets_of(shapes(&project)[SERVICE_ID].get("operations")).collect();
    // Each shape is queued at most once, so the loop is bounded by the
    // number of official shapes.
    while let Some(id) = queue.pop_front() {
        if id.starts_with(PRELUDE) || !reached.insert(id) {
            continue;
        }
        let shape = official_shapes
            .get(id)
            .unwrap_or_else(|| panic!("{id} is not in the official model"));
        queue.extend(references(shape));
    }
    let project_ids: BTreeSet<&str> = shapes(&project).keys().map(String::as_str).collect();
    let missing: Vec<&&str> = reached.difference(&project_ids).collect();
    let extra: Vec<&&str> = project_ids.difference(&reached).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing from the project model: {missing:?}; not reached in the official model: {extra:?}"
    );
    // The service, UpdateDistribution and the 36 shapes it reaches.
    assert_eq!(project_ids.len(), 38);
}

#[test]
fn project_model_documents_everything_in_its_own_words() {
    fail_on(
        &doc_problems(&project_model(), &official_model()),
        "documentation problems",
    );
}

// ---------------------------------------------------------------------------
// The checks above catch broken models
// ---------------------------------------------------------------------------

const REQUEST: &str = "com.amazonaws.lightsail#UpdateDistributionRequest";

/// Problems in `after` that `before` did not have, so that these tests only
/// look at what their own change to the model caused.
fn new_problems(before: Vec<String>, after: Vec<String>) -> Vec<String> {
    let before: HashSet<String> = before.into_iter().collect();
    after.into_iter().filter(|p| !before.contains(p)).collect()
}

fn mentions(problems: &[String], needles: &[&str]) -> bool {
    problems
        .iter()
        .any(|p| needles.iter().all(|n| p.contains(n)))
}

fn request_members(model: &mut Value) -> &mut Map<String, Value> {
    model["shapes"][REQUEST]["members"].as_object_mut().unwrap()
}

#[test]
fn checker_reports_a_changed_member_target() {
    let official = official_model();
    let mut project = project_model();
    request_members(&mut project)["isEnabled"]["target"] =
        Value::from("com.amazonaws.lightsail#string");
    let problems = new_problems(
        api_differences(&project_model(), &official),
        api_differences(&project, &official),
    );
    assert!(
        mentions(&problems, &[REQUEST, "isEnabled", "target"]),
        "{problems:?}"
    );
}

#[test]
fn checker_reports_reordered_members() {
    let official = official_model();
    let mut project = project_model();
    let members = request_members(&mut project);
    let first = members.remove("distributionName").unwrap();
    members.insert("distributionName".to_owned(), first);
    let problems = new_problems(
        api_differences(&project_model(), &official),
        api_differences(&project, &official),
    );
    assert!(mentions(&problems, &[REQUEST, "order"]), "{problems:?}");
}

#[test]
fn checker_reports_changed_traits_and_enum_values() {
    let official = official_model();
    let mut project = project_model();
    request_members(&mut project)["distributionName"]["traits"]
        .as_object_mut()
        .unwrap()
        .remove("smithy.api#required");
    project["shapes"]["com.amazonaws.lightsail#BehaviorEnum"]["members"]["CacheSetting"]["traits"]
        ["smithy.api#enumValue"] = Value::from("caching");
    project["shapes"]["com.amazonaws.lightsail#NotFoundException"]["traits"]["smithy.api#httpError"] =
        Value::from(400);
    let problems = new_problems(
        api_differences(&project_model(), &official),
        api_differences(&project, &official),
    );
    assert!(
        mentions(
            &problems,
            &["distributionName", "smithy.api#required", "missing"]
        ),
        "{problems:?}"
    );
    assert!(
        mentions(&problems, &["BehaviorEnum", "CacheSetting", "caching"]),
        "{problems:?}"
    );
    assert!(
        mentions(&problems, &["NotFoundException", "httpError"]),
        "{problems:?}"
    );
}

#[test]
fn checker_reports_unknown_shapes_and_operations() {
    let official = official_model();
    let mut project = project_model();
    let shapes_mut = project["shapes"].as_object_mut().unwrap();
    shapes_mut.insert(
        "com.amazonaws.lightsail#Invented".to_owned(),
        serde_json::json!({"type": "string", "traits": {DOC: "<p>Made up.</p>"}}),
    );
    shapes_mut[SERVICE_ID]["operations"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"target": "com.amazonaws.lightsail#Invented"}));
    let problems = new_problems(
        api_differences(&project_model(), &official),
        api_differences(&project, &official),
    );
    assert!(
        mentions(&problems, &["#Invented", "not in the official model"]),
        "{problems:?}"
    );
    assert!(
        mentions(&problems, &["operations", "#Invented"]),
        "{problems:?}"
    );
}

#[test]
fn checker_compares_service_traits_but_ignores_endpoint_rules() {
    let official = official_model();
    let mut project = project_model();
    let traits = project["shapes"][SERVICE_ID]["traits"]
        .as_object_mut()
        .unwrap();
    traits.insert(
        "smithy.rules#endpointRuleSet".to_owned(),
        serde_json::json!({"version": "1.0"}),
    );
    traits.insert(
        "smithy.rules#endpointTests".to_owned(),
        serde_json::json!({"testCases": []}),
    );
    assert_eq!(
        new_problems(
            api_differences(&project_model(), &official),
            api_differences(&project, &official)
        ),
        Vec::<String>::new()
    );

    let traits = project["shapes"][SERVICE_ID]["traits"]
        .as_object_mut()
        .unwrap();
    traits["aws.api#service"]["sdkId"] = Value::from("LightSail");
    traits.remove("smithy.api#title");
    let problems = new_problems(
        api_differences(&project_model(), &official),
        api_differences(&project, &official),
    );
    assert!(
        mentions(&problems, &["aws.api#service/sdkId", "LightSail"]),
        "{problems:?}"
    );
    assert!(
        mentions(&problems, &["smithy.api#title", "missing"]),
        "{problems:?}"
    );
}

#[test]
fn checker_reports_missing_and_dead_shapes() {
    let mut project = project_model();
    let shapes_mut = project["shapes"].as_object_mut().unwrap();
    shapes_mut
        .remove("com.amazonaws.lightsail#CookieObject")
        .unwrap();
    shapes_mut.insert(
        "com.amazonaws.lightsail#Orphan".to_owned(),
        serde_json::json!({"type": "string", "traits": {DOC: "<p>Nobody uses this.</p>"}}),
    );
    let problems = new_problems(
        closure_problems(&project_model()),
        closure_problems(&project),
    );
    assert!(
        mentions(
            &problems,
            &[
                "#CookieObject",
                "referenced from com.amazonaws.lightsail#CacheSettings"
            ]
        ),
        "{problems:?}"
    );
    assert!(
        mentions(&problems, &["#Orphan", "dead shape"]),
        "{problems:?}"
    );
}

#[test]
fn checker_reports_missing_and_copied_documentation() {
    let official = official_model();
    let official_request_doc =
        official["shapes"][REQUEST]["members"]["certificateName"]["traits"][DOC].clone();
    let official_op_doc =
        official["shapes"]["com.amazonaws.lightsail#UpdateDistribution"]["traits"][DOC]
            .as_str()
            .unwrap()
            .to_owned();
    let mut project = project_model();
    let members = request_members(&mut project);
    members["isEnabled"]["traits"]
        .as_object_mut()
        .unwrap()
        .remove(DOC);
    members["origin"]["traits"][DOC] = Value::from("<p> </p>");
    members["certificateName"]["traits"][DOC] = official_request_doc;
    project["shapes"]["com.amazonaws.lightsail#RegionName"]["members"]["EU_WEST_1"]["traits"]
        .as_object_mut()
        .unwrap()
        .remove(DOC);
    // Eight words of the official text inside otherwise new wording.
    let eight: Vec<String> = words(&official_op_doc).into_iter().take(8).collect();
    project["shapes"]["com.amazonaws.lightsail#UpdateDistribution"]["traits"][DOC] =
        Value::from(format!(
            "<p>Our own start, then {}; and our own end.</p>",
            eight.join(" ")
        ));
    let problems = new_problems(
        doc_problems(&project_model(), &official),
        doc_problems(&project, &official),
    );
    assert!(
        mentions(
            &problems,
            &[
                "UpdateDistributionRequest$isEnabled",
                "no smithy.api#documentation"
            ]
        ),
        "{problems:?}"
    );
    assert!(
        mentions(&problems, &["UpdateDistributionRequest$origin", "empty"]),
        "{problems:?}"
    );
    assert!(
        mentions(
            &problems,
            &["UpdateDistributionRequest$certificateName", "equals"]
        ),
        "{problems:?}"
    );
    assert!(
        mentions(
            &problems,
            &["RegionName$EU_WEST_1", "no smithy.api#documentation"]
        ),
        "{problems:?}"
    );
    assert!(
        mentions(
            &problems,
            &["#UpdateDistribution:", "repeats 8 words", &eight.join(" ")]
        ),
        "{problems:?}"
    );
    assert_eq!(problems.len(), 5, "{problems:?}");
}

#[test]
fn word_runs_ignore_markup_and_case_but_need_the_full_length() {
    let official = words("<p>The <code>Quick</code> brown fox jumps over the lazy dog today.</p>");
    assert_eq!(official[1], "quick");
    let copied = words("A quick brown fox jumps over the lazy DOG today!");
    assert_eq!(
        shared_run(&copied, &official).as_deref(),
        Some("quick brown fox jumps over the lazy dog")
    );
    let seven = words("the quick brown fox jumps over the sleepy dog");
    assert_eq!(shared_run(&seven, &official), None);
}
