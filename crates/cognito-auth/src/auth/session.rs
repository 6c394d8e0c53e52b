//! `current_session` and refreshing: lazily, once for all concurrent callers, on the server's clock.

use std::collections::BTreeMap;

use super::Auth;
use crate::events::AuthEvent;
use crate::platform::{BoxFuture, now_secs};
use crate::session::Session;
use crate::wire::initiate_auth::{AuthenticationResult, InitiateAuth};
use crate::wire::tokens::GetTokensFromRefreshToken;
use crate::{AuthError, ErrorKind};

/// Codes with which a server says it does not know an operation; refresh then falls back to
/// `InitiateAuth` with `REFRESH_TOKEN_AUTH`, which every Cognito-compatible server has.
const UNKNOWN_OPERATION_CODES: [&str; 3] = [
    "UnknownOperationException",
    "InvalidAction",
    "UnsupportedOperationException",
];

impl Auth {
    /// The signed-in user's tokens, refreshed first if the access or ID token expires within a
    /// few seconds (judged on the server's clock). Concurrent callers share one refresh. A refresh
    /// token Cognito refuses (revoked, expired) signs the user out locally and emits
    /// `tokenRefresh_failure`.
    ///
    /// ```no_run
    /// # async fn demo(auth: cognito_auth::Auth) -> Result<(), cognito_auth::AuthError> {
    /// let session = auth.current_session().await?;
    /// println!("{:?}", session.id_token.claim_str("email"));
    /// # Ok(()) }
    /// ```
    pub async fn current_session(&self) -> Result<Session, AuthError> {
        let session = self.stored_session()?.ok_or(AuthError::NotSignedIn)?;
        if session.is_valid_at(now_secs()) {
            return Ok(session);
        }
        self.refresh(session).await
    }

    /// Refreshes the tokens now, even if they are still valid (Amplify's
    /// `fetchAuthSession({forceRefresh: true})`). Emits `tokenRefresh` or `tokenRefresh_failure`.
    pub async fn refresh_session(&self) -> Result<Session, AuthError> {
        let session = self.stored_session()?.ok_or(AuthError::NotSignedIn)?;
        self.refresh(session).await
    }

    /// Boxed: every crate that awaits `current_session` would otherwise hold its own copy of
    /// the whole refresh.
    fn refresh(&self, seen: Session) -> BoxFuture<'_, Result<Session, AuthError>> {
        Box::pin(self.refresh_now(seen))
    }

    async fn refresh_now(&self, seen: Session) -> Result<Session, AuthError> {
        let _turn = self.inner.refresh_lock.lock().await;
        // Whoever held the lock before us may have refreshed already: use their tokens.
        let current = self.stored_session()?.ok_or(AuthError::NotSignedIn)?;
        if current.access_token != seen.access_token {
            return Ok(current);
        }
        match self.refresh_tokens(&current).await {
            Ok(session) => {
                self.emit(AuthEvent::TokenRefresh);
                Ok(session)
            }
            Err(error) => {
                let refused = error.kind() == Some(ErrorKind::NotAuthorized)
                    || matches!(error, AuthError::NotSignedIn);
                if refused {
                    self.set_pending(None);
                    self.clear_session()?;
                }
                self.emit(AuthEvent::TokenRefreshFailure {
                    error: error.clone(),
                });
                Err(error)
            }
        }
    }

    async fn refresh_tokens(&self, current: &Session) -> Result<Session, AuthError> {
        let refresh_token = current
            .refresh_token
            .clone()
            .ok_or(AuthError::NotSignedIn)?;
        let metadata = self.client_metadata(&BTreeMap::new());
        let request = GetTokensFromRefreshToken {
            client_id: self.client_id(),
            refresh_token: refresh_token.clone(),
            client_secret: self.client_secret(),
            client_metadata: metadata.clone(),
        };
        let result = match self.wire().call(&request).await {
            Ok(output) => output.authentication_result,
            Err(AuthError::Service(error))
                if UNKNOWN_OPERATION_CODES.contains(&error.code.as_str()) =>
            {
                self.refresh_with_initiate_auth(current, &refresh_token, metadata)
                    .await?
            }
            Err(error) => return Err(error),
        };
        let result = result.ok_or_else(|| {
            AuthError::UnexpectedResponse("refresh answered without tokens".into())
        })?;
        self.store_tokens(result, Some(refresh_token))
    }

    async fn refresh_with_initiate_auth(
        &self,
        current: &Session,
        refresh_token: &str,
        client_metadata: BTreeMap<String, String>,
    ) -> Result<Option<AuthenticationResult>, AuthError> {
        let mut parameters =
            BTreeMap::from([("REFRESH_TOKEN".to_owned(), refresh_token.to_owned())]);
        if let Some(hash) = current.username().and_then(|name| self.secret_hash(name)) {
            parameters.insert("SECRET_HASH".into(), hash);
        }
        let output = self
            .wire()
            .call(&InitiateAuth {
                auth_flow: "REFRESH_TOKEN_AUTH",
                client_id: self.client_id(),
                auth_parameters: parameters,
                client_metadata,
            })
            .await?;
        Ok(output.authentication_result)
    }
}
