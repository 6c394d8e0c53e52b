//! One real `cognito-server` per test binary, and helpers to drive it: configs, codes from the
//! outbox, users in known states, TOTP codes, admin calls.
#![allow(dead_code)]

pub mod admin;

use std::sync::{Arc, Mutex, OnceLock};

use cognito_auth::{Auth, AuthConfig, AuthEvent, MemoryStore, SignUpInput, Subscription};
use serde_json::Value;

/// The running server.
#[derive(Debug, Clone)]
pub struct Server {
    pub url: String,
    pub pool_id: String,
    pub client_id: String,
    pub identity_pool_id: String,
    pub admin: cognito_server::AdminCredentials,
}

/// Starts the server on first use, on a runtime of its own: each `#[tokio::test]` has a runtime
/// that ends with the test, and the server must outlive them all. Pool creation makes RSA keys,
/// so one server per binary keeps the suite fast.
pub fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let (ready, started) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let running = cognito_server::start(cognito_server::Options::for_tests())
                    .await
                    .expect("cognito-server starts");
                ready
                    .send(Server {
                        url: running.url.clone(),
                        pool_id: running.defaults.user_pool_id.clone(),
                        client_id: running.defaults.client_id.clone(),
                        identity_pool_id: running.defaults.identity_pool_id.clone(),
                        admin: running.admin.clone(),
                    })
                    .expect("test waits for the server");
                let _ = running.wait().await;
            });
        });
        started.recv().expect("server started")
    })
}

/// The default pool and client, through the server's endpoint.
pub fn config() -> AuthConfig {
    let server = server();
    AuthConfig::new(&server.pool_id, &server.client_id).with_user_pool_endpoint(&server.url)
}

/// The default pool, client and identity pool, through the server's endpoint.
pub fn identity_config() -> AuthConfig {
    let server = server();
    config()
        .with_identity_pool_id(&server.identity_pool_id)
        .with_identity_pool_endpoint(&server.url)
}

/// A handle on the default pool with its own memory store.
pub fn auth() -> (Auth, Arc<MemoryStore>) {
    auth_with(config())
}

pub fn auth_with(config: AuthConfig) -> (Auth, Arc<MemoryStore>) {
    let store = Arc::new(MemoryStore::default());
    let auth = Auth::with_store(config, store.clone()).expect("valid config");
    (auth, store)
}

/// Records event names.
pub fn record_events(auth: &Auth) -> (Subscription, Arc<Mutex<Vec<AuthEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let subscription = auth.subscribe({
        let events = events.clone();
        move |event| events.lock().unwrap().push(event.clone())
    });
    (subscription, events)
}

pub fn names(events: &Mutex<Vec<AuthEvent>>) -> Vec<&'static str> {
    events.lock().unwrap().iter().map(AuthEvent::name).collect()
}

/// A name no other test uses.
pub fn unique(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{prefix}{nanos:x}{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

pub const PASSWORD: &str = "Passw0rd!";

/// The newest code delivered to `username` for `purpose` (`sign_up`, `forgot_password`,
/// `verify_email`, `sms_mfa`, ...), read from `GET /_local/outbox`.
pub async fn code(username: &str, purpose: &str) -> String {
    let url = format!("{}/_local/outbox", server().url);
    let entries: Vec<Value> = reqwest::get(url).await.unwrap().json().await.unwrap();
    entries
        .iter()
        .rev()
        .find(|entry| entry["username"] == username && entry["purpose"] == purpose)
        .and_then(|entry| entry["code"].as_str())
        .unwrap_or_else(|| panic!("no {purpose} code for {username}"))
        .to_owned()
}

/// Signs up and confirms a user with an email; returns the username.
pub async fn confirmed_user(auth: &Auth) -> String {
    let username = unique("user");
    let email = format!("{username}@example.com");
    let result = auth
        .sign_up(SignUpInput::new(&username, PASSWORD).attribute("email", email))
        .await
        .unwrap();
    assert!(!result.user_confirmed);
    auth.confirm_sign_up(&username, &code(&username, "sign_up").await)
        .await
        .unwrap();
    username
}

/// RFC 6238 code (SHA-1, 30 s, 6 digits) for a base32 secret at a Unix time.
pub fn totp(secret_base32: &str, unix_time: u64) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    let key = base32_decode(secret_base32);
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).unwrap();
    mac.update(&(unix_time / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let value = u32::from_be_bytes(digest[offset..offset + 4].try_into().unwrap()) & 0x7fff_ffff;
    format!("{:06}", value % 1_000_000)
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut bits = 0u64;
    let mut count = 0;
    let mut out = Vec::new();
    for symbol in text.bytes().filter(|b| *b != b'=') {
        let value = ALPHABET
            .iter()
            .position(|a| *a == symbol.to_ascii_uppercase())
            .expect("base32 symbol") as u64;
        bits = (bits << 5) | value;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}

#[test]
fn totp_matches_rfc_6238() {
    // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", T = 59 -> 94287082 (8 digits).
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    assert_eq!(totp(secret, 59), "287082");
}
