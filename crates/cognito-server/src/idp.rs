//! What a configured identity provider means: its kind, whether a built-in mock stands in for
//! it, its endpoints (ProviderDetails, else the mock's or the real provider's), how its subject
//! is found, and the attribute mapping defaults.

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

/// The endpoints Cognito fills into ProviderDetails when a social provider is created with only
/// its client id and secret, as DescribeIdentityProvider then shows them (AWS's ProviderDetails
/// reference). Facebook's follow its `api_version`, v17.0 unless given.
pub fn real_defaults(provider_type: &str) -> &'static [(&'static str, &'static str)] {
    match provider_type {
        "Google" => &[
            (
                "authorize_url",
                "https://accounts.google.com/o/oauth2/v2/auth",
            ),
            ("token_url", "https://www.googleapis.com/oauth2/v4/token"),
            (
                "attributes_url",
                "https://people.googleapis.com/v1/people/me?personFields=",
            ),
            ("oidc_issuer", "https://accounts.google.com"),
            ("attributes_url_add_attributes", "true"),
            ("token_request_method", "POST"),
        ],
        "Facebook" => &[
            (
                "authorize_url",
                "https://www.facebook.com/v17.0/dialog/oauth",
            ),
            (
                "token_url",
                "https://graph.facebook.com/v17.0/oauth/access_token",
            ),
            (
                "attributes_url",
                "https://graph.facebook.com/v17.0/me?fields=",
            ),
            ("attributes_url_add_attributes", "true"),
            ("token_request_method", "GET"),
        ],
        "LoginWithAmazon" => &[
            ("authorize_url", "https://www.amazon.com/ap/oa"),
            ("token_url", "https://api.amazon.com/auth/o2/token"),
            ("attributes_url", "https://api.amazon.com/user/profile"),
            ("attributes_url_add_attributes", "false"),
            ("token_request_method", "POST"),
        ],
        "SignInWithApple" => &[
            ("authorize_url", "https://appleid.apple.com/auth/authorize"),
            ("token_url", "https://appleid.apple.com/auth/token"),
            ("oidc_issuer", "https://appleid.apple.com"),
            ("attributes_url_add_attributes", "false"),
            ("token_request_method", "POST"),
        ],
        _ => &[],
    }
}

/// Where a real provider publishes the keys of its id tokens (Cognito does not show these).
pub fn real_jwks_uri(provider_type: &str) -> Option<&'static str> {
    match provider_type {
        "Google" => Some("https://www.googleapis.com/oauth2/v3/certs"),
        "SignInWithApple" => Some("https://appleid.apple.com/auth/keys"),
        _ => None,
    }
}

