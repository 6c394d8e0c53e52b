//! `Auth`: the handle apps hold. Each file below adds one group of Amplify's methods; this one holds
//! the shared state and the helpers they use.

mod attributes;
mod challenge;
mod credentials;
mod mfa;
mod oauth;
mod password;
mod session;
mod sign_in;
mod sign_out;
mod sign_up;
mod user;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use challenge::PendingSignIn;

use crate::config::{AuthConfig, UserPool};
use crate::events::{AuthEvent, Hub, Subscription};
use crate::platform::{MaybeSendSync, now_secs};
use crate::session::{JwtToken, Session, clock_drift};
use crate::storage::{TokenKeys, TokenStore, default_store};
use crate::wire::WireClient;
use crate::wire::initiate_auth::AuthenticationResult;
use crate::{AuthError, ValidationError};

/// The Auth client: Amplify's Auth API over Cognito's user pool protocol.
///
/// Cheap to clone: clones share the configuration, the token store, the event listeners and any
/// sign-in in progress.
///
/// ```no_run
/// use cognito_auth::{Auth, AuthConfig, SignInStep, SignOutOptions};
///
/// # async fn demo() -> Result<(), cognito_auth::AuthError> {
/// let config = AuthConfig::new("us-east-1_AbCdEf123", "3n4b5urk1ft4fl3mg5e62d9ado");
/// let auth = Auth::new(config)?;
/// let _events = auth.subscribe(|event| println!("auth event: {}", event.name()));
/// if auth.sign_in("alice", "Passw0rd!").await? == SignInStep::Done {
///     let session = auth.current_session().await?;
///     println!("access token: {}", session.access_token.as_str());
///     auth.sign_out(SignOutOptions::default()).await?;
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Auth {
    inner: Arc<Inner>,
}

struct Inner {
    config: AuthConfig,
    pool: UserPool,
    wire: WireClient,
    store: Arc<dyn TokenStore>,
    keys: TokenKeys,
    hub: Arc<Hub>,
    pending: Mutex<Option<PendingSignIn>>,
    auto_sign_in: Mutex<Option<sign_up::AutoSignIn>>,
    // Held while refreshing, so concurrent callers wait for one refresh instead of racing.
    refresh_lock: futures_util::lock::Mutex<()>,
    /// Identity pool calls, when an identity pool is configured.
    identity: Option<WireClient>,
    credentials: Mutex<Option<credentials::CachedCredentials>>,
    // Held while fetching credentials, for the same reason as `refresh_lock`.
    credentials_lock: futures_util::lock::Mutex<()>,
}

/// Handles are equal when they are clones of one another (they share everything), which is what
/// UI frameworks comparing context values need.
impl PartialEq for Auth {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Eq for Auth {}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("user_pool_id", &self.inner.pool.id)
            .field("client_id", &self.inner.pool.client_id)
            .field("endpoint", &self.inner.pool.endpoint)
            .field("store", &self.inner.store)
            .finish_non_exhaustive()
    }
}

/// Builds an [`Auth`] with a chosen token store and listeners that hear `configured`.
///
/// ```
/// use std::sync::Arc;
/// use cognito_auth::{Auth, AuthConfig, MemoryStore};
///
/// let auth = Auth::builder(AuthConfig::new("us-east-1_AbC", "client"))
///     .store(Arc::new(MemoryStore::default()))
///     .listener(|event| println!("{}", event.name()))
///     .build()
///     .unwrap();
/// # drop(auth);
/// ```
#[must_use]
pub struct AuthBuilder {
    config: AuthConfig,
    store: Option<Arc<dyn TokenStore>>,
    hub: Arc<Hub>,
    subscriptions: Vec<Subscription>,
}

impl std::fmt::Debug for AuthBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthBuilder")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl AuthBuilder {
    /// Keeps tokens in `store` instead of the default ([`default_store`]).
    pub fn store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.store = Some(store);
        self
    }

    /// Adds a listener for the life of the `Auth` handle (it hears `configured` too).
    pub fn listener(mut self, listener: impl Fn(&AuthEvent) + MaybeSendSync + 'static) -> Self {
        self.subscriptions.push(self.hub.subscribe(listener));
        self
    }

    /// Validates the configuration and creates the handle; emits `configured`.
    pub fn build(self) -> Result<Auth, AuthError> {
        self.config.validate()?;
        let pool = self.config.user_pool()?;
        let store = self.store.unwrap_or_else(|| default_store(&self.config));
        let identity = match &self.config.identity_pool_id {
            Some(_) => Some(WireClient::new(self.config.identity_pool_endpoint()?)),
            None => None,
        };
        // Builder listeners live as long as the hub: their guards are simply not dropped.
        for subscription in self.subscriptions {
            std::mem::forget(subscription);
        }
        let auth = Auth {
            inner: Arc::new(Inner {
                wire: WireClient::new(pool.endpoint.clone()),
                keys: TokenKeys::new(&pool.client_id),
                pool,
                store,
                config: self.config,
                hub: self.hub,
                pending: Mutex::new(None),
                auto_sign_in: Mutex::new(None),
                refresh_lock: futures_util::lock::Mutex::new(()),
                identity,
                credentials: Mutex::new(None),
                credentials_lock: futures_util::lock::Mutex::new(()),
            }),
        };
        auth.emit(AuthEvent::Configured);
        Ok(auth)
    }
}

impl Auth {
    /// A handle for `config` with the default token store (memory natively; localStorage, or
    /// cookies when `cookie_storage` is set, in the browser).
    pub fn new(config: AuthConfig) -> Result<Self, AuthError> {
        Self::builder(config).build()
    }

