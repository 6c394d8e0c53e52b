//! Sign-up, confirmation and code resending.

use cognito_auth::{AuthError, ErrorKind, SignInStep, SignUpInput, ValidationError};

use crate::common::{PASSWORD, auth, code, confirmed_user, names, record_events, unique};

#[tokio::test]
async fn sign_up_delivers_a_code_and_confirming_allows_sign_in() {
    let (auth, _) = auth();
    let (_guard, events) = record_events(&auth);
    let username = unique("signup");
    let result = auth
        .sign_up(
            SignUpInput::new(&username, PASSWORD)
                .attribute("email", format!("{username}@example.com"))
                .validation_data("source", "test"),
        )
        .await
        .unwrap();
    assert!(!result.user_confirmed);
    assert!(!result.user_sub.is_empty());
    let delivery = result.code_delivery.unwrap();
    assert_eq!(delivery.medium, Some(cognito_auth::DeliveryMedium::Email));
    assert_eq!(delivery.attribute_name.as_deref(), Some("email"));

    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::ConfirmSignUp
    );
    auth.confirm_sign_up(&username, &code(&username, "sign_up").await)
        .await
        .unwrap();
    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::Done
    );
    assert_eq!(names(&events), ["signUp", "confirmSignUp", "signIn"]);
}

#[tokio::test]
async fn taken_username_is_username_exists() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    let (_guard, events) = record_events(&auth);
    let error = auth
        .sign_up(SignUpInput::new(&username, PASSWORD).attribute("email", "x@example.com"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::UsernameExists));
    assert_eq!(names(&events), ["signUp_failure"]);
}

#[tokio::test]
async fn weak_password_is_invalid_password() {
    let (auth, _) = auth();
    let error = auth
        .sign_up(SignUpInput::new(unique("weak"), "short").attribute("email", "w@example.com"))
        .await
        .unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::InvalidPassword));
}

#[tokio::test]
async fn wrong_confirmation_code_is_code_mismatch() {
    let (auth, _) = auth();
    let username = unique("mismatch");
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD).attribute("email", format!("{username}@example.com")),
    )
    .await
    .unwrap();
    let right = code(&username, "sign_up").await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let error = auth.confirm_sign_up(&username, wrong).await.unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::CodeMismatch));
}

#[tokio::test]
async fn resent_code_supersedes_the_first() {
    let (auth, _) = auth();
    let username = unique("resend");
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD).attribute("email", format!("{username}@example.com")),
    )
    .await
    .unwrap();
    let delivery = auth.resend_sign_up(&username).await.unwrap().unwrap();
    assert_eq!(delivery.medium, Some(cognito_auth::DeliveryMedium::Email));
    auth.confirm_sign_up(&username, &code(&username, "sign_up").await)
        .await
        .unwrap();
    // Confirming twice is refused by Cognito.
    let again = auth
        .confirm_sign_up(&username, &code(&username, "sign_up").await)
        .await
        .unwrap_err();
    assert_eq!(again.kind(), Some(ErrorKind::NotAuthorized));
}

#[tokio::test]
async fn empty_username_is_refused_locally() {
    let (auth, _) = auth();
    let error = auth
        .sign_up(SignUpInput::new(" ", PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(error, AuthError::Validation(ValidationError::EmptyUsername));
}

#[tokio::test]
async fn auto_sign_in_after_confirmation_uses_the_sign_up_password() {
    let (auth, _) = auth();
    let username = unique("auto");
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD)
            .attribute("email", format!("{username}@example.com"))
            .auto_sign_in(true),
    )
    .await
    .unwrap();
    // Not before the sign-up is confirmed; the credentials wait.
    assert_eq!(
        auth.auto_sign_in().await.unwrap_err(),
        AuthError::NoPendingSignIn
    );
    auth.confirm_sign_up(&username, &code(&username, "sign_up").await)
        .await
        .unwrap();
    let (_guard, events) = record_events(&auth);
    assert_eq!(auth.auto_sign_in().await.unwrap(), SignInStep::Done);
    assert_eq!(names(&events), ["signIn", "autoSignIn"]);
    // The password is used once.
    assert_eq!(
        auth.auto_sign_in().await.unwrap_err(),
        AuthError::NoPendingSignIn
    );
}
