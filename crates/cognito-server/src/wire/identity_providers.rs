//! CreateIdentityProvider, DescribeIdentityProvider, ListIdentityProviders,
//! UpdateIdentityProvider and DeleteIdentityProvider.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::idp::{self, TYPES};
use crate::store::IdentityProvider;

use super::common;
use super::input::{or_default, parse, required_str};

/// Longest provider name Cognito accepts.
const MAX_NAME_CHARS: usize = 32;
/// Names reserved for the built-in sign-in and the social provider types.
const RESERVED: &[&str] = &[
    "COGNITO",
    "Cognito",
    "Google",
    "Facebook",
    "LoginWithAmazon",
    "SignInWithApple",
];

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ProviderInput {
    user_pool_id: Option<String>,
    provider_name: Option<String>,
    provider_type: Option<String>,
    provider_details: Option<BTreeMap<String, String>>,
    attribute_mapping: Option<BTreeMap<String, String>>,
    idp_identifiers: Option<Vec<String>>,
}

fn describe(provider: &IdentityProvider) -> Value {
    json!({
        "UserPoolId": provider.pool_id,
        "ProviderName": provider.name,
        "ProviderType": provider.provider_type,
        "ProviderDetails": provider.details,
        "AttributeMapping": provider.attribute_mapping,
        "IdpIdentifiers": provider.idp_identifiers,
        "LastModifiedDate": provider.modified,
        "CreationDate": provider.created,
    })
}

fn not_found(name: &str) -> ApiError {
    ApiError::ResourceNotFound(format!("Identity provider {name} does not exist."))
}

/// Checks the type-specific rules: names, required details, URLs, and that the endpoints can
/// be worked out.
fn validate(app: &App, provider: &IdentityProvider) -> ApiResult<()> {
    let invalid = |message: String| Err(ApiError::InvalidParameter(message));
    let kind = provider.provider_type.as_str();
    if matches!(
        kind,
        "Google" | "Facebook" | "LoginWithAmazon" | "SignInWithApple"
    ) && provider.name != kind
    {
        return invalid(format!(
            "The provider name of a {kind} provider must be {kind}."
        ));
    }
    if matches!(kind, "OIDC" | "SAML") && RESERVED.contains(&provider.name.as_str()) {
        return invalid(format!("The provider name {} is reserved.", provider.name));
    }
    for key in idp::required_details(kind) {
        if provider
            .details
            .get(*key)
            .is_none_or(|value| value.trim().is_empty())
        {
            return invalid(format!(
                "ProviderDetails of a {kind} provider must include {key}."
            ));
        }
    }
    if kind == "SAML"
        && !["MetadataURL", "MetadataFile"]
            .iter()
            .any(|key| provider.details.contains_key(*key))
    {
        return invalid(
            "ProviderDetails of a SAML provider must include MetadataURL or MetadataFile.".into(),
        );
    }
    if kind == "OIDC"
        && !matches!(
            provider
                .details
                .get("attributes_request_method")
                .map(String::as_str),
            Some("GET" | "POST")
        )
    {
        return invalid("attributes_request_method must be GET or POST.".into());
    }
    for (key, value) in &provider.details {
        let is_url = key.ends_with("_url") || key == "jwks_uri" || key == "oidc_issuer";
        if is_url && !(value.starts_with("https://") || value.starts_with("http://")) {
            return invalid(format!("{key} must be an http or https URL."));
        }
    }
    if kind == "SAML" {
        // A MetadataURL is read at sign-in; a MetadataFile must make sense now.
        if provider.details.contains_key("MetadataFile") {
            crate::saml::metadata(app, provider)?;
        }
    } else if idp::discovery_issuer(app, provider).is_none() {
        // A real OIDC provider may leave its endpoints to discovery at first use.
        idp::endpoints(app, provider)?;
    }
    Ok(())
}

fn pool_and_name(input: &ProviderInput) -> ApiResult<(&str, &str)> {
    let pool_id = required_str(&input.user_pool_id, "userPoolId")?;
    let name = required_str(&input.provider_name, "providerName")?;
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::InvalidParameter(format!(
            "1 validation error detected: Value '{name}' at 'providerName' failed to satisfy constraint: Member must have length less than or equal to {MAX_NAME_CHARS}"
        )));
    }
    Ok((pool_id, name))
}

