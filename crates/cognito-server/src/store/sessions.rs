//! Sign-in sessions: one row per successful authentication, keyed by the tokens' `origin_jti`.
//!
//! The refresh token is stored only as a hash. Revoking the row (GlobalSignOut, RevokeToken)
//! refuses the refresh token and every access token carrying its `origin_jti`.

use rusqlite::{OptionalExtension, params};

use super::Store;

/// A stored sign-in session.
#[derive(Debug, Clone)]
pub struct AuthSession {
    pub origin_jti: String,
    pub pool_id: String,
    pub username: String,
    pub client_id: String,
    pub auth_time: i64,
    /// When the refresh token expires.
    pub expires: i64,
    pub revoked: bool,
    /// The OAuth scopes granted through the hosted UI; `None` for API sign-ins, whose tokens
    /// carry `aws.cognito.signin.user.admin`.
    pub scope: Option<String>,
}

impl Store {
    pub fn insert_auth_session(
        &self,
        session: &AuthSession,
        refresh_hash: &[u8],
    ) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO auth_sessions
             (origin_jti, pool_id, username, client_id, refresh_hash, auth_time, expires, revoked, scope)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                session.origin_jti,
                session.pool_id,
                session.username,
                session.client_id,
                refresh_hash,
                session.auth_time,
                session.expires,
                session.revoked,
                session.scope,
            ],
        )?;
        Ok(())
    }

    pub fn auth_session_by_refresh(
        &self,
        refresh_hash: &[u8],
    ) -> rusqlite::Result<Option<AuthSession>> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM auth_sessions WHERE refresh_hash = ?1"),
                [refresh_hash],
                session_from_row,
            )
            .optional()
    }

    pub fn auth_session(&self, origin_jti: &str) -> rusqlite::Result<Option<AuthSession>> {
        self.conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM auth_sessions WHERE origin_jti = ?1"),
                [origin_jti],
                session_from_row,
            )
            .optional()
    }

    pub fn revoke_auth_session(&self, origin_jti: &str) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE auth_sessions SET revoked = 1 WHERE origin_jti = ?1",
            [origin_jti],
        )?;
        Ok(())
    }

    /// Revokes every session of a user (GlobalSignOut).
    pub fn revoke_user_sessions(&self, pool_id: &str, username: &str) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE auth_sessions SET revoked = 1 WHERE pool_id = ?1 AND username = ?2",
            [pool_id, username],
        )?;
        Ok(())
    }
}

const COLUMNS: &str =
    "origin_jti, pool_id, username, client_id, auth_time, expires, revoked, scope";

fn session_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuthSession> {
    Ok(AuthSession {
        origin_jti: row.get(0)?,
        pool_id: row.get(1)?,
        username: row.get(2)?,
        client_id: row.get(3)?,
        auth_time: row.get(4)?,
        expires: row.get(5)?,
        revoked: row.get(6)?,
        scope: row.get(7)?,
    })
}
