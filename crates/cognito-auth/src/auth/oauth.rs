//! The Hosted UI: `sign_in_with_redirect`, `handle_redirect` and the sign-out redirect.

use super::Auth;
use crate::AuthError;
use crate::config::{ConfigError, OAuthConfig, OAuthResponseType};
use crate::events::AuthEvent;
use crate::oauth::callback::{self, Callback, Grant};
use crate::oauth::urls::{self, Authorize};
use crate::oauth::{OAuthProvider, RedirectSignIn, pkce};
use crate::platform::{current_url, navigate};
use crate::types::AuthUser;
use crate::wire::initiate_auth::AuthenticationResult;
use crate::wire::oauth::CodeExchange;

/// Store keys (under `CognitoIdentityServiceProvider.{clientId}.`), Amplify v6's names.
const STATE_KEY: &str = "oauthState";
const PKCE_KEY: &str = "oauthPKCE";
const IN_FLIGHT_KEY: &str = "inflightOAuth";
/// Set while the session came from the Hosted UI, so signing out also ends the Hosted UI's own
/// session. Amplify writes `{isOAuthSignIn},{preferPrivateSession}`.
pub(crate) const SIGNED_IN_KEY: &str = "oauthSignIn";

impl Auth {
    /// Whether the configuration has Hosted UI (`oauth`) settings.
    pub fn oauth_enabled(&self) -> bool {
        self.config().oauth.is_some()
    }

    /// The social providers the configuration lists (aws-exports' `aws_cognito_social_providers`),
    /// for sign-in buttons.
    pub fn social_providers(&self) -> Vec<OAuthProvider> {
        self.config().social_providers.clone()
    }

    fn oauth_config(&self) -> Result<&OAuthConfig, AuthError> {
        Ok(self
            .config()
            .oauth
            .as_ref()
            .ok_or(ConfigError::Missing("oauth"))?)
    }

    /// Starts a Hosted UI sign-in (Amplify's `signInWithRedirect`): saves a fresh `state` (and,
    /// for the code grant, a PKCE verifier) in the token store and returns the
    /// `/oauth2/authorize` URL. In the browser it also navigates there; natively the caller
    /// opens it. Finish with [`handle_redirect`](Self::handle_redirect) on the URL the Hosted UI
    /// sends the user back to.
    ///
    /// ```no_run
    /// # use cognito_auth::{OAuthProvider, RedirectSignIn};
    /// # async fn demo(auth: cognito_auth::Auth) -> Result<(), cognito_auth::AuthError> {
    /// let url = auth
    ///     .sign_in_with_redirect(RedirectSignIn::default().provider(OAuthProvider::Google))
    ///     .await?;
    /// println!("open {url}");
    /// # Ok(()) }
    /// ```
    pub async fn sign_in_with_redirect(&self, input: RedirectSignIn) -> Result<String, AuthError> {
        let oauth = self.oauth_config()?;
        if self.is_signed_in().await? {
            return Err(AuthError::AlreadySignedIn);
        }
        let redirect_uri = urls::pick_redirect(&oauth.redirect_sign_in, current_url().as_deref())
            .ok_or(ConfigError::Missing("oauth.redirect_sign_in"))?;
        let state = pkce::state(input.custom_state.as_deref())?;
        let verifier = match oauth.response_type {
            OAuthResponseType::Code => Some(pkce::code_verifier()?),
            OAuthResponseType::Token => None,
        };
        let challenge = verifier.as_deref().map(pkce::code_challenge);
        let client_id = self.client_id();
        let provider = input.provider.unwrap_or(OAuthProvider::Cognito);
        let url = urls::authorize_url(
            &oauth.domain,
            &Authorize {
                redirect_uri,
                response_type: oauth.response_type,
                client_id: &client_id,
                identity_provider: provider.identity_provider(),
                scopes: &oauth.scopes,
                login_hint: input.login_hint.as_deref(),
                state: &state,
                code_challenge: challenge.as_deref(),
            },
        );
        let store = &self.inner.store;
        let keys = &self.inner.keys;
        store.set(&keys.client_key(STATE_KEY), &state)?;
        match &verifier {
            Some(verifier) => store.set(&keys.client_key(PKCE_KEY), verifier)?,
            None => store.remove(&keys.client_key(PKCE_KEY))?,
        }
        store.set(&keys.client_key(IN_FLIGHT_KEY), "true")?;
        navigate(&url)?;
        Ok(url)
    }

