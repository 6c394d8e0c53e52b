//! Every screen rendered on the server (natively, `yew::LocalServerRenderer`) in each of its
//! states and in every built-in theme: headings, labelled inputs with Amplify UI's names and
//! autocomplete hints, and hostile strings shown as text, never as markup.
// Several tests read the built-in vocabularies, so the suite runs with all languages (the
// default features).
#![cfg(all(not(target_arch = "wasm32"), feature = "all-languages"))]

use std::collections::BTreeMap;

use cognito_auth::{
    Auth, AuthConfig, AuthError, AuthUser, CodeDelivery, DeliveryMedium, MfaType, OAuthConfig,
    OAuthError, OAuthProvider, SignInStep, TotpSetup, ValidationError, VerifiedContact,
};
use yew::LocalServerRenderer;
use yew::prelude::*;
use yew_authenticator::federated::Federated;
use yew_authenticator::i18n::I18n;
use yew_authenticator::machine::{AuthData, AuthState, Machine};
use yew_authenticator::theme::{ColorMode, Theme, ThemeProvider};
use yew_authenticator::{AuthProp, AuthProvider, Authenticator};

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

#[derive(Properties, PartialEq)]
struct PageProps {
    machine: Machine,
    theme: Theme,
    language: AttrValue,
    auth: AuthProp,
}

#[component]
fn Page(props: &PageProps) -> Html {
    html! {
        <AuthProvider auth={props.auth.clone()}>
            <ContextProvider<I18n> context={I18n::new(&props.language)}>
                <ThemeProvider theme={props.theme.clone()}>
                    <Authenticator start={props.machine.clone()} />
                </ThemeProvider>
            </ContextProvider<I18n>>
        </AuthProvider>
    }
}

fn auth() -> Auth {
    Auth::new(AuthConfig::new("us-east-1_SsrPool01", "ssrclient")).expect("valid config")
}

async fn render(machine: Machine, theme: Theme, language: &str) -> String {
    let props = PageProps {
        machine,
        theme,
        language: language.to_owned().into(),
        auth: auth().into(),
    };
    LocalServerRenderer::<Page>::with_props(props)
        .render()
        .await
}

fn data() -> AuthData {
    AuthData {
        username: Some(HOSTILE.to_owned()),
        user: Some(AuthUser {
            username: HOSTILE.to_owned(),
            user_id: "sub".to_owned(),
        }),
        code_delivery: Some(CodeDelivery {
            destination: Some(HOSTILE.to_owned()),
            medium: Some(DeliveryMedium::Email),
            attribute_name: Some("email".to_owned()),
        }),
        ..AuthData::default()
    }
}

/// Every screen state, with the data that screen shows.
fn screens() -> Vec<(&'static str, Machine)> {
    let step = |step: SignInStep| AuthData {
        challenge: Some(step),
        ..data()
    };
    vec![
        ("sign in", Machine::at(AuthState::SignIn, data())),
        ("sign up", Machine::at(AuthState::SignUp, data())),
        (
            "confirm sign up",
            Machine::at(AuthState::ConfirmSignUp, data()),
        ),
        (
            "confirm sign in (SMS)",
            Machine::at(
                AuthState::ConfirmSignIn,
                step(SignInStep::ConfirmSignInWithSmsCode {
                    code_delivery: None,
                }),
            ),
        ),
        (
            "confirm sign in (email)",
            Machine::at(
                AuthState::ConfirmSignIn,
                step(SignInStep::ConfirmSignInWithEmailCode {
                    code_delivery: None,
                }),
            ),
        ),
        (
            "confirm sign in (TOTP)",
            Machine::at(
                AuthState::ConfirmSignIn,
                step(SignInStep::ConfirmSignInWithTotpCode),
            ),
        ),
        (
            "select MFA type",
            Machine::at(
                AuthState::ConfirmSignIn,
                step(SignInStep::ContinueSignInWithMfaSelection {
                    allowed: vec![MfaType::Sms, MfaType::Totp],
                }),
            ),
        ),
        (
            "require new password",
            Machine::at(
                AuthState::RequireNewPassword,
                step(SignInStep::ConfirmSignInWithNewPassword {
                    required_attributes: vec!["given_name".to_owned()],
                    user_attributes: BTreeMap::new(),
                }),
            ),
        ),
        (
            "forgot password",
            Machine::at(AuthState::ForgotPassword, data()),
        ),
        (
            "forgot password (code sent)",
            Machine::at(
                AuthState::ForgotPassword,
                AuthData {
                    reset_code_sent: true,
                    ..data()
                },
            ),
        ),
        (
            "verify contact",
            Machine::at(
                AuthState::VerifyContact,
                AuthData {
                    contact: Some(VerifiedContact {
                        verified: BTreeMap::new(),
                        unverified: BTreeMap::from([("email".to_owned(), HOSTILE.to_owned())]),
                    }),
                    ..data()
                },
            ),
        ),
        (
            "TOTP setup",
            Machine::at(
                AuthState::TotpSetup,
                AuthData {
                    totp: Some(TotpSetup {
                        secret: "JBSWY3DPEHPK3PXP".to_owned(),
                        otpauth_uri:
                            "otpauth://totp/Demo:alice?secret=JBSWY3DPEHPK3PXP&issuer=Demo"
                                .to_owned(),
                    }),
                    ..data()
                },
            ),
        ),
        ("signed in", Machine::at(AuthState::SignedIn, data())),
    ]
}

