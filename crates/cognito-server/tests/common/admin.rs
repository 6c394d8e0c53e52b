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
    signed_call(
        &format!("AWSCognitoIdentityProviderService.{operation}"),
        "cognito-idp",
        input,
        signing,
    )
    .await
}

/// Calls an identity-pool operation that needs SigV4 (CreateIdentityPool, ...).
pub async fn identity_admin_call(operation: &str, input: Value) -> Reply {
    identity_admin_call_signed(operation, input, Signing::Valid).await
}

pub async fn identity_admin_call_signed(operation: &str, input: Value, signing: Signing) -> Reply {
    signed_call(
        &format!("AWSCognitoIdentityService.{operation}"),
        "cognito-identity",
        input,
        signing,
    )
    .await
}

async fn signed_call(target: &str, service: &str, input: Value, signing: Signing) -> Reply {
    let body = input.to_string();
    let url = format!("{}/", server().url);
    let content_type = "application/x-amz-json-1.1";
    let admin = &server().admin;
    let secret = match signing {
        Signing::WrongSecret => "not-the-secret".to_owned(),
        _ => admin.secret_access_key.clone(),
    };
    let key_id = match signing {
        Signing::UnknownKey => "AKIAUNKNOWN000000000".to_owned(),
        _ => admin.access_key_id.clone(),
    };
    let headers = sign(&SigV4 {
        method: "POST",
        path: "/",
        query: "",
        headers: &[("content-type", content_type), ("x-amz-target", target)],
        body: body.as_bytes(),
        service,
        key_id: &key_id,
        secret: &secret,
        session_token: None,
    });
    let mut request = reqwest::Client::new()
        .post(url)
        .header("content-type", content_type)
        .header("x-amz-target", target)
        .body(body);
    for (name, value) in headers {
        if name != "authorization" || signing != Signing::Unsigned {
            request = request.header(name, value);
        }
    }
    reply_from(request.send().await.expect("request sent")).await
}

/// What to sign.
#[derive(Debug, Clone, Copy)]
pub struct SigV4<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// Already in canonical form (sorted, encoded), or empty.
    pub query: &'a str,
    /// Lowercase names, sorted, without host and the x-amz-* headers added here.
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
    pub service: &'a str,
    pub key_id: &'a str,
    pub secret: &'a str,
    pub session_token: Option<&'a str>,
}

/// The headers to add (`x-amz-date`, `x-amz-security-token` if any, `authorization`), signed
/// the way the AWS SDKs sign, in us-east-1.
pub fn sign(request: &SigV4<'_>) -> Vec<(String, String)> {
    let host = server().url.trim_start_matches("http://").to_owned();
    let amz_date = time_now_amz();
    let date = &amz_date[..8];
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    headers.push(("host".into(), host));
    headers.push(("x-amz-date".into(), amz_date.clone()));
    if let Some(token) = request.session_token {
        headers.push(("x-amz-security-token".into(), token.to_owned()));
    }
    headers.sort();
    let canonical_headers: String = headers
        .iter()
        .map(|(name, value)| format!("{name}:{value}\n"))
        .collect();
    let signed_headers = headers
        .iter()
        .map(|(name, _)| name.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical = format!(
        "{}\n{}\n{}\n{canonical_headers}\n{signed_headers}\n{}",
        request.method,
        request.path,
        request.query,
        hex::encode(Sha256::digest(request.body))
    );
    let scope = format!("{date}/us-east-1/{}/aws4_request", request.service);
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut key = hmac(format!("AWS4{}", request.secret).as_bytes(), date);
    for part in ["us-east-1", request.service, "aws4_request"] {
        key = hmac(&key, part);
    }
    let signature = hex::encode(hmac(&key, &string_to_sign));
    let mut out: Vec<(String, String)> = headers
        .into_iter()
        .filter(|(name, _)| name.starts_with("x-amz-date") || name == "x-amz-security-token")
        .collect();
    out.push((
        "authorization".into(),
        format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
            request.key_id
        ),
    ));
    out
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
