//! A cognito-server on a free loopback port, for the tests that need a real server.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::process;

/// A running server; killed and its data removed on drop.
#[derive(Debug)]
pub struct LocalServer {
    child: Child,
    data: PathBuf,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    pub pool_id: String,
    pub client_id: String,
    pub identity_pool_id: String,
}

impl LocalServer {
    /// Builds the server (dev profile) and starts it with a fresh data directory under `target/`.
    pub fn start(root: &Path, name: &str) -> Result<Self> {
        Self::start_profile(root, name, false)
    }

    /// The same with the release build, for benchmarks.
    pub fn start_release(root: &Path, name: &str) -> Result<Self> {
        Self::start_profile(root, name, true)
    }

    fn start_profile(root: &Path, name: &str, release: bool) -> Result<Self> {
        let mut build = Command::new("cargo");
        build.args(["build", "--quiet", "--package", "cognito-server"]);
        if release {
            build.arg("--release");
        }
        process::run(&mut build)?;
        let data = crate::target_dir(root).join("xtask-servers").join(name);
        if data.exists() {
            std::fs::remove_dir_all(&data)
                .with_context(|| format!("clearing {}", data.display()))?;
        }
        std::fs::create_dir_all(&data).with_context(|| format!("creating {}", data.display()))?;
        let binary = crate::target_dir(root)
            .join(if release { "release" } else { "debug" })
            .join("cognito-server");
        let child = Command::new(&binary)
            .args(["--bind", "127.0.0.1:0", "--data"])
            .arg(&data)
            .stdout(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let mut server = Self {
            child,
            data,
            endpoint: String::new(),
            pool_id: String::new(),
            client_id: String::new(),
            identity_pool_id: String::new(),
        };
        server.read_config()?;
        Ok(server)
    }

    /// Waits for the server to write `auth-config.json` (it does so once it listens).
    fn read_config(&mut self) -> Result<()> {
        let path = self.data.join("auth-config.json");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait()? {
                bail!("cognito-server exited during start-up ({status})");
            }
            // The file may be caught half-written: parse errors mean "not yet".
            let config = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| serde_json::from_str::<Value>(&text).ok());
            if let Some(config) = config {
                let field =
                    |name: &str| config.get(name).and_then(Value::as_str).map(str::to_owned);
                match (
                    field("aws_user_pools_endpoint"),
                    field("aws_user_pools_id"),
                    field("aws_user_pools_web_client_id"),
                    field("aws_cognito_identity_pool_id"),
                ) {
                    (Some(endpoint), Some(pool_id), Some(client_id), Some(identity_pool_id)) => {
                        self.endpoint = endpoint.trim_end_matches('/').to_owned();
                        self.pool_id = pool_id;
                        self.client_id = client_id;
                        self.identity_pool_id = identity_pool_id;
                        return Ok(());
                    }
                    _ => bail!(
                        "{} lacks the endpoint, pool id, client id or identity pool id",
                        path.display()
                    ),
                }
            }
            if Instant::now() > deadline {
                bail!("cognito-server wrote no {} within 60 s", path.display());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl LocalServer {
    /// Points a build of the browser tests at this server: they read its address and ids at
    /// compile time from these variables.
    pub fn test_env<'a>(&self, command: &'a mut Command) -> &'a mut Command {
        command
            .env("COGNITO_AUTH_TEST_ENDPOINT", &self.endpoint)
            .env("COGNITO_AUTH_TEST_POOL_ID", &self.pool_id)
            .env("COGNITO_AUTH_TEST_CLIENT_ID", &self.client_id)
            .env("COGNITO_AUTH_TEST_IDENTITY_POOL_ID", &self.identity_pool_id)
    }

    /// The data directory (`auth-config.json`, the outbox).
    pub fn data(&self) -> &Path {
        &self.data
    }

    /// The server's peak resident memory so far, in KiB (Linux `VmHWM`).
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}
