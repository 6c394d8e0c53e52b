//! Identity pools: which logins they accept, whether guests may have credentials.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Store, from_json, to_json};

/// A user pool an identity pool accepts id tokens from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CognitoProvider {
    /// `cognito-idp.<region>.amazonaws.com/<userPoolId>`.
    pub provider_name: String,
    /// The app client the id token must be issued to; empty accepts any client of the pool.
    pub client_id: String,
    pub server_side_token_check: bool,
}

/// The settings of an identity pool, as CreateIdentityPool takes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdentityPoolConfig {
    pub name: String,
    pub allow_unauthenticated: bool,
    pub allow_classic_flow: bool,
    /// `accounts.google.com` -> client id, `graph.facebook.com` -> app id, ...
    pub supported_login_providers: BTreeMap<String, String>,
    pub developer_provider_name: Option<String>,
    pub open_id_connect_provider_arns: Vec<String>,
    pub cognito_identity_providers: Vec<CognitoProvider>,
    pub saml_provider_arns: Vec<String>,
    pub tags: BTreeMap<String, String>,
}

/// A stored identity pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityPool {
    pub id: String,
    pub config: IdentityPoolConfig,
    pub created: i64,
    pub modified: i64,
}

impl Store {
    pub fn insert_identity_pool(&self, pool: &IdentityPool) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO identity_pools (id, config, created, modified) VALUES (?1, ?2, ?3, ?4)",
            params![pool.id, to_json(&pool.config)?, pool.created, pool.modified],
        )?;
        Ok(())
    }

    pub fn save_identity_pool(&self, pool: &IdentityPool) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE identity_pools SET config = ?2, modified = ?3 WHERE id = ?1",
            params![pool.id, to_json(&pool.config)?, pool.modified],
        )?;
        Ok(())
    }

    pub fn identity_pool(&self, id: &str) -> rusqlite::Result<Option<IdentityPool>> {
        self.conn()
            .query_row(
                "SELECT id, config, created, modified FROM identity_pools WHERE id = ?1",
                [id],
                pool_from_row,
            )
            .optional()
    }

    pub fn identity_pools(&self) -> rusqlite::Result<Vec<IdentityPool>> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT id, config, created, modified FROM identity_pools ORDER BY created, id",
        )?;
        let rows = statement.query_map([], pool_from_row)?;
        rows.collect()
    }

    /// Deletes a pool with its identities and their credentials. Returns whether it existed.
    pub fn delete_identity_pool(&self, id: &str) -> rusqlite::Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM aws_credentials WHERE identity_id IN
             (SELECT id FROM identities WHERE identity_pool_id = ?1)",
            [id],
        )?;
        tx.execute("DELETE FROM identities WHERE identity_pool_id = ?1", [id])?;
        let deleted = tx.execute("DELETE FROM identity_pools WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(deleted > 0)
    }
}

fn pool_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<IdentityPool> {
    let config: String = row.get(1)?;
    Ok(IdentityPool {
        id: row.get(0)?,
        config: from_json(&config)?,
        created: row.get(2)?,
        modified: row.get(3)?,
    })
}
