//! Sign-in through a pool's identity providers: the URL that starts it, and the back-channel
//! half that exchanges the provider's code, checks what comes back and keeps the federated user.
//!
//! The same code path serves the built-in mocks and real providers (endpoints from
//! ProviderDetails or the provider's defaults, over https); `idp::mock_kind` says which.

// Called by the hosted UI's /oauth2/authorize and /oauth2/idpresponse (src/oauth/), which
// arrive on their own branch; until they do, only the tests here call these.
#![allow(dead_code)]

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::form;
use crate::idp::{self, Endpoints};
use crate::jwt::Unverified;
use crate::provider_http::{self, http, outbound};
use crate::store::{IdentityProvider, MfaSettings, User, UserStatus};

/// Configured identity providers of a pool (name, type), for login-page buttons.
pub fn providers(app: &App, pool_id: &str) -> ApiResult<Vec<(String, String)>> {
    pool_exists(app, pool_id)?;
    Ok(app
        .store
        .identity_providers(pool_id)?
        .into_iter()
        .map(|provider| (provider.name, provider.provider_type))
        .collect())
}

/// The URL to send the browser to for provider `provider_name` of `pool_id`: the provider's
/// authorize endpoint with redirect_uri = {base_url}/oauth2/idpresponse and the given state.
pub fn begin(app: &App, pool_id: &str, provider_name: &str, state: &str) -> ApiResult<String> {
    let provider = configured(app, pool_id, provider_name)?;
    if provider.provider_type == "SAML" {
        return crate::saml::begin(app, &provider, state);
    }
    let endpoints = provider_http::block_on(resolved_endpoints(app, &provider))??;
    let client_id = detail(&provider, "client_id")?;
    let redirect_uri = redirect_uri(app);
    let scope = scopes(&provider);
    Ok(form::with_query(
        &endpoints.authorize_url,
        &[
            ("response_type", "code"),
            ("client_id", client_id),
            ("redirect_uri", &redirect_uri),
            ("state", state),
            ("scope", &scope),
        ],
    ))
}

/// Exchanges the provider's `code` (back-channel HTTP to the provider's token endpoint, verifies
/// the id token / fetches user info), creates or updates the federated user in the pool (username
/// `<ProviderName>_<subject>`, status EXTERNAL_PROVIDER, `identities` attribute as Cognito writes
/// it, attribute mapping applied) and returns its pool username.
pub async fn finish(
    app: &App,
    pool_id: &str,
    provider_name: &str,
    code: &str,
) -> ApiResult<String> {
    let provider = configured(app, pool_id, provider_name)?;
    if provider.provider_type == "SAML" {
        // `code` names the assertion /saml2/idpresponse checked and kept.
        let claims = crate::saml::take_result(app, &provider, code)?;
        return keep_user(app, &provider, &claims);
    }
    let endpoints = resolved_endpoints(app, &provider).await?;
    let client_id = detail(&provider, "client_id")?.to_owned();
    let redirect_uri = redirect_uri(app);
    let secret = client_secret(&provider, &endpoints, &client_id)?;
    let mut fields = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri.as_str()),
        ("client_id", client_id.as_str()),
    ];
    if let Some(secret) = &secret {
        fields.push(("client_secret", secret));
    }
    let refused = |why: String| {
        ApiError::NotAuthorized(format!(
            "{provider_name} did not complete the sign-in: {why}"
        ))
    };
    // Facebook's token endpoint is called with GET (`token_request_method`), the others POST.
    let token_url = outbound(app, &endpoints.token_url);
    let request = if provider
        .details
        .get("token_request_method")
        .map(String::as_str)
        == Some("GET")
    {
        http()?.get(form::with_query(&token_url, &fields))
    } else {
        http()?.post(token_url).form(&fields)
    };
    let response = request
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|error| refused(format!("token endpoint unreachable ({error})")))?;
    let status = response.status();
    let tokens: Value = response
        .json()
        .await
        .map_err(|_| refused(format!("token endpoint answered {status} without JSON")))?;
    if !status.is_success() {
        let error = tokens["error"].as_str().unwrap_or("error");
        return Err(refused(format!("token endpoint answered {status} {error}")));
    }
    let claims = if idp::issues_id_tokens(&provider.provider_type) {
        let id_token = tokens["id_token"]
            .as_str()
            .ok_or_else(|| refused("no id_token in the token response".into()))?;
        verified_id_token(app, &endpoints, &client_id, id_token)
            .await
            .map_err(refused)?
    } else {
        let access_token = tokens["access_token"]
            .as_str()
            .ok_or_else(|| refused("no access_token in the token response".into()))?;
        user_info(app, &provider, &endpoints, access_token)
            .await
            .map_err(refused)?
    };
    keep_user(app, &provider, &claims)
}

