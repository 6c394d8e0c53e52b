//! Custom screens: the built-in screens turned off (`hide_default`) and replaced where the app
//! wants its own look: an own sign-in form, an always-on state display, custom greetings, a theme
//! with one section overridden (and a switch to the built-in ones), a custom message map and a
//! language switcher.
//!
//! The app reads its configuration from `auth-config.json` next to the page (`cargo xtask demo
//! --example custom-screens` puts the server's there).

use std::rc::Rc;

use web_sys::{HtmlFormElement, HtmlSelectElement};
use yew::prelude::*;
use yew_authenticator::i18n::I18n;
use yew_authenticator::messages::MessageMap;
use yew_authenticator::screens::{
    ConfirmSignIn, ConfirmSignUp, ForgotPassword, FormValues, Greeting, Greetings,
    RequireNewPassword, SignUp, TotpSetup, VerifyContact,
};
use yew_authenticator::theme::{ColorMode, Theme, ThemeProvider};
use yew_authenticator::use_auth_from_url;
use yew_authenticator::{AuthProvider, AuthState, Authenticator, ShowIn, use_authenticator};

/// The languages the switcher offers: (tag, name in that language).
const LANGUAGES: &[(&str, &str)] = &[("en", "English"), ("es", "Español"), ("he", "עברית")];

/// The themes the switcher offers: (value, name to translate).
const THEMES: &[(&str, &str)] = &[
    ("custom", "Custom"),
    ("system", "Custom, as the system"),
    ("dark", "Dark"),
    ("high-contrast", "High contrast"),
];

/// The app's own texts in Spanish; the built-in screens already have theirs.
const SPANISH: &[(&str, &str)] = &[
    ("Welcome! Please sign in.", "¡Bienvenido! Inicie sesión."),
    ("Language", "Idioma"),
    ("Custom screens", "Pantallas propias"),
    ("Theme", "Tema"),
    ("Custom", "Propio"),
    ("Custom, as the system", "Propio, como el sistema"),
    ("Dark", "Oscuro"),
    ("High contrast", "Alto contraste"),
    ("Current state", "Estado actual"),
    ("working", "trabajando"),
    (
        "Only signed-in users see this.",
        "Solo los usuarios con sesión ven esto.",
    ),
    (
        "That username and password do not match",
        "El nombre de usuario y la contraseña no coinciden",
    ),
    (
        "Use at least 8 characters with upper and lower case, a number and a symbol",
        "Use al menos 8 caracteres con mayúsculas y minúsculas, un número y un símbolo",
    ),
];

/// Our sign-in screen: the app's own markup, driven by `use_authenticator()`. It shows only in
/// the `SignIn` state, like the built-in one it replaces.
#[component]
fn MySignIn() -> Html {
    let context = use_authenticator();
    if context.state() != AuthState::SignIn {
        return html! {};
    }
    let onsubmit = {
        let context = context.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // Read at submit, so values a password manager filled in count too.
            let form: HtmlFormElement = event.target_unchecked_into();
            let values = FormValues::from_form(&form);
            context.sign_in(values.trimmed("username"), values.get("password"));
        })
    };
    let go = |state: AuthState| {
        let context = context.clone();
        Callback::from(move |_: MouseEvent| context.go_to(state))
    };
    let pending = context.is_pending();
    html! {
        <form data-custom-sign-in="" {onsubmit} novalidate=true aria-labelledby="my-sign-in-title"
            style="display: grid; gap: 0.75rem; max-width: 22rem; margin: 2rem auto; padding: 1.5rem;
                   border: 2px dashed var(--amplify-colors-brand-primary-80); border-radius: 1rem;
                   font-family: var(--amplify-fonts-default-variable);">
            <h2 id="my-sign-in-title">{ context.t("Welcome! Please sign in.") }</h2>
            <label for="my-username">{ context.t("Username") }</label>
            // Pre-filled only with a username carried over (after sign-up); otherwise the field is
            // left alone, so re-renders never wipe what the person typed.
            <input id="my-username" name="username" autocomplete="username"
                value={context.data().username.clone()} />
            <label for="my-password">{ context.t("Password") }</label>
            <input id="my-password" name="password" type="password" autocomplete="current-password" />
            if let Some(message) = context.error_message() {
                <p role="alert" style="color: var(--amplify-colors-font-error);">{ message }</p>
            }
            <button type="submit" disabled={pending}>
                { if pending { context.t("Signing in") } else { context.t("Sign In") } }
            </button>
            <button type="button" onclick={go(AuthState::SignUp)}>{ context.t("Create Account") }</button>
            <button type="button" onclick={go(AuthState::ForgotPassword)}>{ context.t("Forgot your password?") }</button>
        </form>
    }
}

