//! Credentials providers, the default chain, region resolution and secret
//! redaction. The environment is always a fixed map and the home directory
//! a fresh temporary folder, so the real `~/.aws` is never read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime};

use awsgen_runtime::auth::{
    Credentials, CredentialsError, DefaultCredentialsChain, Env, EnvironmentCredentials,
    LoadedProfiles, ProfileCredentials, ProvideCredentials, Region, default_region,
    region_from_env, region_from_profile,
};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN: &str = "session-token-value-123";

/// Polls a future once; the providers under test never wait.
fn now<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("provider future did not complete on the first poll"),
    }
}

/// A temporary home directory, removed on drop.
struct TempHome {
    path: PathBuf,
}

impl TempHome {
    fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "awsgen-auth-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(path.join(".aws")).unwrap();
        Self { path }
    }

    fn write(&self, relative: &str, text: &str) -> PathBuf {
        let file = self.path.join(relative);
        std::fs::write(&file, text).unwrap();
        file
    }

    fn home(&self) -> String {
        self.path.to_str().unwrap().to_owned()
    }

    fn env(&self, extra: &[(&str, &str)]) -> Env {
        let mut vars = vec![("HOME".to_owned(), self.home())];
        vars.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        Env::from_map(vars)
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn path_of(home: &TempHome, relative: &str) -> PathBuf {
    Path::new(&home.path).join(relative)
}

// ----- Credentials -----------------------------------------------------------

#[test]
fn debug_redacts_secret_and_token() {
    let credentials = Credentials::new("AKIDEXAMPLE", SECRET, Some(TOKEN.to_owned()))
        .with_expiry(SystemTime::UNIX_EPOCH + Duration::from_secs(10))
        .with_provider_name("test");
    let shown = format!("{credentials:?}");
    assert!(shown.contains("AKIDEXAMPLE"), "{shown}");
    assert!(shown.contains("** redacted **"), "{shown}");
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(!shown.contains(TOKEN), "{shown}");
    let pretty = format!("{credentials:#?}");
    assert!(!pretty.contains(SECRET) && !pretty.contains(TOKEN));
    assert_eq!(credentials.provider_name(), Some("test"));
    assert!(credentials.is_expired_at(SystemTime::UNIX_EPOCH + Duration::from_secs(10)));
    assert!(!credentials.is_expired_at(SystemTime::UNIX_EPOCH + Duration::from_secs(9)));
}

#[test]
fn static_credentials_provide_themselves_through_trait_objects() {
    let credentials = Credentials::new("AKID", SECRET, None);
    let provider: Arc<dyn ProvideCredentials> = Arc::new(credentials.clone());
    assert_eq!(now(provider.provide_credentials()).unwrap(), credentials);
    let boxed: Box<dyn ProvideCredentials> = Box::new(credentials.clone());
    assert_eq!(now(boxed.provide_credentials()).unwrap(), credentials);
}

// ----- Environment -----------------------------------------------------------

#[test]
fn environment_provider_reads_keys_and_token() {
    let env = Env::from_map([
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
        ("AWS_SESSION_TOKEN", TOKEN),
    ]);
    let credentials = now(EnvironmentCredentials::new(env).provide_credentials()).unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDENV");
    assert_eq!(credentials.secret_access_key(), SECRET);
    assert_eq!(credentials.session_token(), Some(TOKEN));
    assert_eq!(credentials.provider_name(), Some("environment"));
}

#[test]
fn environment_provider_without_token() {
    let env = Env::from_map([
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
    ]);
    let credentials = EnvironmentCredentials::new(env).load().unwrap();
    assert_eq!(credentials.session_token(), None);
}

#[test]
fn environment_provider_reports_the_missing_variable() {
    let env = Env::from_map([
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", " "),
    ]);
    let err = EnvironmentCredentials::new(env).load().unwrap_err();
    assert!(matches!(
        err,
        CredentialsError::EnvVarNotSet {
            missing: "AWS_SECRET_ACCESS_KEY"
        }
    ));
    assert!(err.is_not_loaded());
    assert_eq!(
        err.to_string(),
        "environment variable AWS_SECRET_ACCESS_KEY is not set"
    );

    let empty = Env::from_map([("AWS_SECRET_ACCESS_KEY", SECRET)]);
    let err = EnvironmentCredentials::new(empty).load().unwrap_err();
    assert_eq!(
        err.to_string(),
        "environment variable AWS_ACCESS_KEY_ID is not set"
    );
    assert!(!err.to_string().contains(SECRET));
}

// ----- Profiles --------------------------------------------------------------

#[test]
fn profile_provider_reads_default_profile_from_credentials_file() {
    let home = TempHome::new();
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = secret-from-file\naws_session_token = tok\n",
    );
    let credentials = ProfileCredentials::new(home.env(&[])).load().unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDFILE");
    assert_eq!(credentials.secret_access_key(), "secret-from-file");
    assert_eq!(credentials.session_token(), Some("tok"));
    assert_eq!(credentials.provider_name(), Some("profile"));
}

