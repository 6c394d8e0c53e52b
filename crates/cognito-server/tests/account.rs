//! Sign-up errors and codes, passwords, attributes, MFA and account deletion over HTTP.

mod common;

use common::flows::{
    PASSWORD, code_for, confirm_sign_up, confirmed_user, other_code, password_sign_in, sign_up,
    srp_sign_in, tokens,
};
use common::{call, send, server, unique};
use serde_json::{Value, json};

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

#[tokio::test]
async fn sign_up_refuses_weak_passwords_taken_names_and_missing_attributes() {
    let username = unique("weak");
    let message = sign_up(&username, "short")
        .await
        .err("InvalidPasswordException");
    assert_eq!(
        message,
        "Password did not conform with policy: Password not long enough"
    );
    let message = sign_up(&username, "longenough1!")
        .await
        .err("InvalidPasswordException");
    assert_eq!(
        message,
        "Password did not conform with policy: Password must have uppercase characters"
    );

    sign_up(&username, PASSWORD).await.ok();
    let message = sign_up(&username, PASSWORD)
        .await
        .err("UsernameExistsException");
    assert_eq!(message, "User already exists");

    let message = call(
        "SignUp",
        json!({ "ClientId": server().client_id, "Username": unique("noemail"), "Password": PASSWORD }),
    )
    .await
    .err("InvalidParameterException");
    assert!(message.contains("email"), "{message}");

    call(
        "SignUp",
        json!({
            "ClientId": server().client_id,
            "Username": unique("badattr"),
            "Password": PASSWORD,
            "UserAttributes": [{ "Name": "shoe_size", "Value": "9" }],
        }),
    )
    .await
    .err("InvalidParameterException");
    call(
        "SignUp",
        json!({ "ClientId": server().client_id, "Username": "has space", "Password": PASSWORD,
                "UserAttributes": [{ "Name": "email", "Value": "a@b.c" }] }),
    )
    .await
    .err("InvalidParameterException");
}

