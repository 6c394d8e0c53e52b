//! `GET /confirmUser` and `POST /confirmUser`: ConfirmSignUp (or ResendConfirmationCode) from a
//! form; a confirmed user goes on to sign in.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;

use crate::app::App;
use crate::wire::sign_up;

use super::super::authorization::Authorization;
use super::super::csrf::{self, CsrfToken};
use super::super::html::{self, Field};
use super::super::params::AuthorizeParams;
use super::super::redirect;

/// The user being confirmed, named in the query by the page that sent the browser here.
#[derive(Debug, Default, Deserialize)]
pub struct Who {
    #[serde(default)]
    username: Option<String>,
}

pub async fn show(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Result<Query<AuthorizeParams>, QueryRejection>,
    who: Result<Query<Who>, QueryRejection>,
) -> Response {
    let username = who
        .ok()
        .and_then(|Query(who)| who.username)
        .unwrap_or_default();
    super::get(app, headers, query, move |_, _, authorization, csrf| {
        let notice = (!username.is_empty()).then_some("We sent you a code. Enter it below.");
        render(authorization, csrf, StatusCode::OK, &username, notice, None)
    })
    .await
}

pub fn submit(app: &App, posted: super::Posted) -> Response {
    let super::Posted {
        authorization,
        csrf,
        ..
    } = &posted;
    let username = posted.field("username").unwrap_or_default();
    let form = |status: StatusCode, notice: Option<&str>, error: Option<&str>| {
        render(authorization, csrf, status, username, notice, error)
    };
    if !posted.csrf_ok {
        return form(StatusCode::FORBIDDEN, None, Some(super::CSRF_MESSAGE));
    }
    let resend = posted.field("action") == Some("resend");
    let input = if resend {
        json!({ "ClientId": authorization.client.id, "Username": username })
    } else {
        json!({
            "ClientId": authorization.client.id,
            "Username": username,
            "ConfirmationCode": posted.field("code").unwrap_or_default(),
        })
    };
    let input = super::with_secret_hash(input, authorization, username);
    let operation = if resend {
        sign_up::resend_confirmation_code
    } else {
        sign_up::confirm_sign_up
    };
    match super::call(app, operation, &input) {
        Ok(_) if resend => form(StatusCode::OK, Some("We sent you a new code."), None),
        Ok(_) => redirect::found(&super::url(authorization, "/login"), &[]),
        Err(error) => form(
            super::status_of(&error),
            None,
            Some(&super::message(&error)),
        ),
    }
}

fn render(
    authorization: &Authorization,
    csrf: &CsrfToken,
    status: StatusCode,
    username: &str,
    notice: Option<&str>,
    error: Option<&str>,
) -> Response {
    let invalid = error.is_some();
    let inputs = [
        Field::username(username).render(invalid),
        Field::code("Confirmation code").render(invalid),
    ]
    .concat();
    let action = super::url(authorization, "/confirmUser");
    let resend = format!(
        "<form method=\"post\" action=\"{}\">{}{}{}<button type=\"submit\" class=\"secondary\">Resend code</button></form>",
        html::escape(&action),
        html::hidden(csrf::FIELD, &csrf.value),
        html::hidden("username", username),
        html::hidden("action", "resend"),
    );
    let body = format!(
        "{}{}{}<nav>{}{}</nav>",
        html::notice(notice),
        html::alert(error),
        html::form(&action, &csrf.value, &inputs, "Confirm"),
        resend,
        html::link(&super::url(authorization, "/login"), "Back to sign in"),
    );
    super::show(authorization, csrf, status, "Confirm your account", &body)
}
