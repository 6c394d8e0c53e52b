//! `AuthConfig`: Amplify's Auth options, endpoint overrides for a local server, loading from
//! `aws-exports` JSON, Amplify's manual `{"Auth": ...}` shape and Gen 2 `amplify_outputs.json`, and
//! validation with errors that name the offending field.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::oauth::OAuthProvider;
use crate::types::MfaType;

/// Everything the client needs to know about the user pool (and, later, the identity pool).
///
/// Build one by hand or load the file Amplify (or `cognito-server`) writes:
///
/// ```
/// use cognito_auth::{AuthConfig, AuthFlowType};
///
/// let config = AuthConfig::new("us-east-1_AbCdEf123", "3n4b5urk1ft4fl3mg5e62d9ado")
///     .with_authentication_flow_type(AuthFlowType::UserPassword);
/// assert_eq!(config.region().as_deref(), Some("us-east-1"));
///
/// let exported = AuthConfig::from_json(r#"{
///     "aws_cognito_region": "eu-west-1",
///     "aws_user_pools_id": "eu-west-1_Pool1",
///     "aws_user_pools_web_client_id": "client1",
///     "aws_user_pools_endpoint": "http://127.0.0.1:9229"
/// }"#).unwrap();
/// assert_eq!(exported.user_pool_endpoint().unwrap(), "http://127.0.0.1:9229/");
/// ```
#[derive(Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct AuthConfig {
    /// AWS region; derived from the user pool id when absent.
    pub region: Option<String>,
    /// `us-east-1_AbCdEf123`.
    pub user_pool_id: Option<String>,
    /// The app client id (Amplify's `userPoolWebClientId`).
    pub user_pool_web_client_id: Option<String>,
    /// The app client secret, for confidential clients used from native code. Browser apps must
    /// not have one (Amplify refuses them for the same reason).
    pub client_secret: Option<String>,
    /// `us-east-1:<uuid>`.
    pub identity_pool_id: Option<String>,
    /// Region of the identity pool when it differs from `region`.
    pub identity_pool_region: Option<String>,
    /// Require a signed-in user for AWS credentials (no guest access).
    pub mandatory_sign_in: bool,
    /// How `sign_in` proves the password.
    pub authentication_flow_type: AuthFlowType,
    /// Keep tokens in cookies (browser) with these settings instead of localStorage.
    pub cookie_storage: Option<CookieStorage>,
    /// Hosted UI settings.
    pub oauth: Option<OAuthConfig>,
    /// Social providers the Hosted UI offers (aws-exports' `aws_cognito_social_providers`), for
    /// showing sign-in buttons.
    pub social_providers: Vec<OAuthProvider>,
    /// Sent as `ClientMetadata` to Lambda triggers on every call that takes it.
    pub client_metadata: BTreeMap<String, String>,
    /// Where user pool calls go instead of `https://cognito-idp.{region}.amazonaws.com/`.
    pub user_pool_endpoint: Option<String>,
    /// Where identity pool calls go instead of `https://cognito-identity.{region}.amazonaws.com/`.
    pub identity_pool_endpoint: Option<String>,
    /// Attributes users sign in with instead of a username (`email`, `phone_number`).
    pub username_attributes: Vec<String>,
    /// Attributes the sign-up form must ask for.
    pub signup_attributes: Vec<String>,
    /// Attributes verified by code after sign-up (`email`, `phone_number`).
    pub verification_mechanisms: Vec<String>,
    /// Whether the pool requires MFA.
    pub mfa_configuration: Option<MfaConfiguration>,
    /// MFA methods the pool offers.
    pub mfa_types: Vec<MfaType>,
    /// The pool's password policy, for checking passwords before sending them.
    pub password_policy: Option<PasswordPolicy>,
    /// Issuer shown by authenticator apps for TOTP (`otpauth://totp/{issuer}:{username}`).
    pub totp_issuer: Option<String>,
}

// By hand so the client secret never reaches a log.
impl std::fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthConfig")
            .field("region", &self.region)
            .field("user_pool_id", &self.user_pool_id)
            .field("user_pool_web_client_id", &self.user_pool_web_client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("identity_pool_id", &self.identity_pool_id)
            .field("identity_pool_region", &self.identity_pool_region)
            .field("mandatory_sign_in", &self.mandatory_sign_in)
            .field("authentication_flow_type", &self.authentication_flow_type)
            .field("cookie_storage", &self.cookie_storage)
            .field("oauth", &self.oauth)
            .field("social_providers", &self.social_providers)
            .field("client_metadata", &self.client_metadata)
            .field("user_pool_endpoint", &self.user_pool_endpoint)
            .field("identity_pool_endpoint", &self.identity_pool_endpoint)
            .field("username_attributes", &self.username_attributes)
            .field("signup_attributes", &self.signup_attributes)
            .field("verification_mechanisms", &self.verification_mechanisms)
            .field("mfa_configuration", &self.mfa_configuration)
            .field("mfa_types", &self.mfa_types)
            .field("password_policy", &self.password_policy)
            .field("totp_issuer", &self.totp_issuer)
            .finish()
    }
}

/// How `sign_in` authenticates (Amplify's `authenticationFlowType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum AuthFlowType {
    /// SRP: the password never leaves the client (Amplify's default).
    #[default]
    UserSrp,
    /// The password is sent over TLS; the app client must allow `USER_PASSWORD_AUTH`.
    UserPassword,
    /// Custom challenges (Lambda triggers), starting with an SRP password check.
    CustomWithSrp,
    /// Custom challenges only.
    CustomWithoutSrp,
}

impl AuthFlowType {
    /// Parses Amplify's names (`USER_SRP_AUTH`, `USER_PASSWORD_AUTH`, `CUSTOM_AUTH`, ...).
    pub fn from_amplify_name(name: &str) -> Option<Self> {
        match name {
            "USER_SRP_AUTH" => Some(Self::UserSrp),
            "USER_PASSWORD_AUTH" => Some(Self::UserPassword),
            "CUSTOM_WITH_SRP" => Some(Self::CustomWithSrp),
            "CUSTOM_AUTH" | "CUSTOM_WITHOUT_SRP" => Some(Self::CustomWithoutSrp),
            _ => None,
        }
    }
}

