//! Small server-wide values: the sealing key for secret blocks, the ids of the default pool.

use rusqlite::{OptionalExtension, params};

use super::Store;

impl Store {
    /// A stored value by key.
    pub fn meta(&self, key: &str) -> rusqlite::Result<Option<Vec<u8>>> {
        self.conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()
    }

    /// Stores a value, replacing any earlier one.
    pub fn set_meta(&self, key: &str, value: &[u8]) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// The stored value, or `make()` stored under the key and returned.
    pub fn meta_or_insert(
        &self,
        key: &str,
        make: impl FnOnce() -> Vec<u8>,
    ) -> rusqlite::Result<Vec<u8>> {
        if let Some(value) = self.meta(key)? {
            return Ok(value);
        }
        let value = make();
        self.set_meta(key, &value)?;
        Ok(value)
    }
}
