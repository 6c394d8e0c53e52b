//! `WithAuthenticator<C>`: one line puts an app behind sign-in.

use cognito_auth::AuthUser;
use yew::prelude::*;

use crate::authenticator::Authenticator;
use crate::federated::Federated;
use crate::i18n::{I18n, use_i18n};
use crate::machine::AuthState;
use crate::messages::MessageMap;
use crate::provider::{AuthProp, AuthProvider};
use crate::sign_up_fields::{SignUpField, UsernameAttribute};
use crate::theme::{Theme, ThemeProvider};
use crate::use_authenticator;

/// What the wrapped component receives.
#[derive(Debug, Clone, Properties, PartialEq)]
pub struct SignedInProps {
    /// The signed-in user.
    pub user: AuthUser,
    /// Signs the user out.
    pub on_sign_out: Callback<()>,
}

/// Props of [`WithAuthenticator`].
#[derive(Debug, Properties, PartialEq)]
pub struct WithAuthenticatorProps {
    /// The `Auth` handle.
    pub auth: AuthProp,
    /// Show the greeting bar with a sign-out button above the app.
    #[prop_or_default]
    pub include_greetings: bool,
    /// Screens to use instead of the built-in ones (they read `use_authenticator()`).
    #[prop_or_default]
    pub screens: Option<Html>,
    #[prop_or_default]
    pub theme: Theme,
    /// Translations; the browser's language with the built-in vocabularies by default.
    #[prop_or_default]
    pub i18n: Option<I18n>,
    #[prop_or_default]
    pub message_map: MessageMap,
    #[prop_or_default]
    pub sign_up_fields: Vec<SignUpField>,
    #[prop_or_default]
    pub username_attribute: UsernameAttribute,
    #[prop_or_default]
    pub hide_sign_up: bool,
    #[prop_or_default]
    pub on_state_change: Callback<AuthState>,
    /// Federated sign-in buttons on the SignIn screen (`Federated::configured()` for every
    /// provider the configuration lists).
    #[prop_or_default]
    pub federated: Option<Federated>,
}

/// Shows the Authenticator until someone signs in, then `C` with the user.
///
/// ```no_run
/// use cognito_auth::{Auth, AuthConfig};
/// use yew::prelude::*;
/// use yew_authenticator::{SignedInProps, WithAuthenticator};
///
/// #[component]
/// fn App(props: &SignedInProps) -> Html {
///     html! { <p>{ format!("Welcome, {}", props.user.username) }</p> }
/// }
///
/// #[component]
/// fn Root() -> Html {
///     let auth = use_memo((), |_| Auth::new(AuthConfig::new("us-east-1_AbC123", "client")).unwrap());
///     html! { <WithAuthenticator<App> auth={&*auth} include_greetings=true /> }
/// }
/// ```
#[component]
pub fn WithAuthenticator<C>(props: &WithAuthenticatorProps) -> Html
where
    C: BaseComponent<Properties = SignedInProps>,
{
    let default_i18n = use_i18n();
    let i18n = props.i18n.clone().unwrap_or(default_i18n);
    let hide = if props.include_greetings {
        vec![]
    } else {
        vec![AuthState::SignedIn]
    };
    html! {
        <AuthProvider auth={props.auth.clone()}>
            <ContextProvider<I18n> context={i18n}>
                <ThemeProvider theme={props.theme.clone()}>
                    <Authenticator
                        owns_page=true
                        hide_default={props.screens.is_some()}
                        {hide}
                        message_map={props.message_map.clone()}
                        sign_up_fields={props.sign_up_fields.clone()}
                        username_attribute={props.username_attribute}
                        hide_sign_up={props.hide_sign_up}
                        on_state_change={props.on_state_change.clone()}
                        federated={props.federated.clone()}
                    >
                        { props.screens.clone().unwrap_or_default() }
                        <SignedInApp<C> />
                    </Authenticator>
                </ThemeProvider>
            </ContextProvider<I18n>>
        </AuthProvider>
    }
}

/// Renders `C` once signed in.
#[component]
fn SignedInApp<C>() -> Html
where
    C: BaseComponent<Properties = SignedInProps>,
{
    let context = use_authenticator();
    let user = context.data().user.clone();
    match (context.state(), user) {
        (AuthState::SignedIn, Some(user)) => {
            let on_sign_out = Callback::from(move |()| context.sign_out());
            html! { <C {user} {on_sign_out} /> }
        }
        _ => html! {},
    }
}