/// Amplify's `cookieStorage` options.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CookieStorage {
    /// Cookie domain; the current host when absent.
    pub domain: Option<String>,
    /// Cookie path, `/` by default.
    pub path: String,
    /// Lifetime in days, 365 by default.
    pub expires_days: u32,
    /// Send only over HTTPS (default true).
    pub secure: bool,
    /// The `SameSite` attribute.
    pub same_site: Option<SameSite>,
}

impl Default for CookieStorage {
    fn default() -> Self {
        Self {
            domain: None,
            path: "/".into(),
            expires_days: 365,
            secure: true,
            same_site: None,
        }
    }
}

impl CookieStorage {
    /// Cookies for `domain`, with Amplify's defaults otherwise.
    pub fn for_domain(domain: impl Into<String>) -> Self {
        Self {
            domain: Some(domain.into()),
            ..Self::default()
        }
    }

    /// Sets whether cookies are sent over HTTPS only (turn off only for `http://localhost`).
    pub fn with_secure(mut self, secure: bool) -> Self {
        self.secure = secure;
        self
    }

    /// Sets the cookie path.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// Sets the lifetime in days.
    pub fn with_expires_days(mut self, days: u32) -> Self {
        self.expires_days = days;
        self
    }

    /// Sets the `SameSite` attribute.
    pub fn with_same_site(mut self, same_site: SameSite) -> Self {
        self.same_site = Some(same_site);
        self
    }
}

/// A cookie's `SameSite` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SameSite {
    /// Sent only with same-site requests.
    Strict,
    /// Also sent on top-level navigations from other sites.
    Lax,
    /// Requires `secure` (browsers drop such cookies otherwise).
    None,
}

/// Hosted UI (OAuth 2) settings.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct OAuthConfig {
    /// The Hosted UI domain: `myapp.auth.us-east-1.amazoncognito.com` (HTTPS), or with a scheme
    /// for a local server (`http://127.0.0.1:9229`).
    pub domain: String,
    /// Requested scopes (`openid`, `email`, `aws.cognito.signin.user.admin`, ...).
    pub scopes: Vec<String>,
    /// Registered redirect URLs after sign-in.
    pub redirect_sign_in: Vec<String>,
    /// Registered redirect URLs after sign-out.
    pub redirect_sign_out: Vec<String>,
    /// Authorization code (with PKCE) or implicit grant.
    pub response_type: OAuthResponseType,
}

impl OAuthConfig {
    /// Hosted UI settings with the code grant.
    pub fn new(
        domain: impl Into<String>,
        scopes: Vec<String>,
        redirect_sign_in: Vec<String>,
        redirect_sign_out: Vec<String>,
    ) -> Self {
        Self {
            domain: domain.into(),
            scopes,
            redirect_sign_in,
            redirect_sign_out,
            response_type: OAuthResponseType::Code,
        }
    }

    /// Sets the grant.
    pub fn with_response_type(mut self, response_type: OAuthResponseType) -> Self {
        self.response_type = response_type;
        self
    }
}

/// The OAuth grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OAuthResponseType {
    /// Authorization code with PKCE.
    #[default]
    Code,
    /// Implicit grant (tokens in the URL fragment).
    Token,
}

/// Whether the pool requires MFA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MfaConfiguration {
    /// No MFA.
    Off,
    /// Users may turn MFA on.
    Optional,
    /// Every user must use MFA.
    Required,
}

/// A pool's password rules.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PasswordPolicy {
    /// Minimum length.
    pub min_length: Option<u32>,
    /// At least one lowercase letter.
    pub require_lowercase: bool,
    /// At least one uppercase letter.
    pub require_uppercase: bool,
    /// At least one digit.
    pub require_numbers: bool,
    /// At least one symbol.
    pub require_symbols: bool,
}

/// A configuration that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The text is not JSON.
    #[error("config is not valid JSON: {0}")]
    InvalidJson(String),
    /// JSON of none of the known shapes.
    #[error(
        "config is neither aws-exports, amplify_outputs.json nor Amplify's {{\"Auth\": ...}} shape"
    )]
    UnknownShape,
    /// A field of the wrong JSON type.
    #[error("config field {field} should be {expected}")]
    WrongType {
        /// The field's path, e.g. `Auth.cookieStorage`.
        field: String,
        /// What it should have been.
        expected: &'static str,
    },
    /// A required value is missing.
    #[error("config is missing {0}")]
    Missing(&'static str),
    /// A user pool id not of the form `<region>_<name>`.
    #[error("user pool id {0:?} is not of the form <region>_<id>, e.g. us-east-1_AbCdEf123")]
    InvalidUserPoolId(String),
    /// An identity pool id not of the form `<region>:<uuid>`.
    #[error("identity pool id {0:?} is not of the form <region>:<uuid>")]
    InvalidIdentityPoolId(String),
    /// A field with an unknown value.
    #[error("config field {field} has unknown value {value:?}")]
    UnknownValue {
        /// The field.
        field: &'static str,
        /// What it held.
        value: String,
    },
    /// An endpoint that is not an http(s) URL.
    #[error("endpoint {0:?} is not an http:// or https:// URL")]
    InvalidEndpoint(String),
    /// Contradictory or unusable settings.
    #[error("{0}")]
    Invalid(&'static str),
}

/// The ids every user pool call needs, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UserPool {
    pub id: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub endpoint: String,
}

impl AuthConfig {
    /// A configuration for a user pool and app client, with Amplify's defaults otherwise.
    pub fn new(user_pool_id: impl Into<String>, client_id: impl Into<String>) -> Self {
        Self {
            user_pool_id: Some(user_pool_id.into()),
            user_pool_web_client_id: Some(client_id.into()),
            ..Self::default()
        }
    }

