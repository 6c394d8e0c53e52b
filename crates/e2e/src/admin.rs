//! Admin operations (`AdminCreateUser`, ...) signed with SigV4, the way the AWS SDKs sign them,
//! with the key pair the server generated for its data folder.

use anyhow::{Context, Result, bail};
use hmac::{Hmac, KeyInit as _, Mac as _};
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

use crate::site::Site;

const REGION: &str = "us-east-1";
const SERVICE: &str = "cognito-idp";

/// Calls `AWSCognitoIdentityProviderService.OPERATION`; an error answer is an error.
pub async fn call(site: &Site, operation: &str, input: Value) -> Result<Value> {
    let body = input.to_string();
    let host = site.url.trim_start_matches("http://");
    let target = format!("AWSCognitoIdentityProviderService.{operation}");
    let amz_date = amz_date(time::OffsetDateTime::now_utc());
    let date = &amz_date[..8];
    let content_type = "application/x-amz-json-1.1";
    let signed_headers = "content-type;host;x-amz-date;x-amz-target";
    let canonical = format!(
        "POST\n/\n\ncontent-type:{content_type}\nhost:{host}\nx-amz-date:{amz_date}\nx-amz-target:{target}\n\n{signed_headers}\n{}",
        hex::encode(Sha256::digest(body.as_bytes()))
    );
    let scope = format!("{date}/{REGION}/{SERVICE}/aws4_request");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let admin = site.admin();
    let mut key = hmac(format!("AWS4{}", admin.secret_access_key).as_bytes(), date)?;
    for part in [REGION, SERVICE, "aws4_request"] {
        key = hmac(&key, part)?;
    }
    let signature = hex::encode(hmac(&key, &string_to_sign)?);
    let authorization = format!(
        "AWS4-HMAC-SHA256 Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
        admin.access_key_id
    );
    let response = reqwest::Client::new()
        .post(format!("{}/", site.url))
        .header("content-type", content_type)
        .header("x-amz-date", &amz_date)
        .header("x-amz-target", target)
        .header("authorization", authorization)
        .body(body)
        .send()
        .await
        .with_context(|| format!("calling {operation}"))?;
    let status = response.status();
    let text = response.text().await?;
    if !status.is_success() {
        bail!("{operation} answered {status}: {text}");
    }
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A user an administrator created with a temporary password: signing in asks for a new one.
pub async fn create_user_with_temporary_password(
    site: &Site,
    username: &str,
    temporary_password: &str,
) -> Result<()> {
    create_user_with_attributes(site, username, temporary_password, &[]).await
}

/// Like [`create_user_with_temporary_password`], with attributes besides the verified email
/// (`("phone_number", "+15550100")`, `("phone_number_verified", "true")`).
pub async fn create_user_with_attributes(
    site: &Site,
    username: &str,
    temporary_password: &str,
    attributes: &[(&str, &str)],
) -> Result<()> {
    let email = format!("{username}@example.com");
    let attributes: Vec<Value> = [("email", email.as_str()), ("email_verified", "true")]
        .iter()
        .chain(attributes)
        .map(|(name, value)| json!({ "Name": name, "Value": value }))
        .collect();
    call(
        site,
        "AdminCreateUser",
        json!({ "UserPoolId": site.pool_id, "Username": username,
                "TemporaryPassword": temporary_password, "MessageAction": "SUPPRESS",
                "UserAttributes": attributes }),
    )
    .await
    .map(drop)
}

/// A confirmed user with a verified email and a permanent password, ready to sign in.
pub async fn create_user(site: &Site, username: &str, password: &str) -> Result<()> {
    create_user_with_attributes(site, username, password, &[]).await?;
    set_permanent_password(site, username, password).await
}

/// Makes `password` the user's permanent password (no new-password step at sign-in).
pub async fn set_permanent_password(site: &Site, username: &str, password: &str) -> Result<()> {
    call(
        site,
        "AdminSetUserPassword",
        json!({ "UserPoolId": site.pool_id, "Username": username, "Password": password,
                "Permanent": true }),
    )
    .await
    .map(drop)
}

fn hmac(key: &[u8], data: &str) -> Result<Vec<u8>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key)?;
    mac.update(data.as_bytes());
    Ok(mac.finalize().into_bytes().to_vec())
}

/// `YYYYMMDDTHHMMSSZ`.
fn amz_date(now: time::OffsetDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amz_dates_are_compact_utc() {
        let at = time::macros::datetime!(2026-01-02 03:04:05 UTC);
        assert_eq!(amz_date(at), "20260102T030405Z");
    }
}
