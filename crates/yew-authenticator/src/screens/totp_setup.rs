//! TotpSetup: a QR code of the otpauth URI and the secret as text, then the first code.

use yew::prelude::*;

use super::{FormValues, QrCode, go_to};
use crate::authenticator::ErrorField;
use crate::machine::AuthState;
use crate::ui::{CODE_FIELD, Screen, code_field, use_field_error};
use crate::use_authenticator;

/// Shown in the `TotpSetup` state: during sign-in when MFA must be set up, or for a signed-in
/// user who chose TOTP.
#[component]
pub fn TotpSetup() -> Html {
    let context = use_authenticator();
    let code_error = use_field_error(ErrorField::Code);
    let in_state = context.state() == AuthState::TotpSetup;
    // A signed-in user arriving here has no secret yet: ask for one.
    {
        let context = context.clone();
        let missing = in_state
            && context.data().totp.is_none()
            && !context.is_pending()
            && context.error().is_none();
        use_effect_with(missing, move |missing| {
            if *missing {
                context.setup_totp();
            }
        });
    }
    if !in_state {
        return html! {};
    }
    let onsubmit = {
        let context = context.clone();
        Callback::from(move |values: FormValues| context.verify_totp(values.trimmed(CODE_FIELD)))
    };
    // During sign-in, leaving abandons it; a signed-in user just goes back to the app.
    let during_sign_in = context.data().user.is_none();
    let footer = if during_sign_in {
        go_to(&context, AuthState::SignIn, context.t("Back to Sign In"))
    } else {
        go_to(&context, AuthState::SignedIn, context.t("Cancel"))
    };
    let setup = context.data().totp.clone();
    html! {
        <Screen title={context.t("Setup TOTP")} intro={context.t("Scan this QR code with your authenticator app")}
            submit_label={context.t("Verify")} pending_label={context.t("Verify")}
            fields={vec![ErrorField::Code]} {onsubmit} {footer}>
            if let Some(setup) = setup {
                <QrCode data={setup.otpauth_uri.clone()} label={context.t("Scan this QR code with your authenticator app")} />
                <p>{ context.t("Or enter this key") }{ ": " }<code data-amplify-totp-secret="">{ setup.secret.clone() }</code></p>
            }
            { code_field(context.t("Code").into(), Some(context.t("Enter your code").into()), code_error) }
        </Screen>
    }
}
