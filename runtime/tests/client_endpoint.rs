//! Endpoint and configuration: explicit endpoints, the environment, the
//! Lightsail rule set (from the official model) with its FIPS and dual-stack
//! switches, and configuration errors. Requests go to an in-memory transport
//! that records them; nothing leaves the process.
#![cfg(feature = "client")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "client")]

mod client_support;

use awsgen_runtime::auth::Env;
use awsgen_runtime::aws_json;
use awsgen_runtime::client::{
    Client, Config, ConfigBuilder, ConfigError, EndpointResolutionError, Error, service_config_key,
    service_endpoint_env_var,
};
use awsgen_runtime::endpoint::ResolveError;
use client_support::*;
use std::time::SystemTime;

/// Calls through a recording transport and returns the URI it was asked for.
async fn called_uri(builder: ConfigBuilder) -> String {
    let recorder = RecordingClient::default();
    let config = builder.http_client(recorder.clone()).build().unwrap();
    let client = Client::new(lightsail_with_rules(), config).unwrap();
    let response = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap();
    assert_eq!(response.request_id(), Some("in-memory"));
    let uris = recorder.uris();
    assert_eq!(uris.len(), 1);
    let host = recorder.last_header("host").unwrap();
    assert!(
        uris[0].contains(&format!("//{host}/")),
        "{host} vs {}",
        uris[0]
    );
    // `endpoint_url` is the URL without the request path `/`.
    assert_eq!(
        client.endpoint_url().map(|u| format!("{u}/")).as_deref(),
        Some(uris[0].as_str())
    );
    uris[0].clone()
}

fn base() -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials(credentials())
}

#[tokio::test]
async fn rule_set_resolves_regional_endpoints() {
    let cases = [
        (
            "us-east-1",
            false,
            false,
            "https://lightsail.us-east-1.amazonaws.com/",
        ),
        (
            "us-east-1",
            true,
            false,
            "https://lightsail-fips.us-east-1.amazonaws.com/",
        ),
        (
            "us-east-1",
            false,
            true,
            "https://lightsail.us-east-1.api.aws/",
        ),
        (
            "us-east-1",
            true,
            true,
            "https://lightsail-fips.us-east-1.api.aws/",
        ),
        (
            "eu-west-3",
            false,
            false,
            "https://lightsail.eu-west-3.amazonaws.com/",
        ),
        (
            "cn-north-1",
            false,
            false,
            "https://lightsail.cn-north-1.amazonaws.com.cn/",
        ),
    ];
    for (region, fips, dual_stack, want) in cases {
        let builder = base()
            .region(region)
            .use_fips(fips)
            .use_dual_stack(dual_stack);
        assert_eq!(
            called_uri(builder).await,
            want,
            "{region} {fips} {dual_stack}"
        );
    }
}

#[tokio::test]
async fn explicit_endpoint_url_wins() {
    let uri = called_uri(base().endpoint_url("http://localhost:4566")).await;
    assert_eq!(uri, "http://localhost:4566/");
    let uri = called_uri(base().endpoint_url("https://proxy.example:8443/lightsail")).await;
    assert_eq!(uri, "https://proxy.example:8443/lightsail/");
}

