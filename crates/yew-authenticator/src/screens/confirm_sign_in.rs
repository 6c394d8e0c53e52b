//! ConfirmSignIn: the SMS, email, TOTP or custom-challenge code, or the choice of MFA method.

use cognito_auth::{CodeDelivery, DeliveryMedium, MfaType, SignInStep};
use yew::prelude::*;

use super::{GoTo, use_text};
use crate::authenticator::{AuthenticatorContext, ErrorField};
use crate::machine::AuthState;
use crate::ui::{Field, Screen, use_field_error};
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

/// Shown in the `ConfirmSignIn` state.
#[component]
pub fn ConfirmSignIn() -> Html {
    let context = use_authenticator();
    let (code, set_code) = use_text(String::new);
    let choice = use_state(|| None::<MfaType>);
    let code_error = use_field_error(ErrorField::Code);
    if context.state() != AuthState::ConfirmSignIn {
        return html! {};
    }
    let footer = html! { <GoTo state={AuthState::SignIn} label={context.t("Back to Sign In")} /> };

    if let Some(SignInStep::ContinueSignInWithMfaSelection { allowed }) = &context.data().challenge
    {
        let onsubmit = {
            let (context, choice) = (context.clone(), choice.clone());
            Callback::from(move |()| {
                if let Some(mfa) = *choice {
                    context.select_mfa_type(mfa);
                }
            })
        };
        let options: Html = allowed
            .iter()
            .map(|mfa| {
                let label = match mfa {
                    MfaType::Sms => context.t("SMS"),
                    MfaType::Totp => context.t("TOTP"),
                    _ => context.t("Email"),
                };
                let onchange = {
                    let (choice, mfa) = (choice.clone(), *mfa);
                    Callback::from(move |_| choice.set(Some(mfa)))
                };
                html! {
                    <label><input type="radio" name="mfa" checked={*choice == Some(*mfa)} {onchange} />{ label }</label>
                }
            })
            .collect();
        return html! {
            <Screen title={context.t("Select MFA Type")} submit_label={context.t("Confirm")}
                pending_label={context.t("Confirm")} {onsubmit} {footer}>
                <fieldset><legend class="amplify-visually-hidden">{ context.t("Select MFA Type") }</legend>{ options }</fieldset>
            </Screen>
        };
    }

    let (title, intro) = match &context.data().challenge {
        Some(SignInStep::ConfirmSignInWithTotpCode) => (context.t("Confirm TOTP Code"), None),
        Some(SignInStep::ConfirmSignInWithCustomChallenge { .. }) => (context.t("Confirm"), None),
        _ => (
            context.t("Confirm SMS Code"),
            delivery_text(&context, context.data().code_delivery.as_ref()),
        ),
    };
    let onsubmit = {
        let (context, code) = (context.clone(), code.clone());
        Callback::from(move |()| context.confirm_sign_in(code.trim().to_owned()))
    };
    html! {
        <Screen {title} {intro} submit_label={context.t("Confirm")} pending_label={context.t("Confirm")}
            fields={vec![ErrorField::Code]} {onsubmit} {footer}>
            <Field name="code" label={context.t("Code")} value={(*code).clone()} oninput={set_code}
                placeholder={context.t("Enter your code")} required=true autocomplete="one-time-code" error={code_error} />
        </Screen>
    }
}
