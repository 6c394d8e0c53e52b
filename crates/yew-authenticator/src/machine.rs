//! The auth-state machine: which screen shows, what it knows, and how results move it.
//!
//! A pure reducer: actions in, state out. The async work (calling `Auth`) happens in
//! the [`Authenticator`](crate::Authenticator), which dispatches the outcome here.

use std::rc::Rc;

use cognito_auth::{
    AuthError, AuthUser, CodeDelivery, SignInStep, SignUpResult, TotpSetup, VerifiedContact,
};
use yew::Reducible;

/// The states of Amplify's Authenticator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthState {
    /// Restoring a stored session.
    Loading,
    SignIn,
    SignUp,
    ConfirmSignIn,
    ConfirmSignUp,
    ForgotPassword,
    RequireNewPassword,
    VerifyContact,
    TotpSetup,
    SignedIn,
    SignedOut,
}

impl AuthState {
    /// Amplify's name of the state (`signIn`, `TOTPSetup`, ...), as `on_state_change` reports it.
    pub fn amplify_name(self) -> &'static str {
        match self {
            Self::Loading => "loading",
            Self::SignIn => "signIn",
            Self::SignUp => "signUp",
            Self::ConfirmSignIn => "confirmSignIn",
            Self::ConfirmSignUp => "confirmSignUp",
            Self::ForgotPassword => "forgotPassword",
            Self::RequireNewPassword => "requireNewPassword",
            Self::VerifyContact => "verifyContact",
            Self::TotpSetup => "TOTPSetup",
            Self::SignedIn => "signedIn",
            Self::SignedOut => "signedOut",
        }
    }

    /// States that show one of the forms (everything but loading and the signed-in app), which
    /// the header and footer slots frame.
    pub fn shows_a_form(self) -> bool {
        !matches!(self, Self::SignedIn | Self::Loading)
    }
}

/// What the screens know besides the state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthData {
    /// The username being signed in, signed up or reset (pre-fills the next form).
    pub username: Option<String>,
    /// The signed-in user.
    pub user: Option<AuthUser>,
    /// The sign-in step waiting for an answer (confirm sign-in, new password, TOTP setup).
    pub challenge: Option<SignInStep>,
    /// Where the last code went.
    pub code_delivery: Option<CodeDelivery>,
    /// The secret to add to an authenticator app.
    pub totp: Option<TotpSetup>,
    /// The user's contact attributes, for VerifyContact.
    pub contact: Option<VerifiedContact>,
    /// In ForgotPassword: the code was sent, so the form asks for it and a new password.
    pub reset_code_sent: bool,
    /// In VerifyContact: the attribute a code was sent to.
    pub verifying: Option<String>,
}

/// The machine's whole state.
#[derive(Debug, Clone, PartialEq)]
pub struct Machine {
    pub state: AuthState,
    pub data: AuthData,
    /// The last failure, shown by the current screen until the next action.
    pub error: Option<AuthError>,
    /// A request is in flight: submit buttons show it and ignore presses.
    pub pending: bool,
    /// Where to go when nobody is signed in.
    initial: AuthState,
}

impl Machine {
    /// A machine that starts by restoring a session, then shows `initial`.
    pub fn new(initial: AuthState) -> Self {
        Self {
            state: AuthState::Loading,
            data: AuthData::default(),
            error: None,
            pending: false,
            initial,
        }
    }

    /// A machine already in `state` with `data`: for previews, server-side rendering of one
    /// screen, and tests. Signing out returns to `SignIn`.
    pub fn at(state: AuthState, data: AuthData) -> Self {
        Self {
            state,
            data,
            error: None,
            pending: false,
            initial: AuthState::SignIn,
        }
    }

