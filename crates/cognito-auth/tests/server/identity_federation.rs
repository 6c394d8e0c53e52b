//! Identity pool credentials for federated users: Google, Facebook, Amazon, Apple and OpenID
//! tokens from the mock providers, a developer-authenticated identity from the admin API, and
//! requests signed with the credentials.

use cognito_auth::sigv4::SignableRequest;
use cognito_auth::{
    AuthError, FederatedProvider, FederatedResponse, FederatedUser, JwtToken, SignOutOptions,
};
use serde_json::{Value, json};

use crate::common::{admin, auth_with, identity_config, names, record_events, server, unique};
use crate::federation::mock_tokens;

/// `GET /_local/caller-identity` signed with `credentials`: (status, JSON answer).
async fn caller_identity(credentials: &cognito_auth::AwsCredentials) -> (u16, Value) {
    let url = format!("{}/_local/caller-identity", server().url);
    let headers = credentials
        .sign(
            &SignableRequest::new("GET", &url),
            "us-east-1",
            "execute-api",
        )
        .unwrap();
    let mut request = reqwest::Client::new().get(&url);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn google_sign_in_gives_credentials_for_a_stable_identity() {
    let email = format!("{}@example.com", unique("g"));
    let (id_token, _, expires_at) = mock_tokens("google", &email, "Gina").await;
    let (auth, store) = auth_with(identity_config());
    let (_guard, events) = record_events(&auth);
    let credentials = auth
        .federated_sign_in(
            FederatedProvider::Google,
            FederatedResponse::new(id_token.unwrap(), expires_at),
            Some(FederatedUser::new("Gina").with_email(&email)),
        )
        .await
        .unwrap();
    assert!(credentials.authenticated);
    assert_eq!(names(&events), ["signIn"]);
    let user = auth.current_authenticated_user().await.unwrap();
    assert_eq!(user.username, "Gina");
    assert_eq!(user.user_id, credentials.identity_id);
    // Cached, and the same after a reload.
    assert_eq!(auth.current_credentials().await.unwrap(), credentials);
    let reloaded = cognito_auth::Auth::with_store(identity_config(), store.clone()).unwrap();
    let again = reloaded.current_user_credentials().await.unwrap();
    assert_eq!(again.identity_id, credentials.identity_id);

    // The credentials sign requests the server accepts.
    let (status, answer) = caller_identity(&credentials).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["IdentityId"], json!(credentials.identity_id));
    assert_eq!(answer["Authenticated"], json!(true));

    // Another token for the same person is the same identity.
    let (second, _, expires_at) = mock_tokens("google", &email, "Gina").await;
    let (elsewhere, _) = auth_with(identity_config());
    let there = elsewhere
        .federated_sign_in(
            FederatedProvider::Google,
            FederatedResponse::new(second.unwrap(), expires_at),
            None,
        )
        .await
        .unwrap();
    assert_eq!(there.identity_id, credentials.identity_id);

    // Signing out ends the federated session and its credentials.
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    assert_eq!(
        auth.current_authenticated_user().await.unwrap_err(),
        AuthError::NotSignedIn
    );
    assert_eq!(
        auth.current_user_credentials().await.unwrap_err(),
        AuthError::NotSignedIn
    );
    assert!(!auth.current_credentials().await.unwrap().authenticated);
}

#[tokio::test]
async fn facebook_amazon_apple_and_openid_tokens_are_accepted() {
    let oidc_issuer = format!("{}/_mock/oidc", server().url);
    let cases = [
        ("facebook", FederatedProvider::Facebook),
        ("amazon", FederatedProvider::Amazon),
        ("apple", FederatedProvider::Apple),
        ("oidc", FederatedProvider::Oidc(oidc_issuer)),
    ];
    for (kind, provider) in cases {
        let email = format!("{}@example.com", unique(kind));
        let (id, access, expires_at) = mock_tokens(kind, &email, "Pat").await;
        let token = match provider {
            FederatedProvider::Facebook | FederatedProvider::Amazon => access,
            _ => id.unwrap(),
        };
        let (auth, _) = auth_with(identity_config());
        let credentials = auth
            .federated_sign_in(
                provider.clone(),
                FederatedResponse::new(token, expires_at),
                None,
            )
            .await
            .unwrap_or_else(|error| panic!("{kind}: {error:?}"));
        assert!(credentials.authenticated, "{kind}");
        let (status, answer) = caller_identity(&credentials).await;
        assert_eq!(status, 200, "{kind}: {answer}");
    }
}

#[tokio::test]
async fn developer_authenticated_identities_sign_in_with_their_identity_id() {
    let user = unique("dev");
    let reply = admin::identity_call(
        "GetOpenIdTokenForDeveloperIdentity",
        json!({
            "IdentityPoolId": server().identity_pool_id,
            "Logins": {"login.local.dev": user},
        }),
    )
    .await;
    let identity_id = reply["IdentityId"].as_str().unwrap().to_owned();
    let token = reply["Token"].as_str().unwrap().to_owned();
    let expires_at = JwtToken::parse(&token)
        .ok()
        .and_then(|jwt| jwt.expires_at())
        .unwrap_or(i64::try_from(crate::common::now()).unwrap() + 600);
    let (auth, _) = auth_with(identity_config());
    let credentials = auth
        .federated_sign_in(
            FederatedProvider::Developer,
            FederatedResponse::new(token, expires_at).with_identity_id(&identity_id),
            Some(FederatedUser::new(&user)),
        )
        .await
        .unwrap();
    assert_eq!(credentials.identity_id, identity_id);
    assert!(credentials.authenticated);
    let (status, answer) = caller_identity(&credentials).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["IdentityId"], json!(identity_id));
}

#[tokio::test]
async fn guests_sign_requests_as_unauthenticated() {
    let (auth, _) = auth_with(identity_config());
    let credentials = auth.current_credentials().await.unwrap();
    let (status, answer) = caller_identity(&credentials).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["Authenticated"], json!(false));
    // A wrong secret is refused.
    let mut forged = credentials.clone();
    forged.secret_access_key.push('x');
    let (status, _) = caller_identity(&forged).await;
    assert_eq!(status, 403);
}
