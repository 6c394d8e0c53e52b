//! Identity-pool `Logins`: each provider key and token checked (signature, issuer, expiry,
//! audience) and turned into the login it proves. The mocks' tokens are checked here, real
//! providers' in `real_logins` (the same rule as `idp::mock_kind`: a client id the mock knows
//! means the mock).

use std::collections::HashMap;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::idp::{self, MOCK_KINDS};
use crate::jwt::Unverified;
use crate::keys::SigningKey;
use crate::provision::REGION;
use crate::store::IdentityPool;
use crate::tokens;

use super::real_logins;

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

pub(super) fn unsupported() -> ApiError {
    ApiError::NotAuthorized("Token is not from a supported provider of this identity pool.".into())
}

pub(super) fn invalid() -> ApiError {
    ApiError::NotAuthorized(
        "Invalid login token. Not a valid OpenId Connect identity token.".into(),
    )
}

pub(super) fn wrong_audience() -> ApiError {
    ApiError::NotAuthorized("Invalid login token. Incorrect token audience.".into())
}

pub(super) fn check_expiry(parsed: &Unverified<'_>, now: i64) -> ApiResult<()> {
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

/// Which of a provider's tokens a Logins key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    /// An OpenID Connect id token (Google, Apple, OIDC issuers).
    Id,
    /// An OAuth 2.0 access token (Facebook, Login with Amazon).
    Access,
}

impl TokenKind {
    /// The kind the Logins key of `mock` takes.
    fn of_mock(mock: &str) -> Self {
        match mock {
            "facebook" | "amazon" => Self::Access,
            _ => Self::Id,
        }
    }
}

/// A token of the mock `kind`: its signature, issuer and kind (a mock signs its id and access
/// tokens with one key, so only `token_use` tells them apart), then its expiry.
fn mock_token<'a>(app: &App, kind: &str, token: &'a str, now: i64) -> ApiResult<Unverified<'a>> {
    let parsed = Unverified::parse(token).ok_or_else(invalid)?;
    let key = crate::mock_idp::key(app, kind)?;
    let is_access = parsed.str_claim("token_use") == Some("access");
    let right_kind = match TokenKind::of_mock(kind) {
        TokenKind::Id => !is_access,
        TokenKind::Access => is_access,
    };
    if !parsed.signed_by(&key)
        || parsed.str_claim("iss") != Some(idp::mock_issuer(app, kind).as_str())
        || !right_kind
    {
        return Err(invalid());
    }
    check_expiry(&parsed, now)?;
    Ok(parsed)
}

pub(super) fn subject(parsed: &Unverified<'_>) -> ApiResult<String> {
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
        // GetOpenIdToken signs guests' tokens with the same key: only a token that says its
        // identity authenticated proves a login (else a guest would make itself authenticated).
        let authenticated = parsed.claims["amr"]
            .as_array()
            .is_some_and(|amr| amr.iter().any(|method| method == "authenticated"));
        if !authenticated {
            return Err(invalid());
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
        // A client id the mock knows means the mock; any other is a real app, whose tokens
        // the real provider vouches for.
        if !crate::mock_idp::knows_client(app, kind, audience)? {
            let subject = real_logins::social(app, kind, audience, token, now)?;
            return Ok(Login::User {
                provider: provider.to_owned(),
                subject,
            });
        }
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
    // A mock's issuer is checked against the mock's key; any other against the issuer's JWKS.
    let Some(kind) = MOCK_KINDS
        .iter()
        .copied()
        .find(|kind| idp::mock_issuer(app, kind) == issuer)
    else {
        return Ok(Login::User {
            provider: provider.to_owned(),
            subject: real_logins::oidc(app, issuer, token, now)?,
        });
    };
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

    /// A token of mock `kind` with `extra` claims added to a valid id token's.
    fn mock_token_with(app: &App, kind: &str, extra: serde_json::Value) -> String {
        let key = crate::mock_idp::key(app, kind).unwrap();
        let mut claims = json!({
            "iss": idp::mock_issuer(app, kind),
            "sub": "u-1",
            "aud": idp::default_mock_client_id(kind),
            "exp": now() + 60,
        });
        if let (Some(claims), Some(extra)) = (claims.as_object_mut(), extra.as_object()) {
            claims.extend(extra.clone());
        }
        crate::jwt::sign(&key, &claims).unwrap()
    }

    #[test]
    fn access_tokens_are_not_id_tokens_and_id_tokens_are_not_access_tokens() {
        let (app, defaults) = App::for_tests();
        let pool = app.default_identity_pool(&defaults);
        let now = now();
        // Google and Apple logins are id tokens: the mock's access token is refused.
        for (key, kind) in [
            ("accounts.google.com", "google"),
            ("appleid.apple.com", "apple"),
        ] {
            let id = mock_token_with(&app, kind, json!({}));
            assert!(verify_one(&app, &pool, key, &id, now).is_ok(), "{key}");
            let access = mock_token_with(&app, kind, json!({ "token_use": "access" }));
            assert_eq!(
                verify_one(&app, &pool, key, &access, now).unwrap_err(),
                invalid(),
                "{key}"
            );
        }
        // Facebook and Amazon logins are access tokens: an id token of the mock is refused.
        for (key, kind) in [
            ("graph.facebook.com", "facebook"),
            ("www.amazon.com", "amazon"),
        ] {
            let access = mock_token_with(&app, kind, json!({ "token_use": "access" }));
            assert!(verify_one(&app, &pool, key, &access, now).is_ok(), "{key}");
            let id = mock_token_with(&app, kind, json!({}));
            assert_eq!(
                verify_one(&app, &pool, key, &id, now).unwrap_err(),
                invalid(),
                "{key}"
            );
        }
        // OpenID Connect logins are id tokens too.
        let oidc_key = idp::mock_issuer(&app, "oidc")
            .split_once("://")
            .unwrap()
            .1
            .to_owned();
        let id = mock_token_with(&app, "oidc", json!({}));
        assert!(verify_one(&app, &pool, &oidc_key, &id, now).is_ok());
        let access = mock_token_with(&app, "oidc", json!({ "token_use": "access" }));
        assert_eq!(
            verify_one(&app, &pool, &oidc_key, &access, now).unwrap_err(),
            invalid()
        );
    }

    #[test]
    fn mock_google_tokens_are_checked_for_expiry_audience_and_signer() {
        let (app, defaults) = App::for_tests();
        let pool = app.default_identity_pool(&defaults);
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
