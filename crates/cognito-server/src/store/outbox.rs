//! Every code the server "sends", kept so tests and developers can read it back.

use rusqlite::params;
use serde::Serialize;

use super::Store;

/// One delivered message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxEntry {
    /// Unix seconds.
    pub time: i64,
    pub pool_id: String,
    pub username: String,
    /// `EMAIL` or `SMS`.
    pub medium: String,
    pub destination: String,
    /// `sign_up`, `forgot_password`, `verify_email`, `verify_phone_number`, `sms_mfa`.
    pub purpose: String,
    pub code: String,
}

impl Store {
    pub fn insert_outbox(&self, entry: &OutboxEntry) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO outbox (time, pool_id, username, medium, destination, purpose, code)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                entry.time,
                entry.pool_id,
                entry.username,
                entry.medium,
                entry.destination,
                entry.purpose,
                entry.code
            ],
        )?;
        Ok(())
    }

    /// How many messages of a purpose went to a user since a time (for rate limits).
    pub fn deliveries_since(
        &self,
        pool_id: &str,
        username: &str,
        purpose: &str,
        since: i64,
    ) -> rusqlite::Result<i64> {
        self.conn().query_row(
            "SELECT COUNT(*) FROM outbox
             WHERE pool_id = ?1 AND username = ?2 AND purpose = ?3 AND time >= ?4",
            params![pool_id, username, purpose, since],
            |row| row.get(0),
        )
    }

    /// All entries, oldest first.
    pub fn outbox(&self) -> rusqlite::Result<Vec<OutboxEntry>> {
        let conn = self.conn();
        let mut statement = conn.prepare(
            "SELECT time, pool_id, username, medium, destination, purpose, code FROM outbox ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(OutboxEntry {
                time: row.get(0)?,
                pool_id: row.get(1)?,
                username: row.get(2)?,
                medium: row.get(3)?,
                destination: row.get(4)?,
                purpose: row.get(5)?,
                code: row.get(6)?,
            })
        })?;
        rows.collect()
    }
}
