//! `GET /login` and `POST /login`: the sign-in form, checked with the same password, lockout and
//! status rules as USER_PASSWORD_AUTH, then the steps a user may still owe (MFA, new password).

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use crate::app::App;
use crate::errors::{ApiError, ApiResult};
use crate::store::{User, UserStatus};
use crate::wire::{common, sign_up};

use super::super::authorization::Authorization;
use super::super::csrf::CsrfToken;
use super::super::html::{self, Field};
use super::super::params::AuthorizeParams;
use super::super::{grant, redirect, sso};
use super::login_steps;

pub fn show(
    app: &App,
    headers: &HeaderMap,
    authorization: &Authorization,
    csrf: &CsrfToken,
) -> Response {
    // Signed in already (and not asked to sign in again): straight back to the app.
    if authorization.params.prompt.as_deref() != Some("login")
        && let Ok(Some((user, auth_time))) = sso::current(app, headers, &authorization.pool.id)
    {
        return finish(app, authorization, &user, auth_time);
    }
    let typed = authorization.params.login_hint.clone().unwrap_or_default();
    render(app, authorization, csrf, StatusCode::OK, &typed, None)
}

pub fn submit(app: &App, posted: super::Posted) -> Response {
    if let Some(step) = posted.field("step") {
        return login_steps::answer(app, &posted, step);
    }
    let super::Posted {
        authorization,
        csrf,
        ..
    } = &posted;
    let typed = posted.field("username").unwrap_or_default();
    let form = |status: StatusCode, typed: &str, error: Option<&str>| {
        render(app, authorization, csrf, status, typed, error)
    };
    if !posted.csrf_ok {
        return form(StatusCode::FORBIDDEN, typed, Some(super::CSRF_MESSAGE));
    }
    if !takes_passwords(authorization) {
        return form(StatusCode::BAD_REQUEST, "", Some(NO_PASSWORDS));
    }
    match check_password(app, authorization, typed, posted.raw("password")) {
        Ok(user) => after_password(app, authorization, csrf, user),
        Err(error) => form(
            super::status_of(&error),
            typed,
            Some(&super::message(&error)),
        ),
    }
}

/// Why a client without `COGNITO` among its identity providers refuses a password.
const NO_PASSWORDS: &str = "This app signs in only through the identity providers shown above.";

/// Whether the client lets users of the pool sign in with their password (`COGNITO` among its
/// SupportedIdentityProviders); otherwise the page offers only the social providers' buttons.
fn takes_passwords(authorization: &Authorization) -> bool {
    authorization
        .client
        .config
        .supported_identity_providers
        .iter()
        .any(|provider| provider == "COGNITO")
}

/// The USER_PASSWORD_AUTH checks: the user (by username or alias), lockout, enabled, and the
/// password against the SRP verifier, counting failures.
fn check_password(
    app: &App,
    authorization: &Authorization,
    typed: &str,
    given: &str,
) -> ApiResult<User> {
    if typed.is_empty() || given.is_empty() {
        return Err(ApiError::InvalidParameter(
            "Enter your username and password.".into(),
        ));
    }
    common::sign_in_with_password(
        app,
        &authorization.client,
        &authorization.pool,
        typed,
        given,
    )
}

/// What follows a correct password on the hosted UI.
fn after_password(
    app: &App,
    authorization: &Authorization,
    csrf: &CsrfToken,
    user: User,
) -> Response {
    match user.status {
        UserStatus::Unconfirmed => {
            // As the hosted UI does: send a fresh code and ask for it.
            let input = super::with_secret_hash(
                json!({ "ClientId": authorization.client.id, "Username": user.username }),
                authorization,
                &user.username,
            );
            let _ = super::call(app, sign_up::resend_confirmation_code, &input);
            let location = format!(
                "{}&{}",
                super::url(authorization, "/confirmUser"),
                super::super::params::encode_pairs([("username", user.username.as_str())])
            );
            redirect::found(&location, &[])
        }
        UserStatus::ResetRequired => render(
            app,
            authorization,
            csrf,
            StatusCode::BAD_REQUEST,
            &user.username,
            Some(&ApiError::PasswordResetRequired.to_string()),
        ),
        UserStatus::ForceChangePassword => {
            login_steps::new_password_form(app, authorization, csrf, &user)
        }
        UserStatus::Confirmed => login_steps::second_factor(app, authorization, csrf, &user),
        // Federated users sign in at their provider, as USER_PASSWORD_AUTH refuses them.
        UserStatus::ExternalProvider => render(
            app,
            authorization,
            csrf,
            StatusCode::BAD_REQUEST,
            &user.username,
            Some(&ApiError::wrong_password().to_string()),
        ),
    }
}

/// Signed in: back to the app.
pub fn finish(app: &App, authorization: &Authorization, user: &User, auth_time: i64) -> Response {
    grant::complete(app, authorization, user, auth_time).unwrap_or_else(|error| {
        html::error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            authorization.params.language(),
            &super::message(&error),
        )
    })
}

/// The sign-in form, with a button per social provider the client may use.
pub fn render(
    app: &App,
    authorization: &Authorization,
    csrf: &CsrfToken,
    status: StatusCode,
    typed: &str,
    error: Option<&str>,
) -> Response {
    let invalid = error.is_some();
    let inputs = [
        Field::username(typed).render(invalid),
        Field::password("password", "Password", "current-password").render(invalid),
    ]
    .concat();
    if !takes_passwords(authorization) {
        let body = format!(
            "{providers}{alert}",
            providers = provider_buttons(app, authorization),
            alert = html::alert(error),
        );
        return super::show(authorization, csrf, status, "Sign in", &body);
    }
    let body = format!(
        "{providers}{alert}{form}<nav>{forgot}{signup}</nav>",
        providers = provider_buttons(app, authorization),
        alert = html::alert(error),
        form = html::form(
            &super::url(authorization, "/login"),
            &csrf.value,
            &inputs,
            "Sign in"
        ),
        forgot = html::link(
            &super::url(authorization, "/forgotPassword"),
            "Forgot your password?"
        ),
        signup = html::link(
            &super::url(authorization, "/signup"),
            "Need an account? Sign up"
        ),
    );
    super::show(authorization, csrf, status, "Sign in", &body)
}

/// What a provider is called on its button.
fn display_name(provider: &str) -> &str {
    match provider {
        "LoginWithAmazon" => "Amazon",
        "SignInWithApple" => "Apple",
        other => other,
    }
}

/// Links that start the authorize request again with each configured social provider.
fn provider_buttons(app: &App, authorization: &Authorization) -> String {
    let configured = crate::federation::providers(app, &authorization.pool.id).unwrap_or_default();
    let buttons: Vec<String> = configured
        .iter()
        .filter(|(name, _)| {
            authorization
                .client
                .config
                .supported_identity_providers
                .contains(name)
        })
        .map(|(name, _)| {
            let params = AuthorizeParams {
                identity_provider: Some(name.clone()),
                ..authorization.params.without_provider()
            };
            format!(
                "<a class=\"provider\" href=\"{}\">Continue with {}</a>",
                html::escape(&format!("/oauth2/authorize?{}", params.query())),
                html::escape(display_name(name))
            )
        })
        .collect();
    if buttons.is_empty() {
        String::new()
    } else {
        format!("<div class=\"providers\">{}</div>", buttons.concat())
    }
}
