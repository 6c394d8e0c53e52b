//! Auth events (Amplify Hub's "auth" channel) and subscriptions that end when their guard drops.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use crate::AuthError;
use crate::platform::{MaybeSendSync, SharedFn};
use crate::types::{AuthUser, CodeDelivery};

/// Something that happened to the auth state, named as in Amplify's Hub "auth" channel
/// ([`AuthEvent::name`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AuthEvent {
    /// `configured`: an `Auth` handle was created.
    Configured,
    /// `signIn`.
    SignIn {
        /// Who signed in.
        user: AuthUser,
    },
    /// `signIn_failure`.
    SignInFailure {
        /// Why.
        error: AuthError,
    },
    /// `signUp`.
    SignUp {
        /// The username signed up with.
        username: String,
        /// The new user's `sub`.
        user_sub: String,
    },
    /// `signUp_failure`.
    SignUpFailure {
        /// Why.
        error: AuthError,
    },
    /// `autoSignIn`: [`Auth::auto_sign_in`](crate::Auth::auto_sign_in) signed the user in.
    AutoSignIn {
        /// Who signed in.
        user: AuthUser,
    },
    /// `autoSignIn_failure`.
    AutoSignInFailure {
        /// Why.
        error: AuthError,
    },
    /// `confirmSignUp`.
    ConfirmSignUp {
        /// Who was confirmed.
        username: String,
    },
    /// `completeNewPassword_failure`.
    CompleteNewPasswordFailure {
        /// Why.
        error: AuthError,
    },
    /// `signOut`.
    SignOut,
    /// `tokenRefresh`.
    TokenRefresh,
    /// `tokenRefresh_failure`.
    TokenRefreshFailure {
        /// Why (a `NotAuthorized` error also signed the user out).
        error: AuthError,
    },
    /// `forgotPassword`.
    ForgotPassword {
        /// Whose password.
        username: String,
        /// Where the code went.
        code_delivery: Option<CodeDelivery>,
    },
    /// `forgotPasswordSubmit`.
    ForgotPasswordSubmit {
        /// Whose password was reset.
        username: String,
    },
    /// `forgotPassword_failure`.
    ForgotPasswordFailure {
        /// Why.
        error: AuthError,
    },
    /// `forgotPasswordSubmit_failure`.
    ForgotPasswordSubmitFailure {
        /// Why.
        error: AuthError,
    },
    /// `userDeleted`.
    UserDeleted,
    /// `updateUserAttributes`.
    UpdateUserAttributes {
        /// Names of the attributes changed.
        attributes: Vec<String>,
    },
    /// `updateUserAttributes_failure`.
    UpdateUserAttributesFailure {
        /// Why.
        error: AuthError,
    },
    /// `cognitoHostedUI`: [`Auth::handle_redirect`](crate::Auth::handle_redirect) signed the
    /// user in through the Hosted UI (after `signIn`).
    CognitoHostedUi {
        /// Who signed in.
        user: AuthUser,
    },
    /// `cognitoHostedUI_failure`: a Hosted UI redirect was refused (OAuth error, wrong or
    /// replayed state, failed code exchange).
    CognitoHostedUiFailure {
        /// Why.
        error: AuthError,
    },
    /// `customOAuthState`: the custom state given to
    /// [`Auth::sign_in_with_redirect`](crate::Auth::sign_in_with_redirect), back after the
    /// redirect (after `cognitoHostedUI`).
    CustomOAuthState {
        /// The text as given.
        state: String,
    },
}

impl AuthEvent {
    /// Amplify's event name (`signIn`, `signIn_failure`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Configured => "configured",
            Self::SignIn { .. } => "signIn",
            Self::SignInFailure { .. } => "signIn_failure",
            Self::SignUp { .. } => "signUp",
            Self::SignUpFailure { .. } => "signUp_failure",
            Self::AutoSignIn { .. } => "autoSignIn",
            Self::AutoSignInFailure { .. } => "autoSignIn_failure",
            Self::ConfirmSignUp { .. } => "confirmSignUp",
            Self::CompleteNewPasswordFailure { .. } => "completeNewPassword_failure",
            Self::SignOut => "signOut",
            Self::TokenRefresh => "tokenRefresh",
            Self::TokenRefreshFailure { .. } => "tokenRefresh_failure",
            Self::ForgotPassword { .. } => "forgotPassword",
            Self::ForgotPasswordSubmit { .. } => "forgotPasswordSubmit",
            Self::ForgotPasswordFailure { .. } => "forgotPassword_failure",
            Self::ForgotPasswordSubmitFailure { .. } => "forgotPasswordSubmit_failure",
            Self::UserDeleted => "userDeleted",
            Self::UpdateUserAttributes { .. } => "updateUserAttributes",
            Self::UpdateUserAttributesFailure { .. } => "updateUserAttributes_failure",
            Self::CognitoHostedUi { .. } => "cognitoHostedUI",
            Self::CognitoHostedUiFailure { .. } => "cognitoHostedUI_failure",
            Self::CustomOAuthState { .. } => "customOAuthState",
        }
    }
}