    /// Completes a Hosted UI sign-in from the URL the Hosted UI redirected to (in the browser,
    /// `location.href` on load). `Ok(None)` when `url` is not an OAuth callback for one of the
    /// configured `redirect_sign_in` pages. Otherwise the `state` must be the one
    /// [`sign_in_with_redirect`](Self::sign_in_with_redirect) saved, and it is used up either
    /// way; the code is exchanged (with the PKCE verifier) or the implicit tokens are read, the
    /// session is stored like a password sign-in's, and `signIn`, `cognitoHostedUI` and, with
    /// custom state, `customOAuthState` are emitted. OAuth errors in the URL, a missing, wrong or
    /// replayed state, and a failed exchange are errors and emit `signIn_failure` and
    /// `cognitoHostedUI_failure`.
    ///
    /// ```no_run
    /// # async fn demo(auth: cognito_auth::Auth, href: &str) -> Result<(), cognito_auth::AuthError> {
    /// if let Some(user) = auth.handle_redirect(href).await? {
    ///     println!("signed in as {}", user.username);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn handle_redirect(&self, url: &str) -> Result<Option<AuthUser>, AuthError> {
        let Some(oauth) = self.config().oauth.as_ref() else {
            return Ok(None);
        };
        // The token request must repeat the authorize request's redirect_uri to the byte: prefer
        // the registered URL written exactly as the page's.
        let (page, _, _) = urls::split(url);
        let registered = &oauth.redirect_sign_in;
        let Some(redirect_uri) = registered
            .iter()
            .find(|registered| registered.as_str() == page)
            .or_else(|| {
                registered
                    .iter()
                    .find(|registered| urls::same_page(url, registered))
            })
        else {
            return Ok(None);
        };
        let Some((callback, state)) = callback::parse(url) else {
            return Ok(None);
        };
        match self
            .complete_redirect(oauth, redirect_uri, callback, state)
            .await
        {
            Ok(user) => Ok(Some(user)),
            Err(error) => {
                self.emit(AuthEvent::SignInFailure {
                    error: error.clone(),
                });
                self.emit(AuthEvent::CognitoHostedUiFailure {
                    error: error.clone(),
                });
                Err(error)
            }
        }
    }

    async fn complete_redirect(
        &self,
        oauth: &OAuthConfig,
        redirect_uri: &str,
        callback: Callback,
        state: Option<String>,
    ) -> Result<AuthUser, AuthError> {
        // Single use: whatever happens below, this sign-in's state and verifier are spent, so a
        // replayed redirect finds nothing to match.
        let store = &self.inner.store;
        let keys = &self.inner.keys;
        let saved_state = store.get(&keys.client_key(STATE_KEY))?;
        let verifier = store.get(&keys.client_key(PKCE_KEY))?;
        for name in [STATE_KEY, PKCE_KEY, IN_FLIGHT_KEY] {
            store.remove(&keys.client_key(name))?;
        }
        let grant = callback?;
        let state = match (state, saved_state) {
            (Some(state), Some(saved)) if pkce::same_state(&state, &saved) => state,
            _ => return Err(AuthError::InvalidOAuthState),
        };
        let result = match grant {
            Grant::Code { code } => {
                let verifier = verifier.ok_or(AuthError::InvalidOAuthState)?;
                CodeExchange {
                    token_url: &urls::token_url(&oauth.domain),
                    code: &code,
                    client_id: &self.client_id(),
                    redirect_uri,
                    code_verifier: &verifier,
                    client_secret: self.client_secret().as_deref(),
                }
                .send(self.wire().http())
                .await?
            }
            Grant::Tokens {
                access_token,
                id_token,
            } => AuthenticationResult {
                access_token: access_token.ok_or_else(|| {
                    AuthError::UnexpectedResponse("implicit grant without access_token".into())
                })?,
                id_token,
                refresh_token: None,
            },
        };
        self.set_pending(None);
        self.clear_session()?;
        let session = self.store_tokens(result, None)?;
        store.set(&keys.client_key(SIGNED_IN_KEY), "true,false")?;
        let user = AuthUser {
            username: session.username().unwrap_or_default().to_owned(),
            user_id: session.user_id().unwrap_or_default().to_owned(),
        };
        self.emit(AuthEvent::SignIn { user: user.clone() });
        self.emit(AuthEvent::CognitoHostedUi { user: user.clone() });
        if let Some(custom) = pkce::custom_state(&state) {
            self.emit(AuthEvent::CustomOAuthState { state: custom });
        }
        Ok(user)
    }

    /// The Hosted UI's `/logout` URL when the session came from the Hosted UI and a sign-out
    /// redirect is configured.
    pub(crate) fn hosted_ui_logout_url(&self) -> Result<Option<String>, AuthError> {
        let Some(oauth) = self.config().oauth.as_ref() else {
            return Ok(None);
        };
        let hosted = self
            .inner
            .store
            .get(&self.inner.keys.client_key(SIGNED_IN_KEY))?
            .is_some_and(|flag| flag.starts_with("true"));
        if !hosted {
            return Ok(None);
        }
        Ok(
            urls::pick_redirect(&oauth.redirect_sign_out, current_url().as_deref())
                .map(|logout_uri| urls::logout_url(&oauth.domain, &self.client_id(), logout_uri)),
        )
    }
}

