//! GlobalSignOut and RevokeToken.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::tokens;

use super::common;
use super::input::{parse, required_str};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GlobalSignOutInput {
    access_token: Option<String>,
}

/// Revokes every session of the user: their refresh tokens and access tokens stop working.
pub fn global_sign_out(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: GlobalSignOutInput = parse(body)?;
    let (_, pool, user) =
        common::signed_in_user(app, required_str(&input.access_token, "accessToken")?)?;
    app.store.revoke_user_sessions(&pool.id, &user.username)?;
    Ok(json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RevokeInput {
    client_id: Option<String>,
    token: Option<String>,
    client_secret: Option<String>,
}

/// Revokes one refresh token and the access tokens issued from it.
pub fn revoke_token(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: RevokeInput = parse(body)?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    let token = required_str(&input.token, "token")?;
    common::check_client_secret(&client, input.client_secret.as_deref())?;
    if !client.config.enable_token_revocation {
        return Err(ApiError::UnsupportedOperation(
            "Token revocation is not enabled for this client.".into(),
        ));
    }
    match app
        .store
        .auth_session_by_refresh(&tokens::refresh_hash(token))?
    {
        Some(session) if session.client_id == client.id => {
            app.store.revoke_auth_session(&session.origin_jti)?;
            Ok(json!({}))
        }
        Some(_) => Err(ApiError::InvalidParameter(
            "The token was not issued to this client.".into(),
        )),
        // Unknown tokens are accepted quietly, as the OAuth revocation spec asks.
        None => Ok(json!({})),
    }
}
