//! `cargo xtask demo`: an example served by cognito-server on SQLite, ready to sign up in.

use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::browser;
use crate::{Options, process, toolchain};

pub const DEFAULT_EXAMPLE: &str = "basic";
const DEFAULT_PORT: u16 = 9229;

pub fn run(root: &Path, options: &Options) -> Result<()> {
    toolchain::ensure_wasm(root)?;
    let example = options.example.as_deref().unwrap_or(DEFAULT_EXAMPLE);
    let bundle = browser::build_example(root, example)?;
    process::run(Command::new("cargo").args([
        "build",
        "--release",
        "--package",
        "cognito-server",
    ]))?;

    let port = options.port.unwrap_or(DEFAULT_PORT);
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
        bail!("port {port} is taken; pick another with `cargo xtask demo --port PORT`");
    }
    let data = crate::target_dir(root).join("demo");
    std::fs::create_dir_all(&data).context("creating target/demo")?;
    let server = crate::target_dir(root)
        .join("release")
        .join("cognito-server");
    let mut child = Command::new(&server)
        .arg("--bind")
        .arg(address.to_string())
        .arg("--data")
        .arg(&data)
        .arg("--static")
        .arg(&bundle.dir)
        .spawn()
        .with_context(|| format!("starting {}", server.display()))?;

    // The server rewrites auth-config.json for its URL once it listens; the app loads it from
    // next to the page.
    let url = format!("http://{address}");
    let config_path = data.join("auth-config.json");
    let deadline = Instant::now() + Duration::from_secs(60);
    let config = loop {
        if let Some(status) = child.try_wait()? {
            bail!("cognito-server exited before listening ({status})");
        }
        let written = std::fs::read_to_string(&config_path).ok().filter(|text| {
            serde_json::from_str::<serde_json::Value>(text).is_ok_and(|json| {
                json.get("aws_user_pools_endpoint").and_then(|v| v.as_str()) == Some(url.as_str())
            })
        });
        if let Some(config) = written {
            break config;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            bail!("cognito-server did not start on {address} within 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    std::fs::write(bundle.dir.join("auth-config.json"), config)
        .context("copying auth-config.json")?;
    println!();
    println!("Demo ({example}): http://{address}/");
    println!(
        "Codes the server \"sends\" appear in its log above and in {}",
        data.join("outbox.jsonl").display()
    );
    println!(
        "App config: {}; stop with Ctrl-C.",
        data.join("auth-config.json").display()
    );
    let status = child.wait().context("waiting for cognito-server")?;
    if !status.success() {
        bail!("cognito-server stopped ({status})");
    }
    Ok(())
}
