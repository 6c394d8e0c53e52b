//! The SQLite schema, created on open. One file per data dir; WAL so readers never wait on writers.

use rusqlite::Connection;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS pools (
    id TEXT PRIMARY KEY,
    config TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS clients (
    id TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    config TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS signing_keys (
    kid TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    token_use TEXT NOT NULL,
    pkcs8 BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    username TEXT NOT NULL,
    sub TEXT NOT NULL,
    status TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    salt BLOB NOT NULL,
    verifier BLOB NOT NULL,
    attributes TEXT NOT NULL,
    mfa TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    PRIMARY KEY (pool_id, username)
);
CREATE UNIQUE INDEX IF NOT EXISTS users_by_sub ON users(pool_id, sub);
CREATE TABLE IF NOT EXISTS codes (
    pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    purpose TEXT NOT NULL,
    code TEXT NOT NULL,
    expires INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pool_id, username, purpose)
);
CREATE TABLE IF NOT EXISTS auth_sessions (
    origin_jti TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    client_id TEXT NOT NULL,
    refresh_hash BLOB NOT NULL UNIQUE,
    auth_time INTEGER NOT NULL,
    expires INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS auth_sessions_by_user ON auth_sessions(pool_id, username);
CREATE TABLE IF NOT EXISTS spent (
    hash BLOB PRIMARY KEY,
    expires INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS identities (
    id TEXT PRIMARY KEY,
    identity_pool_id TEXT NOT NULL,
    login_key TEXT UNIQUE,
    created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth_codes (
    hash BLOB PRIMARY KEY,
    pool_id TEXT NOT NULL,
    grant_data TEXT NOT NULL,
    expires INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS oauth_pending (
    state_hash BLOB PRIMARY KEY,
    pool_id TEXT NOT NULL,
    request TEXT NOT NULL,
    expires INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS domains (
    domain TEXT PRIMARY KEY,
    pool_id TEXT NOT NULL UNIQUE,
    created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS identity_providers (
    pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    details TEXT NOT NULL,
    attribute_mapping TEXT NOT NULL,
    idp_identifiers TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    PRIMARY KEY (pool_id, name)
);
CREATE TABLE IF NOT EXISTS mock_codes (
    hash BLOB PRIMARY KEY,
    data TEXT NOT NULL,
    expires INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS identity_pools (
    id TEXT PRIMARY KEY,
    config TEXT NOT NULL,
    created INTEGER NOT NULL,
    modified INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS aws_credentials (
    access_key_id TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    session_token TEXT NOT NULL,
    identity_id TEXT NOT NULL,
    authenticated INTEGER NOT NULL,
    expires INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time INTEGER NOT NULL,
    pool_id TEXT NOT NULL,
    username TEXT NOT NULL,
    medium TEXT NOT NULL,
    destination TEXT NOT NULL,
    purpose TEXT NOT NULL,
    code TEXT NOT NULL
);
-- Each insert into these tables first deletes the expired rows, which without an index
-- scans the whole table: one more row per sign-in made `spent` the slowest part of one.
CREATE INDEX IF NOT EXISTS spent_by_expiry ON spent(expires);
CREATE INDEX IF NOT EXISTS oauth_codes_by_expiry ON oauth_codes(expires);
CREATE INDEX IF NOT EXISTS oauth_pending_by_expiry ON oauth_pending(expires);
CREATE INDEX IF NOT EXISTS mock_codes_by_expiry ON mock_codes(expires);
CREATE INDEX IF NOT EXISTS aws_credentials_by_expiry ON aws_credentials(expires);
"#;

/// Turns on WAL and foreign keys and creates missing tables.
pub fn prepare(conn: &Connection) -> rusqlite::Result<()> {
    // `:memory:` databases answer "memory" here; that is fine, they have no file to journal.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // With WAL, NORMAL has written every commit to the log (in the OS's hands) before it returns,
    // so acknowledged writes survive kill -9; only a power cut can lose the last few. FULL
    // would add an fsync per commit, about 10 ms on this kind of machine, under the store lock.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(SCHEMA)?;
    add_column_if_missing(conn, "auth_sessions", "scope", "TEXT")
}

/// Upgrades a database made by an older version in place: `CREATE TABLE IF NOT EXISTS` leaves
/// existing tables as they were.
fn add_column_if_missing(
    conn: &Connection,
    table: &str,
    column: &str,
    kind: &str,
) -> rusqlite::Result<()> {
    let mut statement = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let exists = statement
        .query_map([], |row| row.get::<_, String>(1))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .iter()
        .any(|name| name == column);
    if !exists {
        conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {kind}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_database_gains_the_session_scope_column() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE auth_sessions (origin_jti TEXT PRIMARY KEY, pool_id TEXT NOT NULL,
             username TEXT NOT NULL, client_id TEXT NOT NULL, refresh_hash BLOB NOT NULL UNIQUE,
             auth_time INTEGER NOT NULL, expires INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
             INSERT INTO auth_sessions VALUES ('j', 'p', 'u', 'c', x'01', 1, 2, 0);",
        )
        .unwrap();
        prepare(&conn).unwrap();
        prepare(&conn).unwrap();
        let scope: Option<String> = conn
            .query_row("SELECT scope FROM auth_sessions", [], |row| row.get(0))
            .unwrap();
        assert_eq!(scope, None);
    }
}
