//! What a configured identity provider means: its kind, its endpoints (the built-in mock's when
//! ProviderDetails names none), how its subject is found, and the attribute mapping defaults.

use std::collections::BTreeMap;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::store::IdentityProvider;

/// The provider types CreateIdentityProvider accepts, in the order AWS lists them.
pub const TYPES: &[&str] = &[
    "SAML",
    "Facebook",
    "Google",
    "LoginWithAmazon",
    "SignInWithApple",
    "OIDC",
];

/// The built-in mock providers, by the path segment under `/_mock/`.
pub const MOCK_KINDS: &[&str] = &["google", "facebook", "amazon", "apple", "oidc"];

/// The mock that stands in for a provider type.
pub fn mock_kind_for_type(provider_type: &str) -> Option<&'static str> {
    match provider_type {
        "Google" => Some("google"),
        "Facebook" => Some("facebook"),
        "LoginWithAmazon" => Some("amazon"),
        "SignInWithApple" => Some("apple"),
        "OIDC" => Some("oidc"),
        _ => None,
    }
}

/// The issuer of a mock provider's tokens.
pub fn mock_issuer(app: &App, kind: &str) -> String {
    format!("{}/_mock/{kind}", app.base_url)
}

/// The client every mock provider knows without configuration, so federated sign-in straight
/// to an identity pool works out of the box.
pub fn default_mock_client_id(kind: &str) -> String {
    format!("local-{kind}-client")
}

/// The secret of [`default_mock_client_id`]: not a secret at all, a local development value.
pub fn default_mock_client_secret(kind: &str) -> String {
    format!("local-{kind}-secret")
}

/// The claim that identifies the user at the provider.
pub fn subject_claim(provider_type: &str) -> &'static str {
    match provider_type {
        "Facebook" => "id",
        "LoginWithAmazon" => "user_id",
        _ => "sub",
    }
}

/// Whether the provider hands out an OpenID Connect id token (the others are OAuth 2.0 only and
/// are asked for the user's attributes instead).
pub fn issues_id_tokens(provider_type: &str) -> bool {
    matches!(provider_type, "Google" | "SignInWithApple" | "OIDC")
}

/// Where to send the browser and where to call back-channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub authorize_url: String,
    pub token_url: String,
    pub attributes_url: Option<String>,
    pub jwks_uri: Option<String>,
    /// The expected `iss` of id tokens, when known.
    pub issuer: Option<String>,
    /// The mock behind these endpoints, if it is one of ours.
    pub mock: Option<&'static str>,
}

/// The endpoints of `idp`: each from ProviderDetails when given, else the built-in mock's.
/// An OIDC provider uses the mock when its `oidc_issuer` is a mock's issuer; for any other
/// issuer the endpoints must be given.
pub fn endpoints(app: &App, idp: &IdentityProvider) -> ApiResult<Endpoints> {
    let detail = |key: &str| {
        idp.details
            .get(key)
            .filter(|value| !value.is_empty())
            .cloned()
    };
    let kind = match idp.provider_type.as_str() {
        "OIDC" => detail("oidc_issuer").and_then(|issuer| {
            MOCK_KINDS
                .iter()
                .copied()
                .find(|kind| issuer.trim_end_matches('/') == mock_issuer(app, kind))
        }),
        other => mock_kind_for_type(other),
    };
    let mock_url = |path: &str| kind.map(|kind| format!("{}/{path}", mock_issuer(app, kind)));
    let missing = |key: &str| {
        ApiError::InvalidParameter(format!(
            "The identity provider {} has no {key} in its ProviderDetails.",
            idp.name
        ))
    };
    let authorize_url = detail("authorize_url")
        .or_else(|| mock_url("authorize"))
        .ok_or_else(|| missing("authorize_url"))?;
    let token_url = detail("token_url")
        .or_else(|| mock_url("token"))
        .ok_or_else(|| missing("token_url"))?;
    let attributes_url = detail("attributes_url").or_else(|| mock_url("userinfo"));
    let jwks_uri = detail("jwks_uri").or_else(|| mock_url("jwks.json"));
    if issues_id_tokens(&idp.provider_type) && jwks_uri.is_none() {
        return Err(missing("jwks_uri"));
    }
    if !issues_id_tokens(&idp.provider_type) && attributes_url.is_none() {
        return Err(missing("attributes_url"));
    }
    let issuer = detail("oidc_issuer").or_else(|| kind.map(|kind| mock_issuer(app, kind)));
    // Only a mock reached at its own token endpoint counts as the mock.
    let mock = kind.filter(|kind| token_url == format!("{}/token", mock_issuer(app, kind)));
    Ok(Endpoints {
        authorize_url,
        token_url,
        attributes_url,
        jwks_uri,
        issuer,
        mock,
    })
}

/// The mapping with Cognito's default added: `username` comes from the provider's subject.
pub fn with_default_mapping(
    provider_type: &str,
    mut mapping: BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    if provider_type != "SAML" {
        mapping
            .entry("username".into())
            .or_insert_with(|| subject_claim(provider_type).into());
    }
    mapping
}

/// The ProviderDetails keys each type needs, as Cognito checks them.
pub fn required_details(provider_type: &str) -> &'static [&'static str] {
    match provider_type {
        "Google" | "Facebook" | "LoginWithAmazon" => {
            &["client_id", "client_secret", "authorize_scopes"]
        }
        "SignInWithApple" => &[
            "client_id",
            "team_id",
            "key_id",
            "private_key",
            "authorize_scopes",
        ],
        "OIDC" => &[
            "client_id",
            "attributes_request_method",
            "oidc_issuer",
            "authorize_scopes",
        ],
        _ => &[],
    }
}
