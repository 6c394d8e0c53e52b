//! Admin operations over HTTP, signed with SigV4: pools, clients and users.

mod common;

use common::admin::{Signing, admin_call, admin_call_signed, admin_user};
use common::flows::{
    PASSWORD, code_for, confirmed_user, password_sign_in, sign_up, srp_sign_in, srp_sign_in_at,
    tokens, verify_jwt_at,
};
use common::{call, server, unique};
use serde_json::{Value, json};

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs() as i64
}

/// A new pool with settings, and a public client allowing SRP, passwords and refresh.
async fn pool_with(settings: Value) -> (String, String) {
    let mut input = json!({ "PoolName": unique("pool") });
    if let (Some(input), Some(settings)) = (input.as_object_mut(), settings.as_object()) {
        input.extend(settings.clone());
    }
    let pool = admin_call("CreateUserPool", input).await.ok();
    let pool_id = pool["UserPool"]["Id"].as_str().expect("pool id").to_owned();
    let client = admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": pool_id, "ClientName": "test",
                "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
    )
    .await
    .ok();
    let client_id = client["UserPoolClient"]["ClientId"]
        .as_str()
        .expect("client id")
        .to_owned();
    (pool_id, client_id)
}

#[tokio::test]
async fn admin_calls_need_a_valid_signature() {
    let input = json!({ "UserPoolId": server().pool_id });
    let message = admin_call_signed("DescribeUserPool", input.clone(), Signing::Unsigned)
        .await
        .err("MissingAuthenticationTokenException");
    assert_eq!(message, "Missing Authentication Token");
    admin_call_signed("DescribeUserPool", input.clone(), Signing::WrongSecret)
        .await
        .err("InvalidSignatureException");
    admin_call_signed("DescribeUserPool", input.clone(), Signing::UnknownKey)
        .await
        .err("UnrecognizedClientException");
    let pool = admin_call("DescribeUserPool", input).await.ok();
    assert_eq!(pool["UserPool"]["Id"], server().pool_id);
    assert_eq!(pool["UserPool"]["MfaConfiguration"], "OPTIONAL");
}

#[tokio::test]
async fn pools_and_clients_are_created_listed_and_deleted() {
    let name = unique("pool");
    let created = admin_call(
        "CreateUserPool",
        json!({ "PoolName": name, "MfaConfiguration": "OFF",
                "Policies": { "PasswordPolicy": { "MinimumLength": 12, "RequireSymbols": false } } }),
    )
    .await
    .ok();
    let pool_id = created["UserPool"]["Id"].as_str().unwrap().to_owned();
    assert!(pool_id.starts_with("us-east-1_"));
    assert_eq!(
        created["UserPool"]["Policies"]["PasswordPolicy"]["MinimumLength"],
        12
    );
    let listed = admin_call("ListUserPools", json!({ "MaxResults": 60 }))
        .await
        .ok();
    assert!(
        listed["UserPools"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["Id"] == pool_id)
    );
    admin_call("ListUserPools", json!({}))
        .await
        .err("InvalidParameterException");

    let client = admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": pool_id, "ClientName": "web", "GenerateSecret": true,
                "AccessTokenValidity": 5, "TokenValidityUnits": { "AccessToken": "minutes" } }),
    )
    .await
    .ok();
    let client_id = client["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(client["UserPoolClient"]["ClientSecret"].is_string());
    let described = admin_call(
        "DescribeUserPoolClient",
        json!({ "UserPoolId": pool_id, "ClientId": client_id }),
    )
    .await
    .ok();
    assert_eq!(described["UserPoolClient"]["AccessTokenValidity"], 300);
    let clients = admin_call(
        "ListUserPoolClients",
        json!({ "UserPoolId": pool_id, "MaxResults": 10 }),
    )
    .await
    .ok();
    assert_eq!(clients["UserPoolClients"][0]["ClientId"], client_id);
    admin_call(
        "DescribeUserPoolClient",
        json!({ "UserPoolId": server().pool_id, "ClientId": client_id }),
    )
    .await
    .err("ResourceNotFoundException");

    admin_call("DeleteUserPool", json!({ "UserPoolId": pool_id }))
        .await
        .ok();
    let message = admin_call("DescribeUserPool", json!({ "UserPoolId": pool_id }))
        .await
        .err("ResourceNotFoundException");
    assert_eq!(message, format!("User pool {pool_id} does not exist."));
    call(
        "InitiateAuth",
        json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": client_id, "AuthParameters": {} }),
    )
    .await
    .err("ResourceNotFoundException");
}

