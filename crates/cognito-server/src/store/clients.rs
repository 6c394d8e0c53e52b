//! App clients of a pool.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Store, from_json, to_json};

/// The settings of an app client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientConfig {
    pub name: String,
    /// Present for confidential clients; they must send `SECRET_HASH`.
    pub secret: Option<String>,
    /// `ALLOW_USER_SRP_AUTH`, `ALLOW_USER_PASSWORD_AUTH`, `ALLOW_REFRESH_TOKEN_AUTH`, ...
    pub explicit_auth_flows: Vec<String>,
    /// `ENABLED` (unknown users look like wrong passwords) or `LEGACY`.
    pub prevent_user_existence_errors: String,
    pub access_token_validity_secs: i64,
    pub id_token_validity_secs: i64,
    pub refresh_token_validity_secs: i64,
    pub enable_token_revocation: bool,
    pub callback_urls: Vec<String>,
    pub logout_urls: Vec<String>,
    pub allowed_oauth_flows: Vec<String>,
    pub allowed_oauth_scopes: Vec<String>,
    pub supported_identity_providers: Vec<String>,
    /// Whether the client may use the OAuth endpoints at all (`AllowedOAuthFlowsUserPoolClient`).
    pub allowed_oauth_flows_user_pool_client: bool,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            name: String::new(),
            secret: None,
            explicit_auth_flows: vec![
                "ALLOW_USER_SRP_AUTH".into(),
                "ALLOW_REFRESH_TOKEN_AUTH".into(),
            ],
            prevent_user_existence_errors: "ENABLED".into(),
            access_token_validity_secs: 3600,
            id_token_validity_secs: 3600,
            refresh_token_validity_secs: 30 * 24 * 3600,
            enable_token_revocation: true,
            callback_urls: Vec::new(),
            logout_urls: Vec::new(),
            allowed_oauth_flows: Vec::new(),
            allowed_oauth_scopes: Vec::new(),
            supported_identity_providers: vec!["COGNITO".into()],
            allowed_oauth_flows_user_pool_client: false,
        }
    }
}

impl ClientConfig {
    /// Whether the client allows an `ALLOW_*` flow.
    pub fn allows(&self, flow: &str) -> bool {
        self.explicit_auth_flows.iter().any(|f| f == flow)
    }
}

/// A stored app client.
#[derive(Debug, Clone)]
pub struct Client {
    pub id: String,
    pub pool_id: String,
    pub config: ClientConfig,
    pub created: i64,
    pub modified: i64,
}

impl Store {
    pub fn insert_client(
        &self,
        id: &str,
        pool_id: &str,
        config: &ClientConfig,
        now: i64,
    ) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO clients (id, pool_id, config, created, modified) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, pool_id, to_json(config)?, now],
        )?;
        Ok(())
    }

    /// Writes a changed client back.
    pub fn save_client(&self, client: &Client, now: i64) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE clients SET config = ?2, modified = ?3 WHERE id = ?1",
            params![client.id, to_json(&client.config)?, now],
        )?;
        Ok(())
    }

    pub fn client(&self, id: &str) -> rusqlite::Result<Option<Client>> {
        self.conn()
            .query_row(
                "SELECT id, pool_id, config, created, modified FROM clients WHERE id = ?1",
                [id],
                client_from_row,
            )
            .optional()
    }

    /// Deletes a client of a pool with its sign-in sessions. Returns whether it existed.
    pub fn delete_client(&self, pool_id: &str, client_id: &str) -> rusqlite::Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM auth_sessions WHERE pool_id = ?1 AND client_id = ?2",
            [pool_id, client_id],
        )?;
        let deleted = tx.execute(
            "DELETE FROM clients WHERE pool_id = ?1 AND id = ?2",
            [pool_id, client_id],
        )?;
        tx.commit()?;
        Ok(deleted > 0)
    }

    pub fn clients(&self, pool_id: &str) -> rusqlite::Result<Vec<Client>> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT id, pool_id, config, created, modified FROM clients WHERE pool_id = ?1 ORDER BY created, id",
        )?;
        let rows = statement.query_map([pool_id], client_from_row)?;
        rows.collect()
    }
}

fn client_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Client> {
    let config: String = row.get(2)?;
    Ok(Client {
        id: row.get(0)?,
        pool_id: row.get(1)?,
        config: from_json(&config)?,
        created: row.get(3)?,
        modified: row.get(4)?,
    })
}
