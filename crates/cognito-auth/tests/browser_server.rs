//! The whole client in the browser against a running `cognito-server` (fetch, CORS, SRP in wasm,
//! localStorage). The server is found through variables read at compile time:
//!
//! ```sh
//! cargo run -p cognito-server -- --bind 127.0.0.1:9229 --data :memory:   # prints the ids
//! COGNITO_AUTH_TEST_ENDPOINT=http://127.0.0.1:9229 COGNITO_AUTH_TEST_POOL_ID=... \
//! COGNITO_AUTH_TEST_CLIENT_ID=... cargo test -p cognito-auth --target wasm32-unknown-unknown
//! ```
//!
//! `cargo xtask test` starts a server and sets them; without them the test fails and says so.
#![cfg(target_arch = "wasm32")]
// Clippy does not see `#[wasm_bindgen_test]` functions as tests.
#![allow(clippy::unwrap_used)]

use cognito_auth::{Auth, AuthConfig, ErrorKind, SignInStep, SignOutOptions, SignUpInput};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const PASSWORD: &str = "Passw0rd!";

// A missing variable fails the test with instructions, rather than breaking the build of every
// browser test target.
#[allow(clippy::option_env_unwrap)]
fn server() -> (&'static str, &'static str, &'static str) {
    const MISSING: &str = "run through `cargo xtask test`, or start cognito-server and set \
                           COGNITO_AUTH_TEST_ENDPOINT, _POOL_ID and _CLIENT_ID when building";
    (
        option_env!("COGNITO_AUTH_TEST_ENDPOINT").expect(MISSING),
        option_env!("COGNITO_AUTH_TEST_POOL_ID").expect(MISSING),
        option_env!("COGNITO_AUTH_TEST_CLIENT_ID").expect(MISSING),
    )
}

async fn sign_up_code(endpoint: &str, username: &str) -> String {
    let entries: Vec<serde_json::Value> = reqwest::get(format!("{endpoint}/_local/outbox"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    entries
        .iter()
        .rev()
        .find(|entry| entry["username"] == username && entry["purpose"] == "sign_up")
        .and_then(|entry| entry["code"].as_str())
        .unwrap()
        .to_owned()
}

#[wasm_bindgen_test]
async fn sign_up_srp_sign_in_refresh_and_sign_out_from_the_browser() {
    let (endpoint, pool_id, client_id) = server();
    let config = AuthConfig::new(pool_id, client_id).with_user_pool_endpoint(endpoint);
    let auth = Auth::new(config.clone()).unwrap();
    let username = format!("browser{}", js_sys::Date::now() as u64);
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD).attribute("email", format!("{username}@example.com")),
    )
    .await
    .unwrap();
    auth.confirm_sign_up(&username, &sign_up_code(endpoint, &username).await)
        .await
        .unwrap();

    let wrong = auth.sign_in(&username, "Wr0ng-password").await.unwrap_err();
    assert_eq!(wrong.kind(), Some(ErrorKind::NotAuthorized));

    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::Done
    );

    // A second handle, as after a reload, finds the session in localStorage.
    let reloaded = Auth::new(config).unwrap();
    assert_eq!(
        reloaded
            .current_authenticated_user()
            .await
            .unwrap()
            .username,
        username
    );
    reloaded.refresh_session().await.unwrap();
    reloaded.user_attributes().await.unwrap();
    reloaded.sign_out(SignOutOptions::default()).await.unwrap();
    assert!(auth.current_session().await.is_err());
}

