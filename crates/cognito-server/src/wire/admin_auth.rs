//! AdminInitiateAuth and AdminRespondToAuthChallenge: sign-in for trusted back ends, which send
//! the password itself (ADMIN_USER_PASSWORD_AUTH) and name the pool.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::store::{Client, Pool};

use super::challenges::Answer;
use super::common;
use super::input::{or_default, parse, required_str};
use super::sign_in;

/// The pool and one of its app clients.
fn pool_client(
    app: &App,
    pool_id: &Option<String>,
    client_id: &Option<String>,
) -> ApiResult<(Pool, Client)> {
    let pool = common::pool(app, required_str(pool_id, "userPoolId")?)?;
    let client = common::client(app, required_str(client_id, "clientId")?)?;
    if client.pool_id != pool.id {
        return Err(ApiError::ResourceNotFound(format!(
            "User pool client {} does not exist.",
            client.id
        )));
    }
    Ok((pool, client))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InitiateInput {
    user_pool_id: Option<String>,
    client_id: Option<String>,
    auth_flow: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    auth_parameters: HashMap<String, String>,
}

pub fn admin_initiate_auth(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: InitiateInput = parse(body)?;
    let (pool, client) = pool_client(app, &input.user_pool_id, &input.client_id)?;
    match required_str(&input.auth_flow, "authFlow")? {
        "ADMIN_USER_PASSWORD_AUTH" | "ADMIN_NO_SRP_AUTH" => {
            if !client.config.allows("ALLOW_ADMIN_USER_PASSWORD_AUTH") {
                return Err(ApiError::InvalidParameter(
                    "Auth flow not enabled for this client".into(),
                ));
            }
            sign_in::password_auth(app, &client, &pool, &input.auth_parameters)
        }
        "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => {
            sign_in::refresh_auth(app, &client, &input.auth_parameters)
        }
        other => Err(ApiError::InvalidParameter(format!(
            "{other} is not supported by AdminInitiateAuth on this server."
        ))),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RespondInput {
    user_pool_id: Option<String>,
    client_id: Option<String>,
    challenge_name: Option<String>,
    session: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    challenge_responses: HashMap<String, String>,
}

pub fn admin_respond_to_auth_challenge(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: RespondInput = parse(body)?;
    let (pool, client) = pool_client(app, &input.user_pool_id, &input.client_id)?;
    let name = required_str(&input.challenge_name, "challengeName")?;
    let answer = Answer {
        app,
        client: &client,
        pool: &pool,
        sealed: input.session.as_deref(),
        responses: &input.challenge_responses,
    };
    sign_in::answer_challenge(&answer, name)
}
