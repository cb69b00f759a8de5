//! One UpdateDistribution call, configured from the environment.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let config = aws_config::load_from_env().await;
        let client = aws_sdk_lightsail::Client::new(&config);
        let output = client
            .update_distribution()
            .distribution_name("my-distribution")
            .is_enabled(true)
            .send()
            .await?;
        println!("{:?}", output.operation.and_then(|o| o.id));
        Ok(())
    })
}
