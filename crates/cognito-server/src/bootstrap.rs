//! First start: the default pool, app client and identity pool, and the app's config file.

use serde::Serialize;
use serde_json::json;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::provision::{self, REGION};
use crate::store::{ClientConfig, PoolConfig};

/// The ids an app needs to talk to this server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Defaults {
    pub user_pool_id: String,
    pub client_id: String,
    pub identity_pool_id: String,
}

const POOL_KEY: &str = "default_user_pool_id";
const CLIENT_KEY: &str = "default_client_id";
const IDENTITY_POOL_KEY: &str = "default_identity_pool_id";

/// Settings of the pool made on first start: sign in with a username, email required and verified
/// by code, optional SMS or TOTP MFA, Cognito's default password policy.
pub fn default_pool_config() -> PoolConfig {
    PoolConfig {
        name: "local".into(),
        auto_verified_attributes: vec!["email".into()],
        required_attributes: vec!["email".into()],
        mfa_configuration: "OPTIONAL".into(),
        ..PoolConfig::default()
    }
}

/// The default pool's hosted UI domain prefix.
pub const DEFAULT_DOMAIN: &str = "local";

/// Scopes the default client may ask for, and the app config lists.
pub const DEFAULT_SCOPES: &[&str] = &[
    "openid",
    "email",
    "phone",
    "profile",
    "aws.cognito.signin.user.admin",
];

/// A public client (no secret, as Amplify requires) allowing SRP, plain passwords and refresh,
/// and the hosted UI's code and implicit flows with the default pool's providers.
pub fn default_client_config() -> ClientConfig {
    ClientConfig {
        name: "local-web".into(),
        explicit_auth_flows: vec![
            "ALLOW_USER_SRP_AUTH".into(),
            "ALLOW_USER_PASSWORD_AUTH".into(),
            "ALLOW_REFRESH_TOKEN_AUTH".into(),
        ],
        ..ClientConfig::default()
    }
    .with_default_oauth()
}

impl ClientConfig {
    fn with_default_oauth(mut self) -> Self {
        self.allowed_oauth_flows = vec!["code".into(), "implicit".into()];
        self.allowed_oauth_flows_user_pool_client = true;
        self.allowed_oauth_scopes = DEFAULT_SCOPES.iter().map(|s| (*s).to_owned()).collect();
        self.supported_identity_providers = [
            "COGNITO",
            "Google",
            "Facebook",
            "LoginWithAmazon",
            "SignInWithApple",
            "LocalOIDC",
            "LocalSAML",
        ]
        .map(str::to_owned)
        .to_vec();
        self
    }
}

/// On every start: the default client's callback and sign-out URLs include `{base_url}/` (the
/// port may differ from the last run), and a client made before the hosted UI existed gets its
/// OAuth settings.
fn prepare_default_client(app: &App, client_id: &str) -> ApiResult<()> {
    let Some(mut client) = app.store.client(client_id)? else {
        return Ok(());
    };
    let before = client.config.clone();
    if client.config.allowed_oauth_flows.is_empty()
        && !client.config.allowed_oauth_flows_user_pool_client
    {
        client.config = client.config.with_default_oauth();
    }
    let home = format!("{}/", app.base_url);
    for urls in [
        &mut client.config.callback_urls,
        &mut client.config.logout_urls,
    ] {
        if !urls.contains(&home) {
            urls.push(home.clone());
        }
    }
    if client.config != before {
        app.store.save_client(&client, crate::clock::now())?;
    }
    Ok(())
}

/// Gives the default pool the `local` domain prefix unless it has one (or another pool took it).
fn prepare_default_domain(app: &App, pool_id: &str) -> ApiResult<()> {
    if app.store.domain_of_pool(pool_id)?.is_none() {
        app.store
            .insert_domain(DEFAULT_DOMAIN, pool_id, crate::clock::now())?;
    }
    Ok(())
}

