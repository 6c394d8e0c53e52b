//! Identity-pool `Logins` of real providers, checked by asking the provider over HTTPS: id tokens
//! against the provider's JWKS (cached), Facebook and Amazon access tokens at the provider's
//! token-inspection endpoints. Each returns the subject the token proves.

use serde_json::Value;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::form;
use crate::jwt::Unverified;
use crate::provider_http::{self, block_on, http, outbound};

use super::logins::{check_expiry, invalid, subject, wrong_audience};

/// The issuer and JWKS of the real providers whose logins are id tokens.
fn id_token_provider(kind: &str) -> Option<(&'static str, &'static str)> {
    match kind {
        "google" => Some((
            "https://accounts.google.com",
            "https://www.googleapis.com/oauth2/v3/certs",
        )),
        "apple" => Some((
            "https://appleid.apple.com",
            "https://appleid.apple.com/auth/keys",
        )),
        _ => None,
    }
}

fn unreachable(why: String) -> ApiError {
    ApiError::ExternalService(format!("The identity provider could not be reached: {why}"))
}

/// A login of the real provider behind mock `kind`, for the app `audience` (the client or app
/// id the identity pool is configured with).
pub fn social(app: &App, kind: &str, audience: &str, token: &str, now: i64) -> ApiResult<String> {
    if let Some((issuer, jwks_uri)) = id_token_provider(kind) {
        let parsed = Unverified::parse(token).ok_or_else(invalid)?;
        check_claims(&parsed, issuer, now, |parsed| parsed.has_audience(audience))?;
        block_on(check_signature(app, &parsed, jwks_uri))??;
        return subject(&parsed);
    }
    match kind {
        "facebook" => block_on(facebook(app, audience, token))?,
        "amazon" => block_on(amazon(app, audience, token))?,
        _ => Err(invalid()),
    }
}

/// A login of a real OpenID Connect `issuer`: its keys come from its discovery document. The
/// token must be for a client id that an OIDC identity provider with this issuer is configured
/// with (the local stand-in for the client ids of an IAM OIDC provider).
pub fn oidc(app: &App, issuer: &str, token: &str, now: i64) -> ApiResult<String> {
    if !issuer.starts_with("https://") {
        return Err(invalid());
    }
    let clients: Vec<String> = app
        .store
        .all_identity_providers()?
        .into_iter()
        .filter(|provider| provider.provider_type == "OIDC")
        .filter(|provider| {
            provider
                .details
                .get("oidc_issuer")
                .is_some_and(|configured| {
                    configured.trim_end_matches('/') == issuer.trim_end_matches('/')
                })
        })
        .filter_map(|provider| provider.details.get("client_id").cloned())
        .collect();
    let parsed = Unverified::parse(token).ok_or_else(invalid)?;
    check_claims(&parsed, issuer, now, |parsed| {
        clients.iter().any(|client| parsed.has_audience(client))
    })?;
    block_on(async {
        let discovery = provider_http::discovery(app, issuer)
            .await
            .map_err(unreachable)?;
        let jwks_uri = discovery["jwks_uri"]
            .as_str()
            .ok_or_else(|| unreachable("the discovery document names no jwks_uri".into()))?;
        check_signature(app, &parsed, jwks_uri).await
    })??;
    subject(&parsed)
}

