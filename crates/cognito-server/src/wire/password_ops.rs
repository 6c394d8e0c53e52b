//! ForgotPassword, ConfirmForgotPassword, ChangePassword.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::delivery::Medium;
use crate::errors::{ApiError, ApiResult};
use crate::password;
use crate::store::{CodePurpose, UserStatus};

use super::common;
use super::input::{parse, required_str};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ForgotInput {
    client_id: Option<String>,
    username: Option<String>,
    secret_hash: Option<String>,
}

pub fn forgot_password(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ForgotInput = parse(body)?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    let username = required_str(&input.username, "username")?;
    common::check_secret_hash(&client, username, input.secret_hash.as_deref())?;
    let pool = common::pool(app, &client.pool_id)?;
    let Some(user) = common::find_user(app, &pool, username)? else {
        if client.config.prevent_user_existence_errors == "LEGACY" {
            return Err(ApiError::UserNotFound);
        }
        // Looks like a delivery to a plausible address, and nothing is sent.
        return Ok(
            json!({ "CodeDeliveryDetails": common::delivery_details(Medium::Email, "x@x") }),
        );
    };
    if !user.enabled {
        return Err(ApiError::NotAuthorized("User is disabled.".into()));
    }
    let verified = common::verified_destination(&user);
    let Some((medium, destination)) = verified else {
        return Err(ApiError::InvalidParameter(
            "Cannot reset password for the user as there is no registered/verified email or phone_number".into(),
        ));
    };
    let details = common::send_code(
        app,
        &user,
        CodePurpose::ForgotPassword,
        medium,
        &destination,
    )?;
    Ok(json!({ "CodeDeliveryDetails": details }))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ConfirmForgotInput {
    client_id: Option<String>,
    username: Option<String>,
    confirmation_code: Option<String>,
    password: Option<String>,
    secret_hash: Option<String>,
}

pub fn confirm_forgot_password(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ConfirmForgotInput = parse(body)?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    let username = required_str(&input.username, "username")?;
    let code = required_str(&input.confirmation_code, "confirmationCode")?;
    let new_password = required_str(&input.password, "password")?;
    common::check_secret_hash(&client, username, input.secret_hash.as_deref())?;
    let pool = common::pool(app, &client.pool_id)?;
    let Some(mut user) = common::find_user(app, &pool, username)? else {
        return Err(if client.config.prevent_user_existence_errors == "LEGACY" {
            ApiError::UserNotFound
        } else {
            ApiError::CodeMismatch
        });
    };
    password::check_policy(&pool.config.password_policy, new_password)?;
    let check = app.store.check_code(
        &pool.id,
        &user.username,
        CodePurpose::ForgotPassword,
        code,
        now(),
    )?;
    common::code_result(check)?;
    password::set_password(&mut user, &pool.id, new_password)?;
    if user.status == UserStatus::ResetRequired {
        user.status = UserStatus::Confirmed;
    }
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ChangeInput {
    access_token: Option<String>,
    previous_password: Option<String>,
    proposed_password: Option<String>,
}

pub fn change_password(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ChangeInput = parse(body)?;
    let token = required_str(&input.access_token, "accessToken")?;
    let previous = required_str(&input.previous_password, "previousPassword")?;
    let proposed = required_str(&input.proposed_password, "proposedPassword")?;
    let (_, pool, mut user) = common::signed_in_user(app, token)?;
    let now = now();
    common::check_not_locked(&user, now)?;
    if !password::matches(&user, &pool.id, previous)? {
        return Err(common::record_failed_login(app, &mut user, now)?);
    }
    password::check_policy(&pool.config.password_policy, proposed)?;
    password::set_password(&mut user, &pool.id, proposed)?;
    user.modified = now;
    app.store.save_user(&user)?;
    Ok(json!({}))
}
