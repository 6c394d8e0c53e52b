//! ForgotPassword: first the username, then the code and a new password.

use yew::prelude::*;

use super::{FormValues, go_to};
use crate::authenticator::ErrorField;
use crate::machine::AuthState;
use crate::screens::confirm_sign_in::delivery_text;
use crate::sign_up_fields::FieldType;
use crate::ui::{CODE_FIELD, Field, Screen, code_field, use_field_error};
use crate::use_authenticator;

/// Shown in the `ForgotPassword` state.
#[component]
pub fn ForgotPassword() -> Html {
    let context = use_authenticator();
    let username_error = use_field_error(ErrorField::Username);
    let code_error = use_field_error(ErrorField::Code);
    let password_error = use_field_error(ErrorField::Password);
    if context.state() != AuthState::ForgotPassword {
        return html! {};
    }
    let back = go_to(&context, AuthState::SignIn, context.t("Back to Sign In"));
    let label = context.t(context.options().username_attribute.label());
    let username = context.data().username.clone().unwrap_or_default();
    if !context.data().reset_code_sent {
        let onsubmit = {
            let context = context.clone();
            Callback::from(move |values: FormValues| {
                context.forgot_password(values.trimmed("username"))
            })
        };
        return html! {
            <Screen title={context.t("Reset your password")} submit_label={context.t("Send code")}
                pending_label={context.t("Send code")} fields={vec![ErrorField::Username]} {onsubmit} footer={back}>
                <Field name="username" {label} initial={AttrValue::from(username)} required=true
                    autocomplete="username" error={username_error} />
            </Screen>
        };
    }
    let onsubmit = {
        let (context, username) = (context.clone(), username.clone());
        Callback::from(move |values: FormValues| {
            context.forgot_password_submit(
                username.clone(),
                values.trimmed(CODE_FIELD),
                values.get("password"),
            )
        })
    };
    let resend = {
        let context = context.clone();
        Callback::from(move |_| context.forgot_password(username.clone()))
    };
    let footer = html! {
        <>
            <button type="button" class="amplify-button-link" onclick={resend}>{ context.t("Resend Code") }</button>
            { back }
        </>
    };
    html! {
        <Screen title={context.t("Reset your password")}
            intro={delivery_text(&context, context.data().code_delivery.as_ref())}
            submit_label={context.t("Submit")} pending_label={context.t("Submit")}
            fields={vec![ErrorField::Code, ErrorField::Password]} {onsubmit} {footer}>
            { code_field(context.t("Code").into(), Some(context.t("Enter your code").into()), code_error) }
            <Field name="password" label={context.t("New Password")} kind={FieldType::Password} required=true
                autocomplete="new-password" error={password_error} />
        </Screen>
    }
}
