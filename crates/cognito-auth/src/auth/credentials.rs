//! AWS credentials from the identity pool: federated sign-in, the signed-in user's and guests'
//! credentials, cached until five minutes before they expire.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Auth;
use crate::config::ConfigError;
use crate::credentials::{
    AwsCredentials, EssentialCredentials, FederatedProvider, FederatedResponse, FederatedUser,
    without_scheme,
};
use crate::events::AuthEvent;
use crate::platform::now_secs;
use crate::types::AuthUser;
use crate::wire::WireClient;
use crate::wire::identity::{GetCredentialsForIdentity, GetId};
use crate::{AuthError, ErrorKind, ValidationError};

/// Credentials this close to expiry are fetched again (Amplify's margin).
const REFRESH_MARGIN_SECS: i64 = 5 * 60;
/// Store key of the federated session, under the client's prefix.
pub(crate) const FEDERATED_KEY: &str = "federatedInfo";

/// The federated session as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct FederatedInfo {
    provider: String,
    token: String,
    expires_at: i64,
    identity_id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: Option<String>,
}

impl FederatedInfo {
    fn logins(&self) -> BTreeMap<String, String> {
        let provider = FederatedProvider::from_stored_name(&self.provider);
        BTreeMap::from([(provider.logins_key(), self.token.clone())])
    }

    pub(crate) fn expired(&self) -> bool {
        self.expires_at <= now_secs()
    }

    pub(crate) fn user(&self) -> AuthUser {
        AuthUser {
            username: self.name.clone(),
            user_id: self.identity_id.clone(),
        }
    }
}

/// Credentials and whom they were fetched for.
#[derive(Debug, Clone)]
pub(crate) struct CachedCredentials {
    source: String,
    credentials: AwsCredentials,
}

/// Where credentials come from right now.
enum Source {
    Federated(FederatedInfo),
    UserPool {
        logins: BTreeMap<String, String>,
        sub: String,
    },
    Guest,
}

impl Auth {
    /// Signs in with a token from a social or OpenID provider, or a developer-authenticated
    /// identity (Amplify v5's `federatedSignIn`), and returns the identity pool's AWS credentials
    /// for it. The federated session (provider, token, expiry, user, identity id) is kept in the
    /// token store; `signIn` is emitted. Calling it again with a fresh token replaces the
    /// session. Fails with [`AuthError::FederatedTokenExpired`] for an expired token and with
    /// [`AuthError::AlreadySignedIn`] while a user pool user is signed in.
    ///
    /// ```no_run
    /// # use cognito_auth::{FederatedProvider, FederatedResponse, FederatedUser};
    /// # async fn demo(auth: cognito_auth::Auth, google_id_token: String, exp: i64)
    /// # -> Result<(), cognito_auth::AuthError> {
    /// let credentials = auth
    ///     .federated_sign_in(
    ///         FederatedProvider::Google,
    ///         FederatedResponse::new(google_id_token, exp),
    ///         Some(FederatedUser::new("Alice").with_email("alice@example.com")),
    ///     )
    ///     .await?;
    /// println!("identity {}", credentials.identity_id);
    /// # Ok(()) }
    /// ```
    pub async fn federated_sign_in(
        &self,
        provider: FederatedProvider,
        response: FederatedResponse,
        user: Option<FederatedUser>,
    ) -> Result<AwsCredentials, AuthError> {
        let (pool_id, identity) = self.identity_pool()?;
        if response.token.trim().is_empty() {
            return Err(ValidationError::EmptyToken.into());
        }
        if response.expires_at <= now_secs() {
            return Err(AuthError::FederatedTokenExpired);
        }
        if self.stored_session()?.is_some() && self.current_session().await.is_ok() {
            return Err(AuthError::AlreadySignedIn);
        }
        let _turn = self.inner.credentials_lock.lock().await;
        let logins = BTreeMap::from([(provider.logins_key(), response.token.clone())]);
        let identity_id = match (&provider, response.identity_id) {
            (FederatedProvider::Developer, Some(id)) => id,
            (FederatedProvider::Developer, None) => {
                return Err(ValidationError::MissingIdentityId.into());
            }
            (_, _) => get_id(identity, &pool_id, logins.clone()).await?,
        };
        let credentials = get_credentials(identity, &identity_id, logins, true).await?;
        let user = user.unwrap_or_default();
        let info = FederatedInfo {
            provider: provider.stored_name(),
            token: response.token,
            expires_at: response.expires_at,
            identity_id: credentials.identity_id.clone(),
            name: user.name,
            email: user.email,
        };
        self.set_pending(None);
        self.clear_session()?;
        let text = serde_json::to_string(&info)
            .map_err(|error| AuthError::UnexpectedResponse(error.to_string()))?;
        self.inner
            .store
            .set(&self.inner.keys.client_key(FEDERATED_KEY), &text)?;
        self.cache(format!("federated:{}", info.identity_id), &credentials);
        self.emit(AuthEvent::SignIn { user: info.user() });
        Ok(credentials)
    }

