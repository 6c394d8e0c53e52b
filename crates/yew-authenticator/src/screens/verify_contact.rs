//! VerifyContact: after sign-in, a user without a verified email or phone picks one, gets a
//! code and enters it, or skips.

use yew::prelude::*;

use super::use_text;
use crate::authenticator::ErrorField;
use crate::machine::AuthState;
use crate::ui::{Field, Screen, use_field_error};
use crate::use_authenticator;

/// Shown in the `VerifyContact` state.
#[component]
pub fn VerifyContact() -> Html {
    let context = use_authenticator();
    let choice = use_state(|| None::<String>);
    let (code, set_code) = use_text(String::new);
    let code_error = use_field_error(ErrorField::Code);
    if context.state() != AuthState::VerifyContact {
        return html! {};
    }
    let skip = {
        let context = context.clone();
        Callback::from(move |_| context.skip_verification())
    };
    let footer = html! {
        <button type="button" class="amplify-button-link" onclick={skip}>{ context.t("Skip") }</button>
    };
    let intro = Some(context.t("Account recovery requires verified contact information"));
    if context.data().verifying.is_some() {
        let onsubmit = {
            let (context, code) = (context.clone(), code.clone());
            Callback::from(move |()| context.submit_contact_code(code.trim().to_owned()))
        };
        return html! {
            <Screen title={context.t("Verify Contact")} {intro} submit_label={context.t("Submit")}
                pending_label={context.t("Submit")} fields={vec![ErrorField::Code]} {onsubmit} {footer}>
                <Field name="code" label={context.t("Code")} value={(*code).clone()} oninput={set_code}
                    required=true autocomplete="one-time-code" error={code_error} />
            </Screen>
        };
    }
    let unverified = context
        .data()
        .contact
        .as_ref()
        .map(|c| c.unverified.clone())
        .unwrap_or_default();
    let options: Html = unverified
        .iter()
        .map(|(attribute, value)| {
            let onchange = {
                let (choice, attribute) = (choice.clone(), attribute.clone());
                Callback::from(move |_| choice.set(Some(attribute.clone())))
            };
            let label = if attribute == "email" { context.t("Email") } else { context.t("Phone Number") };
            html! {
                <label>
                    <input type="radio" name="contact" checked={choice.as_deref() == Some(attribute.as_str())} {onchange} />
                    { format!("{label}: {value}") }
                </label>
            }
        })
        .collect();
    let onsubmit = {
        let (context, choice) = (context.clone(), choice.clone());
        Callback::from(move |()| {
            if let Some(attribute) = (*choice).clone() {
                context.verify_contact(attribute);
            }
        })
    };
    html! {
        <Screen title={context.t("Verify Contact")} {intro} submit_label={context.t("Verify")}
            pending_label={context.t("Verify")} {onsubmit} {footer}>
            <fieldset><legend class="amplify-visually-hidden">{ context.t("Verify Contact") }</legend>{ options }</fieldset>
        </Screen>
    }
}
