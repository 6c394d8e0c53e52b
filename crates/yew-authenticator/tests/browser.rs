//! Components mounted in headless Chromium: what a person (or a screen reader) would find.
//! These cover what needs no server; the flows against cognito-server are end-to-end tests.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use std::collections::BTreeMap;

use cognito_auth::{Auth, AuthConfig, MfaType, SignInStep, VerifiedContact};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_authenticator::i18n::I18n;
use yew_authenticator::machine::{AuthData, Machine};
use yew_authenticator::theme::{Theme, ThemeProvider};
use yew_authenticator::{AuthProvider, AuthState, Authenticator, ShowIn, use_authenticator};

wasm_bindgen_test_configure!(run_in_browser);

/// An `Auth` whose endpoint nobody listens on: the tests below never reach the network.
fn offline_auth() -> Auth {
    let mut config = AuthConfig::new("us-east-1_TestPool1", "testclient");
    config.user_pool_endpoint = Some("http://127.0.0.1:9".into());
    Auth::new(config).expect("valid config")
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    #[prop_or(I18n::new("en"))]
    i18n: I18n,
    #[prop_or_default]
    hide_default: bool,
    #[prop_or_default]
    children: Html,
}

#[component]
fn Harness(props: &HarnessProps) -> Html {
    let auth = use_memo((), |_| offline_auth());
    html! {
        <AuthProvider auth={&*auth}>
            <ContextProvider<I18n> context={props.i18n.clone()}>
                <ThemeProvider theme={Theme::default()}>
                    <Authenticator hide_default={props.hide_default}>{ props.children.clone() }</Authenticator>
                </ThemeProvider>
            </ContextProvider<I18n>>
        </AuthProvider>
    }
}

