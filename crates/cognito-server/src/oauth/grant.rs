//! The end of a successful authorization: an authorization code (or, for the implicit flow,
//! tokens) sent back to the app, and the hosted UI's sign-in cookie.

use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest as _, Sha256};

use crate::app::App;
use crate::clock::now;
use crate::errors::ApiResult;
use crate::store::{CodeGrant, User};
use crate::tokens;
use crate::wire::next_step;

use super::authorization::{Authorization, ResponseType};
use super::redirect::{self, Carry};
use super::sso;

/// How long an authorization code can be exchanged.
pub const CODE_LIFETIME_SECS: i64 = 5 * 60;

/// Codes are stored under this hash, so the database alone cannot redeem them.
pub fn code_hash(code: &str) -> Vec<u8> {
    Sha256::digest(code.as_bytes()).to_vec()
}

/// Redirects back to the app with a code or implicit tokens for `user`, who authenticated at
/// `auth_time`, and sets the sign-in cookie.
pub fn complete(
    app: &App,
    authorization: &Authorization,
    user: &User,
    auth_time: i64,
) -> ApiResult<Response> {
    let now = now();
    let client = &authorization.client;
    let state = authorization.params.state.as_deref();
    let location = match authorization.response_type {
        ResponseType::Code => {
            let code = URL_SAFE_NO_PAD.encode(crate::ids::bytes(32));
            let grant = CodeGrant {
                client_id: client.id.clone(),
                username: user.username.clone(),
                redirect_uri: authorization.redirect_uri.clone(),
                scope: authorization.scope(),
                code_challenge: authorization.code_challenge.clone(),
                nonce: authorization.params.nonce.clone(),
                auth_time,
                expires: now + CODE_LIFETIME_SECS,
            };
            app.store
                .insert_oauth_code(&code_hash(&code), &client.pool_id, &grant, now)?;
            let mut pairs = vec![("code", code.as_str())];
            pairs.extend(state.map(|state| ("state", state)));
            redirect::with_params(&authorization.redirect_uri, Carry::Query, pairs)
        }
        ResponseType::Token => {
            let (session, _) =
                next_step::new_session(app, client, user, Some(authorization.scope()), auth_time)?;
            let nonce = authorization.params.nonce.as_deref();
            let (access_token, id_token) = tokens::issue(app, client, user, &session, now, nonce)?;
            let expires_in = client.config.access_token_validity_secs.to_string();
            let mut pairs = Vec::new();
            if authorization.scopes.iter().any(|scope| scope == "openid") {
                pairs.push(("id_token", id_token.as_str()));
            }
            pairs.extend([
                ("access_token", access_token.as_str()),
                ("token_type", "Bearer"),
                ("expires_in", expires_in.as_str()),
            ]);
            pairs.extend(state.map(|state| ("state", state)));
            redirect::with_params(&authorization.redirect_uri, Carry::Fragment, pairs)
        }
    };
    let cookie = sso::start(app, user, auth_time);
    Ok(redirect::found(&location, &[cookie]))
}
