//! CreateUserPool, DescribeUserPool, ListUserPools, DeleteUserPool and the app-client operations.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::provision::{self, REGION};
use crate::store::{Client, ClientConfig, PasswordPolicy, Pool, PoolConfig};

use super::client_oauth;
use super::common;
use super::input::{or_default, parse, required_str};

/// Standard attributes listed in every pool's schema.
const STANDARD_SCHEMA: &[&str] = &[
    "sub",
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
];

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PasswordPolicyInput {
    minimum_length: Option<usize>,
    require_uppercase: Option<bool>,
    require_lowercase: Option<bool>,
    require_numbers: Option<bool>,
    require_symbols: Option<bool>,
    temporary_password_validity_days: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PoliciesInput {
    password_policy: Option<PasswordPolicyInput>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SchemaAttributeInput {
    name: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    required: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AdminCreateUserConfigInput {
    allow_admin_create_user_only: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreatePoolInput {
    pool_name: Option<String>,
    policies: Option<PoliciesInput>,
    #[serde(default, deserialize_with = "or_default")]
    auto_verified_attributes: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    alias_attributes: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    username_attributes: Vec<String>,
    mfa_configuration: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    schema: Vec<SchemaAttributeInput>,
    admin_create_user_config: Option<AdminCreateUserConfigInput>,
}

fn check_choices(member: &str, values: &[String], allowed: &[&str]) -> ApiResult<()> {
    match values
        .iter()
        .find(|value| !allowed.contains(&value.as_str()))
    {
        Some(value) => Err(ApiError::InvalidParameter(format!(
            "1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
            allowed.join(", ")
        ))),
        None => Ok(()),
    }
}

pub fn create_user_pool(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: CreatePoolInput = parse(body)?;
    let name = required_str(&input.pool_name, "poolName")?;
    check_choices(
        "autoVerifiedAttributes",
        &input.auto_verified_attributes,
        &["email", "phone_number"],
    )?;
    check_choices(
        "aliasAttributes",
        &input.alias_attributes,
        &["email", "phone_number", "preferred_username"],
    )?;
    check_choices(
        "usernameAttributes",
        &input.username_attributes,
        &["email", "phone_number"],
    )?;
    if !input.alias_attributes.is_empty() && !input.username_attributes.is_empty() {
        return Err(ApiError::InvalidParameter(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool."
                .into(),
        ));
    }
    let mfa = input.mfa_configuration.unwrap_or_else(|| "OFF".into());
    check_choices(
        "mfaConfiguration",
        std::slice::from_ref(&mfa),
        &["OFF", "ON", "OPTIONAL"],
    )?;
    let defaults = PasswordPolicy::default();
    let given = input
        .policies
        .and_then(|policies| policies.password_policy)
        .unwrap_or_default();
    let password_policy = PasswordPolicy {
        minimum_length: given.minimum_length.unwrap_or(defaults.minimum_length),
        require_uppercase: given
            .require_uppercase
            .unwrap_or(defaults.require_uppercase),
        require_lowercase: given
            .require_lowercase
            .unwrap_or(defaults.require_lowercase),
        require_numbers: given.require_numbers.unwrap_or(defaults.require_numbers),
        require_symbols: given.require_symbols.unwrap_or(defaults.require_symbols),
        temporary_password_validity_days: given
            .temporary_password_validity_days
            .unwrap_or(defaults.temporary_password_validity_days),
    };
    if !(6..=99).contains(&password_policy.minimum_length) {
        return Err(ApiError::InvalidParameter(
            "Password policy minimum length must be between 6 and 99.".into(),
        ));
    }
    let mut required_attributes = Vec::new();
    let mut custom_attributes = Vec::new();
    for attribute in &input.schema {
        let name = attribute
            .name
            .as_deref()
            .ok_or_else(|| ApiError::missing("schema.member.name"))?;
        let name = name.strip_prefix("custom:").unwrap_or(name);
        if STANDARD_SCHEMA.contains(&name) {
            if attribute.required {
                required_attributes.push(name.to_owned());
            }
        } else {
            custom_attributes.push(name.to_owned());
        }
    }
    let config = PoolConfig {
        name: name.to_owned(),
        username_attributes: input.username_attributes,
        alias_attributes: input.alias_attributes,
        auto_verified_attributes: input.auto_verified_attributes,
        mfa_configuration: mfa,
        password_policy,
        allow_admin_create_user_only: input
            .admin_create_user_config
            .and_then(|config| config.allow_admin_create_user_only)
            .unwrap_or(false),
        required_attributes,
        custom_attributes,
    };
    let pool = provision::create_pool(app, config)?;
    Ok(json!({ "UserPool": describe_pool(app, &pool)? }))
}

fn describe_pool(app: &App, pool: &Pool) -> ApiResult<Value> {
    let config = &pool.config;
    let policy = &config.password_policy;
    let mut schema: Vec<Value> = STANDARD_SCHEMA
        .iter()
        .map(|name| {
            json!({
                "Name": name,
                "AttributeDataType": if name.ends_with("_verified") { "Boolean" } else { "String" },
                "DeveloperOnlyAttribute": false,
                "Mutable": *name != "sub",
                "Required": *name == "sub" || config.required_attributes.iter().any(|r| r == name),
            })
        })
        .collect();
    schema.extend(config.custom_attributes.iter().map(|name| {
        json!({
            "Name": format!("custom:{name}"),
            "AttributeDataType": "String",
            "DeveloperOnlyAttribute": false,
            "Mutable": true,
            "Required": false,
        })
    }));
    let users = app.store.users(&pool.id)?.len();
    let mut described = json!({
        "Id": pool.id,
        "Name": config.name,
        "Arn": format!("arn:aws:cognito-idp:{REGION}:000000000000:userpool/{}", pool.id),
        "Policies": { "PasswordPolicy": {
            "MinimumLength": policy.minimum_length,
            "RequireUppercase": policy.require_uppercase,
            "RequireLowercase": policy.require_lowercase,
            "RequireNumbers": policy.require_numbers,
            "RequireSymbols": policy.require_symbols,
            "TemporaryPasswordValidityDays": policy.temporary_password_validity_days,
        }},
        "SchemaAttributes": schema,
        "AutoVerifiedAttributes": config.auto_verified_attributes,
        "AliasAttributes": config.alias_attributes,
        "UsernameAttributes": config.username_attributes,
        "MfaConfiguration": config.mfa_configuration,
        "AdminCreateUserConfig": { "AllowAdminCreateUserOnly": config.allow_admin_create_user_only },
        "EstimatedNumberOfUsers": users,
        "CreationDate": pool.created,
        "LastModifiedDate": pool.modified,
    });
    if let Some(domain) = app.store.domain_of_pool(&pool.id)? {
        described["Domain"] = json!(domain.domain);
    }
    Ok(described)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PoolIdInput {
    user_pool_id: Option<String>,
}

pub fn describe_user_pool(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: PoolIdInput = parse(body)?;
    let pool = common::pool(app, required_str(&input.user_pool_id, "userPoolId")?)?;
    Ok(json!({ "UserPool": describe_pool(app, &pool)? }))
}

pub fn delete_user_pool(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: PoolIdInput = parse(body)?;
    let id = required_str(&input.user_pool_id, "userPoolId")?;
    if !app.store.delete_pool(id)? {
        return Err(ApiError::ResourceNotFound(format!(
            "User pool {id} does not exist."
        )));
    }
    app.keys.forget(id);
    Ok(json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListInput {
    user_pool_id: Option<String>,
    max_results: Option<usize>,
    next_token: Option<String>,
}

/// Pages a list with an opaque offset token.
pub fn page<T>(
    items: Vec<T>,
    max: Option<usize>,
    token: Option<&str>,
) -> ApiResult<(Vec<T>, Option<String>)> {
    let max = max.unwrap_or(60);
    if !(1..=60).contains(&max) {
        return Err(ApiError::InvalidParameter(
            "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 60".into(),
        ));
    }
    let start = match token {
        Some(token) => token
            .parse::<usize>()
            .map_err(|_| ApiError::InvalidParameter("Invalid pagination token.".into()))?,
        None => 0,
    };
    let total = items.len();
    let page: Vec<T> = items.into_iter().skip(start).take(max).collect();
    let next = (start + page.len() < total).then(|| (start + page.len()).to_string());
    Ok((page, next))
}

pub fn list_user_pools(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ListInput = parse(body)?;
    let max = Some(
        input
            .max_results
            .ok_or_else(|| ApiError::missing("maxResults"))?,
    );
    let (pools, next) = page(app.store.pools()?, max, input.next_token.as_deref())?;
    let listed: Vec<Value> = pools
        .iter()
        .map(|pool| {
            json!({
                "Id": pool.id,
                "Name": pool.config.name,
                "CreationDate": pool.created,
                "LastModifiedDate": pool.modified,
            })
        })
        .collect();
    let mut out = json!({ "UserPools": listed });
    if let Some(next) = next {
        out["NextToken"] = json!(next);
    }
    Ok(out)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TokenValidityUnitsInput {
    access_token: Option<String>,
    id_token: Option<String>,
    refresh_token: Option<String>,
}

/// The settings CreateUserPoolClient and UpdateUserPoolClient share.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ClientSettingsInput {
    explicit_auth_flows: Option<Vec<String>>,
    prevent_user_existence_errors: Option<String>,
    access_token_validity: Option<i64>,
    id_token_validity: Option<i64>,
    refresh_token_validity: Option<i64>,
    token_validity_units: Option<TokenValidityUnitsInput>,
    enable_token_revocation: Option<bool>,
    #[serde(rename = "CallbackURLs", default, deserialize_with = "or_default")]
    callback_urls: Vec<String>,
    #[serde(rename = "LogoutURLs", default, deserialize_with = "or_default")]
    logout_urls: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    allowed_o_auth_flows: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    allowed_o_auth_scopes: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    allowed_o_auth_flows_user_pool_client: bool,
    supported_identity_providers: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateClientInput {
    user_pool_id: Option<String>,
    client_name: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    generate_secret: bool,
    #[serde(flatten)]
    settings: ClientSettingsInput,
}

fn unit_secs(unit: Option<&str>, default: &str) -> ApiResult<i64> {
    match unit.unwrap_or(default) {
        "seconds" => Ok(1),
        "minutes" => Ok(60),
        "hours" => Ok(3600),
        "days" => Ok(86_400),
        other => Err(ApiError::InvalidParameter(format!(
            "Invalid token validity unit {other}."
        ))),
    }
}

/// A client's settings from the request; members left out get Cognito's defaults (on update
/// too, as Cognito does).
fn client_config(
    app: &App,
    pool: &Pool,
    name: &str,
    input: ClientSettingsInput,
    has_secret: bool,
) -> ApiResult<ClientConfig> {
    let defaults = ClientConfig::default();
    let units = input.token_validity_units.as_ref();
    let access_unit = unit_secs(units.and_then(|u| u.access_token.as_deref()), "hours")?;
    let id_unit = unit_secs(units.and_then(|u| u.id_token.as_deref()), "hours")?;
    let refresh_unit = unit_secs(units.and_then(|u| u.refresh_token.as_deref()), "days")?;
    let flows = match input.explicit_auth_flows {
        Some(flows) => explicit_auth_flows(flows)?,
        None => defaults.explicit_auth_flows.clone(),
    };
    let config = ClientConfig {
        name: name.to_owned(),
        secret: None,
        explicit_auth_flows: flows,
        prevent_user_existence_errors: input
            .prevent_user_existence_errors
            .unwrap_or_else(|| defaults.prevent_user_existence_errors.clone()),
        access_token_validity_secs: input
            .access_token_validity
            .map_or(defaults.access_token_validity_secs, |v| v * access_unit),
        id_token_validity_secs: input
            .id_token_validity
            .map_or(defaults.id_token_validity_secs, |v| v * id_unit),
        refresh_token_validity_secs: input
            .refresh_token_validity
            .map_or(defaults.refresh_token_validity_secs, |v| v * refresh_unit),
        enable_token_revocation: input.enable_token_revocation.unwrap_or(true),
        callback_urls: input.callback_urls,
        logout_urls: input.logout_urls,
        allowed_oauth_flows: input.allowed_o_auth_flows,
        allowed_oauth_scopes: input.allowed_o_auth_scopes,
        supported_identity_providers: input
            .supported_identity_providers
            .unwrap_or(defaults.supported_identity_providers),
        allowed_oauth_flows_user_pool_client: input.allowed_o_auth_flows_user_pool_client,
    };
    client_oauth::check(app, pool, &config, has_secret)?;
    Ok(config)
}

pub fn create_user_pool_client(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: CreateClientInput = parse(body)?;
    let pool = common::pool(app, required_str(&input.user_pool_id, "userPoolId")?)?;
    let name = required_str(&input.client_name, "clientName")?;
    let config = client_config(app, &pool, name, input.settings, input.generate_secret)?;
    let client = provision::create_client(app, &pool.id, config, input.generate_secret)?;
    Ok(json!({ "UserPoolClient": describe_client(&client) }))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct UpdateClientInput {
    user_pool_id: Option<String>,
    client_id: Option<String>,
    client_name: Option<String>,
    #[serde(flatten)]
    settings: ClientSettingsInput,
}

/// Replaces a client's settings; the id, secret and (when not given) name stay.
pub fn update_user_pool_client(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: UpdateClientInput = parse(body)?;
    let pool = common::pool(app, required_str(&input.user_pool_id, "userPoolId")?)?;
    let mut client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    if client.pool_id != pool.id {
        return Err(ApiError::ResourceNotFound(format!(
            "User pool client {} does not exist.",
            client.id
        )));
    }
    let name = input
        .client_name
        .clone()
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| client.config.name.clone());
    let secret = client.config.secret.clone();
    let mut config = client_config(app, &pool, &name, input.settings, secret.is_some())?;
    config.secret = secret;
    client.config = config;
    client.modified = crate::clock::now();
    app.store.save_client(&client, client.modified)?;
    Ok(json!({ "UserPoolClient": describe_client(&client) }))
}

/// Normalises `ExplicitAuthFlows`: the pre-2019 names mean their `ALLOW_` forms, and with only
/// old names SRP and refresh stay allowed, as they did then.
fn explicit_auth_flows(flows: Vec<String>) -> ApiResult<Vec<String>> {
    const ALLOWED: &[&str] = &[
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_CUSTOM_AUTH",
        "ALLOW_USER_AUTH",
    ];
    let legacy = !flows.is_empty() && flows.iter().all(|flow| !flow.starts_with("ALLOW_"));
    let mut out: Vec<String> = Vec::new();
    for flow in flows {
        let flow = match flow.as_str() {
            "USER_PASSWORD_AUTH" => "ALLOW_USER_PASSWORD_AUTH".to_owned(),
            "ADMIN_NO_SRP_AUTH" => "ALLOW_ADMIN_USER_PASSWORD_AUTH".to_owned(),
            "CUSTOM_AUTH_FLOW_ONLY" => "ALLOW_CUSTOM_AUTH".to_owned(),
            _ => flow,
        };
        check_choices("explicitAuthFlows", std::slice::from_ref(&flow), ALLOWED)?;
        out.push(flow);
    }
    if legacy {
        out.extend([
            "ALLOW_USER_SRP_AUTH".to_owned(),
            "ALLOW_REFRESH_TOKEN_AUTH".to_owned(),
        ]);
    }
    out.dedup();
    Ok(out)
}

fn describe_client(client: &Client) -> Value {
    let config = &client.config;
    let mut out = json!({
        "UserPoolId": client.pool_id,
        "ClientName": config.name,
        "ClientId": client.id,
        "CreationDate": client.created,
        "LastModifiedDate": client.modified,
        "ExplicitAuthFlows": config.explicit_auth_flows,
        "AccessTokenValidity": config.access_token_validity_secs,
        "IdTokenValidity": config.id_token_validity_secs,
        "RefreshTokenValidity": config.refresh_token_validity_secs,
        "TokenValidityUnits": { "AccessToken": "seconds", "IdToken": "seconds", "RefreshToken": "seconds" },
        "PreventUserExistenceErrors": config.prevent_user_existence_errors,
        "EnableTokenRevocation": config.enable_token_revocation,
        "SupportedIdentityProviders": config.supported_identity_providers,
        "CallbackURLs": config.callback_urls,
        "LogoutURLs": config.logout_urls,
        "AllowedOAuthFlows": config.allowed_oauth_flows,
        "AllowedOAuthScopes": config.allowed_oauth_scopes,
        "AllowedOAuthFlowsUserPoolClient": config.allowed_oauth_flows_user_pool_client,
    });
    if let Some(secret) = &config.secret {
        out["ClientSecret"] = json!(secret);
    }
    out
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ClientIdInput {
    user_pool_id: Option<String>,
    client_id: Option<String>,
}

pub fn describe_user_pool_client(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ClientIdInput = parse(body)?;
    let pool_id = required_str(&input.user_pool_id, "userPoolId")?;
    let client = common::client(app, required_str(&input.client_id, "clientId")?)?;
    if client.pool_id != pool_id {
        return Err(ApiError::ResourceNotFound(format!(
            "User pool client {} does not exist.",
            client.id
        )));
    }
    Ok(json!({ "UserPoolClient": describe_client(&client) }))
}

pub fn delete_user_pool_client(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ClientIdInput = parse(body)?;
    let pool_id = required_str(&input.user_pool_id, "userPoolId")?;
    let client_id = required_str(&input.client_id, "clientId")?;
    // Tokens the client issued stop working: access-token checks require a live client.
    if !app.store.delete_client(pool_id, client_id)? {
        return Err(ApiError::ResourceNotFound(format!(
            "User pool client {client_id} does not exist."
        )));
    }
    Ok(json!({}))
}

pub fn list_user_pool_clients(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: ListInput = parse(body)?;
    let pool = common::pool(app, required_str(&input.user_pool_id, "userPoolId")?)?;
    let (clients, next) = page(
        app.store.clients(&pool.id)?,
        input.max_results,
        input.next_token.as_deref(),
    )?;
    let listed: Vec<Value> = clients
        .iter()
        .map(|client| {
            json!({ "ClientId": client.id, "UserPoolId": client.pool_id, "ClientName": client.config.name })
        })
        .collect();
    let mut out = json!({ "UserPoolClients": listed });
    if let Some(next) = next {
        out["NextToken"] = json!(next);
    }
    Ok(out)
}
