//! SignUp: the configured fields, a dial code for phone numbers, password rules and a
//! confirm-password field.

use cognito_auth::{PasswordPolicy, SignUpInput};
use yew::prelude::*;

use super::{FormValues, go_to};
use crate::authenticator::{AuthenticatorContext, ErrorField};
use crate::machine::AuthState;
use crate::sign_up_fields::{FieldType, effective_fields};
use crate::ui::{Field, Screen, use_field_error};
use crate::use_authenticator;

/// The dial code chosen until the person picks another (Amplify UI's default).
const DEFAULT_DIAL_CODE: &str = "+1";

/// Country calling codes offered for phone numbers.
const DIAL_CODES: &[&str] = &[
    "+1", "+7", "+33", "+34", "+39", "+44", "+49", "+52", "+55", "+61", "+81", "+82", "+86", "+91",
];

/// Form fields that are not user attributes.
const NOT_ATTRIBUTES: &[&str] = &["username", "password", "confirm_password", "dial_code"];

/// Shown in the `SignUp` state.
#[component]
pub fn SignUp() -> Html {
    let context = use_authenticator();
    let mismatch = use_state(|| false);
    let username_error = use_field_error(ErrorField::Username);
    let password_error = use_field_error(ErrorField::Password);
    if context.state() != AuthState::SignUp {
        return html! {};
    }
    let attribute = context.options().username_attribute;
    let fields = effective_fields(&context.options().sign_up_fields, attribute);
    let username_key = fields.first().map(|f| f.key.clone()).unwrap_or_default();
    let policy_hint = context
        .auth()
        .config()
        .password_policy
        .as_ref()
        .map(|p| policy_text(&context, p));

    let onsubmit = {
        let (context, mismatch, username_key) =
            (context.clone(), mismatch.clone(), username_key.clone());
        Callback::from(move |values: FormValues| {
            let password = values.get("password");
            if password != values.get("confirm_password") {
                mismatch.set(true);
                return;
            }
            mismatch.set(false);
            let mut input = SignUpInput::new(value(&values, &username_key), password);
            for key in values
                .0
                .keys()
                .filter(|key| !NOT_ATTRIBUTES.contains(&key.as_str()))
            {
                let text = value(&values, key);
                if !text.is_empty() {
                    input = input.attribute(key.clone(), text);
                }
            }
            context.sign_up(input);
        })
    };

    // Right after the password, as in Amplify UI.
    let confirm_password = html! {
        <Field
            name="confirm_password"
            label={context.t("Confirm Password")}
            placeholder={context.t("Please confirm your Password")}
            kind={FieldType::Password}
            required=true
            autocomplete="new-password"
            error={mismatch.then(|| context.t("Your passwords must match"))}
        />
    };
    let field_views: Html = fields
        .iter()
        .map(|field| {
            let error = if field.key == username_key {
                username_error.clone()
            } else if field.key == "password" {
                password_error.clone()
            } else {
                None
            };
            let input = html! {
                <Field
                    name={field.key.clone()}
                    label={context.t(&field.label)}
                    kind={field.kind}
                    placeholder={field.placeholder.as_ref().map(|p| AttrValue::from(context.t(p)))}
                    required={field.required}
                    autocomplete={field.autocomplete()}
                    {error}
                    hint={(field.key == "password").then(|| policy_hint.clone()).flatten()}
                />
            };
            if field.key == "password" {
                return html! { <>{ input }{ confirm_password.clone() }</> };
            }
            if field.kind != FieldType::Tel {
                return input;
            }
            html! {
                <fieldset>
                    <label for="amplify-dial-code">{ context.t("Dial code") }</label>
                    <select id="amplify-dial-code" name="dial_code" autocomplete="tel-country-code" dir="ltr">
                        { for DIAL_CODES.iter().map(|code| html! {
                            <option value={*code} selected={*code == DEFAULT_DIAL_CODE}>{ *code }</option>
                        }) }
                    </select>
                    { input }
                </fieldset>
            }
        })
        .collect();

    let footer = go_to(&context, AuthState::SignIn, context.t("Back to Sign In"));
    html! {
        <Screen
            title={context.t("Create Account")}
            submit_label={context.t("Create Account")}
            pending_label={context.t("Creating Account")}
            fields={vec![ErrorField::Username, ErrorField::Password]}
            {onsubmit}
            {footer}
        >
            { field_views }
        </Screen>
    }
}

/// A field's value as sent: trimmed, and phone numbers typed without `+` get the dial code.
fn value(values: &FormValues, key: &str) -> String {
    let text = values.trimmed(key);
    if key == "phone_number" && !text.is_empty() && !text.starts_with('+') {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        format!("{}{digits}", values.get("dial_code"))
    } else {
        text
    }
}

/// "Password must have: at least 8 characters, an uppercase letter, ..." from the pool's policy.
fn policy_text(context: &AuthenticatorContext, policy: &PasswordPolicy) -> String {
    let mut rules = Vec::new();
    if let Some(length) = policy.min_length {
        rules.push(
            context
                .i18n()
                .format("at least {} characters", &length.to_string()),
        );
    }
    for (required, text) in [
        (policy.require_lowercase, "a lowercase letter"),
        (policy.require_uppercase, "an uppercase letter"),
        (policy.require_numbers, "a number"),
        (policy.require_symbols, "a symbol"),
    ] {
        if required {
            rules.push(context.t(text));
        }
    }
    format!("{}: {}", context.t("Password must have"), rules.join(", "))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn phone_numbers_without_a_plus_get_the_dial_code() {
        let values = FormValues(BTreeMap::from([
            ("dial_code".to_owned(), "+44".to_owned()),
            ("phone_number".to_owned(), " 7700 900123 ".to_owned()),
        ]));
        assert_eq!(value(&values, "phone_number"), "+447700900123");
        let full = FormValues(BTreeMap::from([(
            "phone_number".to_owned(),
            "+15551234567".to_owned(),
        )]));
        assert_eq!(value(&full, "phone_number"), "+15551234567");
    }
}
