//! Checks on an app client's OAuth settings (CreateUserPoolClient, UpdateUserPoolClient):
//! flows, scopes, callback and sign-out URLs, identity providers.

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::oauth::{acceptable_redirect_uri, scopes};
use crate::store::{ClientConfig, Pool};

const FLOWS: &[&str] = &["implicit", "client_credentials", "code"];

pub fn check(app: &App, pool: &Pool, config: &ClientConfig, has_secret: bool) -> ApiResult<()> {
    let flows = &config.allowed_oauth_flows;
    if flows.iter().any(|flow| !FLOWS.contains(&flow.as_str())) {
        return Err(ApiError::InvalidParameter(format!(
            "1 validation error detected: Value '[{}]' at 'allowedOAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [{}]]",
            flows.join(", "),
            FLOWS.join(", ")
        )));
    }
    if let Some(scope) = config
        .allowed_oauth_scopes
        .iter()
        .find(|scope| !scopes::is_known(scope))
    {
        return Err(ApiError::ScopeDoesNotExist(format!(
            "Invalid scope requested: {scope}"
        )));
    }
    for (member, urls) in [
        ("CallbackURLs", &config.callback_urls),
        ("LogoutURLs", &config.logout_urls),
    ] {
        if let Some(url) = urls.iter().find(|url| !acceptable_redirect_uri(url)) {
            return Err(ApiError::InvalidParameter(format!(
                "{member} must be absolute URLs without a fragment, using HTTPS unless the host is localhost: {url}"
            )));
        }
    }
    let client_credentials = flows.iter().any(|flow| flow == "client_credentials");
    let interactive = flows
        .iter()
        .any(|flow| flow == "code" || flow == "implicit");
    if client_credentials && interactive {
        return Err(ApiError::InvalidOAuthFlow(
            "client_credentials flow can not be selected along with code flow or implicit flow."
                .into(),
        ));
    }
    if client_credentials && !has_secret {
        return Err(ApiError::InvalidOAuthFlow(
            "client_credentials flow can not be selected if client does not have a client secret."
                .into(),
        ));
    }
    if config.allowed_oauth_flows_user_pool_client {
        if flows.is_empty() {
            return Err(ApiError::InvalidOAuthFlow(
                "AllowedOAuthFlows are required if the user pool client is allowed to use OAuth flows."
                    .into(),
            ));
        }
        if config.allowed_oauth_scopes.is_empty() {
            return Err(ApiError::InvalidParameter(
                "AllowedOAuthScopes are required if the user pool client is allowed to use OAuth flows."
                    .into(),
            ));
        }
        if interactive && config.callback_urls.is_empty() {
            return Err(ApiError::InvalidParameter(
                "CallbackURLs are required for the code and implicit flows.".into(),
            ));
        }
    }
    // Providers other than the pool's own users must exist on the pool.
    if let Ok(configured) = crate::federation::providers(app, &pool.id)
        && let Some(missing) = config.supported_identity_providers.iter().find(|name| {
            name.as_str() != "COGNITO" && !configured.iter().any(|(known, _)| known == *name)
        })
    {
        return Err(ApiError::InvalidParameter(format!(
            "The provider {missing} does not exist for User Pool {}",
            pool.id
        )));
    }
    Ok(())
}
