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

/// A text field's state and its input callback, for the screens' forms.
#[hook]
pub(crate) fn use_text(
    initial: impl FnOnce() -> String,
) -> (UseStateHandle<String>, Callback<String>) {
    let value = use_state(initial);
    let set = {
        let value = value.clone();
        Callback::from(move |text: String| value.set(text))
    };
    (value, set)
}

/// A link-styled button that moves the machine to `state`.
#[component]
pub(crate) fn GoTo(props: &GoToProps) -> Html {
    let context = crate::use_authenticator();
    let state = props.state;
    let onclick = Callback::from(move |_| context.go_to(state));
    html! { <button type="button" class="amplify-button-link" {onclick}>{ &props.label }</button> }
}

#[derive(Debug, Properties, PartialEq)]
pub(crate) struct GoToProps {
    pub state: AuthState,
    pub label: AttrValue,
}
