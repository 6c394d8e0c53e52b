//! Calls to admin operations, signed with SigV4 the way boto3 signs them.

use hmac::{Hmac, KeyInit as _, Mac as _};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

use super::{Reply, reply_from, server};

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// How to sign: the right secret, a wrong one, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signing {
    Valid,
    WrongSecret,
    UnknownKey,
    Unsigned,
}

/// Calls an admin operation with a SigV4 signature.
pub async fn admin_call(operation: &str, input: Value) -> Reply {
    admin_call_signed(operation, input, Signing::Valid).await
}

pub async fn admin_call_signed(operation: &str, input: Value, signing: Signing) -> Reply {
    let body = input.to_string();
    let url = format!("{}/", server().url);
    let host = server().url.trim_start_matches("http://").to_owned();
    let target = format!("AWSCognitoIdentityProviderService.{operation}");
    let amz_date = time_now_amz();
    let date = &amz_date[..8];
    let content_type = "application/x-amz-json-1.1";
    let canonical = format!(
        "POST\n/\n\ncontent-type:{content_type}\nhost:{host}\nx-amz-date:{amz_date}\nx-amz-target:{target}\n\ncontent-type;host;x-amz-date;x-amz-target\n{}",
        hex::encode(Sha256::digest(body.as_bytes()))
    );
    let scope = format!("{date}/us-east-1/cognito-idp/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let admin = &server().admin;
    let secret = match signing {
        Signing::WrongSecret => "not-the-secret".to_owned(),
        _ => admin.secret_access_key.clone(),
    };
    let key_id = match signing {
        Signing::UnknownKey => "AKIAUNKNOWN000000000".to_owned(),
        _ => admin.access_key_id.clone(),
    };
    let mut key = hmac(format!("AWS4{secret}").as_bytes(), date);
    for part in ["us-east-1", "cognito-idp", "aws4_request"] {
        key = hmac(&key, part);
    }
    let signature = hex::encode(hmac(&key, &string_to_sign));
    let mut request = reqwest::Client::new()
        .post(url)
        .header("content-type", content_type)
        .header("x-amz-date", &amz_date)
        .header("x-amz-target", target)
        .body(body);
    if signing != Signing::Unsigned {
        request = request.header(
            "authorization",
            format!(
                "AWS4-HMAC-SHA256 Credential={key_id}/{scope}, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={signature}"
            ),
        );
    }
    reply_from(request.send().await.expect("request sent")).await
}

fn time_now_amz() -> String {
    let now = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        now.month() as u8,
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

/// Creates a user with a permanent password through the admin API.
pub async fn admin_user(pool_id: &str, username: &str, password: &str, email: &str) {
    admin_call(
        "AdminCreateUser",
        json!({ "UserPoolId": pool_id, "Username": username, "MessageAction": "SUPPRESS",
                "UserAttributes": [{ "Name": "email", "Value": email },
                                   { "Name": "email_verified", "Value": "true" }] }),
    )
    .await
    .ok();
    admin_call(
        "AdminSetUserPassword",
        json!({ "UserPoolId": pool_id, "Username": username, "Password": password, "Permanent": true }),
    )
    .await
    .ok();
}
