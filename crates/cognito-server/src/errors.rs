//! The errors the API answers with: Cognito's `__type` names and messages, as awsJson1.1 responses.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// An error as a Cognito client sees it: the variant is the `__type`, the Display text the `message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    NotAuthorized(String),
    #[error("User does not exist.")]
    UserNotFound,
    #[error("User is not confirmed.")]
    UserNotConfirmed,
    #[error("{0}")]
    UsernameExists(String),
    #[error("{0}")]
    AliasExists(String),
    #[error("Invalid verification code provided, please try again.")]
    CodeMismatch,
    #[error("Invalid code provided, please request a code again.")]
    ExpiredCode,
    #[error("Password did not conform with policy: {0}")]
    InvalidPassword(String),
    #[error("{0}")]
    InvalidParameter(String),
    #[error("Attempt limit exceeded, please try after some time.")]
    LimitExceeded,
    #[error("Too many failed attempts.")]
    TooManyFailedAttempts,
    #[error("Password reset required for the user")]
    PasswordResetRequired,
    #[error("{0}")]
    ResourceNotFound(String),
    #[error("Software Token MFA has not been enabled by the user.")]
    SoftwareTokenMfaNotFound,
    #[error("Code mismatch and fail enable Software Token MFA")]
    EnableSoftwareTokenMfa,
    #[error("{0}")]
    UnsupportedOperation(String),
    /// CreateIdentityProvider with a name the pool already has.
    #[error("{0}")]
    DuplicateProvider(String),
    #[error("{0}")]
    InvalidOAuthFlow(String),
    #[error("{0}")]
    ScopeDoesNotExist(String),
    /// Identity pools: a login already linked to another identity.
    #[error("{0}")]
    ResourceConflict(String),
    #[error("{0}")]
    Serialization(String),
    #[error("{0}")]
    UnknownOperation(String),
    /// No SigV4 `Authorization` header on an admin operation.
    #[error("Missing Authentication Token")]
    MissingAuthenticationToken,
    /// A SigV4 signature that does not match.
    #[error("{0}")]
    InvalidSignature(String),
    /// A SigV4 access key id the server does not know.
    #[error("The security token included in the request is invalid.")]
    UnrecognizedClient,
    /// A provider this server had to ask (a JWKS, a token check) could not be reached.
    #[error("{0}")]
    ExternalService(String),
    #[error("{0}")]
    InternalError(String),
}

impl ApiError {
    /// The `__type` (and `x-amzn-ErrorType`) of this error.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::NotAuthorized(_) => "NotAuthorizedException",
            Self::UserNotFound => "UserNotFoundException",
            Self::UserNotConfirmed => "UserNotConfirmedException",
            Self::UsernameExists(_) => "UsernameExistsException",
            Self::AliasExists(_) => "AliasExistsException",
            Self::CodeMismatch => "CodeMismatchException",
            Self::ExpiredCode => "ExpiredCodeException",
            Self::InvalidPassword(_) => "InvalidPasswordException",
            Self::InvalidParameter(_) => "InvalidParameterException",
            Self::LimitExceeded => "LimitExceededException",
            Self::TooManyFailedAttempts => "TooManyFailedAttemptsException",
            Self::PasswordResetRequired => "PasswordResetRequiredException",
            Self::ResourceNotFound(_) => "ResourceNotFoundException",
            Self::SoftwareTokenMfaNotFound => "SoftwareTokenMFANotFoundException",
            Self::EnableSoftwareTokenMfa => "EnableSoftwareTokenMFAException",
            Self::UnsupportedOperation(_) => "UnsupportedOperationException",
            Self::InvalidOAuthFlow(_) => "InvalidOAuthFlowException",
            Self::ScopeDoesNotExist(_) => "ScopeDoesNotExistException",
            Self::DuplicateProvider(_) => "DuplicateProviderException",
            Self::ResourceConflict(_) => "ResourceConflictException",
            Self::Serialization(_) => "SerializationException",
            Self::UnknownOperation(_) => "UnknownOperationException",
            Self::MissingAuthenticationToken => "MissingAuthenticationTokenException",
            Self::InvalidSignature(_) => "InvalidSignatureException",
            Self::UnrecognizedClient => "UnrecognizedClientException",
            Self::ExternalService(_) => "ExternalServiceException",
            Self::InternalError(_) => "InternalErrorException",
        }
    }

    /// `NotAuthorizedException` with the message every failed password check gets, so a caller
    /// cannot tell a wrong password from other refusals.
    pub fn wrong_password() -> Self {
        Self::NotAuthorized("Incorrect username or password.".into())
    }

    /// `NotAuthorizedException` for a bad, expired or revoked access token.
    pub fn invalid_access_token() -> Self {
        Self::NotAuthorized("Invalid Access Token".into())
    }

    /// A missing required member, in the words of AWS's request validation.
    pub fn missing(member: &str) -> Self {
        Self::InvalidParameter(format!(
            "1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null"
        ))
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::InternalError(_) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        Self::InternalError(format!("storage error: {error}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "__type": self.type_name(), "message": self.to_string() });
        let mut response = (self.status(), body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-amz-json-1.1"),
        );
        headers.insert(
            "x-amzn-errortype",
            HeaderValue::from_static(self.type_name()),
        );
        // Header values cannot hold every character a message might; the body always has it.
        if let Ok(message) = HeaderValue::from_str(&self.to_string()) {
            headers.insert("x-amzn-errormessage", message);
        }
        response
    }
}

/// The result type of every operation.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_response_has_type_in_body_and_header() {
        let response = ApiError::wrong_password().into_response();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            response.headers()["x-amzn-errortype"],
            "NotAuthorizedException"
        );
    }

    #[test]
    fn internal_errors_are_500() {
        let response = ApiError::InternalError("x".into()).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
