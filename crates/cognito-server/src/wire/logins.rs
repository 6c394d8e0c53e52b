//! Identity-pool `Logins`: each provider key and token checked (signature, issuer, expiry,
//! audience) and turned into the login it proves.

use std::collections::HashMap;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::idp::{self, MOCK_KINDS};
use crate::jwt::Unverified;
use crate::keys::SigningKey;
use crate::provision::REGION;
use crate::store::IdentityPool;
use crate::tokens;

/// The `Logins` key of developer-authenticated identities (tokens from
/// GetOpenIdTokenForDeveloperIdentity).
pub const DEVELOPER_LOGINS_KEY: &str = "cognito-identity.amazonaws.com";
/// The issuer of identity pools' OpenID tokens.
pub const IDENTITY_ISSUER: &str = "https://cognito-identity.amazonaws.com";

/// What a verified login proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Login {
    /// A user of a provider: `provider` is the canonical Logins key.
    User { provider: String, subject: String },
    /// An identity of this pool, proven by one of our OpenID tokens.
    Identity(String),
}

impl Login {
    /// The key the identity of this login is stored under; `None` for [`Login::Identity`].
    pub fn key(&self, identity_pool_id: &str) -> Option<String> {
        match self {
            Self::User { provider, subject } => {
                Some(format!("{identity_pool_id}#{provider}|{subject}"))
            }
            Self::Identity(_) => None,
        }
    }

    /// The provider, as it appears in `amr`.
    pub fn provider(&self) -> &str {
        match self {
            Self::User { provider, .. } => provider,
            Self::Identity(_) => DEVELOPER_LOGINS_KEY,
        }
    }
}

/// The key that signs identity pools' OpenID tokens.
pub fn identity_key(app: &App) -> ApiResult<std::sync::Arc<SigningKey>> {
    app.keys.named(&app.store, "cognito-identity")
}

fn unsupported() -> ApiError {
    ApiError::NotAuthorized("Token is not from a supported provider of this identity pool.".into())
}

fn invalid() -> ApiError {
    ApiError::NotAuthorized(
        "Invalid login token. Not a valid OpenId Connect identity token.".into(),
    )
}

fn wrong_audience() -> ApiError {
    ApiError::NotAuthorized("Invalid login token. Incorrect token audience.".into())
}

fn check_expiry(parsed: &Unverified<'_>, now: i64) -> ApiResult<()> {
    if parsed.exp() <= now {
        return Err(ApiError::NotAuthorized(format!(
            "Invalid login token. Token expired: {now} >= {}",
            parsed.exp()
        )));
    }
    Ok(())
}

/// Verifies every login; the result is sorted, so the same logins always give the same order.
pub fn verify(
    app: &App,
    pool: &IdentityPool,
    logins: &HashMap<String, String>,
    now: i64,
) -> ApiResult<Vec<Login>> {
    let mut verified = logins
        .iter()
        .map(|(provider, token)| verify_one(app, pool, provider, token, now))
        .collect::<ApiResult<Vec<_>>>()?;
    verified.sort_by(|a, b| (a.provider(), a.key(&pool.id)).cmp(&(b.provider(), b.key(&pool.id))));
    Ok(verified)
}

/// The user pool a Logins key names: `cognito-idp.<region>.amazonaws.com/<pool>` or this
/// server's issuer without the scheme (what Amplify derives from the id token's `iss`).
fn user_pool_of(app: &App, key: &str) -> Option<String> {
    let ours = app
        .base_url
        .split_once("://")
        .map_or(app.base_url.as_str(), |(_, rest)| rest);
    let pool_id = key
        .strip_prefix(&format!("cognito-idp.{REGION}.amazonaws.com/"))
        .or_else(|| key.strip_prefix(ours)?.strip_prefix('/'))?;
    (pool_id.starts_with(&format!("{REGION}_")) && !pool_id.contains('/'))
        .then(|| pool_id.to_owned())
}

/// The social provider a well-known Logins key stands for, by mock kind.
fn social_kind(key: &str) -> Option<&'static str> {
    match key {
        "accounts.google.com" => Some("google"),
        "graph.facebook.com" => Some("facebook"),
        "www.amazon.com" => Some("amazon"),
        "appleid.apple.com" => Some("apple"),
        _ => None,
    }
}

/// A token of the mock `kind`: its signature and issuer, then its expiry.
fn mock_token<'a>(app: &App, kind: &str, token: &'a str, now: i64) -> ApiResult<Unverified<'a>> {
    let parsed = Unverified::parse(token).ok_or_else(invalid)?;
    let key = crate::mock_idp::key(app, kind)?;
    if !parsed.signed_by(&key)
        || parsed.str_claim("iss") != Some(idp::mock_issuer(app, kind).as_str())
    {
        return Err(invalid());
    }
    check_expiry(&parsed, now)?;
    Ok(parsed)
}

fn subject(parsed: &Unverified<'_>) -> ApiResult<String> {
    parsed
        .str_claim("sub")
        .filter(|sub| !sub.is_empty())
        .map(str::to_owned)
        .ok_or_else(invalid)
}