/// Shown in every state: what the machine is doing right now.
#[component]
fn StateDisplay() -> Html {
    let context = use_authenticator();
    let working = if context.is_pending() {
        format!(" ({})", context.t("working"))
    } else {
        String::new()
    };
    html! {
        <p data-auth-state={context.state().amplify_name()} role="status"
            style="font-family: monospace; text-align: center;">
            { context.t("Current state") }{ ": " }<strong>{ context.state().amplify_name() }</strong>{ working }
        </p>
    }
}

/// The app's content once signed in.
#[component]
fn Content() -> Html {
    let context = use_authenticator();
    html! {
        <ShowIn states={vec![AuthState::SignedIn]}>
            <main style="max-width: 40rem; margin: 2rem auto;">
                <p id="content">{ context.t("Only signed-in users see this.") }</p>
            </main>
        </ShowIn>
    }
}

/// A labelled select box; `on_change` gets the chosen value.
#[derive(Properties, PartialEq)]
struct SwitcherProps {
    id: &'static str,
    label: String,
    /// (value, shown name).
    options: Vec<(&'static str, String)>,
    current: String,
    on_change: Callback<String>,
}

#[component]
fn Switcher(props: &SwitcherProps) -> Html {
    let onchange = props.on_change.reform(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        select.value()
    });
    html! {
        <span style="margin-left: 1rem;">
            <label for={props.id}>{ &props.label }{ " " }</label>
            <select id={props.id} name={props.id} {onchange}>
                { for props.options.iter().map(|(value, name)| html! {
                    <option value={*value} selected={props.current == *value}>{ name }</option>
                }) }
            </select>
        </span>
    }
}

/// Cognito's errors as this app wants them said (then translated like any text). The error
/// code picks the case; the message is Cognito's English text.
fn message_map() -> MessageMap {
    const NO_MATCH: &str = "That username and password do not match";
    MessageMap::new(|error| match error.code {
        // Pools that hide which users exist answer both cases alike; so do we.
        Some("UserNotFoundException") => NO_MATCH.into(),
        Some("NotAuthorizedException") if error.message.contains("Incorrect username") => {
            NO_MATCH.into()
        }
        Some("InvalidPasswordException") => {
            "Use at least 8 characters with upper and lower case, a number and a symbol".into()
        }
        // Everything else gets Amplify's wording.
        _ => MessageMap::default().map(error.message, error.code),
    })
}

/// The theme a switcher value names.
fn theme_named(name: &str) -> Theme {
    match name {
        "dark" => Theme::dark(),
        "high-contrast" => Theme::high_contrast(),
        "system" => theme().with_color_mode(ColorMode::System),
        _ => theme(),
    }
}

/// The default theme with one section changed: the primary button.
fn theme() -> Theme {
    const BUTTON: &str = r#"{"components": {"button": {"primary": {
        "background-color": "hsl(275, 60%, 40%)",
        "hover-background-color": "hsl(275, 60%, 30%)"
    }}}}"#;
    // The override is a constant checked by this example's use; falling back keeps the app up.
    Theme::default().with_overrides(BUTTON).unwrap_or_default()
}

#[derive(Properties, PartialEq)]
struct AppProps {
    auth: yew_authenticator::AuthProp,
}

