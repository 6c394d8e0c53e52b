//! `cognito-server`: parses the command line and runs the server until Ctrl-C.

use clap::Parser as _;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = cognito_server::Options::parse();
    let server = cognito_server::start(options).await?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => {
            result?;
            server.shutdown().await;
        }
    }
    Ok(())
}