fn themes() -> Vec<Theme> {
    vec![Theme::default(), Theme::dark(), Theme::high_contrast()]
}

#[tokio::test]
async fn every_screen_in_every_theme_has_a_named_form_or_greeting_and_escapes_hostile_text() {
    for theme in themes() {
        for (name, machine) in screens() {
            let html = render(machine, theme.clone(), "en").await;
            let context = format!("{name} in {}", theme.name());
            assert!(
                !html.contains(HOSTILE),
                "{context}: hostile text rendered as markup:\n{html}"
            );
            if name == "signed in" {
                assert!(
                    html.contains("data-amplify-greetings"),
                    "{context}: no greeting"
                );
                assert!(
                    html.contains("&lt;img src=x onerror=alert(1)&gt;"),
                    "{context}: username not shown"
                );
                continue;
            }
            assert!(
                html.contains("<form aria-labelledby=\"amplify-heading-"),
                "{context}: form not named"
            );
            assert!(
                html.contains("<h2 id=\"amplify-heading-"),
                "{context}: no heading"
            );
            assert!(
                html.contains(&format!("data-amplify-theme=\"{}\"", theme.name())),
                "{context}: theme missing"
            );
            let mode = match theme.color_mode() {
                ColorMode::Dark => "dark",
                _ => "light",
            };
            assert!(
                html.contains(&format!("data-amplify-color-mode=\"{mode}\"")),
                "{context}: colour mode missing"
            );
            // Every input has a label pointing at it.
            let ids = ids_of_inputs(&html);
            let choices_only = matches!(name, "select MFA type" | "verify contact");
            if choices_only {
                // The first choice starts chosen: the submit button always has an answer.
                assert_eq!(
                    html.matches(" checked").count(),
                    1,
                    "{context}: one choice should start checked:\n{html}"
                );
            }
            assert_eq!(ids.is_empty(), choices_only, "{context}: inputs {ids:?}");
            for id in ids {
                assert!(
                    html.contains(&format!("<label for=\"{id}\"")),
                    "{context}: input {id} has no label"
                );
            }
        }
    }
}

