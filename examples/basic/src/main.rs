//! The basic example: `WithAuthenticator<App>` in one line, with greetings. Signed-in users see
//! their attributes and the decoded claims of their current tokens.
//!
//! The app reads its configuration from `auth-config.json` next to the page: the file
//! cognito-server writes (`cargo xtask demo` puts it there), or an `aws-exports` JSON of a real
//! user pool.

use cognito_auth::Session;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_authenticator::use_auth_from_url;
use yew_authenticator::{SignedInProps, WithAuthenticator};

/// The signed-in app.
#[component]
fn App(props: &SignedInProps) -> Html {
    let auth = yew_authenticator::use_auth().auth;
    let attributes = use_state(|| None::<Result<Vec<(String, String)>, String>>);
    let session = use_state(|| None::<Result<Session, String>>);
    {
        let (attributes, session, auth) = (attributes.clone(), session.clone(), auth.clone());
        use_effect_with(props.user.clone(), move |_| {
            spawn_local(async move {
                let found = auth
                    .user_attributes()
                    .await
                    .map(|map| map.into_iter().collect());
                attributes.set(Some(found.map_err(|e| e.to_string())));
                session.set(Some(
                    auth.current_session().await.map_err(|e| e.to_string()),
                ));
            });
        });
    }
    let sign_out = props.on_sign_out.reform(|_: MouseEvent| ());
    html! {
        <main style="max-width: 48rem; margin: 2rem auto; font-family: system-ui, sans-serif; overflow-wrap: anywhere;">
            <h1>{ format!("Signed in as {}", props.user.username) }</h1>
            <section aria-labelledby="attributes-heading">
                <h2 id="attributes-heading">{ "Your attributes" }</h2>
                {
                    match &*attributes {
                        None => html! { <p>{ "Loading…" }</p> },
                        Some(Err(error)) => html! { <p role="alert">{ error }</p> },
                        Some(Ok(list)) => html! {
                            <dl id="attributes">
                                { for list.iter().map(|(name, value)| html! { <><dt>{ name }</dt><dd>{ value }</dd></> }) }
                            </dl>
                        },
                    }
                }
            </section>
            <section aria-labelledby="tokens-heading">
                <h2 id="tokens-heading">{ "Your session" }</h2>
                {
                    match &*session {
                        None => html! { <p>{ "Loading…" }</p> },
                        Some(Err(error)) => html! { <p role="alert">{ error }</p> },
                        Some(Ok(session)) => html! {
                            <>
                                <h3>{ "ID token claims" }</h3>
                                <pre id="id-token-claims">{ pretty(session.id_token.claims()) }</pre>
                                <h3>{ "Access token claims" }</h3>
                                <pre id="access-token-claims">{ pretty(session.access_token.claims()) }</pre>
                            </>
                        },
                    }
                }
            </section>
            <button id="app-sign-out" onclick={sign_out}>{ "Sign out" }</button>
        </main>
    }
}

fn pretty(claims: &serde_json::Map<String, serde_json::Value>) -> String {
    serde_json::to_string_pretty(claims).unwrap_or_default()
}

/// Loads `auth-config.json` from the site's root (so it is found from any route), then shows
/// the app.
#[component]
fn Root() -> Html {
    use_auth_from_url("/auth-config.json")
        .render(|auth| html! { <WithAuthenticator<App> auth={auth} include_greetings=true /> })
}

/// The allocator: talc instead of Rust's default for wasm (dlmalloc), which is half a kilobyte
/// less to download (brotli) and faster. Any app can make the same choice; the library does not
/// depend on it.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    yew::Renderer::<Root>::new().render();
}