// Natively only: the browser would navigate away.
#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::config::AuthConfig;
    use crate::query::parse_pairs;
    use crate::session::tests::token;
    use crate::storage::TokenStore;
    use crate::{MemoryStore, SignOutOptions};

    const PAGE: &str = "http://localhost:3000/";

    fn auth(domain: &str, response_type: OAuthResponseType) -> (Auth, Arc<MemoryStore>) {
        let oauth = OAuthConfig::new(
            domain,
            vec!["openid".into(), "email".into()],
            vec![PAGE.into()],
            vec!["http://localhost:3000/bye".into()],
        )
        .with_response_type(response_type);
        let config = AuthConfig::new("us-east-1_Pool1", "client1").with_oauth(oauth);
        let store = Arc::new(MemoryStore::default());
        (Auth::with_store(config, store.clone()).unwrap(), store)
    }

    fn events(auth: &Auth) -> (crate::Subscription, Arc<Mutex<Vec<AuthEvent>>>) {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let subscription = auth.subscribe({
            let seen = seen.clone();
            move |event| seen.lock().unwrap().push(event.clone())
        });
        (subscription, seen)
    }

    fn names(seen: &Mutex<Vec<AuthEvent>>) -> Vec<&'static str> {
        seen.lock().unwrap().iter().map(AuthEvent::name).collect()
    }

    fn param(url: &str, name: &str) -> Option<String> {
        let (_, query, _) = urls::split(url);
        parse_pairs(query)
            .into_iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    fn implicit_callback(state: &str) -> String {
        let now = crate::platform::now_secs();
        let access = token(serde_json::json!({
            "sub": "s-1", "username": "alice", "iat": now, "exp": now + 3600,
            "token_use": "access", "scope": "openid email"}));
        let id = token(serde_json::json!({
            "sub": "s-1", "cognito:username": "alice", "iat": now, "exp": now + 3600,
            "iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1"}));
        format!(
            "{PAGE}#id_token={id}&access_token={access}&token_type=bearer&expires_in=3600&state={state}"
        )
    }

    #[tokio::test]
    async fn redirect_saves_state_and_a_verifier_matching_the_challenge() {
        let (auth, store) = auth("auth.example.com", OAuthResponseType::Code);
        let url = auth
            .sign_in_with_redirect(
                RedirectSignIn::default()
                    .provider(OAuthProvider::Google)
                    .login_hint("alice"),
            )
            .await
            .unwrap();
        assert!(url.starts_with("https://auth.example.com/oauth2/authorize?redirect_uri="));
        let saved_state = store
            .get("CognitoIdentityServiceProvider.client1.oauthState")
            .unwrap()
            .unwrap();
        let verifier = store
            .get("CognitoIdentityServiceProvider.client1.oauthPKCE")
            .unwrap()
            .unwrap();
        assert_eq!(param(&url, "state"), Some(saved_state));
        assert_eq!(
            param(&url, "code_challenge"),
            Some(pkce::code_challenge(&verifier))
        );
        assert_eq!(param(&url, "identity_provider").as_deref(), Some("Google"));
        assert_eq!(param(&url, "login_hint").as_deref(), Some("alice"));
        assert_eq!(param(&url, "redirect_uri").as_deref(), Some(PAGE));
        // A second start replaces the first: its state is no longer accepted.
        let second = auth
            .sign_in_with_redirect(RedirectSignIn::default())
            .await
            .unwrap();
        assert_ne!(param(&second, "state"), param(&url, "state"));
        assert_eq!(
            param(&second, "identity_provider").as_deref(),
            Some("COGNITO")
        );
    }

    #[tokio::test]
    async fn implicit_tokens_sign_in_once_and_bring_back_custom_state() {
        let (auth, store) = auth("auth.example.com", OAuthResponseType::Token);
        let (_guard, seen) = events(&auth);
        let url = auth
            .sign_in_with_redirect(RedirectSignIn::default().custom_state("/orders/42"))
            .await
            .unwrap();
        assert_eq!(param(&url, "code_challenge"), None);
        assert_eq!(param(&url, "response_type").as_deref(), Some("token"));
        let callback = implicit_callback(&param(&url, "state").unwrap());

        let user = auth.handle_redirect(&callback).await.unwrap().unwrap();
        assert_eq!(user.username, "alice");
        assert_eq!(user.user_id, "s-1");
        assert_eq!(
            names(&seen),
            ["signIn", "cognitoHostedUI", "customOAuthState"]
        );
        assert_eq!(
            seen.lock().unwrap()[2],
            AuthEvent::CustomOAuthState {
                state: "/orders/42".into()
            }
        );
        let session = auth.current_session().await.unwrap();
        assert_eq!(session.refresh_token, None);
        assert_eq!(auth.current_authenticated_user().await.unwrap(), user);
        assert_eq!(
            store
                .get("CognitoIdentityServiceProvider.client1.oauthState")
                .unwrap(),
            None
        );

        // The same redirect again: its state was used up.
        seen.lock().unwrap().clear();
        let error = auth.handle_redirect(&callback).await.unwrap_err();
        assert_eq!(error, AuthError::InvalidOAuthState);
        assert_eq!(names(&seen), ["signIn_failure", "cognitoHostedUI_failure"]);
    }

    #[tokio::test]
    async fn a_wrong_state_is_refused_and_spends_the_right_one() {
        let (auth, _store) = auth("auth.example.com", OAuthResponseType::Token);
        let (_guard, seen) = events(&auth);
        let url = auth
            .sign_in_with_redirect(RedirectSignIn::default())
            .await
            .unwrap();
        let state = param(&url, "state").unwrap();
        let forged = implicit_callback("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assert_eq!(
            auth.handle_redirect(&forged).await.unwrap_err(),
            AuthError::InvalidOAuthState
        );
        assert_eq!(names(&seen), ["signIn_failure", "cognitoHostedUI_failure"]);
        assert_eq!(
            auth.handle_redirect(&implicit_callback(&state))
                .await
                .unwrap_err(),
            AuthError::InvalidOAuthState
        );
        assert!(auth.current_session().await.is_err());
        // Without any state at all.
        let _ = auth
            .sign_in_with_redirect(RedirectSignIn::default())
            .await
            .unwrap();
        let stateless = implicit_callback("x").replace("&state=x", "");
        assert_eq!(
            auth.handle_redirect(&stateless).await.unwrap_err(),
            AuthError::InvalidOAuthState
        );
    }

    #[tokio::test]
    async fn oauth_errors_in_the_redirect_are_typed() {
        let (auth, _store) = auth("auth.example.com", OAuthResponseType::Code);
        let (_guard, seen) = events(&auth);
        let url = auth
            .sign_in_with_redirect(RedirectSignIn::default())
            .await
            .unwrap();
        let state = param(&url, "state").unwrap();
        let error = auth
            .handle_redirect(&format!(
                "{PAGE}?error=invalid_request&error_description=redirect_mismatch&state={state}"
            ))
            .await
            .unwrap_err();
        assert_eq!(
            error,
            AuthError::OAuth(crate::OAuthError {
                error: "invalid_request".into(),
                description: Some("redirect_mismatch".into())
            })
        );
        assert_eq!(names(&seen), ["signIn_failure", "cognitoHostedUI_failure"]);
    }

    #[tokio::test]
    async fn other_urls_are_not_callbacks() {
        let (auth, _store) = auth("auth.example.com", OAuthResponseType::Code);
        for url in [
            PAGE,
            "http://localhost:3000/?page=2",
            "http://localhost:3000/other?code=x&state=y",
            "http://localhost:4000/?code=x&state=y",
        ] {
            assert_eq!(auth.handle_redirect(url).await.unwrap(), None, "{url}");
        }
        let plain = Auth::new(AuthConfig::new("us-east-1_Pool1", "client1")).unwrap();
        assert!(!plain.oauth_enabled());
        assert_eq!(
            plain
                .handle_redirect("http://localhost:3000/?code=x&state=y")
                .await
                .unwrap(),
            None
        );
        assert!(matches!(
            plain.sign_in_with_redirect(RedirectSignIn::default()).await,
            Err(AuthError::Config(ConfigError::Missing("oauth")))
        ));
    }

    #[tokio::test]
    async fn hosted_ui_sessions_end_at_the_hosted_ui_logout() {
        let (auth, _store) = auth("http://127.0.0.1:9229", OAuthResponseType::Token);
        assert_eq!(auth.hosted_ui_logout_url().unwrap(), None);
        let url = auth
            .sign_in_with_redirect(RedirectSignIn::default())
            .await
            .unwrap();
        assert!(url.starts_with("http://127.0.0.1:9229/oauth2/authorize?"));
        auth.handle_redirect(&implicit_callback(&param(&url, "state").unwrap()))
            .await
            .unwrap();
        assert_eq!(
            auth.hosted_ui_logout_url().unwrap().as_deref(),
            Some(
                "http://127.0.0.1:9229/logout?client_id=client1&logout_uri=http%3A%2F%2Flocalhost%3A3000%2Fbye"
            )
        );
        assert!(matches!(
            auth.sign_in_with_redirect(RedirectSignIn::default()).await,
            Err(AuthError::AlreadySignedIn)
        ));
        auth.sign_out(SignOutOptions::default()).await.unwrap();
        assert_eq!(auth.hosted_ui_logout_url().unwrap(), None);
        assert!(auth.current_session().await.is_err());
    }

    /// Answers one POST with `reply` and hands back the request body.
    async fn token_endpoint(reply: &'static str) -> (String, tokio::task::JoinHandle<String>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let domain = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut request = Vec::new();
            let mut buffer = [0u8; 4096];
            let body = loop {
                let read = socket.read(&mut buffer).await.unwrap();
                request.extend_from_slice(&buffer[..read]);
                let text = String::from_utf8_lossy(&request).into_owned();
                if let Some((head, body)) = text.split_once("\r\n\r\n") {
                    let length: usize = head
                        .lines()
                        .find_map(|line| {
                            line.to_ascii_lowercase()
                                .strip_prefix("content-length:")
                                .map(|n| n.trim().parse().unwrap())
                        })
                        .unwrap_or(0);
                    if body.len() >= length {
                        assert!(head.starts_with("POST /oauth2/token "), "{head}");
                        assert!(
                            head.to_ascii_lowercase()
                                .contains("content-type: application/x-www-form-urlencoded")
                        );
                        break body.to_owned();
                    }
                }
            };
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
                reply.len()
            );
            socket.write_all(answer.as_bytes()).await.unwrap();
            body
        });
        (domain, task)
    }

    #[tokio::test]
    async fn the_code_is_exchanged_with_the_verifier_of_the_challenge() {
        let (domain, request) =
            token_endpoint(r#"{"error":"invalid_grant","error_description":"used"}"#).await;
        let (auth, _store) = auth(&domain, OAuthResponseType::Code);
        let url = auth
            .sign_in_with_redirect(RedirectSignIn::default())
            .await
            .unwrap();
        let state = param(&url, "state").unwrap();
        let error = auth
            .handle_redirect(&format!("{PAGE}?code=c0de&state={state}"))
            .await
            .unwrap_err();
        assert_eq!(
            error,
            AuthError::OAuth(crate::OAuthError {
                error: "invalid_grant".into(),
                description: Some("used".into())
            })
        );
        let form = parse_pairs(&request.await.unwrap());
        let get = |name: &str| {
            form.iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        assert_eq!(get("grant_type").as_deref(), Some("authorization_code"));
        assert_eq!(get("code").as_deref(), Some("c0de"));
        assert_eq!(get("client_id").as_deref(), Some("client1"));
        assert_eq!(get("redirect_uri").as_deref(), Some(PAGE));
        let verifier = get("code_verifier").unwrap();
        assert_eq!(
            param(&url, "code_challenge"),
            Some(pkce::code_challenge(&verifier))
        );
    }
}
