//! SelectMfaType: a signed-in user picks SMS, TOTP or no MFA from an allowed set.

use cognito_auth::MfaPreference;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::machine::AuthState;
use crate::ui::use_authenticator_style;
use crate::use_authenticator;

/// Props of [`SelectMfaType`].
#[derive(Debug, Properties, PartialEq)]
pub struct SelectMfaTypeProps {
    /// The methods to offer (Amplify's `MFATypes`); all three by default.
    #[prop_or(vec![MfaPreference::Sms, MfaPreference::Totp, MfaPreference::NoMfa])]
    pub allowed: Vec<MfaPreference>,
    /// Called with the preference once it is saved (SMS or no MFA; TOTP goes through TOTP setup
    /// first), so the page can show the new one.
    #[prop_or_default]
    pub on_saved: Callback<MfaPreference>,
}

/// The radio value of a preference.
fn preference_value(mfa: MfaPreference) -> &'static str {
    match mfa {
        MfaPreference::Sms => "sms",
        MfaPreference::Totp => "totp",
        _ => "none",
    }
}

/// What happened to the last choice.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Idle,
    Saving,
    Saved(MfaPreference),
    Failed(String),
}

/// Lets a signed-in user set the preferred MFA method. Choosing TOTP opens TOTP setup.
#[component]
pub fn SelectMfaType(props: &SelectMfaTypeProps) -> Html {
    let context = use_authenticator();
    // Styled and themed like the Authenticator's screens, though it sits in the app's page.
    let style = use_authenticator_style();
    let choice = use_state(|| None::<MfaPreference>);
    let outcome = use_state(|| Outcome::Idle);
    if context.state() != AuthState::SignedIn {
        return html! {};
    }
    let label = |mfa: &MfaPreference| match mfa {
        MfaPreference::Sms => context.t("SMS"),
        MfaPreference::Totp => context.t("TOTP"),
        _ => context.t("No MFA"),
    };
    let options: Html = props
        .allowed
        .iter()
        .map(|mfa| {
            let onchange = {
                let (choice, mfa) = (choice.clone(), *mfa);
                Callback::from(move |_| choice.set(Some(mfa)))
            };
            html! { <label><input type="radio" name="mfa-preference" value={preference_value(*mfa)} checked={*choice == Some(*mfa)} {onchange} />{ label(mfa) }</label> }
        })
        .collect();
    let onsubmit = {
        let (context, choice, outcome) = (context.clone(), choice.clone(), outcome.clone());
        let on_saved = props.on_saved.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(mfa) = *choice else { return };
            if mfa == MfaPreference::Totp {
                // TOTP needs a verified authenticator app before it can be preferred.
                context.go_to(AuthState::TotpSetup);
                return;
            }
            outcome.set(Outcome::Saving);
            let (auth, outcome, on_saved) =
                (context.auth().clone(), outcome.clone(), on_saved.clone());
            spawn_local(async move {
                match auth.set_preferred_mfa(mfa).await {
                    Ok(()) => {
                        outcome.set(Outcome::Saved(mfa));
                        on_saved.emit(mfa);
                    }
                    Err(error) => outcome.set(Outcome::Failed(error.to_string())),
                }
            });
        })
    };
    let status = match &*outcome {
        Outcome::Idle | Outcome::Saving => html! {},
        Outcome::Saved(mfa) => {
            html! { <p role="status">{ format!("{}: {}", context.t("Saved"), label(mfa)) }</p> }
        }
        Outcome::Failed(message) => html! { <div role="alert">{ message }</div> },
    };
    html! {
        <div class={style}>
            <form aria-label={context.t("Select MFA Type")} {onsubmit} data-amplify-select-mfa="">
                <fieldset>
                    <legend>{ context.t("Select MFA Type") }</legend>
                    { options }
                </fieldset>
                { status }
                // Nothing to submit until a method is chosen.
                <button type="submit" disabled={choice.is_none() || *outcome == Outcome::Saving}>{ context.t("Verify") }</button>
            </form>
        </div>
    }
}
