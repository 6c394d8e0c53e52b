//! Sign-in flows and their next steps.

use std::collections::BTreeMap;

use cognito_auth::{
    AuthConfig, AuthError, AuthEvent, AuthFlowType, ErrorKind, SignInStep, SignOutOptions,
    SignUpInput,
};
use serde_json::json;

use crate::common::{
    PASSWORD, admin, auth, auth_with, code, config, confirmed_user, names, record_events, server,
    unique,
};

#[tokio::test]
async fn srp_sign_in_stores_a_session() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    let (_guard, events) = record_events(&auth);
    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::Done
    );
    let user = auth.current_authenticated_user().await.unwrap();
    assert_eq!(user.username, username);
    assert!(!user.user_id.is_empty());
    let session = auth.current_session().await.unwrap();
    assert_eq!(session.access_token.claim_str("token_use"), Some("access"));
    assert_eq!(session.id_token.claim_str("token_use"), Some("id"));
    assert_eq!(
        session.id_token.claim_str("email"),
        Some(format!("{username}@example.com").as_str())
    );
    assert!(session.refresh_token.is_some());
    assert!(session.clock_drift_secs.abs() <= 2);
    match &events.lock().unwrap()[..] {
        [AuthEvent::SignIn { user }] => assert_eq!(user.username, username),
        other => panic!("unexpected events {other:?}"),
    }
}

#[tokio::test]
async fn wrong_password_is_not_authorized() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    let (_guard, events) = record_events(&auth);
    let error = auth.sign_in(&username, "Wr0ng-password").await.unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::NotAuthorized));
    assert_eq!(error.code(), Some("NotAuthorizedException"));
    assert_eq!(names(&events), ["signIn_failure"]);
    assert!(matches!(
        auth.current_session().await,
        Err(AuthError::NotSignedIn)
    ));
}

#[tokio::test]
async fn unknown_user_is_refused() {
    let (auth, _) = auth();
    let error = auth.sign_in(&unique("nobody"), PASSWORD).await.unwrap_err();
    // Pools hide whether a user exists unless configured otherwise.
    assert!(matches!(
        error.kind(),
        Some(ErrorKind::NotAuthorized | ErrorKind::UserNotFound)
    ));
}

#[tokio::test]
async fn password_flow_signs_in_when_configured() {
    let (setup, _) = auth();
    let username = confirmed_user(&setup).await;
    let (auth, _) = auth_with(config().with_authentication_flow_type(AuthFlowType::UserPassword));
    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::Done
    );
    let error = {
        auth.sign_out(SignOutOptions::default()).await.unwrap();
        auth.sign_in(&username, "Wr0ng-password").await.unwrap_err()
    };
    assert_eq!(error.kind(), Some(ErrorKind::NotAuthorized));
}

#[tokio::test]
async fn signing_in_twice_is_refused() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap_err(),
        AuthError::AlreadySignedIn
    );
}

#[tokio::test]
async fn confirm_without_pending_sign_in_is_refused() {
    let (auth, _) = auth();
    assert_eq!(
        auth.confirm_sign_in("123456").await.unwrap_err(),
        AuthError::NoPendingSignIn
    );
}

#[tokio::test]
async fn admin_created_user_must_choose_a_new_password() {
    let username = unique("invited");
    admin::call(
        "AdminCreateUser",
        json!({ "UserPoolId": server().pool_id, "Username": username,
                "TemporaryPassword": "Temp0rary!", "MessageAction": "SUPPRESS",
                "UserAttributes": [{"Name": "name", "Value": "Invited"}] }),
    )
    .await;
    let (auth, _) = auth();
    let (_guard, events) = record_events(&auth);
    let step = auth.sign_in(&username, "Temp0rary!").await.unwrap();
    let SignInStep::ConfirmSignInWithNewPassword {
        required_attributes,
        user_attributes,
    } = step
    else {
        panic!("expected a new password step, got {step:?}");
    };
    // The default pool requires an email, which this user lacks.
    assert_eq!(required_attributes, ["email"]);
    assert_eq!(
        user_attributes.get("name").map(String::as_str),
        Some("Invited")
    );

    // A password the policy refuses keeps the step pending.
    let weak = auth
        .complete_new_password("weak", BTreeMap::new())
        .await
        .unwrap_err();
    assert_eq!(weak.kind(), Some(ErrorKind::InvalidPassword));
    let attributes = BTreeMap::from([("email".to_owned(), format!("{username}@example.com"))]);
    assert_eq!(
        auth.complete_new_password("N3w-Passw0rd!", attributes)
            .await
            .unwrap(),
        SignInStep::Done
    );
    assert_eq!(names(&events), ["completeNewPassword_failure", "signIn"]);
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    assert_eq!(
        auth.sign_in(&username, "N3w-Passw0rd!").await.unwrap(),
        SignInStep::Done
    );
}

