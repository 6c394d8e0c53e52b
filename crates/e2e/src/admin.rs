//! Admin operations (`AdminCreateUser`, ...) signed with SigV4, the way the AWS SDKs sign them,
//! with the key pair the server generated for its data folder.

use anyhow::{Context, Result, bail};
use cognito_auth::sigv4::{AwsCredentials, SignableRequest, sign};
use serde_json::{Value, json};

use crate::site::Site;

/// Calls `AWSCognitoIdentityProviderService.OPERATION`, signed by cognito-auth's SigV4 signer;
/// an error answer is an error.
pub async fn call(site: &Site, operation: &str, input: Value) -> Result<Value> {
    let body = input.to_string();
    let url = format!("{}/", site.url);
    let target = format!("AWSCognitoIdentityProviderService.{operation}");
    let content_type = "application/x-amz-json-1.1";
    let request = SignableRequest::new("POST", &url)
        .header("content-type", content_type)
        .header("x-amz-target", &target)
        .body(body.as_bytes());
    let admin = site.admin();
    let credentials = AwsCredentials::new(&admin.access_key_id, &admin.secret_access_key);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let signed = sign(&request, &credentials, "us-east-1", "cognito-idp", now)?;
    let mut call = reqwest::Client::new()
        .post(&url)
        .header("content-type", content_type)
        .header("x-amz-target", target);
    for (name, value) in signed {
        call = call.header(name, value);
    }
    let response = call
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
