//! `Authenticator`: runs the auth-state machine, shows the built-in screens, and offers
//! everything to custom screens through [`use_authenticator`].

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use cognito_auth::{
    Auth, AuthError, AuthEvent, ErrorKind, MfaPreference, MfaType, RedirectSignIn, SignInStep,
    SignOutOptions, SignUpInput, ValidationError,
};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::federated::Federated;
use crate::i18n::{I18n, use_i18n};
use crate::machine::{Action, AuthData, AuthState, Machine};
use crate::messages::MessageMap;
use crate::provider::{AuthProp, use_auth, use_auth_events};
use crate::redirect;
use crate::screens::{
    ConfirmSignIn, ConfirmSignUp, ForgotPassword, Greetings, Loading, RequireNewPassword, SignIn,
    SignUp, TotpSetup, VerifyContact,
};
use crate::sign_up_fields::{SignUpField, UsernameAttribute};

/// Props of [`Authenticator`].
#[derive(Debug, Properties, PartialEq)]
pub struct AuthenticatorProps {
    /// The state to show when nobody is signed in (`SignIn` or `SignUp`).
    #[prop_or(AuthState::SignIn)]
    pub initial_state: AuthState,
    /// Leave out every built-in screen: the children provide them.
    #[prop_or_default]
    pub hide_default: bool,
    /// Built-in screens to leave out (by the state they show in).
    #[prop_or_default]
    pub hide: Vec<AuthState>,
    /// Called with each new state.
    #[prop_or_default]
    pub on_state_change: Callback<AuthState>,
    /// Maps Cognito's error messages before translation.
    #[prop_or_default]
    pub message_map: MessageMap,
    /// The sign-up form's fields; Amplify's defaults when empty.
    #[prop_or_default]
    pub sign_up_fields: Vec<SignUpField>,
    /// What users sign in with.
    #[prop_or_default]
    pub username_attribute: UsernameAttribute,
    /// Hide the sign-up link and screen.
    #[prop_or_default]
    pub hide_sign_up: bool,
    /// Federated sign-in buttons on the SignIn screen, above the form (`Federated::configured()`
    /// for every provider the configuration lists).
    #[prop_or_default]
    pub federated: Option<Federated>,
    /// Shown above every screen.
    #[prop_or_default]
    pub header: Option<Html>,
    /// Shown below every screen.
    #[prop_or_default]
    pub footer: Option<Html>,
    /// The page belongs to the Authenticator until the signed-in app shows: its screens sit in
    /// a `<main>` landmark and their headings are `<h1>`. `WithAuthenticator` sets this; an
    /// Authenticator inside an app's own page keeps `<h2>` headings and the app's landmarks.
    #[prop_or_default]
    pub owns_page: bool,
    /// Start from this machine instead of restoring a session: shows one screen as it is, for
    /// previews, server-side rendering and tests.
    #[prop_or_default]
    pub start: Option<Machine>,
    /// Custom screens and content; they read [`use_authenticator`].
    #[prop_or_default]
    pub children: Html,
}

/// What a refused hosted UI sign-in shows (a key of the vocabularies).
const SIGN_IN_NOT_COMPLETED: &str = "Sign-in could not be completed. Please try again.";

/// Options every screen reads.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Options {
    pub message_map: MessageMap,
    pub sign_up_fields: Vec<SignUpField>,
    pub username_attribute: UsernameAttribute,
    pub hide_sign_up: bool,
    pub owns_page: bool,
    pub federated: Option<Federated>,
}

/// What [`use_authenticator`] returns: the machine's state and the actions that move it.
#[derive(Clone)]
pub struct AuthenticatorContext {
    machine: UseReducerHandle<Machine>,
    auth: Auth,
    i18n: I18n,
    options: Rc<Options>,
}

impl PartialEq for AuthenticatorContext {
    fn eq(&self, other: &Self) -> bool {
        self.machine == other.machine && self.i18n == other.i18n && self.options == other.options
    }
}