#[tokio::test]
async fn secret_hash_client_signs_up_and_in() {
    let (client_id, secret) = admin::client(json!({ "GenerateSecret": true })).await;
    let secret = secret.expect("client secret");
    let config = AuthConfig::new(&server().pool_id, &client_id)
        .with_user_pool_endpoint(&server().url)
        .with_client_secret(secret);
    let (auth, _) = auth_with(config);
    let username = unique("secret");
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD).attribute("email", format!("{username}@example.com")),
    )
    .await
    .unwrap();
    auth.confirm_sign_up(&username, &code(&username, "sign_up").await)
        .await
        .unwrap();
    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::Done
    );
    auth.refresh_session().await.unwrap();

    // Without the secret the same client is refused.
    let (no_secret, _) = auth_with(
        AuthConfig::new(&server().pool_id, &client_id).with_user_pool_endpoint(&server().url),
    );
    let error = no_secret.sign_in(&username, PASSWORD).await.unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::NotAuthorized));
}

#[tokio::test]
async fn config_written_by_the_server_loads_and_signs_in() {
    let dir = std::env::temp_dir().join(unique("cognito-auth-data"));
    let options = cognito_server::Options {
        data: dir.to_string_lossy().into_owned(),
        ..cognito_server::Options::for_tests()
    };
    let running = cognito_server::start(options).await.unwrap();
    let text = std::fs::read_to_string(dir.join("auth-config.json")).unwrap();
    let config = AuthConfig::from_json(&text).unwrap();
    assert_eq!(
        config.user_pool_endpoint().unwrap(),
        format!("{}/", running.url)
    );
    let (auth, _) = auth_with(config);
    let username = unique("fromfile");
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD).attribute("email", format!("{username}@example.com")),
    )
    .await
    .unwrap();
    running.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn email_username_pool_signs_in_with_the_email_and_srp_uses_the_real_username() {
    let (pool_id, client_id) = admin::pool(json!({
        "UsernameAttributes": ["email"], "AutoVerifiedAttributes": ["email"]
    }))
    .await;
    let config = AuthConfig::new(&pool_id, &client_id).with_user_pool_endpoint(&server().url);
    let (auth, _) = auth_with(config);
    let email = format!("{}@example.com", unique("mail"));
    let result = auth
        .sign_up(SignUpInput::new(&email, PASSWORD).attribute("email", &email))
        .await
        .unwrap();
    // The pool's real username is generated; codes are filed under it.
    let code = code(&result.user_sub, "sign_up").await;
    auth.confirm_sign_up(&email, &code).await.unwrap();
    assert_eq!(
        auth.sign_in(&email, PASSWORD).await.unwrap(),
        SignInStep::Done
    );
    let user = auth.current_authenticated_user().await.unwrap();
    assert_eq!(user.username, result.user_sub);
    assert_ne!(user.username, email);
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_user_out() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    let mut last = None;
    for _ in 0..6 {
        last = Some(auth.sign_in(&username, "Wr0ng-password").await.unwrap_err());
    }
    let last = last.unwrap();
    assert_eq!(last.kind(), Some(ErrorKind::NotAuthorized));
    // Even the right password is refused while locked.
    let locked = auth.sign_in(&username, PASSWORD).await.unwrap_err();
    match locked {
        AuthError::Service(error) => assert_eq!(error.message, "Password attempts exceeded"),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn disabled_user_is_refused() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    admin::call(
        "AdminDisableUser",
        json!({ "UserPoolId": server().pool_id, "Username": username }),
    )
    .await;
    let error = auth.sign_in(&username, PASSWORD).await.unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::NotAuthorized));
}

#[tokio::test]
async fn legacy_existence_errors_say_user_not_found() {
    let (client_id, _) = admin::client(json!({ "PreventUserExistenceErrors": "LEGACY" })).await;
    let (auth, _) = auth_with(
        AuthConfig::new(&server().pool_id, &client_id).with_user_pool_endpoint(&server().url),
    );
    let error = auth.sign_in(&unique("ghost"), PASSWORD).await.unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::UserNotFound));
}

#[tokio::test]
async fn a_password_reset_by_an_administrator_leads_to_the_reset_step() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    admin::call(
        "AdminResetUserPassword",
        json!({ "UserPoolId": server().pool_id, "Username": username }),
    )
    .await;
    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::ResetPassword
    );
    // The step is answered as Amplify does: forgot password with the code that was sent.
    auth.forgot_password(&username).await.unwrap();
    let reset = code(&username, "forgot_password").await;
    auth.forgot_password_submit(&username, &reset, "Res3t-Passw0rd!")
        .await
        .unwrap();
    assert_eq!(
        auth.sign_in(&username, "Res3t-Passw0rd!").await.unwrap(),
        SignInStep::Done
    );
}
