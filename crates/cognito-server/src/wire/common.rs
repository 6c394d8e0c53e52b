//! Lookups and checks most operations share: the app client, the user, the access token,
//! SECRET_HASH, lockout, and code delivery.

use serde::Deserialize;
use serde_json::{Value, json};
use subtle::ConstantTimeEq as _;

use crate::app::App;
use crate::clock::now;
use crate::delivery::{self, Medium};
use crate::errors::{ApiError, ApiResult};
use crate::ids;
use crate::store::{Client, CodePurpose, Pool, User};
use crate::tokens::{self, AccessClaims};

/// `{Name, Value}` as the API spells an attribute.
#[derive(Debug, Clone, Deserialize)]
pub struct AttributeInput {
    #[serde(rename = "Name")]
    pub name: Option<String>,
    #[serde(rename = "Value")]
    pub value: Option<String>,
}

pub fn client(app: &App, client_id: &str) -> ApiResult<Client> {
    app.store.client(client_id)?.ok_or_else(|| {
        ApiError::ResourceNotFound(format!("User pool client {client_id} does not exist."))
    })
}

pub fn pool(app: &App, pool_id: &str) -> ApiResult<Pool> {
    app.store
        .pool(pool_id)?
        .ok_or_else(|| ApiError::ResourceNotFound(format!("User pool {pool_id} does not exist.")))
}

/// Checks `SECRET_HASH` for clients with a secret; public clients ignore it, as Cognito does.
pub fn check_secret_hash(client: &Client, username: &str, sent: Option<&str>) -> ApiResult<()> {
    let Some(secret) = &client.config.secret else {
        return Ok(());
    };
    let Some(sent) = sent else {
        return Err(ApiError::NotAuthorized(format!(
            "Client {} is configured with secret but SECRET_HASH was not received",
            client.id
        )));
    };
    let expected = cognito_srp::secret_hash(username, &client.id, secret);
    if bool::from(expected.as_bytes().ct_eq(sent.as_bytes())) {
        Ok(())
    } else {
        Err(ApiError::NotAuthorized(format!(
            "Unable to verify secret hash for client {}",
            client.id
        )))
    }
}

/// Checks `ClientSecret` (GetTokensFromRefreshToken, RevokeToken) for clients with a secret.
pub fn check_client_secret(client: &Client, sent: Option<&str>) -> ApiResult<()> {
    let Some(secret) = &client.config.secret else {
        return Ok(());
    };
    match sent {
        Some(sent) if bool::from(secret.as_bytes().ct_eq(sent.as_bytes())) => Ok(()),
        _ => Err(ApiError::NotAuthorized(format!(
            "Unable to verify secret hash for client {}",
            client.id
        ))),
    }
}

