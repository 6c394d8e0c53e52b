//! AWS credentials from an identity pool, and the federated sign-in that can lead to them:
//! providers, their tokens and the `Logins` keys Cognito Identity knows them by.

use crate::platform::now_secs;
use crate::sigv4::{self, SigV4Error, SignableRequest};

/// Temporary AWS credentials for an identity of the identity pool (Amplify's `ICredentials`).
/// Sign requests with [`sign`](Self::sign), or convert to [`sigv4::AwsCredentials`].
#[derive(Clone, PartialEq, Eq)]
pub struct AwsCredentials {
    /// `ASIA...`.
    pub access_key_id: String,
    /// The secret that keys signatures; never sent.
    pub secret_access_key: String,
    /// Sent as `x-amz-security-token`.
    pub session_token: String,
    /// When they stop working, seconds since the Unix epoch.
    pub expiration: i64,
    /// The identity they belong to (`us-east-1:<uuid>`).
    pub identity_id: String,
    /// False for guest (unauthenticated) identities.
    pub authenticated: bool,
}

// By hand so the secret and the session token never reach a log.
impl std::fmt::Debug for AwsCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AwsCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("expiration", &self.expiration)
            .field("identity_id", &self.identity_id)
            .field("authenticated", &self.authenticated)
            .finish_non_exhaustive()
    }
}

impl AwsCredentials {
    /// Signs `request` for `service` in `region` at the current time; returns the headers to
    /// add (`x-amz-date`, `x-amz-security-token`, `authorization`). Works in the browser too.
    ///
    /// ```no_run
    /// # use cognito_auth::sigv4::SignableRequest;
    /// # async fn demo(auth: cognito_auth::Auth) -> Result<(), Box<dyn std::error::Error>> {
    /// let credentials = auth.current_credentials().await?;
    /// let url = "https://abc.execute-api.us-east-1.amazonaws.com/prod/items";
    /// let headers = credentials.sign(&SignableRequest::new("GET", url), "us-east-1", "execute-api")?;
    /// # let _ = headers; Ok(()) }
    /// ```
    pub fn sign(
        &self,
        request: &SignableRequest<'_>,
        region: &str,
        service: &str,
    ) -> Result<Vec<(String, String)>, SigV4Error> {
        sigv4::sign(request, &self.into(), region, service, now_secs())
    }

    /// Whether they expire within `margin_secs` of local time `now_secs`.
    pub(crate) fn expire_within(&self, margin_secs: i64, now_secs: i64) -> bool {
        self.expiration.saturating_sub(margin_secs) <= now_secs
    }
}

impl From<&AwsCredentials> for sigv4::AwsCredentials {
    fn from(credentials: &AwsCredentials) -> Self {
        sigv4::AwsCredentials::new(
            credentials.access_key_id.clone(),
            credentials.secret_access_key.clone(),
        )
        .with_session_token(credentials.session_token.clone())
    }
}

/// The parts of [`AwsCredentials`] an AWS SDK takes (Amplify's `essentialCredentials`).
#[derive(Clone, PartialEq, Eq)]
pub struct EssentialCredentials {
    /// `ASIA...`.
    pub access_key_id: String,
    /// The secret.
    pub secret_access_key: String,
    /// The session token.
    pub session_token: String,
    /// The identity.
    pub identity_id: String,
    /// False for guests.
    pub authenticated: bool,
}

impl std::fmt::Debug for EssentialCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EssentialCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("identity_id", &self.identity_id)
            .field("authenticated", &self.authenticated)
            .finish_non_exhaustive()
    }
}

impl From<&AwsCredentials> for EssentialCredentials {
    fn from(credentials: &AwsCredentials) -> Self {
        Self {
            access_key_id: credentials.access_key_id.clone(),
            secret_access_key: credentials.secret_access_key.clone(),
            session_token: credentials.session_token.clone(),
            identity_id: credentials.identity_id.clone(),
            authenticated: credentials.authenticated,
        }
    }
}

/// Who vouches for a federated user (Amplify's `federatedSignIn` providers).
///
/// ```
/// use cognito_auth::FederatedProvider;
///
/// assert_eq!(FederatedProvider::Google.logins_key(), "accounts.google.com");
/// let oidc = FederatedProvider::Oidc("https://login.example.com/tenant/".into());
/// assert_eq!(oidc.logins_key(), "login.example.com/tenant");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FederatedProvider {
    /// Google: the token is a Google ID token.
    Google,
    /// Facebook: the token is a Facebook access token.
    Facebook,
    /// Login with Amazon: the token is an Amazon access token.
    Amazon,
    /// Sign in with Apple: the token is an Apple ID token.
    Apple,
    /// Developer-authenticated identities: the token is the OpenID token your backend got from
    /// `GetOpenIdTokenForDeveloperIdentity`, and the response must carry the identity id.
    Developer,
    /// Any OpenID Connect provider, by issuer URL: the token is its ID token.
    Oidc(String),
}

impl FederatedProvider {
    /// The key of the token in Cognito Identity's `Logins` map.
    pub fn logins_key(&self) -> String {
        match self {
            Self::Google => "accounts.google.com".into(),
            Self::Facebook => "graph.facebook.com".into(),
            Self::Amazon => "www.amazon.com".into(),
            Self::Apple => "appleid.apple.com".into(),
            Self::Developer => "cognito-identity.amazonaws.com".into(),
            Self::Oidc(issuer) => without_scheme(issuer).trim_end_matches('/').to_owned(),
        }
    }

