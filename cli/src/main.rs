//! `update-distribution`: updates an Amazon Lightsail CDN distribution.
//!
//! ```text
//! update-distribution [--region REGION] [--endpoint-url URL]
//!     [--cli-read-timeout SECONDS] [--cli-connect-timeout SECONDS]
//!     (--cli-input-json (file://FILE | JSON) | FILE | file://FILE | -)
//! ```
//!
//! The request is the JSON `aws lightsail update-distribution --cli-input-json`
//! takes (member names as in the model), from a file, standard input (`-`) or
//! the argument itself. Region, credentials and endpoint come from the standard
//! environment and shared config files, as for the AWS CLI. The timeouts are
//! the AWS CLI's: 60 s to read and 3.1 s to connect unless set; 0 means none.
//! The response prints as JSON in the AWS CLI's shape. Errors print one line;
//! exit codes follow the AWS CLI: 252 bad input, 253 configuration (no region,
//! no credentials), 254 the service answered with an error, 255 anything else.

mod input;
mod output;

use std::process::ExitCode;
use std::time::Duration;

use awsgen_lightsail::Client;
use awsgen_lightsail::operation::update_distribution::UpdateDistributionError;
use awsgen_runtime::auth::Env;
use awsgen_runtime::client::{ConfigBuilder, Error};
use awsgen_runtime::retry::TimeoutConfig;

const USAGE: &str = "usage: update-distribution [--region REGION] [--endpoint-url URL] \
[--cli-read-timeout SECONDS] [--cli-connect-timeout SECONDS] \
(--cli-input-json (file://FILE | JSON) | FILE | file://FILE | -)";

struct Args {
    region: Option<String>,
    endpoint_url: Option<String>,
    /// `--cli-input-json`'s value or the positional argument.
    input: String,
    timeouts: TimeoutConfig,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut region, mut endpoint_url, mut input) = (None, None, None);
    let mut timeouts = TimeoutConfig::new();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--region" => region = Some(value()?),
            "--endpoint-url" => endpoint_url = Some(value()?),
            "--cli-read-timeout" => {
                timeouts = timeouts.with_read_timeout(seconds(&arg, &value()?)?);
            }
            "--cli-connect-timeout" => {
                timeouts = timeouts.with_connect_timeout(seconds(&arg, &value()?)?);
            }
            "--cli-input-json" if input.is_none() => input = Some(value()?),
            "-h" | "--help" => return Err(String::new()),
            other if input.is_none() && (other == "-" || !other.starts_with('-')) => {
                input = Some(other.to_owned())
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Args {
        region,
        endpoint_url,
        input: input.ok_or("missing the request (--cli-input-json file://FILE)")?,
        timeouts,
    })
}

/// A timeout in whole seconds as the AWS CLI takes it; `0` means none.
fn seconds(flag: &str, text: &str) -> Result<Option<Duration>, String> {
    let seconds: u64 = text
        .parse()
        .map_err(|_| format!("{flag} takes whole seconds, not `{text}`"))?;
    Ok((seconds > 0).then(|| Duration::from_secs(seconds)))
}

/// The request text: inline JSON, `file://FILE`, a bare path, or `-` for
/// standard input.
fn read_input(input: &str) -> Result<String, String> {
    if input.trim_start().starts_with('{') {
        return Ok(input.to_owned());
    }
    let name = input.strip_prefix("file://").unwrap_or(input);
    if name == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|e| format!("cannot read standard input: {e}"))
    } else {
        std::fs::read_to_string(name).map_err(|e| format!("cannot read {name}: {e}"))
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("update-distribution: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(252);
        }
    };
    let request = match read_input(&args.input)
        .and_then(|text| input::parse(&text).map_err(|e| e.to_string()))
    {
        Ok(request) => request,
        Err(message) => {
            eprintln!("update-distribution: {message}");
            return ExitCode::from(252);
        }
    };
    let client = match client(&args) {
        Ok(client) => client,
        Err(message) => {
            eprintln!("update-distribution: {message}");
            return ExitCode::from(253);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("update-distribution: cannot start the async runtime: {e}");
            return ExitCode::from(255);
        }
    };
    match runtime.block_on(client.update_distribution(request)) {
        Ok(response) => match output::render(response.output()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("update-distribution: cannot print the response: {e}");
                ExitCode::from(255)
            }
        },
        Err(error) => {
            eprintln!("{}", error_line(&error));
            ExitCode::from(match &error {
                Error::Service(_) => 254,
                Error::Credentials(_) | Error::Endpoint(_) => 253,
                _ => 255,
            })
        }
    }
}

fn client(args: &Args) -> Result<Client, String> {
    let env = Env::real();
    let mut builder =
        ConfigBuilder::from_env(&awsgen_lightsail::SERVICE, &env).map_err(|e| e.to_string())?;
    if let Some(region) = &args.region {
        builder = builder.region(region);
    }
    if let Some(url) = &args.endpoint_url {
        builder = builder.endpoint_url(url);
    }
    let config = builder
        .timeouts(args.timeouts)
        .build()
        .map_err(|e| e.to_string())?;
    Client::new(config).map_err(|e| e.to_string())
}

/// One line, in the AWS CLI's words for service errors, with the request id
/// once (the runtime's own messages already name it).
fn error_line(error: &Error<UpdateDistributionError>) -> String {
    match error.service_error() {
        Some(service) => {
            let request_id = error
                .request_id()
                .map(|id| format!(" (request id: {id})"))
                .unwrap_or_default();
            format!(
                "An error occurred ({}) when calling the UpdateDistribution operation: {}{request_id}",
                service.error_type(),
                service.message().unwrap_or("(no message)"),
            )
        }
        None => format!("update-distribution: {error}"),
    }
}