impl std::fmt::Debug for AuthenticatorContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthenticatorContext")
            .field("machine", &*self.machine)
            .finish_non_exhaustive()
    }
}

/// Which form field an error is about, so the screen can mark that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorField {
    Username,
    Password,
    Code,
    /// Not about one field: shown for the form.
    Form,
}

impl AuthenticatorContext {
    /// The current state.
    pub fn state(&self) -> AuthState {
        self.machine.state
    }

    /// What the screens know: user, challenge, code delivery, TOTP secret, contacts.
    pub fn data(&self) -> &AuthData {
        &self.machine.data
    }

    /// Whether a request is in flight.
    pub fn is_pending(&self) -> bool {
        self.machine.pending
    }

    /// The raw last error.
    pub fn error(&self) -> Option<&AuthError> {
        self.machine.error.as_ref()
    }

    /// The last error as the user should read it: through the message map, then translated.
    pub fn error_message(&self) -> Option<String> {
        let error = self.machine.error.as_ref()?;
        let message = match error {
            AuthError::Service(service) => service.message.clone(),
            // Our own checks and the network get texts of ours, so they are translated too.
            AuthError::Validation(ValidationError::EmptyUsername) => {
                "Username cannot be empty".to_owned()
            }
            AuthError::Validation(
                ValidationError::EmptyPassword | ValidationError::EmptyNewPassword,
            ) => "Password cannot be empty".to_owned(),
            AuthError::Validation(
                ValidationError::EmptyCode | ValidationError::EmptyChallengeResponse,
            ) => "Code cannot be empty".to_owned(),
            AuthError::Network(_) => {
                "Cannot reach the server. Check your connection and try again.".to_owned()
            }
            // A hosted UI callback that is not ours, or an error the hosted UI sent back: the
            // user can only start again. Cognito's explanation, when it gave one, says more.
            AuthError::OAuth(oauth) => oauth
                .description
                .clone()
                .unwrap_or_else(|| SIGN_IN_NOT_COMPLETED.to_owned()),
            AuthError::InvalidOAuthState => SIGN_IN_NOT_COMPLETED.to_owned(),
            other => other.to_string(),
        };
        Some(
            self.i18n
                .get(&self.options.message_map.map(&message, error.code())),
        )
    }

    /// The field the last error is about.
    pub fn error_field(&self) -> Option<ErrorField> {
        let error = self.machine.error.as_ref()?;
        Some(match (error, error.kind()) {
            (AuthError::Validation(ValidationError::EmptyUsername), _)
            | (
                _,
                Some(ErrorKind::UserNotFound | ErrorKind::UsernameExists | ErrorKind::AliasExists),
            ) => ErrorField::Username,
            (
                AuthError::Validation(
                    ValidationError::EmptyPassword | ValidationError::EmptyNewPassword,
                ),
                _,
            )
            | (_, Some(ErrorKind::NotAuthorized | ErrorKind::InvalidPassword)) => {
                ErrorField::Password
            }
            (
                AuthError::Validation(
                    ValidationError::EmptyCode | ValidationError::EmptyChallengeResponse,
                ),
                _,
            )
            | (_, Some(ErrorKind::CodeMismatch | ErrorKind::ExpiredCode)) => ErrorField::Code,
            _ => ErrorField::Form,
        })
    }

    /// Translates a text of ours or the app's.
    pub fn t(&self, key: &str) -> String {
        self.i18n.get(key)
    }

    /// The translations in use.
    pub fn i18n(&self) -> &I18n {
        &self.i18n
    }

