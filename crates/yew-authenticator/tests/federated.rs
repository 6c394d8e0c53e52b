//! Federated buttons in headless Chromium, with the hosted UI at a real cognito-server: which
//! buttons the configuration shows, the authorize URL a click sends the browser to (caught before
//! the page leaves, through the Navigation API) with the state and PKCE verifier Auth saved for
//! it, and a forged callback refused on load. The whole round trip through the server's pages is
//! an end-to-end flow (crates/e2e).
//!
//! Like `browser_server.rs`, these need the server's address at build time
//! (`COGNITO_AUTH_TEST_ENDPOINT`, `_POOL_ID`, `_CLIENT_ID`); `cargo xtask test` passes them.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cognito_auth::{
    Auth, AuthConfig, AuthEvent, MemoryStore, OAuthConfig, OAuthProvider, TokenStore,
};
use sha2::{Digest as _, Sha256};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};
use yew::prelude::*;
use yew_authenticator::federated::{Federated, with_oauth};
use yew_authenticator::i18n::I18n;
use yew_authenticator::{AuthProvider, SignedInProps, WithAuthenticator};

wasm_bindgen_test_configure!(run_in_browser);

struct Server {
    endpoint: &'static str,
    pool_id: &'static str,
    client_id: &'static str,
}

#[allow(clippy::option_env_unwrap)]
fn server() -> Server {
    const MISSING: &str = "run through `cargo xtask test`, or start cognito-server and set \
                           COGNITO_AUTH_TEST_ENDPOINT, _POOL_ID and _CLIENT_ID when building";
    Server {
        endpoint: option_env!("COGNITO_AUTH_TEST_ENDPOINT").expect(MISSING),
        pool_id: option_env!("COGNITO_AUTH_TEST_POOL_ID").expect(MISSING),
        client_id: option_env!("COGNITO_AUTH_TEST_CLIENT_ID").expect(MISSING),
    }
}

fn window() -> web_sys::Window {
    web_sys::window().expect("window")
}

/// This test page's address without query or fragment: the redirect URI the tests register.
fn page() -> String {
    let location = window().location();
    format!(
        "{}{}",
        location.origin().expect("origin"),
        location.pathname().expect("path")
    )
}

/// An `Auth` for the test server whose hosted UI is the server itself, with `social` providers
/// listed as aws-exports lists them; its own memory store, so tests share nothing.
fn auth(oauth: bool, social: &[OAuthProvider]) -> Auth {
    auth_with_store(oauth, social, Arc::new(MemoryStore::default()))
}

fn auth_with_store(oauth: bool, social: &[OAuthProvider], store: Arc<MemoryStore>) -> Auth {
    let server = server();
    let mut config =
        AuthConfig::new(server.pool_id, server.client_id).with_user_pool_endpoint(server.endpoint);
    config.social_providers = social.to_vec();
    if oauth {
        config = config.with_oauth(OAuthConfig::new(
            server.endpoint,
            vec!["openid".into(), "email".into(), "profile".into()],
            vec![page()],
            vec![page()],
        ));
    }
    Auth::with_store(config, store).expect("valid config")
}

#[component]
fn App(props: &SignedInProps) -> Html {
    html! { <p id="app">{ &props.user.username }</p> }
}

#[derive(Properties, PartialEq)]
struct RootProps {
    auth: yew_authenticator::AuthProp,
    federated: Option<Federated>,
}

#[component]
fn Root(props: &RootProps) -> Html {
    html! {
        <WithAuthenticator<App> auth={props.auth.clone()} i18n={I18n::new("en")}
            federated={props.federated.clone()} />
    }
}

/// Mounts `C` in a fresh element of the page.
fn mount<C: BaseComponent>(props: C::Properties) -> Element {
    let document = window().document().expect("document");
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    root
}

fn mount_root(auth: Auth, federated: Option<Federated>) -> Element {
    mount::<Root>(RootProps {
        auth: auth.into(),
        federated,
    })
}

/// Waits up to 10 s for an element, as a person waits for the page.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..200 {
        if let Some(found) = root.query_selector(selector).ok().flatten() {
            return found;
        }
        gloo_timers::future::sleep(Duration::from_millis(50)).await;
    }
    panic!("{selector} did not appear; page: {}", root.inner_html());
}

fn providers(root: &Element) -> Vec<(String, String)> {
    let buttons = root
        .query_selector_all("[data-amplify-provider]")
        .expect("query");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|node| node.unchecked_into::<Element>())
        .map(|button| {
            (
                button
                    .get_attribute("data-amplify-provider")
                    .unwrap_or_default(),
                button.text_content().unwrap_or_default().trim().to_owned(),
            )
        })
        .collect()
}