/// Mounts `C` in a fresh element and lets effects and the session check run.
async fn mount<C: BaseComponent>(props: C::Properties) -> Element {
    let document = gloo_utils_document();
    let root = document.create_element("div").expect("div");
    document
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

async fn settle() {
    for _ in 0..5 {
        gloo_timers::future::sleep(Duration::from_millis(20)).await;
    }
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn input(root: &Element, name: &str) -> HtmlInputElement {
    find(root, &format!("input[name='{name}']")).unchecked_into()
}

fn type_into(field: &HtmlInputElement, text: &str) {
    field.set_value(text);
    let event = web_sys::InputEvent::new("input").expect("event");
    field.dispatch_event(&event).expect("dispatch");
}

fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
}

fn button_with_text(root: &Element, text: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").expect("buttons");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|node| node.unchecked_into::<HtmlElement>())
        .find(|button| button.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no button {text:?}"))
}

#[wasm_bindgen_test]
async fn sign_in_is_a_named_form_with_labelled_fields() {
    let root = mount::<Harness>(HarnessProps {
        i18n: I18n::new("en"),
        hide_default: false,
        children: html! {},
    })
    .await;
    let form = find(&root, "form");
    let heading_id = form
        .get_attribute("aria-labelledby")
        .expect("form is named");
    assert_eq!(
        find(&root, &format!("#{heading_id}"))
            .text_content()
            .as_deref(),
        Some("Sign In")
    );
    for name in ["username", "password"] {
        let field = input(&root, name);
        let label = find(&root, &format!("label[for='{}']", field.id()));
        assert!(
            !label.text_content().unwrap_or_default().is_empty(),
            "{name} has a label"
        );
    }
    assert_eq!(input(&root, "password").type_(), "password");
    assert_eq!(
        input(&root, "password")
            .get_attribute("autocomplete")
            .as_deref(),
        Some("current-password")
    );
    // Focus moved into the new screen.
    let active = gloo_utils_document()
        .active_element()
        .expect("something has focus");
    assert_eq!(active.id(), heading_id);
}

#[wasm_bindgen_test]
async fn an_empty_username_marks_the_field_and_describes_the_error() {
    let root = mount::<Harness>(HarnessProps {
        i18n: I18n::new("en"),
        hide_default: false,
        children: html! {},
    })
    .await;
    type_into(&input(&root, "password"), "whatever");
    click(&root, "button[type=submit]");
    settle().await;
    let username = input(&root, "username");
    assert_eq!(
        username.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = username
        .get_attribute("aria-describedby")
        .expect("describedby");
    let error = find(&root, &format!("#{described}"));
    assert_eq!(
        error.text_content().as_deref(),
        Some("Username cannot be empty")
    );
    assert_eq!(
        input(&root, "password")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("false")
    );
}

#[wasm_bindgen_test]
async fn links_move_between_screens_and_sign_up_checks_the_passwords_match() {
    let root = mount::<Harness>(HarnessProps {
        i18n: I18n::new("en"),
        hide_default: false,
        children: html! {},
    })
    .await;
    button_with_text(&root, "Create Account").click();
    settle().await;
    assert!(
        root.query_selector("input[name='email']")
            .ok()
            .flatten()
            .is_some()
    );
    // Amplify's default dial code, whatever order the options were inserted in.
    let dial_code: HtmlSelectElement = find(&root, "select[name=dial_code]").unchecked_into();
    assert_eq!(dial_code.value(), "+1");
    type_into(&input(&root, "username"), "bob");
    type_into(&input(&root, "password"), "Passw0rd!");
    type_into(&input(&root, "confirm_password"), "Passw0rd?");
    click(&root, "button[type=submit]");
    settle().await;
    let confirm = input(&root, "confirm_password");
    assert_eq!(
        confirm.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    button_with_text(&root, "Back to Sign In").click();
    settle().await;
    button_with_text(&root, "Forgot your password?").click();
    settle().await;
    assert!(
        find(&root, "h2")
            .text_content()
            .unwrap_or_default()
            .contains("Reset your password")
    );
}

#[wasm_bindgen_test]
async fn labels_follow_the_language() {
    let root = mount::<Harness>(HarnessProps {
        i18n: I18n::new("es"),
        hide_default: false,
        children: html! {},
    })
    .await;
    assert_eq!(
        find(&root, "h2").text_content().as_deref(),
        Some("Iniciar sesión")
    );
    let label = find(
        &root,
        &format!("label[for='{}']", input(&root, "password").id()),
    );
    assert_eq!(label.text_content().as_deref(), Some("Contraseña"));
}

#[wasm_bindgen_test]
async fn right_to_left_languages_lay_out_right_to_left() {
    let root = mount::<Harness>(HarnessProps {
        i18n: I18n::new("he"),
        hide_default: false,
        children: html! {},
    })
    .await;
    let authenticator = find(&root, "[data-amplify-authenticator]");
    assert_eq!(authenticator.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(authenticator.get_attribute("lang").as_deref(), Some("he"));
    assert_eq!(find(&root, "h2").text_content().as_deref(), Some("כניסה"));
}

#[wasm_bindgen_test]
async fn the_theme_sets_amplify_custom_properties() {
    let root = mount::<Harness>(HarnessProps {
        i18n: I18n::new("en"),
        hide_default: false,
        children: html! {},
    })
    .await;
    let themed = find(&root, "[data-amplify-theme]");
    let style = web_sys::window()
        .and_then(|window| window.get_computed_style(&themed).ok().flatten())
        .expect("computed style");
    let value = style
        .get_property_value("--amplify-colors-brand-primary-80")
        .expect("property");
    assert_eq!(value.trim(), "hsl(190, 95%, 30%)");
}

#[component]
fn StateDisplay() -> Html {
    let context = use_authenticator();
    html! { <p id="always-on">{ context.state().amplify_name() }</p> }
}

#[component]
fn OwnSignIn() -> Html {
    html! { <ShowIn states={vec![AuthState::SignIn]}><h2 id="own-sign-in">{ "My sign in" }</h2></ShowIn> }
}

#[wasm_bindgen_test]
async fn hide_default_leaves_only_custom_screens() {
    let children = html! { <><StateDisplay /><OwnSignIn /></> };
    let root = mount::<Harness>(HarnessProps {
        i18n: I18n::new("en"),
        hide_default: true,
        children,
    })
    .await;
    assert_eq!(
        find(&root, "#always-on").text_content().as_deref(),
        Some("signIn")
    );
    assert!(root.query_selector("#own-sign-in").ok().flatten().is_some());
    assert!(
        root.query_selector("input[name='password']")
            .ok()
            .flatten()
            .is_none()
    );
}

#[derive(Properties, PartialEq)]
struct StartedAtProps {
    machine: Machine,
}

/// The Authenticator showing one screen as `machine` has it, with an `Auth` that is signed out.
#[component]
fn StartedAt(props: &StartedAtProps) -> Html {
    let auth = use_memo((), |_| offline_auth());
    html! {
        <AuthProvider auth={&*auth}>
            <ContextProvider<I18n> context={I18n::new("en")}>
                <Authenticator start={props.machine.clone()} />
            </ContextProvider<I18n>>
        </AuthProvider>
    }
}

/// Submits the form on screen and waits until its error shows.
async fn submit_and_fail(root: &Element) {
    click(root, "button[type=submit]");
    for _ in 0..50 {
        if root.query_selector("[role=alert]").ok().flatten().is_some() {
            return;
        }
        settle().await;
    }
    panic!("no error after submitting");
}

fn checked(root: &Element, selector: &str) -> bool {
    find(root, selector)
        .unchecked_into::<HtmlInputElement>()
        .checked()
}

#[wasm_bindgen_test]
async fn a_chosen_option_stays_chosen_through_a_failed_submit() {
    // VerifyContact's contacts and the MFA choice at sign-in: the first option starts chosen;
    // the person picks the second, and a failed submit keeps it.
    let contacts = AuthData {
        contact: Some(VerifiedContact {
            verified: BTreeMap::new(),
            unverified: BTreeMap::from([
                ("email".to_owned(), "a@example.com".to_owned()),
                ("phone_number".to_owned(), "+15550100".to_owned()),
            ]),
        }),
        ..AuthData::default()
    };
    let methods = AuthData {
        challenge: Some(SignInStep::ContinueSignInWithMfaSelection {
            allowed: vec![MfaType::Sms, MfaType::Totp],
        }),
        ..AuthData::default()
    };
    for (machine, first, second) in [
        (
            Machine::at(AuthState::VerifyContact, contacts),
            "input[value=email]",
            "input[value=phone_number]",
        ),
        (
            Machine::at(AuthState::ConfirmSignIn, methods),
            "input[value=SMS_MFA]",
            "input[value=SOFTWARE_TOKEN_MFA]",
        ),
    ] {
        let root = mount::<StartedAt>(StartedAtProps { machine }).await;
        assert!(checked(&root, first));
        click(&root, second);
        submit_and_fail(&root).await;
        assert!(checked(&root, second));
        assert!(!checked(&root, first));
    }
}
