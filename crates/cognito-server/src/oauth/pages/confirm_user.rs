//! `GET /confirmUser` and `POST /confirmUser`: ConfirmSignUp (or ResendConfirmationCode) from a
//! form; a confirmed user goes on to sign in.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
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
    super::super::blocking(move || match super::authorization(&app, query) {
        Ok(authorization) => {
            let notice = (!username.is_empty()).then_some("We sent you a code. Enter it below.");
            render(
                &authorization,
                &csrf::for_form(&headers),
                StatusCode::OK,
                &username,
                notice,
                None,
            )
        }
        Err(response) => *response,
    })
    .await
}

pub async fn submit(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    query: Result<Query<AuthorizeParams>, QueryRejection>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    super::super::blocking(move || {
        let authorization = match super::authorization(&app, query) {
            Ok(authorization) => authorization,
            Err(response) => return *response,
        };
        let fields = super::fields(form);
        let csrf = csrf::for_form(&headers);
        let username = super::field(&fields, "username").unwrap_or_default();
        if !super::csrf_ok(&headers, &fields) {
            return render(
                &authorization,
                &csrf,
                StatusCode::FORBIDDEN,
                username,
                None,
                Some(super::CSRF_MESSAGE),
            );
        }
        let resend = super::field(&fields, "action") == Some("resend");
        let input = if resend {
            json!({ "ClientId": authorization.client.id, "Username": username })
        } else {
            json!({
                "ClientId": authorization.client.id,
                "Username": username,
                "ConfirmationCode": super::field(&fields, "code").unwrap_or_default(),
            })
        };
        let input = super::with_secret_hash(input, &authorization, username);
        let operation = if resend {
            sign_up::resend_confirmation_code
        } else {
            sign_up::confirm_sign_up
        };
        match super::call(&app, operation, &input) {
            Ok(_) if resend => render(
                &authorization,
                &csrf,
                StatusCode::OK,
                username,
                Some("We sent you a new code."),
                None,
            ),
            Ok(_) => redirect::found(&super::url(&authorization, "/login"), &[]),
            Err(error) => render(
                &authorization,
                &csrf,
                super::status_of(&error),
                username,
                None,
                Some(&super::message(&error)),
            ),
        }
    })
    .await
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
        Field {
            name: "username",
            label: "Username",
            kind: "text",
            value: username,
            autocomplete: "username",
        }
        .render(invalid),
        Field {
            name: "code",
            label: "Confirmation code",
            kind: "text",
            value: "",
            autocomplete: "one-time-code",
        }
        .render(invalid),
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
