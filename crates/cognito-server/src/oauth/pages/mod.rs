//! The hosted pages: sign-in (with its MFA and new-password steps), sign-up, confirmation and
//! password reset. Plain HTML forms that post back to themselves, carrying the authorize request
//! in their URL.

pub mod confirm_user;
pub mod forgot_password;
pub mod login;
pub mod login_steps;
pub mod signup;

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{self, MethodRouter};
use serde_json::Value;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};

use super::authorization::{self, Authorization};
use super::csrf::{self, CsrfToken};
use super::html;
use super::params::AuthorizeParams;

/// A hosted page's request: the authorize request it acts for, checked like `/oauth2/authorize`;
/// the error page or redirect when it fails.
pub fn authorization(
    app: &App,
    query: Result<Query<AuthorizeParams>, QueryRejection>,
) -> Result<Authorization, Box<Response>> {
    let Ok(Query(params)) = query else {
        return Err(Box::new(html::error_page(
            StatusCode::BAD_REQUEST,
            "en",
            "invalid_request: the query string could not be read.",
        )));
    };
    authorization::check(app, &params)
        .map_err(|error| Box::new(error.into_response(params.language())))
}

/// A hosted page's `GET` route: `render` runs after [`get`]'s check.
pub fn on_get(
    render: fn(&App, &HeaderMap, &Authorization, &CsrfToken) -> Response,
) -> MethodRouter<Arc<App>> {
    routing::get(
        move |State(app): State<Arc<App>>,
              headers: HeaderMap,
              query: Result<Query<AuthorizeParams>, QueryRejection>| {
            get(app, headers, query, render)
        },
    )
}

/// A hosted form's `POST` route: `handle` runs after [`post`]'s shared checks.
pub fn on_post(handle: fn(&App, Posted) -> Response) -> MethodRouter<Arc<App>> {
    routing::post(
        move |State(app): State<Arc<App>>,
              headers: HeaderMap,
              query: Result<Query<AuthorizeParams>, QueryRejection>,
              form: Result<Form<HashMap<String, String>>, FormRejection>| {
            post(app, headers, query, form, handle)
        },
    )
}

/// A hosted page's GET: the authorize request checked off the async runtime, then `render` with
/// the CSRF token the page's form will carry.
pub async fn get(
    app: Arc<App>,
    headers: HeaderMap,
    query: Result<Query<AuthorizeParams>, QueryRejection>,
    render: impl FnOnce(&App, &HeaderMap, &Authorization, &CsrfToken) -> Response + Send + 'static,
) -> Response {
    super::blocking(move || match authorization(&app, query) {
        Ok(authorization) => render(&app, &headers, &authorization, &csrf::for_form(&headers)),
        Err(response) => *response,
    })
    .await
}

/// A hosted page's POST after what every form shares: its authorize request, its fields and
/// the CSRF check (which each page answers with its own form, status 403, when it fails).
pub struct Posted {
    pub authorization: Authorization,
    pub fields: HashMap<String, String>,
    pub csrf: CsrfToken,
    /// Whether the form's `_csrf` matched the browser's cookie.
    pub csrf_ok: bool,
}

impl Posted {
    /// A trimmed, non-empty field.
    pub fn field(&self, name: &str) -> Option<&str> {
        field(&self.fields, name)
    }

    /// A field as sent (passwords are not trimmed); empty when missing.
    pub fn raw(&self, name: &str) -> &str {
        self.fields
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// A hosted page's POST: the request and form read and checked off the async runtime (an
/// unreadable authorize request gets its error page), then `handle`.
pub async fn post(
    app: Arc<App>,
    headers: HeaderMap,
    query: Result<Query<AuthorizeParams>, QueryRejection>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
    handle: impl FnOnce(&App, Posted) -> Response + Send + 'static,
) -> Response {
    super::blocking(move || {
        let authorization = match authorization(&app, query) {
            Ok(authorization) => authorization,
            Err(response) => return *response,
        };
        let fields = fields(form);
        let posted = Posted {
            authorization,
            csrf: csrf::for_form(&headers),
            csrf_ok: csrf_ok(&headers, &fields),
            fields,
        };
        handle(&app, posted)
    })
    .await
}

/// A submitted form as name -> value; an unreadable body is an empty form.
pub fn fields(
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> HashMap<String, String> {
    form.map(|Form(fields)| fields).unwrap_or_default()
}

/// A trimmed, non-empty field.
pub fn field<'a>(fields: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    fields
        .get(name)
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
}

/// Whether the form's `_csrf` matches the browser's cookie.
pub fn csrf_ok(headers: &HeaderMap, fields: &HashMap<String, String>) -> bool {
    csrf::check(headers, fields.get(csrf::FIELD).map(String::as_str))
}

/// The message for a refused form whose CSRF token did not match.
pub const CSRF_MESSAGE: &str = "The form expired or was not sent from this page. Please try again.";

/// `path?<authorize query>`: the URL of another hosted page for the same request.
pub fn url(authorization: &Authorization, path: &str) -> String {
    format!("{path}?{}", authorization.params.without_provider().query())
}

/// Renders a hosted page, setting the CSRF cookie when the browser needs one.
pub fn show(
    authorization: &Authorization,
    csrf: &CsrfToken,
    status: StatusCode,
    title: &str,
    body: &str,
) -> Response {
    let cookies: Vec<String> = csrf.set_cookie.iter().cloned().collect();
    html::respond(
        status,
        html::page(authorization.params.language(), title, body),
        &cookies,
    )
}

/// The status for a page showing `error`: 403 for CSRF, 400 for a refused form, 500 for ours.
pub fn status_of(error: &ApiError) -> StatusCode {
    match error {
        ApiError::InternalError(_) => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// What a page says about an error: Cognito's message, but nothing internal.
pub fn message(error: &ApiError) -> String {
    match error {
        ApiError::InternalError(_) => "Something went wrong. Please try again.".to_owned(),
        other => other.to_string(),
    }
}

/// Runs a JSON API operation with `input`, so the pages share its checks and messages.
pub fn call(
    app: &App,
    operation: fn(&App, &[u8]) -> ApiResult<Value>,
    input: &Value,
) -> ApiResult<Value> {
    operation(app, input.to_string().as_bytes())
}

/// `SecretHash` for confidential clients, computed here since the browser has no secret.
pub fn with_secret_hash(mut input: Value, authorization: &Authorization, username: &str) -> Value {
    if let Some(secret) = &authorization.client.config.secret {
        input["SecretHash"] = Value::from(cognito_srp::secret_hash(
            username,
            &authorization.client.id,
            secret,
        ));
    }
    input
}