/// The endpoints of `provider`, reading a real OIDC issuer's discovery document when
/// ProviderDetails leaves endpoints out (cached, see `provider_http`).
async fn resolved_endpoints(app: &App, provider: &IdentityProvider) -> ApiResult<Endpoints> {
    let discovered = match idp::discovery_issuer(app, provider) {
        Some(issuer) => Some(
            provider_http::discovery(app, &issuer)
                .await
                .map_err(|why| {
                    ApiError::ExternalService(format!(
                        "The endpoints of {} could not be discovered: {why}",
                        provider.name
                    ))
                })?,
        ),
        None => None,
    };
    idp::endpoints_with(app, provider, discovered.as_ref())
}

fn pool_exists(app: &App, pool_id: &str) -> ApiResult<()> {
    match app.store.pool(pool_id)? {
        Some(_) => Ok(()),
        None => Err(ApiError::ResourceNotFound(format!(
            "User pool {pool_id} does not exist."
        ))),
    }
}

/// The provider, which must be configured on the pool.
fn configured(app: &App, pool_id: &str, provider_name: &str) -> ApiResult<IdentityProvider> {
    pool_exists(app, pool_id)?;
    app.store
        .identity_provider(pool_id, provider_name)?
        .ok_or_else(|| {
            ApiError::ResourceNotFound(format!("Identity provider {provider_name} does not exist."))
        })
}

fn detail<'a>(provider: &'a IdentityProvider, key: &str) -> ApiResult<&'a str> {
    provider
        .details
        .get(key)
        .map(String::as_str)
        .filter(|value| !value.is_empty())
        .ok_or_else(|| {
            ApiError::InvalidParameter(format!(
                "The identity provider {} has no {key} in its ProviderDetails.",
                provider.name
            ))
        })
}

fn redirect_uri(app: &App) -> String {
    format!("{}/oauth2/idpresponse", app.base_url)
}

/// The scopes to ask for; OpenID Connect providers always get `openid`.
fn scopes(provider: &IdentityProvider) -> String {
    let configured = provider
        .details
        .get("authorize_scopes")
        .map(|scopes| scopes.replace(',', " "))
        .unwrap_or_default();
    let mut scopes: Vec<&str> = configured.split_whitespace().collect();
    if idp::issues_id_tokens(&provider.provider_type) && !scopes.contains(&"openid") {
        scopes.insert(0, "openid");
    }
    scopes.join(" ")
}

/// The secret sent to the token endpoint. Apple wants a short-lived ES256 JWT signed with the
/// developer's key instead of a fixed secret (the mock takes the client id alone).
fn client_secret(
    provider: &IdentityProvider,
    endpoints: &Endpoints,
    client_id: &str,
) -> ApiResult<Option<String>> {
    if provider.provider_type == "SignInWithApple" {
        if endpoints.mock.is_some() {
            return Ok(None);
        }
        return apple_client_secret(provider, client_id).map(Some);
    }
    Ok(provider.details.get("client_secret").cloned())
}

fn apple_client_secret(provider: &IdentityProvider, client_id: &str) -> ApiResult<String> {
    let bad_key = || {
        ApiError::InvalidParameter(
            "private_key of SignInWithApple must be a PEM PKCS#8 P-256 key.".into(),
        )
    };
    let pem = detail(provider, "private_key")?;
    let der = STANDARD
        .decode(
            pem.lines()
                .filter(|line| !line.starts_with("-----"))
                .collect::<String>()
                .trim(),
        )
        .map_err(|_| bad_key())?;
    let rng = aws_lc_rs::rand::SystemRandom::new();
    let key = aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(
        &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        &der,
    )
    .map_err(|_| bad_key())?;
    let now = now();
    let header = json!({ "alg": "ES256", "kid": detail(provider, "key_id")? });
    let claims = json!({
        "iss": detail(provider, "team_id")?,
        "iat": now,
        "exp": now + 300,
        "aud": "https://appleid.apple.com",
        "sub": client_id,
    });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = key
        .sign(&rng, input.as_bytes())
        .map_err(|_| ApiError::InternalError("signing Apple's client secret failed".into()))?;
    Ok(format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(signature.as_ref())
    ))
}

