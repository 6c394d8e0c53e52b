//! MFA and attributes: a signed-in user sets up TOTP (QR code) through `SelectMfaType`, then signs
//! in with a TOTP code; the user's email is changed and verified with the code sent to it.
//!
//! The app reads its configuration from `auth-config.json` next to the page (`cargo xtask demo
//! --example mfa` puts the server's there).

use std::collections::BTreeMap;

use cognito_auth::MfaPreference;
use web_sys::HtmlFormElement;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_authenticator::screens::{FormValues, SelectMfaType};
use yew_authenticator::use_auth_from_url;
use yew_authenticator::{SignedInProps, WithAuthenticator, use_auth};

/// The signed-in app: MFA settings and attributes.
#[component]
fn App(props: &SignedInProps) -> Html {
    let sign_out = props.on_sign_out.reform(|_: MouseEvent| ());
    html! {
        <main style="max-width: 44rem; margin: 2rem auto; font-family: system-ui, sans-serif; overflow-wrap: anywhere;">
            <h1>{ format!("Signed in as {}", props.user.username) }</h1>
            <MfaSettings />
            <Attributes />
            <button id="app-sign-out" onclick={sign_out}>{ "Sign out" }</button>
        </main>
    }
}

/// The preferred MFA method and the choice of another.
#[component]
fn MfaSettings() -> Html {
    let auth = use_auth().auth;
    let preferred = use_state(|| None::<Result<MfaPreference, String>>);
    {
        let preferred = preferred.clone();
        use_effect_with((), move |()| {
            spawn_local(async move {
                preferred.set(Some(
                    auth.get_preferred_mfa().await.map_err(|e| e.to_string()),
                ));
            });
        });
    }
    // A method saved here is the preferred one now (TOTP gets there through its setup screen,
    // after which this section is shown afresh).
    let on_saved = {
        let preferred = preferred.clone();
        Callback::from(move |mfa: MfaPreference| preferred.set(Some(Ok(mfa))))
    };
    let shown = match &*preferred {
        None => "…".to_owned(),
        Some(Ok(MfaPreference::Totp)) => "TOTP".to_owned(),
        Some(Ok(MfaPreference::Sms)) => "SMS".to_owned(),
        Some(Ok(_)) => "none".to_owned(),
        Some(Err(error)) => error.clone(),
    };
    html! {
        <section aria-labelledby="mfa-heading">
            <h2 id="mfa-heading">{ "Two-factor authentication" }</h2>
            <p>{ "Preferred method: " }<strong id="preferred-mfa">{ shown }</strong></p>
            // Choosing TOTP opens the TOTP setup screen with its QR code.
            <SelectMfaType {on_saved} />
        </section>
    }
}

/// Where the email change stands.
#[derive(Debug, Clone, PartialEq)]
enum EmailChange {
    Idle,
    Working,
    /// A code went to the new address.
    CodeSent(String),
    Verified,
    Failed(String),
}

/// The user's attributes, and an email change verified with a code.
#[component]
fn Attributes() -> Html {
    let auth = use_auth().auth;
    let attributes = use_state(|| None::<Result<BTreeMap<String, String>, String>>);
    let change = use_state(|| EmailChange::Idle);
    // Reloaded whenever the change moves on, so `email_verified` shows what the server says.
    {
        let (attributes, auth) = (attributes.clone(), auth.clone());
        use_effect_with((*change).clone(), move |_| {
            spawn_local(async move {
                attributes.set(Some(
                    auth.user_attributes().await.map_err(|e| e.to_string()),
                ));
            });
        });
    }
    let on_new_email = {
        let (auth, change) = (auth.clone(), change.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let form: HtmlFormElement = event.target_unchecked_into();
            let email = FormValues::from_form(&form).trimmed("new-email");
            let (auth, change) = (auth.clone(), change.clone());
            change.set(EmailChange::Working);
            spawn_local(async move {
                let update = BTreeMap::from([("email".to_owned(), email.clone())]);
                change.set(match auth.update_user_attributes(update).await {
                    Ok(_) => EmailChange::CodeSent(email),
                    Err(error) => EmailChange::Failed(error.to_string()),
                });
            });
        })
    };
    let on_code = {
        let (auth, change) = (auth.clone(), change.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let form: HtmlFormElement = event.target_unchecked_into();
            let code = FormValues::from_form(&form).trimmed("email-code");
            let (auth, change) = (auth.clone(), change.clone());
            spawn_local(async move {
                change.set(
                    match auth
                        .verify_current_user_attribute_submit("email", &code)
                        .await
                    {
                        Ok(()) => EmailChange::Verified,
                        Err(error) => EmailChange::Failed(error.to_string()),
                    },
                );
            });
        })
    };
    let on_resend = {
        let (auth, change) = (auth.clone(), change.clone());
        Callback::from(move |_: MouseEvent| {
            let (auth, change) = (auth.clone(), change.clone());
            spawn_local(async move {
                if let Err(error) = auth.verify_current_user_attribute("email").await {
                    change.set(EmailChange::Failed(error.to_string()));
                }
            });
        })
    };
    let list = match &*attributes {
        None => html! { <p>{ "Loading…" }</p> },
        Some(Err(error)) => html! { <p role="alert">{ error }</p> },
        Some(Ok(map)) => html! {
            <dl id="attributes">
                { for map.iter().map(|(name, value)| html! {
                    <><dt>{ name }</dt><dd data-attribute={name.clone()}>{ value }</dd></>
                }) }
            </dl>
        },
    };
    let step = match &*change {
        EmailChange::Idle | EmailChange::Working => html! {
            <form id="email-form" onsubmit={on_new_email}>
                <label for="new-email">{ "New email" }</label>
                <input id="new-email" name="new-email" type="email" autocomplete="email" required=true />
                <button type="submit" disabled={*change == EmailChange::Working}>{ "Change email" }</button>
            </form>
        },
        EmailChange::CodeSent(email) => html! {
            <form id="email-code-form" onsubmit={on_code}>
                <p role="status">{ format!("We sent a code to {email}.") }</p>
                <label for="email-code">{ "Verification code" }</label>
                <input id="email-code" name="email-code" autocomplete="one-time-code" required=true />
                <button type="submit">{ "Verify email" }</button>
                <button type="button" onclick={on_resend}>{ "Send the code again" }</button>
            </form>
        },
        EmailChange::Verified => {
            html! { <p role="status" id="email-verified">{ "Email verified." }</p> }
        }
        EmailChange::Failed(message) => {
            let again = {
                let change = change.clone();
                Callback::from(move |_: MouseEvent| change.set(EmailChange::Idle))
            };
            html! { <><p role="alert">{ message }</p><button onclick={again}>{ "Try again" }</button></> }
        }
    };
    html! {
        <section aria-labelledby="attributes-heading">
            <h2 id="attributes-heading">{ "Your attributes" }</h2>
            { list }
            <h3>{ "Change your email" }</h3>
            { step }
        </section>
    }
}

/// Loads `auth-config.json` from the site's root (so it is found from any route), then shows
/// the app.
#[component]
fn Root() -> Html {
    use_auth_from_url("/auth-config.json")
        .render(|auth| html! { <WithAuthenticator<App> auth={auth} include_greetings=true /> })
}

fn main() {
    yew::Renderer::<Root>::new().render();
}
