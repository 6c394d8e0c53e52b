//! Admin operations of the server (SigV4-signed, as AWS SDKs sign them): pools with other
//! settings, clients with secrets or short token lifetimes, users created by an administrator.

use cognito_auth::sigv4::{AwsCredentials, SignableRequest, sign};
use serde_json::{Value, json};

use super::server;

/// Calls `operation` signed with the server's admin key by this crate's own SigV4 signer (the
/// server verifies with an implementation of its own); panics on an error answer.
pub async fn call(operation: &str, input: Value) -> Value {
    signed_call(
        &format!("AWSCognitoIdentityProviderService.{operation}"),
        "cognito-idp",
        input,
    )
    .await
}

/// An identity pool admin operation (`AWSCognitoIdentityService.*`), signed the same way.
pub async fn identity_call(operation: &str, input: Value) -> Value {
    signed_call(
        &format!("AWSCognitoIdentityService.{operation}"),
        "cognito-identity",
        input,
    )
    .await
}

async fn signed_call(target: &str, service: &str, input: Value) -> Value {
    let server = server();
    let body = input.to_string();
    let url = format!("{}/", server.url);
    let content_type = "application/x-amz-json-1.1";
    let request = SignableRequest::new("POST", &url)
        .header("content-type", content_type)
        .header("x-amz-target", target)
        .body(body.as_bytes());
    let credentials =
        AwsCredentials::new(&server.admin.access_key_id, &server.admin.secret_access_key);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let signed = sign(&request, &credentials, "us-east-1", service, now).unwrap();
    let mut call = reqwest::Client::new()
        .post(&url)
        .header("content-type", content_type)
        .header("x-amz-target", target);
    for (name, value) in signed {
        call = call.header(name, value);
    }
    let response = call.body(body).send().await.unwrap();
    let status = response.status();
    let reply: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{target} failed: {reply}");
    reply
}

/// A new app client on the default pool; returns its id and secret.
pub async fn client(settings: Value) -> (String, Option<String>) {
    let mut input =
        json!({ "UserPoolId": server().pool_id, "ClientName": super::unique("client") });
    for (key, value) in settings.as_object().unwrap() {
        input[key] = value.clone();
    }
    let reply = call("CreateUserPoolClient", input).await;
    let client = &reply["UserPoolClient"];
    (
        client["ClientId"].as_str().unwrap().to_owned(),
        client["ClientSecret"].as_str().map(str::to_owned),
    )
}

/// A new pool with the given settings and a public client; returns (pool id, client id).
pub async fn pool(settings: Value) -> (String, String) {
    let mut input = json!({ "PoolName": super::unique("pool") });
    for (key, value) in settings.as_object().unwrap() {
        input[key] = value.clone();
    }
    let reply = call("CreateUserPool", input).await;
    let pool_id = reply["UserPool"]["Id"].as_str().unwrap().to_owned();
    let client = call(
        "CreateUserPoolClient",
        json!({ "UserPoolId": pool_id, "ClientName": "web" }),
    )
    .await;
    let client_id = client["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    (pool_id, client_id)
}