#[test]
fn profile_provider_selects_aws_profile_and_reads_config_file() {
    let home = TempHome::new();
    home.write(
        ".aws/config",
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n\
         [profile work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = s2\n",
    );
    let env = home.env(&[("AWS_PROFILE", "work")]);
    let credentials = now(ProfileCredentials::new(env.clone()).provide_credentials()).unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDWORK");
    assert_eq!(credentials.session_token(), None);
    let explicit = ProfileCredentials::new(env)
        .with_profile_name("default")
        .load()
        .unwrap();
    assert_eq!(explicit.access_key_id(), "AKIDDEFAULT");
}

#[test]
fn credentials_file_wins_over_config_file() {
    let home = TempHome::new();
    home.write(
        ".aws/config",
        "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = from-config\n",
    );
    home.write(
        ".aws/credentials",
        "[default]\naws_secret_access_key = from-credentials\n",
    );
    let credentials = ProfileCredentials::new(home.env(&[])).load().unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDCONFIG");
    assert_eq!(credentials.secret_access_key(), "from-credentials");
}

#[test]
fn file_location_overrides_are_honoured() {
    let home = TempHome::new();
    home.write(
        "elsewhere-credentials",
        "[p]\naws_access_key_id = AKIDELSE\naws_secret_access_key = x\n",
    );
    // The default location holds different keys, which must not be used.
    home.write(
        ".aws/credentials",
        "[p]\naws_access_key_id = AKIDHOME\naws_secret_access_key = y\n",
    );
    let env = home.env(&[
        ("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere-credentials"),
        ("AWS_PROFILE", "p"),
    ]);
    let credentials = ProfileCredentials::new(env).load().unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDELSE");
}

#[test]
fn unsupported_profile_keys_name_profile_and_key() {
    let home = TempHome::new();
    home.write(
        ".aws/config",
        "[profile assume]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = base\n\
         aws_access_key_id = AKID\naws_secret_access_key = hidden-secret\n\
         [profile proc]\ncredential_process = /bin/get-creds\n\
         [profile sso]\nsso_session = corp\n",
    );
    let load = |profile: &str| {
        ProfileCredentials::new(home.env(&[]))
            .with_profile_name(profile)
            .load()
            .unwrap_err()
    };
    let err = load("assume");
    assert!(matches!(
        &err,
        CredentialsError::UnsupportedProfileKey { profile, key: "role_arn" } if profile == "assume"
    ));
    let text = err.to_string();
    assert!(
        text.contains("`assume`") && text.contains("`role_arn`"),
        "{text}"
    );
    assert!(!text.contains("hidden-secret"));
    assert!(!err.is_not_loaded());
    assert!(load("proc").to_string().contains("`credential_process`"));
    assert!(load("sso").to_string().contains("`sso_session`"));
}

#[test]
fn profile_errors_for_missing_or_partial_profiles() {
    let home = TempHome::new();
    home.write(
        ".aws/config",
        "[profile regiononly]\nregion = eu-west-1\n[profile half]\naws_access_key_id = AKID\n",
    );
    let provider = |profile: &str| {
        ProfileCredentials::new(home.env(&[]))
            .with_profile_name(profile)
            .load()
            .unwrap_err()
    };
    let missing = provider("nope");
    assert!(missing.is_not_loaded());
    let text = missing.to_string();
    assert!(text.contains("profile `nope` is not defined in"), "{text}");
    assert!(text.contains(".aws/config"), "{text}");

    let no_keys = provider("regiononly");
    assert!(no_keys.is_not_loaded());
    assert_eq!(
        no_keys.to_string(),
        "profile `regiononly` does not set aws_access_key_id and aws_secret_access_key"
    );

    let half = provider("half");
    assert!(!half.is_not_loaded());
    assert_eq!(
        half.to_string(),
        "profile `half` sets aws_access_key_id but not aws_secret_access_key"
    );
}

#[test]
fn no_files_and_broken_files() {
    let home = TempHome::new();
    let err = ProfileCredentials::new(home.env(&[])).load().unwrap_err();
    assert!(matches!(err, CredentialsError::NoProfileFiles { .. }));
    assert!(err.is_not_loaded());
    assert!(err.to_string().contains(".aws/credentials"), "{err}");

    let no_home = ProfileCredentials::new(Env::from_map::<_, String, String>([]))
        .load()
        .unwrap_err();
    assert!(
        no_home.to_string().contains("no home directory"),
        "{no_home}"
    );

    home.write(
        ".aws/credentials",
        "[default]\naws_secret_access_key = leaked-if-quoted\nthis line has no equals sign\n",
    );
    let err = ProfileCredentials::new(home.env(&[])).load().unwrap_err();
    assert!(!err.is_not_loaded());
    let text = err.to_string();
    assert!(text.contains("credentials"), "{text}");
    assert!(text.contains("line 3"), "{text}");
    assert!(
        text.contains("Expected an '=' sign defining a property"),
        "{text}"
    );
    assert!(!text.contains("leaked-if-quoted"), "{text}");
    let broken = path_of(&home, ".aws/credentials");
    assert!(
        text.contains(broken.to_str().unwrap()),
        "names the broken file: {text}"
    );
}

// ----- Chain -----------------------------------------------------------------

#[test]
fn chain_prefers_environment_over_profile() {
    let home = TempHome::new();
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n",
    );
    let env = home.env(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "e"),
    ]);
    let credentials = now(DefaultCredentialsChain::new(env).provide_credentials()).unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDENV");
    assert_eq!(credentials.provider_name(), Some("environment"));
}

