//! Federated sign-in: buttons that send the user to Google, Facebook, Amazon, Apple (through
//! the Cognito hosted UI) or to the hosted UI's own page, as Amplify's `withFederated`,
//! `withGoogle`, `withFacebook`, `withAmazon` and `withOAuth` do.
//!
//! Each button calls [`Auth::sign_in_with_redirect`]; when the browser comes back, the
//! [`Authenticator`](crate::Authenticator) finishes the sign-in from the callback URL.
//!
//! ```no_run
//! use yew::prelude::*;
//! use yew_authenticator::federated::{FederatedButtons, Federated, with_google};
//!
//! #[component]
//! fn SignInPage() -> Html {
//!     html! {
//!         <>
//!             // Every provider the configuration lists, in the built-in style.
//!             <FederatedButtons federated={Federated::configured()} />
//!             // Or one provider, drawn by the app.
//!             { with_google(|button| html! {
//!                 <button type="button" onclick={button.onclick.clone()}>{ &button.label }</button>
//!             }) }
//!         </>
//!     }
//! }
//! ```

mod buttons;
mod icons;

pub use buttons::{
    FederatedButtonProps, FederatedButtons, FederatedButtonsProps, WithAmazon, WithApple,
    WithFacebook, WithGoogle, WithOAuth, with_amazon, with_apple, with_facebook, with_federated,
    with_google, with_oauth,
};

use cognito_auth::{Auth, OAuthProvider, RedirectSignIn};
use yew::prelude::*;

/// Where a federated button sends the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInWith {
    /// The hosted UI's own sign-in page, which lists every provider of the app client.
    HostedUi,
    /// One identity provider, without the hosted UI's page in between.
    Provider(OAuthProvider),
}

impl SignInWith {
    /// What [`Auth::sign_in_with_redirect`] gets.
    pub fn redirect(&self) -> RedirectSignIn {
        match self {
            Self::HostedUi => RedirectSignIn::default(),
            Self::Provider(provider) => RedirectSignIn::default().provider(provider.clone()),
        }
    }

    /// A short stable name, for `data-amplify-provider` and tests: `google`, `facebook`,
    /// `amazon`, `apple`, `cognito`, `hosted-ui`, or a custom provider's name.
    pub fn id(&self) -> String {
        match self {
            Self::HostedUi => "hosted-ui".to_owned(),
            Self::Provider(OAuthProvider::Cognito) => "cognito".to_owned(),
            Self::Provider(OAuthProvider::Google) => "google".to_owned(),
            Self::Provider(OAuthProvider::Facebook) => "facebook".to_owned(),
            Self::Provider(OAuthProvider::Amazon) => "amazon".to_owned(),
            Self::Provider(OAuthProvider::Apple) => "apple".to_owned(),
            Self::Provider(OAuthProvider::Custom(name)) => name.clone(),
        }
    }

    /// The button's text in the vocabulary of [`crate::i18n`] (`Sign In with Google`), before
    /// translation; custom providers use the `Sign In with {}` text with their name.
    pub fn label(&self, i18n: &crate::i18n::I18n) -> String {
        let key = match self {
            Self::HostedUi => "Sign In with the hosted UI",
            Self::Provider(OAuthProvider::Google) => "Sign In with Google",
            Self::Provider(OAuthProvider::Facebook) => "Sign In with Facebook",
            Self::Provider(OAuthProvider::Amazon) => "Sign In with Amazon",
            Self::Provider(OAuthProvider::Apple) => "Sign In with Apple",
            Self::Provider(OAuthProvider::Cognito) => {
                return i18n.format("Sign In with {}", "Cognito");
            }
            Self::Provider(OAuthProvider::Custom(name)) => {
                return i18n.format("Sign In with {}", name);
            }
        };
        i18n.get(key)
    }
}

/// Which federated buttons to show: chosen one by one, or everything the configuration lists.
///
/// ```
/// use yew_authenticator::federated::Federated;
///
/// // Google and the hosted UI's page.
/// let chosen = Federated::none().google().oauth();
/// // The configuration's `aws_cognito_social_providers`, and the hosted UI when `oauth` is set.
/// let all = Federated::configured();
/// # let _ = (chosen, all);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Federated {
    /// Take the providers from the `Auth` configuration (besides those chosen here).
    pub from_config: bool,
    /// The providers chosen here, in order.
    pub providers: Vec<OAuthProvider>,
    /// A "Sign In with the hosted UI" button (Amplify's `withOAuth`).
    pub oauth: bool,
}

impl Federated {
    /// No buttons yet: add them with the builder methods.
    pub fn none() -> Self {
        Self::default()
    }

    /// Every provider the configuration lists (`Auth::social_providers`) and, when the hosted
    /// UI is configured (`Auth::oauth_enabled`), its button too.
    pub fn configured() -> Self {
        Self {
            from_config: true,
            ..Self::default()
        }
    }

    /// Adds a provider's button (any [`OAuthProvider`], such as an OIDC provider by name).
    pub fn provider(mut self, provider: OAuthProvider) -> Self {
        if !self.providers.contains(&provider) {
            self.providers.push(provider);
        }
        self
    }

