//! RequireNewPassword: an administrator-created user chooses a password and gives the
//! attributes the pool requires.

use std::collections::BTreeMap;

use cognito_auth::SignInStep;
use yew::prelude::*;

use super::{GoTo, use_text};
use crate::authenticator::ErrorField;
use crate::machine::AuthState;
use crate::sign_up_fields::FieldType;
use crate::ui::{Field, Screen, use_field_error};
use crate::use_authenticator;

/// Shown in the `RequireNewPassword` state.
#[component]
pub fn RequireNewPassword() -> Html {
    let context = use_authenticator();
    let (password, set_password) = use_text(String::new);
    let attributes = use_state(BTreeMap::<String, String>::new);
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
        let (context, password, attributes) =
            (context.clone(), password.clone(), attributes.clone());
        Callback::from(move |()| {
            context.complete_new_password((*password).clone(), (*attributes).clone())
        })
    };
    let attribute_fields: Html = required
        .iter()
        .map(|name| {
            let oninput = {
                let (attributes, name) = (attributes.clone(), name.clone());
                Callback::from(move |text: String| {
                    let mut next = (*attributes).clone();
                    next.insert(name.clone(), text);
                    attributes.set(next);
                })
            };
            html! {
                <Field name={name.clone()} label={context.t(&attribute_label(name))}
                    value={attributes.get(name).cloned().unwrap_or_default()} {oninput} required=true />
            }
        })
        .collect();
    let footer = html! { <GoTo state={AuthState::SignIn} label={context.t("Back to Sign In")} /> };
    html! {
        <Screen title={context.t("Change Password")} submit_label={context.t("Change Password")}
            pending_label={context.t("Change Password")} fields={vec![ErrorField::Password]} {onsubmit} {footer}>
            <Field name="password" label={context.t("New Password")} kind={FieldType::Password}
                value={(*password).clone()} oninput={set_password} required=true autocomplete="new-password"
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
                .map(|first| first.to_uppercase().collect::<String>() + chars.as_str())
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
