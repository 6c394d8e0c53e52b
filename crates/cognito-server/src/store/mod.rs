//! Persistence: one SQLite database per data dir (or in memory), behind a mutex.
//!
//! Each submodule adds the methods for one table family to [`Store`]; callers never see SQL.

mod checkpoint;
mod clients;
mod codes;
mod credentials;
mod identities;
mod identity_pools;
mod identity_providers;
mod keys;
mod meta;
mod mock_codes;
mod oauth;
mod outbox;
mod pools;
mod schema;
mod sessions;
mod spent;
mod users;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;

use checkpoint::Checkpointer;

pub use clients::{Client, ClientConfig};
pub use codes::{CodeCheck, CodePurpose};
pub use credentials::AwsCredentials;
pub use identities::Identity;
pub use identity_pools::{CognitoProvider, IdentityPool, IdentityPoolConfig};
pub use identity_providers::IdentityProvider;
pub use keys::SigningKeyRow;
pub use mock_codes::MockGrant;
pub use oauth::CodeGrant;
pub use outbox::OutboxEntry;
pub use pools::{PasswordPolicy, Pool, PoolConfig};
pub use sessions::AuthSession;
pub use users::{MfaSettings, User, UserStatus};

/// The database handle shared by all requests.
#[derive(Debug)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    /// Copies the write-ahead log into the database file; `None` in memory.
    _checkpointer: Option<Checkpointer>,
}

impl Store {
    /// Opens (creating if needed) `dir/cognito.sqlite3`.
    pub fn open(dir: &Path) -> rusqlite::Result<Self> {
        Self::open_with_checkpoints(dir, checkpoint::INTERVAL)
    }

    fn open_with_checkpoints(dir: &Path, interval: Duration) -> rusqlite::Result<Self> {
        let path = dir.join("cognito.sqlite3");
        let conn = Connection::open(&path)?;
        schema::prepare(&conn)?;
        let conn = Arc::new(Mutex::new(conn));
        let checkpointer = Checkpointer::start(&path, conn.clone(), interval);
        if checkpointer.is_some() {
            lock(&conn).pragma_update(None, "wal_autocheckpoint", 0)?;
        }
        Ok(Self {
            conn,
            _checkpointer: checkpointer,
        })
    }

    /// A fresh database that lives as long as the process.
    pub fn in_memory() -> rusqlite::Result<Self> {
        let conn = Connection::open_in_memory()?;
        schema::prepare(&conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            _checkpointer: None,
        })
    }

    /// The connection, held for one short unit of work. A panic while holding it leaves the
    /// data consistent (every write is a single statement or a transaction), so poisoning is ignored.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        lock(&self.conn)
    }
}

/// The connection, whatever a panicking holder left (see [`Store::conn`]).
fn lock(conn: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Reads a JSON column into a typed value; a corrupt column is a storage error, not a panic.
fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(error))
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value)
        .map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_reaches_the_database_file_without_any_request_checkpointing() {
        let dir = std::env::temp_dir().join(format!("cognito-store-{}", crate::ids::uuid()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file_len = || {
            std::fs::metadata(dir.join("cognito.sqlite3"))
                .map(|m| m.len())
                .unwrap_or(0)
        };
        {
            let store = Store::open_with_checkpoints(&dir, Duration::from_millis(20))
                .expect("open the store");
            let before = file_len();
            for i in 0..200u8 {
                store.spend(&[i; 32], i64::MAX, 0).expect("spend a token");
            }
            // Commits only append to the log (automatic checkpoints are off); the thread
            // copies it into the file.
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            while file_len() <= before && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            assert!(
                file_len() > before,
                "no checkpoint in 10 s: {} bytes",
                file_len()
            );
            // Dropping the store stops and joins the thread.
        }
        let reopened = Store::open(&dir).expect("reopen");
        assert!(reopened.is_spent(&[7; 32], 0).expect("read back"));
        drop(reopened);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
