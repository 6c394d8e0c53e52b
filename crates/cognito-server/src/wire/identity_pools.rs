//! CreateIdentityPool, DescribeIdentityPool, ListIdentityPools, UpdateIdentityPool and
//! DeleteIdentityPool (SigV4).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::ids;
use crate::provision::REGION;
use crate::store::{CognitoProvider, IdentityPool, IdentityPoolConfig};

use super::identity::identity_pool;
use super::input::{or_default, parse, required_str};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CognitoProviderInput {
    provider_name: Option<String>,
    client_id: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    server_side_token_check: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PoolInput {
    identity_pool_id: Option<String>,
    identity_pool_name: Option<String>,
    allow_unauthenticated_identities: Option<bool>,
    #[serde(default, deserialize_with = "or_default")]
    allow_classic_flow: bool,
    #[serde(default, deserialize_with = "or_default")]
    supported_login_providers: BTreeMap<String, String>,
    developer_provider_name: Option<String>,
    #[serde(
        rename = "OpenIdConnectProviderARNs",
        default,
        deserialize_with = "or_default"
    )]
    open_id_connect_provider_arns: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    cognito_identity_providers: Vec<CognitoProviderInput>,
    #[serde(rename = "SamlProviderARNs", default, deserialize_with = "or_default")]
    saml_provider_arns: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    identity_pool_tags: BTreeMap<String, String>,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::InvalidParameter(message.into())
}

/// The settings from a Create or Update request, checked.
fn config(input: PoolInput) -> ApiResult<IdentityPoolConfig> {
    let name = required_str(&input.identity_pool_name, "identityPoolName")?;
    let name_ok = name.chars().count() <= 128
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || " _+=,.@-".contains(c));
    if !name_ok {
        return Err(invalid(format!(
            "1 validation error detected: Value '{name}' at 'identityPoolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"
        )));
    }
    let allow_unauthenticated = input
        .allow_unauthenticated_identities
        .ok_or_else(|| ApiError::missing("allowUnauthenticatedIdentities"))?;
    for arn in &input.open_id_connect_provider_arns {
        let valid = arn.starts_with("arn:aws:iam::")
            && arn
                .split_once(":oidc-provider/")
                .is_some_and(|(_, host)| !host.is_empty());
        if !valid {
            return Err(invalid(format!("Invalid OpenIdConnectProviderARN: {arn}")));
        }
    }
    let mut cognito_identity_providers = Vec::new();
    for provider in input.cognito_identity_providers {
        let provider_name = provider.provider_name.unwrap_or_default();
        let pool_part = provider_name
            .strip_prefix("cognito-idp.")
            .and_then(|rest| rest.split_once(".amazonaws.com/"))
            .map(|(_, pool)| pool);
        if !pool_part.is_some_and(|pool| pool.contains('_') && !pool.contains('/')) {
            return Err(invalid(format!(
                "Invalid Cognito Identity Provider name: {provider_name:?}; expected cognito-idp.<region>.amazonaws.com/<userPoolId>."
            )));
        }
        cognito_identity_providers.push(CognitoProvider {
            provider_name,
            client_id: provider.client_id.unwrap_or_default(),
            server_side_token_check: provider.server_side_token_check,
        });
    }
    let developer_provider_name = input
        .developer_provider_name
        .filter(|name| !name.is_empty());
    if developer_provider_name
        .as_deref()
        .is_some_and(|name| name.len() > 128 || name == super::logins::DEVELOPER_LOGINS_KEY)
    {
        return Err(invalid("Invalid DeveloperProviderName."));
    }
    Ok(IdentityPoolConfig {
        name: name.to_owned(),
        allow_unauthenticated,
        allow_classic_flow: input.allow_classic_flow,
        supported_login_providers: input.supported_login_providers,
        developer_provider_name,
        open_id_connect_provider_arns: input.open_id_connect_provider_arns,
        cognito_identity_providers,
        saml_provider_arns: input.saml_provider_arns,
        tags: input.identity_pool_tags,
    })
}

