//! The Cognito hosted UI: the app has no sign-in form of its own. A "Sign In with the hosted UI"
//! button (`with_oauth`) sends the browser to the hosted UI with an authorization code request
//! (PKCE S256 and a `state`); the `Authenticator` finishes the sign-in when the browser comes
//! back, and signing out ends the hosted UI's session too, through its `/logout`.
//!
//! The app reads its configuration (with its `oauth` section) from `auth-config.json` next to
//! the page (`cargo xtask demo --example hosted-ui` puts the server's there).

use cognito_auth::AuthUser;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_authenticator::federated::with_oauth;
use yew_authenticator::{
    AuthProvider, AuthState, Authenticator, use_auth, use_auth_from_url, use_authenticator,
};

/// What the page shows in each state of the Authenticator, which has no built-in screens here.
#[component]
fn Page() -> Html {
    let context = use_authenticator();
    let body = match (context.state(), context.data().user.clone()) {
        (AuthState::Loading, _) => html! { <p role="status">{ "Loading…" }</p> },
        (AuthState::SignedIn, Some(user)) => html! { <SignedIn {user} /> },
        _ => html! { <SignedOut /> },
    };
    html! {
        <main style="max-width: 40rem; margin: 2rem auto; font-family: system-ui, sans-serif; overflow-wrap: anywhere;">
            { body }
        </main>
    }
}

/// The app's own look for the hosted UI button.
const BUTTON_STYLE: &str = "display: inline-flex; align-items: center; gap: 0.5rem; \
    padding: 0.6rem 1.2rem; font: inherit; font-weight: 600; color: #fff; background: #047d95; \
    border: none; border-radius: 0.25rem; cursor: pointer;";

/// The way in: one button to the hosted UI, and what went wrong last time, if anything.
#[component]
fn SignedOut() -> Html {
    let context = use_authenticator();
    html! {
        <>
            <h1>{ "Hosted UI example" }</h1>
            <p>{ "Sign-in happens on the hosted UI's pages; this app only sends you there and \
                  reads the answer." }</p>
            <div aria-live="assertive">
                if let Some(message) = context.error_message() {
                    <p role="alert">{ message }</p>
                }
            </div>
            { with_oauth(|button| html! {
                <button type="button" id="hosted-ui-sign-in" style={BUTTON_STYLE}
                    onclick={button.onclick.clone()} disabled={button.disabled}
                    aria-busy={if button.pending { "true" } else { "false" }}>
                    { button.icon() }{ &button.label }
                </button>
            }) }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SignedInProps {
    user: AuthUser,
}

/// The signed-in user, the claims of the ID token the code was exchanged for, and sign-out.
#[component]
fn SignedIn(props: &SignedInProps) -> Html {
    let context = use_authenticator();
    let auth = use_auth().auth;
    let claims = use_state(|| None::<Result<String, String>>);
    {
        let claims = claims.clone();
        use_effect_with(props.user.clone(), move |_| {
            spawn_local(async move {
                let session = auth.current_session().await;
                claims.set(Some(
                    session
                        .map(|session| {
                            serde_json::to_string_pretty(session.id_token.claims())
                                .unwrap_or_default()
                        })
                        .map_err(|error| error.to_string()),
                ));
            });
        });
    }
    let sign_out = Callback::from(move |_: MouseEvent| context.sign_out());
    html! {
        <>
            <h1>{ format!("Signed in as {}", props.user.username) }</h1>
            <h2>{ "ID token claims" }</h2>
            {
                match &*claims {
                    None => html! { <p>{ "Loading…" }</p> },
                    Some(Ok(json)) => html! { <pre id="id-token-claims">{ json }</pre> },
                    Some(Err(error)) => html! { <p role="alert">{ error }</p> },
                }
            }
            <button type="button" id="app-sign-out" onclick={sign_out}>{ "Sign out" }</button>
        </>
    }
}

/// Loads `auth-config.json`, then the page inside an `Authenticator` that only runs the machine
/// (it handles the hosted UI's callback on load).
#[component]
fn Root() -> Html {
    use_auth_from_url("/auth-config.json").render(|auth| {
        html! {
            <AuthProvider auth={auth}>
                <Authenticator hide_default=true>
                    <Page />
                </Authenticator>
            </AuthProvider>
        }
    })
}

fn main() {
    yew::Renderer::<Root>::new().render();
}
