//! The storage layout of a session, under Amplify's key names so apps migrating from Amplify (or
//! sharing a domain with one) find the same keys.

use std::sync::Arc;

use super::{StorageError, TokenStore};
use crate::AuthError;
use crate::session::{JwtToken, Session};

/// `CognitoIdentityServiceProvider.{client_id}` and the keys below it.
#[derive(Debug, Clone)]
pub(crate) struct TokenKeys {
    prefix: String,
}

const TOKEN_NAMES: [&str; 4] = ["idToken", "accessToken", "refreshToken", "clockDrift"];

impl TokenKeys {
    pub(crate) fn new(client_id: &str) -> Self {
        Self {
            prefix: format!("CognitoIdentityServiceProvider.{client_id}"),
        }
    }

    /// `{prefix}.{name}`: where Amplify keeps per-client values such as `oauthState`.
    pub(crate) fn client_key(&self, name: &str) -> String {
        format!("{}.{name}", self.prefix)
    }

    fn last_user_key(&self) -> String {
        format!("{}.LastAuthUser", self.prefix)
    }

    fn key(&self, username: &str, name: &str) -> String {
        format!("{}.{username}.{name}", self.prefix)
    }

    /// The stored session, if complete. A session that does not parse is treated as absent.
    pub(crate) fn load(&self, store: &Arc<dyn TokenStore>) -> Result<Option<Session>, AuthError> {
        let Some(username) = store.get(&self.last_user_key())? else {
            return Ok(None);
        };
        let get = |name: &str| store.get(&self.key(&username, name));
        let (Some(id), Some(access)) = (get("idToken")?, get("accessToken")?) else {
            return Ok(None);
        };
        let (Ok(id_token), Ok(access_token)) = (JwtToken::parse(&id), JwtToken::parse(&access))
        else {
            return Ok(None);
        };
        Ok(Some(Session {
            id_token,
            access_token,
            refresh_token: get("refreshToken")?,
            clock_drift_secs: get("clockDrift")?
                .and_then(|text| text.parse().ok())
                .unwrap_or(0),
        }))
    }

    pub(crate) fn save(
        &self,
        store: &Arc<dyn TokenStore>,
        session: &Session,
    ) -> Result<(), StorageError> {
        let username = session.username().unwrap_or("unknown");
        store.set(&self.key(username, "idToken"), session.id_token.as_str())?;
        store.set(
            &self.key(username, "accessToken"),
            session.access_token.as_str(),
        )?;
        match &session.refresh_token {
            Some(token) => store.set(&self.key(username, "refreshToken"), token)?,
            None => store.remove(&self.key(username, "refreshToken"))?,
        }
        store.set(
            &self.key(username, "clockDrift"),
            &session.clock_drift_secs.to_string(),
        )?;
        // Written last: a reader never sees a user whose tokens are half written.
        store.set(&self.last_user_key(), username)
    }

    pub(crate) fn clear(&self, store: &Arc<dyn TokenStore>) -> Result<(), StorageError> {
        if let Some(username) = store.get(&self.last_user_key())? {
            for name in TOKEN_NAMES {
                store.remove(&self.key(&username, name))?;
            }
        }
        store.remove(&self.last_user_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MemoryStore;
    use crate::session::tests::token;

    #[test]
    fn save_load_clear_round_trip_under_amplify_keys() {
        let store: Arc<dyn TokenStore> = Arc::new(MemoryStore::default());
        let keys = TokenKeys::new("client");
        assert_eq!(keys.load(&store).unwrap(), None);
        let session = Session {
            id_token: JwtToken::parse(&token(serde_json::json!({"cognito:username": "bob"})))
                .unwrap(),
            access_token: JwtToken::parse(&token(serde_json::json!({"username": "bob"}))).unwrap(),
            refresh_token: Some("refresh".into()),
            clock_drift_secs: -7,
        };
        keys.save(&store, &session).unwrap();
        assert_eq!(
            store
                .get("CognitoIdentityServiceProvider.client.LastAuthUser")
                .unwrap()
                .as_deref(),
            Some("bob")
        );
        assert_eq!(
            store
                .get("CognitoIdentityServiceProvider.client.bob.refreshToken")
                .unwrap()
                .as_deref(),
            Some("refresh")
        );
        assert_eq!(keys.load(&store).unwrap(), Some(session));
        keys.clear(&store).unwrap();
        assert_eq!(keys.load(&store).unwrap(), None);
        assert_eq!(
            store
                .get("CognitoIdentityServiceProvider.client.bob.idToken")
                .unwrap(),
            None
        );
    }
}