    /// The name kept in the token store (Amplify's provider strings).
    pub(crate) fn stored_name(&self) -> String {
        match self {
            Self::Google => "google".into(),
            Self::Facebook => "facebook".into(),
            Self::Amazon => "amazon".into(),
            Self::Apple => "apple".into(),
            Self::Developer => "developer".into(),
            Self::Oidc(issuer) => issuer.clone(),
        }
    }

    pub(crate) fn from_stored_name(name: &str) -> Self {
        match name {
            "google" => Self::Google,
            "facebook" => Self::Facebook,
            "amazon" => Self::Amazon,
            "apple" => Self::Apple,
            "developer" => Self::Developer,
            issuer => Self::Oidc(issuer.to_owned()),
        }
    }
}

/// `host/path` of a URL: what Cognito Identity names issuers by.
pub(crate) fn without_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

/// The provider's answer to a sign-in: its token and when that expires.
///
/// ```
/// use cognito_auth::FederatedResponse;
///
/// let response = FederatedResponse::new("<google id token>", 1_900_000_000);
/// let developer = FederatedResponse::new("<open id token>", 1_900_000_000)
///     .with_identity_id("us-east-1:0f0e0d0c-0000-4000-8000-000000000000");
/// # let _ = (response, developer);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FederatedResponse {
    /// The token (ID token, access token or developer OpenID token; see [`FederatedProvider`]).
    pub token: String,
    /// When the token expires, seconds since the Unix epoch.
    pub expires_at: i64,
    /// The identity the token is for; required for [`FederatedProvider::Developer`].
    pub identity_id: Option<String>,
}

impl std::fmt::Debug for FederatedResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FederatedResponse")
            .field("expires_at", &self.expires_at)
            .field("identity_id", &self.identity_id)
            .finish_non_exhaustive()
    }
}

impl FederatedResponse {
    /// A token expiring at `expires_at` (seconds since the epoch).
    pub fn new(token: impl Into<String>, expires_at: i64) -> Self {
        Self {
            token: token.into(),
            expires_at,
            identity_id: None,
        }
    }

    /// Names the identity (developer-authenticated identities).
    pub fn with_identity_id(mut self, identity_id: impl Into<String>) -> Self {
        self.identity_id = Some(identity_id.into());
        self
    }
}

/// What the app knows about a federated user, kept with the federated session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FederatedUser {
    /// The display name; [`Auth::current_authenticated_user`](crate::Auth::current_authenticated_user)
    /// reports it as the username.
    pub name: String,
    /// The email address, when the provider shared it.
    pub email: Option<String>,
}

impl FederatedUser {
    /// A user called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            email: None,
        }
    }

    /// Sets the email address.
    pub fn with_email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins_keys_are_cognito_identitys() {
        let cases = [
            (FederatedProvider::Google, "accounts.google.com"),
            (FederatedProvider::Facebook, "graph.facebook.com"),
            (FederatedProvider::Amazon, "www.amazon.com"),
            (FederatedProvider::Apple, "appleid.apple.com"),
            (
                FederatedProvider::Developer,
                "cognito-identity.amazonaws.com",
            ),
            (
                FederatedProvider::Oidc("http://127.0.0.1:9229/_mock/oidc".into()),
                "127.0.0.1:9229/_mock/oidc",
            ),
            (
                FederatedProvider::Oidc("issuer.example.com".into()),
                "issuer.example.com",
            ),
        ];
        for (provider, key) in cases {
            assert_eq!(provider.logins_key(), key);
            assert_eq!(
                FederatedProvider::from_stored_name(&provider.stored_name()),
                provider
            );
        }
    }

    fn credentials() -> AwsCredentials {
        AwsCredentials {
            access_key_id: "ASIAEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
            session_token: "session".into(),
            expiration: 1_000,
            identity_id: "us-east-1:id".into(),
            authenticated: true,
        }
    }

    #[test]
    fn debug_output_hides_secrets() {
        let text = format!("{:?}", credentials());
        assert!(text.contains("ASIAEXAMPLE"));
        assert!(!text.contains("EXAMPLEKEY") && !text.contains("session"));
        let essential = EssentialCredentials::from(&credentials());
        assert!(!format!("{essential:?}").contains("EXAMPLEKEY"));
        assert!(essential.authenticated);
        assert!(!format!("{:?}", FederatedResponse::new("secret-token", 1)).contains("secret"));
    }

    #[test]
    fn signing_with_identity_pool_credentials_sends_the_session_token() {
        let credentials = credentials();
        let request = SignableRequest::new("GET", "https://example.amazonaws.com/");
        let headers = credentials.sign(&request, "us-east-1", "service").unwrap();
        let names: Vec<&str> = headers.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            ["x-amz-date", "x-amz-security-token", "authorization"]
        );
        assert_eq!(headers[1].1, "session");
        // The same signature as the plain signer at the same time.
        let at = now_secs();
        let plain =
            sigv4::sign(&request, &(&credentials).into(), "us-east-1", "service", at).unwrap();
        assert!(
            plain[2]
                .1
                .starts_with("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/")
        );
    }

    #[test]
    fn expiry_margin() {
        let credentials = credentials();
        assert!(!credentials.expire_within(300, 600));
        assert!(credentials.expire_within(300, 700));
    }

    #[test]
    fn any_expiration_a_server_sends_is_compared_without_overflow() {
        // `Expiration: -1e300` reads as i64::MIN; i64::MAX stands for a far future.
        let mut credentials = credentials();
        credentials.expiration = i64::MIN;
        assert!(credentials.expire_within(300, 0));
        credentials.expiration = i64::MAX;
        assert!(!credentials.expire_within(-300, 0));
    }
}