/// A user by username, or by an alias / username attribute the pool allows signing in with.
pub fn find_user(app: &App, pool: &Pool, name: &str) -> ApiResult<Option<User>> {
    if let Some(user) = app.store.user(&pool.id, name)? {
        return Ok(Some(user));
    }
    let by_attribute = pool
        .config
        .username_attributes
        .iter()
        .map(|attribute| (attribute, false))
        .chain(
            pool.config
                .alias_attributes
                .iter()
                .map(|attribute| (attribute, true)),
        );
    for (attribute, must_be_verified) in by_attribute {
        let found = app
            .store
            .users_with_attribute(&pool.id, attribute, name)?
            .into_iter()
            .find(|user| !must_be_verified || user.is_verified(attribute));
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Before `user`'s `attribute` becomes verified: when it is a sign-in alias, no other user may
/// hold it verified. With `force` the alias moves (the other user's copy becomes unverified),
/// as ConfirmSignUp's ForceAliasCreation does.
pub fn claim_alias(
    app: &App,
    pool: &Pool,
    user: &User,
    attribute: &str,
    force: bool,
) -> ApiResult<()> {
    if !pool
        .config
        .alias_attributes
        .iter()
        .any(|alias| alias == attribute)
    {
        return Ok(());
    }
    let Some(value) = user.attribute(attribute) else {
        return Ok(());
    };
    for mut other in app.store.users_with_attribute(&pool.id, attribute, value)? {
        if other.username == user.username || !other.is_verified(attribute) {
            continue;
        }
        if !force {
            let what = if attribute == "phone_number" {
                "phone number"
            } else {
                attribute
            };
            return Err(ApiError::AliasExists(format!(
                "An account with the {what} already exists."
            )));
        }
        other
            .attributes
            .insert(format!("{attribute}_verified"), "false".into());
        other.modified = now();
        app.store.save_user(&other)?;
    }
    Ok(())
}

/// The error for an unknown user: hidden behind the wrong-password message unless the client
/// opted into LEGACY existence errors.
pub fn unknown_user(client: &Client) -> ApiError {
    if client.config.prevent_user_existence_errors == "LEGACY" {
        ApiError::UserNotFound
    } else {
        ApiError::wrong_password()
    }
}

/// Wrong passwords in a row before sign-in is refused for a while.
const FREE_FAILURES: i64 = 5;
/// The first lockout; each further failure doubles it, up to [`MAX_LOCKOUT_SECS`].
const FIRST_LOCKOUT_SECS: i64 = 30;
const MAX_LOCKOUT_SECS: i64 = 15 * 60;

/// Refuses sign-in while the user is locked out.
pub fn check_not_locked(user: &User, now: i64) -> ApiResult<()> {
    if user.locked_until > now {
        Err(ApiError::NotAuthorized("Password attempts exceeded".into()))
    } else {
        Ok(())
    }
}

/// Counts a wrong password and locks the user once they pass the free failures.
pub fn record_failed_login(app: &App, user: &mut User, now: i64) -> ApiResult<ApiError> {
    user.failed_logins += 1;
    if user.failed_logins >= FREE_FAILURES {
        let doublings = (user.failed_logins - FREE_FAILURES).min(10) as u32;
        let lockout = (FIRST_LOCKOUT_SECS << doublings).min(MAX_LOCKOUT_SECS);
        user.locked_until = now + lockout;
    }
    user.modified = now;
    app.store.save_user(user)?;
    Ok(ApiError::wrong_password())
}

/// The user `typed` names, once `given` is their password: unknown users, lockout, disabled users
/// and wrong passwords (counted towards lockout) are refused. Used by USER_PASSWORD_AUTH and by
/// the hosted UI's sign-in page.
pub fn sign_in_with_password(
    app: &App,
    client: &Client,
    pool: &Pool,
    typed: &str,
    given: &str,
) -> ApiResult<User> {
    let mut user = find_user(app, pool, typed)?.ok_or_else(|| unknown_user(client))?;
    let now = now();
    check_not_locked(&user, now)?;
    if !user.enabled {
        return Err(ApiError::NotAuthorized("User is disabled.".into()));
    }
    if !crate::password::matches(&user, &pool.id, given)? {
        return Err(record_failed_login(app, &mut user, now)?);
    }
    record_successful_login(app, &mut user)?;
    Ok(user)
}

pub fn record_successful_login(app: &App, user: &mut User) -> ApiResult<()> {
    if user.failed_logins != 0 || user.locked_until != 0 {
        user.failed_logins = 0;
        user.locked_until = 0;
        app.store.save_user(user)?;
    }
    Ok(())
}

/// The user behind an access token, with the pool, refusing disabled or deleted users.
pub fn signed_in_user(app: &App, access_token: &str) -> ApiResult<(AccessClaims, Pool, User)> {
    let claims = tokens::verify_access_token(app, access_token, now())?;
    let pool = pool(app, claims.pool_id())?;
    let user = app
        .store
        .user(&pool.id, &claims.username)?
        .filter(|user| user.sub == claims.sub)
        .ok_or(ApiError::UserNotFound)?;
    if !user.enabled {
        return Err(ApiError::NotAuthorized("User is disabled.".into()));
    }
    Ok((claims, pool, user))
}

/// Attributes as `[{Name, Value}]`.
pub fn attribute_list(user: &User) -> Value {
    Value::Array(
        user.attributes
            .iter()
            .map(|(name, value)| json!({ "Name": name, "Value": value }))
            .collect(),
    )
}

/// Where a password-reset code can go: the verified email, else the verified phone.
pub fn verified_destination(user: &User) -> Option<(Medium, String)> {
    [Medium::Email, Medium::Sms]
        .into_iter()
        .find(|medium| user.is_verified(medium.attribute()))
        .and_then(|medium| {
            user.attribute(medium.attribute())
                .map(|destination| (medium, destination.to_owned()))
        })
}

/// Codes of one purpose a user may be sent per [`CODE_WINDOW_SECS`].
const MAX_CODES_PER_WINDOW: i64 = 5;
const CODE_WINDOW_SECS: i64 = 15 * 60;

/// Makes, stores and "sends" a code; returns `CodeDeliveryDetails`.
pub fn send_code(
    app: &App,
    user: &User,
    purpose: CodePurpose,
    medium: Medium,
    destination: &str,
) -> ApiResult<Value> {
    // Like Cognito, refuse to send more than a few codes of one kind to one user in a while.
    let recent = app.store.deliveries_since(
        &user.pool_id,
        &user.username,
        purpose.as_str(),
        now() - CODE_WINDOW_SECS,
    )?;
    // MFA codes are exempt: each sign-in needs one.
    if recent >= MAX_CODES_PER_WINDOW && purpose != CodePurpose::SmsMfa {
        return Err(ApiError::LimitExceeded);
    }
    let code = ids::code();
    app.store
        .put_code(&user.pool_id, &user.username, purpose, &code, now())?;
    delivery::deliver(
        app,
        &user.pool_id,
        &user.username,
        medium,
        destination,
        purpose.as_str(),
        &code,
    )?;
    Ok(delivery_details(medium, destination))
}

pub fn delivery_details(medium: Medium, destination: &str) -> Value {
    json!({
        "Destination": delivery::mask(medium, destination),
        "DeliveryMedium": medium.as_str(),
        "AttributeName": medium.attribute(),
    })
}

/// Maps a code check to the errors Cognito gives.
pub fn code_result(check: crate::store::CodeCheck) -> ApiResult<()> {
    use crate::store::CodeCheck;
    match check {
        CodeCheck::Accepted => Ok(()),
        CodeCheck::Mismatch => Err(ApiError::CodeMismatch),
        CodeCheck::Expired => Err(ApiError::ExpiredCode),
        CodeCheck::TooManyFailures => Err(ApiError::TooManyFailedAttempts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{MfaSettings, UserStatus};

    fn user(pool_id: &str) -> User {
        User {
            pool_id: pool_id.to_owned(),
            username: "locked".into(),
            sub: "sub-1".into(),
            status: UserStatus::Confirmed,
            enabled: true,
            salt: vec![1],
            verifier: vec![2],
            attributes: Default::default(),
            mfa: MfaSettings::default(),
            failed_logins: 0,
            locked_until: 0,
            created: 0,
            modified: 0,
        }
    }

    #[test]
    fn lockout_starts_after_five_failures_and_doubles() {
        let (app, defaults) = App::for_tests();
        let mut user = user(&defaults.user_pool_id);
        assert!(app.store.insert_user(&user).unwrap());
        let now = 1_000;
        for _ in 0..4 {
            record_failed_login(&app, &mut user, now).unwrap();
            assert!(check_not_locked(&user, now).is_ok());
        }
        record_failed_login(&app, &mut user, now).unwrap();
        assert_eq!(
            check_not_locked(&user, now).unwrap_err().to_string(),
            "Password attempts exceeded"
        );
        assert!(check_not_locked(&user, now + FIRST_LOCKOUT_SECS).is_ok());
        record_failed_login(&app, &mut user, now).unwrap();
        assert!(check_not_locked(&user, now + FIRST_LOCKOUT_SECS).is_err());
        assert!(check_not_locked(&user, now + 2 * FIRST_LOCKOUT_SECS).is_ok());
        // The count is stored, so a restart does not reset it.
        let stored = app.store.user(&user.pool_id, "locked").unwrap().unwrap();
        assert_eq!(stored.failed_logins, 6);
        record_successful_login(&app, &mut user).unwrap();
        assert_eq!(user.failed_logins, 0);
    }

    #[test]
    fn secret_hash_is_required_only_for_clients_with_a_secret() {
        let (app, defaults) = App::for_tests();
        let mut client = app.store.client(&defaults.client_id).unwrap().unwrap();
        assert!(check_secret_hash(&client, "ann", None).is_ok());
        client.config.secret = Some("s3cret".into());
        assert!(check_secret_hash(&client, "ann", None).is_err());
        let good = cognito_srp::secret_hash("ann", &client.id, "s3cret");
        assert!(check_secret_hash(&client, "ann", Some(&good)).is_ok());
        assert!(check_secret_hash(&client, "bob", Some(&good)).is_err());
    }
}
