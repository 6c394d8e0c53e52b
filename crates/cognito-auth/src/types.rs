//! The values `Auth` methods take and return: next steps, code deliveries, users, MFA choices.

use std::collections::BTreeMap;

/// Where a confirmation code was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeDelivery {
    /// Masked destination, e.g. `a***@e***` or `+*******1234`.
    pub destination: Option<String>,
    /// Email or SMS.
    pub medium: Option<DeliveryMedium>,
    /// The attribute the code verifies (`email`, `phone_number`).
    pub attribute_name: Option<String>,
}

/// How a code travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryMedium {
    /// An email.
    Email,
    /// A text message.
    Sms,
}

/// An MFA method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MfaType {
    /// A code by text message.
    Sms,
    /// A code from an authenticator app.
    Totp,
    /// A code by email.
    Email,
}

/// What `sign_in` (and each confirmation) asks the user to do next.
///
/// ```no_run
/// # use cognito_auth::{Auth, SignInStep};
/// # async fn demo(auth: Auth) -> Result<(), cognito_auth::AuthError> {
/// match auth.sign_in("alice", "Passw0rd!").await? {
///     SignInStep::Done => println!("signed in"),
///     SignInStep::ConfirmSignInWithTotpCode => {
///         auth.confirm_sign_in("123456").await?;
///     }
///     other => println!("next: {other:?}"),
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignInStep {
    /// Signed in; tokens are stored.
    Done,
    /// Enter the code sent by SMS (`confirm_sign_in`).
    ConfirmSignInWithSmsCode {
        /// Where the code went.
        code_delivery: Option<CodeDelivery>,
    },
    /// Enter the code sent by email (`confirm_sign_in`).
    ConfirmSignInWithEmailCode {
        /// Where the code went.
        code_delivery: Option<CodeDelivery>,
    },
    /// Enter the code from the authenticator app (`confirm_sign_in`).
    ConfirmSignInWithTotpCode,
    /// MFA is required and not set up: add `secret` to an authenticator app (or show
    /// `otpauth_uri` as a QR code), then `confirm_sign_in` with a code from it.
    ContinueSignInWithTotpSetup {
        /// Base32 secret, to type into the app.
        secret: String,
        /// `otpauth://` URI, to show as a QR code.
        otpauth_uri: String,
    },
    /// Choose an MFA method (`select_mfa_type`).
    ContinueSignInWithMfaSelection {
        /// The methods to choose from.
        allowed: Vec<MfaType>,
    },
    /// An administrator created the user: choose a new password (`complete_new_password`),
    /// giving the required attributes.
    ConfirmSignInWithNewPassword {
        /// Attribute names that must be given (without the `userAttributes.` prefix).
        required_attributes: Vec<String>,
        /// The attributes the user already has.
        user_attributes: BTreeMap<String, String>,
    },
    /// A custom challenge from the pool's Lambda triggers: answer it with `confirm_sign_in`.
    ConfirmSignInWithCustomChallenge {
        /// The challenge's public parameters.
        parameters: BTreeMap<String, String>,
    },
    /// The user has not confirmed the sign-up (`confirm_sign_up`, or `resend_sign_up`).
    ConfirmSignUp,
    /// An administrator requires a new password (`forgot_password`).
    ResetPassword,
}

/// Sign-up input: username, password, attributes (`email`, `custom:*`, ...) and validation data.
///
/// ```
/// use cognito_auth::SignUpInput;
///
/// let input = SignUpInput::new("alice", "Passw0rd!")
///     .attribute("email", "alice@example.com")
///     .attribute("custom:team", "blue");
/// assert_eq!(input.attributes.len(), 2);
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SignUpInput {
    /// The username (or email/phone in pools that sign in with those).
    pub username: String,
    /// The password.
    pub password: String,
    /// User attributes: `email`, `phone_number`, `name`, `custom:*`, ...
    pub attributes: BTreeMap<String, String>,
    /// Passed to the pre-sign-up Lambda trigger.
    pub validation_data: BTreeMap<String, String>,
    /// Passed to Lambda triggers (merged over the configured client metadata).
    pub client_metadata: BTreeMap<String, String>,
    /// Remember the password (in memory only) so [`Auth::auto_sign_in`](crate::Auth::auto_sign_in)
    /// can sign the user in once the sign-up is confirmed.
    pub auto_sign_in: bool,
}

// By hand so the password never reaches a log.
impl std::fmt::Debug for SignUpInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignUpInput")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("attributes", &self.attributes)
            .field("validation_data", &self.validation_data)
            .field("client_metadata", &self.client_metadata)
            .field("auto_sign_in", &self.auto_sign_in)
            .finish()
    }
}

impl SignUpInput {
    /// A sign-up with no attributes yet.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            ..Self::default()
        }
    }

    /// Adds a user attribute.
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.attributes.insert(name.into(), value.into());
        self
    }

    /// Adds a validation data entry.
    pub fn validation_data(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.validation_data.insert(name.into(), value.into());
        self
    }

    /// Asks for [`Auth::auto_sign_in`](crate::Auth::auto_sign_in) after confirmation.
    pub fn auto_sign_in(mut self, enabled: bool) -> Self {
        self.auto_sign_in = enabled;
        self
    }

    /// Adds a client metadata entry.
    pub fn client_metadata(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.client_metadata.insert(name.into(), value.into());
        self
    }
}

/// What `sign_up` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignUpResult {
    /// Already confirmed (by a pre-sign-up trigger); the user can sign in.
    pub user_confirmed: bool,
    /// The new user's `sub`.
    pub user_sub: String,
    /// Where the confirmation code went, when one was sent.
    pub code_delivery: Option<CodeDelivery>,
}

/// The signed-in user, from the tokens (no request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthUser {
    /// The real username (a UUID in pools that sign in with email).
    pub username: String,
    /// The `sub`.
    pub user_id: String,
}

/// The signed-in user and attributes, from Cognito (`GetUser`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    /// The real username.
    pub username: String,
    /// The `sub` attribute.
    pub id: String,
    /// All attributes, as strings.
    pub attributes: BTreeMap<String, String>,
}

/// Which contact attributes are verified (for a "verify your contact" screen).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VerifiedContact {
    /// Verified attributes (`email`, `phone_number`) and their values.
    pub verified: BTreeMap<String, String>,
    /// Present but unverified ones.
    pub unverified: BTreeMap<String, String>,
}

/// A TOTP secret to add to an authenticator app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpSetup {
    /// Base32 secret.
    pub secret: String,
    /// `otpauth://totp/{issuer}:{username}?secret=...&issuer=...`, for a QR code.
    pub otpauth_uri: String,
}

/// The preferred MFA method (`set_preferred_mfa`, `get_preferred_mfa`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MfaPreference {
    /// Authenticator app.
    Totp,
    /// Text message.
    Sms,
    /// No MFA (both methods disabled).
    NoMfa,
}

/// The user's MFA methods (`fetch_mfa_preference`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MfaPreferences {
    /// Methods turned on.
    pub enabled: Vec<MfaType>,
    /// The one used at sign-in, if chosen.
    pub preferred: Option<MfaType>,
}

/// What `update_user_attributes` reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UpdateAttributesResult {
    /// Codes sent to verify changed email addresses or phone numbers.
    pub code_deliveries: Vec<CodeDelivery>,
}

/// `sign_out` options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SignOutOptions {
    /// Also revoke every refresh token of the user, on every device (`GlobalSignOut`).
    pub global: bool,
}

impl SignOutOptions {
    /// Signs out everywhere.
    pub fn global() -> Self {
        Self { global: true }
    }
}
