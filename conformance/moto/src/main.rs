//! End-to-end scenarios of the generated async clients against moto's server.
//!
//! ```text
//! awsgen-moto-e2e MOTO_SERVER LOG_FILE
//! ```
//!
//! Starts `MOTO_SERVER` on a free port of 127.0.0.1 (its output goes to
//! `LOG_FILE`), runs every scenario against it, stops it, and prints
//! `moto e2e: N passed, M failed`. Exits with 1 when a scenario failed. Each
//! scenario asserts the service's answers, not only that the calls succeeded.

mod check;
mod moto;
mod scenarios;

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use awsgen_runtime::auth::Credentials;
use awsgen_runtime::client::Config;

/// The bindings build.rs generates, only the operations the scenarios call.
pub mod dynamodb {
    include!(concat!(env!("OUT_DIR"), "/dynamodb.rs"));
}
/// See [`dynamodb`].
pub mod secrets {
    include!(concat!(env!("OUT_DIR"), "/secrets.rs"));
}
/// See [`dynamodb`].
pub mod sqs {
    include!(concat!(env!("OUT_DIR"), "/sqs.rs"));
}

/// Longest a scenario may run: a hang fails it instead of the whole suite.
const SCENARIO_TIMEOUT: Duration = Duration::from_secs(120);

/// What a scenario needs: where the server is.
pub struct Server {
    url: String,
}

impl Server {
    /// Client configuration for the server: a fixed region and test
    /// credentials (moto accepts any), its URL as the endpoint.
    pub fn config(&self) -> Result<Config, String> {
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("testing", "testing", None))
            .endpoint_url(&self.url)
            .build()
            .map_err(|e| format!("client configuration: {e}"))
    }
}

type ScenarioFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + 'a>>;

/// A scenario: its name and its program.
pub type Scenario = (&'static str, for<'a> fn(&'a Server) -> ScenarioFuture<'a>);

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [program, log] = args.as_slice() else {
        eprintln!("usage: awsgen-moto-e2e MOTO_SERVER LOG_FILE");
        return ExitCode::from(2);
    };
    let moto = match moto::Moto::start(program, log) {
        Ok(moto) => moto,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let server = Server {
        url: moto.url().to_owned(),
    };
    let (mut passed, mut failed) = (0, 0);
    for (name, scenario) in scenarios::ALL {
        let started = Instant::now();
        let outcome = match tokio::time::timeout(SCENARIO_TIMEOUT, scenario(&server)).await {
            Ok(outcome) => outcome,
            Err(_) => Err(format!(
                "did not end within {} s",
                SCENARIO_TIMEOUT.as_secs()
            )),
        };
        let elapsed = started.elapsed().as_secs_f64();
        match outcome {
            Ok(()) => {
                passed += 1;
                println!("ok      {name} ({elapsed:.2} s)");
            }
            Err(e) => {
                failed += 1;
                println!("FAILED  {name} ({elapsed:.2} s): {e}");
            }
        }
    }
    drop(moto);
    println!("moto e2e: {passed} passed, {failed} failed");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("moto's log: {}", log.display());
        ExitCode::FAILURE
    }
}
