//! JWKS and OpenID discovery per pool, under `/{poolId}/.well-known/`.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::app::App;
use crate::errors::ApiError;

pub async fn jwks(State(app): State<Arc<App>>, Path(pool_id): Path<String>) -> Response {
    let result = tokio::task::spawn_blocking(move || {
        app.keys.get(&app.store, &pool_id).map(|keys| keys.jwks())
    })
    .await;
    respond(result)
}

pub async fn openid_configuration(
    State(app): State<Arc<App>>,
    Path(pool_id): Path<String>,
) -> Response {
    let result = tokio::task::spawn_blocking(move || {
        app.store.pool(&pool_id)?.ok_or_else(|| {
            ApiError::ResourceNotFound(format!("User pool {pool_id} does not exist."))
        })?;
        let issuer = app.issuer(&pool_id);
        Ok(json!({
            "issuer": issuer,
            "jwks_uri": format!("{issuer}/.well-known/jwks.json"),
            "authorization_endpoint": format!("{}/oauth2/authorize", app.base_url),
            "token_endpoint": format!("{}/oauth2/token", app.base_url),
            "userinfo_endpoint": format!("{}/oauth2/userInfo", app.base_url),
            "revocation_endpoint": format!("{}/oauth2/revoke", app.base_url),
            "end_session_endpoint": format!("{}/logout", app.base_url),
            "response_types_supported": ["code", "token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "phone", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }))
    })
    .await;
    respond(result)
}

fn respond(
    result: Result<Result<serde_json::Value, ApiError>, tokio::task::JoinError>,
) -> Response {
    match result {
        Ok(Ok(value)) => Json(value).into_response(),
        // Discovery documents are plain GETs: an unknown pool is a 404, as on AWS.
        Ok(Err(error @ ApiError::ResourceNotFound(_))) => {
            let mut response = error.into_response();
            *response.status_mut() = axum::http::StatusCode::NOT_FOUND;
            response
        }
        Ok(Err(error)) => error.into_response(),
        Err(_) => ApiError::InternalError("The request failed.".into()).into_response(),
    }
}
