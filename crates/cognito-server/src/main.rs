//! `cognito-server`: parses the command line and serves until Ctrl-C.

use clap::Parser as _;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let options = cognito_server::Options::parse();
    let server = cognito_server::start(options).await?;
    server
        .run_until(async {
            // If the handler cannot be installed, serve until killed instead.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
    Ok(())
}