    /// A handle for `config` keeping tokens in `store`.
    pub fn with_store(config: AuthConfig, store: Arc<dyn TokenStore>) -> Result<Self, AuthError> {
        Self::builder(config).store(store).build()
    }

    /// Starts building a handle with more options.
    pub fn builder(config: AuthConfig) -> AuthBuilder {
        AuthBuilder {
            config,
            store: None,
            hub: Arc::new(Hub::default()),
            subscriptions: Vec::new(),
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &AuthConfig {
        &self.inner.config
    }

    /// Calls `listener` for every auth event until the returned guard is dropped.
    pub fn subscribe(
        &self,
        listener: impl Fn(&AuthEvent) + MaybeSendSync + 'static,
    ) -> Subscription {
        self.inner.hub.subscribe(listener)
    }

    pub(crate) fn emit(&self, event: AuthEvent) {
        self.inner.hub.emit(&event);
    }

    pub(crate) fn wire(&self) -> &WireClient {
        &self.inner.wire
    }

    pub(crate) fn client_id(&self) -> String {
        self.inner.pool.client_id.clone()
    }

    pub(crate) fn pool_id(&self) -> &str {
        &self.inner.pool.id
    }

    /// `SECRET_HASH` for `username` when the client has a secret.
    pub(crate) fn secret_hash(&self, username: &str) -> Option<String> {
        self.inner
            .pool
            .client_secret
            .as_deref()
            .map(|secret| cognito_srp::secret_hash(username, &self.inner.pool.client_id, secret))
    }

    pub(crate) fn client_secret(&self) -> Option<String> {
        self.inner.pool.client_secret.clone()
    }

    /// The configured client metadata with per-call entries on top.
    pub(crate) fn client_metadata(
        &self,
        extra: &BTreeMap<String, String>,
    ) -> BTreeMap<String, String> {
        let mut metadata = self.inner.config.client_metadata.clone();
        metadata.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
        metadata
    }

    pub(crate) fn stored_session(&self) -> Result<Option<Session>, AuthError> {
        self.inner.keys.load(&self.inner.store)
    }

    /// Keeps fresh tokens; the old refresh token stays when Cognito does not rotate it.
    pub(crate) fn store_tokens(
        &self,
        result: AuthenticationResult,
        previous_refresh_token: Option<String>,
    ) -> Result<Session, AuthError> {
        let id_token = result.id_token.ok_or_else(|| {
            AuthError::UnexpectedResponse("AuthenticationResult without IdToken".into())
        })?;
        let access_token = JwtToken::parse(&result.access_token)?;
        let session = Session {
            id_token: JwtToken::parse(&id_token)?,
            clock_drift_secs: clock_drift(&access_token, now_secs()),
            access_token,
            refresh_token: result.refresh_token.or(previous_refresh_token),
        };
        self.inner.keys.save(&self.inner.store, &session)?;
        Ok(session)
    }

    /// Forgets the signed-in user: tokens, where they came from, a federated session and
    /// cached AWS credentials.
    pub(crate) fn clear_session(&self) -> Result<(), AuthError> {
        self.inner.keys.clear(&self.inner.store)?;
        for name in [oauth::SIGNED_IN_KEY, credentials::FEDERATED_KEY] {
            self.inner.store.remove(&self.inner.keys.client_key(name))?;
        }
        self.forget_credentials();
        Ok(())
    }

    fn credentials_slot(
        &self,
    ) -> std::sync::MutexGuard<'_, Option<credentials::CachedCredentials>> {
        // Replaced whole, like `pending`.
        self.inner
            .credentials
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether a user is signed in: user pool tokens that are usable (or refreshable), or a
    /// federated session whose token has not expired.
    pub(crate) async fn is_signed_in(&self) -> Result<bool, AuthError> {
        if let Some(info) = self.federated_info()? {
            return Ok(!info.expired());
        }
        Ok(self.stored_session()?.is_some() && self.current_session().await.is_ok())
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Option<PendingSignIn>> {
        // The slot is replaced whole; a panic elsewhere cannot leave it half-written.
        self.inner
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn set_pending(&self, pending: Option<PendingSignIn>) {
        *self.pending() = pending;
    }

    pub(crate) fn take_pending_clone(&self) -> Result<PendingSignIn, AuthError> {
        self.pending().clone().ok_or(AuthError::NoPendingSignIn)
    }

    /// A valid access token, refreshing if needed.
    pub(crate) async fn access_token(&self) -> Result<String, AuthError> {
        Ok(self
            .current_session()
            .await?
            .access_token
            .as_str()
            .to_owned())
    }
}

/// Refuses empty input before a request is made.
pub(crate) fn require(value: &str, error: ValidationError) -> Result<(), AuthError> {
    if value.trim().is_empty() {
        Err(error.into())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_are_equal_and_separate_handles_are_not() {
        let config = AuthConfig::new("us-east-1_AbC", "client");
        let auth = Auth::new(config.clone()).unwrap();
        assert_eq!(auth, auth.clone());
        assert_ne!(auth, Auth::new(config).unwrap());
    }

    #[test]
    fn builder_listeners_hear_configured() {
        let heard = Arc::new(Mutex::new(Vec::new()));
        let _auth = Auth::builder(AuthConfig::new("us-east-1_AbC", "client"))
            .listener({
                let heard = heard.clone();
                move |event| heard.lock().unwrap().push(event.name())
            })
            .build()
            .unwrap();
        assert_eq!(*heard.lock().unwrap(), ["configured"]);
    }

    #[test]
    fn invalid_config_is_refused_at_construction() {
        let error = Auth::new(AuthConfig::new("nounderscore", "client")).unwrap_err();
        assert!(matches!(
            error,
            AuthError::Config(crate::ConfigError::InvalidUserPoolId(_))
        ));
    }
}
