//! `GET|POST /oauth2/userInfo`: the signed-in user's attributes for a bearer access token that
//! was granted `openid`, limited by the other scopes it was granted.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::app::App;
use crate::clock::now;
use crate::store::User;
use crate::tokens::{self, ADMIN_SCOPE, AccessClaims};

/// A refusal with `WWW-Authenticate`, as RFC 6750 words it.
struct BearerError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl IntoResponse for BearerError {
    fn into_response(self) -> Response {
        let challenge = format!(
            "Bearer error=\"{}\", error_description=\"{}\"",
            self.error,
            self.description.replace('"', "'")
        );
        let body = json!({ "error": self.error, "error_description": self.description });
        let mut response = (self.status, Json(body)).into_response();
        if let Ok(value) = HeaderValue::from_str(&challenge) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        response
    }
}

fn invalid_token(description: &str) -> BearerError {
    BearerError {
        status: StatusCode::UNAUTHORIZED,
        error: "invalid_token",
        description: description.to_owned(),
    }
}

pub async fn user_info(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    super::blocking(move || match claims_for(&app, &headers) {
        Ok(claims) => Json(claims).into_response(),
        Err(error) => error.into_response(),
    })
    .await
}

fn claims_for(app: &App, headers: &HeaderMap) -> Result<Value, BearerError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| BearerError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_request",
            description: "Bearer token is missing.".to_owned(),
        })?;
    let claims = tokens::verify_user_access_token(app, token, now())
        .map_err(|error| invalid_token(&error.to_string()))?;
    if !claims.has_scope("openid") {
        return Err(invalid_token("Access token does not contain openid scope"));
    }
    let user = app
        .store
        .user(claims.pool_id(), &claims.username)
        .ok()
        .flatten()
        .filter(|user| user.sub == claims.sub && user.enabled)
        .ok_or_else(|| invalid_token("User does not exist."))?;
    Ok(visible_claims(&claims, &user))
}

/// `sub` and `username` always; `email*` with `email`, `phone_number*` with `phone`, the rest
/// with `profile`; everything with `aws.cognito.signin.user.admin`. Values stay strings.
fn visible_claims(claims: &AccessClaims, user: &User) -> Value {
    let everything = claims.has_scope(ADMIN_SCOPE);
    let mut out = Map::new();
    for (name, value) in &user.attributes {
        let scope = match name.as_str() {
            "sub" => continue,
            "email" | "email_verified" => "email",
            "phone_number" | "phone_number_verified" => "phone",
            _ => "profile",
        };
        if everything || claims.has_scope(scope) {
            let value = match name.as_str() {
                "identities" => serde_json::from_str(value).unwrap_or_else(|_| json!(value)),
                _ => json!(value),
            };
            out.insert(name.clone(), value);
        }
    }
    out.insert("sub".into(), json!(user.sub));
    out.insert("username".into(), json!(user.username));
    Value::Object(out)
}