/// The pool as every identity-pool admin operation answers.
pub fn describe(pool: &IdentityPool) -> Value {
    let config = &pool.config;
    let mut result = json!({
        "IdentityPoolId": pool.id,
        "IdentityPoolName": config.name,
        "AllowUnauthenticatedIdentities": config.allow_unauthenticated,
        "AllowClassicFlow": config.allow_classic_flow,
        "SupportedLoginProviders": config.supported_login_providers,
        "OpenIdConnectProviderARNs": config.open_id_connect_provider_arns,
        "CognitoIdentityProviders": config.cognito_identity_providers.iter().map(|provider| json!({
            "ProviderName": provider.provider_name,
            "ClientId": provider.client_id,
            "ServerSideTokenCheck": provider.server_side_token_check,
        })).collect::<Vec<_>>(),
        "SamlProviderARNs": config.saml_provider_arns,
        "IdentityPoolTags": config.tags,
    });
    if let Some(name) = &config.developer_provider_name {
        result["DeveloperProviderName"] = json!(name);
    }
    result
}

pub fn create_identity_pool(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: PoolInput = parse(body)?;
    let now = now();
    let pool = IdentityPool {
        id: ids::identity_pool_id(REGION),
        config: config(input)?,
        created: now,
        modified: now,
    };
    app.store.insert_identity_pool(&pool)?;
    Ok(describe(&pool))
}

pub fn describe_identity_pool(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: PoolInput = parse(body)?;
    let pool = identity_pool(
        app,
        required_str(&input.identity_pool_id, "identityPoolId")?,
    )?;
    Ok(describe(&pool))
}

pub fn update_identity_pool(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: PoolInput = parse(body)?;
    let mut pool = identity_pool(
        app,
        required_str(&input.identity_pool_id, "identityPoolId")?,
    )?;
    let config = config(input)?;
    // As on AWS, a developer provider name, once set, stays.
    if let Some(existing) = &pool.config.developer_provider_name
        && config.developer_provider_name.as_ref() != Some(existing)
    {
        return Err(invalid(
            "The DeveloperProviderName of an identity pool cannot be changed.",
        ));
    }
    pool.config = config;
    pool.modified = now();
    app.store.save_identity_pool(&pool)?;
    Ok(describe(&pool))
}

pub fn delete_identity_pool(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: PoolInput = parse(body)?;
    let id = required_str(&input.identity_pool_id, "identityPoolId")?;
    if !app.store.delete_identity_pool(id)? {
        return Err(ApiError::ResourceNotFound(format!(
            "IdentityPool '{id}' not found."
        )));
    }
    Ok(json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListInput {
    max_results: Option<i64>,
    #[serde(default, deserialize_with = "or_default")]
    next_token: String,
}

pub fn list_identity_pools(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ListInput = parse(body)?;
    let max = input
        .max_results
        .ok_or_else(|| ApiError::missing("maxResults"))?;
    if !(1..=60).contains(&max) {
        return Err(invalid(format!(
            "1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60"
        )));
    }
    let pools = app.store.identity_pools()?;
    // The token is the id of the first pool of the next page.
    let start = if input.next_token.is_empty() {
        0
    } else {
        pools
            .iter()
            .position(|pool| pool.id == input.next_token)
            .ok_or_else(|| invalid("Invalid NextToken."))?
    };
    let take = usize::try_from(max).unwrap_or(60);
    let page: Vec<Value> = pools
        .iter()
        .skip(start)
        .take(take)
        .map(|pool| json!({ "IdentityPoolId": pool.id, "IdentityPoolName": pool.config.name }))
        .collect();
    let mut result = json!({ "IdentityPools": page });
    if let Some(next) = pools.get(start + take) {
        result["NextToken"] = json!(next.id);
    }
    Ok(result)
}
