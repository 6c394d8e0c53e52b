//! The hosted UI's server-side state: authorization codes, authorize requests waiting for a
//! social provider, and the domain prefix of each pool.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Store, from_json, to_json};

/// What an authorization code stands for until it is exchanged (or expires).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeGrant {
    pub client_id: String,
    pub username: String,
    pub redirect_uri: String,
    /// Granted scopes, space-separated.
    pub scope: String,
    /// `BASE64URL(SHA256(verifier))`, when the request used PKCE.
    pub code_challenge: Option<String>,
    pub nonce: Option<String>,
    pub auth_time: i64,
    pub expires: i64,
}

/// A pool's hosted UI domain prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolDomain {
    pub domain: String,
    pub pool_id: String,
    pub created: i64,
}

impl Store {
    /// Stores a code under the hash of its value.
    pub fn insert_oauth_code(
        &self,
        hash: &[u8],
        pool_id: &str,
        grant: &CodeGrant,
        now: i64,
    ) -> rusqlite::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM oauth_codes WHERE expires < ?1", [now])?;
        tx.execute(
            "INSERT INTO oauth_codes (hash, pool_id, grant_data, expires) VALUES (?1, ?2, ?3, ?4)",
            params![hash, pool_id, to_json(grant)?, grant.expires],
        )?;
        tx.commit()
    }

    /// Removes and returns a code: whatever happens next, it cannot be used twice.
    pub fn take_oauth_code(&self, hash: &[u8]) -> rusqlite::Result<Option<CodeGrant>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let grant: Option<String> = tx
            .query_row(
                "SELECT grant_data FROM oauth_codes WHERE hash = ?1",
                [hash],
                |row| row.get(0),
            )
            .optional()?;
        tx.execute("DELETE FROM oauth_codes WHERE hash = ?1", [hash])?;
        tx.commit()?;
        grant.map(|text| from_json(&text)).transpose()
    }

    /// Keeps an authorize request (as JSON) while the browser visits a social provider.
    pub fn insert_oauth_pending(
        &self,
        state_hash: &[u8],
        pool_id: &str,
        request: &str,
        expires: i64,
        now: i64,
    ) -> rusqlite::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM oauth_pending WHERE expires < ?1", [now])?;
        tx.execute(
            "INSERT INTO oauth_pending (state_hash, pool_id, request, expires) VALUES (?1, ?2, ?3, ?4)",
            params![state_hash, pool_id, request, expires],
        )?;
        tx.commit()
    }

    /// Removes and returns a pending request that has not expired: `(pool_id, request)`.
    pub fn take_oauth_pending(
        &self,
        state_hash: &[u8],
        now: i64,
    ) -> rusqlite::Result<Option<(String, String)>> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let found = tx
            .query_row(
                "SELECT pool_id, request FROM oauth_pending WHERE state_hash = ?1 AND expires >= ?2",
                params![state_hash, now],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        tx.execute(
            "DELETE FROM oauth_pending WHERE state_hash = ?1",
            [state_hash],
        )?;
        tx.commit()?;
        Ok(found)
    }

    /// Records a domain prefix; `false` when the prefix or the pool already has one.
    pub fn insert_domain(&self, domain: &str, pool_id: &str, now: i64) -> rusqlite::Result<bool> {
        let inserted = self.conn().execute(
            "INSERT OR IGNORE INTO domains (domain, pool_id, created) VALUES (?1, ?2, ?3)",
            params![domain, pool_id, now],
        )?;
        Ok(inserted == 1)
    }

    pub fn domain(&self, domain: &str) -> rusqlite::Result<Option<PoolDomain>> {
        self.conn()
            .query_row(
                "SELECT domain, pool_id, created FROM domains WHERE domain = ?1",
                [domain],
                domain_from_row,
            )
            .optional()
    }

    pub fn domain_of_pool(&self, pool_id: &str) -> rusqlite::Result<Option<PoolDomain>> {
        self.conn()
            .query_row(
                "SELECT domain, pool_id, created FROM domains WHERE pool_id = ?1",
                [pool_id],
                domain_from_row,
            )
            .optional()
    }

    /// Deletes a pool's domain; `false` when that pool does not own it.
    pub fn delete_domain(&self, domain: &str, pool_id: &str) -> rusqlite::Result<bool> {
        let deleted = self.conn().execute(
            "DELETE FROM domains WHERE domain = ?1 AND pool_id = ?2",
            [domain, pool_id],
        )?;
        Ok(deleted == 1)
    }
}

fn domain_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<PoolDomain> {
    Ok(PoolDomain {
        domain: row.get(0)?,
        pool_id: row.get(1)?,
        created: row.get(2)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant() -> CodeGrant {
        CodeGrant {
            client_id: "c".into(),
            username: "u".into(),
            redirect_uri: "http://localhost/".into(),
            scope: "openid".into(),
            code_challenge: None,
            nonce: None,
            auth_time: 1,
            expires: 100,
        }
    }

    #[test]
    fn a_code_can_be_taken_once() {
        let store = Store::in_memory().unwrap();
        store.insert_oauth_code(b"h", "p", &grant(), 1).unwrap();
        assert_eq!(store.take_oauth_code(b"h").unwrap(), Some(grant()));
        assert_eq!(store.take_oauth_code(b"h").unwrap(), None);
    }

    #[test]
    fn pending_requests_expire_and_are_single_use() {
        let store = Store::in_memory().unwrap();
        store.insert_oauth_pending(b"s", "p", "{}", 50, 1).unwrap();
        assert!(store.take_oauth_pending(b"s", 51).unwrap().is_none());
        store.insert_oauth_pending(b"t", "p", "{}", 50, 1).unwrap();
        assert!(store.take_oauth_pending(b"t", 2).unwrap().is_some());
        assert!(store.take_oauth_pending(b"t", 2).unwrap().is_none());
    }
}