/// Catches the page's navigations to other documents and cancels them, so a test sees where a
/// button sends the browser without leaving the test page. Same-document navigations
/// (`history.replaceState`) go through.
struct Navigations {
    urls: Rc<RefCell<Vec<String>>>,
    target: web_sys::EventTarget,
    listener: Closure<dyn FnMut(web_sys::Event)>,
}

impl Navigations {
    fn catch() -> Self {
        let navigation =
            js_sys::Reflect::get(&window(), &"navigation".into()).expect("window.navigation");
        let target: web_sys::EventTarget = navigation
            .dyn_into()
            .expect("Chromium has the Navigation API");
        let urls = Rc::new(RefCell::new(Vec::new()));
        let seen = urls.clone();
        let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let get = |value: &wasm_bindgen::JsValue, key: &str| {
                js_sys::Reflect::get(value, &key.into()).unwrap_or_default()
            };
            let destination = get(&event, "destination");
            if get(&destination, "sameDocument").as_bool() == Some(true) {
                return;
            }
            if let Some(url) = get(&destination, "url").as_string() {
                seen.borrow_mut().push(url);
            }
            event.prevent_default();
        });
        target
            .add_event_listener_with_callback("navigate", listener.as_ref().unchecked_ref())
            .expect("listen");
        Self {
            urls,
            target,
            listener,
        }
    }

    /// The first navigation, waiting up to 10 s for it.
    async fn first(&self) -> String {
        for _ in 0..200 {
            if let Some(url) = self.urls.borrow().first() {
                return url.clone();
            }
            gloo_timers::future::sleep(Duration::from_millis(50)).await;
        }
        panic!("the page never tried to leave");
    }
}

impl Drop for Navigations {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(
            "navigate",
            self.listener.as_ref().unchecked_ref(),
        );
    }
}

fn query(url: &str) -> web_sys::UrlSearchParams {
    web_sys::Url::new(url)
        .expect("absolute URL")
        .search_params()
}

#[wasm_bindgen_test]
async fn the_configuration_decides_which_buttons_show() {
    use OAuthProvider::{Facebook, Google};
    let root = mount_root(
        auth(true, &[Google, Facebook]),
        Some(Federated::configured()),
    );
    wait_for(&root, "input[name='password']").await;
    wait_for(&root, "[data-amplify-provider]").await;
    assert_eq!(
        providers(&root),
        [
            ("google", "Sign In with Google"),
            ("facebook", "Sign In with Facebook"),
            ("hosted-ui", "Sign In with the hosted UI"),
        ]
        .map(|(id, text)| (id.to_owned(), text.to_owned()))
    );
    let google = wait_for(&root, "[data-amplify-provider='google']").await;
    assert_eq!(google.get_attribute("type").as_deref(), Some("button"));
    let icon = google.query_selector("svg").expect("query").expect("icon");
    assert_eq!(icon.get_attribute("aria-hidden").as_deref(), Some("true"));
    let divider = wait_for(&root, ".amplify-divider").await;
    assert_eq!(divider.text_content().as_deref(), Some("or"));

    // Chosen one by one.
    let root = mount_root(
        auth(true, &[Google, Facebook]),
        Some(Federated::none().amazon()),
    );
    wait_for(&root, "[data-amplify-provider]").await;
    assert_eq!(
        providers(&root),
        [("amazon".to_owned(), "Sign In with Amazon".to_owned())]
    );

    // No hosted UI configured: nowhere to redirect to, so no buttons and no divider.
    let root = mount_root(auth(false, &[Google]), Some(Federated::configured()));
    wait_for(&root, "input[name='password']").await;
    assert!(providers(&root).is_empty());
    assert!(
        root.query_selector(".amplify-divider")
            .expect("query")
            .is_none()
    );

    // Without the `federated` prop the sign-in screen has no buttons at all.
    let root = mount_root(auth(true, &[Google]), None);
    wait_for(&root, "input[name='password']").await;
    assert!(providers(&root).is_empty());
}

