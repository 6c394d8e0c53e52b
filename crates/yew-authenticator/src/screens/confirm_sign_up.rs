//! ConfirmSignUp: the code sent after sign-up, with a resend button.

use yew::prelude::*;

use super::{GoTo, use_text};
use crate::authenticator::ErrorField;
use crate::machine::AuthState;
use crate::screens::confirm_sign_in::delivery_text;
use crate::ui::{Field, Screen, use_field_error};
use crate::use_authenticator;

/// Shown in the `ConfirmSignUp` state.
#[component]
pub fn ConfirmSignUp() -> Html {
    let context = use_authenticator();
    let remembered = context.data().username.clone();
    let (username, set_username) = use_text(|| remembered.unwrap_or_default());
    let (code, set_code) = use_text(String::new);
    let code_error = use_field_error(ErrorField::Code);
    let username_error = use_field_error(ErrorField::Username);
    if context.state() != AuthState::ConfirmSignUp {
        return html! {};
    }
    let known_username = context.data().username.is_some();
    let onsubmit = {
        let (context, username, code) = (context.clone(), username.clone(), code.clone());
        Callback::from(move |()| {
            context.confirm_sign_up(username.trim().to_owned(), code.trim().to_owned())
        })
    };
    let resend = {
        let (context, username) = (context.clone(), username.clone());
        Callback::from(move |_| context.resend_sign_up_code(username.trim().to_owned()))
    };
    let footer = html! {
        <>
            <button type="button" class="amplify-button-link" onclick={resend}>{ context.t("Resend Code") }</button>
            <GoTo state={AuthState::SignIn} label={context.t("Back to Sign In")} />
        </>
    };
    html! {
        <Screen
            title={context.t("Confirm Sign Up")}
            intro={delivery_text(&context, context.data().code_delivery.as_ref())}
            submit_label={context.t("Confirm")}
            pending_label={context.t("Confirm")}
            fields={if known_username { vec![ErrorField::Code] } else { vec![ErrorField::Code, ErrorField::Username] }}
            {onsubmit}
            {footer}
        >
            if !known_username {
                <Field name="username" label={context.t("Username")} value={(*username).clone()}
                    oninput={set_username} required=true autocomplete="username" error={username_error} />
            }
            <Field name="code" label={context.t("Confirmation Code")} value={(*code).clone()} oninput={set_code}
                placeholder={context.t("Enter your code")} required=true autocomplete="one-time-code" error={code_error} />
        </Screen>
    }
}
