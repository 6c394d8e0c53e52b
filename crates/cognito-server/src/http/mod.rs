//! The HTTP surface: the JSON API on `POST /`, discovery documents, the local outbox, static files.

mod api;
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
    let router = Router::new()
        .route("/", root)
        .route("/{pool_id}/.well-known/jwks.json", get(well_known::jwks))
        .route(
            "/{pool_id}/.well-known/openid-configuration",
            get(well_known::openid_configuration),
        )
        .route("/_local/outbox", get(local::outbox))
        .with_state(app);
    let router = match static_dir {
        // Unknown paths fall back to index.html so client-side routers work on reload.
        Some(dir) => router
            .fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))),
        None => router.fallback(api::not_found),
    };
    router.layer(cors())
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