    /// Sets the region.
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends user pool calls to `endpoint` (a local `cognito-server`, for example).
    pub fn with_user_pool_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.user_pool_endpoint = Some(endpoint.into());
        self
    }

    /// Chooses the sign-in flow.
    pub fn with_authentication_flow_type(mut self, flow: AuthFlowType) -> Self {
        self.authentication_flow_type = flow;
        self
    }

    /// Sets the app client secret (native, confidential clients only).
    pub fn with_client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// Keeps tokens in cookies.
    pub fn with_cookie_storage(mut self, cookies: CookieStorage) -> Self {
        self.cookie_storage = Some(cookies);
        self
    }

    /// Sets the Hosted UI settings.
    pub fn with_oauth(mut self, oauth: OAuthConfig) -> Self {
        self.oauth = Some(oauth);
        self
    }

    /// Sets the identity pool.
    pub fn with_identity_pool_id(mut self, id: impl Into<String>) -> Self {
        self.identity_pool_id = Some(id.into());
        self
    }

    /// Sends identity pool calls to `endpoint` (a local `cognito-server`, for example).
    pub fn with_identity_pool_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.identity_pool_endpoint = Some(endpoint.into());
        self
    }

    /// Requires a signed-in user for AWS credentials: no guest credentials.
    pub fn with_mandatory_sign_in(mut self, mandatory: bool) -> Self {
        self.mandatory_sign_in = mandatory;
        self
    }

    /// Sets the issuer shown in authenticator apps.
    pub fn with_totp_issuer(mut self, issuer: impl Into<String>) -> Self {
        self.totp_issuer = Some(issuer.into());
        self
    }

    /// Fetches a configuration file over HTTP and reads it as [`from_json`](Self::from_json)
    /// does. In the browser a relative URL resolves against the page, so an app can load the
    /// `auth-config.json` served next to it:
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), cognito_auth::AuthError> {
    /// let config = cognito_auth::AuthConfig::load("http://127.0.0.1:9229/auth-config.json").await?;
    /// let auth = cognito_auth::Auth::new(config)?;
    /// # Ok(()) }
    /// ```
    pub async fn load(url: &str) -> Result<Self, crate::AuthError> {
        let response = crate::wire::HttpClient::new()
            .get(url)
            .await
            .map_err(crate::AuthError::Network)?;
        if !(200..300).contains(&response.status) {
            return Err(crate::AuthError::UnexpectedResponse(format!(
                "HTTP {} for {url}",
                response.status
            )));
        }
        Ok(Self::from_json(&response.body)?)
    }

    /// Loads any of the known JSON shapes: `aws-exports` (what `cognito-server` writes),
    /// Amplify Gen 2 `amplify_outputs.json`, or `{"Auth": {...}}` as passed to `Amplify.configure`.
    /// The result is validated.
    pub fn from_json(text: &str) -> Result<Self, ConfigError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|error| ConfigError::InvalidJson(error.to_string()))?;
        let root = value.as_object().ok_or(ConfigError::UnknownShape)?;
        let config = if let Some(auth) = root.get("auth") {
            parse::amplify_outputs(object(auth, "auth")?)?
        } else if let Some(auth) = root.get("Auth") {
            let auth = object(auth, "Auth")?;
            match auth.get("Cognito") {
                Some(cognito) => parse::amplify_v6(object(cognito, "Auth.Cognito")?)?,
                None => parse::amplify_v5(auth)?,
            }
        } else if root.keys().any(|key| key.starts_with("aws_")) {
            parse::aws_exports(root)?
        } else {
            return Err(ConfigError::UnknownShape);
        };
        config.validate()?;
        Ok(config)
    }

    /// The region: the configured one, else the user pool id's prefix.
    pub fn region(&self) -> Option<String> {
        self.region.clone().or_else(|| {
            self.user_pool_id
                .as_deref()
                .and_then(|id| id.split_once('_'))
                .map(|(region, _)| region.to_owned())
        })
    }

    /// The URL user pool calls are POSTed to.
    pub fn user_pool_endpoint(&self) -> Result<String, ConfigError> {
        match &self.user_pool_endpoint {
            Some(endpoint) => Ok(with_trailing_slash(endpoint)),
            None => {
                let region = self.region().ok_or(ConfigError::Missing("region"))?;
                Ok(format!("https://cognito-idp.{region}.amazonaws.com/"))
            }
        }
    }

    /// The URL identity pool calls are POSTed to: the override, else
    /// `https://cognito-identity.{region}.amazonaws.com/` with the identity pool's region.
    pub fn identity_pool_endpoint(&self) -> Result<String, ConfigError> {
        match &self.identity_pool_endpoint {
            Some(endpoint) => Ok(with_trailing_slash(endpoint)),
            None => {
                let region = self
                    .identity_pool_region
                    .clone()
                    .or_else(|| {
                        self.identity_pool_id
                            .as_deref()
                            .and_then(|id| id.split_once(':'))
                            .map(|(region, _)| region.to_owned())
                    })
                    .or_else(|| self.region())
                    .ok_or(ConfigError::Missing("identity pool region"))?;
                Ok(format!("https://cognito-identity.{region}.amazonaws.com/"))
            }
        }
    }

    /// Checks ids, endpoints and option combinations.
    pub fn validate(&self) -> Result<(), ConfigError> {
        match (&self.user_pool_id, &self.user_pool_web_client_id) {
            (Some(pool), Some(client)) => {
                if !is_user_pool_id(pool) {
                    return Err(ConfigError::InvalidUserPoolId(pool.clone()));
                }
                if client.is_empty() || client.chars().any(char::is_whitespace) {
                    return Err(ConfigError::Invalid(
                        "user pool client id is empty or contains spaces",
                    ));
                }
            }
            (Some(_), None) => return Err(ConfigError::Missing("user pool client id")),
            (None, Some(_)) => return Err(ConfigError::Missing("user pool id")),
            (None, None) => {
                if self.identity_pool_id.is_none() {
                    return Err(ConfigError::Missing("user pool id or identity pool id"));
                }
            }
        }
        if let Some(id) = &self.identity_pool_id {
            let valid = id
                .split_once(':')
                .is_some_and(|(region, rest)| !region.is_empty() && !rest.is_empty());
            if !valid {
                return Err(ConfigError::InvalidIdentityPoolId(id.clone()));
            }
        }
        for endpoint in [&self.user_pool_endpoint, &self.identity_pool_endpoint]
            .into_iter()
            .flatten()
        {
            if !(endpoint.starts_with("http://") || endpoint.starts_with("https://"))
                || endpoint.contains(char::is_whitespace)
            {
                return Err(ConfigError::InvalidEndpoint(endpoint.clone()));
            }
        }
        if let Some(cookies) = &self.cookie_storage
            && cookies.same_site == Some(SameSite::None)
            && !cookies.secure
        {
            return Err(ConfigError::Invalid(
                "cookie_storage: same_site None requires secure cookies",
            ));
        }
        if let Some(oauth) = &self.oauth {
            if oauth.domain.is_empty() {
                return Err(ConfigError::Missing("oauth.domain"));
            }
            if oauth.redirect_sign_in.is_empty() {
                return Err(ConfigError::Missing("oauth.redirect_sign_in"));
            }
        }
        Ok(())
    }

    /// The checked user pool settings, or the reason they are unusable.
    pub(crate) fn user_pool(&self) -> Result<UserPool, ConfigError> {
        let id = self
            .user_pool_id
            .clone()
            .ok_or(ConfigError::Missing("user pool id"))?;
        let client_id = self
            .user_pool_web_client_id
            .clone()
            .ok_or(ConfigError::Missing("user pool client id"))?;
        if !is_user_pool_id(&id) {
            return Err(ConfigError::InvalidUserPoolId(id));
        }
        Ok(UserPool {
            endpoint: self.user_pool_endpoint()?,
            id,
            client_id,
            client_secret: self.client_secret.clone(),
        })
    }
}

