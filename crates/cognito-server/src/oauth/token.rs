//! `POST /oauth2/token`: authorization codes (with the PKCE verifier), refresh tokens and client
//! credentials exchanged for the same RS256 tokens the JSON API issues.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;

use crate::app::App;
use crate::clock::now;
use crate::errors::ApiError;
use crate::store::Client;
use crate::tokens;
use crate::wire::next_step::{self, ClientProof};

use super::client_auth;
use super::grant::code_hash;
use super::oauth_error::OAuthError;
use super::scopes;

pub async fn token(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return OAuthError::invalid_request("The body must be application/x-www-form-urlencoded.")
            .into_response();
    };
    super::blocking(move || match exchange(&app, &headers, &form, now()) {
        Ok(body) => {
            let mut response = Json(body).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
            response
        }
        Err(error) => error.into_response(),
    })
    .await
}

/// Runs one grant at time `now`.
pub fn exchange(
    app: &App,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    now: i64,
) -> Result<Value, OAuthError> {
    let grant_type = form
        .get("grant_type")
        .map(String::as_str)
        .ok_or_else(|| OAuthError::invalid_request("grant_type is missing."))?;
    if !matches!(
        grant_type,
        "authorization_code" | "refresh_token" | "client_credentials"
    ) {
        return Err(OAuthError::unsupported_grant_type());
    }
    let client = client_auth::authenticate(app, headers, form)?;
    if !client.config.allowed_oauth_flows_user_pool_client {
        return Err(OAuthError::unauthorized_client());
    }
    match grant_type {
        "authorization_code" => authorization_code(app, &client, form, now),
        "refresh_token" => refresh_token(app, &client, form),
        _ => client_credentials(app, &client, form, now),
    }
}

fn authorization_code(
    app: &App,
    client: &Client,
    form: &HashMap<String, String>,
    now: i64,
) -> Result<Value, OAuthError> {
    let code = form
        .get("code")
        .filter(|code| !code.is_empty())
        .ok_or_else(|| OAuthError::invalid_request("code is missing."))?;
    let redirect_uri = form
        .get("redirect_uri")
        .ok_or_else(|| OAuthError::invalid_request("redirect_uri is missing."))?;
    // Taken (deleted) before any check: a code is good for one attempt only.
    let grant = app
        .store
        .take_oauth_code(&code_hash(code))?
        .ok_or_else(OAuthError::invalid_grant)?;
    if !client
        .config
        .allowed_oauth_flows
        .iter()
        .any(|flow| flow == "code")
    {
        return Err(OAuthError::unauthorized_client());
    }
    if grant.expires <= now || grant.client_id != client.id || &grant.redirect_uri != redirect_uri {
        return Err(OAuthError::invalid_grant());
    }
    if let Some(challenge) = &grant.code_challenge {
        let verifier = form
            .get("code_verifier")
            .ok_or_else(OAuthError::invalid_grant)?;
        let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        if !bool::from(computed.as_bytes().ct_eq(challenge.as_bytes())) {
            return Err(OAuthError::invalid_grant());
        }
    }
    let user = app
        .store
        .user(&client.pool_id, &grant.username)?
        .filter(|user| user.enabled)
        .ok_or_else(OAuthError::invalid_grant)?;
    let (session, refresh_token) = next_step::new_session(
        app,
        client,
        &user,
        Some(grant.scope.clone()),
        grant.auth_time,
    )?;
    let (access_token, id_token) =
        tokens::issue(app, client, &user, &session, now, grant.nonce.as_deref())?;
    let mut body = json!({
        "access_token": access_token,
        "refresh_token": refresh_token,
        "expires_in": client.config.access_token_validity_secs,
        "token_type": "Bearer",
    });
    if has_openid(&grant.scope) {
        body["id_token"] = json!(id_token);
    }
    Ok(body)
}

fn has_openid(scope: &str) -> bool {
    scope.split(' ').any(|scope| scope == "openid")
}

