//! Social and OIDC identity providers of a pool, as the hosted UI uses them.
//!
//! Placeholder until branch idp-server brings the real providers (and their built-in mocks):
//! no pool has a configured provider yet, so every call is refused.

use crate::app::App;
use crate::errors::{ApiError, ApiResult};

fn not_configured(provider_name: &str) -> ApiError {
    ApiError::InvalidParameter(format!(
        "Identity provider {provider_name} is not configured for the user pool."
    ))
}

/// Configured identity providers of a pool (name, type), for login-page buttons.
pub fn providers(_app: &App, _pool_id: &str) -> ApiResult<Vec<(String, String)>> {
    Err(ApiError::InvalidParameter(
        "Identity providers are not available on this server.".into(),
    ))
}

/// The URL to send the browser to for provider `provider_name` of `pool_id`: the provider's
/// authorize endpoint with redirect_uri = {base_url}/oauth2/idpresponse and the given state.
pub fn begin(_app: &App, _pool_id: &str, provider_name: &str, _state: &str) -> ApiResult<String> {
    Err(not_configured(provider_name))
}

/// Exchanges the provider's `code`, creates or updates the federated user in the pool and
/// returns its pool username.
pub async fn finish(
    _app: &App,
    _pool_id: &str,
    provider_name: &str,
    _code: &str,
) -> ApiResult<String> {
    Err(not_configured(provider_name))
}
