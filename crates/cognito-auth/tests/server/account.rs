//! The signed-in user's account: attributes, verification, password changes and resets, deletion.

use std::collections::BTreeMap;

use cognito_auth::{AuthError, ErrorKind, SignInStep, SignOutOptions};

use crate::common::{PASSWORD, auth, code, confirmed_user, names, record_events};

#[tokio::test]
async fn attributes_can_be_read_updated_verified_and_deleted() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();

    let attributes = auth.user_attributes().await.unwrap();
    assert_eq!(
        attributes.get("email").map(String::as_str),
        Some(format!("{username}@example.com").as_str())
    );
    assert_eq!(
        attributes.get("email_verified").map(String::as_str),
        Some("true")
    );
    let info = auth.current_user_info().await.unwrap();
    assert_eq!(info.username, username);
    assert_eq!(Some(&info.id), attributes.get("sub"));

    let (_guard, events) = record_events(&auth);
    let result = auth
        .update_user_attributes(BTreeMap::from([
            ("name".to_owned(), "Alice".to_owned()),
            ("email".to_owned(), format!("new-{username}@example.com")),
        ]))
        .await
        .unwrap();
    // A new email needs verifying: a code went to it.
    assert_eq!(result.code_deliveries.len(), 1);
    assert_eq!(
        result.code_deliveries[0].attribute_name.as_deref(),
        Some("email")
    );
    assert_eq!(names(&events), ["updateUserAttributes"]);
    let contact = auth.verified_contact().await.unwrap();
    assert!(contact.unverified.contains_key("email"), "{contact:?}");

    auth.verify_current_user_attribute("email").await.unwrap();
    let wrong = auth
        .verify_current_user_attribute_submit("email", "000000x")
        .await
        .unwrap_err();
    assert!(wrong.code().is_some());
    auth.verify_current_user_attribute_submit("email", &code(&username, "verify_email").await)
        .await
        .unwrap();
    let contact = auth.verified_contact().await.unwrap();
    assert_eq!(
        contact.verified.get("email").map(String::as_str),
        Some(format!("new-{username}@example.com").as_str())
    );

    auth.delete_user_attributes(&["name"]).await.unwrap();
    assert!(!auth.user_attributes().await.unwrap().contains_key("name"));
}

#[tokio::test]
async fn changed_password_is_the_one_that_signs_in() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    let wrong_old = auth
        .change_password("Not-the-0ld!", "N3w-Passw0rd!")
        .await
        .unwrap_err();
    assert_eq!(wrong_old.kind(), Some(ErrorKind::NotAuthorized));
    auth.change_password(PASSWORD, "N3w-Passw0rd!")
        .await
        .unwrap();
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    let old = auth.sign_in(&username, PASSWORD).await.unwrap_err();
    assert_eq!(old.kind(), Some(ErrorKind::NotAuthorized));
    assert_eq!(
        auth.sign_in(&username, "N3w-Passw0rd!").await.unwrap(),
        SignInStep::Done
    );
}

#[tokio::test]
async fn forgotten_password_is_reset_with_the_code() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    let (_guard, events) = record_events(&auth);
    let delivery = auth.forgot_password(&username).await.unwrap().unwrap();
    assert_eq!(delivery.medium, Some(cognito_auth::DeliveryMedium::Email));
    let code = code(&username, "forgot_password").await;
    let wrong = auth
        .forgot_password_submit(&username, "000000x", "N3w-Passw0rd!")
        .await
        .unwrap_err();
    assert!(wrong.code().is_some());
    auth.forgot_password_submit(&username, &code, "N3w-Passw0rd!")
        .await
        .unwrap();
    assert_eq!(
        names(&events),
        [
            "forgotPassword",
            "forgotPasswordSubmit_failure",
            "forgotPasswordSubmit"
        ]
    );
    assert_eq!(
        auth.sign_in(&username, "N3w-Passw0rd!").await.unwrap(),
        SignInStep::Done
    );
}

#[tokio::test]
async fn deleted_user_is_signed_out_and_gone() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    let (_guard, events) = record_events(&auth);
    auth.delete_user().await.unwrap();
    assert_eq!(names(&events), ["userDeleted", "signOut"]);
    assert_eq!(
        auth.current_session().await.unwrap_err(),
        AuthError::NotSignedIn
    );
    let error = auth.sign_in(&username, PASSWORD).await.unwrap_err();
    assert!(matches!(
        error.kind(),
        Some(ErrorKind::NotAuthorized | ErrorKind::UserNotFound)
    ));
}

#[tokio::test]
async fn used_reset_code_is_expired() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    let none_requested = auth
        .forgot_password_submit(&username, "123456", "N3w-Passw0rd!")
        .await
        .unwrap_err();
    assert_eq!(none_requested.kind(), Some(ErrorKind::ExpiredCode));
    auth.forgot_password(&username).await.unwrap();
    let code = code(&username, "forgot_password").await;
    auth.forgot_password_submit(&username, &code, "N3w-Passw0rd!")
        .await
        .unwrap();
    let reused = auth
        .forgot_password_submit(&username, &code, "An0ther-Passw0rd!")
        .await
        .unwrap_err();
    assert_eq!(reused.kind(), Some(ErrorKind::ExpiredCode));
}

#[tokio::test]
async fn too_many_wrong_codes_use_the_code_up() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    auth.forgot_password(&username).await.unwrap();
    let right = code(&username, "forgot_password").await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    let mut kinds = Vec::new();
    for _ in 0..5 {
        let error = auth
            .forgot_password_submit(&username, wrong, "N3w-Passw0rd!")
            .await
            .unwrap_err();
        kinds.push(error.kind().unwrap());
    }
    assert_eq!(kinds[0], ErrorKind::CodeMismatch);
    assert_eq!(kinds[4], ErrorKind::TooManyFailedAttempts);
    // The right code no longer works either.
    let after = auth
        .forgot_password_submit(&username, &right, "N3w-Passw0rd!")
        .await
        .unwrap_err();
    assert_ne!(after.kind(), None);
}