/// Whether `url` is the mock `kind` or one of its pages.
fn is_mock_url(app: &App, kind: &str, url: &str) -> bool {
    let base = mock_issuer(app, kind);
    url.strip_prefix(&base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The mock that stands in for `idp`, if one does. The rule: a mock is used when the provider's
/// `client_id` is a mock's own (`local-{kind}-client`, what the defaults configure) or when its
/// ProviderDetails point at a mock (`authorize_url`, `token_url`, `oidc_issuer`, ...). Any other
/// client id means the real provider.
pub fn mock_kind(app: &App, idp: &IdentityProvider) -> Option<&'static str> {
    let candidates: &[&'static str] = match idp.provider_type.as_str() {
        "OIDC" => MOCK_KINDS,
        other => match MOCK_KINDS
            .iter()
            .position(|kind| Some(*kind) == mock_kind_for_type(other))
        {
            Some(index) => &MOCK_KINDS[index..=index],
            None => &[],
        },
    };
    let client_id = idp.details.get("client_id").map(String::as_str);
    candidates.iter().copied().find(|kind| {
        client_id == Some(default_mock_client_id(kind).as_str())
            || [
                "authorize_url",
                "token_url",
                "attributes_url",
                "jwks_uri",
                "oidc_issuer",
            ]
            .iter()
            .filter_map(|key| idp.details.get(*key))
            .any(|url| is_mock_url(app, kind, url))
    })
}

/// Fills in the real provider's default endpoints (see [`real_defaults`]) that ProviderDetails
/// leaves out, unless a mock stands in for `idp`. Explicit details always win.
pub fn fill_real_defaults(app: &App, idp: &mut IdentityProvider) {
    if mock_kind(app, idp).is_some() {
        return;
    }
    let version = match idp.details.get("api_version") {
        Some(version) if idp.provider_type == "Facebook" && !version.is_empty() => version.clone(),
        _ => "v17.0".to_owned(),
    };
    for (key, value) in real_defaults(&idp.provider_type) {
        idp.details
            .entry((*key).to_owned())
            .or_insert_with(|| value.replace("v17.0", &version));
    }
}

/// The issuer whose discovery document `idp` needs: a real OIDC provider that leaves one of
/// its endpoints out ("auto fill through issuer URL").
pub fn discovery_issuer(app: &App, idp: &IdentityProvider) -> Option<String> {
    if idp.provider_type != "OIDC" || mock_kind(app, idp).is_some() {
        return None;
    }
    let given = |key: &str| idp.details.get(key).is_some_and(|value| !value.is_empty());
    if ["authorize_url", "token_url", "attributes_url", "jwks_uri"]
        .iter()
        .all(|key| given(key))
    {
        return None;
    }
    idp.details
        .get("oidc_issuer")
        .filter(|issuer| !issuer.is_empty())
        .cloned()
}

/// The endpoints of `idp` that need no network: see [`endpoints_with`].
pub fn endpoints(app: &App, idp: &IdentityProvider) -> ApiResult<Endpoints> {
    endpoints_with(app, idp, None)
}

/// The endpoints of `idp`: each from ProviderDetails when given; else the mock's when a mock
/// stands in ([`mock_kind`]); else the real provider's defaults, or for OIDC the issuer's
/// `discovered` OpenID configuration ([`discovery_issuer`]).
pub fn endpoints_with(
    app: &App,
    idp: &IdentityProvider,
    discovered: Option<&serde_json::Value>,
) -> ApiResult<Endpoints> {
    let detail = |key: &str| {
        idp.details
            .get(key)
            .filter(|value| !value.is_empty())
            .cloned()
    };
    let kind = mock_kind(app, idp);
    let fallback = |key: &str, mock_path: &str, discovery_key: &str| -> Option<String> {
        if let Some(kind) = kind {
            return Some(format!("{}/{mock_path}", mock_issuer(app, kind)));
        }
        if key == "jwks_uri"
            && let Some(uri) = real_jwks_uri(&idp.provider_type)
        {
            return Some(uri.to_owned());
        }
        real_defaults(&idp.provider_type)
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| (*value).to_owned())
            .or_else(|| {
                // A real provider's endpoints are https, whatever a document says.
                discovered?[discovery_key]
                    .as_str()
                    .filter(|url| url.starts_with("https://"))
                    .map(str::to_owned)
            })
    };
    let missing = |key: &str| {
        ApiError::InvalidParameter(format!(
            "The identity provider {} has no {key} in its ProviderDetails.",
            idp.name
        ))
    };
    let authorize_url = detail("authorize_url")
        .or_else(|| fallback("authorize_url", "authorize", "authorization_endpoint"))
        .ok_or_else(|| missing("authorize_url"))?;
    let token_url = detail("token_url")
        .or_else(|| fallback("token_url", "token", "token_endpoint"))
        .ok_or_else(|| missing("token_url"))?;
    let attributes_url = detail("attributes_url")
        .or_else(|| fallback("attributes_url", "userinfo", "userinfo_endpoint"));
    let jwks_uri = detail("jwks_uri").or_else(|| fallback("jwks_uri", "jwks.json", "jwks_uri"));
    if issues_id_tokens(&idp.provider_type) && jwks_uri.is_none() {
        return Err(missing("jwks_uri"));
    }
    if !issues_id_tokens(&idp.provider_type) && attributes_url.is_none() {
        return Err(missing("attributes_url"));
    }
    let issuer = detail("oidc_issuer")
        .or_else(|| kind.map(|kind| mock_issuer(app, kind)))
        .or_else(|| fallback("oidc_issuer", "", "issuer"));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(provider_type: &str, details: &[(&str, String)]) -> IdentityProvider {
        IdentityProvider {
            pool_id: "p".into(),
            name: provider_type.into(),
            provider_type: provider_type.into(),
            details: details
                .iter()
                .map(|(key, value)| ((*key).to_owned(), value.clone()))
                .collect(),
            attribute_mapping: BTreeMap::new(),
            idp_identifiers: Vec::new(),
            created: 0,
            modified: 0,
        }
    }

    #[test]
    fn the_mock_stands_in_for_its_own_client_ids_and_urls_only() {
        let (app, _) = App::for_tests();
        let client = |id: &str| ("client_id", id.to_owned());
        let google = provider("Google", &[client("local-google-client")]);
        assert_eq!(mock_kind(&app, &google), Some("google"));
        let found = endpoints(&app, &google).unwrap();
        assert_eq!(found.mock, Some("google"));
        assert_eq!(
            found.jwks_uri,
            Some(format!("{}/_mock/google/jwks.json", app.base_url))
        );

        // Another mock's client id does not make a Google provider a mock.
        let google = provider("Google", &[client("local-apple-client")]);
        assert_eq!(mock_kind(&app, &google), None);
        let found = endpoints(&app, &google).unwrap();
        assert_eq!(found.mock, None);
        assert_eq!(
            found.authorize_url,
            "https://accounts.google.com/o/oauth2/v2/auth"
        );
        assert_eq!(
            found.jwks_uri.as_deref(),
            Some("https://www.googleapis.com/oauth2/v3/certs")
        );
        assert_eq!(found.issuer.as_deref(), Some("https://accounts.google.com"));

        // Details pointing at a mock make it the mock, whatever the client id.
        let amazon = provider(
            "LoginWithAmazon",
            &[
                client("amzn-app"),
                ("token_url", format!("{}/_mock/amazon/token", app.base_url)),
            ],
        );
        assert_eq!(mock_kind(&app, &amazon), Some("amazon"));
        assert_eq!(endpoints(&app, &amazon).unwrap().mock, Some("amazon"));
        // A URL that merely starts like the mock's is not the mock.
        let amazon = provider(
            "LoginWithAmazon",
            &[
                client("amzn-app"),
                ("token_url", format!("{}/_mock/amazonx/token", app.base_url)),
            ],
        );
        assert_eq!(mock_kind(&app, &amazon), None);

        // OIDC: a mock issuer is the mock; another issuer without endpoints needs discovery.
        let local = provider(
            "OIDC",
            &[client("corp"), ("oidc_issuer", mock_issuer(&app, "oidc"))],
        );
        assert_eq!(mock_kind(&app, &local), Some("oidc"));
        assert_eq!(discovery_issuer(&app, &local), None);
        let corp = provider(
            "OIDC",
            &[
                client("corp"),
                ("oidc_issuer", "https://login.example.com".into()),
            ],
        );
        assert_eq!(
            discovery_issuer(&app, &corp).as_deref(),
            Some("https://login.example.com")
        );
        assert!(endpoints(&app, &corp).is_err());
    }
}
