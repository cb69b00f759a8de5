//! `update-distribution`: updates an Amazon Lightsail CDN distribution.
//!
//! ```text
//! update-distribution [--region REGION] [--endpoint-url URL] (FILE | file://FILE | -)
//! ```
//!
//! The file holds the request in the shape `aws lightsail update-distribution
//! --cli-input-json` takes (member names as in the model). Region, credentials and
//! endpoint come from the standard environment and shared config files, as for the
//! AWS CLI. The response prints as JSON in the AWS CLI's shape. Errors print one
//! line; exit codes follow the AWS CLI: 252 bad input, 253 configuration, 254 the
//! service answered with an error, 255 anything else.

mod input;
mod output;

use std::process::ExitCode;

use awsgen_lightsail::Client;
use awsgen_lightsail::operation::update_distribution::UpdateDistributionError;
use awsgen_runtime::auth::Env;
use awsgen_runtime::client::{ConfigBuilder, Error};

const USAGE: &str =
    "usage: update-distribution [--region REGION] [--endpoint-url URL] (FILE | file://FILE | -)";

struct Args {
    region: Option<String>,
    endpoint_url: Option<String>,
    file: String,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut region, mut endpoint_url, mut file) = (None, None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--region" => region = Some(args.next().ok_or("--region needs a value")?),
            "--endpoint-url" => {
                endpoint_url = Some(args.next().ok_or("--endpoint-url needs a value")?)
            }
            "-h" | "--help" => return Err(String::new()),
            other if file.is_none() && (other == "-" || !other.starts_with('-')) => {
                file = Some(other.to_owned())
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    Ok(Args {
        region,
        endpoint_url,
        file: file.ok_or("missing the request file")?,
    })
}

fn read_file(name: &str) -> Result<String, String> {
    let name = name.strip_prefix("file://").unwrap_or(name);
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
    let request = match read_file(&args.file)
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
            ExitCode::from(if error.service_error().is_some() {
                254
            } else {
                255
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
    let config = builder.build().map_err(|e| e.to_string())?;
    Client::new(config).map_err(|e| e.to_string())
}

/// One line, in the AWS CLI's words for service errors, plus the request id.
fn error_line(error: &Error<UpdateDistributionError>) -> String {
    let request_id = error
        .request_id()
        .map(|id| format!(" (request id: {id})"))
        .unwrap_or_default();
    match error.service_error() {
        Some(service) => format!(
            "An error occurred ({}) when calling the UpdateDistribution operation: {}{request_id}",
            service.error_type(),
            service.message().unwrap_or("(no message)"),
        ),
        None => format!("update-distribution: {error}{request_id}"),
    }
}