#[test]
fn chain_falls_back_to_profile() {
    let home = TempHome::new();
    home.write(
        ".aws/credentials",
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n",
    );
    // Only half of the environment pair is set, so the environment link finds nothing.
    let env = home.env(&[("AWS_ACCESS_KEY_ID", "AKIDENV")]);
    let credentials = now(DefaultCredentialsChain::new(env).provide_credentials()).unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDFILE");
    assert_eq!(credentials.provider_name(), Some("profile"));
}

#[test]
fn chain_error_says_what_each_link_tried() {
    let home = TempHome::new();
    home.write(
        ".aws/config",
        "[profile other]\naws_access_key_id = A\naws_secret_access_key = chain-secret\n",
    );
    let env = home.env(&[]);
    let err = now(DefaultCredentialsChain::new(env).provide_credentials()).unwrap_err();
    let CredentialsError::ChainExhausted { attempts } = &err else {
        panic!("unexpected error {err:?}");
    };
    let names: Vec<&str> = attempts.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["environment", "profile"]);
    let text = err.to_string();
    assert!(text.starts_with("no credentials were found: environment: environment variable AWS_ACCESS_KEY_ID is not set; profile: profile `default` is not defined in "), "{text}");
    assert!(!text.contains("chain-secret"), "{text}");
    assert!(!text.contains('\n'), "one line: {text}");
}

#[test]
fn chain_stops_at_a_broken_profile() {
    let home = TempHome::new();
    home.write(
        ".aws/config",
        "[default]\nrole_arn = arn:aws:iam::1:role/r\n",
    );
    let chain = DefaultCredentialsChain::new(home.env(&[]));
    let err = now(chain.provide_credentials()).unwrap_err();
    assert!(matches!(
        err,
        CredentialsError::UnsupportedProfileKey {
            key: "role_arn",
            ..
        }
    ));

    let chain = DefaultCredentialsChain::new(home.env(&[])).with_profile_name("missing");
    assert!(matches!(
        now(chain.provide_credentials()).unwrap_err(),
        CredentialsError::ChainExhausted { .. }
    ));
}

// ----- Region ----------------------------------------------------------------

#[test]
fn region_precedence() {
    let home = TempHome::new();
    home.write(
        ".aws/config",
        "[default]\nregion = eu-central-1\n[profile tokyo]\nregion = ap-northeast-1\n",
    );
    let both = home.env(&[
        ("AWS_REGION", "us-west-2"),
        ("AWS_DEFAULT_REGION", "us-east-2"),
    ]);
    assert_eq!(region_from_env(&both), Some(Region::new("us-west-2")));
    assert_eq!(
        default_region(&both).unwrap(),
        Some(Region::new("us-west-2"))
    );

    let fallback = home.env(&[("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "us-east-2")]);
    assert_eq!(region_from_env(&fallback), Some(Region::new("us-east-2")));
    assert_eq!(
        default_region(&fallback).unwrap(),
        Some(Region::new("us-east-2"))
    );

    let profile_only = home.env(&[]);
    assert_eq!(region_from_env(&profile_only), None);
    assert_eq!(
        default_region(&profile_only).unwrap(),
        Some(Region::new("eu-central-1"))
    );

    let selected = home.env(&[("AWS_PROFILE", "tokyo")]);
    assert_eq!(
        region_from_profile(&selected).unwrap().unwrap().as_str(),
        "ap-northeast-1"
    );

    let unknown = home.env(&[("AWS_PROFILE", "nowhere")]);
    assert_eq!(default_region(&unknown).unwrap(), None);
    assert_eq!(
        default_region(&Env::from_map::<_, String, String>([])).unwrap(),
        None
    );
}

#[test]
fn loaded_profiles_report_what_was_read() {
    let home = TempHome::new();
    let config = home.write(".aws/config", "[profile a]\nregion = x\n");
    let loaded = LoadedProfiles::load(&home.env(&[("AWS_PROFILE", "a")])).unwrap();
    assert_eq!(loaded.files_read, vec![config]);
    assert_eq!(loaded.selected_profile, "a");
    assert_eq!(loaded.selected().unwrap().get("REGION"), Some("x"));
}
