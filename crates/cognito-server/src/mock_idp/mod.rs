//! Built-in stand-ins for Google, Facebook, Login with Amazon, Sign in with Apple and a generic
//! OpenID Connect provider, under `/_mock/{kind}/`. Each signs its tokens with its own RSA key,
//! so federated sign-in runs the real redirect and back-channel dance on loopback.

mod authorize;
mod endpoints;

use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;
use sha2::{Digest as _, Sha256};

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::idp::{self, MOCK_KINDS};
use crate::keys::SigningKey;

/// How long the mock's codes live, as Cognito's own.
const CODE_SECS: i64 = 5 * 60;
/// How long the mock's tokens live.
const TOKEN_SECS: i64 = 3600;

/// The routes of every mock provider.
pub fn router() -> Router<Arc<App>> {
    Router::new()
        .route(
            "/_mock/{kind}/.well-known/openid-configuration",
            get(endpoints::discovery),
        )
        .route("/_mock/{kind}/jwks.json", get(endpoints::jwks))
        .route(
            "/_mock/{kind}/authorize",
            get(authorize::page).post(authorize::submit),
        )
        .route("/_mock/{kind}/token", post(endpoints::token))
        .route(
            "/_mock/{kind}/userinfo",
            get(endpoints::userinfo).post(endpoints::userinfo),
        )
}

/// The kind named in the path, if it is one of ours.
fn kind(segment: &str) -> Option<&'static str> {
    MOCK_KINDS.iter().copied().find(|kind| *kind == segment)
}

/// What a page or endpoint says about an unknown kind.
fn unknown_kind() -> Response {
    (StatusCode::NOT_FOUND, "Not Found").into_response()
}

/// The signing key of a mock (generated on first use).
pub fn key(app: &App, kind: &str) -> ApiResult<Arc<SigningKey>> {
    app.keys.named(&app.store, &format!("mock-idp-{kind}"))
}

/// The secret a mock expects from `client_id`: `Some(Some(secret))` for a client it knows with a
/// secret, `Some(None)` for one it knows whose secret it cannot check (Apple's client secret is a
/// JWT signed with the developer's own key), `None` for a client it does not know.
///
/// A mock knows its default client and every client id configured in an identity provider of
/// any pool whose token endpoint is this mock.
fn client_secret(app: &App, kind: &str, client_id: &str) -> ApiResult<Option<Option<String>>> {
    if client_id == idp::default_mock_client_id(kind) {
        return Ok(Some(Some(idp::default_mock_client_secret(kind))));
    }
    for provider in app.store.all_identity_providers()? {
        if provider.details.get("client_id").map(String::as_str) != Some(client_id) {
            continue;
        }
        let Ok(endpoints) = idp::endpoints(app, &provider) else {
            continue;
        };
        if endpoints.mock == Some(kind) {
            return Ok(Some(provider.details.get("client_secret").cloned()));
        }
    }
    Ok(None)
}

/// Whether the mock `kind` knows `client_id` (tokens issued to it are for a real client).
pub fn knows_client(app: &App, kind: &str, client_id: &str) -> ApiResult<bool> {
    Ok(client_secret(app, kind, client_id)?.is_some())
}

/// A person signing in at a mock.
#[derive(Debug, Clone)]
struct Person {
    subject: String,
    email: String,
    name: String,
}

impl Person {
    /// The same email always gets the same subject at one kind of provider, in its style.
    fn new(kind: &str, email: &str, name: &str) -> Self {
        let digest = Sha256::digest(format!("{kind}:{}", email.to_lowercase()).as_bytes());
        let digits = |count: usize| -> String {
            digest
                .iter()
                .take(count)
                .map(|byte| char::from(b'0' + byte % 10))
                .collect()
        };
        let hex = hex::encode(digest);
        let subject = match kind {
            "google" => format!("1{}", digits(20)),
            "facebook" => format!("10{}", digits(15)),
            "amazon" => format!("amzn1.account.{}", hex[..26].to_uppercase()),
            "apple" => format!("000{}.{}.{}", digits(3), &hex[..32], digits(4)),
            _ => hex[..32].to_owned(),
        };
        Self {
            subject,
            email: email.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// The users every sign-in page offers.
const PRESETS: &[(&str, &str)] = &[
    ("Alice Liddell", "alice@example.com"),
    ("Bob Marley", "bob@example.com"),
    ("Carol Danvers", "carol@example.com"),
];

/// An OpenID Connect id token from the mock `kind` for `client_id`.
fn id_token(
    app: &App,
    kind: &str,
    client_id: &str,
    person: &Person,
    nonce: Option<&str>,
    now: i64,
) -> ApiResult<String> {
    let mut claims = json!({
        "iss": idp::mock_issuer(app, kind),
        "sub": person.subject,
        "aud": client_id,
        "azp": client_id,
        "iat": now,
        "auth_time": now,
        "exp": now + TOKEN_SECS,
        "email": person.email,
        "email_verified": true,
        "name": person.name,
    });
    if let Some(nonce) = nonce {
        claims["nonce"] = json!(nonce);
    }
    crate::jwt::sign(&*key(app, kind)?, &claims)
}

/// An access token: a JWT too, so identity pools can check Facebook and Amazon logins offline.
fn access_token(
    app: &App,
    kind: &str,
    client_id: &str,
    person: &Person,
    scope: &str,
    now: i64,
) -> ApiResult<String> {
    let claims = json!({
        "iss": idp::mock_issuer(app, kind),
        "sub": person.subject,
        "aud": client_id,
        "iat": now,
        "exp": now + TOKEN_SECS,
        "scope": scope,
        "token_use": "access",
        "email": person.email,
        "name": person.name,
    });
    crate::jwt::sign(&*key(app, kind)?, &claims)
}

/// Runs blocking work (keys, storage) off the async threads; the SAML mock shares it.
pub(crate) async fn blocking<T: Send + 'static>(
    app: Arc<App>,
    work: impl FnOnce(&App) -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(move || work(&app))
        .await
        .unwrap_or_else(|_| Err(ApiError::InternalError("The request failed.".into())))
}

/// The mock pages' own cookie `name` (their CSRF token), if the browser sent a non-empty one.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == name && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

/// The longest email or name a mock sign-in form takes.
const MAX_FIELD_CHARS: usize = 256;

/// The email and name a mock provider's form sent (trimmed), checked; an empty name becomes the
/// email's local part. The error is the message the page shows.
pub(crate) fn signer(email: String, name: String) -> Result<(String, String), &'static str> {
    let valid_email = email.len() > 2
        && email.chars().count() <= MAX_FIELD_CHARS
        && email.contains('@')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !valid_email || name.chars().count() > MAX_FIELD_CHARS || name.chars().any(char::is_control)
    {
        return Err("Enter a valid email address and a name of at most 256 characters.");
    }
    let name = if name.is_empty() {
        email.split('@').next().unwrap_or_default().to_owned()
    } else {
        name
    };
    Ok((email, name))
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    crate::markup::escape(text, "&#x27;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_stable_per_kind_and_email() {
        let a = Person::new("google", "Ann@Example.com", "Ann");
        let b = Person::new("google", "ann@example.com", "Other");
        assert_eq!(a.subject, b.subject);
        assert_eq!(a.subject.len(), 21);
        assert_ne!(
            a.subject,
            Person::new("oidc", "ann@example.com", "Ann").subject
        );
        assert!(
            Person::new("amazon", "x@y.z", "X")
                .subject
                .starts_with("amzn1.account.")
        );
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"
        );
    }
}
