//! `FileStore`: tokens in a JSON file, for command-line tools and native apps.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use super::{StorageError, TokenStore};

/// Keeps tokens in one JSON file (an object of strings), rewritten atomically on each change and
/// readable only by the owner on Unix.
///
/// ```no_run
/// use cognito_auth::{FileStore, TokenStore};
///
/// let store = FileStore::new("/tmp/my-app-session.json");
/// store.set("k", "v").unwrap();
/// ```
#[derive(Debug)]
pub struct FileStore {
    path: PathBuf,
    // Serialises read-modify-write cycles within this process.
    lock: Mutex<()>,
}

impl FileStore {
    /// A store in `path` (created on first write).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> Result<BTreeMap<String, String>, StorageError> {
        match std::fs::read(&self.path) {
            Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Ok(BTreeMap::new()),
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|error| StorageError::Failed(format!("{}: {error}", self.path.display()))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(error) => Err(StorageError::Failed(format!(
                "{}: {error}",
                self.path.display()
            ))),
        }
    }

    fn write(&self, entries: &BTreeMap<String, String>) -> Result<(), StorageError> {
        let failed = |error: std::io::Error| {
            StorageError::Failed(format!("{}: {error}", self.path.display()))
        };
        let text = serde_json::to_string_pretty(entries)
            .map_err(|error| StorageError::Failed(error.to_string()))?;
        // Write beside the file and rename, so a crash never leaves half a file.
        let temporary = self.path.with_extension("tmp");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary).map_err(failed)?;
        std::io::Write::write_all(&mut file, text.as_bytes()).map_err(failed)?;
        drop(file);
        std::fs::rename(&temporary, &self.path).map_err(failed)
    }

    fn update(
        &self,
        change: impl FnOnce(&mut BTreeMap<String, String>),
    ) -> Result<(), StorageError> {
        let _guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        let mut entries = self.read()?;
        change(&mut entries);
        self.write(&entries)
    }
}

impl TokenStore for FileStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        let _guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(self.read()?.remove(key))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.update(|entries| {
            entries.insert(key.to_owned(), value.to_owned());
        })
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.update(|entries| {
            entries.remove(key);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_path(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("cognito-auth-{}-{name}.json", std::process::id()))
    }

    #[test]
    fn values_survive_a_new_store_on_the_same_file() {
        let path = temp_path("survive");
        let store = FileStore::new(&path);
        store.set("a", "1").unwrap();
        store.set("b", "2").unwrap();
        store.remove("a").unwrap();
        let reopened = FileStore::new(&path);
        assert_eq!(reopened.get("a").unwrap(), None);
        assert_eq!(reopened.get("b").unwrap().as_deref(), Some("2"));
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn missing_file_is_empty_and_garbage_is_an_error() {
        let path = temp_path("garbage");
        let store = FileStore::new(&path);
        assert_eq!(store.get("a").unwrap(), None);
        std::fs::write(&path, "not json").unwrap();
        assert!(matches!(store.get("a"), Err(StorageError::Failed(_))));
        std::fs::remove_file(&path).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn file_is_private_to_the_owner() {
        use std::os::unix::fs::PermissionsExt;
        let path = temp_path("mode");
        FileStore::new(&path).set("a", "1").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        std::fs::remove_file(&path).unwrap();
    }
}
