//! Admin user operations: create, read, list, confirm, delete, passwords, attributes, enable and
//! disable, MFA preference, global sign-out.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::delivery::{self, Medium};
use crate::errors::{ApiError, ApiResult};
use crate::ids;
use crate::password;
use crate::store::{CodePurpose, Pool, User, UserStatus};

use super::admin_pools::page;
use super::common::{self, AttributeInput};
use super::input::{or_default, parse, required_str};
use super::mfa::{MfaSetting, apply_preference};
use super::user::mfa_fields;
use super::{attributes, new_user};

/// `UserType` as AdminCreateUser and ListUsers return it.
fn user_type(user: &User, attributes_key: &str) -> Value {
    json!({
        "Username": user.username,
        attributes_key: common::attribute_list(user),
        "UserCreateDate": user.created,
        "UserLastModifiedDate": user.modified,
        "Enabled": user.enabled,
        "UserStatus": user.status.as_str(),
    })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct UserInput {
    user_pool_id: Option<String>,
    username: Option<String>,
}

/// The pool and user named by an admin request; unknown users are always reported (admin calls
/// are not subject to PreventUserExistenceErrors).
fn pool_user(
    app: &App,
    pool_id: &Option<String>,
    username: &Option<String>,
) -> ApiResult<(Pool, User)> {
    let pool = common::pool(app, required_str(pool_id, "userPoolId")?)?;
    let user = common::find_user(app, &pool, required_str(username, "username")?)?
        .ok_or(ApiError::UserNotFound)?;
    Ok((pool, user))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateUserInput {
    user_pool_id: Option<String>,
    username: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    user_attributes: Vec<AttributeInput>,
    temporary_password: Option<String>,
    message_action: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    desired_delivery_mediums: Vec<String>,
}

pub fn admin_create_user(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: CreateUserInput = parse(body)?;
    let pool = common::pool(app, required_str(&input.user_pool_id, "userPoolId")?)?;
    let username = required_str(&input.username, "username")?;
    let attributes = attributes::parse(&pool.config, &input.user_attributes, "userAttributes")?;
    let temporary = match input.temporary_password {
        Some(password) => {
            password::check_policy(&pool.config.password_policy, &password)?;
            password
        }
        None => temporary_password(),
    };
    if input.message_action.as_deref() == Some("RESEND") {
        return resend_invitation(app, &pool, username, &temporary);
    }
    let new = new_user::prepare(app, &pool, username, attributes)?;
    let user = new_user::store(
        app,
        &pool,
        new,
        UserStatus::ForceChangePassword,
        &temporary,
        "User account already exists",
    )?;
    if input.message_action.as_deref() != Some("SUPPRESS") {
        let prefer_sms = input.desired_delivery_mediums.iter().any(|m| m == "SMS")
            && !input.desired_delivery_mediums.iter().any(|m| m == "EMAIL");
        invite(app, &user, &temporary, prefer_sms)?;
    }
    Ok(json!({ "User": user_type(&user, "Attributes") }))
}

/// A random temporary password that satisfies any policy Cognito allows.
fn temporary_password() -> String {
    let random = ids::secret_access_key();
    format!("{}aA1!", &random[..12])
}

/// "Sends" the invitation with the temporary password; it is the code of the outbox entry.
fn invite(app: &App, user: &User, temporary: &str, prefer_sms: bool) -> ApiResult<()> {
    let email = user.attribute("email").map(|e| (Medium::Email, e));
    let phone = user.attribute("phone_number").map(|p| (Medium::Sms, p));
    let target = if prefer_sms {
        phone.or(email)
    } else {
        email.or(phone)
    };
    if let Some((medium, destination)) = target {
        delivery::deliver(
            app,
            &user.pool_id,
            &user.username,
            medium,
            destination,
            "invitation",
            temporary,
        )?;
    }
    Ok(())
}

fn resend_invitation(app: &App, pool: &Pool, username: &str, temporary: &str) -> ApiResult<Value> {
    let mut user = common::find_user(app, pool, username)?.ok_or(ApiError::UserNotFound)?;
    if user.status != UserStatus::ForceChangePassword {
        return Err(ApiError::UnsupportedOperation(
            "Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.".into(),
        ));
    }
    password::set_password(&mut user, &pool.id, temporary)?;
    user.modified = now();
    app.store.save_user(&user)?;
    invite(app, &user, temporary, false)?;
    Ok(json!({ "User": user_type(&user, "Attributes") }))
}

pub fn admin_get_user(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UserInput = parse(body)?;
    let (_, user) = pool_user(app, &input.user_pool_id, &input.username)?;
    let mut out = user_type(&user, "UserAttributes");
    mfa_fields(&user, &mut out);
    Ok(out)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListUsersInput {
    user_pool_id: Option<String>,
    limit: Option<usize>,
    pagination_token: Option<String>,
    filter: Option<String>,
    attributes_to_get: Option<Vec<String>>,
}

/// A parsed `ListUsers` filter: `name = "value"` or `name ^= "value"`.
#[derive(Debug, PartialEq, Eq)]
struct Filter {
    attribute: String,
    prefix: bool,
    value: String,
}

const FILTERABLE: &[&str] = &[
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
];

fn parse_filter(text: &str) -> ApiResult<Option<Filter>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let invalid = || ApiError::InvalidParameter("Error while parsing filter.".into());
    let (attribute, prefix, rest) = if let Some((attribute, rest)) = text.split_once("^=") {
        (attribute, true, rest)
    } else if let Some((attribute, rest)) = text.split_once('=') {
        (attribute, false, rest)
    } else {
        return Err(invalid());
    };
    let attribute = attribute.trim();
    let value = rest
        .trim()
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .ok_or_else(invalid)?;
    if !FILTERABLE.contains(&attribute) {
        return Err(ApiError::InvalidParameter(format!(
            "Invalid search attribute: {attribute}"
        )));
    }
    Ok(Some(Filter {
        attribute: attribute.to_owned(),
        prefix,
        value: value.replace("\\\"", "\""),
    }))
}

fn matches(filter: &Filter, user: &User) -> bool {
    let status = if user.enabled { "Enabled" } else { "Disabled" };
    let actual = match filter.attribute.as_str() {
        "username" => Some(user.username.as_str()),
        "cognito:user_status" => Some(user.status.as_str()),
        "status" => Some(status),
        name => user.attribute(name),
    };
    match actual {
        Some(actual) if filter.prefix => actual.starts_with(&filter.value),
        Some(actual) => actual == filter.value,
        None => false,
    }
}

pub fn list_users(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ListUsersInput = parse(body)?;
    let pool = common::pool(app, required_str(&input.user_pool_id, "userPoolId")?)?;
    let filter = parse_filter(input.filter.as_deref().unwrap_or_default())?;
    let users: Vec<User> = app
        .store
        .users(&pool.id)?
        .into_iter()
        .filter(|user| filter.as_ref().is_none_or(|filter| matches(filter, user)))
        .collect();
    let (users, next) = page(users, input.limit, input.pagination_token.as_deref())?;
    let listed: Vec<Value> = users
        .iter()
        .map(|user| {
            let mut out = user_type(user, "Attributes");
            if let Some(wanted) = &input.attributes_to_get {
                let kept: Vec<Value> = user
                    .attributes
                    .iter()
                    .filter(|(name, _)| wanted.contains(name))
                    .map(|(name, value)| json!({ "Name": name, "Value": value }))
                    .collect();
                out["Attributes"] = json!(kept);
            }
            out
        })
        .collect();
    let mut out = json!({ "Users": listed });
    if let Some(next) = next {
        out["PaginationToken"] = json!(next);
    }
    Ok(out)
}

pub fn admin_confirm_sign_up(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UserInput = parse(body)?;
    let (_, mut user) = pool_user(app, &input.user_pool_id, &input.username)?;
    if user.status != UserStatus::Unconfirmed {
        return Err(ApiError::NotAuthorized(format!(
            "User cannot be confirmed. Current status is {}",
            user.status.as_str()
        )));
    }
    user.status = UserStatus::Confirmed;
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

pub fn admin_delete_user(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UserInput = parse(body)?;
    let (pool, user) = pool_user(app, &input.user_pool_id, &input.username)?;
    app.store.delete_user(&pool.id, &user.username)?;
    Ok(json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SetPasswordInput {
    user_pool_id: Option<String>,
    username: Option<String>,
    password: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    permanent: bool,
}

pub fn admin_set_user_password(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: SetPasswordInput = parse(body)?;
    let (pool, mut user) = pool_user(app, &input.user_pool_id, &input.username)?;
    let new_password = required_str(&input.password, "password")?;
    password::check_policy(&pool.config.password_policy, new_password)?;
    password::set_password(&mut user, &pool.id, new_password)?;
    user.status = if input.permanent {
        UserStatus::Confirmed
    } else {
        UserStatus::ForceChangePassword
    };
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct UpdateAttributesInput {
    user_pool_id: Option<String>,
    username: Option<String>,
    user_attributes: Option<Vec<AttributeInput>>,
}

pub fn admin_update_user_attributes(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UpdateAttributesInput = parse(body)?;
    let (pool, mut user) = pool_user(app, &input.user_pool_id, &input.username)?;
    let list = input
        .user_attributes
        .ok_or_else(|| ApiError::missing("userAttributes"))?;
    let changes = attributes::parse(&pool.config, &list, "userAttributes")?;
    for (name, value) in &changes {
        // A changed address is unverified unless the admin marks it verified in the same call.
        let verified = format!("{name}_verified");
        let address = name == "email" || name == "phone_number";
        if address && user.attribute(name) != Some(value) && !changes.contains_key(&verified) {
            user.attributes.insert(verified, "false".into());
        }
        user.attributes.insert(name.clone(), value.clone());
    }
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

/// Forces a password reset: sign-in is refused with PasswordResetRequiredException until the
/// user sets a new password with the code sent now (ConfirmForgotPassword).
pub fn admin_reset_user_password(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UserInput = parse(body)?;
    let (pool, mut user) = pool_user(app, &input.user_pool_id, &input.username)?;
    let target = common::verified_destination(&user);
    user.status = UserStatus::ResetRequired;
    user.modified = now();
    app.store.save_user(&user)?;
    app.store.revoke_user_sessions(&pool.id, &user.username)?;
    if let Some((medium, destination)) = target {
        common::send_code(
            app,
            &user,
            CodePurpose::ForgotPassword,
            medium,
            &destination,
        )?;
    }
    Ok(json!({}))
}

pub fn admin_disable_user(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UserInput = parse(body)?;
    let (pool, mut user) = pool_user(app, &input.user_pool_id, &input.username)?;
    user.enabled = false;
    user.modified = now();
    app.store.save_user(&user)?;
    // A disabled user's sessions end now rather than when their tokens expire.
    app.store.revoke_user_sessions(&pool.id, &user.username)?;
    Ok(json!({}))
}

pub fn admin_enable_user(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UserInput = parse(body)?;
    let (_, mut user) = pool_user(app, &input.user_pool_id, &input.username)?;
    user.enabled = true;
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct MfaPreferenceInput {
    user_pool_id: Option<String>,
    username: Option<String>,
    #[serde(rename = "SMSMfaSettings")]
    sms_mfa_settings: Option<MfaSetting>,
    software_token_mfa_settings: Option<MfaSetting>,
}

pub fn admin_set_user_mfa_preference(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: MfaPreferenceInput = parse(body)?;
    let (_, mut user) = pool_user(app, &input.user_pool_id, &input.username)?;
    apply_preference(
        &mut user,
        input.sms_mfa_settings.as_ref(),
        input.software_token_mfa_settings.as_ref(),
    )?;
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

pub fn admin_user_global_sign_out(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UserInput = parse(body)?;
    let (pool, user) = pool_user(app, &input.user_pool_id, &input.username)?;
    app.store.revoke_user_sessions(&pool.id, &user.username)?;
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_equality_and_prefix() {
        assert_eq!(
            parse_filter(r#"email = "a@b.c""#).unwrap(),
            Some(Filter {
                attribute: "email".into(),
                prefix: false,
                value: "a@b.c".into()
            })
        );
        assert_eq!(
            parse_filter(r#"username ^= "al""#).unwrap(),
            Some(Filter {
                attribute: "username".into(),
                prefix: true,
                value: "al".into()
            })
        );
        assert_eq!(parse_filter("").unwrap(), None);
        assert!(parse_filter("email = a@b.c").is_err());
        assert!(parse_filter(r#"shoe = "9""#).is_err());
    }

    #[test]
    fn temporary_passwords_meet_the_default_policy() {
        let policy = crate::store::PasswordPolicy::default();
        for _ in 0..20 {
            assert!(password::check_policy(&policy, &temporary_password()).is_ok());
        }
    }
}