#[tokio::test]
async fn rules_reject_fips_with_a_custom_endpoint() {
    let recorder = RecordingClient::default();
    let config = base()
        .endpoint_url("http://localhost:4566")
        .use_fips(true)
        .http_client(recorder.clone())
        .build()
        .unwrap();
    let client = Client::new(lightsail_with_rules(), config).unwrap();
    assert_eq!(client.endpoint_url(), None);
    let error = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    match &error {
        Error::Endpoint(EndpointResolutionError::Rules(ResolveError::Rule(message))) => {
            assert_eq!(
                message,
                "Invalid Configuration: FIPS and custom endpoint are not supported"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(recorder.uris().is_empty(), "nothing may be sent");
    assert_eq!(
        error.to_string(),
        "could not resolve the endpoint: Invalid Configuration: FIPS and custom endpoint are not supported"
    );
}

#[tokio::test]
async fn service_without_rules_needs_an_endpoint_url() {
    let config = base()
        .http_client(RecordingClient::default())
        .build()
        .unwrap();
    let client = Client::new(&SERVICE, config).unwrap();
    let error = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Endpoint(EndpointResolutionError::NoRules {
                service: "Lightsail"
            })
        ),
        "{error:?}"
    );
}

fn env_with(extra: &[(&str, &str)]) -> Env {
    let mut vars = vec![
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", ACCESS_KEY),
        ("AWS_SECRET_ACCESS_KEY", SECRET_KEY),
    ];
    vars.extend_from_slice(extra);
    Env::from_map(vars)
}

#[tokio::test]
async fn environment_endpoint_variables_in_order() {
    assert_eq!(
        service_endpoint_env_var(SERVICE.sdk_id),
        "AWS_ENDPOINT_URL_LIGHTSAIL"
    );
    let both = env_with(&[
        ("AWS_ENDPOINT_URL_LIGHTSAIL", "http://lightsail.local:1111"),
        ("AWS_ENDPOINT_URL", "http://everything.local:2222"),
    ]);
    let general = env_with(&[("AWS_ENDPOINT_URL", "http://everything.local:2222")]);
    let ignored = env_with(&[
        ("AWS_ENDPOINT_URL", "http://everything.local:2222"),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
    ]);
    let fips = env_with(&[("AWS_USE_FIPS_ENDPOINT", "true")]);
    let dual = env_with(&[
        ("AWS_USE_DUALSTACK_ENDPOINT", "TRUE"),
        ("AWS_REGION", "eu-west-1"),
    ]);
    let cases = [
        (&both, "http://lightsail.local:1111/"),
        (&general, "http://everything.local:2222/"),
        (&ignored, "https://lightsail.us-east-1.amazonaws.com/"),
        (&fips, "https://lightsail-fips.us-east-1.amazonaws.com/"),
        (&dual, "https://lightsail.eu-west-1.api.aws/"),
    ];
    for (env, want) in cases {
        let builder = ConfigBuilder::from_env(&SERVICE, env).unwrap();
        assert_eq!(called_uri(builder).await, want);
        // `from_env_with` reads the same settings (no call: its transport is real).
        let client = Client::from_env_with(lightsail_with_rules(), env).unwrap();
        assert_eq!(
            client.endpoint_url().map(|u| format!("{u}/")).as_deref(),
            Some(want)
        );
    }
}

#[tokio::test]
async fn environment_credentials_sign_requests() {
    let env = env_with(&[("AWS_SESSION_TOKEN", SESSION_TOKEN)]);
    let recorder = RecordingClient::default();
    let config = ConfigBuilder::from_env(&SERVICE, &env)
        .unwrap()
        .http_client(recorder.clone())
        .build()
        .unwrap();
    let client = Client::new(lightsail_with_rules(), config).unwrap();
    client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap();
    let authorization = recorder.last_header("authorization").unwrap();
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKID/"),
        "{authorization}"
    );
    assert_eq!(
        recorder.last_header("x-amz-security-token").as_deref(),
        Some(SESSION_TOKEN)
    );
}

#[tokio::test]
async fn missing_credentials_are_a_credentials_error() {
    let env = Env::from_map([("AWS_REGION", "us-east-1")]);
    let recorder = RecordingClient::default();
    let config = ConfigBuilder::from_env(&SERVICE, &env)
        .unwrap()
        .http_client(recorder.clone())
        .build()
        .unwrap();
    let client = Client::new(lightsail_with_rules(), config).unwrap();
    let error = client
        .call::<UpdateDistribution>(&sample_input())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Credentials(_)), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with("could not obtain credentials: ")
    );
    assert!(recorder.uris().is_empty());
}

