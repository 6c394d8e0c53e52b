//! Authorization codes of the mock identity providers: stored hashed, single-use, short-lived.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::{Store, from_json, to_json};

/// What a mock provider's code stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MockGrant {
    /// `google`, `facebook`, `amazon`, `apple` or `oidc`.
    pub kind: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub subject: String,
    pub email: String,
    pub name: String,
    pub nonce: Option<String>,
    pub scope: String,
}

impl Store {
    /// Stores a code until `expires`, dropping codes that have expired.
    pub fn put_mock_code(
        &self,
        code: &str,
        grant: &MockGrant,
        expires: i64,
        now: i64,
    ) -> rusqlite::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM mock_codes WHERE expires < ?1", [now])?;
        tx.execute(
            "INSERT INTO mock_codes (hash, data, expires) VALUES (?1, ?2, ?3)",
            params![
                Sha256::digest(code.as_bytes()).to_vec(),
                to_json(grant)?,
                expires
            ],
        )?;
        tx.commit()
    }

    /// Redeems a code: returns its grant and expiry once, then never again.
    pub fn take_mock_code(&self, code: &str) -> rusqlite::Result<Option<(MockGrant, i64)>> {
        let hash = Sha256::digest(code.as_bytes()).to_vec();
        let row: Option<(String, i64)> = self
            .conn()
            .query_row(
                "DELETE FROM mock_codes WHERE hash = ?1 RETURNING data, expires",
                [hash],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        match row {
            Some((data, expires)) => Ok(Some((from_json(&data)?, expires))),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_redeemed_once() {
        let store = Store::in_memory().unwrap();
        let grant = MockGrant {
            kind: "google".into(),
            client_id: "c".into(),
            redirect_uri: "http://x/".into(),
            subject: "1".into(),
            email: "a@b.c".into(),
            name: "A".into(),
            nonce: None,
            scope: "openid".into(),
        };
        store.put_mock_code("abc", &grant, 100, 10).unwrap();
        assert_eq!(store.take_mock_code("abc").unwrap(), Some((grant, 100)));
        assert_eq!(store.take_mock_code("abc").unwrap(), None);
        assert_eq!(store.take_mock_code("other").unwrap(), None);
    }
}
