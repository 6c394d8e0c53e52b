//! What follows a correct password: a new-password or MFA challenge, or tokens.

use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::delivery::{self, Medium};
use crate::errors::{ApiError, ApiResult};
use crate::store::{AuthSession, Client, CodePurpose, Pool, User, UserStatus};
use crate::tokens::{self, Issued};

use super::common;
use super::session::ChallengeSession;

/// Decides the step after the password was proven.
pub fn after_password(app: &App, client: &Client, pool: &Pool, user: &User) -> ApiResult<Value> {
    match user.status {
        UserStatus::Unconfirmed => Err(ApiError::UserNotConfirmed),
        UserStatus::ResetRequired => Err(ApiError::PasswordResetRequired),
        UserStatus::ForceChangePassword => Ok(new_password_challenge(app, client, pool, user)),
        UserStatus::Confirmed => mfa_step(app, client, pool, user),
        // Federated users sign in at their provider; they have no password here.
        UserStatus::ExternalProvider => Err(ApiError::wrong_password()),
    }
}

/// The second factor a sign-in still needs after the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaStep {
    None,
    Sms,
    Totp,
    /// Both SMS and TOTP are on and neither is preferred.
    Choose,
    /// MFA is required but the user has no method yet.
    Setup,
}

/// Decides which second factor `user` owes in `pool`.
pub fn mfa_required(pool: &Pool, user: &User) -> MfaStep {
    if pool.config.mfa_configuration == "OFF" {
        return MfaStep::None;
    }
    let has_phone = user.attribute("phone_number").is_some();
    let sms = user.mfa.sms_enabled && has_phone;
    let totp = user.mfa.totp_enabled && user.mfa.totp_secret.is_some();
    match (sms, totp) {
        (true, true) if user.mfa.sms_preferred => MfaStep::Sms,
        (true, true) if user.mfa.totp_preferred => MfaStep::Totp,
        (true, true) => MfaStep::Choose,
        (true, false) => MfaStep::Sms,
        (false, true) => MfaStep::Totp,
        (false, false) if pool.config.mfa_configuration == "ON" && has_phone => MfaStep::Sms,
        (false, false) if pool.config.mfa_configuration == "ON" => MfaStep::Setup,
        (false, false) => MfaStep::None,
    }
}

