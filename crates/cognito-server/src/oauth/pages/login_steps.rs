//! The steps between a correct password and the redirect back to the app: a new password for
//! users an administrator created, and the SMS or TOTP code for users with MFA. Each step form
//! carries a sealed, expiring, single-use ticket naming the user.

use std::collections::HashMap;

use axum::http::StatusCode;
use axum::response::Response;

use crate::app::App;
use crate::clock::now;
use crate::delivery::{self, Medium};
use crate::errors::{ApiError, ApiResult};
use crate::password;
use crate::store::{CodePurpose, User, UserStatus};
use crate::totp;
use crate::wire::next_step::{self, MfaStep};
use crate::wire::session::{self, ChallengeSession};
use crate::wire::{common, mfa};

use super::super::authorization::Authorization;
use super::super::csrf::CsrfToken;
use super::super::html::{self, Field};
use super::login;

/// A step of the hosted sign-in, by its form value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    NewPassword,
    SmsCode,
    TotpCode,
    /// MFA is required and the user has none yet: an authenticator app is set up here.
    TotpSetup,
}

impl Step {
    fn parse(text: &str) -> Option<Self> {
        match text {
            "new_password" => Some(Self::NewPassword),
            "sms_mfa" => Some(Self::SmsCode),
            "totp_mfa" => Some(Self::TotpCode),
            "totp_setup" => Some(Self::TotpSetup),
            _ => None,
        }
    }

    fn form_value(self) -> &'static str {
        match self {
            Self::NewPassword => "new_password",
            Self::SmsCode => "sms_mfa",
            Self::TotpCode => "totp_mfa",
            Self::TotpSetup => "totp_setup",
        }
    }

    /// The ticket's challenge name; distinct from the API's, so a ticket is no API `Session`.
    fn challenge(self) -> &'static str {
        match self {
            Self::NewPassword => "HOSTED_UI_NEW_PASSWORD",
            Self::SmsCode => "HOSTED_UI_SMS_MFA",
            Self::TotpCode => "HOSTED_UI_SOFTWARE_TOKEN_MFA",
            Self::TotpSetup => "HOSTED_UI_MFA_SETUP",
        }
    }
}

/// After the password (and any new password): the code the user owes, or the redirect.
pub fn second_factor(
    app: &App,
    authorization: &Authorization,
    csrf: &CsrfToken,
    user: &User,
) -> Response {
    match next_step::mfa_required(&authorization.pool, user) {
        MfaStep::None => login::finish(app, authorization, user, now()),
        MfaStep::Sms => {
            let sent = send_sms_code(app, user)
                .map(|destination| format!("We sent a code by SMS to {destination}."));
            ask_code(app, authorization, csrf, user, Step::SmsCode, sent)
        }
        // With both methods on and neither preferred, the authenticator app is asked for.
        MfaStep::Totp | MfaStep::Choose => {
            let ticket = ticket(app, authorization, user, Step::TotpCode);
            code_form(authorization, csrf, Step::TotpCode, &ticket, None, None)
        }
        MfaStep::Setup => {
            let started = mfa::start_totp_setup(app, &mut user.clone())
                .map(|secret| setup_notice(authorization, user, &secret));
            ask_code(app, authorization, csrf, user, Step::TotpSetup, started)
        }
    }
}

/// The code form for `step` with `notice` (what was sent or set up), or the sign-in form with
/// the error when that failed.
fn ask_code(
    app: &App,
    authorization: &Authorization,
    csrf: &CsrfToken,
    user: &User,
    step: Step,
    notice: ApiResult<String>,
) -> Response {
    match notice {
        Ok(notice) => {
            let ticket = ticket(app, authorization, user, step);
            code_form(authorization, csrf, step, &ticket, Some(&notice), None)
        }
        Err(error) => login::render(
            app,
            authorization,
            csrf,
            super::status_of(&error),
            &user.username,
            Some(&super::message(&error)),
        ),
    }
}

fn setup_notice(authorization: &Authorization, user: &User, secret: &str) -> String {
    format!(
        "This account needs an authenticator app. Add this key to yours: {secret} \
         (otpauth://totp/{pool}:{name}?secret={secret}&issuer={pool}), then enter the code it shows.",
        pool = authorization.pool.config.name,
        name = user.username,
    )
}

fn send_sms_code(app: &App, user: &User) -> ApiResult<String> {
    let phone = user.attribute("phone_number").ok_or_else(|| {
        ApiError::InvalidParameter("User has no phone number for SMS MFA.".into())
    })?;
    common::send_code(app, user, CodePurpose::SmsMfa, Medium::Sms, phone)?;
    Ok(delivery::mask(Medium::Sms, phone))
}

fn ticket(app: &App, authorization: &Authorization, user: &User, step: Step) -> String {
    ChallengeSession::new(&authorization.client, &user.username, step.challenge()).seal(app)
}