/// The app's own texts in Hebrew, which is written right to left: the whole page turns.
const HEBREW: &[(&str, &str)] = &[
    ("Welcome! Please sign in.", "ברוכים הבאים! נא להתחבר."),
    ("Language", "שפה"),
    ("Custom screens", "מסכים מותאמים"),
    ("Theme", "ערכת נושא"),
    ("Custom", "מותאם"),
    ("Custom, as the system", "מותאם, לפי המערכת"),
    ("Dark", "כהה"),
    ("High contrast", "ניגודיות גבוהה"),
    ("Current state", "מצב נוכחי"),
    ("working", "בעבודה"),
    (
        "Only signed-in users see this.",
        "רק משתמשים מחוברים רואים את זה.",
    ),
    (
        "That username and password do not match",
        "שם המשתמש והסיסמה אינם תואמים",
    ),
    (
        "Use at least 8 characters with upper and lower case, a number and a symbol",
        "השתמשו ב-8 תווים לפחות, עם אותיות גדולות וקטנות, ספרה וסמל",
    ),
];

/// The Authenticator with our screens and options.
#[component]
fn App(props: &AppProps) -> Html {
    let i18n = use_state(|| {
        I18n::new("en")
            .with_vocabulary("es", SPANISH.iter().copied())
            .with_vocabulary("he", HEBREW.iter().copied())
    });
    let on_language = {
        let i18n = i18n.clone();
        Callback::from(move |language: String| i18n.set((*i18n).clone().with_language(&language)))
    };
    let message_map = use_memo((), |()| message_map());
    let theme_name = use_state(|| "custom".to_owned());
    let theme = use_memo((*theme_name).clone(), |name| theme_named(name));
    let on_theme = {
        let theme_name = theme_name.clone();
        Callback::from(move |name: String| theme_name.set(name))
    };
    let languages: Vec<_> = LANGUAGES
        .iter()
        .map(|(tag, name)| (*tag, (*name).to_owned()))
        .collect();
    let themes: Vec<_> = THEMES
        .iter()
        .map(|(value, name)| (*value, i18n.get(name)))
        .collect();
    let greeting = use_memo((), |()| {
        Greeting::FromUsername(Rc::new(|username: &str| {
            format!("Welcome back, {username}!")
        }))
    });
    html! {
        <AuthProvider auth={props.auth.clone()}>
            <ContextProvider<I18n> context={(*i18n).clone()}>
                <div lang={i18n.language().to_owned()} dir={i18n.direction()}>
                    <header style="display: flex; flex-wrap: wrap; align-items: baseline;
                                   justify-content: space-between; margin: 0.5rem 1rem;">
                        <h1 style="font-size: 1.25rem; margin: 0;">{ i18n.get("Custom screens") }</h1>
                        <p style="margin: 0;">
                            <Switcher id="language" label={i18n.get("Language")} options={languages}
                                current={i18n.language().to_owned()} on_change={on_language} />
                            <Switcher id="theme" label={i18n.get("Theme")} options={themes}
                                current={(*theme_name).clone()} on_change={on_theme} />
                        </p>
                    </header>
                    <main>
                        <ThemeProvider theme={(*theme).clone()}>
                            <Authenticator hide_default=true message_map={(*message_map).clone()}>
                                <StateDisplay />
                                <Greetings signed_in={(*greeting).clone()}
                                    signed_out={Greeting::Text("Not signed in".into())} />
                                <MySignIn />
                                // The screens we keep, added back: each shows only in its states.
                                <SignUp />
                                <ConfirmSignUp />
                                <ConfirmSignIn />
                                <RequireNewPassword />
                                <ForgotPassword />
                                <VerifyContact />
                                <TotpSetup />
                                <Content />
                            </Authenticator>
                        </ThemeProvider>
                    </main>
                </div>
            </ContextProvider<I18n>>
        </AuthProvider>
    }
}

/// Loads `auth-config.json` from the site's root (so it is found from any route), then shows
/// the app.
#[component]
fn Root() -> Html {
    use_auth_from_url("/auth-config.json").render(|auth| html! { <App {auth} /> })
}

fn main() {
    yew::Renderer::<Root>::new().render();
}
