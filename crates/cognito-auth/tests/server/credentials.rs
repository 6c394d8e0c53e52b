//! AWS credentials from the server's default identity pool: guests, user pool users, mandatory
//! sign-in, sign-out, and the federated sign-in checks made before any request.

use std::sync::Arc;

use cognito_auth::{
    Auth, AuthError, ConfigError, FederatedProvider, FederatedResponse, MemoryStore,
    SignOutOptions, TokenStore, ValidationError,
};

use crate::common::{PASSWORD, auth, auth_with, confirmed_user, identity_config, now, server};

fn in_an_hour() -> i64 {
    i64::try_from(now()).unwrap() + 3600
}

#[tokio::test]
async fn guests_get_credentials_for_one_identity_per_store() {
    let (auth, store) = auth_with(identity_config());
    let first = auth.current_credentials().await.unwrap();
    assert!(!first.authenticated);
    assert!(first.access_key_id.starts_with("ASIA"), "{first:?}");
    assert!(first.identity_id.starts_with("us-east-1:"));
    assert!(first.expiration > i64::try_from(now()).unwrap() + 300);
    // Cached: the same credentials again.
    assert_eq!(auth.current_credentials().await.unwrap(), first);
    // The guest identity id lives in the store, under Amplify's key.
    let key = format!("CognitoIdentityId-{}", server().identity_pool_id);
    assert_eq!(
        store.get(&key).unwrap().as_deref(),
        Some(first.identity_id.as_str())
    );
    // Another handle on the same store is the same guest, with fresh credentials.
    let again = Auth::with_store(identity_config(), store.clone()).unwrap();
    let second = again.current_credentials().await.unwrap();
    assert_eq!(second.identity_id, first.identity_id);
    assert_ne!(second.access_key_id, first.access_key_id);
    // Another device is another guest.
    let (other, _) = auth_with(identity_config());
    assert_ne!(
        other.current_credentials().await.unwrap().identity_id,
        first.identity_id
    );
    // Guests have no user credentials.
    assert_eq!(
        auth.current_user_credentials().await.unwrap_err(),
        AuthError::NotSignedIn
    );
}

#[tokio::test]
async fn a_guest_identity_the_pool_forgot_is_replaced() {
    let store = Arc::new(MemoryStore::default());
    let key = format!("CognitoIdentityId-{}", server().identity_pool_id);
    store
        .set(&key, "us-east-1:00000000-0000-4000-8000-000000000000")
        .unwrap();
    let auth = Auth::with_store(identity_config(), store.clone()).unwrap();
    let credentials = auth.current_credentials().await.unwrap();
    assert_ne!(
        credentials.identity_id,
        "us-east-1:00000000-0000-4000-8000-000000000000"
    );
    assert_eq!(
        store.get(&key).unwrap().as_deref(),
        Some(credentials.identity_id.as_str())
    );
}

#[tokio::test]
async fn signed_in_users_get_authenticated_credentials_for_a_stable_identity() {
    let (auth, _store) = auth_with(identity_config());
    let guest = auth.current_credentials().await.unwrap();
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();

    let credentials = auth.current_credentials().await.unwrap();
    assert!(credentials.authenticated);
    assert_ne!(credentials.identity_id, guest.identity_id);
    assert_eq!(auth.current_user_credentials().await.unwrap(), credentials);
    let essential = Auth::essential_credentials(&credentials);
    assert_eq!(essential.identity_id, credentials.identity_id);
    assert!(essential.authenticated);

    // The same user elsewhere is the same identity (the server keys it by the ID token's
    // issuer and subject, which the client sends as Logins).
    let (elsewhere, _) = auth_with(identity_config());
    elsewhere.sign_in(&username, PASSWORD).await.unwrap();
    let there = elsewhere.current_credentials().await.unwrap();
    assert_eq!(there.identity_id, credentials.identity_id);
    assert!(there.authenticated);

    // Signed out: credentials go with the user and a guest is what remains.
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    let after = auth.current_credentials().await.unwrap();
    assert!(!after.authenticated);
    assert_ne!(after.identity_id, credentials.identity_id);
    assert_eq!(
        auth.current_user_credentials().await.unwrap_err(),
        AuthError::NotSignedIn
    );
}

#[tokio::test]
async fn mandatory_sign_in_refuses_guests() {
    let (auth, _store) = auth_with(identity_config().with_mandatory_sign_in(true));
    assert_eq!(
        auth.current_credentials().await.unwrap_err(),
        AuthError::NotSignedIn
    );
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    assert!(auth.current_credentials().await.unwrap().authenticated);
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    assert_eq!(
        auth.current_credentials().await.unwrap_err(),
        AuthError::NotSignedIn
    );
}

#[tokio::test]
async fn credentials_need_an_identity_pool() {
    let (auth, _store) = auth();
    assert_eq!(
        auth.current_credentials().await.unwrap_err(),
        AuthError::Config(ConfigError::Missing("identity pool id"))
    );
}

#[tokio::test]
async fn federated_sign_in_refuses_bad_input_before_calling_out() {
    let (auth, _store) = auth_with(identity_config());
    let cases = [
        (
            FederatedProvider::Google,
            FederatedResponse::new("token", 1),
            AuthError::FederatedTokenExpired,
        ),
        (
            FederatedProvider::Google,
            FederatedResponse::new(" ", in_an_hour()),
            ValidationError::EmptyToken.into(),
        ),
        (
            FederatedProvider::Developer,
            FederatedResponse::new("token", in_an_hour()),
            ValidationError::MissingIdentityId.into(),
        ),
    ];
    for (provider, response, expected) in cases {
        assert_eq!(
            auth.federated_sign_in(provider, response, None)
                .await
                .unwrap_err(),
            expected
        );
    }
    // A user pool user is signed in: federated sign-in waits for sign-out.
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    assert_eq!(
        auth.federated_sign_in(
            FederatedProvider::Google,
            FederatedResponse::new("token", in_an_hour()),
            None
        )
        .await
        .unwrap_err(),
        AuthError::AlreadySignedIn
    );
}

#[tokio::test]
async fn a_token_from_an_unknown_provider_is_refused_by_the_pool() {
    let (auth, _store) = auth_with(identity_config());
    let error = auth
        .federated_sign_in(
            FederatedProvider::Oidc("https://issuer.invalid".into()),
            FederatedResponse::new("not.a.jwt", in_an_hour()),
            None,
        )
        .await
        .unwrap_err();
    assert!(error.code().is_some(), "{error:?}");
    // Nothing was kept: still a guest.
    assert!(!auth.current_credentials().await.unwrap().authenticated);
    assert_eq!(
        auth.current_authenticated_user().await.unwrap_err(),
        AuthError::NotSignedIn
    );
}