/// Checks an id token against the provider's JWKS: signature, issuer, audience, expiry.
async fn verified_id_token(
    app: &App,
    endpoints: &Endpoints,
    client_id: &str,
    token: &str,
) -> Result<Value, String> {
    let parsed = Unverified::parse(token).ok_or("the id token is not an RS256 JWT")?;
    let jwks_uri = endpoints.jwks_uri.as_deref().ok_or("no jwks_uri")?;
    let jwks = provider_http::cached_json(app, jwks_uri, "JWKS").await?;
    if !parsed.signed_by_jwks(&jwks) {
        return Err("the id token's signature does not match the provider's keys".into());
    }
    if let Some(issuer) = &endpoints.issuer
        && !parsed
            .str_claim("iss")
            .is_some_and(|iss| same_issuer(iss, issuer))
    {
        return Err("the id token comes from another issuer".into());
    }
    if !parsed.has_audience(client_id) {
        return Err("the id token was issued to another client".into());
    }
    if parsed.exp() <= now() {
        return Err("the id token has expired".into());
    }
    Ok(parsed.claims)
}

/// Whether two issuers are the same; Google's tokens say `accounts.google.com` or
/// `https://accounts.google.com`.
fn same_issuer(a: &str, b: &str) -> bool {
    let bare = |issuer: &str| {
        issuer
            .strip_prefix("https://")
            .unwrap_or(issuer)
            .trim_end_matches('/')
            .to_owned()
    };
    bare(a) == bare(b)
}

/// The user-info URL to call: with `attributes_url_add_attributes`, the claims the attribute
/// mapping reads are appended (Facebook's `?fields=` lists what it answers with).
fn attributes_url(provider: &IdentityProvider, url: &str) -> String {
    if provider
        .details
        .get("attributes_url_add_attributes")
        .map(String::as_str)
        != Some("true")
    {
        return url.to_owned();
    }
    let mapping =
        idp::with_default_mapping(&provider.provider_type, provider.attribute_mapping.clone());
    let mut claims: Vec<&str> = mapping.values().map(String::as_str).collect();
    claims.sort_unstable();
    claims.dedup();
    let fields: Vec<String> = claims
        .iter()
        .map(|claim| crate::form::encode(claim))
        .collect();
    format!("{url}{}", fields.join(","))
}

/// The user's attributes from an OAuth 2.0 provider's user-info endpoint.
async fn user_info(
    app: &App,
    provider: &IdentityProvider,
    endpoints: &Endpoints,
    access_token: &str,
) -> Result<Value, String> {
    let url = endpoints
        .attributes_url
        .as_deref()
        .ok_or("no attributes_url")?;
    let request = http()
        .map_err(|error| error.to_string())?
        .get(outbound(app, &attributes_url(provider, url)))
        .bearer_auth(access_token);
    let info = provider_http::send_json(request, "user info").await?;
    if info.is_object() {
        Ok(info)
    } else {
        Err("user info is not a JSON object".into())
    }
}

/// A claim as an attribute value: strings as they are, numbers and booleans written out.
fn claim_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// Creates or updates the federated user from the provider's claims; returns its username.
fn keep_user(app: &App, provider: &IdentityProvider, claims: &Value) -> ApiResult<String> {
    let mapping =
        idp::with_default_mapping(&provider.provider_type, provider.attribute_mapping.clone());
    let subject_claim = mapping
        .get("username")
        .map_or(idp::subject_claim(&provider.provider_type), String::as_str);
    let subject = claim_text(&claims[subject_claim])
        .filter(|subject| !subject.is_empty())
        .ok_or_else(|| {
            ApiError::NotAuthorized(format!(
                "{} did not say who signed in (no {subject_claim}).",
                provider.name
            ))
        })?;
    let mut mapped = BTreeMap::new();
    for (attribute, claim) in &mapping {
        if attribute == "username" {
            continue;
        }
        if let Some(value) = claim_text(&claims[claim]) {
            mapped.insert(attribute.clone(), value);
        }
    }
    // The provider's word on the email, when it gives one and the mapping does not decide.
    if mapped.contains_key("email")
        && !mapping.contains_key("email_verified")
        && let Some(verified) = claim_text(&claims["email_verified"])
    {
        mapped.insert("email_verified".into(), verified);
    }
    if let Some(verified) = mapped.get_mut("email_verified") {
        *verified = (verified.as_str() == "true").to_string();
    }

    let username = format!("{}_{subject}", provider.name);
    let now = now();
    let existing = app.store.user(&provider.pool_id, &username)?;
    let mut user = match existing {
        Some(user) => {
            if !user.enabled {
                return Err(ApiError::NotAuthorized("User is disabled.".into()));
            }
            if user.status != UserStatus::ExternalProvider {
                return Err(ApiError::NotAuthorized(format!(
                    "User {username} is not a federated user."
                )));
            }
            user
        }
        None => new_user(provider, &username, &subject, now),
    };
    user.attributes.extend(mapped);
    user.modified = now;
    if !app.store.insert_user(&user)? {
        app.store.save_user(&user)?;
    }
    Ok(username)
}