/// The checks of an id token that need no network, made first: for an accepted audience, from
/// `issuer` (with or without the scheme, as Google writes it), unexpired.
fn check_claims(
    parsed: &Unverified<'_>,
    issuer: &str,
    now: i64,
    audience_ok: impl Fn(&Unverified<'_>) -> bool,
) -> ApiResult<()> {
    if !audience_ok(parsed) {
        return Err(wrong_audience());
    }
    let bare = issuer.trim_start_matches("https://");
    let from_issuer = parsed
        .str_claim("iss")
        .map(|iss| iss.trim_end_matches('/'))
        .is_some_and(|iss| iss == issuer || iss == bare);
    if !from_issuer {
        return Err(invalid());
    }
    check_expiry(parsed, now)
}

/// Whether a key of the provider's JWKS (cached) made the id token's signature.
async fn check_signature(app: &App, parsed: &Unverified<'_>, jwks_uri: &str) -> ApiResult<()> {
    let jwks = provider_http::cached_json(app, jwks_uri, "JWKS")
        .await
        .map_err(unreachable)?;
    if parsed.signed_by_jwks(&jwks) {
        Ok(())
    } else {
        Err(invalid())
    }
}

/// GETs a token-inspection URL: the provider refusing the token is an invalid login, not
/// reaching it an external-service error.
async fn inspect(app: &App, url: &str) -> ApiResult<Value> {
    let response = http()?
        .get(outbound(app, url))
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|error| unreachable(error.to_string()))?;
    let status = response.status();
    if status.is_client_error() {
        return Err(invalid());
    }
    if !status.is_success() {
        return Err(unreachable(format!("it answered {status}")));
    }
    response
        .json()
        .await
        .map_err(|_| unreachable("it did not answer JSON".into()))
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) if !text.is_empty() => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Facebook: the token's app (`/app`) must be `app_id`; the user is `/me`'s `id`. (debug_token
/// would need the app secret, which identity pools do not have.)
async fn facebook(app: &App, app_id: &str, token: &str) -> ApiResult<String> {
    let token = form::encode(token);
    let owner = inspect(
        app,
        &format!("https://graph.facebook.com/app?access_token={token}"),
    )
    .await?;
    if text(&owner["id"]).as_deref() != Some(app_id) {
        return Err(wrong_audience());
    }
    let me = inspect(
        app,
        &format!("https://graph.facebook.com/me?fields=id&access_token={token}"),
    )
    .await?;
    text(&me["id"]).ok_or_else(invalid)
}

/// Login with Amazon: tokeninfo's `aud` must be `client_id`; the user is its `user_id`.
async fn amazon(app: &App, client_id: &str, token: &str) -> ApiResult<String> {
    let info = inspect(
        app,
        &format!(
            "https://api.amazon.com/auth/o2/tokeninfo?access_token={}",
            form::encode(token)
        ),
    )
    .await?;
    if text(&info["aud"]).as_deref() != Some(client_id) {
        return Err(wrong_audience());
    }
    text(&info["user_id"]).ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use serde_json::json;

    use super::super::logins::{Login, unsupported, verify_one};
    use super::*;
    use crate::clock::now;
    use crate::idp;
    use crate::provider_http::fake;
    use crate::store::{IdentityPool, IdentityProvider};

    /// Runs `verify_one` where the server runs it: on a blocking thread.
    async fn check(
        app: &Arc<App>,
        pool: &IdentityPool,
        key: &str,
        token: &str,
    ) -> ApiResult<Login> {
        let (app, pool, key, token) = (app.clone(), pool.clone(), key.to_owned(), token.to_owned());
        tokio::task::spawn_blocking(move || verify_one(&app, &pool, &key, &token, now()))
            .await
            .unwrap()
    }

    fn user(provider: &str, subject: &str) -> Login {
        Login::User {
            provider: provider.into(),
            subject: subject.into(),
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn real_providers_are_asked_and_mock_client_ids_still_use_the_mocks() {
        let (mut app, defaults) = App::for_tests();
        let google = app.keys.named(&app.store, "fake-google").unwrap();
        let issuer_key = app.keys.named(&app.store, "fake-oidc").unwrap();
        let answers = fake::Answers::default();
        let jwks = |key: &crate::keys::SigningKey| json!({ "keys": [key.jwk()] });
        fake::answer(
            &answers,
            "www.googleapis.com/oauth2/v3/certs",
            200,
            jwks(&google),
        );
        fake::answer(
            &answers,
            "login.example.com/.well-known/openid-configuration",
            200,
            json!({ "issuer": "https://login.example.com", "jwks_uri": "https://login.example.com/keys" }),
        );
        fake::answer(&answers, "login.example.com/keys", 200, jwks(&issuer_key));
        for (token, app_id, user_id) in [
            ("fb-good", "fb-app", "10001"),
            ("fb-other", "another-app", "10002"),
        ] {
            fake::answer(
                &answers,
                &format!("graph.facebook.com/app?access_token={token}"),
                200,
                json!({ "id": app_id }),
            );
            fake::answer(
                &answers,
                &format!("graph.facebook.com/me?fields=id&access_token={token}"),
                200,
                json!({ "id": user_id }),
            );
        }
        fake::answer(
            &answers,
            "graph.facebook.com/app",
            400,
            json!({ "error": { "code": 190 } }),
        );
        fake::answer(
            &answers,
            "api.amazon.com/auth/o2/tokeninfo?access_token=amzn-good",
            200,
            json!({ "aud": "amzn-app", "user_id": "amzn1.account.R1" }),
        );
        fake::answer(
            &answers,
            "api.amazon.com/auth/o2/tokeninfo?access_token=amzn-other",
            200,
            json!({ "aud": "another-app", "user_id": "amzn1.account.R2" }),
        );
        fake::answer(
            &answers,
            "api.amazon.com/auth/o2/tokeninfo",
            400,
            json!({ "error": "invalid_token" }),
        );
        app.provider_base = Some(fake::serve(answers).await);
        let app = Arc::new(app);
        let mut pool = app.default_identity_pool(&defaults);
        let sign = |key: &crate::keys::SigningKey, iss: &str, aud: &str, exp: i64| {
            crate::jwt::sign(
                key,
                &json!({ "iss": iss, "sub": "s-1", "aud": aud, "exp": exp }),
            )
            .unwrap()
        };
        let mock = crate::mock_idp::key(&app, "google").unwrap();
        let mock_client = idp::default_mock_client_id("google");

        // The pool's client is the mock's: the mock's key decides, the real JWKS is not used.
        let mock_token = sign(
            &mock,
            &idp::mock_issuer(&app, "google"),
            &mock_client,
            now() + 60,
        );
        assert_eq!(
            check(&app, &pool, "accounts.google.com", &mock_token).await,
            Ok(user("accounts.google.com", "s-1"))
        );
        let real_token = sign(
            &google,
            "https://accounts.google.com",
            &mock_client,
            now() + 60,
        );
        assert_eq!(
            check(&app, &pool, "accounts.google.com", &real_token).await,
            Err(invalid())
        );

        // Real app ids: each provider is asked.
        let logins = &mut pool.config.supported_login_providers;
        logins.insert(
            "accounts.google.com".into(),
            "real.apps.googleusercontent.com".into(),
        );
        logins.insert("graph.facebook.com".into(), "fb-app".into());
        logins.insert("www.amazon.com".into(), "amzn-app".into());
        let google_key = "accounts.google.com";
        let good = sign(
            &google,
            "accounts.google.com",
            "real.apps.googleusercontent.com",
            now() + 60,
        );
        assert_eq!(
            check(&app, &pool, google_key, &good).await,
            Ok(user(google_key, "s-1"))
        );
        let other_app = sign(
            &google,
            "https://accounts.google.com",
            "someone-else",
            now() + 60,
        );
        assert_eq!(
            check(&app, &pool, google_key, &other_app).await,
            Err(wrong_audience())
        );
        let expired = sign(
            &google,
            "https://accounts.google.com",
            "real.apps.googleusercontent.com",
            now() - 1,
        );
        let error = check(&app, &pool, google_key, &expired).await.unwrap_err();
        assert!(error.to_string().contains("Token expired"), "{error}");
        let forged = sign(
            &mock,
            "https://accounts.google.com",
            "real.apps.googleusercontent.com",
            now() + 60,
        );
        assert_eq!(
            check(&app, &pool, google_key, &forged).await,
            Err(invalid())
        );
        let wrong_issuer = sign(
            &google,
            "https://evil.example.com",
            "real.apps.googleusercontent.com",
            now() + 60,
        );
        assert_eq!(
            check(&app, &pool, google_key, &wrong_issuer).await,
            Err(invalid())
        );

        assert_eq!(
            check(&app, &pool, "graph.facebook.com", "fb-good").await,
            Ok(user("graph.facebook.com", "10001"))
        );
        assert_eq!(
            check(&app, &pool, "graph.facebook.com", "fb-other").await,
            Err(wrong_audience())
        );
        assert_eq!(
            check(&app, &pool, "graph.facebook.com", "fb-bad").await,
            Err(invalid())
        );
        assert_eq!(
            check(&app, &pool, "www.amazon.com", "amzn-good").await,
            Ok(user("www.amazon.com", "amzn1.account.R1"))
        );
        assert_eq!(
            check(&app, &pool, "www.amazon.com", "amzn-other").await,
            Err(wrong_audience())
        );
        assert_eq!(
            check(&app, &pool, "www.amazon.com", "amzn-bad").await,
            Err(invalid())
        );

        // A real OpenID issuer: keys from its discovery document, audience from the user pool's
        // OIDC provider with that issuer.
        let oidc = sign(
            &issuer_key,
            "https://login.example.com",
            "oidc-app",
            now() + 60,
        );
        assert_eq!(
            check(&app, &pool, "login.example.com", &oidc).await,
            Err(unsupported())
        );
        pool.config
            .open_id_connect_provider_arns
            .push("arn:aws:iam::000000000000:oidc-provider/login.example.com".into());
        assert_eq!(
            check(&app, &pool, "login.example.com", &oidc).await,
            Err(wrong_audience())
        );
        app.store
            .insert_identity_provider(&IdentityProvider {
                pool_id: defaults.user_pool_id.clone(),
                name: "Example".into(),
                provider_type: "OIDC".into(),
                details: BTreeMap::from([
                    ("client_id".to_owned(), "oidc-app".to_owned()),
                    (
                        "oidc_issuer".to_owned(),
                        "https://login.example.com".to_owned(),
                    ),
                ]),
                attribute_mapping: BTreeMap::new(),
                idp_identifiers: Vec::new(),
                created: 0,
                modified: 0,
            })
            .unwrap();
        assert_eq!(
            check(&app, &pool, "login.example.com", &oidc).await,
            Ok(user("login.example.com", "s-1"))
        );
        let forged = sign(&google, "https://login.example.com", "oidc-app", now() + 60);
        assert_eq!(
            check(&app, &pool, "login.example.com", &forged).await,
            Err(invalid())
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_unreachable_provider_is_an_external_service_error() {
        let (mut app, defaults) = App::for_tests();
        // Nothing answers: every path is a 404.
        app.provider_base = Some(fake::serve(fake::Answers::default()).await);
        let app = Arc::new(app);
        let mut pool = app.default_identity_pool(&defaults);
        pool.config
            .supported_login_providers
            .insert("appleid.apple.com".into(), "com.example.app".into());
        let key = crate::mock_idp::key(&app, "apple").unwrap();
        let token = crate::jwt::sign(
            &key,
            &json!({ "iss": "https://appleid.apple.com", "sub": "a", "aud": "com.example.app", "exp": now() + 60 }),
        )
        .unwrap();
        let error = check(&app, &pool, "appleid.apple.com", &token)
            .await
            .unwrap_err();
        assert_eq!(error.type_name(), "ExternalServiceException", "{error}");
    }
}
