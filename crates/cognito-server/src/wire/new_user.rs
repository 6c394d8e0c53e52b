//! Making a user, shared by SignUp and AdminCreateUser: the real username behind an email or
//! phone sign-in name, unique sign-in names, and the stored record with its SRP verifier.

use std::collections::BTreeMap;

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::ids;
use crate::password;
use crate::store::{MfaSettings, Pool, User, UserStatus};

use super::attributes;

/// Longest username, as in Cognito's API model.
const MAX_USERNAME_CHARS: usize = 128;

/// A user about to be stored.
#[derive(Debug)]
pub struct NewUser {
    /// The real username (what SRP uses as USER_ID_FOR_SRP).
    pub username: String,
    pub sub: String,
    pub attributes: BTreeMap<String, String>,
}

/// Resolves the name a user typed. In pools with username attributes it is an email or phone
/// number, stored as that attribute, and the real username is a generated id (the `sub`).
pub fn prepare(
    app: &App,
    pool: &Pool,
    typed: &str,
    mut attributes: BTreeMap<String, String>,
) -> ApiResult<NewUser> {
    check_username(typed)?;
    let sub = ids::uuid();
    let allowed = |attribute: &str| {
        pool.config
            .username_attributes
            .iter()
            .any(|a| a == attribute)
    };
    let username = if pool.config.username_attributes.is_empty() {
        typed.to_owned()
    } else {
        let attribute = if attributes::looks_like_email(typed) && allowed("email") {
            "email"
        } else if typed.starts_with('+') && allowed("phone_number") {
            "phone_number"
        } else {
            return Err(ApiError::InvalidParameter(
                "Username should be either an email or a phone number.".into(),
            ));
        };
        attributes.insert(attribute.to_owned(), typed.to_owned());
        sub.clone()
    };
    for attribute in &pool.config.username_attributes {
        if let Some(value) = attributes.get(attribute)
            && !app
                .store
                .users_with_attribute(&pool.id, attribute, value)?
                .is_empty()
        {
            return Err(ApiError::UsernameExists(format!(
                "An account with the given {attribute} already exists."
            )));
        }
    }
    attributes.insert("sub".into(), sub.clone());
    Ok(NewUser {
        username,
        sub,
        attributes,
    })
}

/// Stores the user with a password; `taken` is the message when the username exists.
pub fn store(
    app: &App,
    pool: &Pool,
    new: NewUser,
    status: UserStatus,
    password: &str,
    taken: &str,
) -> ApiResult<User> {
    let created = now();
    let mut user = User {
        pool_id: pool.id.clone(),
        username: new.username,
        sub: new.sub,
        status,
        enabled: true,
        salt: Vec::new(),
        verifier: Vec::new(),
        attributes: new.attributes,
        mfa: MfaSettings::default(),
        failed_logins: 0,
        locked_until: 0,
        created,
        modified: created,
    };
    password::set_password(&mut user, &pool.id, password)?;
    if app.store.insert_user(&user)? {
        Ok(user)
    } else {
        Err(ApiError::UsernameExists(taken.to_owned()))
    }
}

/// Cognito's username pattern: letters, marks, symbols, numbers and punctuation; no spaces or
/// control characters.
fn check_username(username: &str) -> ApiResult<()> {
    let length = username.chars().count();
    let valid = length <= MAX_USERNAME_CHARS
        && username
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control());
    if valid {
        Ok(())
    } else {
        Err(ApiError::InvalidParameter(
            "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+".into(),
        ))
    }
}
