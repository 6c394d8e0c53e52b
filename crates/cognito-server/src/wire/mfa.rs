//! AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference.

use serde::Deserialize;
use serde_json::{Value, json};

use crate::app::App;
use crate::clock::now;
use crate::errors::{ApiError, ApiResult};
use crate::store::User;
use crate::totp;

use super::common;
use super::input::{parse, required_str};
use super::session::{self, ChallengeSession};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AssociateInput {
    access_token: Option<String>,
    session: Option<String>,
}

/// The user either from an access token or from an `MFA_SETUP` sign-in session.
fn token_or_session(
    app: &App,
    access_token: Option<&str>,
    sealed: Option<&str>,
) -> ApiResult<(User, Option<ChallengeSession>)> {
    match (access_token, sealed) {
        (Some(token), _) => Ok((common::signed_in_user(app, token)?.2, None)),
        (None, Some(sealed)) => {
            let session = session::open(app, Some(sealed), None, "MFA_SETUP")?;
            let user = app
                .store
                .user(&session.pool_id, &session.username)?
                .ok_or(ApiError::UserNotFound)?;
            Ok((user, Some(session)))
        }
        (None, None) => Err(ApiError::InvalidParameter(
            "Either AccessToken or Session must be provided.".into(),
        )),
    }
}

pub fn associate_software_token(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: AssociateInput = parse(body)?;
    let (mut user, session) =
        token_or_session(app, input.access_token.as_deref(), input.session.as_deref())?;
    let secret = start_totp_setup(app, &mut user)?;
    let mut out = json!({ "SecretCode": secret });
    if let Some(session) = session {
        out["Session"] = json!(session.seal(app));
    }
    Ok(out)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VerifyInput {
    access_token: Option<String>,
    session: Option<String>,
    user_code: Option<String>,
}

pub fn verify_software_token(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: VerifyInput = parse(body)?;
    let code = required_str(&input.user_code, "userCode")?;
    let (mut user, session) =
        token_or_session(app, input.access_token.as_deref(), input.session.as_deref())?;
    // During sign-in setup the new authenticator becomes the user's MFA at once; with an access
    // token, SetUserMFAPreference turns it on (as Amplify's setUpTOTP/updateMFAPreference do).
    confirm_totp_setup(app, &mut user, code, session.is_some())?;
    let mut out = json!({ "Status": "SUCCESS" });
    if let Some(mut session) = session {
        session.totp_verified = true;
        session.nonce = crate::ids::uuid();
        out["Session"] = json!(session.seal(app));
    }
    Ok(out)
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MfaSetting {
    pub enabled: Option<bool>,
    pub preferred_mfa: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PreferenceInput {
    access_token: Option<String>,
    #[serde(rename = "SMSMfaSettings")]
    sms_mfa_settings: Option<MfaSetting>,
    software_token_mfa_settings: Option<MfaSetting>,
}

pub fn set_user_mfa_preference(app: &App, body: &[u8]) -> ApiResult<Value> {
    let input: PreferenceInput = parse(body)?;
    let (_, _, mut user) =
        common::signed_in_user(app, required_str(&input.access_token, "accessToken")?)?;
    apply_preference(
        &mut user,
        input.sms_mfa_settings.as_ref(),
        input.software_token_mfa_settings.as_ref(),
    )?;
    user.modified = now();
    app.store.save_user(&user)?;
    Ok(json!({}))
}

/// Shared with AdminSetUserMFAPreference.
pub fn apply_preference(
    user: &mut User,
    sms: Option<&MfaSetting>,
    totp: Option<&MfaSetting>,
) -> ApiResult<()> {
    if let Some(sms) = sms {
        if sms.enabled == Some(true) && user.attribute("phone_number").is_none() {
            return Err(ApiError::InvalidParameter(
                "User does not have a phone number for SMS MFA.".into(),
            ));
        }
        if let Some(enabled) = sms.enabled {
            user.mfa.sms_enabled = enabled;
        }
        if let Some(preferred) = sms.preferred_mfa {
            user.mfa.sms_preferred = preferred && user.mfa.sms_enabled;
            if preferred {
                user.mfa.totp_preferred = false;
            }
        }
        if !user.mfa.sms_enabled {
            user.mfa.sms_preferred = false;
        }
    }
    if let Some(totp) = totp {
        if totp.enabled == Some(true) && user.mfa.totp_secret.is_none() {
            return Err(ApiError::SoftwareTokenMfaNotFound);
        }
        if let Some(enabled) = totp.enabled {
            user.mfa.totp_enabled = enabled;
        }
        if let Some(preferred) = totp.preferred_mfa {
            user.mfa.totp_preferred = preferred && user.mfa.totp_enabled;
            if preferred {
                user.mfa.sms_preferred = false;
            }
        }
        if !user.mfa.totp_enabled {
            user.mfa.totp_preferred = false;
        }
    }
    Ok(())
}

/// A new authenticator secret for `user`, pending until a code from it is confirmed.
pub(crate) fn start_totp_setup(app: &App, user: &mut User) -> ApiResult<String> {
    let secret = totp::new_secret();
    user.mfa.totp_pending_secret = Some(secret.clone());
    user.modified = now();
    app.store.save_user(user)?;
    Ok(secret)
}

/// Makes the pending secret the user's authenticator once `code` comes from it; `turn_on` also
/// makes it the preferred MFA.
pub(crate) fn confirm_totp_setup(
    app: &App,
    user: &mut User,
    code: &str,
    turn_on: bool,
) -> ApiResult<()> {
    let pending = user
        .mfa
        .totp_pending_secret
        .clone()
        .ok_or(ApiError::SoftwareTokenMfaNotFound)?;
    if !totp::verify(&pending, code, now()) {
        return Err(ApiError::EnableSoftwareTokenMfa);
    }
    user.mfa.totp_secret = Some(pending);
    user.mfa.totp_pending_secret = None;
    if turn_on {
        user.mfa.totp_enabled = true;
        user.mfa.totp_preferred = true;
        user.mfa.sms_preferred = false;
    }
    user.modified = now();
    app.store.save_user(user)?;
    Ok(())
}