/// Answers a step form.
pub fn answer(app: &App, posted: &super::Posted, step: &str) -> Response {
    let super::Posted {
        authorization,
        fields,
        csrf,
        ..
    } = posted;
    let back_to_login = |status: StatusCode, message: &str| {
        login::render(app, authorization, csrf, status, "", Some(message))
    };
    if !posted.csrf_ok {
        return back_to_login(StatusCode::FORBIDDEN, super::CSRF_MESSAGE);
    }
    let Some(step) = Step::parse(step) else {
        return back_to_login(StatusCode::BAD_REQUEST, "Unknown sign-in step.");
    };
    let sealed = fields
        .get("session")
        .map(String::as_str)
        .unwrap_or_default();
    let opened = session::open(
        app,
        Some(sealed),
        Some(&authorization.client.id),
        step.challenge(),
    )
    .and_then(|session| ticket_user(app, &session).map(|user| (session, user)));
    let (session, user) = match opened {
        Ok(found) => found,
        Err(error) => return back_to_login(super::status_of(&error), &super::message(&error)),
    };
    let result = match step {
        Step::NewPassword => set_new_password(app, authorization, fields, user),
        Step::SmsCode | Step::TotpCode => check_code(app, fields, step, user),
        Step::TotpSetup => finish_totp_setup(app, fields, user),
    };
    let user = match result {
        Ok(user) => user,
        Err(error) => {
            let message = super::message(&error);
            return match step {
                Step::NewPassword => {
                    new_password_again(authorization, csrf, sealed, Some(&message))
                }
                _ => code_form(authorization, csrf, step, sealed, None, Some(&message)),
            };
        }
    };
    if let Err(error) = session::spend(app, sealed, &session) {
        return back_to_login(super::status_of(&error), &super::message(&error));
    }
    match step {
        Step::NewPassword => second_factor(app, authorization, csrf, &user),
        Step::SmsCode | Step::TotpCode | Step::TotpSetup => {
            login::finish(app, authorization, &user, now())
        }
    }
}

/// A code from the pending secret turns the authenticator on as the user's MFA (what
/// VerifySoftwareToken does during a sign-in's MFA_SETUP).
fn finish_totp_setup(
    app: &App,
    fields: &HashMap<String, String>,
    mut user: User,
) -> ApiResult<User> {
    let code = super::field(fields, "code").unwrap_or_default();
    mfa::confirm_totp_setup(app, &mut user, code, true)?;
    Ok(user)
}

fn ticket_user(app: &App, session: &ChallengeSession) -> ApiResult<User> {
    let user = app
        .store
        .user(&session.pool_id, &session.username)?
        .ok_or_else(|| ApiError::NotAuthorized("Invalid session for the user.".into()))?;
    if !user.enabled {
        return Err(ApiError::NotAuthorized("User is disabled.".into()));
    }
    common::check_not_locked(&user, now())?;
    Ok(user)
}

/// NEW_PASSWORD_REQUIRED on the hosted UI: the policy, then the user is confirmed.
fn set_new_password(
    app: &App,
    authorization: &Authorization,
    fields: &HashMap<String, String>,
    mut user: User,
) -> ApiResult<User> {
    let new_password = fields
        .get("new_password")
        .map(String::as_str)
        .unwrap_or_default();
    let confirm = fields
        .get("confirm_password")
        .map(String::as_str)
        .unwrap_or_default();
    if new_password != confirm {
        return Err(ApiError::InvalidParameter("Passwords do not match.".into()));
    }
    password::check_policy(&authorization.pool.config.password_policy, new_password)?;
    password::set_password(&mut user, &authorization.pool.id, new_password)?;
    user.status = UserStatus::Confirmed;
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(user)
}

/// The SMS code (from the code store) or the TOTP code (wrong ones count like wrong passwords).
fn check_code(
    app: &App,
    fields: &HashMap<String, String>,
    step: Step,
    mut user: User,
) -> ApiResult<User> {
    let code = super::field(fields, "code").unwrap_or_default();
    let now = now();
    if step == Step::SmsCode {
        let check = app.store.check_code(
            &user.pool_id,
            &user.username,
            CodePurpose::SmsMfa,
            code,
            now,
        )?;
        common::code_result(check)?;
        return Ok(user);
    }
    let secret = user
        .mfa
        .totp_secret
        .clone()
        .ok_or(ApiError::SoftwareTokenMfaNotFound)?;
    if !totp::verify(&secret, code, now) {
        common::record_failed_login(app, &mut user, now)?;
        return Err(ApiError::CodeMismatch);
    }
    common::record_successful_login(app, &mut user)?;
    Ok(user)
}

/// The form asking a FORCE_CHANGE_PASSWORD user for a new password.
pub fn new_password_form(
    app: &App,
    authorization: &Authorization,
    csrf: &CsrfToken,
    user: &User,
) -> Response {
    let ticket = ticket(app, authorization, user, Step::NewPassword);
    new_password_again(authorization, csrf, &ticket, None)
}

fn new_password_again(
    authorization: &Authorization,
    csrf: &CsrfToken,
    ticket: &str,
    error: Option<&str>,
) -> Response {
    let invalid = error.is_some();
    let inputs = [
        html::hidden("step", Step::NewPassword.form_value()),
        html::hidden("session", ticket),
        Field::password("new_password", "New password", "new-password").render(invalid),
        Field::password("confirm_password", "Confirm new password", "new-password").render(invalid),
    ]
    .concat();
    let body = format!(
        "<p>Your password must be changed before you can sign in.</p>{}{}",
        html::alert(error),
        html::form(
            &super::url(authorization, "/login"),
            &csrf.value,
            &inputs,
            "Change password"
        ),
    );
    let status = if invalid {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    super::show(authorization, csrf, status, "Change password", &body)
}

fn code_form(
    authorization: &Authorization,
    csrf: &CsrfToken,
    step: Step,
    ticket: &str,
    notice: Option<&str>,
    error: Option<&str>,
) -> Response {
    let label = match step {
        Step::SmsCode => "Code from the SMS",
        _ => "Code from your authenticator app",
    };
    let inputs = [
        html::hidden("step", step.form_value()),
        html::hidden("session", ticket),
        Field::code(label).render(error.is_some()),
    ]
    .concat();
    let body = format!(
        "{}{}{}",
        html::notice(notice),
        html::alert(error),
        html::form(
            &super::url(authorization, "/login"),
            &csrf.value,
            &inputs,
            "Confirm"
        ),
    );
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    super::show(authorization, csrf, status, "Confirm sign-in", &body)
}
