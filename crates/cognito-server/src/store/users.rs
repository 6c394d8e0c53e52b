//! Users: status, SRP salt and verifier (never a password), attributes, MFA settings, lockout.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Store, from_json, to_json};

/// Cognito's `UserStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserStatus {
    Unconfirmed,
    Confirmed,
    /// Created by an admin with a temporary password.
    ForceChangePassword,
    /// An admin asked for a password reset.
    ResetRequired,
    /// Signed in through an identity provider; has no password.
    ExternalProvider,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "UNCONFIRMED",
            Self::Confirmed => "CONFIRMED",
            Self::ForceChangePassword => "FORCE_CHANGE_PASSWORD",
            Self::ResetRequired => "RESET_REQUIRED",
            Self::ExternalProvider => "EXTERNAL_PROVIDER",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [
            Self::Unconfirmed,
            Self::Confirmed,
            Self::ForceChangePassword,
            Self::ResetRequired,
            Self::ExternalProvider,
        ]
        .into_iter()
        .find(|status| status.as_str() == text)
    }
}

/// A user's MFA methods and the TOTP secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MfaSettings {
    pub sms_enabled: bool,
    pub sms_preferred: bool,
    pub totp_enabled: bool,
    pub totp_preferred: bool,
    /// Base32 secret of a verified authenticator.
    pub totp_secret: Option<String>,
    /// Base32 secret handed out by AssociateSoftwareToken, not yet verified.
    pub totp_pending_secret: Option<String>,
}

/// A stored user.
#[derive(Debug, Clone)]
pub struct User {
    pub pool_id: String,
    /// The real username (what SRP uses as `USER_ID_FOR_SRP`).
    pub username: String,
    pub sub: String,
    pub status: UserStatus,
    pub enabled: bool,
    pub salt: Vec<u8>,
    pub verifier: Vec<u8>,
    /// Attribute name -> value, `sub` included; `*_verified` kept as "true"/"false".
    pub attributes: BTreeMap<String, String>,
    pub mfa: MfaSettings,
    /// Wrong passwords since the last success.
    pub failed_logins: i64,
    /// Unix time before which sign-in is refused.
    pub locked_until: i64,
    pub created: i64,
    pub modified: i64,
}

impl User {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }

    pub fn is_verified(&self, name: &str) -> bool {
        self.attribute(&format!("{name}_verified")) == Some("true")
    }
}

const COLUMNS: &str = "pool_id, username, sub, status, enabled, salt, verifier, attributes, mfa, \
                       failed_logins, locked_until, created, modified";

impl Store {
    /// Adds a user; `false` when the username is taken.
    pub fn insert_user(&self, user: &User) -> rusqlite::Result<bool> {
        let sql = format!(
            "INSERT OR IGNORE INTO users ({COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        );
        Ok(self.write_user(&sql, user)? == 1)
    }

    /// Writes every column of an existing user back (all but `created`, ?12).
    pub fn save_user(&self, user: &User) -> rusqlite::Result<()> {
        self.write_user(
            "UPDATE users SET sub = ?3, status = ?4, enabled = ?5, salt = ?6, verifier = ?7,
                    attributes = ?8, mfa = ?9, failed_logins = ?10, locked_until = ?11, modified = ?13
             WHERE pool_id = ?1 AND username = ?2",
            user,
        )
        .map(drop)
    }

    /// Runs a statement with the user's columns bound as ?1..?13, in [`COLUMNS`] order.
    fn write_user(&self, sql: &str, user: &User) -> rusqlite::Result<usize> {
        self.conn().execute(
            sql,
            params![
                user.pool_id,
                user.username,
                user.sub,
                user.status.as_str(),
                user.enabled,
                user.salt,
                user.verifier,
                to_json(&user.attributes)?,
                to_json(&user.mfa)?,
                user.failed_logins,
                user.locked_until,
                user.created,
                user.modified,
            ],
        )
    }

    pub fn user(&self, pool_id: &str, username: &str) -> rusqlite::Result<Option<User>> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM users WHERE pool_id = ?1 AND username = ?2"),
                [pool_id, username],
                user_from_row,
            )
            .optional()
    }

    /// Users of a pool whose attribute `name` equals `value` (for aliases and uniqueness checks).
    pub fn users_with_attribute(
        &self,
        pool_id: &str,
        name: &str,
        value: &str,
    ) -> rusqlite::Result<Vec<User>> {
        // The attribute name goes into a JSON path, so it is passed as a bound parameter too.
        let conn = self.conn();
        let mut statement = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM users
             WHERE pool_id = ?1 AND json_extract(attributes, '$.\"' || ?2 || '\"') = ?3"
        ))?;
        let rows = statement.query_map(
            params![pool_id, name.replace('"', ""), value],
            user_from_row,
        )?;
        rows.collect()
    }

    pub fn users(&self, pool_id: &str) -> rusqlite::Result<Vec<User>> {
        let conn = self.conn();
        let mut statement = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM users WHERE pool_id = ?1 ORDER BY username"
        ))?;
        let rows = statement.query_map([pool_id], user_from_row)?;
        rows.collect()
    }

    /// Deletes a user with their codes and sessions. Returns whether they existed.
    pub fn delete_user(&self, pool_id: &str, username: &str) -> rusqlite::Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        for table in ["codes", "auth_sessions"] {
            tx.execute(
                &format!("DELETE FROM {table} WHERE pool_id = ?1 AND username = ?2"),
                [pool_id, username],
            )?;
        }
        let deleted = tx.execute(
            "DELETE FROM users WHERE pool_id = ?1 AND username = ?2",
            [pool_id, username],
        )?;
        tx.commit()?;
        Ok(deleted > 0)
    }
}

fn user_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let status: String = row.get(3)?;
    let attributes: String = row.get(7)?;
    let mfa: String = row.get(8)?;
    Ok(User {
        pool_id: row.get(0)?,
        username: row.get(1)?,
        sub: row.get(2)?,
        status: UserStatus::parse(&status).ok_or_else(|| {
            rusqlite::Error::InvalidColumnType(3, status.clone(), rusqlite::types::Type::Text)
        })?,
        enabled: row.get(4)?,
        salt: row.get(5)?,
        verifier: row.get(6)?,
        attributes: from_json(&attributes)?,
        mfa: from_json(&mfa)?,
        failed_logins: row.get(9)?,
        locked_until: row.get(10)?,
        created: row.get(11)?,
        modified: row.get(12)?,
    })
}
