//! User pools and their settings.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Store, from_json, to_json};

/// Cognito's password policy; the defaults are Cognito's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordPolicy {
    pub minimum_length: usize,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
    pub temporary_password_validity_days: i64,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            minimum_length: 8,
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: true,
            temporary_password_validity_days: 7,
        }
    }
}

/// The settings of a pool that change how operations behave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PoolConfig {
    pub name: String,
    /// `email` and/or `phone_number` as the sign-in name instead of a username.
    pub username_attributes: Vec<String>,
    /// Attributes that may be used to sign in besides the username.
    pub alias_attributes: Vec<String>,
    /// Attributes verified by a code at sign-up (`email`, `phone_number`).
    pub auto_verified_attributes: Vec<String>,
    /// `OFF`, `ON` or `OPTIONAL`.
    pub mfa_configuration: String,
    pub password_policy: PasswordPolicy,
    pub allow_admin_create_user_only: bool,
    /// Standard attributes that sign-up must supply.
    pub required_attributes: Vec<String>,
    /// Custom attribute names without the `custom:` prefix.
    pub custom_attributes: Vec<String>,
}

impl Default for PoolConfig {
    fn default() -> Self {
        Self {
            name: String::new(),
            username_attributes: Vec::new(),
            alias_attributes: Vec::new(),
            auto_verified_attributes: Vec::new(),
            mfa_configuration: "OFF".into(),
            password_policy: PasswordPolicy::default(),
            allow_admin_create_user_only: false,
            required_attributes: Vec::new(),
            custom_attributes: Vec::new(),
        }
    }
}

/// A stored pool.
#[derive(Debug, Clone)]
pub struct Pool {
    pub id: String,
    pub config: PoolConfig,
    pub created: i64,
    pub modified: i64,
}

impl Store {
    pub fn insert_pool(&self, id: &str, config: &PoolConfig, now: i64) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO pools (id, config, created, modified) VALUES (?1, ?2, ?3, ?3)",
            params![id, to_json(config)?, now],
        )?;
        Ok(())
    }

    pub fn pool(&self, id: &str) -> rusqlite::Result<Option<Pool>> {
        self.conn()
            .query_row(
                "SELECT id, config, created, modified FROM pools WHERE id = ?1",
                [id],
                pool_from_row,
            )
            .optional()
    }

    pub fn pools(&self) -> rusqlite::Result<Vec<Pool>> {
        let conn = self.conn();
        let mut statement =
            conn.prepare("SELECT id, config, created, modified FROM pools ORDER BY created, id")?;
        let rows = statement.query_map([], pool_from_row)?;
        rows.collect()
    }

    /// Deletes a pool with everything in it. Returns whether it existed.
    pub fn delete_pool(&self, id: &str) -> rusqlite::Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for table in [
            "codes",
            "auth_sessions",
            "users",
            "signing_keys",
            "clients",
            "oauth_codes",
            "oauth_pending",
            "domains",
            "identity_providers",
        ] {
            tx.execute(&format!("DELETE FROM {table} WHERE pool_id = ?1"), [id])?;
        }
        let deleted = tx.execute("DELETE FROM pools WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(deleted > 0)
    }
}

fn pool_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Pool> {
    let config: String = row.get(1)?;
    Ok(Pool {
        id: row.get(0)?,
        config: from_json(&config)?,
        created: row.get(2)?,
        modified: row.get(3)?,
    })
}
