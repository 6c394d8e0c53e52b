//! Identity-pool identities: stable ids for a login (provider + subject), fresh ones for guests.

use rusqlite::{OptionalExtension, params};

use super::Store;

/// A stored identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub id: String,
    pub identity_pool_id: String,
    /// `<identity pool>#<provider>|<subject>` for authenticated identities, `None` for guests.
    pub login_key: Option<String>,
}

impl Store {
    /// The identity for a login, created on first use.
    pub fn identity_for_login(
        &self,
        identity_pool_id: &str,
        login_key: &str,
        new_id: &str,
        now: i64,
    ) -> rusqlite::Result<Identity> {
        let conn = self.conn();
        conn.execute(
            "INSERT OR IGNORE INTO identities (id, identity_pool_id, login_key, created)
             VALUES (?1, ?2, ?3, ?4)",
            params![new_id, identity_pool_id, login_key, now],
        )?;
        conn.query_row(
            "SELECT id, identity_pool_id, login_key FROM identities WHERE login_key = ?1",
            [login_key],
            identity_from_row,
        )
    }

    pub fn insert_guest_identity(
        &self,
        identity_pool_id: &str,
        id: &str,
        now: i64,
    ) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO identities (id, identity_pool_id, login_key, created) VALUES (?1, ?2, NULL, ?3)",
            params![id, identity_pool_id, now],
        )?;
        Ok(())
    }

    /// The identity a login is linked to, if any.
    pub fn identity_by_login(&self, login_key: &str) -> rusqlite::Result<Option<Identity>> {
        self.conn()
            .query_row(
                "SELECT id, identity_pool_id, login_key FROM identities WHERE login_key = ?1",
                [login_key],
                identity_from_row,
            )
            .optional()
    }

    /// Links a guest identity to a login; `false` if the identity already has one or the login
    /// belongs to another identity.
    pub fn link_identity(&self, id: &str, login_key: &str) -> rusqlite::Result<bool> {
        let linked = self.conn().execute(
            "UPDATE OR IGNORE identities SET login_key = ?2 WHERE id = ?1 AND login_key IS NULL",
            params![id, login_key],
        )?;
        Ok(linked == 1)
    }

    pub fn identity(&self, id: &str) -> rusqlite::Result<Option<Identity>> {
        self.conn()
            .query_row(
                "SELECT id, identity_pool_id, login_key FROM identities WHERE id = ?1",
                [id],
                identity_from_row,
            )
            .optional()
    }
}

fn identity_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Identity> {
    Ok(Identity {
        id: row.get(0)?,
        identity_pool_id: row.get(1)?,
        login_key: row.get(2)?,
    })
}