    /// The `Auth` handle.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    pub(crate) fn options(&self) -> &Options {
        &self.options
    }

    /// Shows another screen (sign up, forgot password, back to sign in).
    pub fn go_to(&self, state: AuthState) {
        self.machine.dispatch(Action::Go(state));
    }

    /// Runs `work` against `Auth` unless a request is already in flight; its result becomes an
    /// action (or a failure).
    fn run<F, Fut>(&self, work: F)
    where
        F: FnOnce(Auth) -> Fut + 'static,
        Fut: std::future::Future<Output = Result<Action, AuthError>> + 'static,
    {
        if self.machine.pending {
            return;
        }
        self.machine.dispatch(Action::Pending);
        let auth = self.auth.clone();
        spawn_work(
            self.machine.clone(),
            Box::pin(async move { work(auth).await }),
        );
    }

    /// Signs in.
    pub fn sign_in(&self, username: String, password: String) {
        self.run(move |auth| async move {
            let step = auth.sign_in(&username, &password).await?;
            finish_step(&auth, username, step).await
        });
    }

    /// Answers an SMS, email, TOTP or custom challenge.
    pub fn confirm_sign_in(&self, code: String) {
        let username = self.data().username.clone().unwrap_or_default();
        self.run(move |auth| async move {
            let step = auth.confirm_sign_in(&code).await?;
            finish_step(&auth, username, step).await
        });
    }

    /// Chooses the MFA method sign-in offered.
    pub fn select_mfa_type(&self, mfa: MfaType) {
        let username = self.data().username.clone().unwrap_or_default();
        self.run(move |auth| async move {
            let step = auth.select_mfa_type(mfa).await?;
            finish_step(&auth, username, step).await
        });
    }

    /// Sets the new password an administrator-created user must choose.
    pub fn complete_new_password(&self, password: String, attributes: BTreeMap<String, String>) {
        let username = self.data().username.clone().unwrap_or_default();
        self.run(move |auth| async move {
            let step = auth.complete_new_password(&password, attributes).await?;
            finish_step(&auth, username, step).await
        });
    }

    /// Signs up.
    pub fn sign_up(&self, input: SignUpInput) {
        self.run(move |auth| async move {
            let username = input.username.clone();
            let result = auth.sign_up(input).await?;
            Ok(Action::SignedUp { username, result })
        });
    }

    /// Confirms the sign-up of the user being signed up or signed in.
    pub fn confirm_sign_up(&self, username: String, code: String) {
        self.run(move |auth| async move {
            auth.confirm_sign_up(&username, &code).await?;
            Ok(Action::SignUpConfirmed)
        });
    }

    /// Sends the sign-up code again.
    pub fn resend_sign_up_code(&self, username: String) {
        self.run(
            move |auth| async move { Ok(Action::CodeSent(auth.resend_sign_up(&username).await?)) },
        );
    }

    /// Sends a password reset code.
    pub fn forgot_password(&self, username: String) {
        self.run(move |auth| async move {
            let code_delivery = auth.forgot_password(&username).await?;
            Ok(Action::ResetCodeSent {
                username,
                code_delivery,
            })
        });
    }

    /// Sets a new password with the reset code.
    pub fn forgot_password_submit(&self, username: String, code: String, password: String) {
        self.run(move |auth| async move {
            auth.forgot_password_submit(&username, &code, &password)
                .await?;
            Ok(Action::PasswordReset)
        });
    }

    /// Sends a code to verify `attribute` (`email` or `phone_number`).
    pub fn verify_contact(&self, attribute: String) {
        self.run(move |auth| async move {
            auth.verify_current_user_attribute(&attribute).await?;
            Ok(Action::VerificationSent(attribute))
        });
    }

    /// Submits the verification code for the attribute being verified.
    pub fn submit_contact_code(&self, code: String) {
        let attribute = self.data().verifying.clone().unwrap_or_default();
        self.run(move |auth| async move {
            auth.verify_current_user_attribute_submit(&attribute, &code)
                .await?;
            Ok(Action::ContactDone)
        });
    }

    /// Skips contact verification.
    pub fn skip_verification(&self) {
        self.machine.dispatch(Action::ContactDone);
    }

    /// Fetches a TOTP secret for a signed-in user (the TOTP setup screen outside sign-in).
    pub fn setup_totp(&self) {
        self.run(|auth| async move { Ok(Action::TotpReady(auth.setup_totp().await?)) });
    }

    /// Verifies the first TOTP code: during sign-in it completes the sign-in; for a signed-in
    /// user it makes TOTP the preferred method.
    pub fn verify_totp(&self, code: String) {
        let during_sign_in = matches!(
            self.data().challenge,
            Some(SignInStep::ContinueSignInWithTotpSetup { .. })
        );
        let username = self.data().username.clone().unwrap_or_default();
        self.run(move |auth| async move {
            if during_sign_in {
                let step = auth.confirm_sign_in(&code).await?;
                return finish_step(&auth, username, step).await;
            }
            auth.verify_totp_token(&code).await?;
            auth.set_preferred_mfa(MfaPreference::Totp).await?;
            let user = auth.current_authenticated_user().await?;
            Ok(Action::SignedIn {
                user,
                contact: None,
            })
        });
    }

    /// Signs in through the hosted UI or an identity provider: the browser leaves for the
    /// authorize URL, and the Authenticator finishes the sign-in when it comes back.
    pub fn sign_in_with_redirect(&self, input: RedirectSignIn) {
        self.run(move |auth| async move {
            auth.sign_in_with_redirect(input).await?;
            Ok(Action::Redirecting)
        });
    }

    /// The page came back from the back-forward cache mid-redirect.
    pub(crate) fn redirect_abandoned(&self) {
        if self.machine.pending {
            self.machine.dispatch(Action::RedirectAbandoned);
        }
    }

    /// Signs out (this device only).
    pub fn sign_out(&self) {
        self.run(|auth| async move {
            auth.sign_out(SignOutOptions::default()).await?;
            Ok(Action::SignedOut)
        });
    }
}

