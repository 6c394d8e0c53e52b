//! The federated buttons: `FederatedButtons`, one component per provider (`WithGoogle`, ...),
//! and the `with_*` functions that let an app draw the buttons itself.

use stylist::yew::use_style;
use stylist::{StyleSource, css};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::{Federated, FederatedButton, SignInWith};
use crate::authenticator::AuthenticatorContext;
use crate::i18n::use_i18n;
use crate::provider::use_auth;
use crate::redirect::use_page_restored;
use crate::ui::CONTROL_RADIUS;

/// Props of [`FederatedButtons`].
#[derive(Debug, Properties, PartialEq)]
pub struct FederatedButtonsProps {
    /// Which buttons; everything the configuration lists by default.
    #[prop_or_else(Federated::configured)]
    pub federated: Federated,
    /// Draws each button instead of the built-in style; it gets the provider, the translated
    /// label and the `onclick` that starts the redirect.
    #[prop_or_default]
    pub render: Option<Callback<FederatedButton, Html>>,
}

/// Props of the one-provider buttons ([`WithGoogle`], [`WithOAuth`], ...).
#[derive(Debug, Properties, PartialEq)]
pub struct FederatedButtonProps {
    /// Draws the button instead of the built-in style.
    #[prop_or_default]
    pub render: Option<Callback<FederatedButton, Html>>,
}

/// What the buttons track when no [`Authenticator`](crate::Authenticator) runs the request.
#[derive(Debug, Clone, Default, PartialEq)]
struct Alone {
    pending: bool,
    error: Option<String>,
}

thread_local! {
    /// The buttons' sheet (`CONTROL_RADIUS` says why it is built here).
    static BUTTONS: StyleSource = css!(
        r#"
display: flex;
flex-direction: column;
gap: var(--amplify-space-xs);
.amplify-federated-button {
  display: flex;
  align-items: center;
  justify-content: center;
  gap: var(--amplify-space-small);
  box-sizing: border-box;
  width: 100%;
  padding: var(--amplify-space-xs) var(--amplify-space-small);
  font: inherit;
  font-weight: var(--amplify-font-weights-bold);
  color: var(--amplify-colors-font-primary);
  background: var(--amplify-colors-background-primary);
  border: var(--amplify-border-widths-small) solid var(--amplify-colors-border-primary);
  border-radius: ${radius};
  cursor: pointer;
}
.amplify-federated-button:hover { background: var(--amplify-colors-background-secondary); }
.amplify-federated-button:focus-visible {
  outline: var(--amplify-border-widths-medium) solid var(--amplify-colors-border-focus);
  outline-offset: var(--amplify-border-widths-medium);
}
.amplify-federated-button:disabled { cursor: not-allowed; }
.amplify-federated-button[aria-busy=true] { opacity: 0.7; cursor: progress; }
.amplify-federated-icon { flex: none; width: 1.25em; height: 1.25em; }
[role=alert] { color: var(--amplify-colors-font-error); }
"#,
        radius = CONTROL_RADIUS
    );
}

/// Federated sign-in buttons. Needs an [`AuthProvider`](crate::AuthProvider) above it. Inside an
/// [`Authenticator`](crate::Authenticator) the redirect runs through its machine (pending state
/// shared with the form, errors shown by the screen); elsewhere the buttons show their own.
///
/// Shows nothing when the configuration has no hosted UI (`oauth`): there is nowhere to go.
#[component]
pub fn FederatedButtons(props: &FederatedButtonsProps) -> Html {
    let auth = use_auth().auth;
    let authenticator = use_context::<AuthenticatorContext>();
    let i18n = use_i18n();
    let clicked = use_state_eq(|| None::<SignInWith>);
    let alone = use_state_eq(Alone::default);
    let style = use_style(BUTTONS.with(StyleSource::clone));
    // Back from the provider with the browser's back button, the page may come back from the
    // back-forward cache as it was left: mid-redirect. Let the buttons work again.
    {
        let (alone, authenticator) = (alone.clone(), authenticator.clone());
        use_page_restored(Callback::from(move |()| {
            alone.set(Alone::default());
            if let Some(context) = &authenticator {
                context.redirect_abandoned();
            }
        }));
    }

    let choices = props.federated.resolve(&auth);
    if choices.is_empty() {
        return html! {};
    }
    let busy = authenticator
        .as_ref()
        .map_or(alone.pending, AuthenticatorContext::is_pending);
    let buttons = choices.into_iter().map(|with| {
        let onclick = {
            let (auth, authenticator) = (auth.clone(), authenticator.clone());
            let (clicked, alone, with) = (clicked.clone(), alone.clone(), with.clone());
            Callback::from(move |_: MouseEvent| {
                if busy {
                    return;
                }
                clicked.set(Some(with.clone()));
                if let Some(context) = &authenticator {
                    context.sign_in_with_redirect(with.redirect());
                    return;
                }
                alone.set(Alone {
                    pending: true,
                    error: None,
                });
                let (auth, alone, input) = (auth.clone(), alone.clone(), with.redirect());
                spawn_local(async move {
                    // On success the browser is leaving for the authorize URL: stay pending.
                    if let Err(error) = auth.sign_in_with_redirect(input).await {
                        alone.set(Alone {
                            pending: false,
                            error: Some(error.to_string()),
                        });
                    }
                });
            })
        };
        let button = FederatedButton {
            label: AttrValue::from(with.label(&i18n)),
            pending: busy && clicked.as_ref() == Some(&with),
            disabled: busy,
            with,
            onclick,
        };
        match &props.render {
            Some(render) => render.emit(button),
            None => default_button(&button),
        }
    });
    html! {
        <div class={style} data-amplify-federated-buttons="">
            if authenticator.is_none() {
                <div aria-live="assertive">
                    if let Some(error) = &alone.error {
                        <div role="alert">{ i18n.get(error) }</div>
                    }
                </div>
            }
            { for buttons }
        </div>
    }
}