/// Returns the default ids, creating the pool and client if this data dir has none yet (or if the
/// recorded pool was deleted).
pub fn ensure_defaults(app: &App) -> ApiResult<Defaults> {
    let text = |bytes: Vec<u8>| {
        String::from_utf8(bytes).map_err(|_| ApiError::InternalError("corrupt meta".into()))
    };
    let recorded_pool = match app.store.meta(POOL_KEY)? {
        Some(bytes) => Some(text(bytes)?),
        None => None,
    };
    let pool_id = match recorded_pool {
        Some(id) if app.store.pool(&id)?.is_some() => id,
        _ => {
            let pool = provision::create_pool(app, default_pool_config())?;
            let client = provision::create_client(app, &pool.id, default_client_config(), false)?;
            app.store.set_meta(POOL_KEY, pool.id.as_bytes())?;
            app.store.set_meta(CLIENT_KEY, client.id.as_bytes())?;
            pool.id
        }
    };
    crate::default_providers::ensure(app, &pool_id)?;
    let client_id = text(app.store.meta(CLIENT_KEY)?.unwrap_or_default())?;
    prepare_default_client(app, &client_id)?;
    prepare_default_domain(app, &pool_id)?;
    let identity_pool_id = text(app.store.meta_or_insert(IDENTITY_POOL_KEY, || {
        crate::ids::identity_pool_id(REGION).into_bytes()
    })?)?;
    crate::default_providers::ensure_identity_pool(app, &identity_pool_id, &pool_id, &client_id)?;
    Ok(Defaults {
        user_pool_id: pool_id,
        client_id,
        identity_pool_id,
    })
}

/// The app's configuration in the `aws-exports` shape, with endpoint overrides for this server.
pub fn auth_config(app: &App, defaults: &Defaults) -> ApiResult<serde_json::Value> {
    let pool = app
        .store
        .pool(&defaults.user_pool_id)?
        .ok_or_else(|| ApiError::InternalError("default pool vanished".into()))?;
    let policy = &pool.config.password_policy;
    let characters: Vec<&str> = [
        (policy.require_lowercase, "REQUIRES_LOWERCASE"),
        (policy.require_uppercase, "REQUIRES_UPPERCASE"),
        (policy.require_numbers, "REQUIRES_NUMBERS"),
        (policy.require_symbols, "REQUIRES_SYMBOLS"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    let upper = |names: &[String]| -> Vec<String> {
        names.iter().map(|name| name.to_uppercase()).collect()
    };
    Ok(json!({
        "aws_project_region": REGION,
        "aws_cognito_region": REGION,
        "aws_user_pools_id": defaults.user_pool_id,
        "aws_user_pools_web_client_id": defaults.client_id,
        "aws_cognito_identity_pool_id": defaults.identity_pool_id,
        "aws_cognito_username_attributes": upper(&pool.config.username_attributes),
        "aws_cognito_social_providers": ["GOOGLE", "FACEBOOK", "AMAZON", "APPLE"],
        "aws_cognito_signup_attributes": upper(&pool.config.required_attributes),
        "aws_cognito_mfa_configuration": pool.config.mfa_configuration,
        "aws_cognito_mfa_types": ["SMS", "TOTP"],
        "aws_cognito_password_protection_settings": {
            "passwordPolicyMinLength": policy.minimum_length,
            "passwordPolicyCharacters": characters,
        },
        "aws_cognito_verification_mechanisms": upper(&pool.config.auto_verified_attributes),
        // Not part of Amplify's generated file: where this server answers instead of AWS.
        "aws_user_pools_endpoint": app.base_url,
        "aws_cognito_identity_endpoint": app.base_url,
        // The hosted UI answers on this server's own origin; Amplify's `domain` has no scheme,
        // ours keeps it so clients know to use plain HTTP.
        "oauth": {
            "domain": app.base_url,
            "scope": DEFAULT_SCOPES,
            "redirectSignIn": format!("{}/", app.base_url),
            "redirectSignOut": format!("{}/", app.base_url),
            "responseType": "code",
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_start_registers_the_current_url_with_the_default_client() {
        let (mut app, defaults) = App::for_tests();
        app.base_url = "http://127.0.0.1:2".into();
        assert_eq!(ensure_defaults(&app).unwrap(), defaults);
        let client = app.store.client(&defaults.client_id).unwrap().unwrap();
        for urls in [&client.config.callback_urls, &client.config.logout_urls] {
            assert_eq!(urls, &["http://127.0.0.1:1/", "http://127.0.0.1:2/"]);
        }
        assert_eq!(client.config.allowed_oauth_flows, ["code", "implicit"]);
        assert!(client.config.allowed_oauth_flows_user_pool_client);
        let domain = app.store.domain_of_pool(&defaults.user_pool_id).unwrap();
        assert_eq!(domain.unwrap().domain, DEFAULT_DOMAIN);
    }

    #[test]
    fn the_app_config_names_the_hosted_ui() {
        let (app, defaults) = App::for_tests();
        let config = auth_config(&app, &defaults).unwrap();
        assert_eq!(
            config["oauth"],
            json!({
                "domain": "http://127.0.0.1:1",
                "scope": DEFAULT_SCOPES,
                "redirectSignIn": "http://127.0.0.1:1/",
                "redirectSignOut": "http://127.0.0.1:1/",
                "responseType": "code",
            })
        );
    }
}
