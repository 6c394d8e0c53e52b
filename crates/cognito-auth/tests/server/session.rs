//! Sessions: refresh (forced, lazy, shared), clock drift, revocation, sign-out, persistence.

use std::sync::Arc;

use cognito_auth::{
    Auth, AuthConfig, AuthError, AuthEvent, ErrorKind, FileStore, SignOutOptions, TokenStore,
};
use serde_json::json;

use crate::common::{
    PASSWORD, admin, auth, auth_with, config, confirmed_user, names, record_events, server, unique,
};

#[tokio::test]
async fn forced_refresh_issues_new_tokens_and_keeps_the_refresh_token() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    let before = auth.current_session().await.unwrap();
    // Tokens issued within the same second can be identical; make sure iat moves.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_guard, events) = record_events(&auth);
    let after = auth.refresh_session().await.unwrap();
    assert_ne!(after.access_token, before.access_token);
    assert_eq!(after.refresh_token, before.refresh_token);
    assert_eq!(after.username(), Some(username.as_str()));
    assert_eq!(names(&events), ["tokenRefresh"]);
    assert_eq!(auth.current_session().await.unwrap(), after);
}

#[tokio::test]
async fn expiring_tokens_are_refreshed_lazily() {
    // Access and ID tokens that live 6 s are inside the 5 s refresh margin after 1 s.
    let (client_id, _) = admin::client(json!({
        "AccessTokenValidity": 6, "IdTokenValidity": 6,
        "TokenValidityUnits": {"AccessToken": "seconds", "IdToken": "seconds"}
    }))
    .await;
    let config =
        AuthConfig::new(&server().pool_id, &client_id).with_user_pool_endpoint(&server().url);
    let (auth, _) = auth_with(config);
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    let first = auth.current_session().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let (_guard, events) = record_events(&auth);
    let second = auth.current_session().await.unwrap();
    assert_ne!(second.access_token, first.access_token);
    assert_eq!(names(&events), ["tokenRefresh"]);
}

#[tokio::test]
async fn expiry_is_judged_with_the_recorded_clock_drift() {
    let (auth, store) = auth();
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    let session = auth.current_session().await.unwrap();
    // Pretend the server's clock was two hours ahead when the tokens came: they look expired.
    let key = format!(
        "CognitoIdentityServiceProvider.{}.{username}.clockDrift",
        server().client_id
    );
    store.set(&key, "7200").unwrap();
    let (_guard, events) = record_events(&auth);
    let refreshed = auth.current_session().await.unwrap();
    assert_ne!(refreshed.access_token, session.access_token);
    assert_eq!(names(&events), ["tokenRefresh"]);
    // The new tokens bring a fresh drift measurement, so no refresh loop follows.
    assert!(refreshed.clock_drift_secs.abs() <= 2);
    auth.current_session().await.unwrap();
    assert_eq!(names(&events), ["tokenRefresh"]);
}

#[tokio::test]
async fn refresh_is_shared_by_concurrent_callers() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_guard, events) = record_events(&auth);
    let calls = (0..5).map(|_| {
        let auth = auth.clone();
        tokio::spawn(async move { auth.refresh_session().await.unwrap() })
    });
    let sessions: Vec<_> = futures_join(calls).await;
    assert!(sessions.windows(2).all(|pair| pair[0] == pair[1]));
    assert_eq!(names(&events), ["tokenRefresh"]);
}

async fn futures_join<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for handle in handles.collect::<Vec<_>>() {
        out.push(handle.await.unwrap());
    }
    out
}

#[tokio::test]
async fn global_sign_out_revokes_other_sessions() {
    let (phone, _) = auth();
    let username = confirmed_user(&phone).await;
    phone.sign_in(&username, PASSWORD).await.unwrap();
    let (laptop, _) = auth();
    laptop.sign_in(&username, PASSWORD).await.unwrap();

    let (_guard, laptop_events) = record_events(&laptop);
    phone.sign_out(SignOutOptions::global()).await.unwrap();
    assert!(matches!(
        phone.current_session().await,
        Err(AuthError::NotSignedIn)
    ));

    // The laptop's tokens are revoked: refreshing fails, clears the session, and says so.
    let error = laptop.refresh_session().await.unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::NotAuthorized));
    assert!(matches!(
        laptop.current_session().await,
        Err(AuthError::NotSignedIn)
    ));
    match &laptop_events.lock().unwrap()[..] {
        [AuthEvent::TokenRefreshFailure { error }] => {
            assert_eq!(error.kind(), Some(ErrorKind::NotAuthorized));
        }
        other => panic!("unexpected events {other:?}"),
    }
}

#[tokio::test]
async fn local_sign_out_revokes_this_refresh_token() {
    let (auth, store) = auth();
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    let session = auth.current_session().await.unwrap();
    let (_guard, events) = record_events(&auth);
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    assert_eq!(names(&events), ["signOut"]);
    assert!(matches!(
        auth.current_session().await,
        Err(AuthError::NotSignedIn)
    ));
    let last_user = format!(
        "CognitoIdentityServiceProvider.{}.LastAuthUser",
        server().client_id
    );
    assert_eq!(store.get(&last_user).unwrap(), None);

    // Put the old tokens back: the refresh token was revoked with RevokeToken.
    if session.access_token.claim_str("origin_jti").is_some() {
        let (other, other_store) = auth_with(config());
        let prefix = format!("CognitoIdentityServiceProvider.{}", server().client_id);
        other_store
            .set(&format!("{prefix}.LastAuthUser"), &username)
            .unwrap();
        other_store
            .set(
                &format!("{prefix}.{username}.idToken"),
                session.id_token.as_str(),
            )
            .unwrap();
        other_store
            .set(
                &format!("{prefix}.{username}.accessToken"),
                session.access_token.as_str(),
            )
            .unwrap();
        other_store
            .set(
                &format!("{prefix}.{username}.refreshToken"),
                session.refresh_token.as_deref().unwrap(),
            )
            .unwrap();
        let error = other.refresh_session().await.unwrap_err();
        assert_eq!(error.kind(), Some(ErrorKind::NotAuthorized));
    }
}

#[tokio::test]
async fn file_store_keeps_the_user_signed_in_across_restarts() {
    let path = std::env::temp_dir().join(format!("{}.json", unique("cognito-auth-session")));
    let store: Arc<dyn TokenStore> = Arc::new(FileStore::new(&path));
    let first = Auth::with_store(config(), store).unwrap();
    let username = confirmed_user(&first).await;
    first.sign_in(&username, PASSWORD).await.unwrap();
    drop(first);

    let restarted = Auth::with_store(config(), Arc::new(FileStore::new(&path))).unwrap();
    let user = restarted.current_authenticated_user().await.unwrap();
    assert_eq!(user.username, username);
    restarted.user_attributes().await.unwrap();
    restarted.sign_out(SignOutOptions::default()).await.unwrap();
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn calls_needing_a_user_say_so_when_nobody_is_signed_in() {
    let (auth, _) = auth();
    assert_eq!(
        auth.current_authenticated_user().await.unwrap_err(),
        AuthError::NotSignedIn
    );
    assert_eq!(
        auth.user_attributes().await.unwrap_err(),
        AuthError::NotSignedIn
    );
    // Signing out with nobody signed in is harmless.
    auth.sign_out(SignOutOptions::default()).await.unwrap();
}