type Listener = SharedFn<AuthEvent>;

/// The listeners of one `Auth` handle (and its clones).
#[derive(Default)]
pub(crate) struct Hub {
    listeners: Mutex<Vec<(u64, Listener)>>,
    next_id: AtomicU64,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("listeners", &self.lock().len())
            .finish()
    }
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(u64, Listener)>> {
        // A listener that panicked cannot leave the list half-edited; carry on.
        self.listeners
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn subscribe(
        self: &Arc<Self>,
        listener: impl Fn(&AuthEvent) + MaybeSendSync + 'static,
    ) -> Subscription {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.lock().push((id, Arc::new(listener)));
        Subscription {
            hub: Arc::downgrade(self),
            id,
        }
    }

    pub(crate) fn emit(&self, event: &AuthEvent) {
        // Call outside the lock so listeners may subscribe, unsubscribe or call `Auth`.
        let listeners: Vec<Listener> = self
            .lock()
            .iter()
            .map(|(_, listener)| listener.clone())
            .collect();
        for listener in listeners {
            listener(event);
        }
    }

    fn unsubscribe(&self, id: u64) {
        self.lock().retain(|(listener_id, _)| *listener_id != id);
    }
}

/// Keeps a listener subscribed; dropping it unsubscribes.
///
/// ```
/// # use std::sync::{Arc, Mutex};
/// # use cognito_auth::{Auth, AuthConfig};
/// let auth = Auth::new(AuthConfig::new("us-east-1_AbC", "client")).unwrap();
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let subscription = auth.subscribe({
///     let seen = seen.clone();
///     move |event| seen.lock().unwrap().push(event.name())
/// });
/// drop(subscription); // no more events
/// ```
#[must_use = "the listener is removed when the Subscription is dropped"]
#[derive(Debug)]
pub struct Subscription {
    hub: Weak<Hub>,
    id: u64,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(hub) = self.hub.upgrade() {
            hub.unsubscribe(self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropping_the_guard_unsubscribes() {
        let hub = Arc::new(Hub::default());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let subscription = hub.subscribe({
            let seen = seen.clone();
            move |event: &AuthEvent| seen.lock().unwrap().push(event.name())
        });
        hub.emit(&AuthEvent::SignOut);
        drop(subscription);
        hub.emit(&AuthEvent::TokenRefresh);
        assert_eq!(*seen.lock().unwrap(), ["signOut"]);
    }

    #[test]
    fn listeners_may_unsubscribe_while_being_called() {
        let hub = Arc::new(Hub::default());
        let slot: Arc<Mutex<Option<Subscription>>> = Arc::new(Mutex::new(None));
        let count = Arc::new(AtomicU64::new(0));
        let subscription = hub.subscribe({
            let slot = slot.clone();
            let count = count.clone();
            move |_: &AuthEvent| {
                count.fetch_add(1, Ordering::Relaxed);
                slot.lock().unwrap().take();
            }
        });
        *slot.lock().unwrap() = Some(subscription);
        hub.emit(&AuthEvent::SignOut);
        hub.emit(&AuthEvent::SignOut);
        assert_eq!(count.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn guard_outliving_the_hub_is_harmless() {
        let hub = Arc::new(Hub::default());
        let subscription = hub.subscribe(|_: &AuthEvent| {});
        drop(hub);
        drop(subscription);
    }

    #[test]
    fn names_follow_amplify() {
        assert_eq!(
            AuthEvent::TokenRefreshFailure {
                error: AuthError::NotSignedIn
            }
            .name(),
            "tokenRefresh_failure"
        );
        assert_eq!(
            AuthEvent::CompleteNewPasswordFailure {
                error: AuthError::NotSignedIn
            }
            .name(),
            "completeNewPassword_failure"
        );
        assert_eq!(
            AuthEvent::CognitoHostedUiFailure {
                error: AuthError::InvalidOAuthState
            }
            .name(),
            "cognitoHostedUI_failure"
        );
        assert_eq!(
            AuthEvent::CustomOAuthState { state: "x".into() }.name(),
            "customOAuthState"
        );
    }
}
