//! The `cognito` cookie: the hosted UI's one-hour sign-in session, so a second authorize request
//! skips the login page. Sealed by the server; ending it (`/logout`) marks it spent.

use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::app::App;
use crate::clock::now;
use crate::errors::ApiResult;
use crate::store::{User, UserStatus};

use super::cookies;

pub const COOKIE: &str = "cognito";
/// How long the hosted UI remembers a sign-in.
pub const LIFETIME_SECS: i64 = 3600;
const PURPOSE: &str = "hosted-ui-sso";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SsoSession {
    pool_id: String,
    username: String,
    sub: String,
    auth_time: i64,
    expires: i64,
}

/// The `Set-Cookie` value starting a session for `user`.
pub fn start(app: &App, user: &User, auth_time: i64) -> String {
    let session = SsoSession {
        pool_id: user.pool_id.clone(),
        username: user.username.clone(),
        sub: user.sub.clone(),
        auth_time,
        expires: now() + LIFETIME_SECS,
    };
    cookies::set(COOKIE, &app.sealer.seal(PURPOSE, &session), LIFETIME_SECS)
}

/// The user signed in to `pool_id` by the browser's cookie, with the time they authenticated.
pub fn current(app: &App, headers: &HeaderMap, pool_id: &str) -> ApiResult<Option<(User, i64)>> {
    let Some(sealed) = cookies::get(headers, COOKIE) else {
        return Ok(None);
    };
    let Ok(session) = app.sealer.open::<SsoSession>(PURPOSE, &sealed) else {
        return Ok(None);
    };
    let now = now();
    if session.pool_id != pool_id || session.expires <= now {
        return Ok(None);
    }
    if let Some(hash) = spent_key(&sealed)
        && app.store.is_spent(&hash, now)?
    {
        return Ok(None);
    }
    let user = app
        .store
        .user(pool_id, &session.username)?
        .filter(|user| user.sub == session.sub && user.enabled)
        // An administrator may have asked for a new password since: sign in again.
        .filter(|user| {
            matches!(
                user.status,
                UserStatus::Confirmed | UserStatus::ExternalProvider
            )
        });
    Ok(user.map(|user| (user, session.auth_time)))
}

/// Ends the browser's session (so a copy of the cookie stops working too) and returns the
/// `Set-Cookie` value that clears it.
pub fn end(app: &App, headers: &HeaderMap) -> ApiResult<String> {
    if let Some(sealed) = cookies::get(headers, COOKIE)
        && let Ok(session) = app.sealer.open::<SsoSession>(PURPOSE, &sealed)
        && let Some(hash) = spent_key(&sealed)
    {
        app.store.spend(&hash, session.expires, now())?;
    }
    Ok(cookies::clear(COOKIE))
}

fn spent_key(sealed: &str) -> Option<Vec<u8>> {
    let nonce = crate::seal::nonce_of(sealed)?;
    let mut hasher = Sha256::new();
    hasher.update(PURPOSE.as_bytes());
    hasher.update(&nonce);
    Some(hasher.finalize().to_vec())
}