/// The `id`s of text-like inputs in rendered markup.
fn ids_of_inputs(html: &str) -> Vec<String> {
    html.split("<input")
        .skip(1)
        .filter(|tag| !tag.contains("type=\"radio\""))
        .filter_map(|tag| {
            tag.split("id=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(str::to_owned)
        })
        .collect()
}

#[tokio::test]
async fn inputs_carry_amplify_names_and_autocomplete_hints() {
    let sign_in = render(
        Machine::at(AuthState::SignIn, AuthData::default()),
        Theme::default(),
        "en",
    )
    .await;
    assert!(sign_in.contains("name=\"username\"") && sign_in.contains("autocomplete=\"username\""));
    assert!(
        sign_in.contains("name=\"password\"")
            && sign_in.contains("autocomplete=\"current-password\"")
    );

    let sign_up = render(
        Machine::at(AuthState::SignUp, AuthData::default()),
        Theme::default(),
        "en",
    )
    .await;
    // All there, in Amplify UI's order.
    let positions: Vec<usize> = [
        "username",
        "password",
        "confirm_password",
        "email",
        "phone_number",
    ]
    .iter()
    .map(|name| {
        sign_up
            .find(&format!("name=\"{name}\""))
            .unwrap_or_else(|| panic!("sign-up lacks {name}"))
    })
    .collect();
    assert!(
        positions.is_sorted(),
        "sign-up fields out of order: {positions:?}"
    );
    assert!(sign_up.contains("autocomplete=\"new-password\""));
    for placeholder in [
        "Enter your Username",
        "Enter your Password",
        "Please confirm your Password",
        "Enter your Email",
        "Enter your Phone Number",
    ] {
        assert!(
            sign_up.contains(&format!("placeholder=\"{placeholder}\"")),
            "sign-up lacks the placeholder {placeholder}"
        );
    }

    // In a right-to-left language the phone number and its dial code still read left to right.
    let hebrew = render(
        Machine::at(AuthState::SignUp, AuthData::default()),
        Theme::default(),
        "he",
    )
    .await;
    assert!(hebrew.contains("dir=\"rtl\""));
    assert_eq!(hebrew.matches("dir=\"ltr\"").count(), 2, "{hebrew}");

    let confirm = render(
        Machine::at(AuthState::ConfirmSignUp, data()),
        Theme::default(),
        "en",
    )
    .await;
    assert!(confirm.contains("name=\"confirmation_code\""));
    assert!(confirm.contains("inputmode=\"numeric\""));
    assert!(confirm.contains("autocomplete=\"one-time-code\""));
}

#[tokio::test]
async fn an_error_marks_its_field_and_the_form_alert_holds_the_rest() {
    let wrong_password = Machine::at(AuthState::SignIn, AuthData::default())
        .with_error(AuthError::Validation(ValidationError::EmptyPassword));
    let html = render(wrong_password, Theme::default(), "en").await;
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(
        html.contains("-error\" class=\"amplify-field-error\">Password cannot be empty</div>"),
        "{html}"
    );
    assert!(
        !html.contains("role=\"alert\""),
        "a field error is not repeated as a form alert"
    );

    let offline = Machine::at(AuthState::SignIn, AuthData::default())
        .with_error(AuthError::Network("offline".into()));
    let html = render(offline, Theme::default(), "en").await;
    assert!(
        html.contains(
            "role=\"alert\">Cannot reach the server. Check your connection and try again.</div>"
        ),
        "{html}"
    );
    assert!(!html.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn our_own_errors_are_translated_too() {
    let empty = Machine::at(AuthState::SignIn, AuthData::default())
        .with_error(AuthError::Validation(ValidationError::EmptyUsername));
    let html = render(empty, Theme::default(), "es").await;
    assert!(
        html.contains("El nombre de usuario no puede estar vacío"),
        "{html}"
    );
}

#[tokio::test]
async fn the_screens_speak_the_chosen_language() {
    let html = render(
        Machine::at(AuthState::SignIn, AuthData::default()),
        Theme::default(),
        "fr",
    )
    .await;
    assert!(html.contains(">Se connecter</h2>"));
    let html = render(
        Machine::at(AuthState::SignIn, AuthData::default()),
        Theme::default(),
        "he",
    )
    .await;
    assert!(html.contains("dir=\"rtl\"") && html.contains("lang=\"he\""));
}

#[derive(Properties, PartialEq)]
struct OwnedPageProps {
    auth: AuthProp,
    machine: Machine,
}

/// An Authenticator that is the whole page until the app shows, as `WithAuthenticator` renders it.
#[component]
fn OwnedPage(props: &OwnedPageProps) -> Html {
    html! {
        <AuthProvider auth={props.auth.clone()}>
            <ContextProvider<I18n> context={I18n::new("en")}>
                <Authenticator owns_page=true start={props.machine.clone()}
                    header={html! { <p id="header-slot">{ "Header" }</p> }} />
            </ContextProvider<I18n>>
        </AuthProvider>
    }
}

#[tokio::test]
async fn an_authenticator_that_owns_the_page_gives_it_a_main_landmark_and_an_h1() {
    for (name, machine) in screens() {
        let html = LocalServerRenderer::<OwnedPage>::with_props(OwnedPageProps {
            auth: auth().into(),
            machine,
        })
        .render()
        .await;
        // The signed-in app brings its own landmarks; every screen before it is the main one.
        let mains = if name == "signed in" { 0 } else { 1 };
        assert_eq!(html.matches("<main>").count(), mains, "{name}: {html}");
        assert_eq!(
            html.contains("id=\"header-slot\""),
            mains == 1,
            "{name}: {html}"
        );
        if mains == 1 {
            assert!(html.contains("<h1 id=\"amplify-heading-"), "{name}: {html}");
        }
    }
    let embedded = render(
        Machine::at(AuthState::SignIn, AuthData::default()),
        Theme::default(),
        "en",
    )
    .await;
    assert!(
        !embedded.contains("<main>") && embedded.contains("<h2 id=\"amplify-heading-sign-in\"")
    );
}

#[derive(Properties, PartialEq)]
struct FederatedPageProps {
    auth: AuthProp,
    machine: Machine,
    language: AttrValue,
}

/// The SignIn screen with every configured federated button.
#[component]
fn FederatedPage(props: &FederatedPageProps) -> Html {
    html! {
        <AuthProvider auth={props.auth.clone()}>
            <ContextProvider<I18n> context={I18n::new(&props.language)}>
                <Authenticator start={props.machine.clone()} federated={Federated::configured()} />
            </ContextProvider<I18n>>
        </AuthProvider>
    }
}

/// A configuration with the hosted UI and social providers, one of them named by an attacker.
fn federated_auth() -> Auth {
    let mut config =
        AuthConfig::new("us-east-1_SsrPool01", "ssrclient").with_oauth(OAuthConfig::new(
            "http://127.0.0.1:9229",
            vec!["openid".into()],
            vec!["http://127.0.0.1:9229/".into()],
            vec!["http://127.0.0.1:9229/".into()],
        ));
    config.social_providers = vec![
        OAuthProvider::Google,
        OAuthProvider::Apple,
        OAuthProvider::Custom(HOSTILE.to_owned()),
    ];
    Auth::new(config).expect("valid config")
}

async fn render_federated(machine: Machine, language: &str) -> String {
    LocalServerRenderer::<FederatedPage>::with_props(FederatedPageProps {
        auth: federated_auth().into(),
        machine,
        language: language.to_owned().into(),
    })
    .render()
    .await
}

#[tokio::test]
async fn federated_buttons_are_plain_translated_buttons_above_the_form() {
    let html = render_federated(Machine::at(AuthState::SignIn, AuthData::default()), "es").await;
    assert!(
        !html.contains(HOSTILE),
        "hostile provider name as markup:\n{html}"
    );
    for (provider, label) in [
        ("google", "Iniciar sesión con Google"),
        ("apple", "Iniciar sesión con Apple"),
        ("hosted-ui", "Iniciar sesión con la interfaz alojada"),
    ] {
        let at = html
            .find(&format!("data-amplify-provider=\"{provider}\""))
            .unwrap_or_else(|| panic!("no {provider} button:\n{html}"));
        let button = &html[html[..at].rfind("<button").expect("button")..];
        let button = &button[..button.find("</button>").expect("end")];
        assert!(button.contains("type=\"button\""), "{button}");
        assert!(button.contains("aria-hidden=\"true\""), "{button}");
        assert!(button.contains(label), "{button}");
    }
    assert!(html.contains("Iniciar sesión con &lt;img src=x onerror=alert(1)&gt;"));
    // Buttons, then the divider, then the fields.
    let divider = html
        .find("class=\"amplify-divider\">o</div>")
        .expect("divider");
    assert!(html.find("data-amplify-provider").expect("buttons") < divider);
    assert!(divider < html.find("name=\"username\"").expect("username"));

    // Other screens have no buttons.
    let sign_up = render_federated(Machine::at(AuthState::SignUp, AuthData::default()), "en").await;
    assert!(!sign_up.contains("data-amplify-provider"));
}

#[tokio::test]
async fn a_refused_hosted_ui_callback_reads_as_a_sign_in_to_start_again() {
    let refused = Machine::at(AuthState::SignIn, AuthData::default())
        .with_error(AuthError::InvalidOAuthState);
    let html = render_federated(refused, "en").await;
    assert!(
        html.contains("role=\"alert\">Sign-in could not be completed. Please try again.</div>"),
        "{html}"
    );
    let denied = Machine::at(AuthState::SignIn, AuthData::default()).with_error(AuthError::OAuth(
        OAuthError {
            error: "access_denied".into(),
            description: Some("The user cancelled".into()),
        },
    ));
    let html = render_federated(denied, "de").await;
    assert!(
        html.contains("role=\"alert\">The user cancelled</div>"),
        "{html}"
    );
    let plain = Machine::at(AuthState::SignIn, AuthData::default()).with_error(AuthError::OAuth(
        OAuthError {
            error: "server_error".into(),
            description: None,
        },
    ));
    let html = render_federated(plain, "de").await;
    assert!(
        html.contains("Die Anmeldung konnte nicht abgeschlossen werden."),
        "{html}"
    );
}

#[tokio::test]
async fn each_code_screen_names_where_the_code_comes_from() {
    for (name, title) in [
        ("confirm sign in (SMS)", "Confirm SMS Code"),
        ("confirm sign in (email)", "Confirm Email Code"),
        ("confirm sign in (TOTP)", "Confirm TOTP Code"),
    ] {
        let (_, machine) = screens()
            .into_iter()
            .find(|(screen, _)| *screen == name)
            .expect("listed");
        let html = render(machine, Theme::default(), "en").await;
        assert!(html.contains(&format!(">{title}</h2>")), "{name}: {html}");
    }
}

/// The visible texts of rendered markup: text nodes and the `placeholder`, `aria-label` and
/// `title` attributes.
fn visible_texts(html: &str) -> Vec<String> {
    let mut texts: Vec<String> = html
        .split('>')
        .filter_map(|after_tag| after_tag.split('<').next())
        .map(str::trim)
        .filter(|text| text.chars().any(char::is_alphabetic))
        .map(str::to_owned)
        .collect();
    for attribute in ["placeholder=\"", "aria-label=\"", "title=\""] {
        for after in html.split(attribute).skip(1) {
            texts.push(after.split('"').next().unwrap_or_default().to_owned());
        }
    }
    texts
}

#[tokio::test]
async fn every_screen_is_translated_in_every_built_in_language() {
    // Method names and the TOTP secret read the same everywhere; some words are the same in
    // some languages.
    const SAME_EVERYWHERE: [&str; 3] = ["SMS", "TOTP", "JBSWY3DPEHPK3PXP"];
    const SAME_WORDS: [(&str, &str); 7] = [
        ("de", "Code"),
        ("fr", "Code"),
        ("nl", "Code"),
        ("it", "Password"),
        ("it", "Email"),
        ("it", "Account"),
        ("nl", "Account"),
    ];
    let same = |language: &str, text: &str| {
        SAME_EVERYWHERE.contains(&text)
            || SAME_WORDS.iter().any(|(lang, word)| {
                *lang == language && (text == *word || text.starts_with(&format!("{word}: ")))
            })
    };
    for (name, machine) in screens() {
        let english = visible_texts(&render(machine.clone(), Theme::default(), "en").await);
        for language in ["es", "fr", "de", "it", "pt", "nl", "ja", "zh", "ko", "he"] {
            let translated =
                visible_texts(&render(machine.clone(), Theme::default(), language).await);
            for text in &english {
                assert!(
                    same(language, text) || !translated.contains(text),
                    "{name} in {language} still says {text:?}"
                );
            }
        }
    }
}
