//! The cross-SDK shared-config conformance vectors
//! (`shared/conformance/shared-config`): profile file parsing and merging
//! (`profile-parser-tests.json`) and file locations
//! (`file-location-tests.json`), run through `awsgen_runtime::auth`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::PathBuf;

use awsgen_runtime::auth::{
    Env, Platform, ProfileFileLocations, ProfileSet, selected_profile_name,
};

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/conformance/shared-config"
);
const SKIPS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/profile_skips.txt");

type Sections = HashMap<String, HashMap<String, String>>;

#[derive(serde::Deserialize)]
struct ParserTests {
    tests: Vec<ParserTest>,
}

#[derive(serde::Deserialize)]
struct ParserTest {
    name: String,
    input: ParserInput,
    output: ParserOutput,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ParserInput {
    config_file: Option<String>,
    credentials_file: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
enum ParserOutput {
    Config {
        profiles: Sections,
        #[serde(default)]
        sso_sessions: Sections,
    },
    ErrorContaining(String),
}

#[derive(serde::Deserialize)]
struct LocationTests {
    tests: Vec<LocationTest>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct LocationTest {
    name: String,
    environment: HashMap<String, String>,
    platform: String,
    profile: Option<String>,
    config_location: String,
    credentials_location: String,
}

fn flatten<'a>(sections: impl Iterator<Item = &'a awsgen_runtime::auth::Profile>) -> Sections {
    sections
        .map(|section| {
            let properties = section
                .properties()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            (section.name().to_owned(), properties)
        })
        .collect()
}

fn run_parser_case(test: &ParserTest) -> Result<(), String> {
    let parsed = ProfileSet::parse(
        test.input.config_file.as_deref(),
        test.input.credentials_file.as_deref(),
    );
    match (&test.output, parsed) {
        (
            ParserOutput::Config {
                profiles,
                sso_sessions,
            },
            Ok(set),
        ) => {
            let actual_profiles = flatten(set.profiles());
            let actual_sessions = flatten(set.sso_sessions());
            if &actual_profiles != profiles {
                return Err(format!(
                    "profiles differ:\n  expected {profiles:?}\n  got      {actual_profiles:?}"
                ));
            }
            if &actual_sessions != sso_sessions {
                return Err(format!(
                    "sso-sessions differ:\n  expected {sso_sessions:?}\n  got      {actual_sessions:?}"
                ));
            }
            Ok(())
        }
        (ParserOutput::Config { .. }, Err(e)) => Err(format!("expected success, got error: {e}")),
        (ParserOutput::ErrorContaining(text), Err(e)) => {
            if e.to_string().contains(text.as_str()) {
                Ok(())
            } else {
                Err(format!("error `{e}` does not contain `{text}`"))
            }
        }
        (ParserOutput::ErrorContaining(text), Ok(set)) => Err(format!(
            "expected an error containing `{text}`, parsed {:?}",
            flatten(set.profiles())
        )),
    }
}

fn run_location_case(test: &LocationTest) -> Result<(), String> {
    let platform = match test.platform.as_str() {
        "windows" => Platform::Windows,
        "linux" | "macos" => Platform::Unix,
        other => return Err(format!("unknown platform {other}")),
    };
    let env = Env::from_map(test.environment.clone());
    let locations = ProfileFileLocations::resolve(&env, platform);
    let expected = ProfileFileLocations {
        config: Some(PathBuf::from(&test.config_location)),
        credentials: Some(PathBuf::from(&test.credentials_location)),
    };
    if locations != expected {
        return Err(format!("expected {expected:?}, got {locations:?}"));
    }
    if let Some(profile) = &test.profile {
        let selected = selected_profile_name(&env);
        if &selected != profile {
            return Err(format!("expected profile {profile}, got {selected}"));
        }
    }
    Ok(())
}

fn skips() -> BTreeMap<String, String> {
    fs::read_to_string(SKIPS)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (name, reason) = line.split_once('\t').unwrap_or((line, ""));
            (name.to_owned(), reason.trim().to_owned())
        })
        .collect()
}

#[test]
fn shared_config_conformance_vectors() {
    let parser: ParserTests = serde_json::from_str(
        &fs::read_to_string(format!("{DIR}/profile-parser-tests.json")).unwrap(),
    )
    .unwrap();
    let locations: LocationTests = serde_json::from_str(
        &fs::read_to_string(format!("{DIR}/file-location-tests.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(parser.tests.len(), 65);
    assert_eq!(locations.tests.len(), 9);

    let skips = skips();
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut report = Vec::new();
    let mut record = |name: String, run: &dyn Fn() -> Result<(), String>| {
        if let Some(reason) = skips.get(&name) {
            println!("skip {name}: {reason}");
            skipped += 1;
            return;
        }
        match run() {
            Ok(()) => passed += 1,
            Err(e) => {
                failed += 1;
                report.push(format!("FAIL {name}: {e}"));
            }
        }
    };
    for test in &parser.tests {
        record(format!("parser: {}", test.name), &|| run_parser_case(test));
    }
    for test in &locations.tests {
        record(format!("location: {}", test.name), &|| {
            run_location_case(test)
        });
    }
    for line in &report {
        println!("{line}");
    }
    println!("profile vectors: {passed} passed, {failed} failed, {skipped} skipped");
    assert_eq!(failed, 0, "{}", report.join("\n"));
    assert_eq!(passed + skipped, 74);
}