/// After a sign-in step: on `Done`, look up the user and whether a contact needs verifying.
async fn finish_step(auth: &Auth, username: String, step: SignInStep) -> Result<Action, AuthError> {
    if step != SignInStep::Done {
        return Ok(Action::SignInStep { username, step });
    }
    let user = auth.current_authenticated_user().await?;
    // A failed lookup only skips the verification prompt; the sign-in itself succeeded.
    let contact = auth.verified_contact().await.ok();
    Ok(Action::SignedIn { user, contact })
}

/// The part of [`AuthenticatorContext::run`] that does not depend on the work: one copy in the
/// wasm instead of one per operation.
fn spawn_work(
    machine: UseReducerHandle<Machine>,
    work: Pin<Box<dyn Future<Output = Result<Action, AuthError>>>>,
) {
    spawn_local(async move {
        machine.dispatch(work.await.unwrap_or_else(Action::Failed));
    });
}

/// What the page starts with: the user a hosted UI callback in the URL signs in (the URL is then
/// cleaned), the reason it was refused, or the stored session.
async fn load(auth: &Auth) -> Action {
    let callback = match redirect::current_url() {
        Some(url) => auth.handle_redirect(&url).await,
        None => Ok(None),
    };
    match callback {
        Ok(Some(user)) => {
            redirect::forget_callback();
            Action::SignedIn {
                user,
                contact: None,
            }
        }
        Err(error) => {
            redirect::forget_callback();
            Action::RedirectFailed(error)
        }
        Ok(None) => match auth.current_authenticated_user().await {
            Ok(user) => Action::SignedIn {
                user,
                contact: None,
            },
            Err(_) => Action::NoSession,
        },
    }
}

/// The machine of the nearest [`Authenticator`].
///
/// # Panics
/// Outside an `Authenticator`: that is a mistake in the app's component tree.
#[hook]
pub fn use_authenticator() -> AuthenticatorContext {
    use_context::<AuthenticatorContext>()
        .expect("use_authenticator() needs an <Authenticator> around the component")
}

