//! Back-channel HTTP to identity providers: one client, JSON answers, and the documents that are
//! worth keeping a while (JWKS, OpenID discovery) cached with a TTL.
//!
//! Tests reach "real" providers on loopback: with [`App::provider_base`] set, every `https://`
//! URL is fetched from `{provider_base}/{host}/{path}` instead (mocks are `http://` and are left
//! alone).

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};

/// How long a fetched JWKS or discovery document is trusted before it is fetched again.
const CACHE_TTL: Duration = Duration::from_secs(3600);

/// One HTTP client for all back-channel calls (https through rustls), with short timeouts.
pub fn http() -> ApiResult<&'static reqwest::Client> {
    static CLIENT: OnceLock<Result<reqwest::Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            reqwest::Client::builder()
                .timeout(Duration::from_secs(15))
                .connect_timeout(Duration::from_secs(5))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|error| error.to_string())
        })
        .as_ref()
        .map_err(|error| ApiError::InternalError(format!("HTTP client: {error}")))
}

/// The URL actually fetched for `url` (see the module docs).
pub fn outbound(app: &App, url: &str) -> String {
    match (&app.provider_base, url.strip_prefix("https://")) {
        (Some(base), Some(rest)) => format!("{}/{rest}", base.trim_end_matches('/')),
        _ => url.to_owned(),
    }
}

/// GETs `url` (after [`outbound`]) and reads a JSON answer; `what` names it in errors.
pub async fn get_json(app: &App, url: &str, what: &str) -> Result<Value, String> {
    let request = http()
        .map_err(|error| error.to_string())?
        .get(outbound(app, url));
    send_json(request, what).await
}

/// Sends `request` and reads a successful JSON answer; `what` names it in errors.
pub async fn send_json(request: reqwest::RequestBuilder, what: &str) -> Result<Value, String> {
    let response = request
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|error| format!("{what} unreachable ({error})"))?;
    let status = response.status();
    if !status.is_success() {
        return Err(format!("{what} answered {status}"));
    }
    response
        .json()
        .await
        .map_err(|_| format!("{what} did not answer JSON"))
}

/// [`get_json`], answered from the cache while the last answer for `url` is younger than the TTL.
/// Only real providers' (`https://`) answers are kept: a mock's keys live in this server.
pub async fn cached_json(app: &App, url: &str, what: &str) -> Result<Value, String> {
    static CACHE: OnceLock<Mutex<HashMap<String, (Instant, Value)>>> = OnceLock::new();
    if !url.starts_with("https://") {
        return get_json(app, url, what).await;
    }
    let cache = CACHE.get_or_init(Mutex::default);
    let key = outbound(app, url);
    if let Ok(cache) = cache.lock()
        && let Some((fetched, value)) = cache.get(&key)
        && fetched.elapsed() < CACHE_TTL
    {
        return Ok(value.clone());
    }
    let value = get_json(app, url, what).await?;
    if let Ok(mut cache) = cache.lock() {
        cache.insert(key, (Instant::now(), value.clone()));
    }
    Ok(value)
}

/// An OpenID provider's discovery document, `{issuer}/.well-known/openid-configuration`.
pub async fn discovery(app: &App, issuer: &str) -> Result<Value, String> {
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let document = cached_json(app, &url, "OpenID discovery").await?;
    // The document speaks for its issuer only (OpenID Connect Discovery 1.0, section 4.3).
    let same = document["issuer"]
        .as_str()
        .is_some_and(|named| named.trim_end_matches('/') == issuer.trim_end_matches('/'));
    if same {
        Ok(document)
    } else {
        Err("OpenID discovery names another issuer".into())
    }
}

/// Runs `future` to completion from synchronous code (the operations run on blocking threads).
pub fn block_on<F: Future>(future: F) -> ApiResult<F::Output> {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => Ok(tokio::task::block_in_place(move || handle.block_on(future))),
        Err(_) => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map(|runtime| runtime.block_on(future))
            .map_err(|error| ApiError::InternalError(format!("runtime: {error}"))),
    }
}

