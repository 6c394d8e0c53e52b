//! Greetings: the signed-in (or signed-out) greeting and the sign-out button.

use std::rc::Rc;

use stylist::yew::use_style;
use stylist::{StyleSource, css};
use yew::prelude::*;

use crate::machine::AuthState;
use crate::ui::CONTROL_RADIUS;
use crate::use_authenticator;

/// A greeting: fixed text, or made from the username.
#[derive(Clone)]
pub enum Greeting {
    Text(AttrValue),
    FromUsername(Rc<dyn Fn(&str) -> String>),
}

impl Greeting {
    fn render(&self, username: &str) -> String {
        match self {
            Self::Text(text) => text.to_string(),
            Self::FromUsername(make) => make(username),
        }
    }
}

impl PartialEq for Greeting {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Text(a), Self::Text(b)) => a == b,
            (Self::FromUsername(a), Self::FromUsername(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl std::fmt::Debug for Greeting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Text(text) => f.debug_tuple("Text").field(text).finish(),
            Self::FromUsername(_) => f.write_str("FromUsername(..)"),
        }
    }
}

/// Props of [`Greetings`].
#[derive(Debug, Properties, PartialEq)]
pub struct GreetingsProps {
    /// Shown when signed in; "Hello {username}" by default.
    #[prop_or_default]
    pub signed_in: Option<Greeting>,
    /// Shown when signed out; nothing by default.
    #[prop_or_default]
    pub signed_out: Option<Greeting>,
}

thread_local! {
    /// The greeting bar's sheet (`CONTROL_RADIUS` says why it is built here).
    static GREETINGS: StyleSource = css!(
        r#"
display: flex;
justify-content: space-between;
align-items: center;
gap: var(--amplify-space-medium);
padding: var(--amplify-space-small) var(--amplify-space-medium);
font-family: var(--amplify-fonts-default-variable);
color: var(--amplify-colors-font-primary);
background: var(--amplify-colors-background-secondary);
border-bottom: var(--amplify-border-widths-small) solid var(--amplify-colors-border-secondary);
overflow-wrap: anywhere;
button {
  flex-shrink: 0;
  font: inherit;
  cursor: pointer;
  padding: var(--amplify-space-xs) var(--amplify-space-medium);
  color: var(--amplify-components-button-primary-color);
  background: var(--amplify-components-button-primary-background-color);
  border: none;
  border-radius: ${radius};
}
button:hover { background: var(--amplify-components-button-primary-hover-background-color); }
"#,
        radius = CONTROL_RADIUS
    );
}

/// A bar with the greeting and, when signed in, a sign-out button.
#[component]
pub fn Greetings(props: &GreetingsProps) -> Html {
    let context = use_authenticator();
    let style = use_style(GREETINGS.with(StyleSource::clone));
    let username = context
        .data()
        .user
        .as_ref()
        .map(|user| user.username.clone())
        .unwrap_or_default();
    let signed_in = context.state() == AuthState::SignedIn;
    if !signed_in && props.signed_out.is_none() {
        return html! {};
    }
    let text = if signed_in {
        props.signed_in.as_ref().map_or_else(
            || format!("{} {username}", context.t("Hello")),
            |g| g.render(&username),
        )
    } else {
        props
            .signed_out
            .as_ref()
            .map(|g| g.render(""))
            .unwrap_or_default()
    };
    let sign_out = {
        let context = context.clone();
        Callback::from(move |_| context.sign_out())
    };
    html! {
        <nav aria-label={context.t("Account")} data-amplify-greetings="" class={style}>
            <span data-amplify-greeting="">{ text }</span>
            if signed_in {
                <button type="button" onclick={sign_out}
                    disabled={context.is_pending()}>{ context.t("Sign Out") }</button>
            }
        </nav>
    }
}
