//! SignUp: the configured fields, a dial code for phone numbers, password rules and a
//! confirm-password field.

use std::collections::BTreeMap;

use cognito_auth::{PasswordPolicy, SignUpInput};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{GoTo, use_text};
use crate::authenticator::ErrorField;
use crate::machine::AuthState;
use crate::sign_up_fields::{FieldType, effective_fields};
use crate::ui::{Field, Screen, use_field_error};
use crate::use_authenticator;

/// Country calling codes offered for phone numbers.
const DIAL_CODES: &[&str] = &[
    "+1", "+7", "+33", "+34", "+39", "+44", "+49", "+52", "+55", "+61", "+81", "+82", "+86", "+91",
];

/// Shown in the `SignUp` state.
#[component]
pub fn SignUp() -> Html {
    let context = use_authenticator();
    let values = use_state(BTreeMap::<String, String>::new);
    let dial_code = use_state(|| "+1".to_owned());
    let (confirm, set_confirm) = use_text(String::new);
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
        let (context, values, dial_code, confirm, mismatch) = (
            context.clone(),
            values.clone(),
            dial_code.clone(),
            confirm.clone(),
            mismatch.clone(),
        );
        let username_key = username_key.clone();
        Callback::from(move |()| {
            let password = values.get("password").cloned().unwrap_or_default();
            if password != *confirm {
                mismatch.set(true);
                return;
            }
            mismatch.set(false);
            let value = |key: &str| {
                let text = values
                    .get(key)
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_default();
                if key == "phone_number" && !text.is_empty() && !text.starts_with('+') {
                    format!(
                        "{}{}",
                        *dial_code,
                        text.chars()
                            .filter(char::is_ascii_digit)
                            .collect::<String>()
                    )
                } else {
                    text
                }
            };
            let username = if username_key == "username" {
                value("username")
            } else {
                value(&username_key)
            };
            let mut input = SignUpInput::new(username, password);
            for key in values
                .keys()
                .filter(|k| *k != "username" && *k != "password")
            {
                let text = value(key);
                if !text.is_empty() {
                    input = input.attribute(key.clone(), text);
                }
            }
            context.sign_up(input);
        })
    };

    let field_views: Html = fields
        .iter()
        .map(|field| {
            let key = field.key.clone();
            let oninput = {
                let values = values.clone();
                let key = key.clone();
                Callback::from(move |text: String| {
                    let mut next = (*values).clone();
                    next.insert(key.clone(), text);
                    values.set(next);
                })
            };
            let error = if key == username_key {
                username_error.clone()
            } else if key == "password" {
                password_error.clone()
            } else {
                None
            };
            let input = html! {
                <Field
                    name={key.clone()}
                    label={context.t(&field.label)}
                    kind={field.kind}
                    value={values.get(&key).cloned().unwrap_or_default()}
                    {oninput}
                    placeholder={field.placeholder.as_ref().map(|p| AttrValue::from(context.t(p)))}
                    required={field.required}
                    autocomplete={field.autocomplete()}
                    {error}
                    hint={(key == "password").then(|| policy_hint.clone()).flatten()}
                />
            };
            if field.kind == FieldType::Tel {
                let onchange = {
                    let dial_code = dial_code.clone();
                    Callback::from(move |event: Event| {
                        dial_code.set(event.target_unchecked_into::<HtmlSelectElement>().value());
                    })
                };
                html! {
                    <fieldset>
                        <label for="amplify-dial-code">{ context.t("Dial code") }</label>
                        <select id="amplify-dial-code" {onchange} autocomplete="tel-country-code">
                            { for DIAL_CODES.iter().map(|code| html! {
                                <option value={*code} selected={*code == dial_code.as_str()}>{ *code }</option>
                            }) }
                        </select>
                        { input }
                    </fieldset>
                }
            } else {
                input
            }
        })
        .collect();

    let footer = html! { <GoTo state={AuthState::SignIn} label={context.t("Back to Sign In")} /> };
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
            <Field
                name="confirm_password"
                label={context.t("Confirm Password")}
                kind={FieldType::Password}
                value={(*confirm).clone()}
                oninput={set_confirm}
                required=true
                autocomplete="new-password"
                error={mismatch.then(|| context.t("Your passwords must match"))}
            />
        </Screen>
    }
}

/// "At least 8 characters, an uppercase letter, ..." from the pool's password policy.
fn policy_text(context: &crate::AuthenticatorContext, policy: &PasswordPolicy) -> String {
    let mut rules = Vec::new();
    if let Some(length) = policy.min_length {
        rules.push(context.t(&format!("at least {length} characters")));
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