pub fn create_identity_provider(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ProviderInput = parse(body)?;
    let (pool_id, name) = pool_and_name(&input)?;
    let provider_type = required_str(&input.provider_type, "providerType")?;
    if !TYPES.contains(&provider_type) {
        return Err(ApiError::InvalidParameter(format!(
            "1 validation error detected: Value '{provider_type}' at 'providerType' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
            TYPES.join(", ")
        )));
    }
    let details = input
        .provider_details
        .clone()
        .ok_or_else(|| ApiError::missing("providerDetails"))?;
    common::pool(app, pool_id)?;
    let now = now();
    let mut provider = IdentityProvider {
        pool_id: pool_id.to_owned(),
        name: name.to_owned(),
        provider_type: provider_type.to_owned(),
        details,
        attribute_mapping: idp::with_default_mapping(
            provider_type,
            input.attribute_mapping.clone().unwrap_or_default(),
        ),
        idp_identifiers: input.idp_identifiers.clone().unwrap_or_default(),
        created: now,
        modified: now,
    };
    idp::fill_real_defaults(app, &mut provider);
    validate(app, &provider)?;
    if !app.store.insert_identity_provider(&provider)? {
        return Err(ApiError::DuplicateProvider(format!(
            "A provider with the name {name} already exists in this user pool."
        )));
    }
    Ok(json!({ "IdentityProvider": describe(&provider) }))
}

fn existing(app: &App, input: &ProviderInput) -> ApiResult<IdentityProvider> {
    let (pool_id, name) = pool_and_name(input)?;
    common::pool(app, pool_id)?;
    app.store
        .identity_provider(pool_id, name)?
        .ok_or_else(|| not_found(name))
}

pub fn describe_identity_provider(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ProviderInput = parse(body)?;
    let provider = existing(app, &input)?;
    Ok(json!({ "IdentityProvider": describe(&provider) }))
}

pub fn update_identity_provider(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ProviderInput = parse(body)?;
    let mut provider = existing(app, &input)?;
    if let Some(details) = input.provider_details {
        // Keys not sent keep their values, so a secret need not be sent again.
        provider.details.extend(details);
    }
    if let Some(mapping) = input.attribute_mapping {
        provider.attribute_mapping = idp::with_default_mapping(&provider.provider_type, mapping);
    }
    if let Some(identifiers) = input.idp_identifiers {
        provider.idp_identifiers = identifiers;
    }
    idp::fill_real_defaults(app, &mut provider);
    validate(app, &provider)?;
    provider.modified = now();
    app.store.save_identity_provider(&provider)?;
    Ok(json!({ "IdentityProvider": describe(&provider) }))
}

pub fn delete_identity_provider(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ProviderInput = parse(body)?;
    let provider = existing(app, &input)?;
    app.store
        .delete_identity_provider(&provider.pool_id, &provider.name)?;
    Ok(json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListInput {
    user_pool_id: Option<String>,
    max_results: Option<i64>,
    #[serde(default, deserialize_with = "or_default")]
    next_token: String,
}

pub fn list_identity_providers(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ListInput = parse(body)?;
    let pool_id = required_str(&input.user_pool_id, "userPoolId")?;
    let max = input.max_results.unwrap_or(60);
    if !(1..=60).contains(&max) {
        return Err(ApiError::InvalidParameter(format!(
            "1 validation error detected: Value '{max}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60"
        )));
    }
    common::pool(app, pool_id)?;
    // The token is the name to start from: names are unique and listed in order.
    let providers: Vec<IdentityProvider> = app
        .store
        .identity_providers(pool_id)?
        .into_iter()
        .filter(|provider| input.next_token.is_empty() || provider.name >= input.next_token)
        .collect();
    let take = usize::try_from(max).unwrap_or(60);
    let page: Vec<Value> = providers
        .iter()
        .take(take)
        .map(|provider| {
            json!({
                "ProviderName": provider.name,
                "ProviderType": provider.provider_type,
                "LastModifiedDate": provider.modified,
                "CreationDate": provider.created,
            })
        })
        .collect();
    let mut result = json!({ "Providers": page });
    if let Some(next) = providers.get(take) {
        result["NextToken"] = json!(next.name);
    }
    Ok(result)
}
