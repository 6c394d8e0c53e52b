//! SignIn: username (or email / phone) and password, with federated buttons above when asked.

use yew::prelude::*;

use super::{FormValues, go_to};
use crate::authenticator::ErrorField;
use crate::federated::FederatedButtons;
use crate::machine::AuthState;
use crate::sign_up_fields::FieldType;
use crate::ui::{Field, Screen, use_field_error};
use crate::use_authenticator;

/// Shown in the `SignIn` state.
#[component]
pub fn SignIn() -> Html {
    let context = use_authenticator();
    let username_error = use_field_error(ErrorField::Username);
    let password_error = use_field_error(ErrorField::Password);
    if context.state() != AuthState::SignIn {
        return html! {};
    }
    let attribute = context.options().username_attribute;
    let (kind, autocomplete) = attribute.input();
    let onsubmit = {
        let context = context.clone();
        Callback::from(move |values: FormValues| {
            context.sign_in(values.trimmed("username"), values.get("password"))
        })
    };
    let footer = html! {
        <>
            { go_to(&context, AuthState::ForgotPassword, context.t("Forgot your password?")) }
            if !context.options().hide_sign_up {
                { go_to(&context, AuthState::SignUp, context.t("Create Account")) }
            }
        </>
    };
    // The buttons and their divider, when the configuration leaves any button to show.
    let federated = context
        .options()
        .federated
        .clone()
        .filter(|federated| !federated.resolve(context.auth()).is_empty());
    let above_fields = match federated {
        Some(federated) => html! {
            <>
                <FederatedButtons {federated} />
                <div class="amplify-divider">{ context.t("or") }</div>
            </>
        },
        None => html! {},
    };
    html! {
        <Screen
            title={context.t("Sign In")}
            submit_label={context.t("Sign In")}
            pending_label={context.t("Signing in")}
            fields={vec![ErrorField::Username, ErrorField::Password]}
            {onsubmit}
            {footer}
            {above_fields}
        >
            <Field
                name="username"
                label={context.t(attribute.label())}
                {kind}
                initial={context.data().username.clone().map(AttrValue::from)}
                placeholder={context.t(&format!("Enter your {}", attribute.label()))}
                required=true
                autocomplete={autocomplete}
                error={username_error}
            />
            <Field
                name="password"
                label={context.t("Password")}
                kind={FieldType::Password}
                placeholder={context.t("Enter your Password")}
                required=true
                autocomplete="current-password"
                error={password_error}
            />
        </Screen>
    }
}
