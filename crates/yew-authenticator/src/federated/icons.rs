//! Provider icons as inline SVG: small, drawn for this crate, hidden from screen readers.

use cognito_auth::OAuthProvider;
use yew::prelude::*;

use super::SignInWith;

/// The icon of a federated button.
pub(super) fn icon(with: &SignInWith) -> Html {
    let drawing = match with {
        SignInWith::Provider(OAuthProvider::Google) => html! {
            <path d="M19 8.5A8 8 0 1 0 20 12h-8" fill="none" stroke="#4285f4" stroke-width="3" />
        },
        SignInWith::Provider(OAuthProvider::Facebook) => html! {
            <>
                <circle cx="12" cy="12" r="11" fill="#1877f2" />
                <path fill="#fff" d="M13.5 23v-9.5h2.6l.4-3h-3V8.7c0-.9.3-1.5 1.6-1.5h1.5V4.5a20 20 0 0 0-2.3-.1c-2.3 0-3.8 1.4-3.8 3.9v2.2H8v3h2.5V23z" />
            </>
        },
        SignInWith::Provider(OAuthProvider::Amazon) => html! {
            <>
                <rect width="24" height="24" rx="4" fill="#232f3e" />
                <path d="M5 14.5c4 3 10 3 14 0" fill="none" stroke="#f90" stroke-width="2" stroke-linecap="round" />
                <path d="M16.2 13l3 1.3-.9 3" fill="none" stroke="#f90" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
            </>
        },
        SignInWith::Provider(OAuthProvider::Apple) => html! {
            <>
                <path fill="currentColor" d="M12 7.6c-1.6-1-4.2-.9-5.5 1.1-1.8 2.7-.8 7.2 1.3 9.8 1 1.2 2 1.6 3 1 1-.5 1.6-.5 2.4 0 1 .6 2 .2 3-1 .9-1.1 1.5-2.3 1.8-3.3-2.1-1-2.5-4-.4-5.4-1.4-2-3.8-2.2-5.6-1.2z" />
                <path fill="currentColor" d="M12.3 6.8c-.1-1.9 1.2-3.5 3-3.8.2 1.9-1.2 3.6-3 3.8z" />
            </>
        },
        // The hosted UI and other providers: a key.
        _ => html! {
            <>
                <circle cx="8" cy="12" r="4" fill="none" stroke="currentColor" stroke-width="2" />
                <path d="M12 12h9v3.5M17.5 12v3" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </>
        },
    };
    html! {
        <svg class="amplify-federated-icon" viewBox="0 0 24 24" width="20" height="20"
            aria-hidden="true" focusable="false">
            { drawing }
        </svg>
    }
}
