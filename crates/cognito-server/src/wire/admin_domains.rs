//! CreateUserPoolDomain, DescribeUserPoolDomain and DeleteUserPoolDomain. The prefix is recorded
//! so the pool describes itself like Cognito; the hosted UI itself answers at the server's URL.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::provision::REGION;

use super::common;
use super::input::{parse, required_str};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DomainInput {
    domain: Option<String>,
    user_pool_id: Option<String>,
}

const PATTERN: &str = "^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$";

/// Cognito's prefix rule: lowercase letters, digits and inner hyphens, 1 to 63 characters.
fn valid_prefix(domain: &str) -> bool {
    let bytes = domain.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes.first() != Some(&b'-')
        && bytes.last() != Some(&b'-')
}

pub fn create_user_pool_domain(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: DomainInput = parse(body)?;
    let domain = required_str(&input.domain, "domain")?;
    let pool = common::pool(app, required_str(&input.user_pool_id, "userPoolId")?)?;
    if !valid_prefix(domain) {
        return Err(ApiError::InvalidParameter(format!(
            "1 validation error detected: Value '{domain}' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: {PATTERN}"
        )));
    }
    for reserved in ["aws", "amazon", "cognito"] {
        if domain.contains(reserved) {
            return Err(ApiError::InvalidParameter(format!(
                "Domain cannot contain reserved word: {reserved}"
            )));
        }
    }
    if app.store.domain_of_pool(&pool.id)?.is_some() {
        return Err(ApiError::InvalidParameter(
            "User pool already has a domain configured.".into(),
        ));
    }
    if !app.store.insert_domain(domain, &pool.id, now())? {
        return Err(ApiError::InvalidParameter(
            "Domain already associated with another user pool.".into(),
        ));
    }
    Ok(json!({ "ManagedLoginVersion": 1 }))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeInput {
    domain: Option<String>,
}

/// An unknown domain is described as `{}`, as Cognito answers.
pub fn describe_user_pool_domain(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: DescribeInput = parse(body)?;
    let domain = required_str(&input.domain, "domain")?;
    let description = match app.store.domain(domain)? {
        Some(found) => json!({
            "UserPoolId": found.pool_id,
            "AWSAccountId": "000000000000",
            "Domain": found.domain,
            "S3Bucket": "",
            "CloudFrontDistribution": app.base_url.trim_start_matches("http://").trim_start_matches("https://"),
            "Version": "20240101000000",
            "Status": "ACTIVE",
            "ManagedLoginVersion": 1,
            "Region": REGION,
        }),
        None => json!({}),
    };
    Ok(json!({ "DomainDescription": description }))
}

pub fn delete_user_pool_domain(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: DomainInput = parse(body)?;
    let domain = required_str(&input.domain, "domain")?;
    let pool_id = required_str(&input.user_pool_id, "userPoolId")?;
    if !app.store.delete_domain(domain, pool_id)? {
        return Err(ApiError::InvalidParameter(
            "No such domain or user pool exists.".into(),
        ));
    }
    Ok(json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_follow_cognitos_pattern() {
        assert!(valid_prefix("local"));
        assert!(valid_prefix("my-app-1"));
        assert!(!valid_prefix("-x"));
        assert!(!valid_prefix("x-"));
        assert!(!valid_prefix("Upper"));
        assert!(!valid_prefix("a.b"));
        assert!(!valid_prefix(""));
        assert!(!valid_prefix(&"a".repeat(64)));
    }
}