/// Amplify's Authenticator: the built-in screens (unless hidden) and the children, driven by one
/// auth-state machine. It needs an [`AuthProvider`](crate::AuthProvider) above it.
///
/// On load, when the page's URL is a hosted UI callback (`?code=..&state=..`, or an implicit
/// grant's fragment) for one of the configured `redirect_sign_in` pages, it finishes that sign-in
/// ([`Auth::handle_redirect`]) and removes the callback's parameters from the address bar; a
/// refused callback shows its reason on SignIn. Otherwise it restores the stored session.
#[component]
pub fn Authenticator(props: &AuthenticatorProps) -> Html {
    let auth = use_auth().auth;
    let i18n = use_i18n();
    let initial = props.initial_state;
    let start = props.start.clone();
    let restore = start.is_none();
    let machine = use_reducer(move || start.unwrap_or_else(|| Machine::new(initial)));

    // Finish a hosted UI sign-in when the page is its callback, else restore a stored session,
    // before showing any form.
    {
        let machine = machine.clone();
        use_effect_with(AuthProp(auth.clone()), move |AuthProp(auth)| {
            if !restore {
                return;
            }
            let auth = auth.clone();
            spawn_local(async move {
                machine.dispatch(load(&auth).await);
            });
        });
    }
    // Sign-outs and sign-ins done anywhere through `Auth` move the machine too.
    {
        let machine = machine.clone();
        use_auth_events(
            &AuthProp(auth.clone()),
            Callback::from(move |event| match event {
                AuthEvent::SignOut
                | AuthEvent::UserDeleted
                | AuthEvent::TokenRefreshFailure { .. } => machine.dispatch(Action::SignedOut),
                AuthEvent::SignIn { user } => machine.dispatch(Action::ExternalSignIn(user)),
                _ => {}
            }),
        );
    }
    {
        let on_state_change = props.on_state_change.clone();
        use_effect_with(machine.state, move |state| on_state_change.emit(*state));
    }

    let options = use_memo(
        (
            props.message_map.clone(),
            props.sign_up_fields.clone(),
            props.username_attribute,
            props.hide_sign_up,
            props.owns_page,
            props.federated.clone(),
        ),
        |(message_map, sign_up_fields, username_attribute, hide_sign_up, owns_page, federated)| {
            Options {
                message_map: message_map.clone(),
                sign_up_fields: sign_up_fields.clone(),
                username_attribute: *username_attribute,
                hide_sign_up: *hide_sign_up,
                owns_page: *owns_page,
                federated: federated.clone(),
            }
        },
    );
    let context = AuthenticatorContext {
        machine: machine.clone(),
        auth,
        i18n,
        options,
    };
    // Only the current state's screen is mounted, so each screen starts from the data of the
    // moment it appears (a username carried over, an empty code field).
    let state = machine.state;
    let shown =
        |screen: AuthState| state == screen && !props.hide_default && !props.hide.contains(&screen);
    let screens = html! {
        <>
            if shown(AuthState::Loading) { <Loading /> }
            if shown(AuthState::SignIn) { <SignIn /> }
            if shown(AuthState::SignUp) && !props.hide_sign_up { <SignUp /> }
            if shown(AuthState::ConfirmSignUp) { <ConfirmSignUp /> }
            if shown(AuthState::ConfirmSignIn) { <ConfirmSignIn /> }
            if shown(AuthState::RequireNewPassword) { <RequireNewPassword /> }
            if shown(AuthState::ForgotPassword) { <ForgotPassword /> }
            if shown(AuthState::VerifyContact) { <VerifyContact /> }
            if shown(AuthState::TotpSetup) { <TotpSetup /> }
            if shown(AuthState::SignedIn) { <Greetings /> }
        </>
    };
    let form = machine.state.shows_a_form();
    // Until the app is shown, the screen is the page's main content.
    let main = props.owns_page && machine.state != AuthState::SignedIn;
    let (lang, dir) = (
        context.i18n().language().to_owned(),
        context.i18n().direction(),
    );
    html! {
        <ContextProvider<AuthenticatorContext> {context}>
            <div data-amplify-authenticator="" data-state={machine.state.amplify_name()}
                {lang} {dir}>
                if form { { props.header.clone().unwrap_or_default() } }
                if main { <main>{ screens }</main> } else { { screens } }
                if form { { props.footer.clone().unwrap_or_default() } }
                { props.children.clone() }
            </div>
        </ContextProvider<AuthenticatorContext>>
    }
}
