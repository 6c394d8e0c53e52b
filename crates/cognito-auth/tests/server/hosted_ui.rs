//! The Hosted UI against the server's OAuth endpoints: the client builds the authorize URL,
//! a native HTTP client plays the browser on the hosted sign-in page, and `handle_redirect`
//! finishes with the URL the server redirected to.

use std::collections::BTreeMap;

use cognito_auth::{
    Auth, AuthConfig, AuthError, AuthEvent, OAuthConfig, OAuthError, OAuthResponseType,
    RedirectSignIn, SignOutOptions,
};

use serde_json::json;

use crate::common::{
    PASSWORD, admin, auth_with, confirmed_user, identity_config, names, record_events, server,
};

const SCOPES: [&str; 5] = [
    "openid",
    "email",
    "phone",
    "profile",
    "aws.cognito.signin.user.admin",
];

fn hosted_config(response_type: OAuthResponseType, scopes: &[&str]) -> AuthConfig {
    let url = &server().url;
    let page = format!("{url}/");
    identity_config().with_oauth(
        OAuthConfig::new(
            url.as_str(),
            scopes.iter().map(|scope| (*scope).to_owned()).collect(),
            vec![page.clone()],
            vec![page],
        )
        .with_response_type(response_type),
    )
}

/// A browser without JavaScript: follows redirects by hand, keeps cookies, submits forms.
pub struct Browser {
    http: reqwest::Client,
    cookies: BTreeMap<String, String>,
}

