//! VerifyContact: after sign-in, a user without a verified email or phone picks one, gets a
//! code and enters it, or skips.

use yew::prelude::*;

use super::FormValues;
use crate::authenticator::ErrorField;
use crate::machine::AuthState;
use crate::ui::{CODE_FIELD, Screen, code_field, use_field_error};
use crate::use_authenticator;

/// Shown in the `VerifyContact` state.
#[component]
pub fn VerifyContact() -> Html {
    let context = use_authenticator();
    let code_error = use_field_error(ErrorField::Code);
    // Which contact is chosen: the first at the start, then the person's pick, kept through
    // re-renders (a failed request, a language switch).
    let chosen = use_state(|| 0_usize);
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
    // The code step and the choice share one form: its fields, submit label and action differ.
    let (fields, submit_label, onsubmit, contents) = if context.data().verifying.is_some() {
        let code = code_field(context.t("Code").into(), None, code_error);
        let context = context.clone();
        let onsubmit = Callback::from(move |values: FormValues| {
            context.submit_contact_code(values.trimmed(CODE_FIELD))
        });
        (vec![ErrorField::Code], "Submit", onsubmit, code)
    } else {
        let unverified = context
            .data()
            .contact
            .as_ref()
            .map(|c| c.unverified.clone())
            .unwrap_or_default();
        let options: Html = unverified
            .iter()
            .enumerate()
            .map(|(index, (attribute, value))| {
                let label = if attribute == "email" {
                    context.t("Email")
                } else {
                    context.t("Phone Number")
                };
                let onchange = {
                    let chosen = chosen.clone();
                    Callback::from(move |_| chosen.set(index))
                };
                html! {
                    <label>
                        <input type="radio" name="contact" value={attribute.clone()}
                            checked={*chosen == index} {onchange} />
                        { format!("{label}: {value}") }
                    </label>
                }
            })
            .collect();
        let onsubmit = {
            let context = context.clone();
            Callback::from(move |values: FormValues| {
                let attribute = values.get("contact");
                if !attribute.is_empty() {
                    context.verify_contact(attribute);
                }
            })
        };
        let choice = html! {
            <fieldset>
                <legend class="amplify-visually-hidden">{ context.t("Verify Contact") }</legend>
                { options }
            </fieldset>
        };
        (Vec::new(), "Verify", onsubmit, choice)
    };
    html! {
        <Screen title={context.t("Verify Contact")} {intro} submit_label={context.t(submit_label)}
            pending_label={context.t(submit_label)} {fields} {onsubmit} {footer}>
            { contents }
        </Screen>
    }
}
