//! The browser edges: localStorage, sessionStorage and cookie stores, and a page reload that keeps
//! the user signed in. Run with `cargo test -p cognito-auth --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]
// Clippy does not see `#[wasm_bindgen_test]` functions as tests.
#![allow(clippy::unwrap_used)]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use cognito_auth::{
    Auth, AuthConfig, CookieStorage, CookieStore, LocalStorage, SessionStorage, SignOutOptions,
    TokenStore,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn round_trip(store: &dyn TokenStore) {
    let key = "cognito-auth-test.key";
    store.remove(key).unwrap();
    assert_eq!(store.get(key).unwrap(), None);
    store.set(key, "a value; with = odd chars").unwrap();
    assert_eq!(
        store.get(key).unwrap().as_deref(),
        Some("a value; with = odd chars")
    );
    store.set(key, "second").unwrap();
    assert_eq!(store.get(key).unwrap().as_deref(), Some("second"));
    store.remove(key).unwrap();
    assert_eq!(store.get(key).unwrap(), None);
}

#[wasm_bindgen_test]
fn local_storage_round_trips() {
    round_trip(&LocalStorage);
}

#[wasm_bindgen_test]
fn session_storage_round_trips() {
    round_trip(&SessionStorage);
}

#[wasm_bindgen_test]
fn cookie_store_round_trips() {
    // The test page is served over plain http, where secure cookies are not kept.
    let options = CookieStorage::default().with_secure(false);
    round_trip(&CookieStore::new(options));
}

#[wasm_bindgen_test]
fn local_storage_is_what_the_page_sees() {
    LocalStorage
        .set("cognito-auth-test.visible", "yes")
        .unwrap();
    let raw = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("cognito-auth-test.visible")
        .unwrap();
    assert_eq!(raw.as_deref(), Some("yes"));
    LocalStorage.remove("cognito-auth-test.visible").unwrap();
}

fn unsigned_jwt(claims: serde_json::Value) -> String {
    let encode = |value: serde_json::Value| URL_SAFE_NO_PAD.encode(value.to_string());
    format!(
        "{}.{}.sig",
        encode(serde_json::json!({"alg": "RS256", "kid": "k"})),
        encode(claims)
    )
}

/// Leaves a session for `carol` in `store` under Amplify's keys, as a previous page load would.
fn seed_session(store: &dyn TokenStore, client_id: &str) {
    let exp = (js_sys::Date::now() / 1000.0) as i64 + 3600;
    let prefix = format!("CognitoIdentityServiceProvider.{client_id}");
    let id = unsigned_jwt(
        serde_json::json!({"sub": "s-1", "cognito:username": "carol", "exp": exp, "iat": exp - 3600}),
    );
    let access = unsigned_jwt(
        serde_json::json!({"sub": "s-1", "username": "carol", "exp": exp, "iat": exp - 3600}),
    );
    store.set(&format!("{prefix}.carol.idToken"), &id).unwrap();
    store
        .set(&format!("{prefix}.carol.accessToken"), &access)
        .unwrap();
    store
        .set(&format!("{prefix}.carol.refreshToken"), "opaque")
        .unwrap();
    store
        .set(&format!("{prefix}.LastAuthUser"), "carol")
        .unwrap();
}

/// A new page's handle finds carol without a request (the endpoint would refuse any), and signing
/// out (no `origin_jti`, so no request either) removes the keys.
async fn reload_finds_the_session(config: AuthConfig, store: &dyn TokenStore, client_id: &str) {
    let auth = Auth::new(config).unwrap();
    let user = auth.current_authenticated_user().await.unwrap();
    assert_eq!(user.username, "carol");
    assert_eq!(user.user_id, "s-1");
    auth.sign_out(SignOutOptions::default()).await.unwrap();
    let prefix = format!("CognitoIdentityServiceProvider.{client_id}");
    assert_eq!(store.get(&format!("{prefix}.LastAuthUser")).unwrap(), None);
    assert_eq!(
        store.get(&format!("{prefix}.carol.accessToken")).unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn a_reload_keeps_the_user_signed_in_with_local_storage() {
    seed_session(&LocalStorage, "reloadclient");
    let config = AuthConfig::new("us-east-1_Reload", "reloadclient")
        .with_user_pool_endpoint("http://127.0.0.1:9/");
    reload_finds_the_session(config, &LocalStorage, "reloadclient").await;
}

#[wasm_bindgen_test]
async fn a_reload_keeps_the_user_signed_in_with_cookies() {
    let cookies = CookieStorage::default().with_secure(false);
    let store = CookieStore::new(cookies.clone());
    seed_session(&store, "cookieclient");
    let config = AuthConfig::new("us-east-1_Reload", "cookieclient")
        .with_user_pool_endpoint("http://127.0.0.1:9/")
        .with_cookie_storage(cookies);
    reload_finds_the_session(config, &store, "cookieclient").await;
}

#[wasm_bindgen_test]
async fn cookie_config_selects_the_cookie_store() {
    let cookies = CookieStorage::default().with_secure(false);
    let config = AuthConfig::new("us-east-1_Cookie", "cookieclient").with_cookie_storage(cookies);
    let store = cognito_auth::default_store(&config);
    store.set("cognito-auth-test.cookie", "c").unwrap();
    let document: web_sys::HtmlDocument =
        wasm_bindgen::JsCast::dyn_into(web_sys::window().unwrap().document().unwrap()).unwrap();
    assert!(
        document
            .cookie()
            .unwrap()
            .contains("cognito-auth-test.cookie=c")
    );
    store.remove("cognito-auth-test.cookie").unwrap();
}
