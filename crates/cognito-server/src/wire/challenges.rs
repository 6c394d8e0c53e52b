//! Answers to the challenges that follow a password: new password, SMS and TOTP codes, MFA
//! choice and TOTP setup during sign-in.

use std::collections::HashMap;

use serde_json::Value;

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::password;
use crate::store::{Client, CodePurpose, Pool, User, UserStatus};
use crate::totp;

use super::common::{self, AttributeInput};
use super::session::{self, ChallengeSession};
use super::{attributes, next_step};

type Responses = HashMap<String, String>;

/// One RespondToAuthChallenge call: who asks, the `Session` and the `ChallengeResponses`.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    pub app: &'a App,
    pub client: &'a Client,
    pub pool: &'a Pool,
    pub sealed: Option<&'a str>,
    pub responses: &'a Responses,
}

fn response<'a>(responses: &'a Responses, name: &str) -> ApiResult<&'a str> {
    responses
        .get(name)
        .map(String::as_str)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| ApiError::InvalidParameter(format!("Missing required parameter {name}")))
}

/// Opens the session and loads its user, checking USERNAME and SECRET_HASH.
fn session_user(answer: &Answer<'_>, challenge: &str) -> ApiResult<(ChallengeSession, User)> {
    let Answer {
        app,
        client,
        sealed,
        responses,
        ..
    } = *answer;
    let session = session::open(app, sealed, Some(&client.id), challenge)?;
    let user = app
        .store
        .user(&session.pool_id, &session.username)?
        .ok_or(ApiError::UserNotFound)?;
    // Clients echo either the real username or the alias they signed in with.
    let signed_in_as = |name: &str| {
        name == user.username
            || ["email", "phone_number", "preferred_username"]
                .iter()
                .any(|alias| user.attribute(alias) == Some(name))
    };
    if let Some(username) = responses.get("USERNAME")
        && !signed_in_as(username)
    {
        return Err(ApiError::NotAuthorized(
            "Invalid session for the user.".into(),
        ));
    }
    common::check_secret_hash(
        client,
        &user.username,
        responses.get("SECRET_HASH").map(String::as_str),
    )?;
    if !user.enabled {
        return Err(ApiError::NotAuthorized("User is disabled.".into()));
    }
    common::check_not_locked(&user, now())?;
    Ok((session, user))
}

pub fn new_password(answer: &Answer<'_>) -> ApiResult<Value> {
    let Answer {
        app,
        client,
        pool,
        sealed,
        responses,
    } = *answer;
    let (session, mut user) = session_user(answer, "NEW_PASSWORD_REQUIRED")?;
    let new_password = response(responses, "NEW_PASSWORD")?;
    password::check_policy(&pool.config.password_policy, new_password)?;
    let given: Vec<AttributeInput> = responses
        .iter()
        .filter_map(|(name, value)| {
            name.strip_prefix("userAttributes.")
                .map(|name| AttributeInput {
                    name: Some(name.to_owned()),
                    value: Some(value.clone()),
                })
        })
        .collect();
    let given = attributes::parse(&pool.config, &given, "challengeResponses")?;
    user.attributes.extend(given);
    attributes::check_required(&pool.config, &user.attributes)?;
    session::spend(app, sealed.unwrap_or_default(), &session)?;
    password::set_password(&mut user, &pool.id, new_password)?;
    user.status = UserStatus::Confirmed;
    user.modified = now();
    app.store.save_user(&user)?;
    next_step::mfa_step(app, client, pool, &user)
}

pub fn sms_mfa(answer: &Answer<'_>) -> ApiResult<Value> {
    let Answer {
        app,
        client,
        sealed,
        responses,
        ..
    } = *answer;
    let (session, user) = session_user(answer, "SMS_MFA")?;
    let code = response(responses, "SMS_MFA_CODE")?;
    let check = app.store.check_code(
        &user.pool_id,
        &user.username,
        CodePurpose::SmsMfa,
        code,
        now(),
    )?;
    common::code_result(check)?;
    session::spend(app, sealed.unwrap_or_default(), &session)?;
    next_step::complete(app, client, &user)
}

pub fn totp_mfa(answer: &Answer<'_>) -> ApiResult<Value> {
    let Answer {
        app,
        client,
        sealed,
        responses,
        ..
    } = *answer;
    let (session, mut user) = session_user(answer, "SOFTWARE_TOKEN_MFA")?;
    let code = response(responses, "SOFTWARE_TOKEN_MFA_CODE")?;
    let secret = user
        .mfa
        .totp_secret
        .clone()
        .ok_or(ApiError::SoftwareTokenMfaNotFound)?;
    let now = now();
    if !totp::verify(&secret, code, now) {
        // Six digits fall to guessing unless wrong answers count like wrong passwords.
        common::record_failed_login(app, &mut user, now)?;
        return Err(ApiError::CodeMismatch);
    }
    common::record_successful_login(app, &mut user)?;
    session::spend(app, sealed.unwrap_or_default(), &session)?;
    next_step::complete(app, client, &user)
}

pub fn select_mfa_type(answer: &Answer<'_>) -> ApiResult<Value> {
    let Answer {
        app,
        client,
        sealed,
        responses,
        ..
    } = *answer;
    let (session, user) = session_user(answer, "SELECT_MFA_TYPE")?;
    let answer = response(responses, "ANSWER")?;
    let next = match answer {
        "SMS_MFA" if user.mfa.sms_enabled => next_step::sms_challenge(app, client, &user)?,
        "SOFTWARE_TOKEN_MFA" if user.mfa.totp_enabled => {
            next_step::totp_challenge(app, client, &user)
        }
        _ => {
            return Err(ApiError::InvalidParameter(format!(
                "{answer} is not an MFA type the user can choose."
            )));
        }
    };
    session::spend(app, sealed.unwrap_or_default(), &session)?;
    Ok(next)
}

pub fn mfa_setup(answer: &Answer<'_>) -> ApiResult<Value> {
    let Answer {
        app,
        client,
        sealed,
        ..
    } = *answer;
    let (session, user) = session_user(answer, "MFA_SETUP")?;
    // The session must come from a VerifySoftwareToken that accepted a code.
    if !session.totp_verified || !user.mfa.totp_enabled {
        return Err(ApiError::InvalidParameter(
            "Software token MFA has not been verified for this session.".into(),
        ));
    }
    session::spend(app, sealed.unwrap_or_default(), &session)?;
    next_step::complete(app, client, &user)
}
