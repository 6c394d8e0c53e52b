//! The `Session` string of multi-step sign-ins: sealed state naming the user, the client and the
//! challenge being answered, valid for three minutes.

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::store::Client;

/// How long a challenge may stay unanswered.
pub const SESSION_SECS: i64 = 3 * 60;

const PURPOSE: &str = "challenge-session";

/// What a `Session` carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChallengeSession {
    pub pool_id: String,
    pub client_id: String,
    pub username: String,
    /// The challenge this session answers (`SMS_MFA`, `MFA_SETUP`, ...).
    pub challenge: String,
    pub expires: i64,
    /// Set once VerifySoftwareToken accepted a code during `MFA_SETUP`.
    #[serde(default)]
    pub totp_verified: bool,
    /// Random, so two sessions for the same step differ and each can be spent once.
    pub nonce: String,
}

impl ChallengeSession {
    pub fn new(client: &Client, username: &str, challenge: &str) -> Self {
        Self {
            pool_id: client.pool_id.clone(),
            client_id: client.id.clone(),
            username: username.to_owned(),
            challenge: challenge.to_owned(),
            expires: now() + SESSION_SECS,
            totp_verified: false,
            nonce: crate::ids::uuid(),
        }
    }

    pub fn seal(&self, app: &App) -> String {
        app.sealer.seal(PURPOSE, self)
    }
}

fn invalid() -> ApiError {
    ApiError::NotAuthorized("Invalid session for the user.".into())
}

/// Opens a session for a challenge; `client_id` is checked when the caller has one.
pub fn open(
    app: &App,
    sealed: Option<&str>,
    client_id: Option<&str>,
    challenge: &str,
) -> ApiResult<ChallengeSession> {
    let sealed = sealed.filter(|s| !s.is_empty()).ok_or_else(invalid)?;
    let session: ChallengeSession = app.sealer.open(PURPOSE, sealed).map_err(|_| invalid())?;
    if session.challenge != challenge || client_id.is_some_and(|id| id != session.client_id) {
        return Err(invalid());
    }
    if session.expires <= now() {
        return Err(ApiError::NotAuthorized(
            "Invalid session for the user, session is expired.".into(),
        ));
    }
    Ok(session)
}

/// Uses a session up; a second answer with the same session is refused.
pub fn spend(app: &App, sealed: &str, session: &ChallengeSession) -> ApiResult<()> {
    spend_token(app, sealed, session.expires)
}

/// Marks any sealed single-use token as used. Keyed by the sealed value's nonce, so sending it
/// back in another base64 spelling does not make it new.
pub fn spend_token(app: &App, sealed: &str, expires: i64) -> ApiResult<()> {
    let nonce = crate::seal::nonce_of(sealed).ok_or_else(invalid)?;
    let hash = Sha256::digest(&nonce);
    if app.store.spend(&hash, expires, now())? {
        Ok(())
    } else {
        Err(invalid())
    }
}
