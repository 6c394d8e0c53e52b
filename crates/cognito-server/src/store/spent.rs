//! Single-use tokens handed to clients (secret blocks, challenge sessions): each may be
//! redeemed once, so a captured sign-in answer cannot be replayed.

use rusqlite::params;

use super::Store;

impl Store {
    /// Marks `hash` as used until `expires`; `false` if it already was. Also forgets entries
    /// whose tokens have expired anyway.
    pub fn spend(&self, hash: &[u8], expires: i64, now: i64) -> rusqlite::Result<bool> {
        let conn = self.conn();
        conn.execute("DELETE FROM spent WHERE expires < ?1", [now])?;
        let inserted = conn.execute(
            "INSERT OR IGNORE INTO spent (hash, expires) VALUES (?1, ?2)",
            params![hash, expires],
        )?;
        Ok(inserted == 1)
    }
}
