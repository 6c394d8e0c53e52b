//! Federated sign-in against the server's mock providers: social sign-in through the Hosted UI,
//! and tokens obtained from a mock over HTTP (as an app's provider SDK would) given to
//! `federated_sign_in`.

use cognito_auth::{
    AuthError, AuthEvent, FederatedProvider, FederatedResponse, JwtToken, OAuthConfig,
    OAuthProvider, RedirectSignIn,
};

use crate::common::{auth_with, identity_config, names, record_events, server, unique};
use crate::hosted_ui::{Browser, attribute_after, form_body, unescape};

/// A token from mock `kind`'s implicit grant for `email`: (id token, access token, expiry).
pub async fn mock_tokens(kind: &str, email: &str, name: &str) -> (Option<String>, String, i64) {
    let url = &server().url;
    let page = format!("{url}/");
    let client_id = format!("local-{kind}-client");
    let response_type = if kind == "facebook" || kind == "amazon" {
        "token"
    } else {
        "id_token token"
    };
    let authorize = format!(
        "{url}/_mock/{kind}/authorize?{}",
        form_body(&[
            ("client_id", &client_id),
            ("redirect_uri", &page),
            ("response_type", response_type),
            ("scope", "openid email profile"),
            ("nonce", "n0nce"),
            ("state", "s"),
        ])
    );
    let mut browser = Browser::new();
    let (_, html) = browser.get(&authorize).await;
    let html = html.expect("the mock's sign-in page");
    let csrf = unescape(&attribute_after(&html, "name=\"_csrf\"", "value").unwrap());
    let back = browser
        .post(
            &format!("{url}/_mock/{kind}/authorize"),
            &[
                ("_csrf", &csrf),
                ("response_type", response_type),
                ("client_id", &client_id),
                ("redirect_uri", &page),
                ("scope", "openid email profile"),
                ("nonce", "n0nce"),
                ("state", "s"),
                ("email", email),
                ("name", name),
            ],
        )
        .await;
    let fragment = back.split_once('#').expect("tokens in the fragment").1;
    let get = |name: &str| {
        fragment.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
    };
    let access = get("access_token").expect("an access token");
    let expires_in: i64 = get("expires_in")
        .and_then(|n| n.parse().ok())
        .unwrap_or(3600);
    let id = get("id_token");
    let expires_at = match &id {
        Some(token) => JwtToken::parse(token).unwrap().expires_at().unwrap(),
        None => i64::try_from(crate::common::now()).unwrap() + expires_in,
    };
    (id, access, expires_at)
}

#[tokio::test]
async fn a_token_under_the_wrong_provider_is_refused() {
    let email = format!("{}@example.com", unique("w"));
    let (id_token, _, expires_at) = mock_tokens("google", &email, "W").await;
    let (auth, _) = auth_with(identity_config());
    let error = auth
        .federated_sign_in(
            FederatedProvider::Apple,
            FederatedResponse::new(id_token.unwrap(), expires_at),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("NotAuthorizedException"), "{error:?}");
    assert_eq!(
        auth.current_authenticated_user().await.unwrap_err(),
        AuthError::NotSignedIn
    );
}

#[tokio::test]
async fn social_sign_in_through_the_hosted_ui() {
    let url = &server().url;
    let page = format!("{url}/");
    let config = identity_config().with_oauth(OAuthConfig::new(
        url.as_str(),
        [
            "openid",
            "email",
            "profile",
            "aws.cognito.signin.user.admin",
        ]
        .map(str::to_owned)
        .to_vec(),
        vec![page.clone()],
        vec![page],
    ));
    let (auth, _) = auth_with(config);
    let (_guard, events) = record_events(&auth);
    let authorize = auth
        .sign_in_with_redirect(RedirectSignIn::default().provider(OAuthProvider::Google))
        .await
        .unwrap();
    // The Hosted UI sends the browser to the (mock) provider's sign-in page.
    let mut browser = Browser::new();
    let (at, html) = browser.get(&authorize).await;
    assert!(at.contains("/_mock/google/authorize"), "{at}");
    let html = html.unwrap();
    let email = format!("{}@example.com", unique("hosted"));
    let fields = hidden_fields(&html);
    let mut form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    form.push(("email", &email));
    form.push(("name", "Hosted Gina"));
    let mut next = browser
        .post(&format!("{url}/_mock/google/authorize"), &form)
        .await;
    // Back through /oauth2/idpresponse to the app with a code.
    while next.starts_with(&format!("{url}/oauth2/")) {
        let (location, html) = browser.get(&next).await;
        assert_eq!(html, None, "expected a redirect from {next}");
        next = location;
    }
    let user = auth.handle_redirect(&next).await.unwrap().unwrap();
    assert!(user.username.starts_with("Google_"), "{user:?}");
    assert_eq!(names(&events), ["signIn", "cognitoHostedUI"]);
    assert!(matches!(
        events.lock().unwrap()[1],
        AuthEvent::CognitoHostedUi { .. }
    ));
    let session = auth.current_session().await.unwrap();
    assert!(session.id_token.claims().contains_key("identities"));
    assert!(auth.current_credentials().await.unwrap().authenticated);
}

/// The hidden inputs of the first form of a page.
fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let form = &html[html.find("<form").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    form.split("<input")
        .skip(1)
        .filter(|input| input.contains("type=\"hidden\""))
        .filter_map(|input| {
            let name = attribute_after(input, "", "name")?;
            let value = attribute_after(input, "", "value")?;
            Some((unescape(&name), unescape(&value)))
        })
        .collect()
}
