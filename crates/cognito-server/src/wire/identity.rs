//! `AWSCognitoIdentityService`: identities (GetId), AWS credentials for them
//! (GetCredentialsForIdentity), and OpenID tokens (GetOpenIdToken,
//! GetOpenIdTokenForDeveloperIdentity).

use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::ids;
use crate::provision::REGION;
use crate::store::{AwsCredentials, Identity, IdentityPool};

use super::input::{or_default, parse, required_str};
use super::logins::{self, IDENTITY_ISSUER, Login};

/// How long minted credentials are valid.
const CREDENTIALS_SECS: i64 = 3600;
/// How long GetOpenIdToken's tokens are valid, as Cognito's.
const OPEN_ID_TOKEN_SECS: i64 = 600;
/// GetOpenIdTokenForDeveloperIdentity's default and longest TokenDuration.
const DEVELOPER_TOKEN_SECS: i64 = 900;
const MAX_TOKEN_SECS: i64 = 86_400;

pub fn identity_pool(app: &App, identity_pool_id: &str) -> ApiResult<IdentityPool> {
    app.store.identity_pool(identity_pool_id)?.ok_or_else(|| {
        ApiError::ResourceNotFound(format!("IdentityPool '{identity_pool_id}' not found."))
    })
}

/// An identity with its pool.
fn identity(app: &App, identity_id: &str) -> ApiResult<(Identity, IdentityPool)> {
    let not_found = || ApiError::ResourceNotFound(format!("Identity '{identity_id}' not found."));
    let identity = app.store.identity(identity_id)?.ok_or_else(not_found)?;
    let pool = app
        .store
        .identity_pool(&identity.identity_pool_id)?
        .ok_or_else(not_found)?;
    Ok((identity, pool))
}

fn unauthenticated_not_allowed() -> ApiError {
    ApiError::NotAuthorized(
        "Unauthenticated access is not supported for this identity pool.".into(),
    )
}

fn logins_do_not_match() -> ApiError {
    ApiError::NotAuthorized(
        "Logins don't match. Please include at least one valid login for this identity or identity pool.".into(),
    )
}

/// The identity for verified logins: the one they are linked to (created on first use), or a
/// new guest identity when there are none.
fn identity_for(app: &App, pool: &IdentityPool, logins: &[Login]) -> ApiResult<String> {
    let now = now();
    for login in logins {
        if let Login::Identity(id) = login {
            let (identity, _) = identity(app, id)?;
            if identity.identity_pool_id != pool.id {
                return Err(logins_do_not_match());
            }
            return Ok(identity.id);
        }
    }
    let new_id = format!("{REGION}:{}", ids::uuid());
    match logins.iter().find_map(|login| login.key(&pool.id)) {
        Some(key) => Ok(app
            .store
            .identity_for_login(&pool.id, &key, &new_id, now)?
            .id),
        None => {
            if !pool.config.allow_unauthenticated {
                return Err(unauthenticated_not_allowed());
            }
            app.store.insert_guest_identity(&pool.id, &new_id, now)?;
            Ok(new_id)
        }
    }
}

/// Whether `logins` entitle the caller to `identity`: a login it is linked to, or none for a
/// guest identity of a pool that allows guests. A guest identity with a new login becomes that
/// login's identity. Returns whether the caller is authenticated.
fn authorize(
    app: &App,
    pool: &IdentityPool,
    identity: &Identity,
    logins: &[Login],
) -> ApiResult<bool> {
    let proven = logins.iter().any(|login| match login {
        Login::Identity(id) => *id == identity.id,
        Login::User { .. } => login.key(&pool.id) == identity.login_key,
    });
    if proven {
        return Ok(true);
    }
    if identity.login_key.is_some() {
        return Err(logins_do_not_match());
    }
    match logins.iter().find_map(|login| login.key(&pool.id)) {
        None if logins.is_empty() => {
            if pool.config.allow_unauthenticated {
                Ok(false)
            } else {
                Err(unauthenticated_not_allowed())
            }
        }
        Some(key)
            if app.store.identity_by_login(&key)?.is_none()
                && app.store.link_identity(&identity.id, &key)? =>
        {
            Ok(true)
        }
        _ => Err(logins_do_not_match()),
    }
}

/// `amr` of an OpenID token.
fn amr(authenticated: bool, logins: &[Login]) -> Vec<String> {
    if !authenticated {
        return vec!["unauthenticated".into()];
    }
    std::iter::once("authenticated".to_owned())
        .chain(logins.iter().map(|login| login.provider().to_owned()))
        .collect()
}

