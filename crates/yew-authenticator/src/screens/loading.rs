//! Loading: shown while a stored session is restored, instead of a flash of the sign-in form.

use yew::prelude::*;

use crate::machine::AuthState;
use crate::use_authenticator;

/// Shown in the `Loading` state.
#[component]
pub fn Loading() -> Html {
    let context = use_authenticator();
    if context.state() != AuthState::Loading {
        return html! {};
    }
    html! { <div role="status" aria-live="polite" data-amplify-loading="">{ context.t("Loading") }</div> }
}