#[tokio::test]
async fn admin_created_users_must_choose_a_new_password() {
    let username = unique("invited");
    let created = admin_call(
        "AdminCreateUser",
        json!({ "UserPoolId": server().pool_id, "Username": username,
                "UserAttributes": [{ "Name": "email", "Value": format!("{username}@example.com") }] }),
    )
    .await
    .ok();
    assert_eq!(created["User"]["UserStatus"], "FORCE_CHANGE_PASSWORD");
    let temporary = code_for(&username, "invitation").await;

    let challenge = srp_sign_in(&username, &temporary).await.0.ok();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    let parameters = &challenge["ChallengeParameters"];
    let shown: Value =
        serde_json::from_str(parameters["userAttributes"].as_str().unwrap()).unwrap();
    assert_eq!(shown["email"], format!("{username}@example.com"));
    let required: Vec<String> =
        serde_json::from_str(parameters["requiredAttributes"].as_str().unwrap()).unwrap();
    assert!(required.is_empty());

    let answer = |password: &str| {
        json!({ "ClientId": server().client_id, "ChallengeName": "NEW_PASSWORD_REQUIRED",
                "Session": challenge["Session"],
                "ChallengeResponses": { "USERNAME": username, "NEW_PASSWORD": password,
                                        "userAttributes.name": "Invited Person" } })
    };
    call("RespondToAuthChallenge", answer("weak"))
        .await
        .err("InvalidPasswordException");
    let done = call("RespondToAuthChallenge", answer(PASSWORD)).await.ok();
    assert!(done["AuthenticationResult"]["AccessToken"].is_string());

    let user = admin_call(
        "AdminGetUser",
        json!({ "UserPoolId": server().pool_id, "Username": username }),
    )
    .await
    .ok();
    assert_eq!(user["UserStatus"], "CONFIRMED");
    assert!(
        user["UserAttributes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["Name"] == "name")
    );
    srp_sign_in(&username, PASSWORD).await.0.ok();
}

#[tokio::test]
async fn mfa_on_pools_set_up_totp_during_sign_in() {
    let (pool_id, client_id) = pool_with(json!({ "MfaConfiguration": "ON" })).await;
    let username = unique("mfa");
    admin_user(&pool_id, &username, PASSWORD, "mfa@example.com").await;

    let challenge = srp_sign_in_at(&pool_id, &client_id, &username, PASSWORD)
        .await
        .0
        .ok();
    assert_eq!(challenge["ChallengeName"], "MFA_SETUP");
    call(
        "RespondToAuthChallenge",
        json!({ "ClientId": client_id, "ChallengeName": "MFA_SETUP", "Session": challenge["Session"],
                "ChallengeResponses": { "USERNAME": username } }),
    )
    .await
    .err("InvalidParameterException");
    let associated = call(
        "AssociateSoftwareToken",
        json!({ "Session": challenge["Session"] }),
    )
    .await
    .ok();
    let secret = associated["SecretCode"].as_str().unwrap().to_owned();
    let code = cognito_server::totp::current_code(&secret, now()).unwrap();
    let verified = call(
        "VerifySoftwareToken",
        json!({ "Session": associated["Session"], "UserCode": code }),
    )
    .await
    .ok();
    assert_eq!(verified["Status"], "SUCCESS");
    let done = call(
        "RespondToAuthChallenge",
        json!({ "ClientId": client_id, "ChallengeName": "MFA_SETUP", "Session": verified["Session"],
                "ChallengeResponses": { "USERNAME": username } }),
    )
    .await
    .ok();
    let (_, claims) = verify_jwt_at(
        &pool_id,
        done["AuthenticationResult"]["IdToken"].as_str().unwrap(),
    )
    .await;
    assert_eq!(claims["iss"], format!("{}/{pool_id}", server().url));

    let next = srp_sign_in_at(&pool_id, &client_id, &username, PASSWORD)
        .await
        .0
        .ok();
    assert_eq!(next["ChallengeName"], "SOFTWARE_TOKEN_MFA");
}

#[tokio::test]
async fn list_users_filters_by_attribute() {
    let (pool_id, _) = pool_with(json!({})).await;
    for (name, email) in [
        ("ann", "ann@one.test"),
        ("andy", "andy@two.test"),
        ("bea", "bea@one.test"),
    ] {
        admin_user(&pool_id, name, PASSWORD, email).await;
    }
    let list = |filter: &str| {
        let pool_id = pool_id.clone();
        let filter = filter.to_owned();
        async move {
            admin_call(
                "ListUsers",
                json!({ "UserPoolId": pool_id, "Filter": filter }),
            )
            .await
        }
    };
    let names = |reply: Value| -> Vec<String> {
        reply["Users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["Username"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(list(r#"email = "bea@one.test""#).await.ok()), ["bea"]);
    assert_eq!(
        names(list(r#"username ^= "an""#).await.ok()),
        ["andy", "ann"]
    );
    assert_eq!(names(list("").await.ok()).len(), 3);
    assert_eq!(
        names(list(r#"cognito:user_status = "CONFIRMED""#).await.ok()).len(),
        3
    );
    list("email = bea").await.err("InvalidParameterException");
    let paged = admin_call("ListUsers", json!({ "UserPoolId": pool_id, "Limit": 2 }))
        .await
        .ok();
    assert_eq!(paged["Users"].as_array().unwrap().len(), 2);
    let rest = admin_call(
        "ListUsers",
        json!({ "UserPoolId": pool_id, "Limit": 2, "PaginationToken": paged["PaginationToken"] }),
    )
    .await
    .ok();
    assert_eq!(rest["Users"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn admin_confirm_disable_enable_sign_out_and_delete() {
    let username = unique("managed");
    sign_up(&username, PASSWORD).await.ok();
    let pool = json!({ "UserPoolId": server().pool_id, "Username": username });
    admin_call("AdminConfirmSignUp", pool.clone()).await.ok();
    admin_call("AdminConfirmSignUp", pool.clone())
        .await
        .err("NotAuthorizedException");
    let access = tokens(&username).await["AccessToken"].clone();

    admin_call("AdminDisableUser", pool.clone()).await.ok();
    call("GetUser", json!({ "AccessToken": access }))
        .await
        .err("NotAuthorizedException");
    let message = password_sign_in(&username, PASSWORD)
        .await
        .err("NotAuthorizedException");
    assert_eq!(message, "User is disabled.");
    let user = admin_call("AdminGetUser", pool.clone()).await.ok();
    assert_eq!(user["Enabled"], false);

    admin_call("AdminEnableUser", pool.clone()).await.ok();
    let access = tokens(&username).await["AccessToken"].clone();
    call("GetUser", json!({ "AccessToken": access })).await.ok();
    admin_call("AdminUserGlobalSignOut", pool.clone())
        .await
        .ok();
    let message = call("GetUser", json!({ "AccessToken": access }))
        .await
        .err("NotAuthorizedException");
    assert_eq!(message, "Access Token has been revoked");

    admin_call("AdminDeleteUser", pool.clone()).await.ok();
    admin_call("AdminGetUser", pool.clone())
        .await
        .err("UserNotFoundException");
    admin_call("AdminDeleteUser", pool)
        .await
        .err("UserNotFoundException");
}

#[tokio::test]
async fn admin_passwords_attributes_and_mfa_preference() {
    let username = confirmed_user("admined").await;
    let pool = |extra: Value| {
        let mut input = json!({ "UserPoolId": server().pool_id, "Username": username });
        if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
            input.extend(extra.clone());
        }
        input
    };
    admin_call(
        "AdminSetUserPassword",
        pool(json!({ "Password": "short", "Permanent": true })),
    )
    .await
    .err("InvalidPasswordException");
    admin_call(
        "AdminSetUserPassword",
        pool(json!({ "Password": "Temp0rary-pass!", "Permanent": false })),
    )
    .await
    .ok();
    let challenge = srp_sign_in(&username, "Temp0rary-pass!").await.0.ok();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    admin_call(
        "AdminSetUserPassword",
        pool(json!({ "Password": PASSWORD, "Permanent": true })),
    )
    .await
    .ok();

    admin_call(
        "AdminUpdateUserAttributes",
        pool(json!({ "UserAttributes": [
            { "Name": "phone_number", "Value": "+15555550100" },
            { "Name": "phone_number_verified", "Value": "true" },
        ]})),
    )
    .await
    .ok();
    admin_call(
        "AdminSetUserMFAPreference",
        pool(json!({ "SoftwareTokenMfaSettings": { "Enabled": true } })),
    )
    .await
    .err("SoftwareTokenMFANotFoundException");
    admin_call(
        "AdminSetUserMFAPreference",
        pool(json!({ "SMSMfaSettings": { "Enabled": true, "PreferredMfa": true } })),
    )
    .await
    .ok();
    let user = admin_call("AdminGetUser", pool(json!({}))).await.ok();
    assert_eq!(user["PreferredMfaSetting"], "SMS_MFA");
    let challenge = srp_sign_in(&username, PASSWORD).await.0.ok();
    assert_eq!(challenge["ChallengeName"], "SMS_MFA");
}

#[tokio::test]
async fn admin_only_pools_refuse_sign_up() {
    let (_, client_id) =
        pool_with(json!({ "AdminCreateUserConfig": { "AllowAdminCreateUserOnly": true } })).await;
    let message = call(
        "SignUp",
        json!({ "ClientId": client_id, "Username": unique("x"), "Password": PASSWORD }),
    )
    .await
    .err("NotAuthorizedException");
    assert_eq!(message, "SignUp is not permitted for this user pool");
}

#[tokio::test]
async fn clients_with_a_secret_need_secret_hash() {
    let (pool_id, _) = pool_with(json!({})).await;
    let client = admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": pool_id, "ClientName": "server", "GenerateSecret": true,
                "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
    )
    .await
    .ok();
    let client_id = client["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    let secret = client["UserPoolClient"]["ClientSecret"]
        .as_str()
        .unwrap()
        .to_owned();
    let username = unique("confidential");
    admin_user(&pool_id, &username, PASSWORD, "c@example.com").await;
    let sign_in = |hash: Option<String>| {
        let mut parameters = json!({ "USERNAME": username, "PASSWORD": PASSWORD });
        if let Some(hash) = hash {
            parameters["SECRET_HASH"] = json!(hash);
        }
        json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client_id, "AuthParameters": parameters })
    };
    let message = call("InitiateAuth", sign_in(None))
        .await
        .err("NotAuthorizedException");
    assert_eq!(
        message,
        format!("Client {client_id} is configured with secret but SECRET_HASH was not received")
    );
    call("InitiateAuth", sign_in(Some("bm90IGl0".into())))
        .await
        .err("NotAuthorizedException");
    let hash = cognito_srp::secret_hash(&username, &client_id, &secret);
    let signed_in = call("InitiateAuth", sign_in(Some(hash.clone()))).await.ok();
    let refresh_token = signed_in["AuthenticationResult"]["RefreshToken"].clone();

    let refresh = |hash: Option<String>| {
        let mut parameters = json!({ "REFRESH_TOKEN": refresh_token });
        if let Some(hash) = hash {
            parameters["SECRET_HASH"] = json!(hash);
        }
        json!({ "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": client_id, "AuthParameters": parameters })
    };
    call("InitiateAuth", refresh(None))
        .await
        .err("NotAuthorizedException");
    call("InitiateAuth", refresh(Some(hash))).await.ok();
    let by_secret = |client_secret: &str| json!({ "ClientId": client_id, "RefreshToken": refresh_token, "ClientSecret": client_secret });
    call("GetTokensFromRefreshToken", by_secret("wrong"))
        .await
        .err("NotAuthorizedException");
    call("GetTokensFromRefreshToken", by_secret(&secret))
        .await
        .ok();
    call(
        "InitiateAuth",
        json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": client_id,
                "AuthParameters": { "USERNAME": username, "SRP_A": "abc" } }),
    )
    .await
    .err("InvalidParameterException");
}

#[tokio::test]
async fn email_as_username_pools_sign_in_with_the_email() {
    let (pool_id, client_id) = pool_with(json!({
        "UsernameAttributes": ["email"],
        "AutoVerifiedAttributes": ["email"],
    }))
    .await;
    let email = format!("{}@example.com", unique("mail"));
    let sign_up = |username: String| {
        let client_id = client_id.clone();
        async move {
            call(
                "SignUp",
                json!({ "ClientId": client_id, "Username": username, "Password": PASSWORD }),
            )
            .await
        }
    };
    let signed_up = sign_up(email.clone()).await.ok();
    let sub = signed_up["UserSub"].as_str().unwrap().to_owned();
    let message = sign_up(email.clone()).await.err("UsernameExistsException");
    assert_eq!(message, "An account with the given email already exists.");
    sign_up("not-an-email".into())
        .await
        .err("InvalidParameterException");

    // The real username is the generated id; the outbox files the code under it.
    let code = code_for(&sub, "sign_up").await;
    call(
        "ConfirmSignUp",
        json!({ "ClientId": client_id, "Username": email, "ConfirmationCode": code }),
    )
    .await
    .ok();
    let done = srp_sign_in_at(&pool_id, &client_id, &email, PASSWORD)
        .await
        .0
        .ok();
    let (_, claims) = verify_jwt_at(
        &pool_id,
        done["AuthenticationResult"]["IdToken"].as_str().unwrap(),
    )
    .await;
    assert_eq!(claims["cognito:username"], sub);
    assert_eq!(claims["email"], email);
    assert_eq!(claims["email_verified"], true);

    // Another account cannot take this email as its sign-in name.
    let other = format!("{}@example.com", unique("other"));
    let other_sub = sign_up(other.clone()).await.ok()["UserSub"]
        .as_str()
        .unwrap()
        .to_owned();
    let code = code_for(&other_sub, "sign_up").await;
    call(
        "ConfirmSignUp",
        json!({ "ClientId": client_id, "Username": other, "ConfirmationCode": code }),
    )
    .await
    .ok();
    let done = srp_sign_in_at(&pool_id, &client_id, &other, PASSWORD)
        .await
        .0
        .ok();
    let message = call(
        "UpdateUserAttributes",
        json!({ "AccessToken": done["AuthenticationResult"]["AccessToken"],
                "UserAttributes": [{ "Name": "email", "Value": email }] }),
    )
    .await
    .err("AliasExistsException");
    assert_eq!(message, "An account with the given email already exists.");
}

#[tokio::test]
async fn a_verified_email_alias_belongs_to_one_user() {
    let (pool_id, client_id) = pool_with(json!({
        "AliasAttributes": ["email"],
        "AutoVerifiedAttributes": ["email"],
    }))
    .await;
    let email = format!("{}@example.com", unique("alias"));
    let (first, second) = (unique("first"), unique("second"));
    for username in [&first, &second] {
        call(
            "SignUp",
            json!({ "ClientId": client_id, "Username": username, "Password": PASSWORD,
                    "UserAttributes": [{ "Name": "email", "Value": email }] }),
        )
        .await
        .ok();
    }
    let confirm = |username: String, code: String, force: bool| {
        let client_id = client_id.clone();
        async move {
            call(
                "ConfirmSignUp",
                json!({ "ClientId": client_id, "Username": username, "ConfirmationCode": code,
                        "ForceAliasCreation": force }),
            )
            .await
        }
    };
    confirm(first.clone(), code_for(&first, "sign_up").await, false)
        .await
        .ok();
    let (reply, _) = srp_sign_in_at(&pool_id, &client_id, &email, PASSWORD).await;
    let (_, claims) = verify_jwt_at(
        &pool_id,
        reply.ok()["AuthenticationResult"]["IdToken"]
            .as_str()
            .unwrap(),
    )
    .await;
    assert_eq!(
        claims["cognito:username"], first,
        "the alias signs the first user in"
    );

    let code = code_for(&second, "sign_up").await;
    let message = confirm(second.clone(), code.clone(), false)
        .await
        .err("AliasExistsException");
    assert_eq!(message, "An account with the email already exists.");
    confirm(second.clone(), code, true).await.ok();
    let (reply, _) = srp_sign_in_at(&pool_id, &client_id, &email, PASSWORD).await;
    let (_, claims) = verify_jwt_at(
        &pool_id,
        reply.ok()["AuthenticationResult"]["IdToken"]
            .as_str()
            .unwrap(),
    )
    .await;
    assert_eq!(claims["cognito:username"], second, "the forced alias moved");
}

#[tokio::test]
async fn back_ends_sign_in_with_admin_initiate_auth() {
    let (pool_id, _) = pool_with(json!({ "AutoVerifiedAttributes": ["email"] })).await;
    let client = admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": pool_id, "ClientName": "backend",
                "ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
    )
    .await
    .ok();
    let client_id = client["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    let username = unique("backend");
    admin_user(&pool_id, &username, PASSWORD, "backend@example.com").await;
    let admin_sign_in = |password: &str| {
        admin_call(
            "AdminInitiateAuth",
            json!({ "UserPoolId": pool_id, "ClientId": client_id, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                    "AuthParameters": { "USERNAME": username, "PASSWORD": password } }),
        )
    };
    let done = admin_sign_in(PASSWORD).await.ok();
    let access = done["AuthenticationResult"]["AccessToken"].clone();
    assert!(access.is_string());
    let message = admin_sign_in("Wrong-passw0rd")
        .await
        .err("NotAuthorizedException");
    assert_eq!(message, "Incorrect username or password.");
    admin_call(
        "AdminInitiateAuth",
        json!({ "UserPoolId": pool_id, "ClientId": server().client_id,
                "AuthFlow": "ADMIN_USER_PASSWORD_AUTH", "AuthParameters": {} }),
    )
    .await
    .err("ResourceNotFoundException");

    // A forced reset: sign-in is refused until the emailed code sets a new password.
    admin_call(
        "AdminResetUserPassword",
        json!({ "UserPoolId": pool_id, "Username": username }),
    )
    .await
    .ok();
    admin_sign_in(PASSWORD)
        .await
        .err("PasswordResetRequiredException");
    let code = code_for(&username, "forgot_password").await;
    call(
        "ConfirmForgotPassword",
        json!({ "ClientId": client_id, "Username": username, "ConfirmationCode": code,
                "Password": "N3w-password!" }),
    )
    .await
    .ok();
    admin_sign_in("N3w-password!").await.ok();

    // Deleting the client ends what it issued.
    admin_call(
        "DeleteUserPoolClient",
        json!({ "UserPoolId": pool_id, "ClientId": client_id }),
    )
    .await
    .ok();
    call("GetUser", json!({ "AccessToken": access }))
        .await
        .err("NotAuthorizedException");
    admin_sign_in("N3w-password!")
        .await
        .err("ResourceNotFoundException");
}

#[tokio::test]
async fn admin_respond_to_auth_challenge_sets_the_new_password() {
    let (pool_id, _) = pool_with(json!({})).await;
    let client = admin_call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": pool_id, "ClientName": "backend",
                "ExplicitAuthFlows": ["ALLOW_ADMIN_USER_PASSWORD_AUTH"] }),
    )
    .await
    .ok();
    let client_id = client["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    let username = unique("temp");
    admin_call(
        "AdminCreateUser",
        json!({ "UserPoolId": pool_id, "Username": username, "TemporaryPassword": "Temp0rary-pass!",
                "MessageAction": "SUPPRESS" }),
    )
    .await
    .ok();
    let challenge = admin_call(
        "AdminInitiateAuth",
        json!({ "UserPoolId": pool_id, "ClientId": client_id, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                "AuthParameters": { "USERNAME": username, "PASSWORD": "Temp0rary-pass!" } }),
    )
    .await
    .ok();
    assert_eq!(challenge["ChallengeName"], "NEW_PASSWORD_REQUIRED");
    let done = admin_call(
        "AdminRespondToAuthChallenge",
        json!({ "UserPoolId": pool_id, "ClientId": client_id, "ChallengeName": "NEW_PASSWORD_REQUIRED",
                "Session": challenge["Session"],
                "ChallengeResponses": { "USERNAME": username, "NEW_PASSWORD": PASSWORD } }),
    )
    .await
    .ok();
    assert!(done["AuthenticationResult"]["IdToken"].is_string());
}
