//! Sign-up, confirmation, SRP and password sign-in, refresh and sign-out over HTTP.

mod common;

use common::flows::{
    PASSWORD, code_for, confirmed_user, password_sign_in, sign_up, srp_sign_in, tokens, verify_jwt,
};
use common::{call, server, unique};
use serde_json::json;

#[tokio::test]
async fn sign_up_confirm_srp_sign_in_refresh_and_global_sign_out() {
    let username = unique("alice");
    let signed_up = sign_up(&username, PASSWORD).await.ok();
    assert_eq!(signed_up["UserConfirmed"], false);
    assert_eq!(signed_up["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL");
    assert_eq!(signed_up["CodeDeliveryDetails"]["AttributeName"], "email");
    let sub = signed_up["UserSub"].as_str().unwrap().to_owned();

    let code = code_for(&username, "sign_up").await;
    call(
        "ConfirmSignUp",
        json!({ "ClientId": server().client_id, "Username": username, "ConfirmationCode": code }),
    )
    .await
    .ok();

    let (reply, _) = srp_sign_in(&username, PASSWORD).await;
    let result = reply.ok()["AuthenticationResult"].clone();
    assert_eq!(result["TokenType"], "Bearer");
    assert_eq!(result["ExpiresIn"], 3600);
    let access = result["AccessToken"].as_str().unwrap().to_owned();
    let refresh = result["RefreshToken"].as_str().unwrap().to_owned();

    let (id_header, id_claims) = verify_jwt(result["IdToken"].as_str().unwrap()).await;
    let (access_header, access_claims) = verify_jwt(&access).await;
    assert_ne!(
        id_header["kid"], access_header["kid"],
        "id and access keys differ"
    );
    let issuer = format!("{}/{}", server().url, server().pool_id);
    assert_eq!(id_claims["iss"], issuer);
    assert_eq!(id_claims["token_use"], "id");
    assert_eq!(id_claims["aud"], server().client_id);
    assert_eq!(id_claims["sub"], sub);
    assert_eq!(id_claims["cognito:username"], username);
    assert_eq!(id_claims["email"], format!("{username}@example.com"));
    assert_eq!(id_claims["email_verified"], true);
    assert_eq!(access_claims["token_use"], "access");
    assert_eq!(access_claims["client_id"], server().client_id);
    assert_eq!(access_claims["username"], username);
    assert_eq!(access_claims["scope"], "aws.cognito.signin.user.admin");
    assert!(access_claims["iat"].is_i64() && access_claims["origin_jti"].is_string());

    let user = call("GetUser", json!({ "AccessToken": access })).await.ok();
    assert_eq!(user["Username"], username);
    assert!(
        user["UserAttributes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["Name"] == "email_verified" && a["Value"] == "true")
    );

    let refreshed = call(
        "InitiateAuth",
        json!({
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "ClientId": server().client_id,
            "AuthParameters": { "REFRESH_TOKEN": refresh },
        }),
    )
    .await
    .ok();
    let new_access = refreshed["AuthenticationResult"]["AccessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(refreshed["AuthenticationResult"]["RefreshToken"].is_null());
    let (_, new_claims) = verify_jwt(&new_access).await;
    assert_eq!(new_claims["origin_jti"], access_claims["origin_jti"]);
    assert_eq!(new_claims["auth_time"], access_claims["auth_time"]);

    call("GlobalSignOut", json!({ "AccessToken": new_access }))
        .await
        .ok();
    let message = call("GetUser", json!({ "AccessToken": access }))
        .await
        .err("NotAuthorizedException");
    assert_eq!(message, "Access Token has been revoked");
    let message = call(
        "GetTokensFromRefreshToken",
        json!({ "ClientId": server().client_id, "RefreshToken": refresh }),
    )
    .await
    .err("NotAuthorizedException");
    assert_eq!(message, "Refresh Token has been revoked");
}

#[tokio::test]
async fn wrong_password_is_not_authorized() {
    let username = confirmed_user("bob").await;
    let (reply, _) = srp_sign_in(&username, "Wrong-passw0rd").await;
    assert_eq!(
        reply.err("NotAuthorizedException"),
        "Incorrect username or password."
    );
    let message = password_sign_in(&username, "Wrong-passw0rd")
        .await
        .err("NotAuthorizedException");
    assert_eq!(message, "Incorrect username or password.");
}

#[tokio::test]
async fn user_password_auth_signs_in() {
    let username = confirmed_user("carol").await;
    let reply = password_sign_in(&username, PASSWORD).await.ok();
    let (_, claims) = verify_jwt(reply["AuthenticationResult"]["IdToken"].as_str().unwrap()).await;
    assert_eq!(claims["cognito:username"], username);
}

#[tokio::test]
async fn unknown_user_gets_a_decoy_challenge_and_the_wrong_password_message() {
    let (reply, _) = srp_sign_in(&unique("nobody"), PASSWORD).await;
    assert_eq!(
        reply.err("NotAuthorizedException"),
        "Incorrect username or password."
    );
}

#[tokio::test]
async fn unconfirmed_user_is_told_after_the_right_password() {
    let username = unique("dave");
    sign_up(&username, PASSWORD).await.ok();
    let (reply, _) = srp_sign_in(&username, PASSWORD).await;
    assert_eq!(
        reply.err("UserNotConfirmedException"),
        "User is not confirmed."
    );
}

#[tokio::test]
async fn a_password_verifier_answer_cannot_be_replayed() {
    let username = confirmed_user("erin").await;
    let (reply, answer) = srp_sign_in(&username, PASSWORD).await;
    reply.ok();
    call("RespondToAuthChallenge", answer.clone())
        .await
        .err("NotAuthorizedException");
    // The same block in the URL-safe alphabet without padding still decodes to the same state;
    // it must count as the same, spent, block.
    let block = answer["ChallengeResponses"]["PASSWORD_CLAIM_SECRET_BLOCK"]
        .as_str()
        .unwrap();
    let respelled = block.replace('+', "-").replace('/', "_").replace('=', "");
    assert_ne!(respelled, block);
    let mut respelled_answer = answer.clone();
    respelled_answer["ChallengeResponses"]["PASSWORD_CLAIM_SECRET_BLOCK"] = json!(respelled);
    call("RespondToAuthChallenge", respelled_answer)
        .await
        .err("NotAuthorizedException");
}

#[tokio::test]
async fn a_forged_secret_block_is_refused() {
    let username = confirmed_user("frank").await;
    let (_, mut answer) = srp_sign_in(&username, "Wrong-passw0rd").await;
    answer["ChallengeResponses"]["PASSWORD_CLAIM_SECRET_BLOCK"] =
        json!("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    call("RespondToAuthChallenge", answer)
        .await
        .err("NotAuthorizedException");
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_user_out() {
    let username = confirmed_user("grace").await;
    let attempt = |password: &'static str| {
        let username = username.clone();
        async move { password_sign_in(&username, password).await }
    };
    for _ in 0..5 {
        assert_eq!(
            attempt("Wrong-passw0rd")
                .await
                .err("NotAuthorizedException"),
            "Incorrect username or password."
        );
    }
    assert_eq!(
        attempt(PASSWORD).await.err("NotAuthorizedException"),
        "Password attempts exceeded"
    );
    let srp_start = call(
        "InitiateAuth",
        json!({
            "AuthFlow": "USER_SRP_AUTH",
            "ClientId": server().client_id,
            "AuthParameters": { "USERNAME": username, "SRP_A": "abc123" },
        }),
    )
    .await;
    assert_eq!(
        srp_start.err("NotAuthorizedException"),
        "Password attempts exceeded"
    );
}

#[tokio::test]
async fn get_tokens_from_refresh_token_issues_new_tokens() {
    let username = confirmed_user("heidi").await;
    let result = tokens(&username).await;
    let reply = call(
        "GetTokensFromRefreshToken",
        json!({ "ClientId": server().client_id, "RefreshToken": result["RefreshToken"] }),
    )
    .await
    .ok();
    let (_, claims) = verify_jwt(
        reply["AuthenticationResult"]["AccessToken"]
            .as_str()
            .unwrap(),
    )
    .await;
    assert_eq!(claims["username"], username);
    let message = call(
        "GetTokensFromRefreshToken",
        json!({ "ClientId": server().client_id, "RefreshToken": "not-a-token" }),
    )
    .await
    .err("NotAuthorizedException");
    assert_eq!(message, "Invalid Refresh Token");
}

#[tokio::test]
async fn revoke_token_ends_that_session_only() {
    let username = confirmed_user("ivan").await;
    let first = tokens(&username).await;
    let second = tokens(&username).await;
    call(
        "RevokeToken",
        json!({ "ClientId": server().client_id, "Token": first["RefreshToken"] }),
    )
    .await
    .ok();
    call("GetUser", json!({ "AccessToken": first["AccessToken"] }))
        .await
        .err("NotAuthorizedException");
    call("GetUser", json!({ "AccessToken": second["AccessToken"] }))
        .await
        .ok();
    let message = call(
        "InitiateAuth",
        json!({
            "AuthFlow": "REFRESH_TOKEN",
            "ClientId": server().client_id,
            "AuthParameters": { "REFRESH_TOKEN": first["RefreshToken"] },
        }),
    )
    .await
    .err("NotAuthorizedException");
    assert_eq!(message, "Refresh Token has been revoked");
}

#[tokio::test]
async fn a_tampered_access_token_is_refused() {
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    let victim = confirmed_user("judy").await;
    let username = confirmed_user("mallory").await;
    let result = tokens(&username).await;
    let access = result["AccessToken"].as_str().unwrap().to_owned();
    let parts: Vec<&str> = access.split('.').collect();

    // Same signature, claims rewritten to another user.
    let mut claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["username"] = json!(victim);
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        parts[2]
    );
    let message = call("GetUser", json!({ "AccessToken": forged }))
        .await
        .err("NotAuthorizedException");
    assert_eq!(message, "Invalid Access Token");

    // A genuine token of the wrong kind.
    call("GetUser", json!({ "AccessToken": result["IdToken"] }))
        .await
        .err("NotAuthorizedException");
    call("GetUser", json!({ "AccessToken": "garbage" }))
        .await
        .err("NotAuthorizedException");
    call("GetUser", json!({ "AccessToken": access })).await.ok();
}

#[tokio::test]
async fn unknown_client_and_flow_errors() {
    let message = call(
        "InitiateAuth",
        json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": "nope", "AuthParameters": {} }),
    )
    .await
    .err("ResourceNotFoundException");
    assert_eq!(message, "User pool client nope does not exist.");
    call(
        "InitiateAuth",
        json!({ "AuthFlow": "MAGIC", "ClientId": server().client_id, "AuthParameters": {} }),
    )
    .await
    .err("InvalidParameterException");
    let message = call(
        "InitiateAuth",
        json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": server().client_id, "AuthParameters": {} }),
    )
    .await
    .err("InvalidParameterException");
    assert_eq!(message, "Missing required parameter USERNAME");
}
