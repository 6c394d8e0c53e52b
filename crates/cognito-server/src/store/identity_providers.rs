//! The identity providers of a user pool (Google, Facebook, OIDC, ...), as CreateIdentityProvider
//! stores them.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};

use super::{Store, from_json, to_json};

/// A stored identity provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityProvider {
    pub pool_id: String,
    /// `ProviderName`: `Google`, `Facebook`, `LoginWithAmazon`, `SignInWithApple` or any name for
    /// OIDC and SAML.
    pub name: String,
    /// `ProviderType`.
    pub provider_type: String,
    /// `ProviderDetails`: client_id, client_secret, authorize_scopes, endpoints, ...
    pub details: BTreeMap<String, String>,
    /// User-pool attribute -> provider attribute.
    pub attribute_mapping: BTreeMap<String, String>,
    pub idp_identifiers: Vec<String>,
    pub created: i64,
    pub modified: i64,
}

const COLUMNS: &str =
    "pool_id, name, type, details, attribute_mapping, idp_identifiers, created, modified";

impl Store {
    /// Adds a provider; `false` when the pool already has one by that name.
    pub fn insert_identity_provider(&self, idp: &IdentityProvider) -> rusqlite::Result<bool> {
        let inserted = self.conn().execute(
            &format!(
                "INSERT OR IGNORE INTO identity_providers ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            ),
            params![
                idp.pool_id,
                idp.name,
                idp.provider_type,
                to_json(&idp.details)?,
                to_json(&idp.attribute_mapping)?,
                to_json(&idp.idp_identifiers)?,
                idp.created,
                idp.modified,
            ],
        )?;
        Ok(inserted == 1)
    }

    /// Writes details, mapping and identifiers of an existing provider back.
    pub fn save_identity_provider(&self, idp: &IdentityProvider) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE identity_providers
             SET details = ?3, attribute_mapping = ?4, idp_identifiers = ?5, modified = ?6
             WHERE pool_id = ?1 AND name = ?2",
            params![
                idp.pool_id,
                idp.name,
                to_json(&idp.details)?,
                to_json(&idp.attribute_mapping)?,
                to_json(&idp.idp_identifiers)?,
                idp.modified,
            ],
        )?;
        Ok(())
    }

    pub fn identity_provider(
        &self,
        pool_id: &str,
        name: &str,
    ) -> rusqlite::Result<Option<IdentityProvider>> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM identity_providers WHERE pool_id = ?1 AND name = ?2"
                ),
                [pool_id, name],
                idp_from_row,
            )
            .optional()
    }

    /// The providers of a pool, by name.
    pub fn identity_providers(&self, pool_id: &str) -> rusqlite::Result<Vec<IdentityProvider>> {
        let conn = self.conn();
        let mut statement = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM identity_providers WHERE pool_id = ?1 ORDER BY name"
        ))?;
        let rows = statement.query_map([pool_id], idp_from_row)?;
        rows.collect()
    }

    /// The providers of every pool (the mock providers accept the client ids configured in them).
    pub fn all_identity_providers(&self) -> rusqlite::Result<Vec<IdentityProvider>> {
        let conn = self.conn();
        let mut statement = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM identity_providers ORDER BY pool_id, name"
        ))?;
        let rows = statement.query_map([], idp_from_row)?;
        rows.collect()
    }

    /// Returns whether the provider existed.
    pub fn delete_identity_provider(&self, pool_id: &str, name: &str) -> rusqlite::Result<bool> {
        let deleted = self.conn().execute(
            "DELETE FROM identity_providers WHERE pool_id = ?1 AND name = ?2",
            [pool_id, name],
        )?;
        Ok(deleted > 0)
    }
}

fn idp_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<IdentityProvider> {
    let details: String = row.get(3)?;
    let mapping: String = row.get(4)?;
    let identifiers: String = row.get(5)?;
    Ok(IdentityProvider {
        pool_id: row.get(0)?,
        name: row.get(1)?,
        provider_type: row.get(2)?,
        details: from_json(&details)?,
        attribute_mapping: from_json(&mapping)?,
        idp_identifiers: from_json(&identifiers)?,
        created: row.get(6)?,
        modified: row.get(7)?,
    })
}