/// Amplify's check: `<region>_<alphanumerics>`.
fn is_user_pool_id(id: &str) -> bool {
    id.split_once('_').is_some_and(|(region, name)| {
        !region.is_empty()
            && region
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

fn object<'a>(value: &'a Value, field: &str) -> Result<&'a Map<String, Value>, ConfigError> {
    value.as_object().ok_or_else(|| ConfigError::WrongType {
        field: field.to_owned(),
        expected: "an object",
    })
}

/// One parser per JSON shape, over a small typed accessor.
///
/// Each shape fills one `AuthConfig::default()` field by field: a struct literal full of `?`
/// makes every early return drop the fields read so far, a copy of that clean-up per `?` in the
/// wasm.
#[expect(
    clippy::field_reassign_with_default,
    reason = "filled field by field on purpose, see above"
)]
mod parse {
    use super::*;

    /// Typed reads of one JSON object, naming the field in errors.
    struct Fields<'a> {
        map: &'a Map<String, Value>,
        prefix: &'a str,
    }

    impl<'a> Fields<'a> {
        fn new(map: &'a Map<String, Value>, prefix: &'a str) -> Self {
            Self { map, prefix }
        }

        fn wrong(&self, key: &str, expected: &'static str) -> ConfigError {
            ConfigError::WrongType {
                field: format!("{}{key}", self.prefix),
                expected,
            }
        }

        fn string(&self, key: &str) -> Result<Option<String>, ConfigError> {
            match self.map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(text)) if text.is_empty() => Ok(None),
                Some(Value::String(text)) => Ok(Some(text.clone())),
                Some(_) => Err(self.wrong(key, "a string")),
            }
        }

        /// A list given as a JSON array or a comma-separated string (aws-exports does both).
        fn strings(&self, key: &str) -> Result<Vec<String>, ConfigError> {
            match self.map.get(key) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(Value::String(text)) => Ok(text
                    .split(',')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(str::to_owned)
                    .collect()),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .map(str::to_owned)
                            .ok_or_else(|| self.wrong(key, "a list of strings"))
                    })
                    .collect(),
                Some(_) => Err(self.wrong(key, "a list of strings")),
            }
        }

        fn boolean(&self, key: &str) -> Result<Option<bool>, ConfigError> {
            match self.map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Bool(flag)) => Ok(Some(*flag)),
                Some(Value::String(text)) if text == "true" || text == "enable" => Ok(Some(true)),
                Some(Value::String(text)) if text == "false" || text == "disable" => {
                    Ok(Some(false))
                }
                Some(_) => Err(self.wrong(key, "a boolean")),
            }
        }

        fn number(&self, key: &str) -> Result<Option<u32>, ConfigError> {
            match self.map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(number)) => number
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .map(Some)
                    .ok_or_else(|| self.wrong(key, "a non-negative number")),
                Some(Value::String(text)) => text
                    .parse()
                    .map(Some)
                    .map_err(|_| self.wrong(key, "a non-negative number")),
                Some(_) => Err(self.wrong(key, "a non-negative number")),
            }
        }

        fn object(&self, key: &str) -> Result<Option<Fields<'a>>, ConfigError> {
            match self.map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Object(map)) => Ok(Some(Fields::new(map, self.prefix))),
                Some(_) => Err(self.wrong(key, "an object")),
            }
        }

        fn string_map(&self, key: &str) -> Result<BTreeMap<String, String>, ConfigError> {
            let Some(fields) = self.object(key)? else {
                return Ok(BTreeMap::new());
            };
            // Inserted one by one: collecting into a map sorts, and every sort is more wasm.
            let mut strings = BTreeMap::new();
            for (name, value) in fields.map {
                let text = value
                    .as_str()
                    .ok_or_else(|| self.wrong(key, "an object of strings"))?;
                strings.insert(name.clone(), text.to_owned());
            }
            Ok(strings)
        }
    }

    fn flow(name: Option<String>) -> Result<AuthFlowType, ConfigError> {
        match name {
            None => Ok(AuthFlowType::default()),
            Some(name) => AuthFlowType::from_amplify_name(&name).ok_or(ConfigError::UnknownValue {
                field: "authenticationFlowType",
                value: name,
            }),
        }
    }

    fn mfa_configuration(value: Option<String>) -> Result<Option<MfaConfiguration>, ConfigError> {
        value
            .map(|value| match value.to_ascii_uppercase().as_str() {
                "OFF" | "NONE" => Ok(MfaConfiguration::Off),
                "OPTIONAL" => Ok(MfaConfiguration::Optional),
                "ON" | "REQUIRED" => Ok(MfaConfiguration::Required),
                _ => Err(ConfigError::UnknownValue {
                    field: "mfa_configuration",
                    value,
                }),
            })
            .transpose()
    }

    fn mfa_types(names: Vec<String>) -> Vec<MfaType> {
        names
            .iter()
            .filter_map(|name| match name.to_ascii_uppercase().as_str() {
                "SMS" | "SMS_MFA" => Some(MfaType::Sms),
                "TOTP" | "SOFTWARE_TOKEN_MFA" => Some(MfaType::Totp),
                "EMAIL" | "EMAIL_OTP" => Some(MfaType::Email),
                _ => None,
            })
            .collect()
    }

    /// Social providers by their configuration names; the user pool itself is not one.
    fn providers(names: Vec<String>) -> Vec<OAuthProvider> {
        names
            .iter()
            .map(|name| OAuthProvider::from_config_name(name))
            .filter(|provider| *provider != OAuthProvider::Cognito)
            .collect()
    }

    /// Amplify v6's `providers`: names, or `{"custom": "<name>"}` for other providers.
    fn providers_v6(oauth: &Fields<'_>) -> Result<Vec<OAuthProvider>, ConfigError> {
        let Some(items) = oauth.map.get("providers") else {
            return Ok(Vec::new());
        };
        let wrong = || oauth.wrong("providers", "a list of names or {\"custom\": name}");
        let items = items.as_array().ok_or_else(wrong)?;
        let mut names = Vec::new();
        for item in items {
            match item {
                Value::String(name) => names.push(name.clone()),
                Value::Object(custom) => match custom.get("custom").and_then(Value::as_str) {
                    Some(name) => names.push(name.to_owned()),
                    None => return Err(wrong()),
                },
                _ => return Err(wrong()),
            }
        }
        Ok(providers(names))
    }

    fn lower(names: Vec<String>) -> Vec<String> {
        names
            .into_iter()
            .map(|name| crate::case::to_lowercase(&name))
            .collect()
    }

    fn response_type(value: Option<String>) -> Result<OAuthResponseType, ConfigError> {
        match value.as_deref() {
            None | Some("code") => Ok(OAuthResponseType::Code),
            Some("token") => Ok(OAuthResponseType::Token),
            Some(other) => Err(ConfigError::UnknownValue {
                field: "oauth.responseType",
                value: other.to_owned(),
            }),
        }
    }

    /// Amplify v5 names (`redirectSignIn`, `scope`), shared by aws-exports and `{"Auth": ...}`.
    fn oauth_v5(oauth: Option<Fields<'_>>) -> Result<Option<OAuthConfig>, ConfigError> {
        let Some(oauth) = oauth else { return Ok(None) };
        let Some(domain) = oauth.string("domain")? else {
            return Ok(None);
        };
        Ok(Some(OAuthConfig {
            domain,
            scopes: oauth.strings("scope")?,
            redirect_sign_in: oauth.strings("redirectSignIn")?,
            redirect_sign_out: oauth.strings("redirectSignOut")?,
            response_type: response_type(oauth.string("responseType")?)?,
        }))
    }

    fn cookie_storage(cookies: Option<Fields<'_>>) -> Result<Option<CookieStorage>, ConfigError> {
        let Some(cookies) = cookies else {
            return Ok(None);
        };
        let defaults = CookieStorage::default();
        let same_site = match cookies.string("sameSite")?.as_deref() {
            None => None,
            Some("strict") => Some(SameSite::Strict),
            Some("lax") => Some(SameSite::Lax),
            Some("none") => Some(SameSite::None),
            Some(other) => {
                return Err(ConfigError::UnknownValue {
                    field: "cookieStorage.sameSite",
                    value: other.to_owned(),
                });
            }
        };
        Ok(Some(CookieStorage {
            domain: cookies.string("domain")?,
            path: cookies.string("path")?.unwrap_or(defaults.path),
            expires_days: cookies.number("expires")?.unwrap_or(defaults.expires_days),
            secure: cookies.boolean("secure")?.unwrap_or(defaults.secure),
            same_site,
        }))
    }

    fn password_policy_exports(
        settings: Option<Fields<'_>>,
    ) -> Result<Option<PasswordPolicy>, ConfigError> {
        let Some(settings) = settings else {
            return Ok(None);
        };
        let characters = settings.strings("passwordPolicyCharacters")?;
        let has = |name: &str| characters.iter().any(|item| item == name);
        Ok(Some(PasswordPolicy {
            min_length: settings.number("passwordPolicyMinLength")?,
            require_lowercase: has("REQUIRES_LOWERCASE"),
            require_uppercase: has("REQUIRES_UPPERCASE"),
            require_numbers: has("REQUIRES_NUMBERS"),
            require_symbols: has("REQUIRES_SYMBOLS"),
        }))
    }

    /// The flat `aws-exports.js` object.
    pub(super) fn aws_exports(map: &Map<String, Value>) -> Result<AuthConfig, ConfigError> {
        let fields = Fields::new(map, "");
        let mut config = AuthConfig::default();
        config.region = fields
            .string("aws_cognito_region")?
            .or(fields.string("aws_project_region")?);
        config.user_pool_id = fields.string("aws_user_pools_id")?;
        config.user_pool_web_client_id = fields.string("aws_user_pools_web_client_id")?;
        config.identity_pool_id = fields.string("aws_cognito_identity_pool_id")?;
        config.mandatory_sign_in = fields.boolean("aws_mandatory_sign_in")?.unwrap_or_default();
        config.authentication_flow_type = flow(fields.string("authenticationFlowType")?)?;
        config.cookie_storage = cookie_storage(fields.object("cookieStorage")?)?;
        config.oauth = oauth_v5(fields.object("oauth")?)?;
        config.social_providers = providers(fields.strings("aws_cognito_social_providers")?);
        config.user_pool_endpoint = fields.string("aws_user_pools_endpoint")?;
        config.identity_pool_endpoint = fields.string("aws_cognito_identity_endpoint")?;
        config.username_attributes = lower(fields.strings("aws_cognito_username_attributes")?);
        config.signup_attributes = lower(fields.strings("aws_cognito_signup_attributes")?);
        config.verification_mechanisms =
            lower(fields.strings("aws_cognito_verification_mechanisms")?);
        config.mfa_configuration =
            mfa_configuration(fields.string("aws_cognito_mfa_configuration")?)?;
        config.mfa_types = mfa_types(fields.strings("aws_cognito_mfa_types")?);
        config.password_policy =
            password_policy_exports(fields.object("aws_cognito_password_protection_settings")?)?;
        Ok(config)
    }

    /// `Amplify.configure({Auth: {...}})` as in Amplify v5.
    pub(super) fn amplify_v5(map: &Map<String, Value>) -> Result<AuthConfig, ConfigError> {
        let fields = Fields::new(map, "Auth.");
        let mut config = AuthConfig::default();
        config.region = fields.string("region")?;
        config.user_pool_id = fields.string("userPoolId")?;
        config.user_pool_web_client_id = fields.string("userPoolWebClientId")?;
        config.identity_pool_id = fields.string("identityPoolId")?;
        config.identity_pool_region = fields.string("identityPoolRegion")?;
        config.mandatory_sign_in = fields.boolean("mandatorySignIn")?.unwrap_or_default();
        config.authentication_flow_type = flow(fields.string("authenticationFlowType")?)?;
        config.cookie_storage = cookie_storage(fields.object("cookieStorage")?)?;
        config.oauth = oauth_v5(fields.object("oauth")?)?;
        config.client_metadata = fields.string_map("clientMetadata")?;
        config.user_pool_endpoint = fields.string("endpoint")?;
        Ok(config)
    }

    /// `Amplify.configure({Auth: {Cognito: {...}}})` as in Amplify v6.
    pub(super) fn amplify_v6(map: &Map<String, Value>) -> Result<AuthConfig, ConfigError> {
        let fields = Fields::new(map, "Auth.Cognito.");
        let oauth_fields = fields
            .object("loginWith")?
            .map(|login| login.object("oauth"))
            .transpose()?
            .flatten();
        let social_providers = match &oauth_fields {
            Some(oauth) => providers_v6(oauth)?,
            None => Vec::new(),
        };
        let oauth = match oauth_fields {
            Some(oauth) => match oauth.string("domain")? {
                Some(domain) => Some(OAuthConfig {
                    domain,
                    scopes: oauth.strings("scopes")?,
                    redirect_sign_in: oauth.strings("redirectSignIn")?,
                    redirect_sign_out: oauth.strings("redirectSignOut")?,
                    response_type: response_type(oauth.string("responseType")?)?,
                }),
                None => None,
            },
            None => None,
        };
        let mut config = AuthConfig::default();
        config.user_pool_id = fields.string("userPoolId")?;
        config.user_pool_web_client_id = fields.string("userPoolClientId")?;
        config.identity_pool_id = fields.string("identityPoolId")?;
        config.mandatory_sign_in = !fields.boolean("allowGuestAccess")?.unwrap_or(true);
        config.oauth = oauth;
        config.social_providers = social_providers;
        config.user_pool_endpoint = fields.string("userPoolEndpoint")?;
        config.identity_pool_endpoint = fields.string("identityPoolEndpoint")?;
        Ok(config)
    }

    /// The `auth` section of Amplify Gen 2 `amplify_outputs.json`.
    pub(super) fn amplify_outputs(map: &Map<String, Value>) -> Result<AuthConfig, ConfigError> {
        let fields = Fields::new(map, "auth.");
        let social_providers = match fields.object("oauth")? {
            Some(oauth) => providers(oauth.strings("identity_providers")?),
            None => Vec::new(),
        };
        let oauth = match fields.object("oauth")? {
            Some(oauth) => match oauth.string("domain")? {
                Some(domain) => Some(OAuthConfig {
                    domain,
                    scopes: oauth.strings("scopes")?,
                    redirect_sign_in: oauth.strings("redirect_sign_in_uri")?,
                    redirect_sign_out: oauth.strings("redirect_sign_out_uri")?,
                    response_type: response_type(oauth.string("response_type")?)?,
                }),
                None => None,
            },
            None => None,
        };
        let password_policy = fields
            .object("password_policy")?
            .map(|policy| -> Result<PasswordPolicy, ConfigError> {
                Ok(PasswordPolicy {
                    min_length: policy.number("min_length")?,
                    require_lowercase: policy.boolean("require_lowercase")?.unwrap_or_default(),
                    require_uppercase: policy.boolean("require_uppercase")?.unwrap_or_default(),
                    require_numbers: policy.boolean("require_numbers")?.unwrap_or_default(),
                    require_symbols: policy.boolean("require_symbols")?.unwrap_or_default(),
                })
            })
            .transpose()?;
        let mut config = AuthConfig::default();
        config.region = fields.string("aws_region")?;
        config.user_pool_id = fields.string("user_pool_id")?;
        config.user_pool_web_client_id = fields.string("user_pool_client_id")?;
        config.identity_pool_id = fields.string("identity_pool_id")?;
        config.mandatory_sign_in = !fields
            .boolean("unauthenticated_identities_enabled")?
            .unwrap_or(true);
        config.oauth = oauth;
        config.social_providers = social_providers;
        // Not in Amplify's schema: where a local server answers instead of AWS.
        config.user_pool_endpoint = fields.string("user_pool_endpoint")?;
        config.identity_pool_endpoint = fields.string("identity_pool_endpoint")?;
        config.username_attributes = lower(fields.strings("username_attributes")?);
        config.signup_attributes = lower(fields.strings("standard_required_attributes")?);
        config.verification_mechanisms = lower(fields.strings("user_verification_types")?);
        config.mfa_configuration = mfa_configuration(fields.string("mfa_configuration")?)?;
        config.mfa_types = mfa_types(fields.strings("mfa_methods")?);
        config.password_policy = password_policy;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_exports_as_cognito_server_writes_it() {
        let config = AuthConfig::from_json(
            r#"{
              "aws_project_region": "us-east-1",
              "aws_cognito_region": "us-east-1",
              "aws_user_pools_id": "us-east-1_Abc123",
              "aws_user_pools_web_client_id": "client123",
              "aws_cognito_identity_pool_id": "us-east-1:0f0e0d0c-0000-4000-8000-000000000000",
              "aws_cognito_username_attributes": [],
              "aws_cognito_social_providers": [],
              "aws_cognito_signup_attributes": ["EMAIL"],
              "aws_cognito_mfa_configuration": "OPTIONAL",
              "aws_cognito_mfa_types": ["SMS", "TOTP"],
              "aws_cognito_password_protection_settings": {
                "passwordPolicyMinLength": 8,
                "passwordPolicyCharacters": ["REQUIRES_LOWERCASE", "REQUIRES_NUMBERS"]
              },
              "aws_cognito_verification_mechanisms": ["EMAIL"],
              "aws_user_pools_endpoint": "http://127.0.0.1:9229",
              "aws_cognito_identity_endpoint": "http://127.0.0.1:9229",
              "oauth": {}
            }"#,
        )
        .unwrap();
        assert_eq!(config.user_pool_id.as_deref(), Some("us-east-1_Abc123"));
        assert_eq!(config.user_pool_web_client_id.as_deref(), Some("client123"));
        assert_eq!(config.signup_attributes, ["email"]);
        assert_eq!(config.mfa_configuration, Some(MfaConfiguration::Optional));
        assert_eq!(config.mfa_types, [MfaType::Sms, MfaType::Totp]);
        let policy = config.password_policy.clone().unwrap();
        assert_eq!(policy.min_length, Some(8));
        assert!(policy.require_lowercase && policy.require_numbers && !policy.require_symbols);
        assert_eq!(
            config.user_pool_endpoint().unwrap(),
            "http://127.0.0.1:9229/"
        );
        assert_eq!(config.oauth, None);
        assert_eq!(config.authentication_flow_type, AuthFlowType::UserSrp);
    }

    #[test]
    fn social_providers_and_hosted_ui_with_a_local_scheme() {
        let config = AuthConfig::from_json(
            r#"{
              "aws_cognito_region": "us-east-1",
              "aws_user_pools_id": "us-east-1_Abc123",
              "aws_user_pools_web_client_id": "client123",
              "aws_cognito_identity_pool_id": "eu-west-1:0f0e0d0c-0000-4000-8000-000000000000",
              "aws_cognito_social_providers": ["GOOGLE", "FACEBOOK", "AMAZON", "APPLE"],
              "oauth": {"domain": "http://127.0.0.1:9229", "scope": ["openid", "email"],
                        "redirectSignIn": "http://127.0.0.1:9229/",
                        "redirectSignOut": "http://127.0.0.1:9229/", "responseType": "code"}
            }"#,
        )
        .unwrap();
        assert_eq!(
            config.social_providers,
            [
                OAuthProvider::Google,
                OAuthProvider::Facebook,
                OAuthProvider::Amazon,
                OAuthProvider::Apple
            ]
        );
        assert_eq!(config.oauth.unwrap().domain, "http://127.0.0.1:9229");
        let mut config = AuthConfig::new("us-east-1_Abc123", "c")
            .with_identity_pool_id("eu-west-1:0f0e0d0c-0000-4000-8000-000000000000");
        assert_eq!(
            config.identity_pool_endpoint().unwrap(),
            "https://cognito-identity.eu-west-1.amazonaws.com/"
        );
        config.identity_pool_endpoint = Some("http://127.0.0.1:9229".into());
        assert_eq!(
            config.identity_pool_endpoint().unwrap(),
            "http://127.0.0.1:9229/"
        );

        let v6 = AuthConfig::from_json(
            r#"{"Auth": {"Cognito": {"userPoolId": "us-east-1_A", "userPoolClientId": "c",
                "loginWith": {"oauth": {"domain": "d.example", "scopes": ["openid"],
                  "redirectSignIn": ["http://localhost/"], "redirectSignOut": ["http://localhost/"],
                  "responseType": "code", "providers": ["Google", {"custom": "LocalOIDC"}]}}}}}"#,
        )
        .unwrap();
        assert_eq!(
            v6.social_providers,
            [
                OAuthProvider::Google,
                OAuthProvider::Custom("LocalOIDC".into())
            ]
        );
        let error = AuthConfig::from_json(
            r#"{"Auth": {"Cognito": {"userPoolId": "us-east-1_A", "userPoolClientId": "c",
                "loginWith": {"oauth": {"domain": "d", "redirectSignIn": ["http://l/"],
                  "providers": [1]}}}}}"#,
        )
        .unwrap_err();
        assert!(matches!(error, ConfigError::WrongType { .. }), "{error:?}");
    }

    #[test]
    fn amplify_outputs_gen2() {
        let config = AuthConfig::from_json(
            r#"{
              "version": "1.3",
              "auth": {
                "aws_region": "eu-central-1",
                "user_pool_id": "eu-central-1_XyZ",
                "user_pool_client_id": "abc",
                "identity_pool_id": "eu-central-1:11111111-2222-3333-4444-555555555555",
                "password_policy": {"min_length": 10, "require_symbols": true},
                "oauth": {
                  "identity_providers": ["GOOGLE"],
                  "domain": "example.auth.eu-central-1.amazoncognito.com",
                  "scopes": ["openid", "email"],
                  "redirect_sign_in_uri": ["http://localhost:3000/"],
                  "redirect_sign_out_uri": ["http://localhost:3000/"],
                  "response_type": "code"
                },
                "username_attributes": ["email"],
                "standard_required_attributes": ["email"],
                "user_verification_types": ["email"],
                "unauthenticated_identities_enabled": false,
                "mfa_configuration": "REQUIRED",
                "mfa_methods": ["TOTP"]
              }
            }"#,
        )
        .unwrap();
        assert_eq!(config.region().as_deref(), Some("eu-central-1"));
        assert!(config.mandatory_sign_in);
        assert_eq!(config.mfa_configuration, Some(MfaConfiguration::Required));
        assert_eq!(config.mfa_types, [MfaType::Totp]);
        let oauth = config.oauth.clone().unwrap();
        assert_eq!(config.social_providers, [OAuthProvider::Google]);
        assert_eq!(oauth.scopes, ["openid", "email"]);
        assert_eq!(oauth.redirect_sign_in, ["http://localhost:3000/"]);
        assert_eq!(
            config.user_pool_endpoint().unwrap(),
            "https://cognito-idp.eu-central-1.amazonaws.com/"
        );
        assert_eq!(config.password_policy.unwrap().min_length, Some(10));
    }

    #[test]
    fn amplify_v5_manual_shape_with_cookies_and_flow() {
        let config = AuthConfig::from_json(
            r#"{"Auth": {
                "region": "us-west-2",
                "userPoolId": "us-west-2_Pool",
                "userPoolWebClientId": "web",
                "mandatorySignIn": true,
                "authenticationFlowType": "USER_PASSWORD_AUTH",
                "cookieStorage": {"domain": "example.com", "secure": false, "expires": 7, "sameSite": "lax"},
                "oauth": {"domain": "auth.example.com", "scope": ["openid"],
                          "redirectSignIn": "http://localhost:3000/,http://localhost:3001/",
                          "redirectSignOut": "http://localhost:3000/", "responseType": "token"}
            }}"#,
        )
        .unwrap();
        assert_eq!(config.authentication_flow_type, AuthFlowType::UserPassword);
        let cookies = config.cookie_storage.unwrap();
        assert_eq!(cookies.domain.as_deref(), Some("example.com"));
        assert_eq!((cookies.expires_days, cookies.secure), (7, false));
        assert_eq!(cookies.same_site, Some(SameSite::Lax));
        let oauth = config.oauth.unwrap();
        assert_eq!(oauth.redirect_sign_in.len(), 2);
        assert_eq!(oauth.response_type, OAuthResponseType::Token);
    }

    #[test]
    fn amplify_v6_manual_shape() {
        let config = AuthConfig::from_json(
            r#"{"Auth": {"Cognito": {"userPoolId": "us-east-1_A1", "userPoolClientId": "c",
                 "userPoolEndpoint": "http://localhost:9229"}}}"#,
        )
        .unwrap();
        assert_eq!(config.user_pool_web_client_id.as_deref(), Some("c"));
        assert_eq!(
            config.user_pool_endpoint().unwrap(),
            "http://localhost:9229/"
        );
    }

    #[test]
    fn malformed_pool_id_is_refused_by_name() {
        let error = AuthConfig::from_json(
            r#"{"aws_user_pools_id": "nounderscore", "aws_user_pools_web_client_id": "c"}"#,
        )
        .unwrap_err();
        assert_eq!(error, ConfigError::InvalidUserPoolId("nounderscore".into()));
        assert!(error.to_string().contains("us-east-1_AbCdEf123"));
    }

    #[test]
    fn pool_without_client_is_refused() {
        let error = AuthConfig::new("us-east-1_A", "").validate().unwrap_err();
        assert!(matches!(error, ConfigError::Invalid(_)));
        let error = AuthConfig::from_json(r#"{"aws_user_pools_id": "us-east-1_A"}"#).unwrap_err();
        assert_eq!(error, ConfigError::Missing("user pool client id"));
    }

    #[test]
    fn wrong_types_and_shapes_are_named() {
        let error = AuthConfig::from_json(r#"{"aws_user_pools_id": 5}"#).unwrap_err();
        assert_eq!(
            error,
            ConfigError::WrongType {
                field: "aws_user_pools_id".into(),
                expected: "a string"
            }
        );
        assert_eq!(
            AuthConfig::from_json(r#"{"hello": 1}"#).unwrap_err(),
            ConfigError::UnknownShape
        );
        assert!(matches!(
            AuthConfig::from_json("{").unwrap_err(),
            ConfigError::InvalidJson(_)
        ));
    }

    #[test]
    fn bad_endpoint_and_cookie_combination_are_refused() {
        let config = AuthConfig::new("us-east-1_A", "c").with_user_pool_endpoint("localhost:9229");
        assert_eq!(
            config.validate().unwrap_err(),
            ConfigError::InvalidEndpoint("localhost:9229".into())
        );
        let cookies = CookieStorage {
            secure: false,
            same_site: Some(SameSite::None),
            ..CookieStorage::default()
        };
        let config = AuthConfig::new("us-east-1_A", "c").with_cookie_storage(cookies);
        assert!(matches!(config.validate(), Err(ConfigError::Invalid(_))));
    }

    #[test]
    fn debug_output_hides_the_client_secret() {
        let config = AuthConfig::new("us-east-1_A", "c").with_client_secret("s3cr3t-value");
        let printed = format!("{config:?}");
        assert!(!printed.contains("s3cr3t-value"));
        assert!(printed.contains("<redacted>"));
    }

    #[test]
    fn unknown_flow_is_refused() {
        let error = AuthConfig::from_json(
            r#"{"Auth": {"userPoolId": "us-east-1_A", "userPoolWebClientId": "c",
                "authenticationFlowType": "MAGIC"}}"#,
        )
        .unwrap_err();
        assert!(matches!(error, ConfigError::UnknownValue { .. }));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod load_tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    /// Serves one HTTP answer on a loopback port; returns the URL.
    async fn serve_once(status: &'static str, body: &'static str) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("loopback port");
        let address = listener.local_addr().expect("bound address");
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.expect("a connection");
            let mut request = [0u8; 1024];
            let _ = socket.read(&mut request).await;
            let answer = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            socket
                .write_all(answer.as_bytes())
                .await
                .expect("answer written");
        });
        format!("http://{address}/auth-config.json")
    }

    #[tokio::test]
    async fn load_fetches_and_reads_an_aws_exports_file() {
        let url = serve_once(
            "200 OK",
            r#"{"aws_user_pools_id": "us-east-1_Loaded01", "aws_user_pools_web_client_id": "client1"}"#,
        )
        .await;
        let config = AuthConfig::load(&url).await.unwrap();
        assert_eq!(config.user_pool_id.as_deref(), Some("us-east-1_Loaded01"));
    }

    #[tokio::test]
    async fn load_refuses_an_http_error_and_bad_json() {
        let missing = serve_once("404 Not Found", "{}").await;
        assert!(matches!(
            AuthConfig::load(&missing).await,
            Err(crate::AuthError::UnexpectedResponse(_))
        ));
        let garbage = serve_once("200 OK", "not json").await;
        assert!(matches!(
            AuthConfig::load(&garbage).await,
            Err(crate::AuthError::Config(_))
        ));
        assert!(matches!(
            AuthConfig::load("http://127.0.0.1:9/nothing").await,
            Err(crate::AuthError::Network(_))
        ));
    }
}
