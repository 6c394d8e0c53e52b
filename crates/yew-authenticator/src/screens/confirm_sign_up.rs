//! ConfirmSignUp: the code sent after sign-up, with a resend button.

use yew::prelude::*;

use super::{FormValues, go_to};
use crate::authenticator::ErrorField;
use crate::machine::AuthState;
use crate::screens::confirm_sign_in::delivery_text;
use crate::ui::{CODE_FIELD, Field, Screen, code_field, use_field_error};
use crate::use_authenticator;

/// Shown in the `ConfirmSignUp` state.
#[component]
pub fn ConfirmSignUp() -> Html {
    let context = use_authenticator();
    let code_error = use_field_error(ErrorField::Code);
    let username_error = use_field_error(ErrorField::Username);
    let form = use_node_ref();
    if context.state() != AuthState::ConfirmSignUp {
        return html! {};
    }
    // The user signing up or signing in is known; someone arriving otherwise types the name.
    let known = context.data().username.clone();
    let username_of = {
        let known = known.clone();
        move |values: &FormValues| known.clone().unwrap_or_else(|| values.trimmed("username"))
    };
    let onsubmit = {
        let (context, username_of) = (context.clone(), username_of.clone());
        Callback::from(move |values: FormValues| {
            context.confirm_sign_up(username_of(&values), values.trimmed(CODE_FIELD))
        })
    };
    let resend = {
        let (context, form) = (context.clone(), form.clone());
        Callback::from(move |_| {
            let values = form
                .cast::<web_sys::HtmlFormElement>()
                .map(|f| FormValues::from_form(&f))
                .unwrap_or_default();
            context.resend_sign_up_code(username_of(&values));
        })
    };
    let footer = html! {
        <>
            <button type="button" class="amplify-button-link" onclick={resend}>{ context.t("Resend Code") }</button>
            { go_to(&context, AuthState::SignIn, context.t("Back to Sign In")) }
        </>
    };
    let fields = if known.is_some() {
        vec![ErrorField::Code]
    } else {
        vec![ErrorField::Code, ErrorField::Username]
    };
    html! {
        <Screen
            title={context.t("Confirm Sign Up")}
            intro={delivery_text(&context, context.data().code_delivery.as_ref())}
            submit_label={context.t("Confirm")}
            pending_label={context.t("Confirm")}
            {fields}
            {onsubmit}
            {footer}
            form_ref={form}
        >
            if known.is_none() {
                <Field name="username" label={context.t("Username")} required=true autocomplete="username"
                    error={username_error} />
            }
            { code_field(context.t("Confirmation Code").into(), Some(context.t("Enter your code").into()), code_error) }
        </Screen>
    }
}
