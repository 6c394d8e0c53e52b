//! `ShowIn`: content that renders only in chosen auth states (Amplify's `_validAuthStates`).

use yew::prelude::*;

use crate::machine::AuthState;
use crate::use_authenticator;

/// Props of [`ShowIn`].
#[derive(Debug, Properties, PartialEq)]
pub struct ShowInProps {
    /// The states the children show in.
    pub states: Vec<AuthState>,
    #[prop_or_default]
    pub children: Html,
}

/// Renders its children only in the given states, e.g. an app shown only when signed in:
///
/// ```no_run
/// use yew::prelude::*;
/// use yew_authenticator::{AuthState, ShowIn};
///
/// #[component]
/// fn Protected() -> Html {
///     html! { <ShowIn states={vec![AuthState::SignedIn]}><p>{ "Secret things" }</p></ShowIn> }
/// }
/// ```
#[component]
pub fn ShowIn(props: &ShowInProps) -> Html {
    let context = use_authenticator();
    if props.states.contains(&context.state()) {
        props.children.clone()
    } else {
        html! {}
    }
}
