//! `/forgotPassword` and `/confirmForgotPassword`: ForgotPassword sends a code, then
//! ConfirmForgotPassword sets the new password; both through the API's own checks.

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Value, json};

use crate::app::App;
use crate::errors::ApiResult;
use crate::wire::password_ops;

use super::super::authorization::Authorization;
use super::super::csrf::CsrfToken;
use super::super::html::{self, Field};
use super::super::redirect;
use super::Posted;

pub fn show(_: &App, _: &HeaderMap, authorization: &Authorization, csrf: &CsrfToken) -> Response {
    let typed = authorization.params.login_hint.clone().unwrap_or_default();
    request_form(authorization, csrf, StatusCode::OK, &typed, None)
}

/// `POST /forgotPassword`: sends the code and shows the form for it.
pub fn submit(app: &App, posted: Posted) -> Response {
    let operation = password_ops::forgot_password;
    run(
        app,
        &posted,
        request_form,
        operation,
        json!({}),
        |username| {
            confirm_form(
                &posted.authorization,
                &posted.csrf,
                StatusCode::OK,
                username,
                None,
            )
        },
    )
}

/// `POST /confirmForgotPassword`: the code and the new password; then on to sign in.
pub fn confirm(app: &App, posted: Posted) -> Response {
    let extra = json!({
        "ConfirmationCode": posted.field("code").unwrap_or_default(),
        "Password": posted.raw("password"),
    });
    let operation = password_ops::confirm_forgot_password;
    run(app, &posted, confirm_form, operation, extra, |_| {
        redirect::found(&super::url(&posted.authorization, "/login"), &[])
    })
}

/// One of this file's forms, shown again with the status and message of a refusal.
type FormFn = fn(&Authorization, &CsrfToken, StatusCode, &str, Option<&str>) -> Response;

/// What both posts do: refuse a stale CSRF token, then `operation` for the username with the
/// `extra` input; a refused operation shows `form` again with its message.
fn run(
    app: &App,
    posted: &Posted,
    form: FormFn,
    operation: fn(&App, &[u8]) -> ApiResult<Value>,
    extra: Value,
    done: impl FnOnce(&str) -> Response,
) -> Response {
    let Posted {
        authorization,
        csrf,
        ..
    } = posted;
    let username = posted.field("username").unwrap_or_default();
    if !posted.csrf_ok {
        let message = Some(super::CSRF_MESSAGE);
        return form(
            authorization,
            csrf,
            StatusCode::FORBIDDEN,
            username,
            message,
        );
    }
    let mut input = json!({ "ClientId": authorization.client.id, "Username": username });
    if let (Some(input), Value::Object(extra)) = (input.as_object_mut(), extra) {
        input.extend(extra);
    }
    let input = super::with_secret_hash(input, authorization, username);
    match super::call(app, operation, &input) {
        Ok(_) => done(username),
        Err(error) => form(
            authorization,
            csrf,
            super::status_of(&error),
            username,
            Some(&super::message(&error)),
        ),
    }
}

fn request_form(
    authorization: &Authorization,
    csrf: &CsrfToken,
    status: StatusCode,
    username: &str,
    error: Option<&str>,
) -> Response {
    let input = Field::username(username).render(error.is_some());
    let body = format!(
        "<p>We will send you a code to reset your password.</p>{}{}<nav>{}</nav>",
        html::alert(error),
        html::form(
            &super::url(authorization, "/forgotPassword"),
            &csrf.value,
            &input,
            "Send code"
        ),
        html::link(&super::url(authorization, "/login"), "Back to sign in"),
    );
    super::show(authorization, csrf, status, "Reset your password", &body)
}

fn confirm_form(
    authorization: &Authorization,
    csrf: &CsrfToken,
    status: StatusCode,
    username: &str,
    error: Option<&str>,
) -> Response {
    let invalid = error.is_some();
    let inputs = [
        html::hidden("username", username),
        Field::code("Code").render(invalid),
        Field::password("password", "New password", "new-password").render(invalid),
    ]
    .concat();
    let body = format!(
        "<p>If {} has an account, we sent it a code.</p>{}{}",
        html::escape(username),
        html::alert(error),
        html::form(
            &super::url(authorization, "/confirmForgotPassword"),
            &csrf.value,
            &inputs,
            "Reset password"
        ),
    );
    super::show(authorization, csrf, status, "Reset your password", &body)
}
