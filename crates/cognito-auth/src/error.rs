//! `AuthError`: everything a call can fail with — Cognito's own errors (code and message kept),
//! local validation, configuration, storage and network failures.

use cognito_srp::SrpError;

pub use crate::config::ConfigError;
pub use crate::oauth::OAuthError;
pub use crate::storage::StorageError;

/// Why an [`Auth`](crate::Auth) call failed.
///
/// ```
/// use cognito_auth::{AuthError, ErrorKind};
///
/// fn message(error: &AuthError) -> &str {
///     match error.kind() {
///         Some(ErrorKind::NotAuthorized) => "Incorrect username or password.",
///         Some(ErrorKind::UserNotFound) => "User does not exist.",
///         _ => "Something went wrong.",
///     }
/// }
/// # let _ = message;
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// Cognito answered with an error.
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The input was refused before anything was sent.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// The configuration is missing or malformed.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The request did not get an answer (after retries).
    #[error("network error: {0}")]
    Network(String),
    /// An answer that is not what the protocol says Cognito sends.
    #[error("unexpected response from Cognito: {0}")]
    UnexpectedResponse(String),
    /// The token store failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The SRP step refused the server's challenge.
    #[error("SRP: {0}")]
    Srp(#[from] SrpError),
    /// The system's random generator failed.
    #[error("no randomness available: {0}")]
    Random(String),
    /// The call needs a signed-in user and there is none (or the session could not be refreshed).
    #[error("no user is signed in")]
    NotSignedIn,
    /// `sign_in` was called while a user is signed in; sign out first (Amplify does the same).
    #[error("a user is already signed in")]
    AlreadySignedIn,
    /// A `confirm_sign_in`-style call without a sign-in waiting for it.
    #[error("no sign-in is waiting for this step")]
    NoPendingSignIn,
    /// The Hosted UI or its token endpoint answered with an OAuth 2.0 error.
    #[error("OAuth error: {0}")]
    OAuth(#[from] OAuthError),
    /// A Hosted UI redirect whose `state` is missing, wrong or already used: it does not answer
    /// a sign-in this app started, so it is refused.
    #[error(
        "the redirect's OAuth state does not match a sign-in started here (missing, wrong or already used)"
    )]
    InvalidOAuthState,
    /// The federated sign-in's token has expired; sign in with the provider again.
    #[error("the federated token has expired; sign in again")]
    FederatedTokenExpired,
}

impl AuthError {
    /// Cognito's error code (`NotAuthorizedException`, ...) when the service answered with one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Service(error) => Some(&error.code),
            _ => None,
        }
    }

    /// The kind of Cognito error, for matching without strings.
    pub fn kind(&self) -> Option<ErrorKind> {
        match self {
            Self::Service(error) => Some(error.kind()),
            _ => None,
        }
    }
}

/// An error answered by Cognito: its code (without any `prefix#`) and message, and the HTTP status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ServiceError {
    /// `NotAuthorizedException`, `UserNotFoundException`, ...
    pub code: String,
    /// Cognito's message, e.g. `Incorrect username or password.`
    pub message: String,
    /// The HTTP status (400 for most errors, 500 for `InternalErrorException`).
    pub status: u16,
}

impl ServiceError {
    /// The code as an enum.
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::from_code(&self.code)
    }
}

macro_rules! error_kinds {
    ($($kind:ident => $code:literal,)*) => {
        /// Cognito's error codes that clients commonly handle; [`ErrorKind::Other`] for the rest.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $(#[doc = concat!("`", $code, "`")] $kind,)*
            /// Any other code; see [`ServiceError::code`].
            Other,
        }

        impl ErrorKind {
            /// Maps a Cognito error code to its kind.
            pub fn from_code(code: &str) -> Self {
                match code {
                    $($code => Self::$kind,)*
                    _ => Self::Other,
                }
            }

            /// Cognito's code for this kind (`None` for [`ErrorKind::Other`]).
            pub fn code(self) -> Option<&'static str> {
                match self {
                    $(Self::$kind => Some($code),)*
                    Self::Other => None,
                }
            }
        }
    };
}

error_kinds! {
    NotAuthorized => "NotAuthorizedException",
    UserNotFound => "UserNotFoundException",
    UserNotConfirmed => "UserNotConfirmedException",
    UsernameExists => "UsernameExistsException",
    AliasExists => "AliasExistsException",
    CodeMismatch => "CodeMismatchException",
    ExpiredCode => "ExpiredCodeException",
    InvalidPassword => "InvalidPasswordException",
    InvalidParameter => "InvalidParameterException",
    LimitExceeded => "LimitExceededException",
    TooManyRequests => "TooManyRequestsException",
    TooManyFailedAttempts => "TooManyFailedAttemptsException",
    PasswordResetRequired => "PasswordResetRequiredException",
    CodeDeliveryFailure => "CodeDeliveryFailureException",
    ResourceNotFound => "ResourceNotFoundException",
    SoftwareTokenMfaNotFound => "SoftwareTokenMFANotFoundException",
    EnableSoftwareTokenMfa => "EnableSoftwareTokenMFAException",
    MfaMethodNotFound => "MFAMethodNotFoundException",
    InvalidUserPoolConfiguration => "InvalidUserPoolConfigurationException",
    UnsupportedOperation => "UnsupportedOperationException",
    Forbidden => "ForbiddenException",
    UserLambdaValidation => "UserLambdaValidationException",
    InternalError => "InternalErrorException",
}

/// Input refused locally, before a request is made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidationError {
    /// The username is empty.
    #[error("username cannot be empty")]
    EmptyUsername,
    /// The password is empty.
    #[error("password cannot be empty")]
    EmptyPassword,
    /// The new password is empty.
    #[error("new password cannot be empty")]
    EmptyNewPassword,
    /// The confirmation code is empty.
    #[error("confirmation code cannot be empty")]
    EmptyCode,
    /// The answer to a sign-in challenge is empty.
    #[error("challenge response cannot be empty")]
    EmptyChallengeResponse,
    /// An attribute name is empty.
    #[error("attribute name cannot be empty")]
    EmptyAttributeName,
    /// A federated sign-in without a token.
    #[error("federated token cannot be empty")]
    EmptyToken,
    /// A developer-authenticated sign-in without the identity id its token is for.
    #[error("a developer-authenticated sign-in needs the identity id")]
    MissingIdentityId,
    /// An MFA choice the pending sign-in does not offer.
    #[error("MFA type {0} is not one of the offered choices")]
    MfaTypeNotAllowed(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_round_trips_codes() {
        assert_eq!(
            ErrorKind::from_code("NotAuthorizedException"),
            ErrorKind::NotAuthorized
        );
        assert_eq!(
            ErrorKind::NotAuthorized.code(),
            Some("NotAuthorizedException")
        );
        assert_eq!(
            ErrorKind::from_code("SomethingNewException"),
            ErrorKind::Other
        );
    }

    #[test]
    fn service_error_displays_code_and_message() {
        let error = AuthError::from(ServiceError {
            code: "NotAuthorizedException".into(),
            message: "Incorrect username or password.".into(),
            status: 400,
        });
        assert_eq!(
            error.to_string(),
            "NotAuthorizedException: Incorrect username or password."
        );
        assert_eq!(error.code(), Some("NotAuthorizedException"));
        assert_eq!(error.kind(), Some(ErrorKind::NotAuthorized));
    }
}
