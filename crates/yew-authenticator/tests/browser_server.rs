//! The Authenticator driven as a person would, in headless Chromium, against a real
//! cognito-server: sign up, confirm with the code from the outbox, sign in with SRP, greeting,
//! sign out, and a wrong password's message.
//!
//! `cargo xtask test` starts the server and passes it in through compile-time variables
//! (`COGNITO_AUTH_TEST_ENDPOINT`, `_POOL_ID`, `_CLIENT_ID`); without them these tests fail and
//! say so.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;
use std::time::Duration;

use cognito_auth::{Auth, AuthConfig, MemoryStore};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;
use yew_authenticator::i18n::I18n;
use yew_authenticator::{SignedInProps, WithAuthenticator};

wasm_bindgen_test_configure!(run_in_browser);

const PASSWORD: &str = "Passw0rd!x";

struct Server {
    endpoint: &'static str,
    pool_id: &'static str,
    client_id: &'static str,
}

// A missing variable fails these tests with instructions, rather than breaking the build of every
// browser test target.
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

#[component]
fn App(props: &SignedInProps) -> Html {
    html! { <p id="app">{ format!("App for {}", props.user.username) }</p> }
}

#[derive(Properties, PartialEq)]
struct RootProps {
    auth: yew_authenticator::AuthProp,
}

#[component]
fn Root(props: &RootProps) -> Html {
    html! {
        <WithAuthenticator<App> auth={props.auth.clone()} include_greetings=true i18n={I18n::new("en")} />
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

async fn mount(auth: Auth) -> Element {
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<Root>::with_root_and_props(root.clone(), RootProps { auth: auth.into() })
        .render();
    root
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

async fn wait_for_text(root: &Element, selector: &str, text: &str) {
    for _ in 0..200 {
        let found = root
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.text_content());
        if found.is_some_and(|found| found.contains(text)) {
            return;
        }
        gloo_timers::future::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "{selector} never said {text:?}; page: {}",
        root.inner_html()
    );
}

async fn fill(root: &Element, name: &str, text: &str) {
    let field: HtmlInputElement = wait_for(root, &format!("input[name='{name}']"))
        .await
        .unchecked_into();
    field.set_value(text);
    field
        .dispatch_event(&web_sys::InputEvent::new("input").expect("event"))
        .expect("dispatch");
}

async fn press(root: &Element, text: &str) {
    for _ in 0..200 {
        let buttons = root.query_selector_all("button").expect("buttons");
        let button = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .map(|node| node.unchecked_into::<HtmlElement>())
            .find(|b| {
                b.text_content().unwrap_or_default().trim() == text && !b.has_attribute("disabled")
            });
        if let Some(button) = button {
            button.click();
            return;
        }
        gloo_timers::future::sleep(Duration::from_millis(50)).await;
    }
    panic!("no enabled button {text:?}; page: {}", root.inner_html());
}

async fn sign_up_code(endpoint: &str, username: &str) -> String {
    let entries: Vec<serde_json::Value> = reqwest::get(format!("{endpoint}/_local/outbox"))
        .await
        .expect("outbox")
        .json()
        .await
        .expect("outbox JSON");
    entries
        .iter()
        .rev()
        .find(|entry| entry["username"] == username && entry["purpose"] == "sign_up")
        .and_then(|entry| entry["code"].as_str())
        .expect("a sign-up code in the outbox")
        .to_owned()
}

fn offline_store_auth(server: &Server) -> Auth {
    let config =
        AuthConfig::new(server.pool_id, server.client_id).with_user_pool_endpoint(server.endpoint);
    Auth::with_store(config, Arc::new(MemoryStore::default())).expect("valid config")
}

#[wasm_bindgen_test]
async fn sign_up_confirm_sign_in_and_sign_out_through_the_screens() {
    let server = server();
    let root = mount(offline_store_auth(&server)).await;
    let username = format!("screens{}", js_sys::Date::now() as u64);

    press(&root, "Create Account").await;
    // The sign-in form has a username field too: wait for the sign-up form.
    wait_for(&root, "input[name='confirm_password']").await;
    fill(&root, "username", &username).await;
    fill(&root, "password", PASSWORD).await;
    fill(&root, "confirm_password", PASSWORD).await;
    fill(&root, "email", &format!("{username}@example.com")).await;
    press(&root, "Create Account").await;

    wait_for(&root, "input[name='confirmation_code']").await;
    let code = sign_up_code(server.endpoint, &username).await;
    fill(&root, "confirmation_code", &code).await;
    press(&root, "Confirm").await;

    // Back at sign-in with the username carried over.
    wait_for(&root, "input[name='password']").await;
    let carried: HtmlInputElement = wait_for(&root, "input[name='username']")
        .await
        .unchecked_into();
    assert_eq!(carried.value(), username);
    fill(&root, "password", PASSWORD).await;
    press(&root, "Sign In").await;

    wait_for_text(
        &root,
        "[data-amplify-greeting]",
        &format!("Hello {username}"),
    )
    .await;
    wait_for_text(&root, "#app", &username).await;

    press(&root, "Sign Out").await;
    wait_for(&root, "input[name='password']").await;
    assert!(
        root.query_selector("#app").ok().flatten().is_none(),
        "the app is gone after sign-out"
    );
}

#[wasm_bindgen_test]
async fn a_wrong_password_shows_the_mapped_message_on_the_password_field() {
    let server = server();
    let root = mount(offline_store_auth(&server)).await;
    fill(&root, "username", "nobody-with-this-name").await;
    fill(&root, "password", "Wr0ng-password").await;
    press(&root, "Sign In").await;
    let password = wait_for(&root, "input[name='password'][aria-invalid='true']").await;
    let described = password
        .get_attribute("aria-describedby")
        .expect("describedby");
    let message = wait_for(&root, &format!("#{described}"))
        .await
        .text_content()
        .unwrap_or_default();
    // The pool hides whether the user exists: Cognito's message, shortened by the message map.
    assert_eq!(message, "Incorrect username or password");
}
