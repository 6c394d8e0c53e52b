//! Persistence: one SQLite database per data dir (or in memory), behind a mutex.
//!
//! Each submodule adds the methods for one table family to [`Store`]; callers never see SQL.

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
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;

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
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) `dir/cognito.sqlite3`.
    pub fn open(dir: &Path) -> rusqlite::Result<Self> {
        Self::from_connection(Connection::open(dir.join("cognito.sqlite3"))?)
    }

    /// A fresh database that lives as long as the process.
    pub fn in_memory() -> rusqlite::Result<Self> {
        Self::from_connection(Connection::open_in_memory()?)
    }

    fn from_connection(conn: Connection) -> rusqlite::Result<Self> {
        schema::prepare(&conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    /// The connection, held for one short unit of work. A panic while holding it leaves the
    /// data consistent (every write is a single statement or a transaction), so poisoning is ignored.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
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
