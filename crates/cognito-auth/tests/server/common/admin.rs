//! Admin operations of the server (SigV4-signed, as AWS SDKs sign them): pools with other
//! settings, clients with secrets or short token lifetimes, users created by an administrator.

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::server;

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Calls `operation` signed with the server's admin key; panics on an error answer.
pub async fn call(operation: &str, input: Value) -> Value {
    let server = server();
    let body = input.to_string();
    let host = server.url.trim_start_matches("http://");
    let target = format!("AWSCognitoIdentityProviderService.{operation}");
    let now = time::OffsetDateTime::now_utc();
    let amz_date = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let day = &amz_date[..8];
    let content_type = "application/x-amz-json-1.1";
    let signed_headers = "content-type;host;x-amz-date;x-amz-target";
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{content_type}\nhost:{host}\nx-amz-date:{amz_date}\nx-amz-target:{target}\n\n{signed_headers}\n{}",
        hex::encode(Sha256::digest(body.as_bytes()))
    );
    let scope = format!("{day}/us-east-1/cognito-idp/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let mut key = hmac(
        format!("AWS4{}", server.admin.secret_access_key).as_bytes(),
        day,
    );
    for part in ["us-east-1", "cognito-idp", "aws4_request"] {
        key = hmac(&key, part);
    }
    let signature = hex::encode(hmac(&key, &string_to_sign));
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        server.admin.access_key_id
    );
    let response = reqwest::Client::new()
        .post(format!("{}/", server.url))
        .header("content-type", content_type)
        .header("x-amz-date", &amz_date)
        .header("x-amz-target", target)
        .header("authorization", authorization)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let reply: Value = response.json().await.unwrap_or(Value::Null);
    assert!(status.is_success(), "{operation} failed: {reply}");
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
