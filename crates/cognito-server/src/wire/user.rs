//! The signed-in user's own record: GetUser, UpdateUserAttributes, DeleteUserAttributes,
//! GetUserAttributeVerificationCode, VerifyUserAttribute, DeleteUser.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::delivery::Medium;
use crate::errors::{ApiError, ApiResult};
use crate::store::{CodePurpose, User};

use super::attributes;
use super::common::{self, AttributeInput};
use super::input::{parse, required_str};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TokenInput {
    access_token: Option<String>,
}

/// MFA fields as GetUser and AdminGetUser report them.
pub fn mfa_fields(user: &User, out: &mut Value) {
    let mut methods = Vec::new();
    if user.mfa.sms_enabled {
        methods.push("SMS_MFA");
    }
    if user.mfa.totp_enabled {
        methods.push("SOFTWARE_TOKEN_MFA");
    }
    if !methods.is_empty() {
        out["UserMFASettingList"] = json!(methods);
    }
    if user.mfa.sms_preferred {
        out["PreferredMfaSetting"] = json!("SMS_MFA");
    } else if user.mfa.totp_preferred {
        out["PreferredMfaSetting"] = json!("SOFTWARE_TOKEN_MFA");
    }
}

pub fn get_user(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: TokenInput = parse(body)?;
    let (_, _, user) =
        common::signed_in_user(app, required_str(&input.access_token, "accessToken")?)?;
    let mut out = json!({
        "Username": user.username,
        "UserAttributes": common::attribute_list(&user),
    });
    mfa_fields(&user, &mut out);
    Ok(out)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct UpdateInput {
    access_token: Option<String>,
    user_attributes: Option<Vec<AttributeInput>>,
}

pub fn update_user_attributes(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UpdateInput = parse(body)?;
    let token = required_str(&input.access_token, "accessToken")?;
    let list = input
        .user_attributes
        .ok_or_else(|| ApiError::missing("userAttributes"))?;
    let (_, pool, mut user) = common::signed_in_user(app, token)?;
    let mut changes = attributes::parse(&pool.config, &list, "userAttributes")?;
    // Users cannot vouch for their own addresses; only a code can.
    changes.remove("email_verified");
    changes.remove("phone_number_verified");
    // A sign-in name must stay unique.
    for (name, value) in &changes {
        let taken = pool.config.username_attributes.contains(name)
            && app
                .store
                .users_with_attribute(&pool.id, name, value)?
                .iter()
                .any(|other| other.username != user.username);
        if taken {
            return Err(ApiError::AliasExists(format!(
                "An account with the given {name} already exists."
            )));
        }
    }
    let mut deliveries = Vec::new();
    for (name, value) in changes {
        let changed = user.attribute(&name) != Some(value.as_str());
        let medium = match name.as_str() {
            "email" => Some(Medium::Email),
            "phone_number" => Some(Medium::Sms),
            _ => None,
        };
        user.attributes.insert(name.clone(), value.clone());
        if let Some(medium) = medium.filter(|_| changed) {
            user.attributes
                .insert(format!("{name}_verified"), "false".into());
            if pool.config.auto_verified_attributes.contains(&name) {
                deliveries.push((medium, value));
            }
        }
    }
    user.modified = now();
    app.store.save_user(&user)?;
    let mut details = Vec::new();
    for (medium, destination) in deliveries {
        details.push(common::send_code(
            app,
            &user,
            verify_purpose(medium),
            medium,
            &destination,
        )?);
    }
    if details.is_empty() {
        Ok(json!({}))
    } else {
        Ok(json!({ "CodeDeliveryDetailsList": details }))
    }
}

fn verify_purpose(medium: Medium) -> CodePurpose {
    match medium {
        Medium::Email => CodePurpose::VerifyEmail,
        Medium::Sms => CodePurpose::VerifyPhone,
    }
}

fn verifiable(name: &str) -> ApiResult<Medium> {
    match name {
        "email" => Ok(Medium::Email),
        "phone_number" => Ok(Medium::Sms),
        _ => Err(ApiError::InvalidParameter(format!(
            "Invalid attribute name: {name} cannot be verified."
        ))),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DeleteAttributesInput {
    access_token: Option<String>,
    user_attribute_names: Option<Vec<String>>,
}

pub fn delete_user_attributes(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: DeleteAttributesInput = parse(body)?;
    let token = required_str(&input.access_token, "accessToken")?;
    let names = input
        .user_attribute_names
        .ok_or_else(|| ApiError::missing("userAttributeNames"))?;
    let (_, pool, mut user) = common::signed_in_user(app, token)?;
    for name in &names {
        attributes::check_name(&pool.config, name)?;
        if pool.config.required_attributes.contains(name)
            || pool.config.username_attributes.contains(name)
        {
            return Err(ApiError::InvalidParameter(format!(
                "Attributes did not conform to the schema: {name}: The attribute is required"
            )));
        }
    }
    for name in &names {
        user.attributes.remove(name);
        if name == "email" || name == "phone_number" {
            user.attributes.remove(&format!("{name}_verified"));
        }
    }
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VerificationCodeInput {
    access_token: Option<String>,
    attribute_name: Option<String>,
}

pub fn get_user_attribute_verification_code(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: VerificationCodeInput = parse(body)?;
    let token = required_str(&input.access_token, "accessToken")?;
    let name = required_str(&input.attribute_name, "attributeName")?;
    let (_, _, user) = common::signed_in_user(app, token)?;
    let medium = verifiable(name)?;
    let destination = user
        .attribute(name)
        .ok_or_else(|| ApiError::InvalidParameter(format!("User has no attribute {name}.")))?;
    let details = common::send_code(app, &user, verify_purpose(medium), medium, destination)?;
    Ok(json!({ "CodeDeliveryDetails": details }))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VerifyAttributeInput {
    access_token: Option<String>,
    attribute_name: Option<String>,
    code: Option<String>,
}

pub fn verify_user_attribute(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: VerifyAttributeInput = parse(body)?;
    let token = required_str(&input.access_token, "accessToken")?;
    let name = required_str(&input.attribute_name, "attributeName")?;
    let code = required_str(&input.code, "code")?;
    let (_, pool, mut user) = common::signed_in_user(app, token)?;
    let medium = verifiable(name)?;
    common::claim_alias(app, &pool, &user, name, false)?;
    let check = app.store.check_code(
        &user.pool_id,
        &user.username,
        verify_purpose(medium),
        code,
        now(),
    )?;
    common::code_result(check)?;
    user.attributes
        .insert(format!("{name}_verified"), "true".into());
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

pub fn delete_user(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: TokenInput = parse(body)?;
    let (_, pool, user) =
        common::signed_in_user(app, required_str(&input.access_token, "accessToken")?)?;
    app.store.delete_user(&pool.id, &user.username)?;
    Ok(json!({}))
}