fn refresh_token(
    app: &App,
    client: &Client,
    form: &HashMap<String, String>,
) -> Result<Value, OAuthError> {
    let token = form
        .get("refresh_token")
        .filter(|token| !token.is_empty())
        .ok_or_else(|| OAuthError::invalid_request("refresh_token is missing."))?;
    let session = app
        .store
        .auth_session_by_refresh(&tokens::refresh_hash(token))?;
    let issued =
        next_step::refresh(app, client, token, ClientProof::SecretChecked).map_err(|error| {
            match error {
                ApiError::NotAuthorized(_) => OAuthError::invalid_grant(),
                other => other.into(),
            }
        })?;
    let mut body = json!({
        "access_token": issued.access_token,
        "expires_in": issued.expires_in,
        "token_type": "Bearer",
    });
    let scope = session.and_then(|session| session.scope);
    if scope.as_deref().is_none_or(has_openid) {
        body["id_token"] = json!(issued.id_token);
    }
    Ok(body)
}

fn client_credentials(
    app: &App,
    client: &Client,
    form: &HashMap<String, String>,
    now: i64,
) -> Result<Value, OAuthError> {
    let config = &client.config;
    if config.secret.is_none()
        || !config
            .allowed_oauth_flows
            .iter()
            .any(|flow| flow == "client_credentials")
    {
        return Err(OAuthError::unauthorized_client());
    }
    let allowed: Vec<String> = config
        .allowed_oauth_scopes
        .iter()
        .filter(|scope| scopes::is_custom(scope))
        .cloned()
        .collect();
    let granted = scopes::grant(form.get("scope").map(String::as_str), &allowed)
        .map_err(|_| OAuthError::invalid_scope())?;
    if granted.is_empty() {
        return Err(OAuthError::invalid_scope());
    }
    let access_token = tokens::issue_client_token(app, client, &granted.join(" "), now)?;
    Ok(json!({
        "access_token": access_token,
        "expires_in": config.access_token_validity_secs,
        "token_type": "Bearer",
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CodeGrant;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    /// A user and a stored code for them, issued at `issued`.
    fn code_for_user(app: &App, client_id: &str, pool_id: &str, issued: i64) -> String {
        let user = crate::store::User {
            pool_id: pool_id.to_owned(),
            username: "ann".into(),
            sub: "sub-ann".into(),
            status: crate::store::UserStatus::Confirmed,
            enabled: true,
            salt: vec![1],
            verifier: vec![2],
            attributes: Default::default(),
            mfa: Default::default(),
            failed_logins: 0,
            locked_until: 0,
            created: 0,
            modified: 0,
        };
        app.store.insert_user(&user).unwrap();
        let grant = CodeGrant {
            client_id: client_id.to_owned(),
            username: "ann".into(),
            redirect_uri: "http://localhost:3000/".into(),
            scope: "openid".into(),
            code_challenge: None,
            nonce: Some("n-1".into()),
            auth_time: issued,
            expires: issued + super::super::grant::CODE_LIFETIME_SECS,
        };
        app.store
            .insert_oauth_code(&code_hash("the-code"), pool_id, &grant, issued)
            .unwrap();
        "the-code".to_owned()
    }

    #[test]
    fn codes_expire_after_five_minutes() {
        for (waited, accepted) in [(299, true), (300, false), (301, false)] {
            let (app, defaults) = App::for_tests();
            let issued = now();
            let code = code_for_user(&app, &defaults.client_id, &defaults.user_pool_id, issued);
            let form = form(&[
                ("grant_type", "authorization_code"),
                ("client_id", &defaults.client_id),
                ("code", &code),
                ("redirect_uri", "http://localhost:3000/"),
            ]);
            let result = exchange(&app, &HeaderMap::new(), &form, issued + waited);
            match result {
                Ok(body) => {
                    assert!(accepted, "accepted after {waited} s");
                    assert!(body["id_token"].is_string());
                }
                Err(error) => {
                    assert!(!accepted, "refused after {waited} s: {error:?}");
                    assert_eq!(error, OAuthError::invalid_grant());
                }
            }
        }
    }
}
