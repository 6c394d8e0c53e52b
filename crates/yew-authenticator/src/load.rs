//! `use_auth_from_url`: an `Auth` handle from a configuration file the site serves, such as the
//! `auth-config.json` cognito-server writes or an Amplify `aws-exports` / `amplify_outputs.json`.

use cognito_auth::{Auth, AuthConfig};
use yew::platform::spawn_local;
use yew::prelude::*;

/// Where loading the configuration is.
#[derive(Clone)]
pub enum LoadedAuth {
    Loading,
    /// The file could not be fetched or read; the message says why.
    Failed(String),
    Ready(Auth),
}

impl std::fmt::Debug for LoadedAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Loading => f.write_str("Loading"),
            Self::Failed(why) => f.debug_tuple("Failed").field(why).finish(),
            Self::Ready(_) => f.write_str("Ready(..)"),
        }
    }
}

impl LoadedAuth {
    /// `ready` once the handle exists; a status line while loading and an alert on failure.
    ///
    /// ```no_run
    /// use yew::prelude::*;
    /// use yew_authenticator::{SignedInProps, WithAuthenticator, use_auth_from_url};
    ///
    /// #[component]
    /// fn App(props: &SignedInProps) -> Html {
    ///     html! { <p>{ &props.user.username }</p> }
    /// }
    ///
    /// #[component]
    /// fn Root() -> Html {
    ///     use_auth_from_url("/auth-config.json")
    ///         .render(|auth| html! { <WithAuthenticator<App> {auth} include_greetings=true /> })
    /// }
    /// ```
    pub fn render(&self, ready: impl FnOnce(&Auth) -> Html) -> Html {
        match self {
            Self::Loading => html! { <p role="status">{ "Loading configuration…" }</p> },
            Self::Failed(why) => {
                html! { <p role="alert">{ format!("Could not load the configuration: {why}") }</p> }
            }
            Self::Ready(auth) => ready(auth),
        }
    }
}

/// Fetches `url` once (relative URLs resolve against the page) and makes an `Auth` handle from it.
#[hook]
pub fn use_auth_from_url(url: &str) -> LoadedAuth {
    let loaded = use_state(|| LoadedAuth::Loading);
    {
        let loaded = loaded.clone();
        use_effect_with(url.to_owned(), move |url| {
            let url = url.clone();
            spawn_local(async move {
                let auth = AuthConfig::load(&url).await.and_then(Auth::new);
                loaded.set(match auth {
                    Ok(auth) => LoadedAuth::Ready(auth),
                    Err(error) => LoadedAuth::Failed(error.to_string()),
                });
            });
        });
    }
    (*loaded).clone()
}
