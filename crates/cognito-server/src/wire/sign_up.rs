//! SignUp, ConfirmSignUp, ResendConfirmationCode.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::delivery::Medium;
use crate::errors::{ApiError, ApiResult};
use crate::password;
use crate::store::{CodePurpose, Pool, User, UserStatus};

use super::common::{self, AttributeInput};
use super::input::{or_default, parse, required_str};
use super::{attributes, new_user};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SignUpInput {
    client_id: Option<String>,
    username: Option<String>,
    password: Option<String>,
    secret_hash: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    user_attributes: Vec<AttributeInput>,
}

pub fn sign_up(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: SignUpInput = parse(body)?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    let username = required_str(&input.username, "username")?;
    let password = required_str(&input.password, "password")?;
    common::check_secret_hash(&client, username, input.secret_hash.as_deref())?;
    let pool = common::pool(app, &client.pool_id)?;
    if pool.config.allow_admin_create_user_only {
        return Err(ApiError::NotAuthorized(
            "SignUp is not permitted for this user pool".into(),
        ));
    }
    let attributes = attributes::parse(&pool.config, &input.user_attributes, "userAttributes")?;
    password::check_policy(&pool.config.password_policy, password)?;
    let mut new = new_user::prepare(app, &pool, username, attributes)?;
    attributes::check_required(&pool.config, &new.attributes)?;
    // Only verification by code may mark these verified.
    for address in ["email", "phone_number"] {
        if new.attributes.contains_key(address) {
            new.attributes
                .insert(format!("{address}_verified"), "false".into());
        }
    }
    let sub = new.sub.clone();
    let user = new_user::store(
        app,
        &pool,
        new,
        UserStatus::Unconfirmed,
        password,
        "User already exists",
    )?;

    let mut output = json!({ "UserConfirmed": false, "UserSub": sub });
    if let Some((medium, destination)) = confirmation_target(&pool, &user) {
        output["CodeDeliveryDetails"] =
            common::send_code(app, &user, CodePurpose::SignUp, medium, &destination)?;
    }
    Ok(output)
}

/// Where the sign-up code goes: the first auto-verified attribute the user has.
fn confirmation_target(pool: &Pool, user: &User) -> Option<(Medium, String)> {
    pool.config
        .auto_verified_attributes
        .iter()
        .find_map(|attribute| {
            let medium = match attribute.as_str() {
                "email" => Medium::Email,
                "phone_number" => Medium::Sms,
                _ => return None,
            };
            user.attribute(attribute)
                .map(|value| (medium, value.to_owned()))
        })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ConfirmSignUpInput {
    client_id: Option<String>,
    username: Option<String>,
    confirmation_code: Option<String>,
    secret_hash: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    force_alias_creation: bool,
}

pub fn confirm_sign_up(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ConfirmSignUpInput = parse(body)?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    let username = required_str(&input.username, "username")?;
    let code = required_str(&input.confirmation_code, "confirmationCode")?;
    common::check_secret_hash(&client, username, input.secret_hash.as_deref())?;
    let pool = common::pool(app, &client.pool_id)?;
    let Some(mut user) = common::find_user(app, &pool, username)? else {
        return Err(hidden_user_error(&client));
    };
    if user.status != UserStatus::Unconfirmed {
        return Err(ApiError::NotAuthorized(format!(
            "User cannot be confirmed. Current status is {}",
            user.status.as_str()
        )));
    }
    let verifies = confirmation_target(&pool, &user).map(|(medium, _)| medium.attribute());
    // A taken alias is refused before the code is used up, so the user can retry with
    // ForceAliasCreation and the same code.
    if let Some(attribute) = verifies
        && !input.force_alias_creation
    {
        common::claim_alias(app, &pool, &user, attribute, false)?;
    }
    let check = app
        .store
        .check_code(&pool.id, &user.username, CodePurpose::SignUp, code, now())?;
    common::code_result(check)?;
    user.status = UserStatus::Confirmed;
    // The code proved the user reads the address it was sent to.
    if let Some(attribute) = verifies {
        common::claim_alias(app, &pool, &user, attribute, true)?;
        user.attributes
            .insert(format!("{attribute}_verified"), "true".into());
    }
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

/// For code operations on unknown users, ENABLED existence errors answer as a wrong code would.
fn hidden_user_error(client: &crate::store::Client) -> ApiError {
    if client.config.prevent_user_existence_errors == "LEGACY" {
        ApiError::UserNotFound
    } else {
        ApiError::CodeMismatch
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ResendInput {
    client_id: Option<String>,
    username: Option<String>,
    secret_hash: Option<String>,
}

pub fn resend_confirmation_code(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ResendInput = parse(body)?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    let username = required_str(&input.username, "username")?;
    common::check_secret_hash(&client, username, input.secret_hash.as_deref())?;
    let pool = common::pool(app, &client.pool_id)?;
    let Some(user) = common::find_user(app, &pool, username)? else {
        return Err(ApiError::UserNotFound);
    };
    if user.status != UserStatus::Unconfirmed {
        return Err(ApiError::InvalidParameter(
            "User is already confirmed.".into(),
        ));
    }
    let (medium, destination) = confirmation_target(&pool, &user)
        .ok_or_else(|| ApiError::InvalidParameter("Auto verification not turned on.".into()))?;
    let details = common::send_code(app, &user, CodePurpose::SignUp, medium, &destination)?;
    Ok(json!({ "CodeDeliveryDetails": details }))
}
