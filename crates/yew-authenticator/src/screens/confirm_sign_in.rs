//! ConfirmSignIn: the SMS, email, TOTP or custom-challenge code, or the choice of MFA method.

use cognito_auth::{CodeDelivery, DeliveryMedium, MfaType, SignInStep};
use yew::prelude::*;

use super::{FormValues, go_to};
use crate::authenticator::{AuthenticatorContext, ErrorField};
use crate::machine::AuthState;
use crate::ui::{CODE_FIELD, Screen, code_field, use_field_error};
use crate::use_authenticator;

/// "Your code is on its way ... to a***@e***", or nothing without delivery details.
pub(crate) fn delivery_text(
    context: &AuthenticatorContext,
    delivery: Option<&CodeDelivery>,
) -> Option<String> {
    let delivery = delivery?;
    let medium = match delivery.medium {
        Some(DeliveryMedium::Sms) => context.t("We Texted You"),
        _ => context.t("We Emailed You"),
    };
    let destination = delivery.destination.clone().unwrap_or_default();
    Some(format!(
        "{medium}. {} {destination}",
        context.t("Your code is on its way to")
    ))
}

/// The radio value of an MFA method.
fn mfa_value(mfa: MfaType) -> &'static str {
    match mfa {
        MfaType::Sms => "SMS_MFA",
        MfaType::Totp => "SOFTWARE_TOKEN_MFA",
        _ => "EMAIL_OTP",
    }
}

/// Shown in the `ConfirmSignIn` state.
#[component]
pub fn ConfirmSignIn() -> Html {
    let context = use_authenticator();
    let code_error = use_field_error(ErrorField::Code);
    // Which MFA method is chosen: the first at the start, then the person's pick, kept through
    // re-renders (a failed request, a language switch).
    let chosen = use_state(|| 0_usize);
    if context.state() != AuthState::ConfirmSignIn {
        return html! {};
    }
    let footer = go_to(&context, AuthState::SignIn, context.t("Back to Sign In"));

    // The MFA choice and the code share one form: its title, fields and action differ.
    let (title, intro, fields, onsubmit, contents) = if let Some(
        SignInStep::ContinueSignInWithMfaSelection { allowed },
    ) = &context.data().challenge
    {
        let onsubmit = {
            let (context, allowed) = (context.clone(), allowed.clone());
            Callback::from(move |values: FormValues| {
                let chosen = allowed
                    .iter()
                    .find(|mfa| mfa_value(**mfa) == values.get("mfa"));
                if let Some(mfa) = chosen {
                    context.select_mfa_type(*mfa);
                }
            })
        };
        let options: Html = allowed
            .iter()
            .enumerate()
            .map(|(index, mfa)| {
                let label = match mfa {
                    MfaType::Sms => context.t("SMS"),
                    MfaType::Totp => context.t("TOTP"),
                    _ => context.t("Email"),
                };
                let onchange = {
                    let chosen = chosen.clone();
                    Callback::from(move |_| chosen.set(index))
                };
                html! {
                    <label>
                        <input type="radio" name="mfa" value={mfa_value(*mfa)}
                            checked={*chosen == index} {onchange} />
                        { label }
                    </label>
                }
            })
            .collect();
        let title = context.t("Select MFA Type");
        let choice = html! {
            <fieldset><legend class="amplify-visually-hidden">{ title.clone() }</legend>{ options }</fieldset>
        };
        (title, None, Vec::new(), onsubmit, choice)
    } else {
        let (title, intro) = match &context.data().challenge {
            Some(SignInStep::ConfirmSignInWithTotpCode) => (context.t("Confirm TOTP Code"), None),
            Some(SignInStep::ConfirmSignInWithEmailCode { .. }) => (
                context.t("Confirm Email Code"),
                delivery_text(&context, context.data().code_delivery.as_ref()),
            ),
            Some(SignInStep::ConfirmSignInWithCustomChallenge { .. }) => {
                (context.t("Confirm"), None)
            }
            _ => (
                context.t("Confirm SMS Code"),
                delivery_text(&context, context.data().code_delivery.as_ref()),
            ),
        };
        let code = code_field(
            context.t("Code").into(),
            Some(context.t("Enter your code").into()),
            code_error,
        );
        let onsubmit = {
            let context = context.clone();
            Callback::from(move |values: FormValues| {
                context.confirm_sign_in(values.trimmed(CODE_FIELD))
            })
        };
        (title, intro, vec![ErrorField::Code], onsubmit, code)
    };
    html! {
        <Screen {title} {intro} submit_label={context.t("Confirm")} pending_label={context.t("Confirm")}
            {fields} {onsubmit} {footer}>
            { contents }
        </Screen>
    }
}