#[tokio::test]
async fn confirmation_codes_are_checked_single_use_and_replaced_on_resend() {
    let username = unique("codes");
    sign_up(&username, PASSWORD).await.ok();
    let first = code_for(&username, "sign_up").await;
    let wrong = other_code(&first);
    let message = confirm_sign_up(&username, wrong)
        .await
        .err("CodeMismatchException");
    assert_eq!(
        message,
        "Invalid verification code provided, please try again."
    );

    let resent = call(
        "ResendConfirmationCode",
        json!({ "ClientId": server().client_id, "Username": username }),
    )
    .await
    .ok();
    assert_eq!(resent["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL");
    let second = code_for(&username, "sign_up").await;
    if first != second {
        confirm_sign_up(&username, &first)
            .await
            .err("CodeMismatchException");
    }
    confirm_sign_up(&username, &second).await.ok();
    let message = confirm_sign_up(&username, &second)
        .await
        .err("NotAuthorizedException");
    assert_eq!(
        message,
        "User cannot be confirmed. Current status is CONFIRMED"
    );
    call(
        "ResendConfirmationCode",
        json!({ "ClientId": server().client_id, "Username": username }),
    )
    .await
    .err("InvalidParameterException");
}

#[tokio::test]
async fn too_many_wrong_codes_burn_the_code() {
    let username = unique("burn");
    sign_up(&username, PASSWORD).await.ok();
    let code = code_for(&username, "sign_up").await;
    let wrong = other_code(&code);
    for _ in 0..4 {
        confirm_sign_up(&username, wrong)
            .await
            .err("CodeMismatchException");
    }
    confirm_sign_up(&username, wrong)
        .await
        .err("TooManyFailedAttemptsException");
    confirm_sign_up(&username, &code)
        .await
        .err("ExpiredCodeException");
}

#[tokio::test]
async fn forgot_password_resets_with_the_emailed_code() {
    let username = confirmed_user("forgetful").await;
    let reply = call(
        "ForgotPassword",
        json!({ "ClientId": server().client_id, "Username": username }),
    )
    .await
    .ok();
    assert_eq!(reply["CodeDeliveryDetails"]["AttributeName"], "email");
    let code = code_for(&username, "forgot_password").await;
    let new_password = "N3w-password!";
    call(
        "ConfirmForgotPassword",
        json!({ "ClientId": server().client_id, "Username": username,
                "ConfirmationCode": code, "Password": "weak" }),
    )
    .await
    .err("InvalidPasswordException");
    call(
        "ConfirmForgotPassword",
        json!({ "ClientId": server().client_id, "Username": username,
                "ConfirmationCode": code, "Password": new_password }),
    )
    .await
    .ok();
    password_sign_in(&username, PASSWORD)
        .await
        .err("NotAuthorizedException");
    let (reply, _) = srp_sign_in(&username, new_password).await;
    reply.ok();
    call(
        "ConfirmForgotPassword",
        json!({ "ClientId": server().client_id, "Username": username,
                "ConfirmationCode": code, "Password": "An0ther-password!" }),
    )
    .await
    .err("ExpiredCodeException");
}

#[tokio::test]
async fn forgot_password_for_unknown_users_reveals_nothing() {
    let reply = call(
        "ForgotPassword",
        json!({ "ClientId": server().client_id, "Username": unique("ghost") }),
    )
    .await
    .ok();
    assert!(reply["CodeDeliveryDetails"].is_object());
}

#[tokio::test]
async fn change_password_needs_the_previous_one() {
    let username = confirmed_user("changer").await;
    let access = tokens(&username).await["AccessToken"].clone();
    let message = call(
        "ChangePassword",
        json!({ "AccessToken": access, "PreviousPassword": "Wrong-passw0rd", "ProposedPassword": "N3w-password!" }),
    )
    .await
    .err("NotAuthorizedException");
    assert_eq!(message, "Incorrect username or password.");
    call(
        "ChangePassword",
        json!({ "AccessToken": access, "PreviousPassword": PASSWORD, "ProposedPassword": "nope" }),
    )
    .await
    .err("InvalidPasswordException");
    call(
        "ChangePassword",
        json!({ "AccessToken": access, "PreviousPassword": PASSWORD, "ProposedPassword": "N3w-password!" }),
    )
    .await
    .ok();
    password_sign_in(&username, "N3w-password!").await.ok();
}

fn attribute(user: &Value, name: &str) -> Option<String> {
    user["UserAttributes"]
        .as_array()?
        .iter()
        .find(|a| a["Name"] == name)
        .and_then(|a| a["Value"].as_str())
        .map(str::to_owned)
}

#[tokio::test]
async fn attributes_update_verify_and_delete() {
    let username = confirmed_user("attrs").await;
    let access = tokens(&username).await["AccessToken"].clone();
    let reply = call(
        "UpdateUserAttributes",
        json!({ "AccessToken": access, "UserAttributes": [
            { "Name": "name", "Value": "Ada" },
            { "Name": "email", "Value": "new@example.com" },
        ]}),
    )
    .await
    .ok();
    assert_eq!(
        reply["CodeDeliveryDetailsList"][0]["AttributeName"],
        "email"
    );
    let user = call("GetUser", json!({ "AccessToken": access })).await.ok();
    assert_eq!(attribute(&user, "name").as_deref(), Some("Ada"));
    assert_eq!(attribute(&user, "email_verified").as_deref(), Some("false"));

    call(
        "VerifyUserAttribute",
        json!({ "AccessToken": access, "AttributeName": "email", "Code": "000000x" }),
    )
    .await
    .err("CodeMismatchException");
    let code = code_for(&username, "verify_email").await;
    call(
        "VerifyUserAttribute",
        json!({ "AccessToken": access, "AttributeName": "email", "Code": code }),
    )
    .await
    .ok();
    let user = call("GetUser", json!({ "AccessToken": access })).await.ok();
    assert_eq!(attribute(&user, "email_verified").as_deref(), Some("true"));

    call(
        "GetUserAttributeVerificationCode",
        json!({ "AccessToken": access, "AttributeName": "email" }),
    )
    .await
    .ok();
    call(
        "DeleteUserAttributes",
        json!({ "AccessToken": access, "UserAttributeNames": ["name"] }),
    )
    .await
    .ok();
    call(
        "DeleteUserAttributes",
        json!({ "AccessToken": access, "UserAttributeNames": ["email"] }),
    )
    .await
    .err("InvalidParameterException");
    let user = call("GetUser", json!({ "AccessToken": access })).await.ok();
    assert_eq!(attribute(&user, "name"), None);
    call(
        "UpdateUserAttributes",
        json!({ "AccessToken": access, "UserAttributes": [{ "Name": "sub", "Value": "x" }] }),
    )
    .await
    .err("InvalidParameterException");
}

fn totp_now(secret: &str) -> String {
    cognito_server::totp::current_code(secret, now()).expect("base32 secret")
}

/// Associates and verifies an authenticator with the access token, then enables it.
async fn enable_totp(access: &Value) -> String {
    let secret = call("AssociateSoftwareToken", json!({ "AccessToken": access }))
        .await
        .ok()["SecretCode"]
        .as_str()
        .expect("SecretCode")
        .to_owned();
    call(
        "VerifySoftwareToken",
        json!({ "AccessToken": access, "UserCode": "12345x" }),
    )
    .await
    .err("EnableSoftwareTokenMFAException");
    let verified = call(
        "VerifySoftwareToken",
        json!({ "AccessToken": access, "UserCode": totp_now(&secret) }),
    )
    .await
    .ok();
    assert_eq!(verified["Status"], "SUCCESS");
    call(
        "SetUserMFAPreference",
        json!({ "AccessToken": access,
                "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }),
    )
    .await
    .ok();
    secret
}

#[tokio::test]
async fn totp_mfa_is_set_up_and_then_asked_for() {
    let username = confirmed_user("totp").await;
    let access = tokens(&username).await["AccessToken"].clone();
    call(
        "SetUserMFAPreference",
        json!({ "AccessToken": access, "SoftwareTokenMfaSettings": { "Enabled": true } }),
    )
    .await
    .err("SoftwareTokenMFANotFoundException");
    let secret = enable_totp(&access).await;
    let user = call("GetUser", json!({ "AccessToken": access })).await.ok();
    assert_eq!(user["PreferredMfaSetting"], "SOFTWARE_TOKEN_MFA");

    let challenge = srp_sign_in(&username, PASSWORD).await.0.ok();
    assert_eq!(challenge["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    let session = challenge["Session"].clone();
    let answer = |code: String| {
        let (username, session) = (username.clone(), session.clone());
        async move {
            call(
                "RespondToAuthChallenge",
                json!({ "ClientId": server().client_id, "ChallengeName": "SOFTWARE_TOKEN_MFA",
                        "Session": session,
                        "ChallengeResponses": { "USERNAME": username, "SOFTWARE_TOKEN_MFA_CODE": code } }),
            )
            .await
        }
    };
    answer("000000x".into()).await.err("CodeMismatchException");
    let done = answer(totp_now(&secret)).await.ok();
    assert!(done["AuthenticationResult"]["AccessToken"].is_string());
    // The session was used up by the successful answer.
    answer(totp_now(&secret))
        .await
        .err("NotAuthorizedException");
}

#[tokio::test]
async fn wrong_totp_codes_count_towards_lockout() {
    let username = confirmed_user("guesser").await;
    let access = tokens(&username).await["AccessToken"].clone();
    let secret = enable_totp(&access).await;
    let challenge = srp_sign_in(&username, PASSWORD).await.0.ok();
    let answer = |code: String| {
        let (username, session) = (username.clone(), challenge["Session"].clone());
        async move {
            call(
                "RespondToAuthChallenge",
                json!({ "ClientId": server().client_id, "ChallengeName": "SOFTWARE_TOKEN_MFA",
                        "Session": session,
                        "ChallengeResponses": { "USERNAME": username, "SOFTWARE_TOKEN_MFA_CODE": code } }),
            )
            .await
        }
    };
    for _ in 0..5 {
        answer("00000x".into()).await.err("CodeMismatchException");
    }
    let message = answer(totp_now(&secret))
        .await
        .err("NotAuthorizedException");
    assert_eq!(message, "Password attempts exceeded");
}

#[tokio::test]
async fn sms_mfa_sends_a_code_and_select_mfa_type_offers_both() {
    let username = confirmed_user("sms").await;
    let access = tokens(&username).await["AccessToken"].clone();
    call(
        "UpdateUserAttributes",
        json!({ "AccessToken": access, "UserAttributes": [{ "Name": "phone_number", "Value": "+15555550123" }] }),
    )
    .await
    .ok();
    call(
        "SetUserMFAPreference",
        json!({ "AccessToken": access, "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } }),
    )
    .await
    .ok();
    let challenge = srp_sign_in(&username, PASSWORD).await.0.ok();
    assert_eq!(challenge["ChallengeName"], "SMS_MFA");
    assert_eq!(
        challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"],
        "+*******0123"
    );
    let code = code_for(&username, "sms_mfa").await;
    let done = call(
        "RespondToAuthChallenge",
        json!({ "ClientId": server().client_id, "ChallengeName": "SMS_MFA",
                "Session": challenge["Session"],
                "ChallengeResponses": { "USERNAME": username, "SMS_MFA_CODE": code } }),
    )
    .await
    .ok();
    assert!(done["AuthenticationResult"]["IdToken"].is_string());

    // With both methods on and neither preferred, the user chooses.
    let secret = enable_totp(&access).await;
    call(
        "SetUserMFAPreference",
        json!({ "AccessToken": access,
                "SMSMfaSettings": { "Enabled": true, "PreferredMfa": false },
                "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": false } }),
    )
    .await
    .ok();
    let challenge = srp_sign_in(&username, PASSWORD).await.0.ok();
    assert_eq!(challenge["ChallengeName"], "SELECT_MFA_TYPE");
    let choices: Vec<String> = serde_json::from_str(
        challenge["ChallengeParameters"]["MFAS_CAN_CHOOSE"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(choices, ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    let next = call(
        "RespondToAuthChallenge",
        json!({ "ClientId": server().client_id, "ChallengeName": "SELECT_MFA_TYPE",
                "Session": challenge["Session"],
                "ChallengeResponses": { "USERNAME": username, "ANSWER": "SOFTWARE_TOKEN_MFA" } }),
    )
    .await
    .ok();
    assert_eq!(next["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    call(
        "RespondToAuthChallenge",
        json!({ "ClientId": server().client_id, "ChallengeName": "SOFTWARE_TOKEN_MFA",
                "Session": next["Session"],
                "ChallengeResponses": { "USERNAME": username, "SOFTWARE_TOKEN_MFA_CODE": totp_now(&secret) } }),
    )
    .await
    .ok();
}

#[tokio::test]
async fn delete_user_removes_the_account() {
    let username = confirmed_user("leaver").await;
    let access = tokens(&username).await["AccessToken"].clone();
    call("DeleteUser", json!({ "AccessToken": access }))
        .await
        .ok();
    call("GetUser", json!({ "AccessToken": access }))
        .await
        .err("UserNotFoundException");
    password_sign_in(&username, PASSWORD)
        .await
        .err("NotAuthorizedException");
}

#[tokio::test]
async fn malformed_requests_are_typed_400s() {
    for body in [&b"{"[..], b"[1,2]", b"null", b"\"\\ud800\"", b"\xff\xff"] {
        send("SignUp", body.to_vec())
            .await
            .err("SerializationException");
    }
    send("SignUp", br#"{"ClientId": 42}"#.to_vec())
        .await
        .err("SerializationException");
    send(
        "InitiateAuth",
        br#"{"AuthParameters": {"USERNAME": 1}}"#.to_vec(),
    )
    .await
    .err("SerializationException");
    let message = call("SignUp", json!({}))
        .await
        .err("InvalidParameterException");
    assert!(message.contains("clientId"), "{message}");
    call("GetUser", json!({}))
        .await
        .err("InvalidParameterException");
    call(
        "RespondToAuthChallenge",
        json!({ "ClientId": server().client_id, "ChallengeName": "SMS_MFA", "Session": "xyz",
                "ChallengeResponses": { "SMS_MFA_CODE": "1" } }),
    )
    .await
    .err("NotAuthorizedException");
    // Unicode edge cases in names are data, not crashes.
    call(
        "SignUp",
        json!({ "ClientId": server().client_id, "Username": "\u{202e}\u{0000}", "Password": PASSWORD }),
    )
    .await
    .err("InvalidParameterException");
    call(
        "InitiateAuth",
        json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": server().client_id,
                "AuthParameters": { "USERNAME": "🦀", "SRP_A": "zz" } }),
    )
    .await
    .err("InvalidParameterException");
}