#[test]
fn missing_region_is_a_config_error() {
    let error = Config::builder()
        .credentials(credentials())
        .build()
        .unwrap_err();
    assert!(matches!(error, ConfigError::MissingRegion));
    let text = error.to_string();
    assert!(
        text.contains("AWS_REGION") && text.contains(".region("),
        "{text}"
    );

    let blank = Config::builder().region("  ").build().unwrap_err();
    assert!(matches!(blank, ConfigError::MissingRegion));

    let env = Env::from_map([("AWS_ACCESS_KEY_ID", "AKID")]);
    let error = Client::from_env_with(lightsail_with_rules(), &env).unwrap_err();
    assert!(matches!(error, ConfigError::MissingRegion), "{error:?}");
}

#[test]
fn bad_settings_are_config_errors() {
    let error = Config::builder()
        .region("us-east-1")
        .endpoint_url("localhost:4566")
        .build()
        .unwrap_err();
    assert!(
        matches!(error, ConfigError::InvalidEndpointUrl { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("localhost:4566"));

    for (name, value) in [
        ("AWS_USE_FIPS_ENDPOINT", "yes"),
        ("AWS_USE_DUALSTACK_ENDPOINT", "1"),
        ("AWS_MAX_ATTEMPTS", "zero"),
    ] {
        let env = env_with(&[(name, value)]);
        let error = Client::from_env_with(lightsail_with_rules(), &env).unwrap_err();
        assert!(matches!(error, ConfigError::Setting(_)), "{error:?}");
        assert!(error.to_string().contains(name), "{error}");
    }

    let env = env_with(&[("AWS_ENDPOINT_URL", "not a url")]);
    let error = Client::from_env_with(lightsail_with_rules(), &env).unwrap_err();
    assert!(matches!(error, ConfigError::InvalidEndpointUrl { .. }));
}

#[test]
fn broken_rule_set_is_a_config_error() {
    static BROKEN: awsgen_runtime::aws_json::Service = awsgen_runtime::aws_json::Service {
        endpoint_rule_set: Some(r#"{"version": "1.0", "parameters": {}, "rules": [{"#),
        ..SERVICE
    };
    let config = base().build().unwrap();
    let error = Client::new(&BROKEN, config).unwrap_err();
    assert!(
        matches!(
            error,
            ConfigError::EndpointRules {
                service: "Lightsail",
                ..
            }
        ),
        "{error:?}"
    );
}

/// UpdateDistribution with a `smithy.api#endpoint` host prefix.
struct PrefixedUpdate;

impl awsgen_runtime::aws_json::Operation for PrefixedUpdate {
    const SERVICE: &'static awsgen_runtime::aws_json::Service = &SERVICE;
    const NAME: &'static str = "UpdateDistribution";
    type Input = UpdateInput;
    type Output = UpdateOutput;
    type Error = UpdateError;

    fn host_prefix(input: &UpdateInput) -> Result<Option<String>, aws_json::RequestError> {
        let label = aws_json::host_label("distributionName", Some(&input.distribution_name))?;
        Ok(Some(format!("{label}.data.")))
    }
}

/// An empty or unusable host label is refused before anything is sent,
/// naming the member.
#[tokio::test]
async fn bad_host_labels_are_request_errors_naming_the_member() {
    for (value, problem) in [
        ("", "is empty"),
        (
            "evil.example.com/",
            "has characters a host name cannot hold",
        ),
        ("a b", "has characters a host name cannot hold"),
    ] {
        let recorder = RecordingClient::default();
        let config = base().http_client(recorder.clone()).build().unwrap();
        let client = Client::new(lightsail_with_rules(), config).unwrap();
        let mut input = sample_input();
        input.distribution_name = value.to_owned();
        let error = client.call::<PrefixedUpdate>(&input).await.unwrap_err();
        assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
        let text = error.to_string();
        assert!(
            text.contains(&format!(
                "the host label member `distributionName` {problem}"
            )),
            "{text}"
        );
        assert!(recorder.uris().is_empty());
    }
    let missing = aws_json::host_label("name", None).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "the host label member `name` is not set"
    );
}

#[tokio::test]
async fn host_prefix_goes_in_front_of_the_endpoint_host() {
    let recorder = RecordingClient::default();
    let config = base().http_client(recorder.clone()).build().unwrap();
    let client = Client::new(lightsail_with_rules(), config).unwrap();
    client
        .call::<PrefixedUpdate>(&sample_input())
        .await
        .unwrap();
    assert_eq!(
        recorder.uris(),
        ["https://my-distribution.data.lightsail.us-east-1.amazonaws.com/"]
    );
    assert_eq!(
        recorder.last_header("host").as_deref(),
        Some("my-distribution.data.lightsail.us-east-1.amazonaws.com")
    );
    let authorization = recorder.last_header("authorization").unwrap();
    assert!(authorization.contains("SignedHeaders="), "{authorization}");
}

/// `endpoint_url` in the selected profile and in the `[services NAME]`
/// section it names, `ignore_configured_endpoint_urls` in the profile and the
/// environment, in the order of the AWS SDKs' "Service-specific endpoints".
#[tokio::test]
async fn shared_config_endpoint_urls_in_order() {
    assert_eq!(service_config_key("Secrets Manager"), "secrets_manager");
    assert_eq!(service_config_key("ACM PCA"), "acm_pca");
    let dir = std::env::temp_dir().join(format!(
        "awsgen-endpoint-config-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config");
    std::fs::write(
        &config,
        "[default]\n\
         endpoint_url = http://profile.local:3333\n\
         services = local\n\
         \n\
         [profile other]\n\
         endpoint_url = http://other.local:4444\n\
         services = elsewhere\n\
         \n\
         [profile ignoring]\n\
         endpoint_url = http://other.local:4444\n\
         ignore_configured_endpoint_urls = true\n\
         \n\
         [services local]\n\
         dynamodb =\n  endpoint_url = http://dynamo.local:6666\n\
         lightsail =\n  region = eu-west-1\n  endpoint_url = http://service.local:5555\n\
         \n\
         [services elsewhere]\n\
         dynamodb =\n  endpoint_url = http://dynamo.local:6666\n",
    )
    .unwrap();
    let config = config.display().to_string();
    let none = dir.join("none").display().to_string();
    let files = [
        ("AWS_CONFIG_FILE", config.as_str()),
        ("AWS_SHARED_CREDENTIALS_FILE", none.as_str()),
    ];
    let rules = "https://lightsail.us-east-1.amazonaws.com/";
    let cases: [(&[(&str, &str)], &str); 7] = [
        (&[], "http://service.local:5555/"),
        (&[("AWS_PROFILE", "other")], "http://other.local:4444/"),
        (&[("AWS_PROFILE", "ignoring")], rules),
        (
            &[
                ("AWS_PROFILE", "ignoring"),
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"),
            ],
            "http://other.local:4444/",
        ),
        (
            &[("AWS_ENDPOINT_URL", "http://env.local:7777")],
            "http://env.local:7777/",
        ),
        (&[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")], rules),
        (&[("AWS_PROFILE", "missing")], rules),
    ];
    for (extra, want) in cases {
        let mut vars = files.to_vec();
        vars.extend_from_slice(extra);
        let env = env_with(&vars);
        let builder = ConfigBuilder::from_env(&SERVICE, &env).unwrap();
        assert_eq!(called_uri(builder).await, want, "{extra:?}");
    }
    let bad = env_with(&[
        files[0],
        files[1],
        ("AWS_PROFILE", "other"),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "maybe"),
    ]);
    let error = ConfigBuilder::from_env(&SERVICE, &bad).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"),
        "{error}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
