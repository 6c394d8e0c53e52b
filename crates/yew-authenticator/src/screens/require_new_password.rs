//! RequireNewPassword: an administrator-created user chooses a password and gives the
//! attributes the pool requires.

use cognito_auth::SignInStep;
use yew::prelude::*;

use super::{FormValues, go_to};
use crate::authenticator::ErrorField;
use crate::machine::AuthState;
use crate::sign_up_fields::FieldType;
use crate::ui::{Field, Screen, use_field_error};
use crate::use_authenticator;

/// Shown in the `RequireNewPassword` state.
#[component]
pub fn RequireNewPassword() -> Html {
    let context = use_authenticator();
    let password_error = use_field_error(ErrorField::Password);
    if context.state() != AuthState::RequireNewPassword {
        return html! {};
    }
    let required = match &context.data().challenge {
        Some(SignInStep::ConfirmSignInWithNewPassword {
            required_attributes,
            ..
        }) => required_attributes.clone(),
        _ => Vec::new(),
    };
    let onsubmit = {
        let (context, required) = (context.clone(), required.clone());
        Callback::from(move |values: FormValues| {
            // Inserted one by one: collecting into a map sorts, and every sort is more wasm.
            let mut attributes = std::collections::BTreeMap::new();
            for name in &required {
                attributes.insert(name.clone(), values.trimmed(name));
            }
            context.complete_new_password(values.get("password"), attributes)
        })
    };
    let attribute_fields: Html = required
        .iter()
        .map(|name| {
            html! {
                <Field name={name.clone()} label={context.t(&attribute_label(name))}
                    required=true />
            }
        })
        .collect();
    let footer = go_to(&context, AuthState::SignIn, context.t("Back to Sign In"));
    html! {
        <Screen title={context.t("Change Password")} submit_label={context.t("Change Password")}
            pending_label={context.t("Change Password")} fields={vec![ErrorField::Password]} {onsubmit} {footer}>
            <Field name="password" label={context.t("New Password")} kind={FieldType::Password}
                required=true autocomplete="new-password"
                error={password_error} />
            { attribute_fields }
        </Screen>
    }
}

/// `given_name` -> `Given Name`; `custom:team` -> `Team`.
fn attribute_label(name: &str) -> String {
    name.trim_start_matches("custom:")
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| {
                    cognito_auth::case::to_uppercase(first.encode_utf8(&mut [0; 4]))
                        + chars.as_str()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn attribute_names_become_labels() {
        assert_eq!(super::attribute_label("given_name"), "Given Name");
        assert_eq!(super::attribute_label("custom:team"), "Team");
    }
}
