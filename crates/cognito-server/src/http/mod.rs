//! The HTTP surface: the JSON API on `POST /`, discovery documents, the mock identity providers,
//! the local outbox and caller identity, static files.

mod api;
mod caller_identity;
mod local;
mod well_known;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, Method};
use axum::routing::{get, get_service, post};
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

use crate::app::App;

/// The whole service.
pub fn router(app: Arc<App>, static_dir: Option<&Path>) -> Router {
    // `GET /` is the app's page when serving one; `POST /` is always the API.
    let root = match static_dir {
        Some(dir) => get_service(ServeFile::new(dir.join("index.html"))).post(api::handle),
        None => post(api::handle),
    };
    let api = Router::new()
        .route("/", root)
        .route("/{pool_id}/.well-known/jwks.json", get(well_known::jwks))
        .route(
            "/{pool_id}/.well-known/openid-configuration",
            get(well_known::openid_configuration),
        )
        .route(
            "/_local/caller-identity",
            get(caller_identity::caller_identity).post(caller_identity::caller_identity),
        )
        .merge(crate::mock_idp::router())
        .merge(crate::saml::mock::router())
        .layer(cors());
    let (oauth_pages, oauth_api) = crate::oauth::routes();
    let api = api.merge(oauth_api.layer(cors())).merge(oauth_pages);
    let local = Router::new()
        .route("/_local/outbox", get(local::outbox))
        .layer(local_cors());
    let router = api.merge(local).with_state(app);
    match static_dir {
        // Unknown paths fall back to index.html so client-side routers work on reload.
        Some(dir) => router
            .fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))),
        None => router.fallback(api::not_found),
    }
}

/// The outbox holds live codes. Browsers on this machine visit other sites too, so only pages
/// served from the machine itself (test runners, the local app) may read it cross-origin.
fn local_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(|origin, _| {
            origin.to_str().is_ok_and(is_loopback_origin)
        }))
        .allow_methods([Method::GET])
}

/// `http(s)://localhost[:port]`, `http(s)://127.x.x.x[:port]` or `http(s)://[::1][:port]`.
fn is_loopback_origin(origin: &str) -> bool {
    let Some((_, authority)) = origin.split_once("://") else {
        return false;
    };
    let host = match authority.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// CORS as Cognito answers it: any origin, the headers the AWS SDKs and Amplify send, and the
/// response headers their error parsing reads.
fn cors() -> CorsLayer {
    let expose = [
        "x-amzn-requestid",
        "x-amzn-errortype",
        "x-amzn-errormessage",
        "date",
    ]
    .map(HeaderName::from_static);
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        // The SDKs send a changing set (x-amz-target, x-amz-user-agent, amz-sdk-*, cache-control,
        // authorization, x-amz-date, ...); echoing the requested list accepts them all.
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers(expose)
        .max_age(Duration::from_secs(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_origins_may_read_the_outbox() {
        for origin in [
            "http://localhost:8080",
            "http://127.0.0.1:9229",
            "https://localhost",
            "http://[::1]:3000",
        ] {
            assert!(is_loopback_origin(origin), "{origin}");
        }
        for origin in [
            "https://example.com",
            "http://localhost.evil.test",
            "http://127.0.0.1.evil.test",
            "null",
            "http://10.0.0.1",
        ] {
            assert!(!is_loopback_origin(origin), "{origin}");
        }
    }
}
