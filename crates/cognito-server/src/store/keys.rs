//! The RSA keys that sign a pool's tokens, stored as PKCS#8 so they survive restarts.

use rusqlite::params;

use super::Store;

/// One stored signing key.
#[derive(Debug, Clone)]
pub struct SigningKeyRow {
    pub kid: String,
    /// `id` or `access`: Cognito signs the two token kinds with different keys.
    pub token_use: String,
    pub pkcs8: Vec<u8>,
}

impl Store {
    pub fn insert_signing_key(&self, pool_id: &str, key: &SigningKeyRow) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO signing_keys (kid, pool_id, token_use, pkcs8) VALUES (?1, ?2, ?3, ?4)",
            params![key.kid, pool_id, key.token_use, key.pkcs8],
        )?;
        Ok(())
    }

    pub fn signing_keys(&self, pool_id: &str) -> rusqlite::Result<Vec<SigningKeyRow>> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT kid, token_use, pkcs8 FROM signing_keys WHERE pool_id = ?1 ORDER BY token_use, kid",
        )?;
        let rows = statement.query_map([pool_id], |row| {
            Ok(SigningKeyRow {
                kid: row.get(0)?,
                token_use: row.get(1)?,
                pkcs8: row.get(2)?,
            })
        })?;
        rows.collect()
    }
}
