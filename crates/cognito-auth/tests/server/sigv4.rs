//! The SigV4 signer against the server's verifier: right keys are accepted (every admin call in
//! these tests goes through it), a wrong secret is refused.

use cognito_auth::sigv4::{AwsCredentials, SignableRequest, sign};
use serde_json::{Value, json};

use crate::common::{admin, server};

#[tokio::test]
async fn a_request_signed_with_the_wrong_secret_is_refused() {
    let server = server();
    let url = format!("{}/", server.url);
    let body = json!({ "MaxResults": 1 }).to_string();
    let target = "AWSCognitoIdentityProviderService.ListUserPools";
    let request = SignableRequest::new("POST", &url)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", target)
        .body(body.as_bytes());
    let wrong = AwsCredentials::new(&server.admin.access_key_id, "not-the-secret");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut call = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", target);
    for (name, value) in sign(&request, &wrong, "us-east-1", "cognito-idp", now).unwrap() {
        call = call.header(name, value);
    }
    let response = call.body(body).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let reply: Value = response.json().await.unwrap();
    assert_eq!(reply["__type"], "InvalidSignatureException", "{reply}");

    // The same call with the right secret goes through.
    let pools = admin::call("ListUserPools", json!({ "MaxResults": 1 })).await;
    assert!(pools["UserPools"].is_array(), "{pools}");
}
