//! InitiateAuth, RespondToAuthChallenge and GetTokensFromRefreshToken.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::store::{Client, Pool};

use super::input::{or_default, parse, required_str};
use super::next_step::ClientProof;
use super::{challenges, common, next_step, srp};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InitiateAuthInput {
    auth_flow: Option<String>,
    client_id: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    auth_parameters: HashMap<String, String>,
}

pub fn initiate_auth(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: InitiateAuthInput = parse(body)?;
    let flow = required_str(&input.auth_flow, "authFlow")?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    let pool = common::pool(app, &client.pool_id)?;
    let parameters = &input.auth_parameters;
    let parameter = |name: &str| parameter(parameters, name);
    let secret_hash = parameters.get("SECRET_HASH").map(String::as_str);

    match flow {
        "USER_SRP_AUTH" => {
            if !client.config.allows("ALLOW_USER_SRP_AUTH") {
                return Err(ApiError::InvalidParameter(
                    "USER_SRP_AUTH is not enabled for the client.".into(),
                ));
            }
            let typed = parameter("USERNAME")?;
            let srp_a = parameter("SRP_A")?;
            common::check_secret_hash(&client, typed, secret_hash)?;
            let user = common::find_user(app, &pool, typed)?;
            match &user {
                Some(user) => {
                    common::check_not_locked(user, now())?;
                    if !user.enabled {
                        return Err(ApiError::NotAuthorized("User is disabled.".into()));
                    }
                }
                None if client.config.prevent_user_existence_errors == "LEGACY" => {
                    return Err(ApiError::UserNotFound);
                }
                None => {}
            }
            srp::start(app, &client, &pool, typed, user.as_ref(), srp_a)
        }
        "USER_PASSWORD_AUTH" => {
            if !client.config.allows("ALLOW_USER_PASSWORD_AUTH") {
                return Err(ApiError::InvalidParameter(
                    "USER_PASSWORD_AUTH flow not enabled for this client".into(),
                ));
            }
            password_auth(app, &client, &pool, parameters)
        }
        "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => refresh_auth(app, &client, parameters),
        "CUSTOM_AUTH" | "USER_AUTH" => Err(ApiError::InvalidParameter(format!(
            "{flow} is not supported by this server."
        ))),
        "ADMIN_NO_SRP_AUTH" | "ADMIN_USER_PASSWORD_AUTH" => Err(ApiError::InvalidParameter(
            "Initiate Auth method not supported.".into(),
        )),
        other => Err(ApiError::InvalidParameter(format!(
            "1 validation error detected: Value '{other}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]"
        ))),
    }
}

/// A required, non-empty `AuthParameters` entry.
fn parameter<'a>(parameters: &'a HashMap<String, String>, name: &str) -> ApiResult<&'a str> {
    parameters
        .get(name)
        .map(String::as_str)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| ApiError::InvalidParameter(format!("Missing required parameter {name}")))
}

/// USERNAME + PASSWORD checked against the stored verifier; shared with AdminInitiateAuth.
pub fn password_auth(
    app: &App,
    client: &Client,
    pool: &Pool,
    parameters: &HashMap<String, String>,
) -> ApiResult<Value> {
    let typed = parameter(parameters, "USERNAME")?;
    let given = parameter(parameters, "PASSWORD")?;
    common::check_secret_hash(
        client,
        typed,
        parameters.get("SECRET_HASH").map(String::as_str),
    )?;
    let user = common::sign_in_with_password(app, client, pool, typed, given)?;
    next_step::after_password(app, client, pool, &user)
}

/// REFRESH_TOKEN(_AUTH); shared with AdminInitiateAuth.
pub fn refresh_auth(
    app: &App,
    client: &Client,
    parameters: &HashMap<String, String>,
) -> ApiResult<Value> {
    if !client.config.allows("ALLOW_REFRESH_TOKEN_AUTH") {
        return Err(ApiError::InvalidParameter(
            "Refresh Token has been disabled for this client.".into(),
        ));
    }
    let token = parameter(parameters, "REFRESH_TOKEN")?;
    let secret_hash = parameters.get("SECRET_HASH").map(String::as_str);
    let issued = next_step::refresh(app, client, token, ClientProof::SecretHash(secret_hash))?;
    Ok(json!({ "ChallengeParameters": {}, "AuthenticationResult": issued.to_json() }))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RespondInput {
    client_id: Option<String>,
    challenge_name: Option<String>,
    session: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    challenge_responses: HashMap<String, String>,
}

pub fn respond_to_auth_challenge(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: RespondInput = parse(body)?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    let pool = common::pool(app, &client.pool_id)?;
    let name = required_str(&input.challenge_name, "challengeName")?;
    let answer = challenges::Answer {
        app,
        client: &client,
        pool: &pool,
        sealed: input.session.as_deref(),
        responses: &input.challenge_responses,
    };
    answer_challenge(&answer, name)
}

/// Answers a named challenge; shared with AdminRespondToAuthChallenge.
pub fn answer_challenge(answer: &challenges::Answer<'_>, name: &str) -> ApiResult<Value> {
    match name {
        "PASSWORD_VERIFIER" => {
            let user = srp::verify(answer.app, answer.client, answer.pool, answer.responses)?;
            next_step::after_password(answer.app, answer.client, answer.pool, &user)
        }
        "NEW_PASSWORD_REQUIRED" => challenges::new_password(answer),
        "SMS_MFA" => challenges::sms_mfa(answer),
        "SOFTWARE_TOKEN_MFA" => challenges::totp_mfa(answer),
        "SELECT_MFA_TYPE" => challenges::select_mfa_type(answer),
        "MFA_SETUP" => challenges::mfa_setup(answer),
        other => Err(ApiError::InvalidParameter(format!(
            "The challenge {other} is not supported by this server."
        ))),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RefreshInput {
    client_id: Option<String>,
    refresh_token: Option<String>,
    client_secret: Option<String>,
}

pub fn get_tokens_from_refresh_token(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: RefreshInput = parse(body)?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    let token = required_str(&input.refresh_token, "refreshToken")?;
    common::check_client_secret(&client, input.client_secret.as_deref())?;
    let issued = next_step::refresh(app, &client, token, ClientProof::SecretChecked)?;
    Ok(json!({ "AuthenticationResult": issued.to_json() }))
}
