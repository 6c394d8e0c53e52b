//! Where tokens live between calls (and page loads): the `TokenStore` trait and its backends.
//!
//! Natively: [`MemoryStore`] and [`FileStore`]. In the browser: [`LocalStorage`] (the default),
//! [`SessionStorage`] and [`CookieStore`] (chosen when `cookie_storage` is configured). Apps can
//! bring their own by implementing [`TokenStore`].

#[cfg(not(target_arch = "wasm32"))]
mod file;
mod memory;
mod tokens;
#[cfg(target_arch = "wasm32")]
mod web;

use std::sync::Arc;

#[cfg(not(target_arch = "wasm32"))]
pub use file::FileStore;
pub use memory::MemoryStore;
#[cfg(target_arch = "wasm32")]
pub use web::{CookieStore, LocalStorage, SessionStorage};

pub(crate) use tokens::TokenKeys;

use crate::config::AuthConfig;
use crate::platform::MaybeSendSync;

/// A string key-value store for tokens (Amplify's `KeyValueStorageInterface`, synchronous because
/// every backend here is).
///
/// ```
/// use std::collections::HashMap;
/// use std::sync::Mutex;
/// use cognito_auth::{StorageError, TokenStore};
///
/// #[derive(Debug, Default)]
/// struct MyStore(Mutex<HashMap<String, String>>);
///
/// impl TokenStore for MyStore {
///     fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
///         Ok(self.0.lock().unwrap().get(key).cloned())
///     }
///     fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
///         self.0.lock().unwrap().insert(key.into(), value.into());
///         Ok(())
///     }
///     fn remove(&self, key: &str) -> Result<(), StorageError> {
///         self.0.lock().unwrap().remove(key);
///         Ok(())
///     }
/// }
/// ```
pub trait TokenStore: std::fmt::Debug + MaybeSendSync {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key` (absent keys are fine).
    fn remove(&self, key: &str) -> Result<(), StorageError>;
}

/// A token store that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StorageError {
    /// The backend is not there (no `window`, storage disabled by the browser, ...).
    #[error("token storage unavailable: {0}")]
    Unavailable(String),
    /// Reading or writing failed.
    #[error("token storage failed: {0}")]
    Failed(String),
}

/// The default store: memory natively; in the browser cookies when `cookie_storage` is configured,
/// otherwise localStorage (so a reload keeps the user signed in, as with Amplify).
pub fn default_store(config: &AuthConfig) -> Arc<dyn TokenStore> {
    #[cfg(target_arch = "wasm32")]
    {
        match &config.cookie_storage {
            Some(cookies) => Arc::new(CookieStore::new(cookies.clone())),
            None => Arc::new(LocalStorage),
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = config;
        Arc::new(MemoryStore::default())
    }
}