    /// AWS credentials for whoever is using the app (Amplify's `currentCredentials`): the
    /// federated user's, else the signed-in user pool user's (`Logins` keyed by the ID token's
    /// issuer without scheme, as Amplify's `formLoginsMap` does), else a guest identity's unless
    /// `mandatory_sign_in` is set (then [`AuthError::NotSignedIn`]). The guest identity id is kept
    /// in the token store (`CognitoIdentityId-{identityPoolId}`) so a guest stays one identity.
    /// Cached; fetched again within five minutes of expiry. A federated token past its expiry
    /// is [`AuthError::FederatedTokenExpired`]: sign in with the provider again.
    pub async fn current_credentials(&self) -> Result<AwsCredentials, AuthError> {
        let (pool_id, identity) = self.identity_pool()?;
        let _turn = self.inner.credentials_lock.lock().await;
        let source = self.credential_source().await?;
        if matches!(source, Source::Guest) && self.config().mandatory_sign_in {
            return Err(AuthError::NotSignedIn);
        }
        let cache_key = match &source {
            Source::Federated(info) => format!("federated:{}", info.identity_id),
            Source::UserPool { sub, .. } => format!("userpool:{sub}"),
            Source::Guest => "guest".to_owned(),
        };
        if let Some(cached) = self.cached(&cache_key) {
            return Ok(cached);
        }
        let credentials = match source {
            Source::Federated(info) => {
                get_credentials(identity, &info.identity_id, info.logins(), true).await?
            }
            Source::UserPool { logins, .. } => {
                let identity_id = get_id(identity, &pool_id, logins.clone()).await?;
                get_credentials(identity, &identity_id, logins, true).await?
            }
            Source::Guest => self.guest_credentials(identity, &pool_id).await?,
        };
        self.cache(cache_key, &credentials);
        Ok(credentials)
    }

    /// Credentials of the signed-in (user pool or federated) user; never a guest's
    /// (Amplify's `currentUserCredentials`). [`AuthError::NotSignedIn`] without a user.
    pub async fn current_user_credentials(&self) -> Result<AwsCredentials, AuthError> {
        if self.federated_info()?.is_none() && !self.is_signed_in().await? {
            return Err(AuthError::NotSignedIn);
        }
        let credentials = self.current_credentials().await?;
        if credentials.authenticated {
            Ok(credentials)
        } else {
            Err(AuthError::NotSignedIn)
        }
    }

    /// The parts of `credentials` AWS SDKs take (Amplify's `essentialCredentials`).
    pub fn essential_credentials(credentials: &AwsCredentials) -> EssentialCredentials {
        credentials.into()
    }

    /// The stored federated session, if any (one that does not parse counts as none).
    pub(crate) fn federated_info(&self) -> Result<Option<FederatedInfo>, AuthError> {
        let text = self
            .inner
            .store
            .get(&self.inner.keys.client_key(FEDERATED_KEY))?;
        Ok(text.and_then(|text| serde_json::from_str(&text).ok()))
    }

    fn identity_pool(&self) -> Result<(String, &WireClient), AuthError> {
        match (&self.config().identity_pool_id, &self.inner.identity) {
            (Some(id), Some(wire)) => Ok((id.clone(), wire)),
            _ => Err(ConfigError::Missing("identity pool id").into()),
        }
    }

    async fn credential_source(&self) -> Result<Source, AuthError> {
        if let Some(info) = self.federated_info()? {
            if info.expired() {
                return Err(AuthError::FederatedTokenExpired);
            }
            return Ok(Source::Federated(info));
        }
        if self.stored_session()?.is_none() {
            return Ok(Source::Guest);
        }
        let session = match self.current_session().await {
            Ok(session) => session,
            // Refresh refused: the user was signed out; carry on as a guest.
            Err(AuthError::NotSignedIn) => return Ok(Source::Guest),
            Err(error) => return Err(error),
        };
        let issuer = session
            .id_token
            .claim_str("iss")
            .ok_or_else(|| AuthError::UnexpectedResponse("ID token without an iss claim".into()))?;
        Ok(Source::UserPool {
            logins: BTreeMap::from([(
                without_scheme(issuer).to_owned(),
                session.id_token.as_str().to_owned(),
            )]),
            sub: session.user_id().unwrap_or_default().to_owned(),
        })
    }

    /// Guest credentials for the stored guest identity; a stored id the pool no longer knows is
    /// replaced once.
    async fn guest_credentials(
        &self,
        identity: &WireClient,
        pool_id: &str,
    ) -> Result<AwsCredentials, AuthError> {
        let key = format!("CognitoIdentityId-{pool_id}");
        let store = &self.inner.store;
        if let Some(stored) = store.get(&key)? {
            match get_credentials(identity, &stored, BTreeMap::new(), false).await {
                Err(error)
                    if matches!(
                        error.kind(),
                        Some(ErrorKind::ResourceNotFound | ErrorKind::NotAuthorized)
                    ) =>
                {
                    store.remove(&key)?;
                }
                other => return other,
            }
        }
        let identity_id = get_id(identity, pool_id, BTreeMap::new()).await?;
        store.set(&key, &identity_id)?;
        get_credentials(identity, &identity_id, BTreeMap::new(), false).await
    }

