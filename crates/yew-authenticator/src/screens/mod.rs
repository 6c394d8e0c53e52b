//! The built-in screens. Each reads [`use_authenticator`](crate::use_authenticator) and shows
//! itself only in its states, so any of them can be replaced by an app's own component.

mod confirm_sign_in;
mod confirm_sign_up;
mod forgot_password;
mod greetings;
mod loading;
mod qr_code;
mod require_new_password;
mod select_mfa_type;
mod sign_in;
mod sign_up;
mod totp_setup;
mod verify_contact;

pub use confirm_sign_in::ConfirmSignIn;
pub use confirm_sign_up::ConfirmSignUp;
pub use forgot_password::ForgotPassword;
pub use greetings::{Greeting, Greetings, GreetingsProps};
pub use loading::Loading;
pub use qr_code::{QrCode, QrCodeProps};
pub use require_new_password::RequireNewPassword;
pub use select_mfa_type::{SelectMfaType, SelectMfaTypeProps};
pub use sign_in::SignIn;
pub use sign_up::SignUp;
pub use totp_setup::TotpSetup;
pub use verify_contact::VerifyContact;

use yew::prelude::*;

use crate::machine::AuthState;

/// A submitted form's values by field name. Read from the form itself at submit time, so values
/// a password manager filled in without input events are there too.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormValues(pub std::collections::BTreeMap<String, String>);

impl FormValues {
    /// Every named field of `form` (for radio buttons, the checked one).
    pub fn from_form(form: &web_sys::HtmlFormElement) -> Self {
        let mut values = std::collections::BTreeMap::new();
        let elements = form.elements();
        for index in 0..elements.length() {
            let Some(element) = elements.item(index) else {
                continue;
            };
            if let Some(input) =
                wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(&element)
            {
                let unchecked_choice =
                    matches!(input.type_().as_str(), "radio" | "checkbox") && !input.checked();
                if !input.name().is_empty() && !unchecked_choice {
                    values.insert(input.name(), input.value());
                }
            } else if let Some(select) =
                wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlSelectElement>(&element)
                && !select.name().is_empty()
            {
                values.insert(select.name(), select.value());
            }
        }
        Self(values)
    }

    /// A field's value, empty when absent.
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_default()
    }

    /// A field's value without surrounding spaces.
    pub fn trimmed(&self, key: &str) -> String {
        self.get(key).trim().to_owned()
    }
}

/// A link-styled button that moves the machine to `state`. A function of the screen's context
/// rather than a component: each component type costs every app about half a kilobyte of wasm.
pub(crate) fn go_to(
    context: &crate::authenticator::AuthenticatorContext,
    state: AuthState,
    label: String,
) -> Html {
    let context = context.clone();
    let onclick = Callback::from(move |_| context.go_to(state));
    html! { <button type="button" class="amplify-button-link" {onclick}>{ label }</button> }
}