/// A federated user: no password (a random verifier nobody can match), the provider recorded in
/// `identities` as Cognito writes it.
fn new_user(provider: &IdentityProvider, username: &str, subject: &str, now: i64) -> User {
    let identities = json!([{
        "userId": subject,
        "providerName": provider.name,
        "providerType": provider.provider_type,
        "issuer": null,
        "primary": "true",
        "dateCreated": (now * 1000).to_string(),
    }]);
    let sub = crate::ids::uuid();
    let attributes = BTreeMap::from([
        ("sub".to_owned(), sub.clone()),
        ("identities".to_owned(), identities.to_string()),
    ]);
    User {
        pool_id: provider.pool_id.clone(),
        username: username.to_owned(),
        sub,
        status: UserStatus::ExternalProvider,
        enabled: true,
        salt: crate::ids::bytes(16),
        verifier: crate::ids::bytes(384),
        attributes,
        mfa: MfaSettings::default(),
        failed_logins: 0,
        locked_until: 0,
        created: now,
        modified: now,
    }
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;
    use std::sync::Arc;

    use super::*;

    /// A real server on loopback around an app the test can also call directly.
    async fn serve() -> (Arc<App>, String) {
        serve_with(None).await
    }

    /// [`serve`], reaching "real" providers at `provider_base`.
    async fn serve_with(provider_base: Option<String>) -> (Arc<App>, String) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let (mut app, defaults) = App::for_tests();
        app.base_url = format!("http://{}", listener.local_addr().unwrap());
        app.provider_base = provider_base;
        // The defaults were made for another URL; a restart would repoint them the same way.
        crate::default_providers::ensure(&app, &defaults.user_pool_id).unwrap();
        let app = Arc::new(app);
        let router = crate::http::router(app.clone(), None);
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
        });
        (app, defaults.user_pool_id)
    }

    /// Plays the browser at the mock: opens `url`, posts the "another user" form.
    async fn sign_in_at_mock(url: &str, email: &str, name: &str) -> String {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let page = http.get(url).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let cookie = page.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let html = page.text().await.unwrap();
        let field = |name: &str| -> String {
            let marker = format!("name=\"{name}\" value=\"");
            let start = html.find(&marker).unwrap() + marker.len();
            let end = start + html[start..].find('"').unwrap();
            html[start..end].replace("&amp;", "&")
        };
        let mut form: Vec<(String, String)> = [
            "_csrf",
            "response_type",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
        ]
        .iter()
        .map(|name| ((*name).to_owned(), field(name)))
        .collect();
        form.push(("email".into(), email.into()));
        form.push(("name".into(), name.into()));
        let answer = http
            .post(url.split('?').next().unwrap())
            .header("cookie", cookie)
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 303);
        answer.headers()["location"].to_str().unwrap().to_owned()
    }

    fn query_value(url: &str, name: &str) -> String {
        let query = url.split_once('?').unwrap().1;
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
            .unwrap()
            .to_owned()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn finish_exchanges_a_mock_code_and_keeps_the_federated_user() {
        let (app, pool_id) = serve().await;
        let names: Vec<String> = providers(&app, &pool_id)
            .unwrap()
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(
            names,
            [
                "Facebook",
                "Google",
                "LocalOIDC",
                "LocalSAML",
                "LoginWithAmazon",
                "SignInWithApple"
            ]
        );

        let url = begin(&app, &pool_id, "Google", "st-1").unwrap();
        assert!(url.starts_with(&format!("{}/_mock/google/authorize?", app.base_url)));
        assert!(url.contains("redirect_uri=http%3A%2F%2F127.0.0.1"));
        let back = sign_in_at_mock(&url, "fed@example.com", "Fed <Eral>").await;
        assert!(back.starts_with(&format!("{}/oauth2/idpresponse?", app.base_url)));
        assert_eq!(query_value(&back, "state"), "st-1");
        let code = query_value(&back, "code");

        let username = finish(&app, &pool_id, "Google", &code).await.unwrap();
        assert!(username.starts_with("Google_1"), "{username}");
        let user = app.store.user(&pool_id, &username).unwrap().unwrap();
        assert_eq!(user.status, UserStatus::ExternalProvider);
        assert_eq!(user.attribute("email"), Some("fed@example.com"));
        assert_eq!(user.attribute("name"), Some("Fed <Eral>"));
        assert_eq!(user.attribute("email_verified"), Some("true"));
        let identities: Value =
            serde_json::from_str(user.attribute("identities").unwrap()).unwrap();
        assert_eq!(identities[0]["providerName"], "Google");
        assert_eq!(identities[0]["providerType"], "Google");
        assert_eq!(identities[0]["primary"], "true");
        assert!(identities[0]["issuer"].is_null());
        assert_eq!(
            format!("Google_{}", identities[0]["userId"].as_str().unwrap()),
            username
        );

        // The code was spent by the exchange.
        let again = finish(&app, &pool_id, "Google", &code).await.unwrap_err();
        assert!(again.to_string().contains("invalid_grant"), "{again}");

        // Signing in again finds the same user and refreshes its attributes.
        let url = begin(&app, &pool_id, "Google", "st-2").unwrap();
        let back = sign_in_at_mock(&url, "FED@example.com", "Renamed").await;
        let same = finish(&app, &pool_id, "Google", &query_value(&back, "code"))
            .await
            .unwrap();
        assert_eq!(same, username);
        let user = app.store.user(&pool_id, &username).unwrap().unwrap();
        assert_eq!(user.attribute("name"), Some("Renamed"));
        assert_eq!(
            serde_json::from_str::<Value>(user.attribute("identities").unwrap()).unwrap(),
            identities
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn oauth_only_providers_are_asked_for_user_info() {
        let (app, pool_id) = serve().await;
        for (provider, id_field) in [
            ("Facebook", "Facebook_10"),
            ("LoginWithAmazon", "LoginWithAmazon_amzn1.account."),
        ] {
            let url = begin(&app, &pool_id, provider, "s").unwrap();
            assert!(!url.contains("openid"), "{url}");
            let back = sign_in_at_mock(&url, "social@example.com", "Social").await;
            let username = finish(&app, &pool_id, provider, &query_value(&back, "code"))
                .await
                .unwrap();
            assert!(username.starts_with(id_field), "{username}");
            let user = app.store.user(&pool_id, &username).unwrap().unwrap();
            assert_eq!(user.attribute("email"), Some("social@example.com"));
            // Neither says whether the email was verified.
            assert_eq!(user.attribute("email_verified"), None);
        }
        let url = begin(&app, &pool_id, "LocalOIDC", "s").unwrap();
        assert!(url.starts_with(&format!("{}/_mock/oidc/authorize?", app.base_url)));
        let back = sign_in_at_mock(&url, "oidc@example.com", "O").await;
        let username = finish(&app, &pool_id, "LocalOIDC", &query_value(&back, "code"))
            .await
            .unwrap();
        assert!(username.starts_with("LocalOIDC_"), "{username}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn bad_codes_unknown_providers_and_forged_tokens_are_refused() {
        let (app, pool_id) = serve().await;
        let error = finish(&app, &pool_id, "Google", "made-up")
            .await
            .unwrap_err();
        assert_eq!(error.type_name(), "NotAuthorizedException");
        let error = finish(&app, &pool_id, "Nobody", "x").await.unwrap_err();
        assert_eq!(error.type_name(), "ResourceNotFoundException");
        assert!(begin(&app, "us-east-1_missing", "Google", "s").is_err());

        // A provider whose JWKS is another mock's: the id token's signature cannot match.
        let mut google = app
            .store
            .identity_provider(&pool_id, "Google")
            .unwrap()
            .unwrap();
        google.details.insert(
            "jwks_uri".into(),
            format!("{}/_mock/apple/jwks.json", app.base_url),
        );
        app.store.save_identity_provider(&google).unwrap();
        let url = begin(&app, &pool_id, "Google", "s").unwrap();
        let back = sign_in_at_mock(&url, "forged@example.com", "F").await;
        let error = finish(&app, &pool_id, "Google", &query_value(&back, "code"))
            .await
            .unwrap_err();
        assert!(error.to_string().contains("signature"), "{error}");
    }

    /// A provider configured as Cognito users do: client id and secret, the rest filled in.
    fn real_provider(
        app: &App,
        pool_id: &str,
        name: &str,
        provider_type: &str,
        details: &[(&str, &str)],
    ) -> IdentityProvider {
        let mut provider = IdentityProvider {
            pool_id: pool_id.into(),
            name: name.into(),
            provider_type: provider_type.into(),
            details: details
                .iter()
                .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
                .collect(),
            attribute_mapping: BTreeMap::from([("email".to_owned(), "email".to_owned())]),
            idp_identifiers: Vec::new(),
            created: 0,
            modified: 0,
        };
        idp::fill_real_defaults(app, &mut provider);
        provider
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn real_providers_are_reached_at_their_own_and_discovered_endpoints() {
        let answers = provider_http::fake::Answers::default();
        let base = provider_http::fake::serve(answers.clone()).await;
        let (app, pool_id) = serve_with(Some(base)).await;
        let answer = |key: &str, body: Value| provider_http::fake::answer(&answers, key, 200, body);
        let key = app.keys.named(&app.store, "fake-provider").unwrap();
        let id_token = |iss: &str, aud: &str, sub: &str| {
            crate::jwt::sign(
                &key,
                &json!({ "iss": iss, "aud": aud, "sub": sub, "exp": now() + 60,
                         "email": format!("{sub}@example.com") }),
            )
            .unwrap()
        };

        // Google with a real client id: Cognito's endpoints and Google's keys.
        app.store
            .delete_identity_provider(&pool_id, "Google")
            .unwrap();
        let google = real_provider(
            &app,
            &pool_id,
            "Google",
            "Google",
            &[
                ("client_id", "real.apps.googleusercontent.com"),
                ("client_secret", "s"),
                ("authorize_scopes", "email"),
            ],
        );
        app.store.insert_identity_provider(&google).unwrap();
        answer(
            "www.googleapis.com/oauth2/v3/certs",
            json!({ "keys": [key.jwk()] }),
        );
        answer(
            "www.googleapis.com/oauth2/v4/token",
            json!({ "id_token": id_token("https://accounts.google.com", "real.apps.googleusercontent.com", "g-7") }),
        );
        let url = begin(&app, &pool_id, "Google", "st").unwrap();
        assert!(
            url.starts_with("https://accounts.google.com/o/oauth2/v2/auth?"),
            "{url}"
        );
        let username = finish(&app, &pool_id, "Google", "code").await.unwrap();
        assert_eq!(username, "Google_g-7");
        let user = app.store.user(&pool_id, &username).unwrap().unwrap();
        assert_eq!(user.attribute("email"), Some("g-7@example.com"));

        // Facebook with a real app id: its user info, asked for the mapped fields.
        app.store
            .delete_identity_provider(&pool_id, "Facebook")
            .unwrap();
        let facebook = real_provider(
            &app,
            &pool_id,
            "Facebook",
            "Facebook",
            &[
                ("client_id", "fb-app"),
                ("client_secret", "s"),
                ("authorize_scopes", "email"),
            ],
        );
        app.store.insert_identity_provider(&facebook).unwrap();
        // Called with GET, as Cognito calls Facebook.
        answer(
            "GET graph.facebook.com/v17.0/oauth/access_token",
            json!({ "access_token": "fb-at" }),
        );
        answer(
            "graph.facebook.com/v17.0/me?fields=email,id",
            json!({ "id": "10009", "email": "fb@example.com" }),
        );
        let username = finish(&app, &pool_id, "Facebook", "code").await.unwrap();
        assert_eq!(username, "Facebook_10009");

        // A real OIDC issuer without endpoints: they come from its discovery document.
        let corp = real_provider(
            &app,
            &pool_id,
            "Corp",
            "OIDC",
            &[
                ("client_id", "corp-app"),
                ("client_secret", "s"),
                ("authorize_scopes", "openid"),
                ("attributes_request_method", "GET"),
                ("oidc_issuer", "https://login.example.com"),
            ],
        );
        assert_eq!(
            idp::discovery_issuer(&app, &corp).as_deref(),
            Some("https://login.example.com")
        );
        app.store.insert_identity_provider(&corp).unwrap();
        let error = begin(&app, &pool_id, "Corp", "st").unwrap_err();
        assert_eq!(error.type_name(), "ExternalServiceException", "{error}");
        answer(
            "login.example.com/.well-known/openid-configuration",
            json!({
                "issuer": "https://login.example.com",
                "authorization_endpoint": "https://login.example.com/authorize",
                "token_endpoint": "https://login.example.com/token",
                "jwks_uri": "https://login.example.com/keys",
            }),
        );
        answer("login.example.com/keys", json!({ "keys": [key.jwk()] }));
        answer(
            "login.example.com/token",
            json!({ "id_token": id_token("https://login.example.com", "corp-app", "c-1") }),
        );
        let url = begin(&app, &pool_id, "Corp", "st").unwrap();
        assert!(
            url.starts_with("https://login.example.com/authorize?"),
            "{url}"
        );
        assert_eq!(
            finish(&app, &pool_id, "Corp", "code").await.unwrap(),
            "Corp_c-1"
        );
        // A token for another client of the same issuer is refused.
        answer(
            "login.example.com/token",
            json!({ "id_token": id_token("https://login.example.com", "other-app", "c-2") }),
        );
        let error = finish(&app, &pool_id, "Corp", "code").await.unwrap_err();
        assert!(error.to_string().contains("another client"), "{error}");
    }

    #[test]
    fn apple_gets_an_es256_client_secret_signed_with_the_developer_key() {
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let pkcs8 = aws_lc_rs::signature::EcdsaKeyPair::generate_pkcs8(
            &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            &rng,
        )
        .unwrap();
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            STANDARD.encode(pkcs8.as_ref())
        );
        let key = aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(
            &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            pkcs8.as_ref(),
        )
        .unwrap();
        let provider = IdentityProvider {
            pool_id: "p".into(),
            name: "SignInWithApple".into(),
            provider_type: "SignInWithApple".into(),
            details: BTreeMap::from([
                ("team_id".to_owned(), "TEAM".to_owned()),
                ("key_id".to_owned(), "KEY".to_owned()),
                ("private_key".to_owned(), pem),
            ]),
            attribute_mapping: BTreeMap::new(),
            idp_identifiers: Vec::new(),
            created: 0,
            modified: 0,
        };
        let secret = apple_client_secret(&provider, "com.example.app").unwrap();
        let (input, signature) = secret.rsplit_once('.').unwrap();
        use aws_lc_rs::signature::KeyPair as _;
        aws_lc_rs::signature::UnparsedPublicKey::new(
            &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED,
            key.public_key().as_ref(),
        )
        .verify(
            input.as_bytes(),
            &URL_SAFE_NO_PAD.decode(signature).unwrap(),
        )
        .unwrap();
        let claims: Value = serde_json::from_slice(
            &URL_SAFE_NO_PAD
                .decode(input.split('.').nth(1).unwrap())
                .unwrap(),
        )
        .unwrap();
        assert_eq!(claims["iss"], "TEAM");
        assert_eq!(claims["sub"], "com.example.app");
        assert_eq!(claims["aud"], "https://appleid.apple.com");

        let mut broken = provider;
        broken
            .details
            .insert("private_key".into(), "(not a key)".into());
        assert_eq!(
            apple_client_secret(&broken, "x").unwrap_err().type_name(),
            "InvalidParameterException"
        );
    }

    #[test]
    fn password_sign_in_of_a_federated_user_is_refused() {
        let (app, defaults) = App::for_tests();
        let google = app
            .store
            .identity_provider(&defaults.user_pool_id, "Google")
            .unwrap()
            .unwrap();
        let claims = json!({ "sub": "42", "email": "x@example.com", "email_verified": "true" });
        let username = keep_user(&app, &google, &claims).unwrap();
        assert_eq!(username, "Google_42");
        let body = json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": defaults.client_id,
            "AuthParameters": { "USERNAME": username, "PASSWORD": "anything" },
        });
        let error = crate::wire::run_unsigned(
            &app,
            "AWSCognitoIdentityProviderService.InitiateAuth",
            body.to_string().as_bytes(),
        )
        .unwrap_err();
        assert_eq!(error, ApiError::wrong_password());
    }
}
