//! Identity pools: GetId and GetCredentialsForIdentity for guests and user-pool logins.

mod common;

use common::flows::{confirmed_user, tokens};
use common::{call_identity, server};
use serde_json::{Value, json};

/// The `Logins` key Amplify builds: the id token's issuer without the scheme.
fn provider() -> String {
    format!(
        "{}/{}",
        server().url.trim_start_matches("http://"),
        server().pool_id
    )
}

async fn get_id(logins: Value) -> common::Reply {
    call_identity(
        "GetId",
        json!({ "IdentityPoolId": server().identity_pool_id, "Logins": logins }),
    )
    .await
}

#[tokio::test]
async fn guests_get_new_identities_and_credentials() {
    let first = get_id(json!({})).await.ok()["IdentityId"].clone();
    let second = get_id(json!(null)).await.ok()["IdentityId"].clone();
    assert!(first.as_str().unwrap().starts_with("us-east-1:"));
    assert_ne!(first, second);
    let credentials = call_identity("GetCredentialsForIdentity", json!({ "IdentityId": first }))
        .await
        .ok();
    assert_eq!(credentials["IdentityId"], first);
    let credentials = &credentials["Credentials"];
    assert!(
        credentials["AccessKeyId"]
            .as_str()
            .unwrap()
            .starts_with("ASIA")
    );
    assert!(credentials["SecretKey"].is_string() && credentials["SessionToken"].is_string());
    assert!(credentials["Expiration"].is_i64());
}

#[tokio::test]
async fn a_user_pool_login_keeps_its_identity() {
    let username = confirmed_user("federated").await;
    let id_token = tokens(&username).await["IdToken"].clone();
    let logins = json!({ provider(): id_token });
    let first = get_id(logins.clone()).await.ok()["IdentityId"].clone();
    let again = get_id(logins.clone()).await.ok()["IdentityId"].clone();
    assert_eq!(first, again);

    let message = call_identity("GetCredentialsForIdentity", json!({ "IdentityId": first }))
        .await
        .err("NotAuthorizedException");
    assert!(message.starts_with("Logins don't match"), "{message}");
    call_identity(
        "GetCredentialsForIdentity",
        json!({ "IdentityId": first, "Logins": logins }),
    )
    .await
    .ok();
}

#[tokio::test]
async fn bad_logins_and_unknown_ids_are_refused() {
    let username = confirmed_user("badlogin").await;
    let result = tokens(&username).await;
    let message = get_id(json!({ "accounts.google.com": result["IdToken"] }))
        .await
        .err("NotAuthorizedException");
    assert_eq!(
        message,
        "Token is not from a supported provider of this identity pool."
    );
    get_id(json!({ provider(): result["AccessToken"] }))
        .await
        .err("NotAuthorizedException");
    get_id(json!({ provider(): "not.a.token" }))
        .await
        .err("NotAuthorizedException");
    let message = call_identity(
        "GetId",
        json!({ "IdentityPoolId": "us-east-1:00000000-0000-0000-0000-000000000000" }),
    )
    .await
    .err("ResourceNotFoundException");
    assert!(message.contains("not found"), "{message}");
    call_identity(
        "GetCredentialsForIdentity",
        json!({ "IdentityId": "us-east-1:00000000-0000-0000-0000-000000000000" }),
    )
    .await
    .err("ResourceNotFoundException");
    call_identity("GetOpenIdToken", json!({}))
        .await
        .err("UnknownOperationException");
}
