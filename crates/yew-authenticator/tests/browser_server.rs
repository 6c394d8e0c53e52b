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

use cognito_auth::{Auth, AuthConfig, MemoryStore, SignOutOptions, SignUpInput};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;
use yew_authenticator::i18n::I18n;
use yew_authenticator::{SignedInProps, WithAuthenticator};

wasm_bindgen_test_configure!(run_in_browser);

const PASSWORD: &str = "Passw0rd!x";
/// A screen's heading: `<h1>` under `WithAuthenticator`, which owns the page, `<h2>` otherwise.
const HEADING: &str = "h1, h2";

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
    html! {
        <>
            <p id="app">{ format!("App for {}", props.user.username) }</p>
            <yew_authenticator::screens::SelectMfaType />
        </>
    }
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
    outbox_code(endpoint, username, "sign_up").await
}

/// The newest code of `purpose` sent to `username`.
async fn outbox_code(endpoint: &str, username: &str, purpose: &str) -> String {
    let entries: Vec<serde_json::Value> = reqwest::get(format!("{endpoint}/_local/outbox"))
        .await
        .expect("outbox")
        .json()
        .await
        .expect("outbox JSON");
    entries
        .iter()
        .rev()
        .find(|entry| entry["username"] == username && entry["purpose"] == purpose)
        .and_then(|entry| entry["code"].as_str())
        .unwrap_or_else(|| panic!("no {purpose} code for {username} in the outbox"))
        .to_owned()
}

fn offline_store_auth(server: &Server) -> Auth {
    auth_with_store(server, Arc::new(MemoryStore::default()))
}

fn auth_with_store(server: &Server, store: Arc<MemoryStore>) -> Auth {
    let config =
        AuthConfig::new(server.pool_id, server.client_id).with_user_pool_endpoint(server.endpoint);
    Auth::with_store(config, store).expect("valid config")
}

/// A confirmed user made through the API (not the screens under test).
async fn confirmed_user(server: &Server, auth: &Auth, prefix: &str) -> String {
    let username = format!("{prefix}{}", js_sys::Date::now() as u64);
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD).attribute("email", format!("{username}@example.com")),
    )
    .await
    .expect("sign-up");
    let code = sign_up_code(server.endpoint, &username).await;
    auth.confirm_sign_up(&username, &code)
        .await
        .expect("confirm");
    username
}

async fn sign_in_through_the_screen(root: &Element, username: &str, password: &str) {
    fill(root, "username", username).await;
    fill(root, "password", password).await;
    press(root, "Sign In").await;
}

/// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for a base32 secret, as an authenticator app computes it.
fn totp(secret_base32: &str, unix_secs: u64) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    let mut bits = 0u64;
    let mut count = 0;
    let mut key = Vec::new();
    for c in secret_base32.bytes().filter(|c| *c != b'=') {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a',
            b'2'..=b'7' => c - b'2' + 26,
            _ => panic!("not base32: {secret_base32}"),
        };
        bits = bits << 5 | u64::from(value);
        count += 5;
        if count >= 8 {
            count -= 8;
            key.push((bits >> count) as u8);
        }
    }
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).expect("any key length");
    mac.update(&(unix_secs / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let number = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", number % 1_000_000)
}

fn now_secs() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
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

#[wasm_bindgen_test]
async fn forgot_password_then_sign_in_with_the_new_password() {
    let server = server();
    let auth = offline_store_auth(&server);
    let username = confirmed_user(&server, &auth, "reset").await;
    let root = mount(auth).await;

    press(&root, "Forgot your password?").await;
    wait_for_text(&root, HEADING, "Reset your password").await;
    fill(&root, "username", &username).await;
    press(&root, "Send code").await;
    wait_for(&root, "input[name='confirmation_code']").await;
    let code = outbox_code(server.endpoint, &username, "forgot_password").await;
    fill(&root, "confirmation_code", &code).await;
    fill(&root, "password", "N3w-Passw0rd!").await;
    press(&root, "Submit").await;

    wait_for(&root, "input[name='username']").await;
    sign_in_through_the_screen(&root, &username, "N3w-Passw0rd!").await;
    wait_for_text(&root, "[data-amplify-greeting]", &username).await;
}

#[wasm_bindgen_test]
async fn a_sign_out_elsewhere_in_the_app_shows_the_sign_in_form() {
    let server = server();
    let auth = offline_store_auth(&server);
    let username = confirmed_user(&server, &auth, "elsewhere").await;
    let root = mount(auth.clone()).await;
    sign_in_through_the_screen(&root, &username, PASSWORD).await;
    wait_for(&root, "#app").await;

    // Not through the Authenticator: straight through the Auth handle, as any component could.
    auth.sign_out(SignOutOptions::default())
        .await
        .expect("sign-out");
    wait_for(&root, "input[name='password']").await;
    assert!(root.query_selector("#app").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn a_reload_restores_the_session_without_showing_the_sign_in_form() {
    let server = server();
    let store = Arc::new(MemoryStore::default());
    let before = auth_with_store(&server, store.clone());
    let username = confirmed_user(&server, &before, "reload").await;
    before.sign_in(&username, PASSWORD).await.expect("sign-in");

    // A new handle on the same store is what a page reload amounts to.
    let root = mount(auth_with_store(&server, store)).await;
    assert!(
        root.query_selector("input[name='password']")
            .ok()
            .flatten()
            .is_none(),
        "sign-in form flashed"
    );
    wait_for_text(&root, "#app", &username).await;
}

#[wasm_bindgen_test]
async fn totp_set_up_while_signed_in_is_then_asked_for_at_sign_in() {
    let server = server();
    let auth = offline_store_auth(&server);
    let username = confirmed_user(&server, &auth, "totp").await;
    auth.sign_in(&username, PASSWORD).await.expect("sign-in");
    let setup = auth.setup_totp().await.expect("secret");
    auth.verify_totp_token(&totp(&setup.secret, now_secs()))
        .await
        .expect("first code");
    auth.set_preferred_mfa(cognito_auth::MfaPreference::Totp)
        .await
        .expect("prefer TOTP");
    auth.sign_out(SignOutOptions::default())
        .await
        .expect("sign-out");

    let root = mount(auth).await;
    sign_in_through_the_screen(&root, &username, PASSWORD).await;
    wait_for_text(&root, HEADING, "Confirm TOTP Code").await;
    fill(&root, "confirmation_code", "000000").await;
    press(&root, "Confirm").await;
    wait_for(
        &root,
        "input[name='confirmation_code'][aria-invalid='true']",
    )
    .await;
    // The next 30-second step's code, so it differs from the one verify_totp_token used.
    fill(
        &root,
        "confirmation_code",
        &totp(&setup.secret, now_secs() + 30),
    )
    .await;
    press(&root, "Confirm").await;
    wait_for_text(&root, "[data-amplify-greeting]", &username).await;
}

#[wasm_bindgen_test]
async fn totp_setup_screen_shows_a_qr_code_and_the_secret() {
    let server = server();
    let auth = offline_store_auth(&server);
    let username = confirmed_user(&server, &auth, "qr").await;
    let root = mount(auth).await;
    sign_in_through_the_screen(&root, &username, PASSWORD).await;
    wait_for(&root, "#app").await;

    // The signed-in user picks TOTP in SelectMfaType, which opens TOTP setup.
    let secret = wait_for_secret_after_opening_setup(&root).await;
    fill(&root, "confirmation_code", &totp(&secret, now_secs())).await;
    press(&root, "Verify").await;
    wait_for(&root, "#app").await;
}

/// Chooses TOTP in the SelectMfaType form the test app renders; returns the secret shown.
async fn wait_for_secret_after_opening_setup(root: &Element) -> String {
    let totp_choice: HtmlInputElement =
        wait_for(root, "input[name='mfa-preference'][value='totp']")
            .await
            .unchecked_into();
    totp_choice.click();
    press(root, "Verify").await;
    wait_for(root, "svg[data-amplify-qrcode] path").await;
    wait_for(root, "[data-amplify-totp-secret]")
        .await
        .text_content()
        .expect("secret text")
}

#[wasm_bindgen_test]
async fn an_unverified_email_is_verified_after_sign_in() {
    let server = server();
    let auth = offline_store_auth(&server);
    let username = confirmed_user(&server, &auth, "verify").await;
    auth.sign_in(&username, PASSWORD).await.expect("sign-in");
    // A changed email is unverified until its code is entered.
    auth.update_user_attributes(std::collections::BTreeMap::from([(
        "email".to_owned(),
        format!("{username}@changed.example.com"),
    )]))
    .await
    .expect("update email");
    auth.sign_out(SignOutOptions::default())
        .await
        .expect("sign-out");

    let root = mount(auth).await;
    sign_in_through_the_screen(&root, &username, PASSWORD).await;
    wait_for_text(&root, HEADING, "Verify Contact").await;
    let email: HtmlInputElement = wait_for(&root, "input[name='contact'][value='email']")
        .await
        .unchecked_into();
    email.click();
    press(&root, "Verify").await;
    wait_for(&root, "input[name='confirmation_code']").await;
    let code = outbox_code(server.endpoint, &username, "verify_email").await;
    fill(&root, "confirmation_code", &code).await;
    press(&root, "Submit").await;
    wait_for_text(&root, "[data-amplify-greeting]", &username).await;
}

#[wasm_bindgen_test]
async fn sms_mfa_asks_for_the_texted_code() {
    let server = server();
    let auth = offline_store_auth(&server);
    let username = confirmed_user(&server, &auth, "sms").await;
    auth.sign_in(&username, PASSWORD).await.expect("sign-in");
    auth.update_user_attributes(std::collections::BTreeMap::from([(
        "phone_number".to_owned(),
        "+15555550100".to_owned(),
    )]))
    .await
    .expect("add phone");
    auth.verify_current_user_attribute("phone_number")
        .await
        .expect("send code");
    let code = outbox_code(server.endpoint, &username, "verify_phone_number").await;
    auth.verify_current_user_attribute_submit("phone_number", &code)
        .await
        .expect("verify phone");
    auth.set_preferred_mfa(cognito_auth::MfaPreference::Sms)
        .await
        .expect("prefer SMS");
    auth.sign_out(SignOutOptions::default())
        .await
        .expect("sign-out");

    let root = mount(auth).await;
    sign_in_through_the_screen(&root, &username, PASSWORD).await;
    wait_for_text(&root, HEADING, "Confirm SMS Code").await;
    wait_for_text(&root, "form p", "We Texted You").await;
    let code = outbox_code(server.endpoint, &username, "sms_mfa").await;
    fill(&root, "confirmation_code", &code).await;
    press(&root, "Confirm").await;
    wait_for_text(&root, "[data-amplify-greeting]", &username).await;
}

/// An app's own sign-in screen: plain markup, the machine's action.
#[component]
fn OwnSignIn() -> Html {
    let context = yew_authenticator::use_authenticator();
    if context.state() != yew_authenticator::AuthState::SignIn {
        return html! {};
    }
    let onsubmit = Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        let form: web_sys::HtmlFormElement = event.target_unchecked_into();
        let values = yew_authenticator::screens::FormValues::from_form(&form);
        context.sign_in(values.trimmed("who"), values.get("secret"));
    });
    html! {
        <form id="own-sign-in" {onsubmit}>
            <label>{ "Who" }<input name="who" /></label>
            <label>{ "Secret" }<input name="secret" type="password" /></label>
            <button type="submit">{ "Let me in" }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct CustomRootProps {
    auth: yew_authenticator::AuthProp,
}

#[component]
fn CustomRoot(props: &CustomRootProps) -> Html {
    use yew_authenticator::{AuthProvider, AuthState, Authenticator};
    html! {
        <AuthProvider auth={props.auth.clone()}>
            <ContextProvider<I18n> context={I18n::new("en")}>
                <Authenticator hide={vec![AuthState::SignIn]}>
                    <OwnSignIn />
                </Authenticator>
            </ContextProvider<I18n>>
        </AuthProvider>
    }
}

#[wasm_bindgen_test]
async fn a_custom_sign_in_screen_replaces_the_built_in_one() {
    let server = server();
    let auth = offline_store_auth(&server);
    let username = confirmed_user(&server, &auth, "custom").await;
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<CustomRoot>::with_root_and_props(
        root.clone(),
        CustomRootProps { auth: auth.into() },
    )
    .render();

    wait_for(&root, "#own-sign-in").await;
    assert!(
        root.query_selector("input[name='username']")
            .ok()
            .flatten()
            .is_none(),
        "built-in SignIn shown"
    );
    fill(&root, "who", &username).await;
    fill(&root, "secret", PASSWORD).await;
    press(&root, "Let me in").await;
    wait_for_text(&root, "[data-amplify-greeting]", &username).await;
}