/// The built-in button: icon and label, `type=button` so it never submits a surrounding form.
fn default_button(button: &FederatedButton) -> Html {
    html! {
        <button type="button" class="amplify-federated-button"
            data-amplify-provider={button.with.id()}
            disabled={button.disabled}
            aria-busy={if button.pending { "true" } else { "false" }}
            onclick={button.onclick.clone()}>
            { button.icon() }
            <span>{ &button.label }</span>
        </button>
    }
}

fn one(federated: Federated, props: &FederatedButtonProps) -> Html {
    html! { <FederatedButtons {federated} render={props.render.clone()} /> }
}

/// The "Sign In with Google" button (Amplify's `withGoogle`).
#[component]
pub fn WithGoogle(props: &FederatedButtonProps) -> Html {
    one(Federated::none().google(), props)
}

/// The "Sign In with Facebook" button (Amplify's `withFacebook`).
#[component]
pub fn WithFacebook(props: &FederatedButtonProps) -> Html {
    one(Federated::none().facebook(), props)
}

/// The "Sign In with Amazon" button (Amplify's `withAmazon`).
#[component]
pub fn WithAmazon(props: &FederatedButtonProps) -> Html {
    one(Federated::none().amazon(), props)
}

/// The "Sign In with Apple" button.
#[component]
pub fn WithApple(props: &FederatedButtonProps) -> Html {
    one(Federated::none().apple(), props)
}

/// The "Sign In with the hosted UI" button (Amplify's `withOAuth`): the hosted UI's own page,
/// with its sign-in form and every provider of the app client.
#[component]
pub fn WithOAuth(props: &FederatedButtonProps) -> Html {
    one(Federated::none().oauth(), props)
}

/// Amplify's `withFederated`: every configured provider's button (and the hosted UI's), each
/// drawn by `render`.
///
/// ```no_run
/// use yew::prelude::*;
/// use yew_authenticator::federated::with_federated;
///
/// #[component]
/// fn Providers() -> Html {
///     with_federated(|button| html! {
///         <button type="button" class="my-button" onclick={button.onclick.clone()}
///             disabled={button.disabled}>{ button.icon() }{ &button.label }</button>
///     })
/// }
/// ```
pub fn with_federated(render: impl Fn(FederatedButton) -> Html + 'static) -> Html {
    html! { <FederatedButtons federated={Federated::configured()} render={Callback::from(render)} /> }
}

/// Amplify's `withGoogle`: the Google button, drawn by `render`.
pub fn with_google(render: impl Fn(FederatedButton) -> Html + 'static) -> Html {
    html! { <WithGoogle render={Callback::from(render)} /> }
}

/// Amplify's `withFacebook`: the Facebook button, drawn by `render`.
pub fn with_facebook(render: impl Fn(FederatedButton) -> Html + 'static) -> Html {
    html! { <WithFacebook render={Callback::from(render)} /> }
}

/// Amplify's `withAmazon`: the Login with Amazon button, drawn by `render`.
pub fn with_amazon(render: impl Fn(FederatedButton) -> Html + 'static) -> Html {
    html! { <WithAmazon render={Callback::from(render)} /> }
}

/// The Sign in with Apple button, drawn by `render`.
pub fn with_apple(render: impl Fn(FederatedButton) -> Html + 'static) -> Html {
    html! { <WithApple render={Callback::from(render)} /> }
}

/// Amplify's `withOAuth`: the hosted UI button, drawn by `render`.
///
/// ```no_run
/// use yew::prelude::*;
/// use yew_authenticator::federated::with_oauth;
///
/// #[component]
/// fn HostedUiLink() -> Html {
///     with_oauth(|button| html! {
///         <button type="button" onclick={button.onclick.clone()}>{ "Sign in with the hosted UI" }</button>
///     })
/// }
/// ```
pub fn with_oauth(render: impl Fn(FederatedButton) -> Html + 'static) -> Html {
    html! { <WithOAuth render={Callback::from(render)} /> }
}