/// The whole `sign_in` round trip in the browser (two requests, SRP in wasm, tokens stored),
/// timed with `performance.now()`; logs `BENCH` lines for `cargo xtask bench`.
#[wasm_bindgen_test]
async fn sign_in_round_trips_are_timed() {
    let (endpoint, pool_id, client_id) = server();
    let auth =
        Auth::new(AuthConfig::new(pool_id, client_id).with_user_pool_endpoint(endpoint)).unwrap();
    let username = format!("timed{}", js_sys::Date::now() as u64);
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD).attribute("email", format!("{username}@example.com")),
    )
    .await
    .unwrap();
    auth.confirm_sign_up(&username, &sign_up_code(endpoint, &username).await)
        .await
        .unwrap();
    let now = || {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    };
    let mut times = Vec::new();
    for _ in 0..7 {
        let started = now();
        assert_eq!(
            auth.sign_in(&username, PASSWORD).await.unwrap(),
            SignInStep::Done
        );
        times.push(now() - started);
        auth.sign_out(SignOutOptions::default()).await.unwrap();
    }
    times.sort_by(f64::total_cmp);
    console_log!("BENCH auth_sign_in_wasm_min {:.2} ms", times[0]);
    console_log!(
        "BENCH auth_sign_in_wasm_median {:.2} ms",
        times[times.len() / 2]
    );
}

#[allow(clippy::option_env_unwrap)]
fn identity_pool_id() -> &'static str {
    option_env!("COGNITO_AUTH_TEST_IDENTITY_POOL_ID").expect(
        "run through `cargo xtask test`, or set COGNITO_AUTH_TEST_IDENTITY_POOL_ID to the \
         server's identity pool id when building",
    )
}

/// `GET {endpoint}/_local/caller-identity` signed in wasm with `credentials`: (status, answer).
async fn caller_identity(
    endpoint: &str,
    credentials: &cognito_auth::AwsCredentials,
) -> (u16, serde_json::Value) {
    let url = format!("{endpoint}/_local/caller-identity");
    let headers = credentials
        .sign(
            &cognito_auth::sigv4::SignableRequest::new("GET", &url),
            "us-east-1",
            "execute-api",
        )
        .unwrap();
    let mut request = reqwest::Client::new().get(&url);
    for (name, value) in headers {
        // The browser sets Host itself, from the URL that was signed.
        if !name.eq_ignore_ascii_case("host") {
            request = request.header(name, value);
        }
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

/// Identity pool credentials in the browser: a guest's, then a signed-in user's, each proved by a
/// request signed in wasm that the server checks; a wrong secret is refused.
#[wasm_bindgen_test]
async fn credentials_sign_requests_from_the_browser() {
    let (endpoint, pool_id, client_id) = server();
    let config = AuthConfig::new(pool_id, client_id)
        .with_user_pool_endpoint(endpoint)
        .with_identity_pool_id(identity_pool_id())
        .with_identity_pool_endpoint(endpoint);
    let auth = Auth::new(config).unwrap();

    let guest = auth.current_credentials().await.unwrap();
    assert!(!guest.authenticated);
    let (status, answer) = caller_identity(endpoint, &guest).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["Authenticated"], false);
    assert_eq!(answer["IdentityId"], guest.identity_id.as_str());

    let username = format!("creds{}", js_sys::Date::now() as u64);
    auth.sign_up(
        SignUpInput::new(&username, PASSWORD).attribute("email", format!("{username}@example.com")),
    )
    .await
    .unwrap();
    auth.confirm_sign_up(&username, &sign_up_code(endpoint, &username).await)
        .await
        .unwrap();
    assert_eq!(
        auth.sign_in(&username, PASSWORD).await.unwrap(),
        SignInStep::Done
    );
    let user = auth.current_credentials().await.unwrap();
    assert!(user.authenticated);
    assert_ne!(user.identity_id, guest.identity_id);
    let (status, answer) = caller_identity(endpoint, &user).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["Authenticated"], true);
    assert_eq!(answer["IdentityId"], user.identity_id.as_str());

    let mut forged = user.clone();
    forged.secret_access_key.push('x');
    assert_eq!(caller_identity(endpoint, &forged).await.0, 403);
    auth.sign_out(SignOutOptions::default()).await.unwrap();
}
