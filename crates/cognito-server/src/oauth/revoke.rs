//! `POST /oauth2/revoke`: revokes a refresh token and the access tokens issued with it.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::FormRejection;
use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::App;
use crate::tokens;

use super::client_auth;
use super::oauth_error::OAuthError;

pub async fn revoke(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return OAuthError::invalid_request("The body must be application/x-www-form-urlencoded.")
            .into_response();
    };
    super::blocking(move || match revoke_token(&app, &headers, &form) {
        Ok(()) => StatusCode::OK.into_response(),
        Err(error) => error.into_response(),
    })
    .await
}

fn revoke_token(
    app: &App,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<(), OAuthError> {
    let token = form
        .get("token")
        .filter(|token| !token.is_empty())
        .ok_or_else(|| OAuthError::invalid_request("token is missing."))?;
    let client = client_auth::authenticate(app, headers, form).map_err(|error| {
        if error.error == "invalid_client" {
            error.with_status(StatusCode::UNAUTHORIZED)
        } else {
            error
        }
    })?;
    // Only refresh tokens can be revoked; access tokens die with them.
    if form
        .get("token_type_hint")
        .is_some_and(|hint| hint != "refresh_token")
    {
        return Err(OAuthError::unsupported_token_type());
    }
    if !client.config.enable_token_revocation {
        return Err(OAuthError::invalid_request(
            "Token revocation is not enabled for this client.",
        ));
    }
    match app
        .store
        .auth_session_by_refresh(&tokens::refresh_hash(token))?
    {
        Some(session) if session.client_id == client.id => {
            app.store.revoke_auth_session(&session.origin_jti)?;
            Ok(())
        }
        Some(_) => Err(OAuthError::invalid_request(
            "The token was not issued to this client.",
        )),
        // Unknown tokens are accepted quietly (RFC 7009).
        None => Ok(()),
    }
}
