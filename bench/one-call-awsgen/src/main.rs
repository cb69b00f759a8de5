//! One UpdateDistribution call, configured from the environment.

use awsgen_lightsail_vendored::Client;
use awsgen_lightsail_vendored::types::UpdateDistributionRequest;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let client = Client::from_env()?;
    let output = runtime.block_on(
        client.update_distribution(UpdateDistributionRequest::new("my-distribution").is_enabled(true)),
    )?;
    println!("{:?}", output.operation.as_ref().map(|o| &o.id));
    Ok(())
}
