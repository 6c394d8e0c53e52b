//! `AuthProvider` and `use_auth()`: the `Auth` handle and a reactive auth status, in context.

use cognito_auth::{Auth, AuthEvent, AuthUser};
use futures_util::StreamExt;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Whether someone is signed in, kept current by auth events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthStatus {
    /// Still looking for a stored session.
    Configuring,
    Authenticated(AuthUser),
    Unauthenticated,
}

/// What [`use_auth`] returns.
#[derive(Clone)]
pub struct AuthContext {
    /// The handle every screen calls.
    pub auth: Auth,
    /// The current status.
    pub status: AuthStatus,
}

impl PartialEq for AuthContext {
    fn eq(&self, other: &Self) -> bool {
        same_auth(&self.auth, &other.auth) && self.status == other.status
    }
}

impl std::fmt::Debug for AuthContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthContext")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// Two handles are the same when they share their configuration, which each `Auth` owns.
pub(crate) fn same_auth(a: &Auth, b: &Auth) -> bool {
    std::ptr::eq(a.config(), b.config())
}

/// An `Auth` handle as a prop (compared by identity).
#[derive(Clone)]
pub struct AuthProp(pub Auth);

impl PartialEq for AuthProp {
    fn eq(&self, other: &Self) -> bool {
        same_auth(&self.0, &other.0)
    }
}

impl std::fmt::Debug for AuthProp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuthProp(..)")
    }
}

impl From<Auth> for AuthProp {
    fn from(auth: Auth) -> Self {
        Self(auth)
    }
}

impl yew::html::IntoPropValue<AuthProp> for &Auth {
    fn into_prop_value(self) -> AuthProp {
        AuthProp(self.clone())
    }
}

/// Props of [`AuthProvider`].
#[derive(Debug, Properties, PartialEq)]
pub struct AuthProviderProps {
    /// The handle to share.
    pub auth: AuthProp,
    #[prop_or_default]
    pub children: Html,
}

/// Puts an `Auth` handle and its status in context for everything inside.
///
/// ```no_run
/// use cognito_auth::{Auth, AuthConfig};
/// use yew::prelude::*;
/// use yew_authenticator::{AuthProvider, use_auth, AuthStatus};
///
/// #[component]
/// fn Status() -> Html {
///     match use_auth().status {
///         AuthStatus::Authenticated(user) => html! { {format!("Hello, {}", user.username)} },
///         _ => html! { "Signed out" },
///     }
/// }
///
/// #[component]
/// fn App() -> Html {
///     let auth = use_memo((), |_| {
///         Auth::new(AuthConfig::new("us-east-1_AbC123", "client-id")).expect("valid config")
///     });
///     html! { <AuthProvider auth={&*auth}><Status /></AuthProvider> }
/// }
/// ```
#[component]
pub fn AuthProvider(props: &AuthProviderProps) -> Html {
    let auth = props.auth.0.clone();
    let status = use_state_eq(|| AuthStatus::Configuring);
    {
        let status = status.clone();
        let setter = status.setter();
        use_auth_events(
            &props.auth,
            Callback::from(move |event| match event {
                AuthEvent::SignIn { user } => setter.set(AuthStatus::Authenticated(user)),
                AuthEvent::SignOut
                | AuthEvent::UserDeleted
                | AuthEvent::TokenRefreshFailure { .. } => setter.set(AuthStatus::Unauthenticated),
                _ => {}
            }),
        );
        let setter = status.setter();
        use_effect_with(props.auth.clone(), move |AuthProp(auth)| {
            let auth = auth.clone();
            spawn_local(async move {
                setter.set(match auth.current_authenticated_user().await {
                    Ok(user) => AuthStatus::Authenticated(user),
                    Err(_) => AuthStatus::Unauthenticated,
                });
            });
        });
    }
    let context = AuthContext {
        auth,
        status: (*status).clone(),
    };
    html! {
        <ContextProvider<AuthContext> context={context}>
            { props.children.clone() }
        </ContextProvider<AuthContext>>
    }
}

/// The `Auth` handle and status from the nearest [`AuthProvider`].
///
/// # Panics
/// Outside an `AuthProvider`: that is a mistake in the app's component tree.
#[hook]
pub fn use_auth() -> AuthContext {
    use_context::<AuthContext>().expect("use_auth() needs an <AuthProvider> around the component")
}

/// Calls `on_event` (on the UI thread) for each auth event while the component lives.
///
/// `Auth` listeners may run on any thread natively, so events cross over a channel to a local
/// task instead of touching component state directly.
#[hook]
pub fn use_auth_events(auth: &AuthProp, on_event: Callback<AuthEvent>) {
    use_effect_with(auth.clone(), move |AuthProp(auth)| {
        let (sender, mut receiver) = futures_channel::mpsc::unbounded::<AuthEvent>();
        let subscription = auth.subscribe(move |event| {
            // The receiver is gone only after the component unmounted: nothing to tell.
            let _ = sender.unbounded_send(event.clone());
        });
        spawn_local(async move {
            while let Some(event) = receiver.next().await {
                on_event.emit(event);
            }
        });
        // Dropping the subscription drops the sender, which ends the task.
        move || drop(subscription)
    });
}
