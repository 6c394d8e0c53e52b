//! A yew-router app with public and protected routes. Protected routes send a signed-out reader
//! to `/sign-in?from=ROUTE`, and a sign-in there goes back to `ROUTE`.
//!
//! The app reads its configuration from `auth-config.json` next to the page (`cargo xtask demo
//! --example router` puts the server's there).

use std::collections::HashMap;

use cognito_auth::SignOutOptions;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_authenticator::theme::ThemeProvider;
use yew_authenticator::use_auth_from_url;
use yew_authenticator::{AuthProvider, AuthState, AuthStatus, Authenticator, use_auth};
use yew_router::prelude::*;

#[derive(Debug, Clone, PartialEq, Routable)]
enum Route {
    #[at("/")]
    Home,
    #[at("/about")]
    About,
    #[at("/private")]
    Private,
    #[at("/account")]
    Account,
    #[at("/sign-in")]
    SignIn,
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! {
            <section id="home"><h1>{ "Home" }</h1><p>{ "A public page: no sign-in needed." }</p></section>
        },
        Route::About => html! {
            <section id="about"><h1>{ "About" }</h1><p>{ "Also public." }</p></section>
        },
        Route::Private => {
            html! { <RequireSignIn route={Route::Private}><Private /></RequireSignIn> }
        }
        Route::Account => {
            html! { <RequireSignIn route={Route::Account}><Account /></RequireSignIn> }
        }
        Route::SignIn => html! { <SignInPage /> },
        Route::NotFound => html! { <section><h1>{ "Not found" }</h1></section> },
    }
}

/// The signed-in user's name, for protected pages (they only render when there is one).
#[hook]
fn use_username() -> String {
    match use_auth().status {
        AuthStatus::Authenticated(user) => user.username,
        _ => String::new(),
    }
}

#[component]
fn Private() -> Html {
    let username = use_username();
    html! {
        <section id="private">
            <h1>{ "Private" }</h1>
            <p id="private-greeting">{ format!("Private page for {username}") }</p>
        </section>
    }
}

#[component]
fn Account() -> Html {
    let username = use_username();
    html! {
        <section id="account"><h1>{ "Account" }</h1><p>{ format!("Account of {username}") }</p></section>
    }
}

#[derive(Properties, PartialEq)]
struct RequireSignInProps {
    /// The route being protected: where sign-in comes back to.
    route: Route,
    #[prop_or_default]
    children: Html,
}

/// Shows its children to a signed-in user; sends anyone else to sign-in, remembering the route.
#[component]
fn RequireSignIn(props: &RequireSignInProps) -> Html {
    let status = use_auth().status;
    let navigator = use_navigator();
    {
        let signed_out = status == AuthStatus::Unauthenticated;
        let route = props.route.clone();
        use_effect_with(signed_out, move |signed_out| {
            if let (true, Some(navigator)) = (*signed_out, navigator) {
                // `replace`, so Back does not return to a page that would redirect again.
                let from = route.to_path();
                if navigator
                    .replace_with_query(&Route::SignIn, &[("from", from.as_str())])
                    .is_err()
                {
                    navigator.replace(&Route::SignIn);
                }
            }
        });
    }
    match status {
        AuthStatus::Authenticated(_) => props.children.clone(),
        AuthStatus::Configuring => html! { <p role="status">{ "Checking your session…" }</p> },
        AuthStatus::Unauthenticated => html! {},
    }
}

/// The Authenticator; once signed in, back to where the reader came from.
#[component]
fn SignInPage() -> Html {
    let navigator = use_navigator();
    let location = use_location();
    let back_to = location
        .and_then(|location| location.query::<HashMap<String, String>>().ok())
        .and_then(|query| query.get("from").and_then(|path| Route::recognize(path)))
        // Only our own routes, and never the sign-in page itself.
        .filter(|route| !matches!(route, Route::SignIn | Route::NotFound))
        .unwrap_or(Route::Home);
    let on_state_change = Callback::from(move |state: AuthState| {
        if let (AuthState::SignedIn, Some(navigator)) = (state, &navigator) {
            navigator.replace(&back_to);
        }
    });
    html! {
        <section id="sign-in">
            <ThemeProvider>
                <Authenticator {on_state_change} />
            </ThemeProvider>
        </section>
    }
}

/// Links to every route, and the user's status.
#[component]
fn Nav() -> Html {
    let context = use_auth();
    let sign_out = {
        let auth = context.auth.clone();
        Callback::from(move |_: MouseEvent| {
            let auth = auth.clone();
            // The status follows the sign-out event, so protected pages redirect by themselves.
            spawn_local(async move {
                let _ = auth.sign_out(SignOutOptions::default()).await;
            });
        })
    };
    let who = match &context.status {
        AuthStatus::Authenticated(user) => html! {
            <>
                <span id="who">{ format!("Signed in as {}", user.username) }</span>
                { " " }<button id="nav-sign-out" onclick={sign_out}>{ "Sign out" }</button>
            </>
        },
        AuthStatus::Configuring => html! {},
        AuthStatus::Unauthenticated => {
            html! { <Link<Route> to={Route::SignIn}>{ "Sign in" }</Link<Route>> }
        }
    };
    html! {
        <nav style="display: flex; gap: 1rem; padding: 0.75rem 1rem; border-bottom: 1px solid #ccc; font-family: system-ui, sans-serif;">
            <Link<Route> to={Route::Home}>{ "Home" }</Link<Route>>
            <Link<Route> to={Route::About}>{ "About" }</Link<Route>>
            <Link<Route> to={Route::Private}>{ "Private" }</Link<Route>>
            <Link<Route> to={Route::Account}>{ "Account" }</Link<Route>>
            <span style="margin-left: auto;">{ who }</span>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct AppProps {
    auth: yew_authenticator::AuthProp,
}

#[component]
fn App(props: &AppProps) -> Html {
    html! {
        <AuthProvider auth={props.auth.clone()}>
            <BrowserRouter>
                <Nav />
                <main style="max-width: 44rem; margin: 2rem auto; font-family: system-ui, sans-serif; overflow-wrap: anywhere;">
                    <Switch<Route> render={switch} />
                </main>
            </BrowserRouter>
        </AuthProvider>
    }
}

/// Loads `auth-config.json` from the site's root (so it is found from any route), then shows
/// the app.
#[component]
fn Root() -> Html {
    use_auth_from_url("/auth-config.json").render(|auth| html! { <App {auth} /> })
}

fn main() {
    yew::Renderer::<Root>::new().render();
}