    /// Adds the Google button.
    pub fn google(self) -> Self {
        self.provider(OAuthProvider::Google)
    }

    /// Adds the Facebook button.
    pub fn facebook(self) -> Self {
        self.provider(OAuthProvider::Facebook)
    }

    /// Adds the Login with Amazon button.
    pub fn amazon(self) -> Self {
        self.provider(OAuthProvider::Amazon)
    }

    /// Adds the Sign in with Apple button.
    pub fn apple(self) -> Self {
        self.provider(OAuthProvider::Apple)
    }

    /// Adds the "Sign In with the hosted UI" button.
    pub fn oauth(mut self) -> Self {
        self.oauth = true;
        self
    }

    /// The buttons to show with `auth`'s configuration, in order: the chosen providers, then the
    /// configured ones not chosen already, then the hosted UI. Without a hosted UI configured
    /// there is nothing to redirect to, so there are no buttons.
    pub fn resolve(&self, auth: &Auth) -> Vec<SignInWith> {
        if !auth.oauth_enabled() {
            return Vec::new();
        }
        let mut providers = self.providers.clone();
        if self.from_config {
            for provider in auth.social_providers() {
                if !providers.contains(&provider) {
                    providers.push(provider);
                }
            }
        }
        let mut buttons: Vec<SignInWith> =
            providers.into_iter().map(SignInWith::Provider).collect();
        if self.oauth || self.from_config {
            buttons.push(SignInWith::HostedUi);
        }
        buttons
    }
}

/// What a custom rendering of a federated button gets (see [`FederatedButtons`]'s `render`).
#[derive(Debug, Clone, PartialEq)]
pub struct FederatedButton {
    /// Where the button sends the user.
    pub with: SignInWith,
    /// Its text, translated (`Sign In with Google`).
    pub label: AttrValue,
    /// Starts the redirect; plug it into the button's `onclick`.
    pub onclick: Callback<MouseEvent>,
    /// This button's redirect is starting.
    pub pending: bool,
    /// Some request is in flight (this redirect, or a sign-in of the form): ignore presses.
    pub disabled: bool,
}

impl FederatedButton {
    /// The provider's icon as inline SVG, hidden from screen readers (the label says it all).
    pub fn icon(&self) -> Html {
        icons::icon(&self.with)
    }
}

#[cfg(test)]
mod tests {
    use cognito_auth::{AuthConfig, OAuthConfig};

    use super::*;

    fn auth(oauth: bool, social: Vec<OAuthProvider>) -> Auth {
        let mut config = AuthConfig::new("us-east-1_Pool1", "client1");
        if oauth {
            config = config.with_oauth(OAuthConfig::new(
                "http://127.0.0.1:9229",
                vec!["openid".into()],
                vec!["http://127.0.0.1:9229/".into()],
                vec![],
            ));
        }
        config.social_providers = social;
        Auth::new(config).expect("valid config")
    }

    #[test]
    fn configured_buttons_follow_the_configuration_then_the_hosted_ui() {
        let auth = auth(true, vec![OAuthProvider::Facebook, OAuthProvider::Google]);
        assert_eq!(
            Federated::configured().resolve(&auth),
            [
                SignInWith::Provider(OAuthProvider::Facebook),
                SignInWith::Provider(OAuthProvider::Google),
                SignInWith::HostedUi,
            ]
        );
        // Chosen ones first, none twice.
        assert_eq!(
            Federated::configured().google().resolve(&auth),
            [
                SignInWith::Provider(OAuthProvider::Google),
                SignInWith::Provider(OAuthProvider::Facebook),
                SignInWith::HostedUi,
            ]
        );
    }

    #[test]
    fn chosen_buttons_show_whatever_the_configuration_lists() {
        let auth = auth(true, vec![]);
        assert_eq!(
            Federated::none().apple().amazon().amazon().resolve(&auth),
            [
                SignInWith::Provider(OAuthProvider::Apple),
                SignInWith::Provider(OAuthProvider::Amazon),
            ]
        );
        assert_eq!(
            Federated::none().oauth().resolve(&auth),
            [SignInWith::HostedUi]
        );
        assert!(Federated::none().resolve(&auth).is_empty());
    }

    #[test]
    fn without_a_hosted_ui_there_is_nothing_to_redirect_to() {
        let auth = auth(false, vec![OAuthProvider::Google]);
        assert!(
            Federated::configured()
                .google()
                .oauth()
                .resolve(&auth)
                .is_empty()
        );
    }

    #[test]
    fn each_button_asks_for_its_provider() {
        assert_eq!(SignInWith::HostedUi.redirect(), RedirectSignIn::default());
        assert_eq!(
            SignInWith::Provider(OAuthProvider::Amazon)
                .redirect()
                .provider,
            Some(OAuthProvider::Amazon)
        );
        let i18n = crate::i18n::I18n::new("en");
        assert_eq!(
            SignInWith::Provider(OAuthProvider::Custom("LocalOIDC".into())).label(&i18n),
            "Sign In with LocalOIDC"
        );
        #[cfg(feature = "lang-fr")]
        assert_eq!(
            SignInWith::Provider(OAuthProvider::Apple).label(&crate::i18n::I18n::new("fr")),
            "Se connecter avec Apple"
        );
    }
}
