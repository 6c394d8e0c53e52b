//! Amplify's Authenticator for Yew.
//!
//! Wrap an app's root component and its users can sign up, sign in (with SMS or TOTP MFA), reset
//! their password and verify their contact details, against Amazon Cognito or the local
//! `cognito-server`:
//!
//! ```no_run
//! use cognito_auth::{Auth, AuthConfig};
//! use yew::prelude::*;
//! use yew_authenticator::{SignedInProps, WithAuthenticator};
//!
//! #[component]
//! fn App(props: &SignedInProps) -> Html {
//!     html! { <p>{ format!("Hello, {}", props.user.username) }</p> }
//! }
//!
//! #[component]
//! fn Root() -> Html {
//!     // Or `AuthConfig::from_json` on the `auth-config.json` cognito-server writes.
//!     let auth = use_memo((), |_| Auth::new(AuthConfig::new("us-east-1_AbC123", "client-id")).unwrap());
//!     html! { <WithAuthenticator<App> auth={&*auth} include_greetings=true /> }
//! }
//! ```
//!
//! Every screen is a public component reading [`use_authenticator`], shown only in its states,
//! so any of them can be replaced (`hide_default` plus an app's own children). Themes are design
//! tokens written out as `--amplify-*` CSS custom properties ([`theme`]); texts go through the
//! [`messages`] map and per-language vocabularies ([`i18n`]).
//!
//! Federated sign-in ([`federated`]): buttons for Google, Facebook, Amazon, Apple and the Cognito
//! hosted UI, on the SignIn screen (`federated` prop) or anywhere; the Authenticator finishes the
//! sign-in when the browser comes back with the callback URL.

mod authenticator;
pub mod federated;
mod gate;
pub mod i18n;
mod load;
pub mod machine;
pub mod messages;
mod provider;
mod redirect;
pub mod screens;
mod sign_up_fields;
pub mod theme;
pub mod ui;
mod with_authenticator;

pub use authenticator::{
    Authenticator, AuthenticatorContext, AuthenticatorProps, ErrorField, use_authenticator,
};
pub use federated::{
    Federated, FederatedButton, FederatedButtons, SignInWith, WithAmazon, WithApple, WithFacebook,
    WithGoogle, WithOAuth, with_amazon, with_apple, with_facebook, with_federated, with_google,
    with_oauth,
};
pub use gate::{ShowIn, ShowInProps};
pub use load::{LoadedAuth, use_auth_from_url};
pub use machine::{AuthData, AuthState};
pub use provider::{
    AuthContext, AuthProp, AuthProvider, AuthProviderProps, AuthStatus, use_auth, use_auth_events,
};
pub use sign_up_fields::{FieldType, SignUpField, UsernameAttribute, default_sign_up_fields};
pub use with_authenticator::{SignedInProps, WithAuthenticator, WithAuthenticatorProps};

/// Everything an app usually needs.
pub mod prelude {
    pub use crate::federated::{Federated, FederatedButtons};
    pub use crate::i18n::I18n;
    pub use crate::theme::{ColorMode, Theme, ThemeProvider};
    pub use crate::{
        AuthProvider, AuthState, Authenticator, ShowIn, SignedInProps, WithAuthenticator, use_auth,
        use_authenticator,
    };
}