#[wasm_bindgen_test]
async fn the_google_button_sends_the_browser_to_the_authorize_url() {
    let server = server();
    let navigations = Navigations::catch();
    let store = Arc::new(MemoryStore::default());
    let root = mount_root(
        auth_with_store(true, &[OAuthProvider::Google], store.clone()),
        Some(Federated::configured()),
    );
    let google: HtmlElement = wait_for(&root, "[data-amplify-provider='google']")
        .await
        .unchecked_into();
    google.click();
    let url = navigations.first().await;

    let prefix = format!("{}/oauth2/authorize?", server.endpoint);
    assert!(url.starts_with(&prefix), "{url} should start with {prefix}");
    let params = query(&url);
    assert_eq!(params.get("identity_provider").as_deref(), Some("Google"));
    assert_eq!(params.get("client_id").as_deref(), Some(server.client_id));
    assert_eq!(params.get("response_type").as_deref(), Some("code"));
    assert_eq!(params.get("redirect_uri"), Some(page()));
    assert_eq!(params.get("code_challenge_method").as_deref(), Some("S256"));
    // What the page will check when the browser comes back: the state and the PKCE verifier
    // Auth saved, matching what the URL carries.
    let saved = |name: &str| {
        store
            .get(&format!(
                "CognitoIdentityServiceProvider.{}.{name}",
                server.client_id
            ))
            .expect("store")
            .unwrap_or_else(|| panic!("no {name} saved"))
    };
    assert_eq!(params.get("state"), Some(saved("oauthState")));
    let verifier = saved("oauthPKCE");
    assert_eq!(
        params.get("code_challenge"),
        Some(URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())))
    );

    // The page is leaving: the pressed button says so and every button ignores presses.
    let google = wait_for(&root, "[data-amplify-provider='google'][aria-busy='true']").await;
    assert!(google.has_attribute("disabled"));
    assert!(
        wait_for(&root, "[data-amplify-provider='hosted-ui']")
            .await
            .has_attribute("disabled")
    );
}

#[derive(Properties, PartialEq)]
struct HostedUiProps {
    auth: yew_authenticator::AuthProp,
}

/// An app's own hosted UI link, drawn through `with_oauth`.
#[component]
fn HostedUiLink(props: &HostedUiProps) -> Html {
    html! {
        <AuthProvider auth={props.auth.clone()}>
            <ContextProvider<I18n> context={I18n::new("en")}>
                { with_oauth(|button| html! {
                    <a href="#" id="own-link" data-label={button.label.clone()}
                        onclick={button.onclick.clone()}>{ "Use the hosted UI" }</a>
                }) }
            </ContextProvider<I18n>>
        </AuthProvider>
    }
}

#[wasm_bindgen_test]
async fn an_own_hosted_ui_link_opens_the_hosted_sign_in_page() {
    let server = server();
    let navigations = Navigations::catch();
    let root = mount::<HostedUiLink>(HostedUiProps {
        auth: auth(true, &[OAuthProvider::Google]).into(),
    });
    let link: HtmlElement = wait_for(&root, "#own-link").await.unchecked_into();
    assert_eq!(
        link.get_attribute("data-label").as_deref(),
        Some("Sign In with the hosted UI")
    );
    link.click();
    let url = navigations.first().await;
    assert!(url.starts_with(&format!("{}/oauth2/authorize?", server.endpoint)));
    // No provider chosen: Cognito's own page.
    assert_eq!(
        query(&url).get("identity_provider").as_deref(),
        Some("COGNITO")
    );
}

#[wasm_bindgen_test]
async fn a_callback_with_a_forged_state_is_refused_and_cleaned_from_the_address_bar() {
    let history = window().history().expect("history");
    let callback = format!("{}?code=stolen-code&state=forged-state&keep=1", page());
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&callback))
        .expect("replaceState");

    let auth = auth(true, &[OAuthProvider::Google]);
    let failures = Rc::new(RefCell::new(Vec::new()));
    let heard = failures.clone();
    let _subscription = auth.subscribe(move |event| {
        if let AuthEvent::CognitoHostedUiFailure { .. } = event {
            heard.borrow_mut().push(event.name());
        }
    });
    let root = mount_root(auth, Some(Federated::configured()));
    let alert = wait_for(&root, "[role='alert']").await;
    let message = alert.text_content().unwrap_or_default();
    // Restore the page's address before asserting, so a failure here leaves the others alone.
    let href = window().location().href().expect("href");
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page()))
        .expect("replaceState");

    assert_eq!(message, "Sign-in could not be completed. Please try again.");
    wait_for(
        &root,
        "[data-amplify-authenticator][data-state='signIn'] input[name='password']",
    )
    .await;
    assert!(
        !href.contains("code=") && !href.contains("state="),
        "the callback parameters should be gone from {href}"
    );
    assert!(href.contains("keep=1"), "other parameters stay: {href}");
    assert_eq!(*failures.borrow(), ["cognitoHostedUI_failure"]);
}