/// Verifies one `provider: token` entry of `Logins`.
pub fn verify_one(
    app: &App,
    pool: &IdentityPool,
    provider: &str,
    token: &str,
    now: i64,
) -> ApiResult<Login> {
    if provider == DEVELOPER_LOGINS_KEY {
        let parsed = Unverified::parse(token).ok_or_else(invalid)?;
        if !parsed.signed_by(&*identity_key(app)?)
            || parsed.str_claim("iss") != Some(IDENTITY_ISSUER)
        {
            return Err(invalid());
        }
        check_expiry(&parsed, now)?;
        if !parsed.has_audience(&pool.id) {
            return Err(wrong_audience());
        }
        return Ok(Login::Identity(subject(&parsed)?));
    }
    if let Some(user_pool_id) = user_pool_of(app, provider) {
        let configured = pool
            .config
            .cognito_identity_providers
            .iter()
            .find(|entry| user_pool_of(app, &entry.provider_name).as_ref() == Some(&user_pool_id))
            .ok_or_else(unsupported)?;
        let (token_pool, claims) = tokens::verify_id_token(app, token, now)?;
        if token_pool != user_pool_id {
            return Err(invalid());
        }
        if !configured.client_id.is_empty() && claims.aud != configured.client_id {
            return Err(wrong_audience());
        }
        return Ok(Login::User {
            provider: format!("cognito-idp.{REGION}.amazonaws.com/{user_pool_id}"),
            subject: claims.sub,
        });
    }
    if let Some(kind) = social_kind(provider) {
        let audience = pool
            .config
            .supported_login_providers
            .get(provider)
            .ok_or_else(unsupported)?;
        // Google and Apple logins are id tokens, Facebook and Amazon ones access tokens; the
        // mock's both name the app they were issued to in `aud`.
        let parsed = mock_token(app, kind, token, now)?;
        if !parsed.has_audience(audience) {
            return Err(wrong_audience());
        }
        return Ok(Login::User {
            provider: provider.to_owned(),
            subject: subject(&parsed)?,
        });
    }
    let is_oidc = pool.config.open_id_connect_provider_arns.iter().any(|arn| {
        arn.split_once(":oidc-provider/")
            .is_some_and(|(_, host)| host == provider)
    });
    if !is_oidc {
        return Err(unsupported());
    }
    let parsed = Unverified::parse(token).ok_or_else(invalid)?;
    let issuer = parsed.str_claim("iss").ok_or_else(invalid)?;
    let without_scheme = issuer.split_once("://").map_or(issuer, |(_, rest)| rest);
    if without_scheme.trim_end_matches('/') != provider {
        return Err(invalid());
    }
    // Offline, only the built-in providers' keys are known.
    let kind = MOCK_KINDS
        .iter()
        .copied()
        .find(|kind| idp::mock_issuer(app, kind) == issuer)
        .ok_or_else(|| {
            ApiError::NotAuthorized(format!(
                "Invalid login token. This server cannot check tokens of {issuer}."
            ))
        })?;
    let parsed = mock_token(app, kind, token, now)?;
    let audience_known = match &parsed.claims["aud"] {
        serde_json::Value::String(aud) => crate::mock_idp::knows_client(app, kind, aud)?,
        _ => false,
    };
    if !audience_known {
        return Err(wrong_audience());
    }
    Ok(Login::User {
        provider: provider.to_owned(),
        subject: subject(&parsed)?,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::clock::now;

    fn google_token(app: &App, aud: &str, exp: i64) -> String {
        let key = crate::mock_idp::key(app, "google").unwrap();
        crate::jwt::sign(
            &key,
            &json!({ "iss": idp::mock_issuer(app, "google"), "sub": "g-1", "aud": aud, "exp": exp }),
        )
        .unwrap()
    }

    #[test]
    fn mock_google_tokens_are_checked_for_expiry_audience_and_signer() {
        let (app, defaults) = App::for_tests();
        let pool = app
            .store
            .identity_pool(&defaults.identity_pool_id)
            .unwrap()
            .unwrap();
        let now = now();
        let client = idp::default_mock_client_id("google");
        let good = google_token(&app, &client, now + 60);
        assert_eq!(
            verify_one(&app, &pool, "accounts.google.com", &good, now).unwrap(),
            Login::User {
                provider: "accounts.google.com".into(),
                subject: "g-1".into()
            }
        );
        let expired = google_token(&app, &client, now - 1);
        let message = verify_one(&app, &pool, "accounts.google.com", &expired, now)
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with("Invalid login token. Token expired: "),
            "{message}"
        );
        let other_app = google_token(&app, "someone-else", now + 60);
        assert_eq!(
            verify_one(&app, &pool, "accounts.google.com", &other_app, now).unwrap_err(),
            wrong_audience()
        );
        // A Google token under the Facebook key: not signed by Facebook's key.
        assert_eq!(
            verify_one(&app, &pool, "graph.facebook.com", &good, now).unwrap_err(),
            invalid()
        );
        assert_eq!(
            verify_one(&app, &pool, "api.twitter.com", &good, now).unwrap_err(),
            unsupported()
        );
    }
}
