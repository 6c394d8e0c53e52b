//! AWS credentials handed out for identities. The secret is kept as it is: checking a SigV4
//! signature needs it (this is a local development server, not a vault).

use rusqlite::{OptionalExtension, params};

use super::Store;

/// One set of temporary credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwsCredentials {
    pub access_key_id: String,
    pub secret: String,
    pub session_token: String,
    pub identity_id: String,
    pub authenticated: bool,
    /// Unix seconds.
    pub expires: i64,
}

/// How long expired credentials are kept, so their use is refused as expired rather than unknown.
const KEEP_EXPIRED_SECS: i64 = 24 * 3600;

impl Store {
    pub fn insert_credentials(
        &self,
        credentials: &AwsCredentials,
        now: i64,
    ) -> rusqlite::Result<()> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM aws_credentials WHERE expires < ?1",
            [now - KEEP_EXPIRED_SECS],
        )?;
        tx.execute(
            "INSERT INTO aws_credentials
             (access_key_id, secret, session_token, identity_id, authenticated, expires)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                credentials.access_key_id,
                credentials.secret,
                credentials.session_token,
                credentials.identity_id,
                credentials.authenticated,
                credentials.expires,
            ],
        )?;
        tx.commit()
    }

    pub fn credentials(&self, access_key_id: &str) -> rusqlite::Result<Option<AwsCredentials>> {
        self.conn()
            .query_row(
                "SELECT access_key_id, secret, session_token, identity_id, authenticated, expires
                 FROM aws_credentials WHERE access_key_id = ?1",
                [access_key_id],
                |row| {
                    Ok(AwsCredentials {
                        access_key_id: row.get(0)?,
                        secret: row.get(1)?,
                        session_token: row.get(2)?,
                        identity_id: row.get(3)?,
                        authenticated: row.get(4)?,
                        expires: row.get(5)?,
                    })
                },
            )
            .optional()
    }

    /// Moves the expiry (tests use it to make credentials expire).
    #[cfg(test)]
    pub fn set_credentials_expiry(
        &self,
        access_key_id: &str,
        expires: i64,
    ) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE aws_credentials SET expires = ?2 WHERE access_key_id = ?1",
            params![access_key_id, expires],
        )?;
        Ok(())
    }
}
