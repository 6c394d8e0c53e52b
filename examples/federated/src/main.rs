//! Social sign-in: `WithAuthenticator` with federated buttons. Against cognito-server they lead to
//! its mock Google, Facebook, Amazon and Apple; against Cognito, to the real ones. Signed in, the
//! app shows the user's linked identities, the AWS credentials the identity pool gives it (never
//! the secret), and calls an AWS-style API with a SigV4-signed request.
//!
//! The app reads its configuration from `auth-config.json` next to the page (`cargo xtask demo
//! --example federated` puts the server's there).

use cognito_auth::sigv4::SignableRequest;
use cognito_auth::{Auth, AwsCredentials};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_authenticator::federated::Federated;
use yew_authenticator::{SignedInProps, WithAuthenticator, use_auth, use_auth_from_url};

/// The signed-in app.
#[component]
fn App(props: &SignedInProps) -> Html {
    let sign_out = props.on_sign_out.reform(|_: MouseEvent| ());
    html! {
        <main style="max-width: 48rem; margin: 2rem auto; font-family: system-ui, sans-serif; overflow-wrap: anywhere;">
            <h1>{ format!("Signed in as {}", props.user.username) }</h1>
            <Identities />
            <Credentials />
            <button id="app-sign-out" onclick={sign_out}>{ "Sign out" }</button>
        </main>
    }
}

/// The providers linked to this user (Cognito's `identities` attribute).
#[component]
fn Identities() -> Html {
    let auth = use_auth().auth;
    let identities = use_state(|| None::<Result<Vec<(String, String)>, String>>);
    {
        let identities = identities.clone();
        use_effect_with((), move |()| {
            spawn_local(async move {
                let found = auth
                    .user_attributes()
                    .await
                    .map(|attributes| linked(attributes.get("identities").map(String::as_str)))
                    .map_err(|error| error.to_string());
                identities.set(Some(found));
            });
        });
    }
    let shown = match &*identities {
        None => html! { <p>{ "Loading…" }</p> },
        Some(Err(error)) => html! { <p role="alert">{ error }</p> },
        Some(Ok(list)) if list.is_empty() => {
            html! { <p>{ "None: a user of the pool itself." }</p> }
        }
        Some(Ok(list)) => html! {
            <ul id="identities">
                { for list.iter().map(|(provider, user)| html! {
                    <li data-provider={provider.clone()}>{ format!("{provider}: {user}") }</li>
                }) }
            </ul>
        },
    };
    html! {
        <section aria-labelledby="identities-heading">
            <h2 id="identities-heading">{ "Linked identities" }</h2>
            { shown }
        </section>
    }
}

/// (provider name, user id at the provider) from the `identities` attribute's JSON.
fn linked(identities: Option<&str>) -> Vec<(String, String)> {
    let Some(list) =
        identities.and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok())
    else {
        return Vec::new();
    };
    list.as_array()
        .into_iter()
        .flatten()
        .map(|identity| {
            let field = |name: &str| match &identity[name] {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            (field("providerName"), field("userId"))
        })
        .collect()
}

/// The identity pool's AWS credentials, and a call to an API with them.
#[component]
fn Credentials() -> Html {
    let auth = use_auth().auth;
    let credentials = use_state(|| None::<Result<AwsCredentials, String>>);
    let answer = use_state(|| None::<Result<String, String>>);
    {
        let (credentials, auth) = (credentials.clone(), auth.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                let found = auth.current_credentials().await;
                credentials.set(Some(found.map_err(|error| error.to_string())));
            });
        });
    }
    let call = {
        let answer = answer.clone();
        Callback::from(move |_: MouseEvent| {
            let (auth, answer) = (auth.clone(), answer.clone());
            spawn_local(async move { answer.set(Some(caller_identity(&auth).await)) });
        })
    };
    let shown = match &*credentials {
        None => html! { <p>{ "Loading…" }</p> },
        Some(Err(error)) => html! { <p role="alert">{ error }</p> },
        // The secret key and session token stay in memory: a page has no reason to show them.
        Some(Ok(credentials)) => html! {
            <dl id="credentials">
                <dt>{ "Access key id" }</dt><dd id="access-key-id">{ &credentials.access_key_id }</dd>
                <dt>{ "Expires" }</dt><dd id="expiration">{ time(credentials.expiration) }</dd>
                <dt>{ "Identity id" }</dt><dd id="identity-id">{ &credentials.identity_id }</dd>
            </dl>
        },
    };
    html! {
        <section aria-labelledby="credentials-heading">
            <h2 id="credentials-heading">{ "AWS credentials" }</h2>
            { shown }
            <button id="call-api" onclick={call}>{ "Call the signed API" }</button>
            {
                match &*answer {
                    None => html! {},
                    Some(Ok(json)) => html! { <pre id="caller-identity">{ json }</pre> },
                    Some(Err(error)) => html! { <p role="alert" id="caller-identity-error">{ error }</p> },
                }
            }
        </section>
    }
}

/// Seconds since the epoch as an ISO 8601 time.
fn time(seconds: i64) -> String {
    js_sys::Date::new(&(seconds as f64 * 1000.0).into())
        .to_iso_string()
        .into()
}

/// `GET {endpoint}/_local/caller-identity`, SigV4-signed with the current credentials: the local
/// server's stand-in for an AWS API, answering who the credentials belong to.
async fn caller_identity(auth: &Auth) -> Result<String, String> {
    let credentials = auth
        .current_credentials()
        .await
        .map_err(|error| error.to_string())?;
    let endpoint = auth.config().user_pool_endpoint.clone().ok_or(
        "this call needs cognito-server (no aws_user_pools_endpoint in the configuration)",
    )?;
    let url = format!("{}/_local/caller-identity", endpoint.trim_end_matches('/'));
    let region = auth.config().region().unwrap_or_else(|| "us-east-1".into());
    let headers = credentials
        .sign(&SignableRequest::new("GET", &url), &region, "execute-api")
        .map_err(|error| error.to_string())?;
    let (status, body) = fetch("GET", &url, &headers)
        .await
        .map_err(|error| format!("{error:?}"))?;
    if !(200..300).contains(&status) {
        return Err(format!("{status}: {body}"));
    }
    Ok(serde_json::from_str::<serde_json::Value>(&body)
        .and_then(|json| serde_json::to_string_pretty(&json))
        .unwrap_or(body))
}

/// The browser's `fetch`: status and body text.
async fn fetch(
    method: &str,
    url: &str,
    headers: &[(String, String)],
) -> Result<(u16, String), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let sent = web_sys::Headers::new()?;
    for (name, value) in headers {
        sent.set(name, value)?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_headers(&sent);
    let request = web_sys::Request::new_with_str_and_init(url, &init)?;
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await?
        .dyn_into()?;
    let body = JsFuture::from(response.text()?).await?;
    Ok((response.status(), body.as_string().unwrap_or_default()))
}

/// Loads `auth-config.json`, then the app behind sign-in with every configured provider's button.
#[component]
fn Root() -> Html {
    use_auth_from_url("/auth-config.json").render(|auth| {
        html! {
            <WithAuthenticator<App> auth={auth} include_greetings=true
                federated={Federated::configured()} />
        }
    })
}

fn main() {
    yew::Renderer::<Root>::new().render();
}
