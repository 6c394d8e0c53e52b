//! The Hosted UI (OAuth 2.0): which provider to sign in with, PKCE and `state`, the URLs Amplify
//! builds, and reading the redirect back. The `Auth` methods using these live in
//! `auth/oauth.rs`; the token request in `wire/oauth.rs`.

pub(crate) mod callback;
pub(crate) mod pkce;
pub(crate) mod urls;

/// Who the Hosted UI signs the user in with (Amplify's `provider` of `signInWithRedirect`).
///
/// ```
/// use cognito_auth::OAuthProvider;
///
/// assert_eq!(OAuthProvider::Amazon.identity_provider(), "LoginWithAmazon");
/// assert_eq!(OAuthProvider::Custom("LocalOIDC".into()).identity_provider(), "LocalOIDC");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OAuthProvider {
    /// The Hosted UI's own sign-in page (user pool users).
    Cognito,
    /// Google.
    Google,
    /// Facebook.
    Facebook,
    /// Login with Amazon.
    Amazon,
    /// Sign in with Apple.
    Apple,
    /// Any other identity provider of the pool (OIDC or SAML), by its name in the pool.
    Custom(String),
}

impl OAuthProvider {
    /// The `identity_provider` value Cognito expects: `COGNITO`, `Google`, `Facebook`,
    /// `LoginWithAmazon`, `SignInWithApple`, or the custom provider's name.
    pub fn identity_provider(&self) -> &str {
        match self {
            Self::Cognito => "COGNITO",
            Self::Google => "Google",
            Self::Facebook => "Facebook",
            Self::Amazon => "LoginWithAmazon",
            Self::Apple => "SignInWithApple",
            Self::Custom(name) => name,
        }
    }

    /// Reads a provider as configuration files name it: `GOOGLE` (aws-exports), `Google`
    /// (Amplify v6), `LoginWithAmazon` (Cognito); anything else is a custom provider's name.
    pub fn from_config_name(name: &str) -> Self {
        match name.to_ascii_uppercase().as_str() {
            "COGNITO" => Self::Cognito,
            "GOOGLE" => Self::Google,
            "FACEBOOK" => Self::Facebook,
            "AMAZON" | "LOGINWITHAMAZON" => Self::Amazon,
            "APPLE" | "SIGNINWITHAPPLE" => Self::Apple,
            _ => Self::Custom(name.to_owned()),
        }
    }
}

/// Options of [`Auth::sign_in_with_redirect`](crate::Auth::sign_in_with_redirect).
///
/// ```
/// use cognito_auth::{OAuthProvider, RedirectSignIn};
///
/// let input = RedirectSignIn::default()
///     .provider(OAuthProvider::Google)
///     .custom_state("/orders/42");
/// assert_eq!(input.custom_state.as_deref(), Some("/orders/42"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RedirectSignIn {
    /// The identity provider; the Hosted UI's sign-in page (`COGNITO`) when absent.
    pub provider: Option<OAuthProvider>,
    /// Text to get back after the redirect, in a `customOAuthState` event (e.g. the page to
    /// return to). It travels in the URL, so keep it short and free of secrets.
    pub custom_state: Option<String>,
    /// Pre-fills the username field of the sign-in page (`login_hint`).
    pub login_hint: Option<String>,
}

impl RedirectSignIn {
    /// Signs in with `provider`.
    pub fn provider(mut self, provider: OAuthProvider) -> Self {
        self.provider = Some(provider);
        self
    }

    /// Carries `state` through the redirect.
    pub fn custom_state(mut self, state: impl Into<String>) -> Self {
        self.custom_state = Some(state.into());
        self
    }

    /// Pre-fills the username.
    pub fn login_hint(mut self, hint: impl Into<String>) -> Self {
        self.login_hint = Some(hint.into());
        self
    }
}

/// An OAuth 2.0 error: `error` and `error_description` of a redirect or of the token endpoint's
/// answer, as Cognito sent them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}{}", description.as_deref().map(|text| format!(": {text}")).unwrap_or_default())]
pub struct OAuthError {
    /// `invalid_request`, `invalid_grant`, `access_denied`, ...
    pub error: String,
    /// Cognito's explanation, when given.
    pub description: Option<String>,
}
