//! A built example served by cognito-server: a copy of `DIST/NAME` (or of any built web app) in a
//! folder of its own, with the `auth-config.json` the server wrote for its port next to the page.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser as _;
use cognito_server::{AdminCredentials, RunningServer};
use serde_json::Value;

/// A running server and its data.
#[derive(Debug)]
pub struct Site {
    /// `http://127.0.0.1:PORT`, serving the example at `/`.
    pub url: String,
    pub pool_id: String,
    pub client_id: String,
    server: RunningServer,
    folder: PathBuf,
    keep: bool,
}

impl Site {
    /// Serves a copy of the built example `name` with a fresh server, exactly as the
    /// command line `cognito-server --bind 127.0.0.1:0 --data DIR --static SITE` would.
    pub async fn start(name: &str) -> Result<Self> {
        let built = dist_dir().join(name);
        if !built.join("index.html").is_file() || !built.join("app_bg.wasm").is_file() {
            bail!(
                "the example {name:?} is not built (looked in {}). Run the end-to-end tests \
                 through `cargo xtask test`, or build it first with `cargo xtask dist --example \
                 {name}` (set E2E_DIST_DIR if the bundles are elsewhere)",
                built.display()
            );
        }
        Self::serve(&built).await
    }

    /// Serves a copy of any built web app (`index.html` at the top, e.g. a vite `dist`) with a
    /// fresh server, the same way: the app finds `auth-config.json` next to its page.
    pub async fn serve(built: &Path) -> Result<Self> {
        if !built.join("index.html").is_file() {
            bail!("no index.html in {}", built.display());
        }
        let name = built
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let folder = std::env::temp_dir().join(format!("e2e-{}", crate::unique(&name)));
        if folder.exists() {
            std::fs::remove_dir_all(&folder)?;
        }
        let static_dir = folder.join("site");
        let data = folder.join("data");
        copy_dir(built, &static_dir)?;
        let args = [
            "cognito-server".as_ref(),
            "--bind".as_ref(),
            "127.0.0.1:0".as_ref(),
            "--data".as_ref(),
            data.as_os_str(),
            "--static".as_ref(),
            static_dir.as_os_str(),
            "--quiet".as_ref(),
        ];
        let options = cognito_server::Options::try_parse_from(args)?;
        let server = cognito_server::start(options)
            .await
            .context("starting cognito-server")?;
        // The page loads its configuration from next to itself, as in `cargo xtask demo`.
        let config = std::fs::read_to_string(data.join("auth-config.json"))
            .context("reading the auth-config.json cognito-server wrote")?;
        std::fs::write(static_dir.join("auth-config.json"), &config)?;
        Ok(Self {
            url: server.url.clone(),
            pool_id: server.defaults.user_pool_id.clone(),
            client_id: server.defaults.client_id.clone(),
            server,
            folder,
            keep: false,
        })
    }

    /// The key pair admin calls are signed with.
    pub fn admin(&self) -> &AdminCredentials {
        &self.server.admin
    }

    /// Keeps the data folder (database, outbox) for a look after a failure.
    pub fn keep(mut self) {
        eprintln!("server data kept in {}", self.folder.display());
        self.keep = true;
    }

    /// The newest code "sent" to `username` for `purpose` (`sign_up`, `forgot_password`,
    /// `verify_email`, ...), read from `GET /_local/outbox` as a developer would.
    pub async fn code(&self, username: &str, purpose: &str) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let entries: Value = reqwest::get(format!("{}/_local/outbox", self.url))
                .await?
                .error_for_status()?
                .json()
                .await?;
            let found = entries.as_array().and_then(|entries| {
                entries.iter().rev().find_map(|entry| {
                    let field = |name: &str| entry.get(name).and_then(Value::as_str);
                    (field("username") == Some(username) && field("purpose") == Some(purpose))
                        .then(|| field("code").map(str::to_owned))
                        .flatten()
                })
            });
            if let Some(code) = found {
                return Ok(code);
            }
            if Instant::now() > deadline {
                bail!("no {purpose} code for {username} in the outbox: {entries}");
            }
            // Codes are written before the request that sends them returns; this only covers
            // a caller that asks before the page's request finished.
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_dir_all(&self.folder);
        }
    }
}

/// Where the built examples are: `E2E_DIST_DIR`, or `target/dist` of the workspace.
pub fn dist_dir() -> PathBuf {
    std::env::var_os("E2E_DIST_DIR").map_or_else(
        || crate::workspace_root().join("target").join("dist"),
        PathBuf::from,
    )
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}
