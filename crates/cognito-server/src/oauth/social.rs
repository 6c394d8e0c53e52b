//! Sign-in through a social or OIDC provider: the authorize request waits server-side under a
//! fresh `state` while the browser visits the provider, which returns to `/oauth2/idpresponse`.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use sha2::{Digest as _, Sha256};

use crate::app::App;
use crate::clock::now;
use crate::errors::ApiError;
use crate::federation;

use super::authorization::{self, Authorization, AuthorizeError};
use super::pages::login;
use super::params::AuthorizeParams;
use super::{html, redirect};

/// How long the browser may spend at the provider.
const PENDING_SECS: i64 = 10 * 60;

fn state_hash(state: &str) -> Vec<u8> {
    Sha256::digest(state.as_bytes()).to_vec()
}

/// Keeps the request and redirects to `provider`'s sign-in.
pub fn begin(
    app: &App,
    authorization: &Authorization,
    provider: &str,
) -> Result<Response, AuthorizeError> {
    let pool_id = &authorization.pool.id;
    let configured = federation::providers(app, pool_id).unwrap_or_default();
    if !configured.iter().any(|(name, _)| name == provider) {
        return Err(authorization.error(
            "invalid_request",
            "The identity provider is not configured for the user pool.",
        ));
    }
    let state = URL_SAFE_NO_PAD.encode(crate::ids::bytes(32));
    let request = serde_json::to_string(&authorization.params)
        .map_err(|_| authorization.error("server_error", ""))?;
    let now = now();
    app.store.insert_oauth_pending(
        &state_hash(&state),
        pool_id,
        &request,
        now + PENDING_SECS,
        now,
    )?;
    let location = federation::begin(app, pool_id, provider, &state)
        .map_err(|error| authorization.error("server_error", &error.to_string()))?;
    Ok(redirect::found(&location, &[]))
}

/// What a provider sends back.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProviderResponse {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// `GET /oauth2/idpresponse`.
pub async fn idp_response(
    State(app): State<Arc<App>>,
    query: Result<Query<ProviderResponse>, QueryRejection>,
) -> Response {
    let response = query.map(|Query(response)| response).unwrap_or_default();
    let state = response.state.clone().unwrap_or_default();
    let pending = {
        let app = app.clone();
        super::blocking_value(move || restore(&app, &state))
            .await
            .flatten()
    };
    let authorization = match pending {
        Some(Ok(authorization)) => authorization,
        Some(Err(error)) => return error.into_response("en"),
        None => {
            return html::error_page(
                StatusCode::BAD_REQUEST,
                "en",
                "invalid_request: the sign-in with the provider is unknown or has expired.",
            );
        }
    };
    let lang = authorization.params.language().to_owned();
    if let Some(error) = response.error {
        // The provider refused (or the user cancelled): tell the app.
        let description = response.error_description.unwrap_or(error);
        return authorization
            .error("access_denied", &description)
            .into_response(&lang);
    }
    let (Some(code), Some(provider)) = (response.code, authorization.provider.clone()) else {
        return authorization
            .error("invalid_request", "The provider sent no code.")
            .into_response(&lang);
    };
    let username = match federation::finish(&app, &authorization.pool.id, &provider, &code).await {
        Ok(username) => username,
        Err(error) => {
            return authorization
                .error("invalid_request", &error.to_string())
                .into_response(&lang);
        }
    };
    super::blocking(move || {
        let user = match app.store.user(&authorization.pool.id, &username) {
            Ok(Some(user)) if user.enabled => user,
            Ok(_) => {
                return authorization
                    .error("access_denied", "User is disabled.")
                    .into_response(&lang);
            }
            Err(error) => return AuthorizeError::from(ApiError::from(error)).into_response(&lang),
        };
        login::finish(&app, &authorization, &user, now())
    })
    .await
}

/// The authorize request kept under `state`, checked again (the client may have changed).
fn restore(app: &App, state: &str) -> Option<Result<Authorization, AuthorizeError>> {
    let (_, request) = app
        .store
        .take_oauth_pending(&state_hash(state), now())
        .ok()??;
    let params: AuthorizeParams = serde_json::from_str(&request).ok()?;
    Some(authorization::check(app, &params))
}
