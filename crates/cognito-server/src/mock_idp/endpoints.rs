//! The mock's machine endpoints: discovery, JWKS, the token endpoint (code -> tokens, client
//! checked) and user info for a Bearer access token.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};
use subtle::ConstantTimeEq as _;

use crate::app::App;
use crate::clock::now;
use crate::idp;
use crate::jwt::Unverified;

use super::{
    Person, TOKEN_SECS, access_token, blocking, client_secret, id_token, key, kind, unknown_kind,
};

pub async fn discovery(State(app): State<Arc<App>>, Path(kind_segment): Path<String>) -> Response {
    let Some(kind) = kind(&kind_segment) else {
        return unknown_kind();
    };
    let issuer = idp::mock_issuer(&app, kind);
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "userinfo_endpoint": format!("{issuer}/userinfo"),
        "jwks_uri": format!("{issuer}/jwks.json"),
        "response_types_supported": ["code", "id_token", "token", "id_token token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "email", "profile"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "claims_supported": ["sub", "email", "email_verified", "name", "nonce"],
    }))
    .into_response()
}

pub async fn jwks(State(app): State<Arc<App>>, Path(kind_segment): Path<String>) -> Response {
    let Some(kind) = kind(&kind_segment) else {
        return unknown_kind();
    };
    match blocking(app, move |app| key(app, kind)).await {
        Ok(key) => Json(json!({ "keys": [key.jwk()] })).into_response(),
        Err(error) => error.into_response(),
    }
}

/// An OAuth 2.0 error answer.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let mut response = (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `client_id` and `client_secret` from HTTP Basic or the form.
fn client_credentials(
    headers: &HeaderMap,
    params: &HashMap<String, String>,
) -> (Option<String>, Option<String>) {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Basic "))
        .and_then(|encoded| STANDARD.decode(encoded.trim()).ok())
        .and_then(|decoded| String::from_utf8(decoded).ok())
        .and_then(|pair| {
            pair.split_once(':')
                .map(|(id, secret)| (id.to_owned(), secret.to_owned()))
        });
    match basic {
        Some((id, secret)) => (Some(id), Some(secret)),
        None => (
            params.get("client_id").cloned(),
            params.get("client_secret").cloned(),
        ),
    }
}

pub async fn token(
    State(app): State<Arc<App>>,
    Path(kind_segment): Path<String>,
    headers: HeaderMap,
    Form(params): Form<HashMap<String, String>>,
) -> Response {
    let Some(kind) = kind(&kind_segment) else {
        return unknown_kind();
    };
    if params.get("grant_type").map(String::as_str) != Some("authorization_code") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Only authorization_code is supported.",
        );
    }
    let (client_id, secret) = client_credentials(&headers, &params);
    let Some(client_id) = client_id else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "No client credentials.",
        );
    };
    let result = blocking(app, move |app| {
        let invalid_client = || {
            oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Unknown client or wrong secret.",
            )
        };
        match client_secret(app, kind, &client_id)? {
            None => return Ok(invalid_client()),
            Some(Some(expected)) => {
                let sent = secret.unwrap_or_default();
                if !bool::from(expected.as_bytes().ct_eq(sent.as_bytes())) {
                    return Ok(invalid_client());
                }
            }
            Some(None) => {}
        }
        let code = params.get("code").cloned().unwrap_or_default();
        let invalid_grant = |why: &str| oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", why);
        // Taking the code spends it, whatever follows: a code is never good twice.
        let Some((grant, expires)) = app.store.take_mock_code(&code)? else {
            return Ok(invalid_grant("The code is unknown or was already used."));
        };
        let now = now();
        if expires <= now {
            return Ok(invalid_grant("The code has expired."));
        }
        if grant.kind != kind || grant.client_id != client_id {
            return Ok(invalid_grant("The code was issued to another client."));
        }
        if params.get("redirect_uri") != Some(&grant.redirect_uri) {
            return Ok(invalid_grant(
                "redirect_uri does not match the authorize request.",
            ));
        }
        let person = Person {
            subject: grant.subject.clone(),
            email: grant.email.clone(),
            name: grant.name.clone(),
        };
        let mut body = json!({
            "access_token": access_token(app, kind, &client_id, &person, &grant.scope, now)?,
            "token_type": "Bearer",
            "expires_in": TOKEN_SECS,
            "scope": grant.scope,
        });
        // Facebook and Login with Amazon are OAuth 2.0 only: no id token.
        if !matches!(kind, "facebook" | "amazon") {
            body["id_token"] = json!(id_token(
                app,
                kind,
                &client_id,
                &person,
                grant.nonce.as_deref(),
                now
            )?);
        }
        let mut response = Json(body).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        Ok(response)
    })
    .await;
    result.unwrap_or_else(IntoResponse::into_response)
}

pub async fn userinfo(
    State(app): State<Arc<App>>,
    Path(kind_segment): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(kind) = kind(&kind_segment) else {
        return unknown_kind();
    };
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(|token| token.trim().to_owned());
    let result = blocking(app, move |app| {
        let Some(token) = token else {
            return Ok(None);
        };
        let key = key(app, kind)?;
        let claims = Unverified::parse(&token).filter(|parsed| {
            parsed.signed_by(&key)
                && parsed.str_claim("iss") == Some(idp::mock_issuer(app, kind).as_str())
                && parsed.str_claim("token_use") == Some("access")
                && parsed.exp() > now()
        });
        Ok(claims.map(|parsed| parsed.claims))
    })
    .await;
    let claims = match result {
        Ok(Some(claims)) => claims,
        Ok(None) => {
            let mut response = oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "The access token is missing, invalid or expired.",
            );
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer error=\"invalid_token\""),
            );
            return response;
        }
        Err(error) => return error.into_response(),
    };
    let (sub, email, name) = (&claims["sub"], &claims["email"], &claims["name"]);
    let body: Value = match kind {
        // Graph API `/me?fields=id,name,email`.
        "facebook" => json!({ "id": sub, "name": name, "email": email }),
        // Login with Amazon `/user/profile`.
        "amazon" => json!({ "user_id": sub, "name": name, "email": email }),
        _ => json!({ "sub": sub, "name": name, "email": email, "email_verified": true }),
    };
    Json(body).into_response()
}