    fn cached(&self, source: &str) -> Option<AwsCredentials> {
        let slot = self.credentials_slot();
        slot.as_ref()
            .filter(|cached| cached.source == source)
            .filter(|cached| {
                !cached
                    .credentials
                    .expire_within(REFRESH_MARGIN_SECS, now_secs())
            })
            .map(|cached| cached.credentials.clone())
    }

    fn cache(&self, source: String, credentials: &AwsCredentials) {
        *self.credentials_slot() = Some(CachedCredentials {
            source,
            credentials: credentials.clone(),
        });
    }

    pub(crate) fn forget_credentials(&self) {
        *self.credentials_slot() = None;
    }
}

async fn get_id(
    identity: &WireClient,
    pool_id: &str,
    logins: BTreeMap<String, String>,
) -> Result<String, AuthError> {
    let output = identity
        .call(&GetId {
            identity_pool_id: pool_id.to_owned(),
            logins,
        })
        .await?;
    Ok(output.identity_id)
}

async fn get_credentials(
    identity: &WireClient,
    identity_id: &str,
    logins: BTreeMap<String, String>,
    authenticated: bool,
) -> Result<AwsCredentials, AuthError> {
    let output = identity
        .call(&GetCredentialsForIdentity {
            identity_id: identity_id.to_owned(),
            logins,
        })
        .await?;
    let credentials = output.credentials.ok_or_else(|| {
        AuthError::UnexpectedResponse("GetCredentialsForIdentity without Credentials".into())
    })?;
    Ok(AwsCredentials {
        access_key_id: credentials.access_key_id,
        secret_access_key: credentials.secret_key,
        session_token: credentials.session_token,
        expiration: credentials.expiration as i64,
        identity_id: output.identity_id.unwrap_or_else(|| identity_id.to_owned()),
        authenticated,
    })
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::storage::TokenStore;
    use crate::{AuthConfig, MemoryStore, SignOutOptions};

    fn auth() -> (Auth, Arc<MemoryStore>) {
        let config = AuthConfig::new("us-east-1_Pool1", "client1")
            .with_identity_pool_id("us-east-1:0f0e0d0c-0000-4000-8000-000000000000")
            // Nothing listens here: these tests must not need the network.
            .with_identity_pool_endpoint("http://127.0.0.1:9");
        let store = Arc::new(MemoryStore::default());
        (Auth::with_store(config, store.clone()).unwrap(), store)
    }

    fn credentials(expiration: i64) -> AwsCredentials {
        AwsCredentials {
            access_key_id: "ASIA1".into(),
            secret_access_key: "secret".into(),
            session_token: "token".into(),
            expiration,
            identity_id: "us-east-1:i".into(),
            authenticated: false,
        }
    }

    #[test]
    fn cached_credentials_are_used_until_five_minutes_before_expiry() {
        let (auth, _store) = auth();
        let now = now_secs();
        auth.cache("guest".into(), &credentials(now + 301));
        assert_eq!(auth.cached("guest"), Some(credentials(now + 301)));
        assert_eq!(auth.cached("userpool:s"), None);
        auth.cache("guest".into(), &credentials(now + 299));
        assert_eq!(auth.cached("guest"), None);
    }

    #[tokio::test]
    async fn a_stored_federated_session_is_the_user_until_sign_out() {
        let (auth, store) = auth();
        let info = FederatedInfo {
            provider: "google".into(),
            token: "t".into(),
            expires_at: now_secs() - 1,
            identity_id: "us-east-1:fed".into(),
            name: "Alice".into(),
            email: Some("alice@example.com".into()),
        };
        store
            .set(
                "CognitoIdentityServiceProvider.client1.federatedInfo",
                &serde_json::to_string(&info).unwrap(),
            )
            .unwrap();
        // Another handle on the store (a reload) sees the federated user.
        let user = auth.current_authenticated_user().await.unwrap();
        assert_eq!(
            (user.username.as_str(), user.user_id.as_str()),
            ("Alice", "us-east-1:fed")
        );
        // Its token has expired: no credentials until the user signs in again.
        assert_eq!(
            auth.current_credentials().await.unwrap_err(),
            AuthError::FederatedTokenExpired
        );
        assert!(!auth.is_signed_in().await.unwrap());
        auth.sign_out(SignOutOptions::default()).await.unwrap();
        assert_eq!(
            store
                .get("CognitoIdentityServiceProvider.client1.federatedInfo")
                .unwrap(),
            None
        );
        assert_eq!(
            auth.current_authenticated_user().await.unwrap_err(),
            AuthError::NotSignedIn
        );
    }
}
