//! MFA: TOTP setup and sign-in, SMS codes, choosing between them, setup required by the pool.

use cognito_auth::{
    Auth, AuthConfig, ErrorKind, MfaPreference, MfaType, SignInStep, SignOutOptions, SignUpInput,
};
use serde_json::json;

use crate::common::{
    PASSWORD, admin, auth, auth_with, code, confirmed_user, now, server, totp, unique,
};

/// Signs in, adds TOTP and makes it preferred; returns the secret. Leaves the user signed out.
async fn with_totp(auth: &Auth, username: &str) -> String {
    auth.sign_in(username, PASSWORD).await.unwrap();
    let setup = auth.setup_totp().await.unwrap();
    assert!(
        setup
            .otpauth_uri
            .starts_with(&format!("otpauth://totp/AWSCognito:{username}?secret="))
    );
    assert!(setup.otpauth_uri.ends_with("&issuer=AWSCognito"));
    auth.verify_totp_token(&totp(&setup.secret, now()))
        .await
        .unwrap();
    auth.set_preferred_mfa(MfaPreference::Totp).await.unwrap();
    assert_eq!(auth.get_preferred_mfa().await.unwrap(), MfaPreference::Totp);
    let preferences = auth.fetch_mfa_preference().await.unwrap();
    assert_eq!(preferences.enabled, [MfaType::Totp]);
    assert_eq!(preferences.preferred, Some(MfaType::Totp));
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    setup.secret
}

#[tokio::test]
async fn totp_user_confirms_sign_in_with_a_code() {
    let (auth, _) = auth();
    let username = confirmed_user(&auth).await;
    let secret = with_totp(&auth, &username).await;

    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::ConfirmSignInWithTotpCode
    );
    let code = totp(&secret, now());
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let error = auth.confirm_sign_in(wrong).await.unwrap_err();
    assert_eq!(error.kind(), Some(ErrorKind::CodeMismatch));
    assert_eq!(auth.confirm_sign_in(&code).await.unwrap(), SignInStep::Done);

    auth.set_preferred_mfa(MfaPreference::NoMfa).await.unwrap();
    assert_eq!(
        auth.get_preferred_mfa().await.unwrap(),
        MfaPreference::NoMfa
    );
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::Done
    );
}

/// A confirmed user with a phone number.
async fn user_with_phone(auth: &Auth) -> String {
    let username = unique("phone");
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD)
            .attribute("email", format!("{username}@example.com"))
            .attribute("phone_number", "+15550100123"),
    )
    .await
    .unwrap();
    auth.confirm_sign_up(&username, &code(&username, "sign_up").await)
        .await
        .unwrap();
    username
}

#[tokio::test]
async fn sms_user_confirms_sign_in_with_the_texted_code() {
    let (auth, _) = auth();
    let username = user_with_phone(&auth).await;
    auth.sign_in(&username, PASSWORD).await.unwrap();
    auth.set_preferred_mfa(MfaPreference::Sms).await.unwrap();
    assert_eq!(auth.get_preferred_mfa().await.unwrap(), MfaPreference::Sms);
    auth.sign_out(SignOutOptions::default()).await.unwrap();

    let step = auth.sign_in(&username, PASSWORD).await.unwrap();
    let SignInStep::ConfirmSignInWithSmsCode { code_delivery } = step else {
        panic!("expected an SMS step, got {step:?}");
    };
    let delivery = code_delivery.unwrap();
    assert_eq!(delivery.medium, Some(cognito_auth::DeliveryMedium::Sms));
    assert!(delivery.destination.unwrap().ends_with("0123"));
    let code = code(&username, "sms_mfa").await;
    assert_eq!(auth.confirm_sign_in(&code).await.unwrap(), SignInStep::Done);
}

#[tokio::test]
async fn user_with_both_methods_selects_one() {
    let (auth, _) = auth();
    let username = user_with_phone(&auth).await;
    let secret = with_totp(&auth, &username).await;
    // Both methods enabled and neither preferred: Cognito asks which to use.
    admin::call(
        "AdminSetUserMFAPreference",
        json!({ "UserPoolId": server().pool_id, "Username": username,
                "SMSMfaSettings": {"Enabled": true, "PreferredMfa": false},
                "SoftwareTokenMfaSettings": {"Enabled": true, "PreferredMfa": false} }),
    )
    .await;

    let step = auth.sign_in(&username, PASSWORD).await.unwrap();
    let SignInStep::ContinueSignInWithMfaSelection { allowed } = step else {
        panic!("expected an MFA choice, got {step:?}");
    };
    assert_eq!(allowed, [MfaType::Sms, MfaType::Totp]);
    assert_eq!(
        auth.select_mfa_type(MfaType::Totp).await.unwrap(),
        SignInStep::ConfirmSignInWithTotpCode
    );
    assert_eq!(
        auth.confirm_sign_in(&totp(&secret, now())).await.unwrap(),
        SignInStep::Done
    );
}

#[tokio::test]
async fn pool_requiring_mfa_sets_up_totp_during_sign_in() {
    let (pool_id, client_id) = admin::pool(json!({ "MfaConfiguration": "ON" })).await;
    let config = AuthConfig::new(&pool_id, &client_id)
        .with_user_pool_endpoint(&server().url)
        .with_totp_issuer("Local Test");
    let (auth, _) = auth_with(config);
    let username = unique("mfaon");
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD).attribute("email", format!("{username}@example.com")),
    )
    .await
    .unwrap();
    admin::call(
        "AdminConfirmSignUp",
        json!({ "UserPoolId": pool_id, "Username": username }),
    )
    .await;

    let step = auth.sign_in(&username, PASSWORD).await.unwrap();
    let SignInStep::ContinueSignInWithTotpSetup {
        secret,
        otpauth_uri,
    } = step
    else {
        panic!("expected TOTP setup, got {step:?}");
    };
    assert_eq!(
        otpauth_uri,
        format!("otpauth://totp/Local%20Test:{username}?secret={secret}&issuer=Local%20Test")
    );
    assert_eq!(
        auth.confirm_sign_in(&totp(&secret, now())).await.unwrap(),
        SignInStep::Done
    );
}

#[tokio::test]
async fn pool_requiring_mfa_texts_users_with_a_phone() {
    let (pool_id, client_id) = admin::pool(json!({ "MfaConfiguration": "ON" })).await;
    let config = AuthConfig::new(&pool_id, &client_id).with_user_pool_endpoint(&server().url);
    let (auth, _) = auth_with(config);
    let username = unique("mfaonsms");
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD)
            .attribute("email", format!("{username}@example.com"))
            .attribute("phone_number", "+15550100999"),
    )
    .await
    .unwrap();
    admin::call(
        "AdminConfirmSignUp",
        json!({ "UserPoolId": pool_id, "Username": username }),
    )
    .await;
    let step = auth.sign_in(&username, PASSWORD).await.unwrap();
    assert!(
        matches!(step, SignInStep::ConfirmSignInWithSmsCode { .. }),
        "{step:?}"
    );
    let wrong = auth.confirm_sign_in("000000x").await.unwrap_err();
    assert!(wrong.code().is_some());
    // A wrong code leaves the step pending: the right one still completes it.
    assert_eq!(
        auth.confirm_sign_in(&code(&username, "sms_mfa").await)
            .await
            .unwrap(),
        SignInStep::Done
    );
}
