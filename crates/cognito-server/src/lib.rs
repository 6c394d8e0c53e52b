//! A local Amazon Cognito user-pool service: the wire protocol Amplify and the AWS SDKs speak,
//! real SRP, RS256 tokens, and codes "delivered" to an outbox instead of email or SMS.
//!
//! The binary is a thin shell over [`start`]; tests start the same server in-process:
//!
//! ```no_run
//! # async fn demo() -> anyhow::Result<()> {
//! let server = cognito_server::start(cognito_server::Options::for_tests()).await?;
//! println!("listening on {}", server.url);
//! server.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod admin_credentials;
mod app;
mod bootstrap;
mod clock;
mod config;
mod default_providers;
mod delivery;
mod errors;
mod federation;
mod form;
mod http;
mod idp;
mod ids;
mod jwt;
mod keys;
mod markup;
mod mock_idp;
mod oauth;
mod password;
mod provider_http;
mod provision;
mod saml;
mod seal;
mod sigv4;
mod store;
mod tokens;
pub mod totp;
mod wire;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;

pub use admin_credentials::AdminCredentials;
pub use bootstrap::Defaults;
pub use config::{DataDir, Options};

use admin_credentials::Origin;

/// Hooks for `fuzz/`: every operation on an in-memory server, without HTTP or SigV4.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    use std::sync::OnceLock;

    use crate::app::App;
    use crate::wire::{ALL_TARGETS, run_unsigned};

    /// Runs the operation picked by `pick` on `body`; panics if it fails internally, which is
    /// what the fuzzer looks for (along with any other panic).
    pub fn check(pick: u8, body: &[u8]) {
        static APP: OnceLock<App> = OnceLock::new();
        let app = APP.get_or_init(|| App::for_tests().0);
        let target = ALL_TARGETS[usize::from(pick) % ALL_TARGETS.len()];
        if let Err(error) = run_unsigned(app, target, body) {
            assert_ne!(
                error.type_name(),
                "InternalErrorException",
                "{target}: {error}"
            );
        }
    }
}
use app::App;

/// A server that is accepting connections.
#[derive(Debug)]
pub struct RunningServer {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    pub addr: SocketAddr,
    /// The default pool, app client and identity pool.
    pub defaults: Defaults,
    /// The key pair admin operations must be signed with.
    pub admin: AdminCredentials,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// Stops accepting connections and waits for open requests to finish.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }

    /// Serves until `stop` completes (then shuts down gracefully) or the server fails.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()>,
    ) -> std::io::Result<()> {
        let Self {
            shutdown, mut task, ..
        } = self;
        tokio::select! {
            result = &mut task => result.unwrap_or_else(|error| Err(std::io::Error::other(error))),
            () = stop => {
                let _ = shutdown.send(());
                task.await.unwrap_or_else(|error| Err(std::io::Error::other(error)))
            }
        }
    }

    /// Runs until the server stops by itself (it only does on an I/O error).
    pub async fn wait(self) -> std::io::Result<()> {
        self.run_until(std::future::pending()).await
    }
}

/// Opens the data, creates the defaults on first start, binds and starts serving.
pub async fn start(options: Options) -> anyhow::Result<RunningServer> {
    let (store, data_dir) = match options.data_dir() {
        DataDir::Memory => (store::Store::in_memory()?, None),
        DataDir::Disk(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("creating data dir {}", dir.display()))?;
            let store = store::Store::open(&dir)
                .with_context(|| format!("opening the database in {}", dir.display()))?;
            (store, Some(dir))
        }
    };
    let seal_key = store.meta_or_insert("seal_key", || ids::bytes(32))?;
    let sealer = seal::Sealer::new(&seal_key).context("stored sealing key is not 32 bytes")?;
    let decoy_key = store.meta_or_insert("decoy_key", || ids::bytes(32))?;
    let (admin, origin) = match (
        &options.admin_access_key_id,
        &options.admin_secret_access_key,
    ) {
        (Some(id), Some(secret)) => (
            AdminCredentials {
                access_key_id: id.clone(),
                secret_access_key: secret.clone(),
            },
            Origin::Flags,
        ),
        _ => match &data_dir {
            Some(dir) => AdminCredentials::load_or_create(dir)?,
            None => (AdminCredentials::generate(), Origin::Generated),
        },
    };

    let listener = tokio::net::TcpListener::bind(options.bind)
        .await
        .with_context(|| format!("binding {}", options.bind))?;
    let addr = listener.local_addr()?;
    let url = base_url(addr);
    let app = Arc::new(App {
        store,
        keys: keys::KeyCache::default(),
        sealer,
        base_url: url.clone(),
        data_dir: data_dir.clone(),
        admin: admin.clone(),
        quiet: options.quiet,
        decoy_key,
        outbox_file: Mutex::new(()),
        provider_base: None,
        cores: App::core_permits(),
    });

    // Creating a pool generates RSA keys: seconds of CPU, so not on the async threads.
    let defaults = {
        let app = app.clone();
        tokio::task::spawn_blocking(move || -> anyhow::Result<(Defaults, serde_json::Value)> {
            let defaults = bootstrap::ensure_defaults(&app)?;
            let config = bootstrap::auth_config(&app, &defaults)?;
            Ok((defaults, config))
        })
        .await??
    };
    let (defaults, auth_config) = defaults;
    if let Some(dir) = &data_dir {
        // Rewritten on every start: the URL follows --bind.
        std::fs::write(
            dir.join("auth-config.json"),
            serde_json::to_string_pretty(&auth_config)? + "\n",
        )
        .context("writing auth-config.json")?;
    }
    if !options.quiet {
        announce(&url, &defaults, &admin, origin, data_dir.as_deref());
    }

    let router = http::router(app, options.static_dir.as_deref());
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stopped.await;
        })
        .await
    });
    Ok(RunningServer {
        url,
        addr,
        defaults,
        admin,
        shutdown,
        task,
    })
}

/// The URL clients should use; a wildcard bind is reached through loopback.
fn base_url(addr: SocketAddr) -> String {
    let host = match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_owned(),
        ip if ip.is_unspecified() => "[::1]".to_owned(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        std::net::IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{}", addr.port())
}

fn announce(
    url: &str,
    defaults: &Defaults,
    admin: &AdminCredentials,
    origin: Origin,
    data_dir: Option<&std::path::Path>,
) {
    println!("cognito-server listening on {url}");
    println!("  user pool      {}", defaults.user_pool_id);
    println!("  app client     {}", defaults.client_id);
    println!("  identity pool  {}", defaults.identity_pool_id);
    match data_dir {
        Some(dir) => println!(
            "  app config     {}",
            dir.join("auth-config.json").display()
        ),
        None => println!("  data           in memory (nothing is kept)"),
    }
    println!("  admin key id   {}", admin.access_key_id);
    // The secret is shown once, when it is made; afterwards it lives in the 0600 file.
    if origin == Origin::Generated {
        println!("  admin secret   {}", admin.secret_access_key);
    }
    println!("  codes          printed here and listed at {url}/_local/outbox");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_binds_are_reached_through_loopback() {
        assert_eq!(
            base_url("0.0.0.0:9229".parse().unwrap()),
            "http://127.0.0.1:9229"
        );
        assert_eq!(base_url("[::1]:80".parse().unwrap()), "http://[::1]:80");
    }
}
