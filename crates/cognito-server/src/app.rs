//! The shared state every request sees.

use std::path::PathBuf;
use std::sync::Mutex;

use crate::admin_credentials::AdminCredentials;
use crate::keys::KeyCache;
use crate::seal::Sealer;
use crate::store::Store;

/// Everything an operation may touch.
#[derive(Debug)]
pub struct App {
    pub store: Store,
    pub keys: KeyCache,
    /// Encrypts the state kept in `SECRET_BLOCK` and challenge `Session`s.
    pub sealer: Sealer,
    /// `http://host:port`, no trailing slash; token issuers are `{base_url}/{pool_id}`.
    pub base_url: String,
    /// `None` for `:memory:`.
    pub data_dir: Option<PathBuf>,
    pub admin: AdminCredentials,
    pub quiet: bool,
    /// Keys the decoy SRP challenges for unknown users, so their salts are stable but unguessable.
    pub decoy_key: Vec<u8>,
    /// Serialises appends to `outbox.jsonl` so lines never interleave.
    pub outbox_file: Mutex<()>,
    /// Tests only: where `https://` identity-provider URLs are fetched from instead (see
    /// `provider_http`). `None` talks to the real providers.
    pub provider_base: Option<String>,
    /// One permit per core for user-pool operations: see [`App::core_permits`].
    pub cores: tokio::sync::Semaphore,
}

impl App {
    /// The permits that let user-pool operations (all CPU and SQLite work, no waiting on other
    /// servers) run no more at once than there are cores. The semaphore is fair, so requests
    /// start in the order they arrived: without it every request got its own blocking thread,
    /// the kernel time-sliced dozens of sign-ins at once, and whichever lost out waited three
    /// times as long as the median.
    pub fn core_permits() -> tokio::sync::Semaphore {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }

    /// The `iss` of a pool's tokens.
    pub fn issuer(&self, pool_id: &str) -> String {
        format!("{}/{pool_id}", self.base_url)
    }
}

#[cfg(any(test, feature = "fuzzing"))]
impl App {
    /// An in-memory server state with the default pool, for unit tests and fuzzing of operations.
    pub fn for_tests() -> (Self, crate::bootstrap::Defaults) {
        let app = Self {
            store: Store::in_memory().expect("in-memory database"),
            keys: KeyCache::default(),
            sealer: Sealer::new(&[9; 32]).expect("32-byte key"),
            base_url: "http://127.0.0.1:1".into(),
            data_dir: None,
            admin: AdminCredentials::generate(),
            quiet: true,
            decoy_key: vec![3; 32],
            outbox_file: Mutex::new(()),
            provider_base: None,
            cores: App::core_permits(),
        };
        let defaults = crate::bootstrap::ensure_defaults(&app).expect("default pool");
        (app, defaults)
    }

    /// The identity pool `for_tests` made, as stored.
    #[cfg(test)]
    pub fn default_identity_pool(
        &self,
        defaults: &crate::bootstrap::Defaults,
    ) -> crate::store::IdentityPool {
        self.store
            .identity_pool(&defaults.identity_pool_id)
            .expect("reading the identity pool")
            .expect("for_tests made the identity pool")
    }
}
