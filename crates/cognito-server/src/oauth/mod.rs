//! The hosted UI and OAuth 2.0 / OIDC endpoints. All pools share the server's origin; the pool
//! is found from `client_id`.

mod authorization;
mod authorize;
mod client_auth;
mod cookies;
mod csrf;
mod grant;
mod html;
mod logout;
mod oauth_error;
mod pages;
mod params;
mod redirect;
mod revoke;
pub mod scopes;
mod social;
mod sso;
mod theme;
mod token;
mod userinfo;

pub use redirect::acceptable as acceptable_redirect_uri;
pub use redirect::is_loopback as is_loopback_uri;

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

use crate::app::App;

/// The page routes (same-origin forms) and the endpoints apps call from the browser (`api`,
/// which need CORS).
pub fn routes() -> (Router<Arc<App>>, Router<Arc<App>>) {
    use pages::{confirm_user, forgot_password, login, signup};
    let pages = Router::new()
        .route("/oauth2/authorize", get(authorize::authorize))
        .route("/oauth2/idpresponse", get(social::idp_response))
        .route("/saml2/idpresponse", post(crate::saml::idp_response))
        .route(
            "/login",
            pages::on_get(login::show).merge(pages::on_post(login::submit)),
        )
        .route(
            "/signup",
            pages::on_get(signup::show).merge(pages::on_post(signup::submit)),
        )
        .route(
            "/confirmUser",
            get(confirm_user::show).merge(pages::on_post(confirm_user::submit)),
        )
        .route(
            "/forgotPassword",
            pages::on_get(forgot_password::show).merge(pages::on_post(forgot_password::submit)),
        )
        .route(
            "/confirmForgotPassword",
            pages::on_post(forgot_password::confirm),
        )
        .route("/logout", get(logout::logout));
    let api = Router::new()
        .route("/oauth2/token", post(token::token))
        .route(
            "/oauth2/userInfo",
            get(userinfo::user_info).post(userinfo::user_info),
        )
        .route("/oauth2/revoke", post(revoke::revoke));
    (pages, api)
}

/// Runs store and signing work off the async threads.
async fn blocking(work: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        html::error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "en",
            "server_error: the request failed.",
        )
    })
}

/// [`blocking`] for work that returns a value; `None` if it panicked.
async fn blocking_value<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(work).await.ok()
}

/// An error page of the hosted UI for requests that cannot be sent back to the app.
pub fn error_page(status: axum::http::StatusCode, message: &str) -> axum::response::Response {
    html::error_page(status, "en", message)
}
