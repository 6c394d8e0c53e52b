//! Amplify's Auth API in Rust, over Amazon Cognito's user pool protocol, for the browser
//! (wasm32, using `fetch`) and natively.
//!
//! [`Auth`] is the handle: sign-up, sign-in with typed next steps ([`SignInStep`]), MFA, sessions
//! that refresh themselves, user attributes and sign-out, with events ([`AuthEvent`]) for every
//! change of state. It works against real Cognito and against this project's `cognito-server`.
//!
//! Beyond passwords: the Hosted UI ([`Auth::sign_in_with_redirect`], [`Auth::handle_redirect`],
//! with PKCE and a single-use `state`), federated sign-in with social, OpenID and
//! developer-authenticated tokens ([`Auth::federated_sign_in`]), and AWS credentials from an
//! identity pool ([`Auth::current_credentials`]) that sign requests with
//! [`AwsCredentials::sign`].
//!
//! ```no_run
//! use cognito_auth::{Auth, AuthConfig, SignInStep, SignUpInput};
//!
//! # async fn demo() -> Result<(), cognito_auth::AuthError> {
//! let config = AuthConfig::from_json(&std::fs::read_to_string("auth-config.json").unwrap())?;
//! let auth = Auth::new(config)?;
//! auth.sign_up(SignUpInput::new("alice", "Passw0rd!").attribute("email", "a@example.com"))
//!     .await?;
//! auth.confirm_sign_up("alice", "123456").await?;
//! match auth.sign_in("alice", "Passw0rd!").await? {
//!     SignInStep::Done => {}
//!     SignInStep::ConfirmSignInWithTotpCode => {
//!         auth.confirm_sign_in("654321").await?;
//!     }
//!     other => unimplemented!("{other:?}"),
//! }
//! let user = auth.current_authenticated_user().await?;
//! println!("signed in as {}", user.username);
//! # Ok(()) }
//! ```
//!
//! Natively, plain `http://` endpoints work out of the box; enable the `tls` feature to reach
//! AWS over HTTPS. In the browser, the browser's `fetch` does TLS.

// One code path for both targets: `Arc` is what native needs; in the single-threaded browser the
// shared values hold `Rc`-based callbacks and are never sent anywhere.
#![cfg_attr(target_arch = "wasm32", allow(clippy::arc_with_non_send_sync))]
#![warn(missing_docs)]

mod auth;
pub mod case;
mod config;
mod credentials;
mod error;
mod events;
mod oauth;
mod platform;
mod query;
mod session;
pub mod sigv4;
mod storage;
mod types;
mod wire;

pub use auth::{Auth, AuthBuilder};
pub use config::{
    AuthConfig, AuthFlowType, ConfigError, CookieStorage, MfaConfiguration, OAuthConfig,
    OAuthResponseType, PasswordPolicy, SameSite,
};
pub use credentials::{
    AwsCredentials, EssentialCredentials, FederatedProvider, FederatedResponse, FederatedUser,
};
pub use error::{AuthError, ErrorKind, ServiceError, ValidationError};
pub use events::{AuthEvent, Subscription};
pub use oauth::{OAuthError, OAuthProvider, RedirectSignIn};
pub use platform::MaybeSendSync;
pub use session::{JwtToken, Session};
#[cfg(not(target_arch = "wasm32"))]
pub use storage::FileStore;
#[cfg(target_arch = "wasm32")]
pub use storage::{CookieStore, LocalStorage, SessionStorage};
pub use storage::{MemoryStore, StorageError, TokenStore, default_store};
pub use types::{
    AuthUser, CodeDelivery, DeliveryMedium, MfaPreference, MfaPreferences, MfaType, SignInStep,
    SignOutOptions, SignUpInput, SignUpResult, TotpSetup, UpdateAttributesResult, UserInfo,
    VerifiedContact,
};
