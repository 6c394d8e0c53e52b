//! `AWSCognitoIdentityService`: GetId and GetCredentialsForIdentity for the default identity pool,
//! enough for Amplify's `fetchAuthSession` to get (locally useless, well-formed) AWS credentials.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::bootstrap;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::ids;
use crate::provision::REGION;
use crate::tokens;

use super::input::{or_default, parse, required_str};

/// How long handed-out credentials claim to be valid.
const CREDENTIALS_SECS: i64 = 3600;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetIdInput {
    identity_pool_id: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    logins: HashMap<String, String>,
}

fn check_pool(app: &App, identity_pool_id: &str) -> ApiResult<()> {
    if bootstrap::identity_pool_id(app)?.as_deref() == Some(identity_pool_id) {
        Ok(())
    } else {
        Err(ApiError::ResourceNotFound(format!(
            "IdentityPool '{identity_pool_id}' not found."
        )))
    }
}

/// Turns `Logins` into one `provider:subject` key, checking each token. Only this server's user
/// pools are supported providers; their key is the id token's issuer without the scheme (what
/// Amplify sends) or the AWS form `cognito-idp.<region>.amazonaws.com/<poolId>`.
fn login_key(app: &App, logins: &HashMap<String, String>) -> ApiResult<Option<String>> {
    let mut keys = Vec::new();
    for (provider, token) in logins {
        let (pool_id, claims) = tokens::verify_id_token(app, token, now())?;
        let issuer = app.issuer(&pool_id);
        let ours = issuer
            .split_once("://")
            .map_or(issuer.as_str(), |(_, rest)| rest);
        let aws_form = format!("cognito-idp.{REGION}.amazonaws.com/{pool_id}");
        if provider != ours && *provider != aws_form {
            return Err(ApiError::NotAuthorized(
                "Token is not from a supported provider of this identity pool.".into(),
            ));
        }
        keys.push(format!("{pool_id}:{}", claims.sub));
    }
    keys.sort();
    Ok(keys.into_iter().next())
}

pub fn get_id(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: GetIdInput = parse(body)?;
    let pool_id = required_str(&input.identity_pool_id, "identityPoolId")?;
    check_pool(app, pool_id)?;
    let id = format!("{REGION}:{}", ids::uuid());
    let identity_id = match login_key(app, &input.logins)? {
        Some(key) => app.store.identity_for_login(pool_id, &key, &id, now())?.id,
        None => {
            app.store.insert_guest_identity(pool_id, &id, now())?;
            id
        }
    };
    Ok(json!({ "IdentityId": identity_id }))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CredentialsInput {
    identity_id: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    logins: HashMap<String, String>,
}

pub fn get_credentials_for_identity(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: CredentialsInput = parse(body)?;
    let identity_id = required_str(&input.identity_id, "identityId")?;
    let identity = app.store.identity(identity_id)?.ok_or_else(|| {
        ApiError::ResourceNotFound(format!("Identity '{identity_id}' not found."))
    })?;
    // An authenticated identity only gets credentials with a current login for it.
    if let Some(expected) = &identity.login_key
        && login_key(app, &input.logins)?.as_ref() != Some(expected)
    {
        return Err(ApiError::NotAuthorized(
            "Logins don't match. Please include at least one valid login for this identity or identity pool.".into(),
        ));
    }
    Ok(json!({
        "IdentityId": identity.id,
        "Credentials": {
            "AccessKeyId": format!("ASIA{}", &ids::access_key_id()[4..]),
            "SecretKey": ids::secret_access_key(),
            "SessionToken": ids::secret_access_key().repeat(4),
            "Expiration": now() + CREDENTIALS_SECS,
        },
    }))
}
