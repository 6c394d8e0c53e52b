//! `MemoryStore`: tokens kept for the life of the process (or page).

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use super::{StorageError, TokenStore};

/// Keeps tokens in memory only.
///
/// ```
/// use cognito_auth::{MemoryStore, TokenStore};
///
/// let store = MemoryStore::default();
/// store.set("k", "v").unwrap();
/// assert_eq!(store.get("k").unwrap().as_deref(), Some("v"));
/// ```
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<BTreeMap<String, String>>,
}

impl MemoryStore {
    fn entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        // Map operations cannot leave it inconsistent; a panic elsewhere need not poison tokens.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl TokenStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.entries().insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.entries().remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_remove() {
        let store = MemoryStore::default();
        assert_eq!(store.get("a").unwrap(), None);
        store.set("a", "1").unwrap();
        store.set("a", "2").unwrap();
        assert_eq!(store.get("a").unwrap().as_deref(), Some("2"));
        store.remove("a").unwrap();
        store.remove("a").unwrap();
        assert_eq!(store.get("a").unwrap(), None);
    }
}
