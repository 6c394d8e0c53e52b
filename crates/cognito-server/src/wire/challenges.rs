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

/// One RespondToAuthChallenge call: who asks, the `Session` and the `ChallengeResponses`.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    pub app: &'a App,
    pub client: &'a Client,
    pub pool: &'a Pool,
    pub sealed: Option<&'a str>,
    pub responses: &'a HashMap<String, String>,
}

impl Answer<'_> {
    /// A required, non-empty challenge response.
    fn response(&self, name: &str) -> ApiResult<&str> {
        self.responses
            .get(name)
            .map(String::as_str)
            .filter(|value| !value.is_empty())
            .ok_or_else(|| ApiError::InvalidParameter(format!("Missing required parameter {name}")))
    }

    /// Opens the session for `challenge` and loads its user, checking USERNAME, SECRET_HASH,
    /// that the user is enabled and not locked out.
    fn session_user(&self, challenge: &str) -> ApiResult<(ChallengeSession, User)> {
        let session = session::open(self.app, self.sealed, Some(&self.client.id), challenge)?;
        let user = self
            .app
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
        if let Some(username) = self.responses.get("USERNAME")
            && !signed_in_as(username)
        {
            return Err(ApiError::NotAuthorized(
                "Invalid session for the user.".into(),
            ));
        }
        common::check_secret_hash(
            self.client,
            &user.username,
            self.responses.get("SECRET_HASH").map(String::as_str),
        )?;
        if !user.enabled {
            return Err(ApiError::NotAuthorized("User is disabled.".into()));
        }
        common::check_not_locked(&user, now())?;
        Ok((session, user))
    }

    /// Uses the session up; a second answer with it is refused.
    fn spend(&self, session: &ChallengeSession) -> ApiResult<()> {
        session::spend(self.app, self.sealed.unwrap_or_default(), session)
    }

    /// The last challenge is answered: use the session up and issue tokens.
    fn finish(&self, session: &ChallengeSession, user: &User) -> ApiResult<Value> {
        self.spend(session)?;
        next_step::complete(self.app, self.client, user)
    }
}

pub fn new_password(answer: &Answer<'_>) -> ApiResult<Value> {
    let (session, mut user) = answer.session_user("NEW_PASSWORD_REQUIRED")?;
    let new_password = answer.response("NEW_PASSWORD")?;
    let config = &answer.pool.config;
    password::check_policy(&config.password_policy, new_password)?;
    let given: Vec<AttributeInput> = answer
        .responses
        .iter()
        .filter_map(|(name, value)| {
            name.strip_prefix("userAttributes.")
                .map(|name| AttributeInput {
                    name: Some(name.to_owned()),
                    value: Some(value.clone()),
                })
        })
        .collect();
    user.attributes
        .extend(attributes::parse(config, &given, "challengeResponses")?);
    attributes::check_required(config, &user.attributes)?;
    answer.spend(&session)?;
    password::set_password(&mut user, &answer.pool.id, new_password)?;
    user.status = UserStatus::Confirmed;
    user.modified = now();
    answer.app.store.save_user(&user)?;
    next_step::mfa_step(answer.app, answer.client, answer.pool, &user)
}

pub fn sms_mfa(answer: &Answer<'_>) -> ApiResult<Value> {
    let (session, user) = answer.session_user("SMS_MFA")?;
    let code = answer.response("SMS_MFA_CODE")?;
    let check = answer.app.store.check_code(
        &user.pool_id,
        &user.username,
        CodePurpose::SmsMfa,
        code,
        now(),
    )?;
    common::code_result(check)?;
    answer.finish(&session, &user)
}

pub fn totp_mfa(answer: &Answer<'_>) -> ApiResult<Value> {
    let (session, mut user) = answer.session_user("SOFTWARE_TOKEN_MFA")?;
    let code = answer.response("SOFTWARE_TOKEN_MFA_CODE")?;
    let secret = user
        .mfa
        .totp_secret
        .clone()
        .ok_or(ApiError::SoftwareTokenMfaNotFound)?;
    let now = now();
    if !totp::verify(&secret, code, now) {
        // Six digits fall to guessing unless wrong answers count like wrong passwords.
        common::record_failed_login(answer.app, &mut user, now)?;
        return Err(ApiError::CodeMismatch);
    }
    common::record_successful_login(answer.app, &mut user)?;
    answer.finish(&session, &user)
}

pub fn select_mfa_type(answer: &Answer<'_>) -> ApiResult<Value> {
    let (session, user) = answer.session_user("SELECT_MFA_TYPE")?;
    let (app, client) = (answer.app, answer.client);
    let next = match answer.response("ANSWER")? {
        "SMS_MFA" if user.mfa.sms_enabled => next_step::sms_challenge(app, client, &user)?,
        "SOFTWARE_TOKEN_MFA" if user.mfa.totp_enabled => {
            next_step::totp_challenge(app, client, &user)
        }
        other => {
            return Err(ApiError::InvalidParameter(format!(
                "{other} is not an MFA type the user can choose."
            )));
        }
    };
    answer.spend(&session)?;
    Ok(next)
}

pub fn mfa_setup(answer: &Answer<'_>) -> ApiResult<Value> {
    let (session, user) = answer.session_user("MFA_SETUP")?;
    // The session must come from a VerifySoftwareToken that accepted a code.
    if !session.totp_verified || !user.mfa.totp_enabled {
        return Err(ApiError::InvalidParameter(
            "Software token MFA has not been verified for this session.".into(),
        ));
    }
    answer.finish(&session, &user)
}
