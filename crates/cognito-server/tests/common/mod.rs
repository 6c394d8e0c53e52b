//! A server shared by the tests of one test binary, and a small client for its JSON API.
#![allow(dead_code)]

pub mod admin;
pub mod flows;
pub mod mock;

use std::sync::OnceLock;

use serde_json::{Value, json};

/// What tests need to know about the running server.
#[derive(Debug, Clone)]
pub struct TestServer {
    pub url: String,
    pub pool_id: String,
    pub client_id: String,
    pub identity_pool_id: String,
    pub admin: cognito_server::AdminCredentials,
}

/// Starts the server once per test binary, on its own runtime thread so it outlives each test's
/// runtime. Key generation makes a start cost a second or so; sharing keeps the suite fast.
pub fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("test runtime");
            runtime.block_on(async move {
                let server = cognito_server::start(cognito_server::Options::for_tests())
                    .await
                    .expect("server starts");
                sender
                    .send(TestServer {
                        url: server.url.clone(),
                        pool_id: server.defaults.user_pool_id.clone(),
                        client_id: server.defaults.client_id.clone(),
                        identity_pool_id: server.defaults.identity_pool_id.clone(),
                        admin: server.admin.clone(),
                    })
                    .expect("test thread waits");
                let _ = server.wait().await;
            });
        });
        receiver.recv().expect("server started")
    })
}

/// A unique name, so tests sharing a server never collide.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", uuid_like())
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{nanos:x}{}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// The outcome of one API call: the HTTP status, the error type header and the JSON body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub error_type: Option<String>,
    pub body: Value,
}

impl Reply {
    /// The body of a successful call; panics with the error otherwise.
    pub fn ok(self) -> Value {
        assert_eq!(self.status, 200, "call failed: {}", self.body);
        self.body
    }

    /// Asserts the call failed with this `__type` (in body and header) and returns the message.
    pub fn err(self, expected: &str) -> String {
        assert_eq!(self.status, 400, "expected {expected}, got {}", self.body);
        assert_eq!(self.body["__type"], expected, "body: {}", self.body);
        assert_eq!(self.error_type.as_deref(), Some(expected));
        self.body["message"].as_str().unwrap_or_default().to_owned()
    }
}

/// Calls `AWSCognitoIdentityProviderService.<operation>` without signing.
pub async fn call(operation: &str, input: Value) -> Reply {
    send(operation, input.to_string().into_bytes()).await
}

/// Calls `AWSCognitoIdentityService.<operation>` (identity pools).
pub async fn call_identity(operation: &str, input: Value) -> Reply {
    let response = reqwest::Client::new()
        .post(format!("{}/", server().url))
        .header("content-type", "application/x-amz-json-1.1")
        .header(
            "x-amz-target",
            format!("AWSCognitoIdentityService.{operation}"),
        )
        .body(input.to_string())
        .send()
        .await
        .expect("request sent");
    reply_from(response).await
}

/// Sends a raw body, for malformed-input tests.
pub async fn send(operation: &str, body: Vec<u8>) -> Reply {
    let response = reqwest::Client::new()
        .post(format!("{}/", server().url))
        .header("content-type", "application/x-amz-json-1.1")
        .header(
            "x-amz-target",
            format!("AWSCognitoIdentityProviderService.{operation}"),
        )
        .body(body)
        .send()
        .await
        .expect("request sent");
    reply_from(response).await
}

/// Reads status, error type header and JSON body.
pub async fn reply_from(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let error_type = response
        .headers()
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let text = response.text().await.expect("body read");
    let body = serde_json::from_str(&text).unwrap_or_else(|_| json!({ "raw": text }));
    Reply {
        status,
        error_type,
        body,
    }
}