/// An OpenID token for an identity: RS256, issued by cognito-identity, audience the pool.
fn open_id_token(
    app: &App,
    pool_id: &str,
    identity_id: &str,
    amr: Vec<String>,
    lifetime: i64,
) -> ApiResult<String> {
    let now = now();
    let claims = json!({
        "iss": IDENTITY_ISSUER,
        "aud": pool_id,
        "sub": identity_id,
        "amr": amr,
        "iat": now,
        "exp": now + lifetime,
        "https://cognito-identity.amazonaws.com/identity-pool-arn":
            format!("arn:aws:cognito-identity:{REGION}:000000000000:identitypool/{pool_id}"),
    });
    crate::jwt::sign(&*logins::identity_key(app)?, &claims)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetIdInput {
    identity_pool_id: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    logins: HashMap<String, String>,
}

pub fn get_id(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: GetIdInput = parse(body)?;
    let pool = identity_pool(
        app,
        required_str(&input.identity_pool_id, "identityPoolId")?,
    )?;
    let logins = logins::verify(app, &pool, &input.logins, now())?;
    Ok(json!({ "IdentityId": identity_for(app, &pool, &logins)? }))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ForIdentityInput {
    identity_id: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    logins: HashMap<String, String>,
}

/// The identity, its pool, its verified logins and whether they authenticate it.
fn checked_identity(
    app: &App,
    input: &ForIdentityInput,
) -> ApiResult<(Identity, IdentityPool, Vec<Login>, bool)> {
    let (identity, pool) = identity(app, required_str(&input.identity_id, "identityId")?)?;
    let logins = logins::verify(app, &pool, &input.logins, now())?;
    let authenticated = authorize(app, &pool, &identity, &logins)?;
    Ok((identity, pool, logins, authenticated))
}

pub fn get_credentials_for_identity(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ForIdentityInput = parse(body)?;
    let (identity, _, _, authenticated) = checked_identity(app, &input)?;
    let now = now();
    let credentials = AwsCredentials {
        access_key_id: format!("ASIA{}", &ids::access_key_id()[4..]),
        secret: ids::secret_access_key(),
        session_token: STANDARD.encode(ids::bytes(192)),
        identity_id: identity.id.clone(),
        authenticated,
        expires: now + CREDENTIALS_SECS,
    };
    app.store.insert_credentials(&credentials, now)?;
    Ok(json!({
        "IdentityId": identity.id,
        "Credentials": {
            "AccessKeyId": credentials.access_key_id,
            "SecretKey": credentials.secret,
            "SessionToken": credentials.session_token,
            "Expiration": credentials.expires,
        },
    }))
}

pub fn get_open_id_token(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ForIdentityInput = parse(body)?;
    let (identity, pool, logins, authenticated) = checked_identity(app, &input)?;
    let token = open_id_token(
        app,
        &pool.id,
        &identity.id,
        amr(authenticated, &logins),
        OPEN_ID_TOKEN_SECS,
    )?;
    Ok(json!({ "IdentityId": identity.id, "Token": token }))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DeveloperInput {
    identity_pool_id: Option<String>,
    identity_id: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    logins: HashMap<String, String>,
    token_duration: Option<i64>,
}

/// For a trusted back end (SigV4): the identity of one of its own users, created or linked on
/// first use, and an OpenID token that proves it in `Logins` under `cognito-identity.amazonaws.com`.
pub fn get_open_id_token_for_developer_identity(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: DeveloperInput = parse(body)?;
    let pool = identity_pool(
        app,
        required_str(&input.identity_pool_id, "identityPoolId")?,
    )?;
    let lifetime = input.token_duration.unwrap_or(DEVELOPER_TOKEN_SECS);
    if !(1..=MAX_TOKEN_SECS).contains(&lifetime) {
        return Err(ApiError::InvalidParameter(format!(
            "1 validation error detected: Value '{lifetime}' at 'tokenDuration' failed to satisfy constraint: Member must have value between 1 and {MAX_TOKEN_SECS}"
        )));
    }
    if input.logins.is_empty() {
        return Err(ApiError::missing("logins"));
    }
    let developer = pool.config.developer_provider_name.as_deref();
    let now = now();
    let mut verified = Vec::new();
    for (provider, value) in &input.logins {
        if Some(provider.as_str()) == developer {
            if value.is_empty() || value.len() > 1024 {
                return Err(ApiError::InvalidParameter(
                    "The developer user identifier must be 1 to 1024 characters.".into(),
                ));
            }
            verified.push(Login::User {
                provider: provider.clone(),
                subject: value.clone(),
            });
        } else {
            verified.push(logins::verify_one(app, &pool, provider, value, now)?);
        }
    }
    let Some(key) = verified.iter().find_map(|login| login.key(&pool.id)) else {
        return Err(ApiError::InvalidParameter(
            "Logins must name the identity pool's developer provider or another provider.".into(),
        ));
    };
    let identity_id = match input.identity_id.as_deref().filter(|id| !id.is_empty()) {
        None => identity_for(app, &pool, &verified)?,
        Some(id) => {
            let (identity, _) = identity(app, id)?;
            if identity.identity_pool_id != pool.id {
                return Err(ApiError::ResourceNotFound(format!(
                    "Identity '{id}' not found."
                )));
            }
            let linked_elsewhere = app
                .store
                .identity_by_login(&key)?
                .is_some_and(|other| other.id != identity.id);
            let has_other_login = identity
                .login_key
                .as_ref()
                .is_some_and(|existing| *existing != key);
            if linked_elsewhere || has_other_login {
                return Err(ApiError::ResourceConflict(
                    "The login is already linked to another identity.".into(),
                ));
            }
            if identity.login_key.is_none() {
                app.store.link_identity(&identity.id, &key)?;
            }
            identity.id
        }
    };
    let token = open_id_token(app, &pool.id, &identity_id, amr(true, &verified), lifetime)?;
    Ok(json!({ "IdentityId": identity_id, "Token": token }))
}