/// A stand-in for the real providers on loopback, for tests: point [`App::provider_base`] at the
/// URL [`fake::serve`] returns and fill its answers.
#[cfg(test)]
pub mod fake {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    use axum::Json;
    use axum::http::{Method, StatusCode, Uri};
    use serde_json::{Value, json};

    /// Answers by `host/path?query` (tried first), `METHOD host/path` or `host/path`: status
    /// and JSON body.
    pub type Answers = Arc<Mutex<HashMap<String, (u16, Value)>>>;

    /// Serves `answers` for GET and POST; anything else is a 404. Returns the provider base
    /// (with a path prefix of its own, so cached answers of another test never match).
    pub async fn serve(answers: Answers) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let prefix = format!("/{}/", crate::ids::uuid());
        let base = format!(
            "http://{}{}",
            listener.local_addr().unwrap(),
            prefix.trim_end_matches('/')
        );
        let router = axum::Router::new().fallback(move |method: Method, uri: Uri| {
            let answers = answers.clone();
            let prefix = prefix.clone();
            async move {
                let path = uri.path().strip_prefix(&prefix).unwrap_or_default();
                let with_query = format!("{path}?{}", uri.query().unwrap_or_default());
                let with_method = format!("{method} {path}");
                let answers = answers.lock().unwrap();
                let (status, body) = answers
                    .get(&with_query)
                    .or_else(|| answers.get(&with_method))
                    .or_else(|| answers.get(path))
                    .cloned()
                    .unwrap_or((404, json!({ "error": "not found" })));
                (StatusCode::from_u16(status).unwrap(), Json(body))
            }
        });
        tokio::spawn(async move { axum::serve(listener, router).await });
        base
    }

    /// Sets the answer for `key` (`host/path`, `host/path?query` or `METHOD host/path`).
    pub fn answer(answers: &Answers, key: &str, status: u16, body: Value) {
        answers
            .lock()
            .unwrap()
            .insert(key.to_owned(), (status, body));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_discovery_document_must_name_its_issuer() {
        let answers = fake::Answers::default();
        let (mut app, _) = App::for_tests();
        app.provider_base = Some(fake::serve(answers.clone()).await);
        let document =
            |issuer: &str| serde_json::json!({ "issuer": issuer, "jwks_uri": "https://x/keys" });
        fake::answer(
            &answers,
            "a.example.com/.well-known/openid-configuration",
            200,
            document("https://b.example.com"),
        );
        fake::answer(
            &answers,
            "b.example.com/.well-known/openid-configuration",
            200,
            document("https://b.example.com"),
        );
        let error = discovery(&app, "https://a.example.com").await.unwrap_err();
        assert!(error.contains("another issuer"), "{error}");
        let found = discovery(&app, "https://b.example.com/").await.unwrap();
        assert_eq!(found["jwks_uri"], "https://x/keys");
        // Cached: a changed answer is not seen within the TTL.
        fake::answer(
            &answers,
            "b.example.com/.well-known/openid-configuration",
            500,
            Value::Null,
        );
        assert_eq!(
            discovery(&app, "https://b.example.com").await.unwrap(),
            found
        );
    }

    #[test]
    fn only_https_urls_are_redirected_to_the_test_base() {
        let (mut app, _) = App::for_tests();
        assert_eq!(
            outbound(&app, "https://accounts.google.com/x"),
            "https://accounts.google.com/x"
        );
        app.provider_base = Some("http://127.0.0.1:9/t/".into());
        assert_eq!(
            outbound(&app, "https://accounts.google.com/x?y=1"),
            "http://127.0.0.1:9/t/accounts.google.com/x?y=1"
        );
        assert_eq!(
            outbound(&app, "http://127.0.0.1:1/_mock/google/token"),
            "http://127.0.0.1:1/_mock/google/token"
        );
    }
}