/// The MFA challenge the user owes, or tokens when none.
pub fn mfa_step(app: &App, client: &Client, pool: &Pool, user: &User) -> ApiResult<Value> {
    match mfa_required(pool, user) {
        MfaStep::None => complete(app, client, user),
        MfaStep::Sms => sms_challenge(app, client, user),
        MfaStep::Totp => Ok(totp_challenge(app, client, user)),
        MfaStep::Choose => Ok(challenge(
            app,
            client,
            user,
            "SELECT_MFA_TYPE",
            json!({ "MFAS_CAN_CHOOSE": r#"["SMS_MFA","SOFTWARE_TOKEN_MFA"]"# }),
        )),
        MfaStep::Setup => Ok(challenge(
            app,
            client,
            user,
            "MFA_SETUP",
            json!({ "MFAS_CAN_SETUP": r#"["SOFTWARE_TOKEN_MFA"]"# }),
        )),
    }
}

/// A challenge response with a fresh session.
pub fn challenge(
    app: &App,
    client: &Client,
    user: &User,
    name: &str,
    mut parameters: Value,
) -> Value {
    parameters["USER_ID_FOR_SRP"] = json!(user.username);
    let session = ChallengeSession::new(client, &user.username, name);
    json!({
        "ChallengeName": name,
        "ChallengeParameters": parameters,
        "Session": session.seal(app),
    })
}

pub fn sms_challenge(app: &App, client: &Client, user: &User) -> ApiResult<Value> {
    let phone = user.attribute("phone_number").ok_or_else(|| {
        ApiError::InvalidParameter("User has no phone number for SMS MFA.".into())
    })?;
    common::send_code(app, user, CodePurpose::SmsMfa, Medium::Sms, phone)?;
    Ok(challenge(
        app,
        client,
        user,
        "SMS_MFA",
        json!({
            "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
            "CODE_DELIVERY_DESTINATION": delivery::mask(Medium::Sms, phone),
        }),
    ))
}

pub fn totp_challenge(app: &App, client: &Client, user: &User) -> Value {
    challenge(app, client, user, "SOFTWARE_TOKEN_MFA", json!({}))
}

fn new_password_challenge(app: &App, client: &Client, pool: &Pool, user: &User) -> Value {
    // amazon-cognito-identity-js JSON-parses both strings, so they are always present.
    let shown: serde_json::Map<String, Value> = user
        .attributes
        .iter()
        .filter(|(name, _)| {
            !matches!(
                name.as_str(),
                "sub" | "email_verified" | "phone_number_verified"
            )
        })
        .map(|(name, value)| (name.clone(), json!(value)))
        .collect();
    let missing: Vec<String> = pool
        .config
        .required_attributes
        .iter()
        .filter(|name| user.attribute(name).is_none())
        .map(|name| format!("userAttributes.{name}"))
        .collect();
    challenge(
        app,
        client,
        user,
        "NEW_PASSWORD_REQUIRED",
        json!({
            "userAttributes": Value::Object(shown).to_string(),
            "requiredAttributes": json!(missing).to_string(),
        }),
    )
}

/// Records a sign-in session (`scope` is `None` for API sign-ins) and returns it with its
/// refresh token.
pub fn new_session(
    app: &App,
    client: &Client,
    user: &User,
    scope: Option<String>,
    auth_time: i64,
) -> ApiResult<(AuthSession, String)> {
    let (refresh_token, refresh_hash) = tokens::new_refresh_token();
    let session = AuthSession {
        origin_jti: crate::ids::uuid(),
        pool_id: client.pool_id.clone(),
        username: user.username.clone(),
        client_id: client.id.clone(),
        auth_time,
        expires: now() + client.config.refresh_token_validity_secs,
        revoked: false,
        scope,
    };
    app.store.insert_auth_session(&session, &refresh_hash)?;
    Ok((session, refresh_token))
}

/// Starts a sign-in session and returns the tokens.
pub fn complete(app: &App, client: &Client, user: &User) -> ApiResult<Value> {
    let now = now();
    let (session, refresh_token) = new_session(app, client, user, None, now)?;
    let (access_token, id_token) = tokens::issue(app, client, user, &session, now, None)?;
    let issued = Issued {
        access_token,
        id_token,
        refresh_token: Some(refresh_token),
        expires_in: client.config.access_token_validity_secs,
    };
    Ok(json!({ "ChallengeParameters": {}, "AuthenticationResult": issued.to_json() }))
}

/// How a confidential client proved itself on a refresh.
#[derive(Debug, Clone, Copy)]
pub enum ClientProof<'a> {
    /// `SECRET_HASH` from InitiateAuth's parameters, checked against the session's user.
    SecretHash(Option<&'a str>),
    /// The caller already compared `ClientSecret` (GetTokensFromRefreshToken).
    SecretChecked,
}

/// New id and access tokens for a refresh token; the refresh token itself is kept.
pub fn refresh(
    app: &App,
    client: &Client,
    refresh_token: &str,
    proof: ClientProof<'_>,
) -> ApiResult<Issued> {
    let invalid = || ApiError::NotAuthorized("Invalid Refresh Token".into());
    let session = app
        .store
        .auth_session_by_refresh(&tokens::refresh_hash(refresh_token))?
        .filter(|session| session.client_id == client.id)
        .ok_or_else(invalid)?;
    if let ClientProof::SecretHash(sent) = proof {
        // The hash is over the real username, which only the session knows here.
        common::check_secret_hash(client, &session.username, sent)?;
    }
    let now = now();
    if session.revoked {
        return Err(ApiError::NotAuthorized(
            "Refresh Token has been revoked".into(),
        ));
    }
    if session.expires <= now {
        return Err(ApiError::NotAuthorized("Refresh Token has expired".into()));
    }
    let user = app
        .store
        .user(&session.pool_id, &session.username)?
        .ok_or_else(invalid)?;
    if !user.enabled {
        return Err(ApiError::NotAuthorized("User is disabled.".into()));
    }
    let (access_token, id_token) = tokens::issue(app, client, &user, &session, now, None)?;
    Ok(Issued {
        access_token,
        id_token,
        refresh_token: None,
        expires_in: client.config.access_token_validity_secs,
    })
}