    /// The same machine showing `error`.
    pub fn with_error(mut self, error: AuthError) -> Self {
        self.error = Some(error);
        self
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user asked for another screen (links: sign up, forgot password, back to sign in).
    Go(AuthState),
    /// A request started.
    Pending,
    /// A request failed.
    Failed(AuthError),
    /// No stored session on load.
    NoSession,
    /// Sign-in moved on.
    SignInStep { username: String, step: SignInStep },
    /// Signed in; `contact` tells whether to ask for verification first.
    SignedIn {
        user: AuthUser,
        contact: Option<VerifiedContact>,
    },
    /// Sign-up went through.
    SignedUp {
        username: String,
        result: SignUpResult,
    },
    /// Sign-up confirmed: sign in next.
    SignUpConfirmed,
    /// A code was sent again, or for a reset.
    CodeSent(Option<CodeDelivery>),
    /// Password reset code sent.
    ResetCodeSent {
        username: String,
        code_delivery: Option<CodeDelivery>,
    },
    /// Password reset done.
    PasswordReset,
    /// TOTP secret ready to show.
    TotpReady(TotpSetup),
    /// A verification code went to this attribute.
    VerificationSent(String),
    /// Contact verified, or skipped.
    ContactDone,
    /// A sign-in done elsewhere in the app (an auth event); ignored while this machine's own
    /// sign-in is in flight or done.
    ExternalSignIn(AuthUser),
    /// Signed out, here or anywhere in the app.
    SignedOut,
    /// A redirect sign-in (hosted UI, social provider) started: the browser is leaving, so the
    /// buttons stay pending.
    Redirecting,
    /// The page came back without leaving (back-forward cache): nothing is in flight any more.
    RedirectAbandoned,
    /// The hosted UI callback in the page's URL was refused (wrong or replayed state, an error
    /// from the provider, a failed code exchange): sign in again, with the reason shown.
    RedirectFailed(AuthError),
}

impl Reducible for Machine {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.pending = false;
        next.error = None;
        match action {
            Action::Pending => {
                next.pending = true;
                next.error = self.error.clone();
            }
            Action::Failed(error) => next.error = Some(error),
            Action::Redirecting => next.pending = true,
            Action::RedirectAbandoned => {}
            Action::RedirectFailed(error) => {
                next.state = AuthState::SignIn;
                next.error = Some(error);
            }
            Action::Go(state) => {
                next.state = state;
                next.data.challenge = None;
                next.data.reset_code_sent = false;
                if state == AuthState::SignIn {
                    next.data.code_delivery = None;
                }
            }
            Action::NoSession => next.state = self.initial,
            Action::SignInStep { username, step } => {
                next.data.username = Some(username);
                next.state = match &step {
                    SignInStep::Done => AuthState::SignedIn,
                    SignInStep::ContinueSignInWithTotpSetup {
                        secret,
                        otpauth_uri,
                    } => {
                        next.data.totp = Some(TotpSetup {
                            secret: secret.clone(),
                            otpauth_uri: otpauth_uri.clone(),
                        });
                        AuthState::TotpSetup
                    }
                    SignInStep::ConfirmSignInWithNewPassword { .. } => {
                        AuthState::RequireNewPassword
                    }
                    SignInStep::ConfirmSignUp => AuthState::ConfirmSignUp,
                    SignInStep::ResetPassword => AuthState::ForgotPassword,
                    _ => AuthState::ConfirmSignIn,
                };
                if let SignInStep::ConfirmSignInWithSmsCode { code_delivery }
                | SignInStep::ConfirmSignInWithEmailCode { code_delivery } = &step
                {
                    next.data.code_delivery = code_delivery.clone();
                }
                next.data.challenge = Some(step);
            }
            Action::SignedIn { user, contact } => {
                next.data.user = Some(user);
                next.data.challenge = None;
                next.data.totp = None;
                let needs_verification = contact
                    .as_ref()
                    .is_some_and(|c| c.verified.is_empty() && !c.unverified.is_empty());
                next.data.contact = contact;
                next.state = if needs_verification {
                    AuthState::VerifyContact
                } else {
                    AuthState::SignedIn
                };
            }
            Action::SignedUp { username, result } => {
                next.data.username = Some(username);
                next.data.code_delivery = result.code_delivery;
                next.state = if result.user_confirmed {
                    AuthState::SignIn
                } else {
                    AuthState::ConfirmSignUp
                };
            }
            Action::SignUpConfirmed => {
                next.state = AuthState::SignIn;
                next.data.code_delivery = None;
            }
            Action::CodeSent(delivery) => next.data.code_delivery = delivery,
            Action::ResetCodeSent {
                username,
                code_delivery,
            } => {
                next.data.username = Some(username);
                next.data.code_delivery = code_delivery;
                next.data.reset_code_sent = true;
            }
            Action::PasswordReset => {
                next.state = AuthState::SignIn;
                next.data.reset_code_sent = false;
                next.data.code_delivery = None;
            }
            Action::TotpReady(setup) => next.data.totp = Some(setup),
            Action::VerificationSent(attribute) => next.data.verifying = Some(attribute),
            Action::ContactDone => {
                next.state = AuthState::SignedIn;
                next.data.verifying = None;
            }
            Action::ExternalSignIn(user) => {
                let ours = self.pending
                    || matches!(self.state, AuthState::SignedIn | AuthState::VerifyContact);
                if ours {
                    return self;
                }
                next.data.user = Some(user);
                next.data.challenge = None;
                next.state = AuthState::SignedIn;
            }
            Action::SignedOut => {
                let username = next.data.username.take();
                next.data = AuthData {
                    username,
                    ..AuthData::default()
                };
                next.state = self.initial;
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn run(actions: Vec<Action>) -> Machine {
        let mut machine = Rc::new(Machine::new(AuthState::SignIn));
        for action in actions {
            machine = machine.reduce(action);
        }
        (*machine).clone()
    }

    fn user() -> AuthUser {
        AuthUser {
            username: "alice".into(),
            user_id: "sub-1".into(),
        }
    }

    #[test]
    fn loading_without_a_session_shows_the_initial_state() {
        assert_eq!(run(vec![]).state, AuthState::Loading);
        assert_eq!(run(vec![Action::NoSession]).state, AuthState::SignIn);
    }

    #[test]
    fn each_sign_in_step_has_its_screen() {
        let step = |step| {
            run(vec![
                Action::NoSession,
                Action::SignInStep {
                    username: "alice".into(),
                    step,
                },
            ])
            .state
        };
        assert_eq!(
            step(SignInStep::ConfirmSignInWithTotpCode),
            AuthState::ConfirmSignIn
        );
        assert_eq!(
            step(SignInStep::ConfirmSignInWithSmsCode {
                code_delivery: None
            }),
            AuthState::ConfirmSignIn
        );
        assert_eq!(
            step(SignInStep::ContinueSignInWithMfaSelection { allowed: vec![] }),
            AuthState::ConfirmSignIn
        );
        assert_eq!(
            step(SignInStep::ContinueSignInWithTotpSetup {
                secret: "S".into(),
                otpauth_uri: "u".into()
            }),
            AuthState::TotpSetup
        );
        assert_eq!(
            step(SignInStep::ConfirmSignInWithNewPassword {
                required_attributes: vec![],
                user_attributes: BTreeMap::new()
            }),
            AuthState::RequireNewPassword
        );
        assert_eq!(step(SignInStep::ConfirmSignUp), AuthState::ConfirmSignUp);
        assert_eq!(step(SignInStep::ResetPassword), AuthState::ForgotPassword);
        assert_eq!(step(SignInStep::Done), AuthState::SignedIn);
    }

    #[test]
    fn unverified_contact_asks_for_verification_before_signed_in() {
        let contact = VerifiedContact {
            verified: BTreeMap::new(),
            unverified: BTreeMap::from([("email".into(), "a@example.com".into())]),
        };
        let machine = run(vec![Action::SignedIn {
            user: user(),
            contact: Some(contact),
        }]);
        assert_eq!(machine.state, AuthState::VerifyContact);
        assert_eq!(
            run(vec![Action::SignedIn {
                user: user(),
                contact: None
            }])
            .state,
            AuthState::SignedIn
        );
        let verified = run(vec![
            Action::SignedIn {
                user: user(),
                contact: machine.data.contact.clone(),
            },
            Action::ContactDone,
        ]);
        assert_eq!(verified.state, AuthState::SignedIn);
    }

    #[test]
    fn pending_keeps_the_error_until_the_answer() {
        let failed = run(vec![
            Action::NoSession,
            Action::Failed(AuthError::NotSignedIn),
        ]);
        assert_eq!(failed.error, Some(AuthError::NotSignedIn));
        let pending = Rc::new(failed).reduce(Action::Pending);
        assert!(pending.pending);
        let answered = pending.reduce(Action::Go(AuthState::SignUp));
        assert!(!answered.pending);
        assert_eq!(answered.error, None);
    }

    #[test]
    fn sign_in_elsewhere_is_reflected_unless_ours_is_in_flight() {
        let elsewhere = run(vec![Action::NoSession, Action::ExternalSignIn(user())]);
        assert_eq!(elsewhere.state, AuthState::SignedIn);
        let ours = run(vec![
            Action::NoSession,
            Action::Pending,
            Action::ExternalSignIn(user()),
        ]);
        assert_eq!(ours.state, AuthState::SignIn);
        assert!(ours.pending);
    }

    #[test]
    fn sign_out_returns_to_the_initial_state_and_forgets_the_user() {
        let machine = run(vec![
            Action::SignedIn {
                user: user(),
                contact: None,
            },
            Action::SignedOut,
        ]);
        assert_eq!(machine.state, AuthState::SignIn);
        assert_eq!(machine.data.user, None);
    }

    #[test]
    fn sign_up_leads_to_confirmation_unless_already_confirmed() {
        let result = |confirmed| SignUpResult {
            user_confirmed: confirmed,
            user_sub: "s".into(),
            code_delivery: None,
        };
        let signed_up = |confirmed| {
            run(vec![
                Action::NoSession,
                Action::SignedUp {
                    username: "bob".into(),
                    result: result(confirmed),
                },
            ])
        };
        assert_eq!(signed_up(false).state, AuthState::ConfirmSignUp);
        assert_eq!(signed_up(false).data.username.as_deref(), Some("bob"));
        assert_eq!(signed_up(true).state, AuthState::SignIn);
    }

    #[test]
    fn a_redirect_stays_pending_until_the_page_comes_back() {
        let leaving = run(vec![
            Action::NoSession,
            Action::Pending,
            Action::Redirecting,
        ]);
        assert!(leaving.pending);
        assert_eq!(leaving.state, AuthState::SignIn);
        let back = Rc::new(leaving).reduce(Action::RedirectAbandoned);
        assert!(!back.pending);
    }

    #[test]
    fn a_refused_callback_shows_sign_in_with_the_error() {
        let refused = run(vec![Action::RedirectFailed(AuthError::NotSignedIn)]);
        assert_eq!(refused.state, AuthState::SignIn);
        assert_eq!(refused.error, Some(AuthError::NotSignedIn));
        assert!(!refused.pending);
    }

    #[test]
    fn forgot_password_has_two_phases() {
        let sent = run(vec![
            Action::NoSession,
            Action::Go(AuthState::ForgotPassword),
            Action::ResetCodeSent {
                username: "alice".into(),
                code_delivery: None,
            },
        ]);
        assert!(sent.data.reset_code_sent);
        assert_eq!(sent.state, AuthState::ForgotPassword);
        let done = Rc::new(sent).reduce(Action::PasswordReset);
        assert_eq!(done.state, AuthState::SignIn);
    }
}
