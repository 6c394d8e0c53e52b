//! Single-use tokens handed to clients (secret blocks, challenge sessions): each may be
//! redeemed once, so a captured sign-in answer cannot be replayed.

use rusqlite::params;

use super::Store;

impl Store {
    /// Marks `hash` as used until `expires`; `false` if it already was. Also forgets entries
    /// whose tokens have expired anyway.
    pub fn spend(&self, hash: &[u8], expires: i64, now: i64) -> rusqlite::Result<bool> {
        let mut conn = self.conn();
        // One transaction, so one sync to disk per sign-in step.
        let tx = conn.transaction()?;
        tx.execute("DELETE FROM spent WHERE expires < ?1", [now])?;
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO spent (hash, expires) VALUES (?1, ?2)",
            params![hash, expires],
        )?;
        tx.commit()?;
        Ok(inserted == 1)
    }

    /// Whether `hash` was spent and its token has not expired yet.
    pub fn is_spent(&self, hash: &[u8], now: i64) -> rusqlite::Result<bool> {
        self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM spent WHERE hash = ?1 AND expires >= ?2)",
            params![hash, now],
            |row| row.get(0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_spent_once_until_it_expires() {
        let store = Store::in_memory().unwrap();
        assert!(store.spend(b"h", 100, 10).unwrap());
        assert!(!store.spend(b"h", 100, 20).unwrap());
        // After its expiry the entry is dropped; the sealed token itself is refused as expired.
        assert!(store.spend(b"h", 300, 101).unwrap());
    }
}
