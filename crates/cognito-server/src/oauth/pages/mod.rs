//! The hosted pages: sign-in (with its MFA and new-password steps), sign-up, confirmation and
//! password reset. Plain HTML forms that post back to themselves, carrying the authorize request
//! in their URL.

pub mod confirm_user;
pub mod forgot_password;
pub mod login;
pub mod login_steps;
pub mod signup;

use std::collections::HashMap;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
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