impl Browser {
    pub fn new() -> Self {
        Self {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    fn absolute(location: &str) -> String {
        if location.starts_with('/') {
            format!("{}{location}", server().url)
        } else {
            location.to_owned()
        }
    }

    fn keep_cookies(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all("set-cookie") {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            if let Some((name, value)) = pair.split_once('=') {
                self.cookies.insert(name.trim().into(), value.trim().into());
            }
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// GETs `url`, following redirects on the server; returns the final response's URL and
    /// body, or the first redirect that leaves the server (the app's page).
    pub async fn get(&mut self, url: &str) -> (String, Option<String>) {
        let mut url = url.to_owned();
        loop {
            let response = self
                .http
                .get(&url)
                .header("cookie", self.cookie_header())
                .send()
                .await
                .unwrap();
            self.keep_cookies(&response);
            if response.status().is_redirection() {
                let location = Self::absolute(response.headers()["location"].to_str().unwrap());
                if location.starts_with(&format!("{}/", server().url))
                    && !location.contains("code=")
                    && !location.contains("error=")
                    && !location.contains('#')
                {
                    url = location;
                    continue;
                }
                return (location, None);
            }
            assert!(
                response.status().is_success(),
                "GET {url}: {}",
                response.status()
            );
            return (url, Some(response.text().await.unwrap()));
        }
    }

    /// Fills in the page's form and submits it; returns where the server redirects to.
    async fn submit(&mut self, page: &str, fields: &[(&str, &str)]) -> String {
        let action = unescape(&attribute_after(page, "<form", "action").unwrap());
        let csrf = unescape(&attribute_after(page, "name=\"_csrf\"", "value").unwrap());
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("_csrf", &csrf));
        self.post(&Self::absolute(&action), &form).await
    }

    /// POSTs a form; returns where the server redirects to.
    pub async fn post(&mut self, url: &str, form: &[(&str, &str)]) -> String {
        let response = self
            .http
            .post(url)
            .header("cookie", self.cookie_header())
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form_body(form))
            .send()
            .await
            .unwrap();
        self.keep_cookies(&response);
        assert!(
            response.status().is_redirection(),
            "POST {url}: {}",
            response.status()
        );
        Self::absolute(response.headers()["location"].to_str().unwrap())
    }

    /// Signs in on the hosted page the authorize URL leads to; returns the app URL the server
    /// sends the browser back to.
    async fn sign_in(&mut self, authorize_url: &str, username: &str, password: &str) -> String {
        let (_, page) = self.get(authorize_url).await;
        let page = page.expect("the hosted sign-in page");
        self.submit(&page, &[("username", username), ("password", password)])
            .await
    }
}

/// The value of `name="..."` in the first tag part after `marker`.
pub fn attribute_after(html: &str, marker: &str, name: &str) -> Option<String> {
    let start = html.find(marker)?;
    let rest = &html[start..];
    let rest = &rest[rest.find(&format!("{name}=\""))? + name.len() + 2..];
    Some(rest[..rest.find('"')?].to_owned())
}

pub fn form_body(fields: &[(&str, &str)]) -> String {
    let encode = |text: &str| {
        text.bytes()
            .map(|byte| match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    char::from(byte).to_string()
                }
                _ => format!("%{byte:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

pub fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.to_owned())
    })
}

fn with_param(url: &str, name: &str, value: &str) -> String {
    let old = param(url, name).unwrap();
    url.replace(&format!("{name}={old}"), &format!("{name}={value}"))
}

/// Starts a Hosted UI sign-in on `auth` and signs `username` in on the hosted page; returns the
/// URL the server sent the browser back to.
async fn hosted_sign_in(auth: &Auth, username: &str) -> String {
    let authorize = auth
        .sign_in_with_redirect(RedirectSignIn::default())
        .await
        .unwrap();
    Browser::new().sign_in(&authorize, username, PASSWORD).await
}

#[tokio::test]
async fn code_grant_signs_in_through_the_hosted_page() {
    let (auth, _store) = auth_with(hosted_config(OAuthResponseType::Code, &SCOPES));
    let username = confirmed_user(&auth).await;
    let (_guard, events) = record_events(&auth);
    let authorize = auth
        .sign_in_with_redirect(RedirectSignIn::default().custom_state("/after?x=1"))
        .await
        .unwrap();
    assert!(authorize.starts_with(&format!("{}/oauth2/authorize?", server().url)));

    let back = Browser::new()
        .sign_in(&authorize, &username, PASSWORD)
        .await;
    assert!(
        back.starts_with(&format!("{}/?code=", server().url)),
        "{back}"
    );
    let user = auth.handle_redirect(&back).await.unwrap().unwrap();
    assert_eq!(user.username, username);
    assert_eq!(
        names(&events),
        ["signIn", "cognitoHostedUI", "customOAuthState"]
    );
    assert_eq!(
        events.lock().unwrap()[2],
        AuthEvent::CustomOAuthState {
            state: "/after?x=1".into()
        }
    );

    // A session like a password sign-in's: user calls, refresh, credentials, sign-out.
    let session = auth.current_session().await.unwrap();
    assert!(session.refresh_token.is_some());
    assert!(
        session
            .access_token
            .claim_str("scope")
            .unwrap()
            .contains("aws.cognito.signin.user.admin")
    );
    assert_eq!(auth.current_user_info().await.unwrap().username, username);
    let refreshed = auth.refresh_session().await.unwrap();
    assert_eq!(refreshed.username(), Some(username.as_str()));
    let credentials = auth.current_credentials().await.unwrap();
    assert!(credentials.authenticated);
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    assert_eq!(
        auth.current_session().await.unwrap_err(),
        AuthError::NotSignedIn
    );
}

#[tokio::test]
async fn implicit_grant_reads_the_tokens_from_the_fragment() {
    let (auth, _store) = auth_with(hosted_config(OAuthResponseType::Token, &SCOPES));
    let username = confirmed_user(&auth).await;
    let authorize = auth
        .sign_in_with_redirect(RedirectSignIn::default())
        .await
        .unwrap();
    assert_eq!(param(&authorize, "code_challenge"), None);
    let back = Browser::new()
        .sign_in(&authorize, &username, PASSWORD)
        .await;
    assert!(back.contains("#"), "{back}");
    let user = auth.handle_redirect(&back).await.unwrap().unwrap();
    assert_eq!(user.username, username);
    let session = auth.current_session().await.unwrap();
    assert_eq!(session.refresh_token, None);
    assert_eq!(session.username(), Some(username.as_str()));
}

#[tokio::test]
async fn a_replayed_redirect_and_a_reused_code_are_refused() {
    let (auth, _store) = auth_with(hosted_config(OAuthResponseType::Code, &SCOPES));
    let username = confirmed_user(&auth).await;
    let back = hosted_sign_in(&auth, &username).await;
    auth.handle_redirect(&back).await.unwrap().unwrap();
    auth.sign_out(SignOutOptions::default()).await.unwrap();

    // The same URL again: its state was used up on this side.
    let (_guard, events) = record_events(&auth);
    assert_eq!(
        auth.handle_redirect(&back).await.unwrap_err(),
        AuthError::InvalidOAuthState
    );
    assert_eq!(
        names(&events),
        ["signIn_failure", "cognitoHostedUI_failure"]
    );

    // The same code under a fresh, valid state: the server refuses a used code.
    let second = auth
        .sign_in_with_redirect(RedirectSignIn::default())
        .await
        .unwrap();
    let reused = with_param(&back, "state", &param(&second, "state").unwrap());
    let error = auth.handle_redirect(&reused).await.unwrap_err();
    assert!(
        matches!(&error, AuthError::OAuth(OAuthError { error, .. }) if error == "invalid_grant"),
        "{error:?}"
    );
    assert_eq!(
        auth.current_session().await.unwrap_err(),
        AuthError::NotSignedIn
    );
}

#[tokio::test]
async fn a_code_is_only_good_with_the_verifier_it_was_issued_for() {
    let (auth, _store) = auth_with(hosted_config(OAuthResponseType::Code, &SCOPES));
    let username = confirmed_user(&auth).await;
    let back = hosted_sign_in(&auth, &username).await;
    // A second sign-in started meanwhile replaces state and verifier; its state passes the
    // client's check, and the server refuses the first code with the second verifier.
    let second = auth
        .sign_in_with_redirect(RedirectSignIn::default())
        .await
        .unwrap();
    let swapped = with_param(&back, "state", &param(&second, "state").unwrap());
    let error = auth.handle_redirect(&swapped).await.unwrap_err();
    assert!(
        matches!(&error, AuthError::OAuth(OAuthError { error, .. }) if error == "invalid_grant"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_forged_state_is_refused_before_the_code_is_used() {
    let (auth, _store) = auth_with(hosted_config(OAuthResponseType::Code, &SCOPES));
    let username = confirmed_user(&auth).await;
    let back = hosted_sign_in(&auth, &username).await;
    let forged = with_param(&back, "state", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(
        auth.handle_redirect(&forged).await.unwrap_err(),
        AuthError::InvalidOAuthState
    );
    // The code itself was never sent: another client instance could not have spent it, and
    // this one has no verifier left for it.
    assert_eq!(
        auth.handle_redirect(&back).await.unwrap_err(),
        AuthError::InvalidOAuthState
    );
}

#[tokio::test]
async fn oauth_errors_come_back_typed() {
    let (auth, _store) = auth_with(hosted_config(
        OAuthResponseType::Code,
        &["openid", "no.such/scope"],
    ));
    let (_guard, events) = record_events(&auth);
    let authorize = auth
        .sign_in_with_redirect(RedirectSignIn::default())
        .await
        .unwrap();
    let (back, page) = Browser::new().get(&authorize).await;
    assert_eq!(page, None, "expected a redirect back to the app");
    let error = auth.handle_redirect(&back).await.unwrap_err();
    assert!(
        matches!(&error, AuthError::OAuth(OAuthError { error, .. }) if error == "invalid_scope"),
        "{error:?} from {back}"
    );
    assert_eq!(
        names(&events),
        ["signIn_failure", "cognitoHostedUI_failure"]
    );
}

#[tokio::test]
async fn plain_visits_of_the_app_page_are_not_callbacks() {
    let (auth, _store) = auth_with(hosted_config(OAuthResponseType::Code, &SCOPES));
    assert!(auth.oauth_enabled());
    let page = format!("{}/", server().url);
    assert_eq!(auth.handle_redirect(&page).await.unwrap(), None);
    // A user signed in with a password cannot start a Hosted UI sign-in over it.
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    assert_eq!(
        auth.sign_in_with_redirect(RedirectSignIn::default())
            .await
            .unwrap_err(),
        AuthError::AlreadySignedIn
    );
}

#[tokio::test]
async fn a_client_with_a_secret_authenticates_its_code_exchange() {
    let url = &server().url;
    let page = format!("{url}/");
    let (client_id, secret) = admin::client(json!({
        "GenerateSecret": true,
        "CallbackURLs": [page],
        "LogoutURLs": [page],
        "AllowedOAuthFlows": ["code"],
        "AllowedOAuthFlowsUserPoolClient": true,
        "AllowedOAuthScopes": ["openid", "email"],
        "SupportedIdentityProviders": ["COGNITO"],
    }))
    .await;
    let secret = secret.expect("a generated secret");
    let (default_client, _) = auth_with(identity_config());
    let username = confirmed_user(&default_client).await;
    let oauth = OAuthConfig::new(
        url.as_str(),
        vec!["openid".into(), "email".into()],
        vec![page.clone()],
        vec![page],
    );
    let config = |secret: &str| {
        AuthConfig::new(&server().pool_id, &client_id)
            .with_user_pool_endpoint(url)
            .with_client_secret(secret)
            .with_oauth(oauth.clone())
    };

    let (wrong, _) = auth_with(config("not-the-secret"));
    let back = hosted_sign_in(&wrong, &username).await;
    let error = wrong.handle_redirect(&back).await.unwrap_err();
    assert!(
        matches!(&error, AuthError::OAuth(OAuthError { error, .. }) if error == "invalid_client"),
        "{error:?}"
    );

    let (auth, _) = auth_with(config(&secret));
    let back = hosted_sign_in(&auth, &username).await;
    let user = auth.handle_redirect(&back).await.unwrap().unwrap();
    assert_eq!(user.username, username);
}
